"""
The overlap guard: no two status periods of one pair overlap in valid, known and recorded time.

SQLite enforces it with a trigger (migration 0002), PostgreSQL with
statement-level triggers (migration 0010, `store.postgres`). A bulk load may
lift it inside its transaction and put it back before the commit, after
checking the rows it wrote (those with a higher id than any row before it)
against the same rule, set-wise. On SQLite the subject flags' row-level
triggers are lifted and put back with it (`store.flags.lift`, `restore`).

The set-wise check takes the rows as written (or reads them back), adds the
pair's older rows still current in recorded time, and sorts each pair's rows
by the day knowledge begins: a row is compared only with the rows after it
that begin to be known before it stops, as the trigger's rule would compare
them. The two offending rows are named.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, text

from designations.batching import distinct_batches
from designations.errors import InvalidRecordError
from designations.store import flags

__all__ = [
    "GUARD_TRIGGER",
    "SQLITE_GUARD_DDL",
    "check_new_periods",
    "check_rows",
    "check_rows_without_older",
    "drop_guard",
    "guard_in_force",
    "restore_guard",
]


GUARD_TRIGGER = "tr_status_period_no_overlap"
"""SQLite's overlap guard (migration 0002); PostgreSQL's are `postgres.GUARD_TRIGGERS`."""

SQLITE_GUARD_DDL = f"""
CREATE TRIGGER {GUARD_TRIGGER}
BEFORE INSERT ON status_period
WHEN EXISTS (
    SELECT 1 FROM status_period AS p
    WHERE p.subject_pk = NEW.subject_pk AND p.list_id = NEW.list_id
      AND p.recorded_to > NEW.recorded_from AND p.recorded_from < NEW.recorded_to
      AND p.valid_from < NEW.valid_to AND NEW.valid_from < p.valid_to
      AND p.known_from < NEW.known_to AND NEW.known_from < p.known_to
      AND p.recorded_from < p.recorded_to AND NEW.recorded_from < NEW.recorded_to
      AND NEW.valid_from < NEW.valid_to AND NEW.known_from < NEW.known_to
)
BEGIN
    SELECT RAISE(ABORT, 'status_period overlap: two periods of one subject on one list overlap in valid, known and recorded time');
