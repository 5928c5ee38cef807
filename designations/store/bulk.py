"""
The fast insert layer: pre-converted tuples straight to the driver.

The write path inserts many rows into the append-only tables and into
`status_period`. SQLAlchemy's per-row bind processing (type decorators,
dict-to-tuple, one compiled parameter set per row) cost more than the
database itself, so rows are built here as tuples of driver-ready values,
converted once in Python: dates as `YYYY-MM-DD` text and instants as naive
UTC text with microseconds (exactly what the `PendulumDate` and
`UTCDateTime` columns store on SQLite, and what PostgreSQL parses). SQLite
gets multi-row `INSERT ... VALUES (...), (...)` statements (still through
SQLAlchemy's connection, so events and error translation apply): SQLite
steps each one with Python's lock released, so in `background` mode a
worker thread inserts them while the caller builds the next rows. A chunk
is sent as statements of fixed sizes (powers of two up to what SQLite's
bound-variable limit allows), so a handful of statement texts serve every
chunk from the driver's statement cache. PostgreSQL gets
`COPY ... FROM STDIN` (`store.postgres.copy_tuples`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.pool import SingletonThreadPool

from designations.store.background import InsertWorker
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
        "state_since",
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


_STATEMENT_ROWS = 4096
"""Rows per statement at most (fewer where SQLite's bound-variable limit asks for it)."""

FOREVER_DATE_TEXT = date_text(FOREVER_DATE)
FOREVER_TIME_TEXT = time_text(FOREVER_TIME)


class Inserter:
    """Inserts tuples (columns as in `COLUMNS`) on one connection, inside its transaction."""

    def __init__(self, conn: Connection) -> None:
        """Bind to `conn`; the dialect picks COPY (PostgreSQL) or multi-row INSERTs (SQLite)."""
        self.conn = conn
        self.postgres = conn.dialect.name == "postgresql"
        self.rows = 0
        self._worker: InsertWorker | None = None
        self._statements: dict[tuple[str, int], str] = {}
        self._variables = 0

    def boolean(self, value: bool) -> Any:  # noqa: ANN401 - a driver value
        """A boolean as the driver wants it: SQLite stores 0/1."""
        return value if self.postgres else int(value)

    @contextlib.contextmanager
    def background(self) -> Iterator[None]:
        """
        While open, SQLite's inserts run on a worker thread (`InsertWorker`), in order.

        The connection is the worker's until `drain`: the caller drains before
        it reads or writes anything else. Leaving the block drains (raising a
        failed insert's error) and ends the thread; an error leaves it at
        once, dropping the inserts not yet started. Where the connection may
        not leave its thread (an in-memory database) or on PostgreSQL, inserts
        stay in the caller's thread.
        """
        if self.postgres or self._worker is not None or not _shareable(self.conn):
            yield
            return
        worker = InsertWorker(self.conn)
        self._worker = worker
        try:
            yield
            worker.drain()
        finally:
            self._worker = None
            worker.stop()

    def drain(self) -> None:
        """Wait for the inserts given to the worker (if any); raises the first that failed."""
        if self._worker is not None:
            self._worker.drain()

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
        most = self._most_rows(len(columns))
        at = 0
        while at < len(rows):
            left = len(rows) - at
            size = most if left >= most else 1 << (left.bit_length() - 1)
            statement = self._statement(table, columns, size)
            values = tuple(itertools.chain.from_iterable(rows[at : at + size]))
            if self._worker is not None:
                self._worker.submit(statement, values)
            else:
                self.conn.exec_driver_sql(statement, values)
            at += size

    def _most_rows(self, width: int) -> int:
        """The largest power of two of rows (at most `_STATEMENT_ROWS`) whose values SQLite can bind at once."""
        if not self._variables:
            raw = self.conn.connection.driver_connection
            self._variables = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) if raw is not None else 999
        fits = max(1, min(_STATEMENT_ROWS, self._variables // width))
        return 1 << (fits.bit_length() - 1)

    def _statement(self, table: str, columns: Sequence[str], size: int) -> str:
        """`INSERT INTO table (columns) VALUES` with `size` rows of placeholders (made once per size)."""
        statement = self._statements.get((table, size))
        if statement is None:
            names = ", ".join(f'"{c}"' for c in columns)
            row = f"({', '.join('?' * len(columns))})"
            statement = self._statements[(table, size)] = (
                f'INSERT INTO "{table}" ({names}) VALUES {", ".join([row] * size)}')  # noqa: S608 - fixed names
        return statement


def _shareable(conn: Connection) -> bool:
    """Whether another thread may use this SQLite connection (file databases: SQLAlchemy allows it)."""
    if isinstance(conn.engine.pool, SingletonThreadPool):
        return False
    return str(conn.engine.url.query.get("check_same_thread", "false")).lower() in ("false", "0")
