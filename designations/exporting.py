"""
Export the registry as FollowTheMoney entities (JSON lines), for other screening tools.

Each subject becomes a `Person` or `Organization` (`name`, `alias`); each
listing period of a subject on a list becomes a `Sanction` linked to it
(`entity`), with `authority`, `program` (the list id), `listingDate` and
`startDate` (the LISTED event), `endDate` (the REMOVED event, if any) and
`status` (`active` or `expired`). Dates keep their precision: a window
between two publications is written as the longest common prefix of its
bounds (`2020-01-11/2020-06-15` -> `2020`), and a wholly unknown start is
left out. `designations import ftm` reads the result back.

More information: https://followthemoney.tech/explorer/schemata/Sanction/
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import select

from designations.dates import DateWindow, Precision
from designations.model import EventKind
from designations.store.schema import (
    EventRow,
    JurisdictionRow,
    ListRow,
    RetractionRow,
    SubjectIdentifierRow,
    SubjectNameRow,
    SubjectRow,
)

if TYPE_CHECKING:
    from designations.registry import Registry

__all__ = ["export_ftm", "ftm_date", "ftm_entities"]

_SCHEMA = {"person": "Person", "organisation": "Organization", "vessel": "Vessel",
           "aircraft": "Airplane"}


def ftm_date(window: DateWindow) -> str:
    """An FtM (prefix) date for a window: exact, month, year, or the common prefix of a range."""
    if window.precision is not Precision.RANGE:
        return str(window)
    lo, hi = window.earliest.isoformat(), window.latest.isoformat()
    if window.earliest.year == 1:
        return ""
    prefix = ""
    for size in (10, 7, 4):
        if lo[:size] == hi[:size]:
            prefix = lo[:size]
            break
    return prefix


def ftm_entities(registry: Registry) -> Iterator[dict[str, Any]]:
    """Yield the FtM entities of every subject with events, then their Sanctions."""
    with registry.store.read() as conn:
        lists = {r.id: r for r in conn.execute(select(ListRow))}
        juris = {r.code: r.name for r in conn.execute(select(JurisdictionRow))}
        gone = select(RetractionRow.event_id).where(RetractionRow.event_id == EventRow.id).exists()
        events: dict[int, list[Any]] = defaultdict(list)
        for row in conn.execute(select(EventRow).where(~gone).order_by(
                EventRow.subject_pk, EventRow.list_id, EventRow.effective_from, EventRow.id)):
            events[row.subject_pk].append(row)
        names: dict[int, list[Any]] = defaultdict(list)
        for name_row in conn.execute(select(SubjectNameRow).order_by(SubjectNameRow.id)):
            names[name_row.subject_pk].append(name_row)
        idents: dict[int, list[Any]] = defaultdict(list)
        for ident_row in conn.execute(select(SubjectIdentifierRow)):
            idents[ident_row.subject_pk].append(ident_row)
        subjects = list(conn.execute(select(SubjectRow).order_by(SubjectRow.key)))
    for subject in subjects:
        if subject.pk not in events:
            continue
        entity_id = f"designations-{subject.key}"
        aliases = [n.value for n in names[subject.pk] if n.value != subject.name]
        props: dict[str, list[str]] = {"name": [subject.name]}
        if aliases:
            props["alias"] = sorted(set(aliases))
        yield {"id": entity_id, "schema": _SCHEMA.get(subject.kind, "LegalEntity"),
               "caption": subject.name, "properties": props, "datasets": ["designations"],
               "referents": sorted(f"{i.scheme}-{i.value}" for i in idents[subject.pk]),
               "target": True}
        yield from _sanctions(entity_id, events[subject.pk], lists, juris)


def _sanctions(entity_id: str, rows: list[Any], lists: dict[str, Any],
               juris: dict[str, str]) -> Iterator[dict[str, Any]]:
    by_list: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        by_list[row.list_id].append(row)
    for list_id, items in by_list.items():
        lst = lists.get(list_id)
        authority = (lst.authority if lst is not None and lst.authority else
                     juris.get(lst.jurisdiction_code, "") if lst is not None else "")
        period: dict[str, Any] | None = None
        n = 0
        for row in items:
            window = DateWindow(row.effective_from, row.effective_to, Precision(row.precision))
            if row.kind == EventKind.LISTED.value and period is None:
                n += 1
                period = {"start": ftm_date(window), "end": "", "n": n}
                continue
            if row.kind == EventKind.REMOVED.value and period is not None:
                period["end"] = ftm_date(window) or row.effective_to.isoformat()
                yield _sanction(entity_id, list_id, authority, period)
                period = None
        if period is not None:
            yield _sanction(entity_id, list_id, authority, period)


def _sanction(entity_id: str, list_id: str, authority: str,
              period: dict[str, Any]) -> dict[str, Any]:
    props: dict[str, list[str]] = {"entity": [entity_id], "program": [list_id],
                                   "status": ["expired" if period["end"] else "active"]}
    if authority:
        props["authority"] = [authority]
    if period["start"]:
        props["startDate"] = [period["start"]]
        props["listingDate"] = [period["start"]]
    if period["end"]:
        props["endDate"] = [period["end"]]
    return {"id": f"{entity_id}-{list_id}-{period['n']}", "schema": "Sanction",
            "caption": list_id, "properties": props, "datasets": [list_id]}


def export_ftm(registry: Registry, out: IO[str]) -> int:
    """Write the registry as FtM JSON lines to `out`; returns the number of entities."""
    count = 0
    for entity in ftm_entities(registry):
        out.write(json.dumps(entity, ensure_ascii=False, sort_keys=True))
        out.write("\n")
        count += 1
    return count
