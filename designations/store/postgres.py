"""
Everything in the store that only PostgreSQL does.

- The overlap guard: no two status periods of one subject on one list may
  overlap in valid, known *and* recorded time. Since migration 0010 it is
  a pair of statement-level triggers (insert, update) with transition tables:
  each takes the writers' lock (the `meta` clock row, which every library
  write holds from its first statement) and then checks the statement's
  rows against the table in one join through the
  (subject_pk, list_id, valid_from, valid_to) index. The exclusion
  constraint (btree_gist) it replaced kept a GiST entry per row, which made
  COPY of period rows 2-3x slower; migration 0002 still creates that
  constraint and 0010 drops it, so both DDLs live here.
- An advisory lock so that two processes opening an empty database do not
  both try to create the schema.
- `copy_tuples`: the fast insert layer's COPY (`store.bulk`).

See https://www.postgresql.org/docs/15/sql-createtrigger.html (transition
tables), https://www.postgresql.org/docs/15/btree-gist.html and
https://www.postgresql.org/docs/15/sql-createtable.html#SQL-CREATETABLE-EXCLUDE.
Nothing here is imported on SQLite.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, text
from sqlalchemy.exc import DBAPIError

from designations.errors import InvalidRecordError

__all__ = [
    "EXCLUSION_NAME",
    "GUARD_NAME",
    "GUARD_TRIGGERS",
    "REFERENCES",
    "add_exclusion",
    "add_guard",
    "add_references",
    "check_since",
    "copy_tuples",
    "drop_exclusion",
    "drop_guard",
    "drop_references",
    "has_exclusion",
    "has_guard",
    "migration_lock",
    "remove_guard",
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

GUARD_NAME = EXCLUSION_NAME
"""The overlap rule's name, kept from the constraint: its function and triggers carry it, its errors name it."""

GUARD_TRIGGERS = (f"{GUARD_NAME}_insert", f"{GUARD_NAME}_update")
"""The guard's statement-level triggers on `status_period` (migration 0010)."""

_GUARD_LOCK_KEY = 0x6F766572  # "over": the guard's fallback lock when the store has no clock row yet

_OVERLAP = """
SELECT n.id AS new_id, p.id AS old_id, n.subject_pk, n.list_id,
       (SELECT s.key FROM subject AS s WHERE s.pk = n.subject_pk) AS subject_key,
       n.valid_from, n.valid_to, n.known_from, n.known_to, n.recorded_from, n.recorded_to,
       p.valid_from AS p_valid_from, p.valid_to AS p_valid_to, p.known_from AS p_known_from,
       p.known_to AS p_known_to, p.recorded_from AS p_recorded_from, p.recorded_to AS p_recorded_to
FROM {new} AS n
JOIN status_period AS p ON p.subject_pk = n.subject_pk AND p.list_id = n.list_id AND p.id <> n.id
WHERE n.valid_from < n.valid_to AND n.known_from < n.known_to AND n.recorded_from < n.recorded_to
  AND p.valid_from < p.valid_to AND p.known_from < p.known_to AND p.recorded_from < p.recorded_to
  AND p.valid_from < n.valid_to AND n.valid_from < p.valid_to
  AND p.known_from < n.known_to AND n.known_from < p.known_to
  AND p.recorded_from < n.recorded_to AND n.recorded_from < p.recorded_to
ORDER BY n.id, p.id
LIMIT 1
"""
"""
The rule, set-wise: a live row of `{new}` and another live row of its pair overlapping in all three times.

`{new}` stands for the statement's rows: the trigger's transition table, or
the rows above an id for a lifted guard. One index probe per row through
`ix_status_period_lookup`; a row overlapping itself is no overlap.
"""

_INVERTED = """
SELECT n.id FROM {new} AS n
WHERE n.valid_from > n.valid_to OR n.known_from > n.known_to OR n.recorded_from > n.recorded_to
ORDER BY n.id LIMIT 1
"""
"""A row whose range ends before it begins (the constraint's ranges refused these; an empty range is fine)."""

REFERENCES = (
    ("subject_pk", "subject", "pk", "fk_status_period_subject_pk_subject"),
    ("list_id", "designation_list", "id", "fk_status_period_list_id_designation_list"),
    ("event_id", "event", "id", "fk_status_period_event_id_event"),
)
"""
`status_period`'s references: (column, table, key, the foreign key's name up to migration 0008).

Since migration 0010 PostgreSQL checks them in the guard's function, once per
distinct value of a statement, instead of with a foreign key (a query per row
and reference, half of a period row's COPY); `db check` reports a row that
points at nothing, as before.
"""

