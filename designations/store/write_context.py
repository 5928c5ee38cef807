"""
The state one open write transaction shares with every part written in it.

Its batch row and recorded time, the insert layer, the overlap guard's
bookkeeping while a bulk load has lifted it, and a few per-transaction caches.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, func, select

from designations.store import bulk, guard
from designations.store.schema import ListTable, PeriodTable

__all__ = ["ROWS", "WriteContext", "first_free_id"]

ROWS = 5000
"""Rows converted and sent per insert: bounds the write path's memory, not the batch's.

Not `IN_LIMIT`: an insert is one `executemany` or `COPY`, whose rows are not
parameters of one statement, so only memory bounds it."""


class WriteContext:
    """One open write transaction: its batch row, recorded time and insert layer."""

    def __init__(
        self, conn: Connection, batch_id: int, recorded_at: dt.datetime) -> None:
        """State shared by every part written in this transaction."""
        self.conn = conn
        self.batch_id = batch_id
        self.recorded_at = recorded_at
        self.recorded_text = bulk.time_text(recorded_at)
        self.inserter = bulk.Inserter(conn)
        self.guard_lifted = False
        self.checked_after = 0
        """With the guard lifted, the period rows above this id are checked set-wise before the commit."""
        self.checked_rows = 0
        """How many of them `insert_periods` has checked as it wrote them."""
        self.period_top = 0
        """With the guard lifted, the highest period id so far (taken at each part's start, then counted)."""
        self.minted_from: int | None = None
        """The first subject pk the current part handed out: those subjects have no older period rows."""
        self.wrote_subjects = False
        self.wrote_events = False
        self._lists: set[str] | None = None
        self._dates: dict[dt.date, str | None] = {}
        self.publications: dict[tuple[str, dt.date, str], int] = {}
        """(list id, published, sha256) -> id of each publication row this transaction wrote."""

    def lift_guard(self) -> None:
        """Lift the overlap guard until `finish`, which checks every period row written since, then restores it."""
        if self.guard_lifted:
            return
        self.checked_after = int(self.conn.scalar(select(func.max(PeriodTable.c.id))) or 0)
        guard.drop_guard(self.conn)
        self.guard_lifted = True

    def insert_periods(self, rows: list[tuple[Any, ...]]) -> None:
        """
        Insert `status_period` tuples; with SQLite's guard lifted, check them set-wise as written.

        The rows get the ids after the table's highest, in order (SQLite's
        rowids); `verify_periods` proves it at the end of the part, and reads
        the part's rows back to check them if it does not hold. A pair whose
        subject the part created has no older rows, so the check reads none
        for it and needs no statement.
        """
        if not rows:
            return
        check = self.guard_lifted and not self.inserter.postgres
        after = self.period_top
        self.inserter.insert("status_period", rows)
        if not check:
            return
        self.period_top += len(rows)
        written = [(after + 1 + i, r[0], r[1], r[5], r[6], r[7], r[8], r[9], r[10]) for i, r in enumerate(rows)]
        minted = self.minted_from
        if minted is not None and all(r[1] >= minted for r in written):
            guard.check_rows_without_older(written)
        else:
            guard.check_rows(self.conn, after, written)
        self.checked_rows += len(rows)

    def start_periods(self) -> None:
        """At a part's start (nothing in flight), take the highest period id for `insert_periods`."""
        if self.guard_lifted and not self.inserter.postgres:
            self.period_top = int(self.conn.scalar(select(func.max(PeriodTable.c.id))) or 0)

    def verify_periods(self, start: int, rows: int) -> None:
        """
        After a part: its `rows` period rows hold the ids after `start`, as checked; else check them read back.

        Raises:
            InvalidRecordError: two periods overlap.

        """
        if not rows or not self.guard_lifted or self.inserter.postgres:
            return
        conn = self.conn
        count, top = conn.execute(
            select(func.count(), func.max(PeriodTable.c.id)).where(PeriodTable.c.id > start)).one()
        if (count, top) != (rows, start + rows):  # pragma: no cover - SQLite's rowids are dense here
            guard.check_new_periods(conn, start)

    def lists(self, *, refresh: bool = False) -> set[str]:
        """The list ids in the store (cached for the transaction)."""
        if self._lists is None or refresh:
            self._lists = set(self.conn.scalars(select(ListTable.c.id)))
        return self._lists

    def day(self, day: dt.date | None) -> str | None:
        """`bulk.date_text`, memoised: the same few thousand days recur in every batch."""
        if day is None:
            return None
        text = self._dates.get(day)
        if text is None:
            if len(self._dates) > 100_000:  # noqa: PLR2004 - a bound, not a tuning knob
                self._dates.clear()
            text = self._dates[day] = bulk.date_text(day)
        return text


def first_free_id(conn: Connection, column: Any) -> int:  # noqa: ANN401 - a mapped column
    """The next id to hand out; writers are serialised, so explicit ids are safe and fast."""
    return int(conn.scalar(select(func.max(column))) or 0) + 1