END
"""  # noqa: E501, S608 - fixed text, kept byte for byte equal to migration 0002's
"""The trigger exactly as migration 0002 creates it (a test keeps the two equal)."""

_Row = tuple[Any, ...]
"""(id, subject_pk, list_id, valid_from, valid_to, known_from, known_to, recorded_from, recorded_to)."""

_COLUMNS = "id, subject_pk, list_id, valid_from, valid_to, known_from, known_to, recorded_from, recorded_to"
_NEW_ROWS = text(f"SELECT {_COLUMNS} FROM status_period WHERE id > :after")  # noqa: S608 - fixed text
"""The rows written since the guard was lifted (ids are handed out in insertion order)."""
_OLD_ROWS = text(f"SELECT {_COLUMNS} FROM status_period "  # noqa: S608 - fixed text
                 "WHERE subject_pk IN :pks AND id <= :after AND recorded_to > :earliest"
                 ).bindparams(bindparam("pks", expanding=True))
"""Older rows of the same subjects still current in recorded time when the new rows begin."""


def guard_in_force(conn: Connection) -> bool:
    """Whether the overlap guard (SQLite's trigger, PostgreSQL's two triggers) is installed."""
    if conn.dialect.name == "postgresql":
        from designations.store import postgres  # noqa: PLC0415 - PostgreSQL only

        return postgres.has_guard(conn)
    found = conn.scalar(
        text("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
        {"name": GUARD_TRIGGER},
    )
    return found is not None


def drop_guard(conn: Connection) -> None:
    """Lift the overlap guard for a bulk load (`restore_guard` puts it back, verified)."""
    if conn.dialect.name == "postgresql":
        from designations.store import postgres  # noqa: PLC0415 - PostgreSQL only

        postgres.drop_guard(conn)
    else:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {GUARD_TRIGGER}")
        flags.lift(conn)  # the subject flags' row-level triggers too: set set-wise by `restore_guard`


def check_new_periods(conn: Connection, after: int) -> None:
    """
    Check every period row with an id above `after` against the overlap rule, read back from the table.

    Raises:
        InvalidRecordError: two periods overlap (the caller's transaction must roll back).

    """
    rows = [tuple(r) for r in conn.execute(_NEW_ROWS, {"after": after})]
    check_rows(conn, after, rows)


def check_rows(conn: Connection, after: int, rows: Sequence[_Row]) -> None:
    """
    Check `rows`, the period rows with an id above `after`, against the rule and the older rows.

    Each row is (id, subject_pk, list_id, valid_from, valid_to, known_from,
    known_to, recorded_from, recorded_to), values as stored. The older rows
    of the same pairs still current in recorded time are read from the table.

    Raises:
        InvalidRecordError: two periods overlap (the caller's transaction must roll back).

    """
    pairs = _live_pairs(rows)
    if not pairs:
        return
    earliest = min(r[7] for group in pairs.values() for r in group)
    for chunk in distinct_batches(pk for pk, _ in pairs):
        for row in conn.execute(_OLD_ROWS, {"after": after, "earliest": earliest, "pks": chunk}):
            if _live(row) and (row[1], row[2]) in pairs:
                pairs[(row[1], row[2])].append(tuple(row))
    _check_pairs(pairs, after)


def check_rows_without_older(rows: Sequence[_Row]) -> None:
    """
    `check_rows` for period rows of pairs that have no older rows (subjects new in the write): no statement.

    Raises:
        InvalidRecordError: two periods overlap (the caller's transaction must roll back).

    """
    _check_pairs(_live_pairs(rows), min((r[0] for r in rows), default=1) - 1)


def _live_pairs(rows: Sequence[_Row]) -> dict[tuple[Any, Any], list[_Row]]:
    """The rows still current in recorded time, by (subject, list) pair."""
    pairs: dict[tuple[Any, Any], list[_Row]] = defaultdict(list)
    for row in rows:
        if _live(row):
            pairs[(row[1], row[2])].append(row)
    return pairs


def _check_pairs(pairs: dict[tuple[Any, Any], list[_Row]], after: int) -> None:
    """Raise for the first pair with two overlapping rows (at least one of them above `after`)."""
    for group in pairs.values():
        clash = _clash(group, after)
        if clash is not None:
            msg = (f"status_period overlap: rows {clash[0]} and {clash[1]} overlap in valid, "
                   "known and recorded time (found by the bulk load's set-wise check)")
            raise InvalidRecordError(msg, field="status_period")


def _live(row: _Row) -> bool:
    """Whether a period is non-empty in all three times (the rule ignores empty ones)."""
    return bool(row[3] < row[4] and row[5] < row[6] and row[7] < row[8])


def _clash(rows: list[_Row], after: int) -> tuple[int, int] | None:
    """
    Two overlapping rows of one pair (at least one of them new), else None.

    Sorted by the day knowledge begins, a row can only overlap the rows after
    it that begin before its known range ends: the scan stops at the first
    that does not. A replay's rows (known ranges equal, nested or disjoint)
    meet few such neighbours, and any shape is checked exactly.
    """
    if len(rows) < 2:  # noqa: PLR2004 - a pair needs two rows to overlap
        return None
    rows.sort(key=lambda r: (r[5], r[3]))
    for i, a in enumerate(rows):
        a_new, a_valid_from, a_valid_to, a_known_to, a_rec_from, a_rec_to = a[0] > after, a[3], a[4], a[6], a[7], a[8]
        for b in rows[i + 1 :]:
            if b[5] >= a_known_to:
                break  # this row and every later one begin to be known after `a` stops
            if ((a_new or b[0] > after) and a_valid_from < b[4] and b[3] < a_valid_to
                    and a_rec_from < b[8] and b[7] < a_rec_to):
                return min(a[0], b[0]), max(a[0], b[0])
    return None


def restore_guard(conn: Connection, after: int, *, checked: bool = False) -> None:
    """
    Check the period rows with an id above `after` against the guard's rule, then reinstall it.

    Rows are numbered in insertion order, so these are every row inserted
    since the guard was lifted; `checked` says the writer has already checked
    each of them as it wrote it (SQLite then only reinstalls the trigger).
    PostgreSQL checks the rows above `after` in one query, then recreates its triggers.

    Raises:
        InvalidRecordError: two periods overlap (the caller's transaction must roll back).

    """
    if conn.dialect.name == "postgresql":
        from designations.store import postgres  # noqa: PLC0415 - PostgreSQL only

        postgres.check_since(conn, after)
        postgres.add_guard(conn)
    else:
        if not checked:
            check_new_periods(conn, after)
        conn.exec_driver_sql(SQLITE_GUARD_DDL)
        flags.restore(conn)
    if not guard_in_force(conn):  # pragma: no cover - DDL above just ran
        msg = "the overlap guard could not be restored"
        raise InvalidRecordError(msg, field="status_period")