_UNREFERENCED = " UNION ALL ".join(  # noqa: S608 - fixed names from REFERENCES
    f"(SELECT '{column}' AS col, n.v::text AS val, '{table}' AS tab, '{name}' AS fk "  # noqa: S608
    f"FROM (SELECT DISTINCT {column} AS v FROM {{new}} AS d WHERE {column} IS NOT NULL) AS n "
    f"WHERE NOT EXISTS (SELECT 1 FROM {table} AS t WHERE t.{key} = n.v) LIMIT 1)"
    for column, table, key, name in REFERENCES
) + " LIMIT 1"
"""A value of one of `{new}`'s references found in no row of the table it names."""

_GROWN = """
(SELECT nr.* FROM new_rows AS nr LEFT JOIN old_rows AS o ON o.id = nr.id
 WHERE o.id IS NULL OR nr.subject_pk <> o.subject_pk OR nr.list_id <> o.list_id
    OR nr.valid_from < o.valid_from OR nr.valid_to > o.valid_to
    OR nr.known_from < o.known_from OR nr.known_to > o.known_to
    OR nr.recorded_from < o.recorded_from OR nr.recorded_to > o.recorded_to
    OR nr.event_id IS DISTINCT FROM o.event_id)
"""
"""An update's rows that may overlap more or point elsewhere than before (closing `recorded_to` only shrinks a row)."""

_MESSAGE = (
    f'conflicting period violates the overlap guard "{GUARD_NAME}": status_period rows %s and %s '
    "of subject %s (pk %s) on list %s overlap in valid, known and recorded time"
)
_DETAIL = ("new row: valid [%s, %s), known [%s, %s), recorded [%s, %s); "
           "other row: valid [%s, %s), known [%s, %s), recorded [%s, %s)")

_FUNCTION_DDL = f"""
CREATE OR REPLACE FUNCTION {GUARD_NAME}() RETURNS trigger LANGUAGE plpgsql AS $guard$
DECLARE
    rows_sql text := 'new_rows';
    bad record;
    found_rows bigint;
BEGIN
    -- The writers' lock first (every library write holds it already): a concurrent writer's
    -- rows are committed before this check reads the table, or wait for this transaction.
    -- An update rather than FOR UPDATE, so that a REPEATABLE READ writer racing another fails.
    -- A store without the clock row (before its first `open`) serialises its checks on an advisory lock.
    UPDATE meta SET value = value WHERE key = 'clock';
    IF NOT FOUND THEN
        PERFORM pg_advisory_xact_lock({_GUARD_LOCK_KEY});
    END IF;
    IF TG_OP = 'UPDATE' THEN
        rows_sql := $grown${_GROWN}$grown$;
    END IF;
    EXECUTE format($q${_INVERTED.replace("{new}", "%s")}$q$, rows_sql) INTO bad;
    GET DIAGNOSTICS found_rows = ROW_COUNT;
    IF found_rows > 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'data_exception',
            MESSAGE = format('status_period row %s: a range ends before it begins', bad.id);
    END IF;
    EXECUTE format($q${_UNREFERENCED.replace("{new}", "%s")}$q$, VARIADIC array_fill(rows_sql, ARRAY[3])) INTO bad;
    GET DIAGNOSTICS found_rows = ROW_COUNT;
    IF found_rows > 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
            MESSAGE = format('insert or update on table "status_period" violates foreign key constraint "%s"', bad.fk),
            DETAIL = format('Key (%s)=(%s) is not present in table "%s".', bad.col, bad.val, bad.tab);
    END IF;
    EXECUTE format($q${_OVERLAP.replace("{new}", "%s")}$q$, rows_sql) INTO bad;
    GET DIAGNOSTICS found_rows = ROW_COUNT;
    IF found_rows > 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'exclusion_violation',
            MESSAGE = format('{_MESSAGE}', least(bad.new_id, bad.old_id), greatest(bad.new_id, bad.old_id),
                             bad.subject_key, bad.subject_pk, bad.list_id),
            DETAIL = format('{_DETAIL}', bad.valid_from, bad.valid_to, bad.known_from, bad.known_to,
                            bad.recorded_from, bad.recorded_to, bad.p_valid_from, bad.p_valid_to,
                            bad.p_known_from, bad.p_known_to, bad.p_recorded_from, bad.p_recorded_to);
    END IF;
    RETURN NULL;
END
$guard$
"""  # noqa: S608 - fixed text
"""The guard's trigger function: lock, then the rule over the statement's rows (an update's grown rows)."""

