"""
The catalogue a part writes: jurisdictions and lists upserted; coverage and relations set as a whole.

Coverage and relations keep their history: rows no longer wanted are closed
in recorded time, never deleted. A list row is updated in place; its details
keep what an update replaced (`list_details`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Connection, insert, select, update

from designations.batching import IN_LIMIT, batched
from designations.dates import Period
from designations.errors import InvalidRecordError, UnknownSubjectError
from designations.model import Relation
from designations.store import convert, list_details
from designations.store.batches import WriteBatch
from designations.store.reads import subject_pks
from designations.store.schema import CoverageTable, JurisdictionAliasTable, JurisdictionTable, ListTable, RelationTable
from designations.store.types import FOREVER_DATE, FOREVER_TIME

__all__ = ["check_absences", "set_coverage", "set_relations", "upsert_jurisdictions", "upsert_lists"]


def upsert_jurisdictions(conn: Connection, batch: WriteBatch) -> None:
    """Add new jurisdictions and aliases; update a jurisdiction whose name or time zone changed."""
    if not batch.jurisdictions and not batch.jurisdiction_aliases:
        return
    have = {r.code: r for r in conn.execute(select(JurisdictionTable))}
    for j in batch.jurisdictions:
        row = have.get(j.code)
        if row is None:
            conn.execute(insert(JurisdictionTable), {"code": j.code, "name": j.name, "timezone": j.timezone})
        elif (row.name, row.timezone) != (j.name, j.timezone):
            conn.execute(
                update(JurisdictionTable).where(JurisdictionTable.c.code == j.code)
                .values(name=j.name, timezone=j.timezone)
            )
    aliases = {r.alias for r in conn.execute(select(JurisdictionAliasTable.c.alias))}
    new = {a.casefold(): c for a, c in batch.jurisdiction_aliases if a.casefold() not in aliases}
    if new:
        conn.execute(insert(JurisdictionAliasTable), [{"alias": a, "code": c} for a, c in new.items()])


def upsert_lists(conn: Connection, batch: WriteBatch, recorded_at: dt.datetime) -> None:
    """Add new lists (and their jurisdictions); update a list whose details changed (absences kept in history)."""
    if not batch.lists:
        return
    codes = set(conn.scalars(select(JurisdictionTable.c.code)))
    have = {r.id: r for r in conn.execute(select(ListTable))}
    for lst in batch.lists:
        if lst.jurisdiction.code not in codes:
            conn.execute(insert(JurisdictionTable), {
                "code": lst.jurisdiction.code, "name": lst.jurisdiction.name,
                "timezone": lst.jurisdiction.timezone})
            codes.add(lst.jurisdiction.code)
        values = {"jurisdiction_code": lst.jurisdiction.code, "name": lst.name,
                  "authority": lst.authority, "legal_basis": lst.legal_basis,
                  "url": lst.url, "tags": ",".join(lst.tags), "established": lst.established,
                  "allowance_days": lst.allowance_days,
                  "verified_on": lst.verified.on if lst.verified else None,
                  "verified_count": lst.verified.count if lst.verified else None,
                  "reviewed": lst.reviewed}
        row = have.get(lst.id)
        replaced = None  # the answer fields' values this write replaces, kept in the details
        if row is not None and any(getattr(row, k) != values[k] for k in list_details.ANSWER_FIELDS):
            replaced = {k: getattr(row, k) for k in list_details.ANSWER_FIELDS}
        values["details"] = list_details.encode(lst, recorded_at, row.details if row is not None else "", replaced,
                                                new=row is None)
        if row is None:
            conn.execute(insert(ListTable), {"id": lst.id, **values})
        elif any(getattr(row, k) != v for k, v in values.items()):
            conn.execute(update(ListTable).where(ListTable.c.id == lst.id).values(**values))


def check_absences(conn: Connection, batch: WriteBatch) -> None:
    """
    Refuse a list whose sourced absences name a subject the store does not have (checked once the batch's own are in).

    An absence is kept by subject id, not by row: one that named nobody would never answer, silently.
    """
    named = {(lst.id, a.subject_id) for lst in batch.lists for a in lst.absent}
    if not named:
        return
    known = subject_pks(conn, {ref for _list_id, ref in named})
    missing = sorted(pair for pair in named if pair[1] not in known)
    if missing:
        list_id, ref = missing[0]
        msg = f"list {list_id}: an absence names subject {ref!r}, which the store does not have"
        raise InvalidRecordError(msg, field="absent")


def set_coverage(
    conn: Connection, coverage: Sequence[tuple[str, str, tuple[Period, ...]]], recorded_at: dt.datetime
) -> None:
    """Make each list's coverage from an origin the given periods, closing the rows it replaces."""
    for list_id, origin, periods in coverage:
        current = conn.execute(
            select(CoverageTable.c.id, CoverageTable.c.valid_from, CoverageTable.c.valid_to).where(
                CoverageTable.c.list_id == list_id, CoverageTable.c.origin == origin,
                CoverageTable.c.recorded_to == FOREVER_TIME)
        ).all()
        have = sorted((r.valid_from, r.valid_to) for r in current)
        want = sorted((p.start, p.end or FOREVER_DATE) for p in periods)
        if have == want:
            continue
        if current:
            conn.execute(update(CoverageTable).where(CoverageTable.c.id.in_([r.id for r in current]))
                         .values(recorded_to=recorded_at))
        if want:
            conn.execute(insert(CoverageTable), [
                {"list_id": list_id, "valid_from": lo, "valid_to": hi, "origin": origin,
                 "recorded_from": recorded_at, "recorded_to": FOREVER_TIME} for lo, hi in want])


def set_relations(conn: Connection, relations: Sequence[Relation], recorded_at: dt.datetime) -> None:
    """Make `relations` the current set: close the rows no longer wanted, add the new ones."""
    import json  # noqa: PLC0415

    keys = subject_pks(conn, {r.subject_id for r in relations} | {r.other_id for r in relations})
    for r in relations:
        for ref in (r.subject_id, r.other_id):
            if ref not in keys:
                raise UnknownSubjectError(ref)
    want = {(keys[r.subject_id], r.kind.value, keys[r.other_id], r.list_id):
            (r.note, json.dumps(convert.sources_json(r.sources), ensure_ascii=False, sort_keys=True), r.since, r.until)
            for r in relations}
    rel = RelationTable.c
    current = conn.execute(select(rel.id, rel.subject_pk, rel.kind, rel.other_pk, rel.list_id, rel.note, rel.sources,
                                  rel.valid_from, rel.valid_to)
                           .where(rel.recorded_to == FOREVER_TIME)).all()
    have = {(r.subject_pk, r.kind, r.other_pk, r.list_id): (r.note, r.sources, r.valid_from, r.valid_to)
            for r in current}
    stale = [r.id for r in current if want.get((r.subject_pk, r.kind, r.other_pk, r.list_id))
             != have[r.subject_pk, r.kind, r.other_pk, r.list_id]]
    for chunk in batched(stale, IN_LIMIT):
        conn.execute(update(RelationTable).where(RelationTable.c.id.in_(chunk)).values(recorded_to=recorded_at))
    new = [{"subject_pk": k[0], "kind": k[1], "other_pk": k[2], "list_id": k[3], "note": v[0], "sources": v[1],
            "valid_from": v[2], "valid_to": v[3], "recorded_from": recorded_at, "recorded_to": FOREVER_TIME}
           for k, v in want.items() if have.get(k) != v]
    if new:
        conn.execute(insert(RelationTable), new)
