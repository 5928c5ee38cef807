"""
Status periods re-derived for the pairs a part touched: current rows superseded, the replay inserted.

A pair's periods come from its live events by the one rule in `store.periods`;
`db rebuild` writes them with `period_tuples` too.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs
from sqlalchemy import Connection, select, update

from designations.batching import IN_LIMIT, batched, distinct_batches
from designations.model import Event
from designations.store import bulk, convert
from designations.store.periods import derive_template
from designations.store.schema import EventTable, PeriodTable, RetractionTable, SubjectTable
from designations.store.types import FOREVER_TIME
from designations.store.write_context import ROWS, WriteContext

if TYPE_CHECKING:
    from designations.store.event_writes import PairEvents

__all__ = ["period_tuples", "rederive", "supersede"]


def period_tuples(
    ctx: WriteContext, pair: tuple[int, str], events: Sequence[Event], ids: Sequence[int | None]
) -> list[tuple[Any, ...]]:
    """Check a pair's history and replay it into `status_period` tuples (current from now on); `ids` per event."""
    days, template = derive_template(events)
    day, boolean, pk, list_id, at = ctx.day, ctx.inserter.boolean, pair[0], pair[1], ctx.recorded_text
    texts = [day(d) for d in days]
    rows: list[tuple[Any, ...]] = []
    for state, certain, possible, vf, vt, kf, kt, setter, pending, since, scope_since, earliest in template:
        first = ids[setter] if setter is not None else None
        if pending:
            chain = [first] if first is not None else []
            chain.extend(i for i in (ids[p] for p in pending) if i is not None)
            text_chain = ",".join(str(i) for i in chain)
        else:
            text_chain = "" if first is None else str(first)
        rows.append((pk, list_id, state, boolean(certain), possible, texts[vf], texts[vt], texts[kf],
                     texts[kt], at, bulk.FOREVER_TIME_TEXT, first, text_chain, texts[since], texts[scope_since],
                     texts[earliest]))
    return rows


def rederive(
    ctx: WriteContext,
    retracted: set[tuple[int, str]],
    fresh: PairEvents,
    first_id: int,
    new_from: int | None,
) -> None:
    """Replay every touched pair, check it, and supersede its current period rows."""
    if not retracted and not fresh:
        return
    older = retracted | _pairs_with_older_events(ctx, fresh, first_id, new_from)
    # pairs with nothing stored before need no statement
    live = supersede(ctx.conn, older, ctx.recorded_at) if older else {}
    rows: list[tuple[Any, ...]] = []
    pairs = [*sorted(retracted - set(fresh)), *fresh]
    for pair in pairs:
        if pair in older:
            history = live.get(pair, [])
            rows.extend(period_tuples(ctx, pair, history, [e.id for e in history]))
        else:
            group = fresh[pair]
            events = [e for e, _ in group]
            if len({id(e) for e in events}) < len(events):  # one Event object given twice: make each its own
                events = [attrs.evolve(e, id=i) for e, i in group]
            rows.extend(period_tuples(ctx, pair, events, [i for _, i in group]))
        if len(rows) >= ROWS:
            ctx.insert_periods(rows)
            rows = []
    ctx.insert_periods(rows)


def _live_events(conn: Connection, pairs: set[tuple[int, str]]) -> dict[tuple[int, str], list[Event]]:
    """The unretracted events of each pair, as lightweight Events (no sources)."""
    out: dict[tuple[int, str], list[Event]] = defaultdict(list)
    retracted = select(RetractionTable.c.event_id).where(RetractionTable.c.event_id == EventTable.c.id).exists()
    for chunk in distinct_batches(pk for pk, _ in pairs):
        names = dict(conn.execute(
            select(SubjectTable.c.pk, SubjectTable.c.key).where(SubjectTable.c.pk.in_(chunk))).all())
        stmt = select(EventTable).where(EventTable.c.subject_pk.in_(chunk), ~retracted)
        for row in conn.execute(stmt).mappings():
            pair = (row["subject_pk"], row["list_id"])
            if pair in pairs:
                out[pair].append(convert.event_from_row(row, names[row["subject_pk"]]))
    return out


def supersede(
    conn: Connection, older: set[tuple[int, str]], recorded_at: dt.datetime
) -> dict[tuple[int, str], list[Event]]:
    """Close the current period rows of pairs with stored events; returns their live events for the replay."""
    live = _live_events(conn, older)
    current: list[int] = []
    for chunk in distinct_batches(pk for pk, _ in older):
        found = conn.execute(
            select(PeriodTable.c.id, PeriodTable.c.subject_pk, PeriodTable.c.list_id).where(
                PeriodTable.c.subject_pk.in_(chunk), PeriodTable.c.recorded_to == FOREVER_TIME)
        )
        current.extend(i for i, pk, lid in found if (pk, lid) in older)
    for ids in batched(current, IN_LIMIT):
        conn.execute(update(PeriodTable).where(PeriodTable.c.id.in_(ids)).values(recorded_to=recorded_at))
    return live


def _pairs_with_older_events(
    ctx: WriteContext, fresh: PairEvents, first_id: int, new_from: int | None
) -> set[tuple[int, str]]:
    """The touched pairs that had events before this part (earlier batches or earlier parts)."""
    found: set[tuple[int, str]] = set()
    subjects = {pk for pk, _ in fresh if new_from is None or pk < new_from}
    if not subjects:  # every subject is new in this part: no statement
        return found
    conn = ctx.conn
    for chunk in distinct_batches(subjects):
        stmt = select(EventTable.c.subject_pk, EventTable.c.list_id).where(
            EventTable.c.subject_pk.in_(chunk), EventTable.c.id < first_id).distinct()
        found |= {(pk, lid) for pk, lid in conn.execute(stmt) if (pk, lid) in fresh}
    return found
