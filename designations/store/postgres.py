"""
Everything in the store that only PostgreSQL does.

- The exclusion constraint (btree_gist) that makes two status periods of
  one subject on one list overlapping in valid, known *and* recorded time
  impossible, as DDL helpers used by migration 0002 and the benchmarks.
- An advisory lock so that two processes opening an empty database do not
  both try to create the schema.
- `copy_tuples`: the fast insert layer's COPY (`store.bulk`).
- `suspend_exclusion` / `restore_exclusion`: an explicit bulk load may
  drop the constraint inside its transaction and must add it back (which
  re-validates every row) before it commits.

See https://www.postgresql.org/docs/15/btree-gist.html and
https://www.postgresql.org/docs/15/sql-createtable.html#SQL-CREATETABLE-EXCLUDE.
Nothing here is imported on SQLite.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

__all__ = [
    "COPY_THRESHOLD",
    "EXCLUSION_NAME",
    "add_exclusion",
    "copy_tuples",
    "drop_exclusion",
    "has_exclusion",
    "migration_lock",
]

EXCLUSION_NAME = "ex_status_period_no_overlap"
"""Name of the exclusion constraint on `status_period`."""

EXCLUSION_DDL = (
    f"ALTER TABLE status_period ADD CONSTRAINT {EXCLUSION_NAME} EXCLUDE USING gist ("
    "subject_pk WITH =, list_id WITH =, "
    "daterange(valid_from, valid_to) WITH &&, "
    "daterange(known_from, known_to) WITH &&, "
    "tsrange(recorded_from, recorded_to) WITH &&)"
)

COPY_THRESHOLD = 5000
"""Batches with at least this many rows for one table go through COPY."""

_LOCK_KEY = 0x64657369  # "desi": the registry's advisory-lock key for schema changes


def add_exclusion(conn: Connection) -> None:
    """Install btree_gist (trusted since PostgreSQL 13) and the exclusion constraint."""
    conn.execute(text("CREATE EXTENSION IF NOT EXISTS btree_gist"))
    if not has_exclusion(conn):
        conn.execute(text(EXCLUSION_DDL))


def drop_exclusion(conn: Connection) -> None:
    """Remove the exclusion constraint (benchmarks measure its cost this way)."""
    conn.execute(text(f"ALTER TABLE status_period DROP CONSTRAINT IF EXISTS {EXCLUSION_NAME}"))


def has_exclusion(conn: Connection) -> bool:
    """Whether the exclusion constraint is in place."""
    found = conn.scalar(
        text("SELECT 1 FROM pg_constraint WHERE conname = :name AND contype = 'x'"),
        {"name": EXCLUSION_NAME},
    )
    return found is not None


def migration_lock(conn: Connection) -> None:
    """Serialise schema creation and upgrades across processes (released at commit)."""
    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})


def _copy_value(value: Any) -> Any:  # noqa: ANN401 - any column value
    """Strip pendulum subclasses so psycopg's COPY picks the stdlib dumpers."""
    if isinstance(value, dt.datetime):
        return dt.datetime(  # noqa: DTZ001 - stored naive UTC, like UTCDateTime does
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.second,
            value.microsecond,
        )
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    return value


def copy_tuples(
    conn: Connection, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """
    COPY driver-ready tuples into `table`, inside the caller's transaction.

    Values are already converted (dates and instants as text, see
    `store.bulk`); driver errors come back as SQLAlchemy's exceptions so
    the store translates them like any other.
    """
    names = ", ".join(f'"{c}"' for c in columns)
    statement = f'COPY "{table}" ({names}) FROM STDIN'
    raw: Any = conn.connection.dbapi_connection
    dbapi = conn.dialect.loaded_dbapi
    try:
        with raw.cursor() as cursor, cursor.copy(statement) as copy:
            write = copy.write_row
            for row in rows:
                write(row)
    except dbapi.Error as exc:
        raise DBAPIError.instance(statement, None, exc, dbapi.Error) from exc


def _utc(value: Any) -> Any:  # noqa: ANN401 - any column value
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC)
    return value
