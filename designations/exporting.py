"""
Export the registry as FollowTheMoney entities (JSON lines), for other screening tools.

Each subject becomes a `Person` or `Organization` (`name`, `alias`); each
listing period of a subject on a list becomes a `Sanction` linked to it
(`entity`), with `authority`, `program` (the list id), `listingDate` and
`startDate` (the LISTED event), `endDate` (the REMOVED event, if any) and
`status` (`active`, `suspended` or `expired`). A Sanction that designated only a part of
the subject for some of its time (a military wing) says so in `summary`,
with the part's name and until when: FtM links a Sanction to one entity,
and a wing's listing must not read as the whole's. A suspension is no end (the
designation stands, not in force): a Sanction suspended now has status `suspended`,
and `summary` gives each suspension's days (Russia's ban of the Taliban, suspended by
its Supreme Court on 2025-04-17, is not exported as active). Dates keep their precision: a window
between two publications is written as the longest common prefix of its
bounds (`2020-01-11/2020-06-15` -> `2020`), and a wholly unknown start is
left out. `designations import ftm` reads the result back, suspensions included.

More information: https://followthemoney.tech/explorer/schemata/Sanction/
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

from designations.dates import DateWindow, Precision
from designations.formats.diff import SUSPENDED_STATUS
from designations.model import DesignationList, Event, EventKind, Scope
from designations.store import reads
from designations.store.types import LATEST

if TYPE_CHECKING:
    from designations.store import Store

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


def ftm_entities(store: Store) -> Iterator[dict[str, Any]]:
    """Yield the FtM entities of every subject with events, then their Sanctions."""
    with store.read() as conn:
        lists = reads.load_lists(conn, LATEST)
        events: dict[int, list[Event]] = defaultdict(list)
        for event, pk in reads.events_for(conn, at=LATEST, with_sources=False):  # a Sanction cites no source
            events[pk].append(event)
        subjects = sorted(reads.subjects_by_pk(conn, events).items(), key=lambda item: item[1].id)
    for pk, subject in subjects:
        entity_id = f"designations-{subject.id}"
        aliases = {a.value for a in subject.aliases if a.value != subject.name and not a.weak}
        weak = {a.value for a in subject.aliases if a.value != subject.name and a.weak}
        props: dict[str, list[str]] = {"name": [subject.name]}
        if aliases:
            props["alias"] = sorted(aliases)
        if weak:
            props["weakAlias"] = sorted(weak)
        yield {"id": entity_id, "schema": _SCHEMA.get(subject.kind.value, "LegalEntity"),
               "caption": subject.name, "properties": props, "datasets": ["designations"],
               "referents": sorted(f"{i.scheme}-{i.value}" for i in subject.identifiers),
               "target": True}
        yield from _sanctions(entity_id, events[pk], lists)


def _sanctions(entity_id: str, events: list[Event], lists: dict[str, DesignationList]) -> Iterator[dict[str, Any]]:
    by_list: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_list[event.list_id].append(event)
    for list_id, items in sorted(by_list.items()):
        lst = lists.get(list_id)
        authority = (lst.authority or lst.jurisdiction.name) if lst is not None else ""
        period: dict[str, Any] | None = None
        n = 0
        for event in items:
            window = event.effective
            if event.kind is EventKind.LISTED and period is None:
                n += 1
                period = {"start": ftm_date(window), "end": "", "n": n, "scopes": [(event, event.scope)],
                          "pauses": []}
                continue
            if period is not None and event.kind in (EventKind.AMENDED, EventKind.REINSTATED):
                period["scopes"].append((event, event.scope))
            if period is not None and event.kind in (EventKind.SUSPENDED, EventKind.REINSTATED):
                period["pauses"].append((event.kind, _day_text(window)))
            if event.kind is EventKind.REMOVED and period is not None:
                period["end"] = ftm_date(window) or window.latest.isoformat()
                yield _sanction(entity_id, list_id, authority, period)
                period = None
        if period is not None:
            yield _sanction(entity_id, list_id, authority, period)


def _scope_summary(scopes: list[tuple[Event, Scope]]) -> str:
    """
    What a Sanction designated, when only a part of the subject for some of its time ('' when always the whole).

    Each part-only stretch reads 'Only a part of the entity was designated (<parts>) until <day>' when a
    later act widened it to the whole, and 'Designates only a part of the entity (<parts>)' while it lasts.
    """
    lines: list[str] = []
    parts: list[str] = []  # the names the current part-only stretch listed, in order
    in_part = False
    for event, scope in scopes:
        if scope is Scope.PART:
            in_part = True
            if event.listed_as and event.listed_as not in parts:
                parts.append(event.listed_as)
        elif in_part:
            named = f" ({'; then '.join(parts)})" if parts else ""
            lines.append(f"Only a part of the entity was designated{named} until {ftm_date(event.effective)}.")
            parts, in_part = [], False
    if in_part:
        lines.append("Designates only a part of the entity" + (f" ({'; then '.join(parts)})" if parts else "") + ".")
    return " ".join(lines)


def _day_text(window: DateWindow) -> str:
    """A day of an act as a summary says it: the FtM date, or 'a day in A/B' for a window across months or years."""
    if window.earliest.year == 1:
        return "a day not known"
    return ftm_date(window) or f"a day in {window}"


def _suspensions(pauses: list[tuple[EventKind, str]]) -> tuple[str, bool]:
    """
    The suspensions of a Sanction as a sentence ('' when none), and whether the last still stands.

    'Suspended from A until B.' for each one a reinstatement ended; 'Suspended since A (not in force).'
    for one that still stands.
    """
    lines: list[str] = []
    since: str | None = None
    for kind, day in pauses:
        if kind is EventKind.SUSPENDED and since is None:
            since = day
        elif kind is EventKind.REINSTATED and since is not None:
            lines.append(f"Suspended from {since} until {day}.")
            since = None
    if since is not None:
        lines.append(f"Suspended since {since} (not in force).")
    return " ".join(lines), since is not None


def _sanction(entity_id: str, list_id: str, authority: str,
              period: dict[str, Any]) -> dict[str, Any]:
    paused, suspended = _suspensions(period["pauses"])
    status = "expired" if period["end"] else SUSPENDED_STATUS if suspended else "active"
    props: dict[str, list[str]] = {"entity": [entity_id], "program": [list_id], "status": [status]}
    if authority:
        props["authority"] = [authority]
    if period["start"]:
        props["startDate"] = [period["start"]]
        props["listingDate"] = [period["start"]]
    if period["end"]:
        props["endDate"] = [period["end"]]
    summary = " ".join(filter(None, (_scope_summary(period["scopes"]), paused)))
    if summary:
        props["summary"] = [summary]
    return {"id": f"{entity_id}-{list_id}-{period['n']}", "schema": "Sanction",
            "caption": list_id, "properties": props, "datasets": [list_id]}


def export_ftm(store: Store, out: IO[str]) -> int:
    """Write the registry as FtM JSON lines to `out`; returns the number of entities."""
    count = 0
    for entity in ftm_entities(store):
        out.write(json.dumps(entity, ensure_ascii=False, sort_keys=True))
        out.write("\n")
        count += 1
    return count
