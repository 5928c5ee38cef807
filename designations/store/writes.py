"""
Writes: one `WriteBatch` in one transaction, validated, append-only.

A batch adds subjects, events and retractions, sets coverage and records a
publication. Every (subject, list) it touches is replayed; an invalid
history raises and the transaction rolls back, leaving the store as it was.
This module opens, applies and finishes the transaction; each kind of row
has its own module (`subject_writes`, `event_writes`, `period_writes`,
`catalogue_writes`, `publication_writes`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pendulum
from sqlalchemy import Connection, func, insert, select, text, update

from designations.store import guard
from designations.store.batches import WriteBatch
from designations.store.catalogue_writes import (
    check_absences,
    set_coverage,
    set_relations,
    upsert_jurisdictions,
    upsert_lists,
)
from designations.store.event_writes import insert_events, retract
from designations.store.period_writes import rederive
from designations.store.publication_writes import record_publications
from designations.store.schema import BatchTable, EventTable, MetaTable, PeriodTable
from designations.store.subject_writes import upsert_subjects
from designations.store.write_context import WriteContext, first_free_id

__all__ = ["WriteContext", "apply_part", "begin_batch", "finish"]

_TICK = dt.timedelta(microseconds=1)


def begin_batch(
    conn: Connection,
    clock: Callable[[], pendulum.DateTime],
    *,
    kind: str,
    note: str = "",
    source_path: str = "",
    sha256: str = "",
    defer_guard: bool = False,
    server_time: bool = False,
) -> WriteContext:
    """
    Take the writer's turn, insert the batch row, and (on request) lift the overlap guard.

    The recorded time is the clock's (PostgreSQL's own with `server_time`), and
    always later than the last batch's: the store, not a client, orders writes.
    """
    postgres = conn.dialect.name == "postgresql"
    if postgres:
        conn.execute(select(MetaTable.c.value).where(MetaTable.c.key == "clock").with_for_update())
    last = conn.scalar(select(BatchTable.c.recorded_at).order_by(BatchTable.c.recorded_at.desc()).limit(1))
    if server_time and postgres:
        now = pendulum.instance(conn.scalar(text("SELECT clock_timestamp()"))).in_timezone("UTC")
    else:
        now = clock().in_timezone("UTC")
    recorded_at = now if last is None or now > last else last + _TICK
    batch_id = conn.execute(
        insert(BatchTable).returning(BatchTable.c.id),
        {"recorded_at": recorded_at, "kind": kind, "note": note,
         "source_path": source_path, "sha256": sha256},
    ).scalar_one()
    ctx = WriteContext(conn, batch_id, recorded_at)
    if defer_guard:
        ctx.lift_guard()
    return ctx


def apply_part(ctx: WriteContext, batch: WriteBatch) -> tuple[int, ...]:
    """
    Write one part of the open batch; returns the new event ids in order.

    Parts see each other's rows (one transaction). A (subject, list) pair is
    best kept in one part: a pair that comes back in a later part is replayed
    again, and its earlier rows are closed with an empty recorded-time range.
    """
    conn = ctx.conn
    if batch.bulk and conn.dialect.name == "sqlite":
        ctx.lift_guard()  # periods are checked set-wise as written (`insert_periods`); PostgreSQL keeps its constraint
    upsert_jurisdictions(conn, batch)
    upsert_lists(conn, batch, ctx.recorded_at)
    if batch.lists:
        ctx.lists(refresh=True)
    ctx.start_periods()
    periods_from, periods_before = ctx.period_top, ctx.checked_rows
    first_event = first_free_id(conn, EventTable.c.id) if batch.events else 0
    keys, new_from = upsert_subjects(ctx, batch)
    check_absences(conn, batch)
    ctx.minted_from = new_from
    retracted = retract(ctx, batch.retractions)
    ids, fresh = insert_events(ctx, batch.events, keys, first_event)
    rederive(ctx, retracted, fresh, first_event, new_from)
    ctx.minted_from = None
    ctx.verify_periods(periods_from, ctx.checked_rows - periods_before)
    set_coverage(conn, batch.coverage, ctx.recorded_at)
    if batch.relations is not None:
        set_relations(conn, batch.relations, ctx.recorded_at)
    record_publications(ctx, batch.publications, keys)
    for key, value in batch.meta:
        _set_meta(conn, key, value)
    return tuple(ids)


def finish(ctx: WriteContext) -> None:
    """Before commit: sync PostgreSQL sequences and put a lifted guard back, verified."""
    if ctx.wrote_subjects:
        _sync_sequence(ctx.conn, "subject", "pk")
    if ctx.wrote_events:
        _sync_sequence(ctx.conn, "event", "id")
    if ctx.guard_lifted:
        written = ctx.conn.scalar(select(func.count()).where(PeriodTable.c.id > ctx.checked_after))
        guard.restore_guard(ctx.conn, ctx.checked_after, checked=written == ctx.checked_rows)


def _set_meta(conn: Connection, key: str, value: str) -> None:
    """Set a store-level setting, adding it when new."""
    found = conn.scalar(select(MetaTable.c.key).where(MetaTable.c.key == key))
    if found is None:
        conn.execute(insert(MetaTable), {"key": key, "value": value})
    else:
        conn.execute(update(MetaTable).where(MetaTable.c.key == key).values(value=value))


def _sync_sequence(conn: Connection, table: str, column: str) -> None:
    """On PostgreSQL, move the serial sequence past the ids we assigned."""
    if conn.dialect.name == "postgresql":
        conn.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "  # noqa: S608 - fixed names
            f"(SELECT COALESCE(MAX({column}), 0) + 1 FROM {table}), false)"
        ))
