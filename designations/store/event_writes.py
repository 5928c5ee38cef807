"""
Events written by a part: new events inserted with their citations, stored ones retracted.

Both return the (subject, list) pairs they touch, for `period_writes` to replay.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, select

from designations.batching import batched, distinct_batches
from designations.dates import Precision
from designations.errors import InvalidRecordError, UnknownEventError, UnknownListError, UnknownSubjectError
from designations.model import Event, EventKind, Scope
from designations.store import convert
from designations.store.schema import EventTable, RetractionTable
from designations.store.write_context import ROWS, WriteContext

__all__ = ["PairEvents", "insert_events", "retract"]

PairEvents = dict[tuple[int, str], list[tuple[Event, int]]]
"""(subject pk, list id) -> the part's new events of that pair, each with the id it was given."""

_VALUES: dict[Any, str] = {m: m.value for kind in (EventKind, Precision, Scope) for m in kind}
"""Enum member -> stored text, without the enum property lookup per row."""


def retract(ctx: WriteContext, retractions: Sequence[tuple[int, str]]) -> set[tuple[int, str]]:
    """Record the retractions; returns the (subject pk, list id) pairs of the retracted events."""
    if not retractions:
        return set()
    conn, batch_id, recorded_at = ctx.conn, ctx.batch_id, ctx.recorded_at
    ids = [i for i, _ in retractions]
    found: dict[int, Any] = {}
    gone: set[int] = set()
    for chunk in distinct_batches(ids):
        found.update((r.id, r) for r in conn.execute(
            select(EventTable.c.id, EventTable.c.subject_pk, EventTable.c.list_id).where(EventTable.c.id.in_(chunk))))
        gone.update(conn.scalars(select(RetractionTable.c.event_id).where(RetractionTable.c.event_id.in_(chunk))))
    rows = []
    for event_id, reason in retractions:
        if event_id not in found:
            raise UnknownEventError(event_id)
        if event_id in gone:
            msg = f"event {event_id} is already retracted"
            raise InvalidRecordError(msg, field="event_id")
        if not reason.strip():
            msg = "a retraction needs a reason"
            raise InvalidRecordError(msg, field="reason")
        gone.add(event_id)
        rows.append({"event_id": event_id, "reason": reason, "batch_id": batch_id,
                     "recorded_at": recorded_at})
    conn.execute(insert(RetractionTable), rows)
    return {(found[i].subject_pk, found[i].list_id) for i in ids}


def insert_events(
    ctx: WriteContext, events: Sequence[Event], keys: dict[str, int], first: int
) -> tuple[list[int], PairEvents]:
    """Validate and insert events (with their citations), numbered from `first`; returns ids, (event, id) per pair."""
    if not events:
        return [], {}
    lists = ctx.lists()
    for e in events:
        if e.subject_id not in keys:
            raise UnknownSubjectError(e.subject_id)
        if e.list_id not in lists:
            raise UnknownListError(e.list_id, sorted(lists))
        if not e.sources:
            msg = f"every event needs at least one source ({e.kind.value} of {e.subject_id!r} on {e.list_id})"
            raise InvalidRecordError(msg, field="sources")
    ids = list(range(first, first + len(events)))
    day, batch_id, at = ctx.day, ctx.batch_id, ctx.recorded_text
    fresh: PairEvents = {}
    cited: dict[int, str] = {}
    """Per tuple of sources (one object often shared by many events): its `citations` text."""
    citations_text = convert.citations_text
    start = first
    for chunk in batched(events, ROWS):
        rows: list[tuple[Any, ...]] = []
        for i, e in enumerate(chunk, start=start):
            w = e.effective
            pk = keys[e.subject_id]
            decided = e.decided
            latest, published = day(w.latest), day(e.published)  # known from: published, else latest
            given = cited.get(id(e.sources))
            if given is None:
                given = cited[id(e.sources)] = citations_text(e.sources)
            rows.append((i, pk, e.list_id, _VALUES[e.kind], day(w.earliest), latest,
                         _VALUES[w.precision], published, published or latest, e.instrument,
                         e.note, e.key, e.corrects, batch_id, at,
                         day(decided.earliest) if decided else None, day(decided.latest) if decided else None,
                         e.listed_as, _VALUES[e.scope], given))
            pair = (pk, e.list_id)
            group = fresh.get(pair)
            if group is None:
                fresh[pair] = [(e, i)]
            else:
                group.append((e, i))
        ctx.inserter.insert("event", rows)
        start += len(chunk)
    ctx.wrote_events = True
    return ids, fresh
