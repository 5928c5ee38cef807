"""
The fast insert layer: pre-converted tuples straight to the driver.

The write path inserts many rows into the append-only tables and into
`status_period`. SQLAlchemy's per-row bind processing (type decorators,
dict-to-tuple, one compiled parameter set per row) cost more than the
database itself, so rows are built here as tuples of driver-ready values,
converted once in Python: dates as `YYYY-MM-DD` text and instants as naive
UTC text with microseconds (exactly what the `PendulumDate` and
`UTCDateTime` columns store on SQLite, and what PostgreSQL parses). SQLite
gets one driver-level `executemany` per table and chunk (still through
SQLAlchemy's connection, so events and error translation apply); PostgreSQL
gets `COPY ... FROM STDIN` (`store.postgres.copy_tuples`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from designations.store.types import FOREVER_DATE, FOREVER_TIME

__all__ = ["COLUMNS", "Inserter", "date_text", "time_text"]

COLUMNS: dict[str, tuple[str, ...]] = {
    "subject": ("pk", "key", "kind", "name", "batch_id", "match_reason"),
    "subject_name": ("subject_pk", "value", "key", "lang", "script", "is_primary", "batch_id", "weak"),
    "subject_identifier": ("subject_pk", "scheme", "value", "batch_id"),
    "event": (
        "id", "subject_pk", "list_id", "kind", "effective_from", "effective_to", "precision",
        "published", "known_from", "instrument", "note", "key", "corrects_id", "batch_id",
        "recorded_at", "decided_from", "decided_to", "listed_as", "scope", "citations",
    ),
    "status_period": (
        "subject_pk", "list_id", "state", "certain", "possible", "valid_from", "valid_to",
        "known_from", "known_to", "recorded_from", "recorded_to", "event_id", "event_ids",
        "state_since", "scope_since", "since_earliest",
    ),
    "publication_entry": ("publication_id", "entry_key", "subject_pk", "fingerprint", "dates_seen"),
}
"""The columns the fast layer writes, per table, in tuple order (sequence ids are left out)."""


def date_text(day: dt.date | None) -> str | None:
    """A civil date as stored: `YYYY-MM-DD`."""
    if day is None:
        return None
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def time_text(instant: dt.datetime) -> str:
    """An aware instant as stored: naive UTC with microseconds (`UTCDateTime`'s format)."""
    if instant.tzinfo is None:
        msg = "naive datetime given for a UTC column"
        raise ValueError(msg)
    u = instant.astimezone(dt.UTC)
    return (
        f"{u.year:04d}-{u.month:02d}-{u.day:02d} "
        f"{u.hour:02d}:{u.minute:02d}:{u.second:02d}.{u.microsecond:06d}"
    )


FOREVER_DATE_TEXT = date_text(FOREVER_DATE)
FOREVER_TIME_TEXT = time_text(FOREVER_TIME)


class Inserter:
    """Inserts tuples (columns as in `COLUMNS`) on one connection, inside its transaction."""

    def __init__(self, conn: Connection) -> None:
        """Bind to `conn`; the dialect picks COPY (PostgreSQL) or executemany (SQLite)."""
        self.conn = conn
        self.postgres = conn.dialect.name == "postgresql"
        self.rows = 0

    def boolean(self, value: bool) -> Any:  # noqa: ANN401 - a driver value
        """A boolean as the driver wants it: SQLite stores 0/1."""
        return value if self.postgres else int(value)

    def insert(self, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
        """Insert `rows` into `table`; an empty sequence is a no-op."""
        if not rows:
            return
        columns = COLUMNS[table]
        self.rows += len(rows)
        if self.postgres:
            from designations.store import postgres  # noqa: PLC0415 - PostgreSQL only

            postgres.copy_tuples(self.conn, table, columns, rows)
            return
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" * len(columns))
        self.conn.exec_driver_sql(
            f'INSERT INTO "{table}" ({names}) VALUES ({marks})',  # noqa: S608 - fixed names
            list(rows),
        )