_TRIGGER_DDL = (
    (f"CREATE TRIGGER {GUARD_TRIGGERS[0]} AFTER INSERT ON status_period "
     f"REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {GUARD_NAME}()"),
    (f"CREATE TRIGGER {GUARD_TRIGGERS[1]} AFTER UPDATE ON status_period "
     f"REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {GUARD_NAME}()"),
)
"""One trigger per event: PostgreSQL allows transition tables only on a single-event trigger."""

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


def add_guard(conn: Connection) -> None:
    """Create the guard's function and its two triggers (those missing), migration 0010's upgrade."""
    conn.execute(text(_FUNCTION_DDL))
    have = _triggers(conn)
    for name, ddl in zip(GUARD_TRIGGERS, _TRIGGER_DDL, strict=True):
        if name not in have:
            conn.execute(text(ddl))


def drop_guard(conn: Connection) -> None:
    """Drop the guard's triggers, keeping the function (a bulk load lifts the guard this way)."""
    for name in GUARD_TRIGGERS:
        conn.execute(text(f"DROP TRIGGER IF EXISTS {name} ON status_period"))


def drop_references(conn: Connection) -> None:
    """Drop `status_period`'s foreign keys (migration 0010: the guard checks `REFERENCES` instead)."""
    for _column, _table, _key, name in REFERENCES:
        conn.execute(text(f"ALTER TABLE status_period DROP CONSTRAINT IF EXISTS {name}"))


def add_references(conn: Connection) -> None:
    """Put `status_period`'s foreign keys back (migration 0010's downgrade; validates every row)."""
    have = set(conn.scalars(text("SELECT conname FROM pg_constraint WHERE contype = 'f'")))
    for column, table, key, name in REFERENCES:
        if name not in have:
            conn.execute(text(f"ALTER TABLE status_period ADD CONSTRAINT {name} "
                              f"FOREIGN KEY ({column}) REFERENCES {table} ({key})"))


def remove_guard(conn: Connection) -> None:
    """Drop the triggers and their function (migration 0010's downgrade)."""
    drop_guard(conn)
    conn.execute(text(f"DROP FUNCTION IF EXISTS {GUARD_NAME}()"))


def has_guard(conn: Connection) -> bool:
    """Whether both guard triggers are installed and enabled."""
    return _triggers(conn) == set(GUARD_TRIGGERS)


def _triggers(conn: Connection) -> set[str]:
    """The guard triggers on `status_period` that are enabled."""
    found = conn.scalars(
        text("SELECT t.tgname FROM pg_trigger AS t JOIN pg_class AS c ON c.oid = t.tgrelid "
             "WHERE c.relname = 'status_period' AND c.relnamespace = current_schema()::regnamespace "
             "AND t.tgenabled <> 'D' AND t.tgname IN :names").bindparams(
                 bindparam("names", expanding=True)),
        {"names": list(GUARD_TRIGGERS)},
    )
    return set(found)


def check_since(conn: Connection, after: int) -> None:
    """
    Check the period rows with an id above `after` against the guard's rules (a lifted guard's rows).

    Raises:
        InvalidRecordError: a row points at nothing, a row's range is
            inverted, or two rows overlap (the caller's transaction must roll back).

    """
    since = f"(SELECT * FROM status_period WHERE id > {int(after)})"  # noqa: S608 - an int, fixed text
    missing = conn.execute(text(_UNREFERENCED.format(new=since))).first()
    if missing is not None:
        msg = f"status_period.{missing.col}={missing.val} points at no {missing.tab} row"
        raise InvalidRecordError(msg, field=missing.col)
    inverted = conn.scalar(text(_INVERTED.format(new=since)))
    if inverted is not None:
        msg = f"status_period row {inverted}: a range ends before it begins"
        raise InvalidRecordError(msg, field="status_period")
    bad = conn.execute(text(_OVERLAP.format(new=since))).mappings().first()
    if bad is not None:
        lo, hi = sorted((bad["new_id"], bad["old_id"]))
        msg = (_MESSAGE % (lo, hi, bad["subject_key"], bad["subject_pk"], bad["list_id"])
               + " (found by the bulk load's check)")
        raise InvalidRecordError(msg, field="status_period")


def migration_lock(conn: Connection) -> None:
    """Serialise schema creation and upgrades across processes (released at commit)."""
    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})


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
