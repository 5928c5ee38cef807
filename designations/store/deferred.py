"""
Indexes a bulk load puts off: dropped while it writes, built once when it ends.

Two indexes are keyed by date: `ix_event_changes` (what `changes` reads) and
`ix_status_period_snapshot` (what `snapshot` reads). A part of a load adds
rows for every year, so each commit rewrote most of their leaf pages: on
SQLite a 100,000-event part wrote about 285 MB of log, whatever the store's
size. Nothing in the write path reads them. `Store.bulk_load` drops them
(`defer`) and builds them again at the end (`restore`), sorting each once;
measured in `benchmarks/results/scale_sqlite.md`.

The names of the dropped indexes are kept in `meta` (key `deferred_indexes`,
empty once built), in the transaction that drops them, so a load that never reached its end
(a killed process) leaves a record: `db check` reports the indexes as
missing and `db rebuild` builds them (`restore`). Answers stay right without
them, only slower. Unique indexes are never put off: they keep the rules.
"""

from __future__ import annotations

import os

from sqlalchemy import Connection, Index, inspect, select, update
from sqlalchemy.schema import CreateIndex, DropIndex

from designations.store.engine import READ_CACHE_KIB
from designations.store.schema import EventTable, MetaTable, PeriodTable

__all__ = ["DEFERRABLE", "META_KEY", "defer", "missing", "recorded", "restore", "table_of"]

META_KEY = "deferred_indexes"
"""The `meta` row naming the indexes a bulk load dropped (empty, or absent, when none is put off)."""

_INDEXES: dict[str, tuple[Index, str]] = {
    str(index.name): (index, table.name)
    for table in (EventTable, PeriodTable)
    for index in table.indexes
    if index.name in {"ix_event_changes", "ix_status_period_snapshot"}
}
_SORT_THREADS = min(4, os.cpu_count() or 1)
"""SQLite's sorter threads for building an index (`PRAGMA threads`)."""
DEFERRABLE: tuple[str, ...] = tuple(sorted(_INDEXES))
"""The indexes a bulk load may drop: keyed by date, not unique, and read by no write."""


def table_of(name: str) -> str:
    """The table a deferrable index belongs to."""
    return _INDEXES[name][1]


def defer(conn: Connection) -> tuple[str, ...]:
    """Drop the deferrable indexes and record them (in the caller's transaction); returns those dropped now."""
    have = _present(conn)
    dropped = tuple(name for name in DEFERRABLE if name in have)
    for name in dropped:
        conn.execute(DropIndex(_INDEXES[name][0], if_exists=True))
    _record(conn, ",".join(DEFERRABLE))
    return dropped


def missing(conn: Connection) -> tuple[str, ...]:
    """The deferrable indexes the store lacks (a bulk load under way, or one that never ended)."""
    have = _present(conn)
    return tuple(name for name in DEFERRABLE if name not in have)


def recorded(conn: Connection) -> tuple[str, ...]:
    """The indexes a bulk load recorded as dropped and not yet built."""
    value = conn.scalar(select(MetaTable.c.value).where(MetaTable.c.key == META_KEY))
    return tuple(name for name in (value or "").split(",") if name)


def restore(conn: Connection) -> tuple[str, ...]:
    """
    Build the deferrable indexes the store lacks and clear the record (in the caller's transaction).

    On SQLite the sort runs on worker threads with SQLite's default page
    cache: on the 1M-subject store the two builds took 16.6 s this way and 28.4 s with
    a writer's 256 MiB cache and no threads (`scale_sqlite.md`).
    """
    built = missing(conn)
    sqlite = conn.dialect.name == "sqlite"
    if built and sqlite:
        conn.exec_driver_sql(f"PRAGMA cache_size=-{READ_CACHE_KIB}")
        conn.exec_driver_sql(f"PRAGMA threads={_SORT_THREADS}")
    try:
        for name in built:
            conn.execute(CreateIndex(_INDEXES[name][0], if_not_exists=True))
    finally:
        if built and sqlite:
            conn.exec_driver_sql("PRAGMA threads=0")
    _record(conn, "")
    return built


def _record(conn: Connection, names: str) -> None:
    """Set the `meta` record (updated, never deleted: the store deletes nothing)."""
    if conn.scalar(select(MetaTable.c.value).where(MetaTable.c.key == META_KEY)) is None:
        if names:
            conn.execute(MetaTable.insert().values(key=META_KEY, value=names))
    else:
        conn.execute(update(MetaTable).where(MetaTable.c.key == META_KEY).values(value=names))


def _present(conn: Connection) -> set[str]:
    found: set[str] = set()
    for table in (EventTable, PeriodTable):
        found.update(str(ix["name"]) for ix in inspect(conn).get_indexes(table.name))
    return found
