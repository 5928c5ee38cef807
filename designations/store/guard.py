"""
The overlap guard: no two status periods of one pair overlap in valid, known and recorded time.

SQLite enforces it with a trigger (migration 0002), PostgreSQL with an
exclusion constraint. A bulk load may lift it inside its transaction and put
it back before the commit, after checking the rows it wrote (those with a
higher id than any row before it) against the same rule in one query.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from designations.errors import InvalidRecordError

__all__ = ["GUARD_TRIGGER", "SQLITE_GUARD_DDL", "drop_guard", "guard_in_force", "restore_guard"]


GUARD_TRIGGER = "tr_status_period_no_overlap"
"""SQLite's overlap guard (migration 0002); PostgreSQL's is `postgres.EXCLUSION_NAME`."""

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

_NEW_OVERLAPS = """
SELECT n.id, p.id FROM status_period AS n
JOIN status_period AS p ON p.subject_pk = n.subject_pk AND p.list_id = n.list_id AND p.id <> n.id
WHERE n.id > :after AND n.recorded_from < n.recorded_to
  AND p.recorded_from < p.recorded_to
  AND p.recorded_to > n.recorded_from AND p.recorded_from < n.recorded_to
  AND p.valid_from < n.valid_to AND n.valid_from < p.valid_to
  AND p.known_from < n.known_to AND n.known_from < p.known_to
  AND n.valid_from < n.valid_to AND n.known_from < n.known_to
LIMIT 1
"""


def guard_in_force(conn: Connection) -> bool:
    """Whether the overlap guard (SQLite trigger, PostgreSQL exclusion constraint) is installed."""
    if conn.dialect.name == "postgresql":
        from designations.store import postgres  # noqa: PLC0415 - PostgreSQL only

        return postgres.has_exclusion(conn)
    found = conn.scalar(
        text("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
        {"name": GUARD_TRIGGER},
    )
    return found is not None


def drop_guard(conn: Connection) -> None:
    """Lift the overlap guard for a bulk load (`restore_guard` puts it back, verified)."""
    if conn.dialect.name == "postgresql":
        from designations.store import postgres  # noqa: PLC0415 - PostgreSQL only

        postgres.drop_exclusion(conn)
    else:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {GUARD_TRIGGER}")


def restore_guard(conn: Connection, after: int) -> None:
    """
    Check the period rows with an id above `after` against the guard's rule, then reinstall it.

    Rows are numbered in insertion order, so these are every row inserted
    since the guard was lifted. PostgreSQL re-validates every row when the
    constraint is added back.

    Raises:
        InvalidRecordError: two periods overlap (the caller's transaction must roll back).

    """
    if conn.dialect.name == "postgresql":
        from designations.store import postgres  # noqa: PLC0415 - PostgreSQL only

        postgres.add_exclusion(conn)
    else:
        clash = conn.execute(text(_NEW_OVERLAPS), {"after": after}).first()
        if clash is not None:
            msg = (f"status_period overlap: rows {clash[0]} and {clash[1]} overlap in valid, "
                   "known and recorded time (found when the bulk load's guard was restored)")
            raise InvalidRecordError(msg, field="status_period")
        conn.exec_driver_sql(SQLITE_GUARD_DDL)
    if not guard_in_force(conn):  # pragma: no cover - DDL above just ran
        msg = "the overlap guard could not be restored"
        raise InvalidRecordError(msg, field="status_period")
