"""
`subject.has_aliases` and `subject.has_identifiers`: kept true to the rows by the database.

Answers that carry many subjects (`snapshot`, `changes`, `status`) read a
subject's aliases and identifiers only when it has some. Asking per row
(one probe of `subject_name` and one of `subject_identifier`) cost about as
much as the rest of the row, so each subject row says it (migration 0011).
Triggers keep the two flags, whatever writes the rows: the write path and
its load mode, PostgreSQL's COPY, or SQL typed by hand. SQLite's are
row-level (`AFTER INSERT/DELETE/UPDATE`, an insert only sets a flag that is
not set yet); PostgreSQL's are statement-level with transition tables, so a
COPY of many names updates each subject it touches once, in one statement.
A delete or an update recomputes the flags of the subjects it touched.
SQLite's load mode lifts its triggers with the overlap guard (`lift`, from
`guard.drop_guard`): a trigger on every name row cost the load about a fifth
of its time, and the flags of the subjects whose names and identifiers it
wrote are set set-wise before the commit instead (`restore`, from
`guard.restore_guard`; load mode only inserts).
`db check` reports a subject whose flags disagree with its rows and
`db rebuild` puts them right (`disagreeing`, `repair`).

See https://www.sqlite.org/lang_createtrigger.html and
https://www.postgresql.org/docs/15/sql-createtrigger.html (transition tables).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, exists, false, or_, select, text, update

from designations.store.schema import SubjectIdentifierTable, SubjectNameTable, SubjectTable

__all__ = [
    "FLAGS", "TRIGGERS", "disagreeing", "install", "installed", "lift", "present", "remove", "repair", "restore",
]

FLAGS = ("has_aliases", "has_identifiers")
"""The flag columns of `subject`, in the order `disagreeing` reports them."""

# Per flag: the table whose rows it summarises, and (SQLite, PostgreSQL) the condition a row of it
# counts under, written for the alias `r` (SQLite spells it as the partial index `ix_subject_name_alias` does).
_RULES: dict[str, tuple[str, dict[str, str]]] = {
    "has_aliases": ("subject_name", {"sqlite": "r.is_primary = 0", "postgresql": "NOT r.is_primary"}),
    "has_identifiers": ("subject_identifier", {"sqlite": "1", "postgresql": "true"}),
}

_OPERATIONS = ("insert", "delete", "update")

TRIGGERS = tuple(f"tr_{table}_flags_{op}" for table, _ in _RULES.values() for op in _OPERATIONS)
"""The triggers that keep the flags (the same names on both engines)."""


def _has(flag: str, dialect: str, pk: str) -> str:
    """Whether subject `pk` has a row counting under `flag` (one index probe)."""
    table, counts = _RULES[flag]
    return f"EXISTS (SELECT 1 FROM {table} AS r WHERE r.subject_pk = {pk} AND {counts[dialect]})"  # noqa: S608 - fixed names


def _sqlite_triggers(flag: str) -> list[tuple[str, str]]:
    """(name, DDL) of SQLite's three row-level triggers for `flag`."""
    table, counts = _RULES[flag]
    when = counts["sqlite"].replace("r.", "NEW.")
    was = counts["sqlite"].replace("r.", "OLD.")
    recompute = f"UPDATE subject SET {flag} = {_has(flag, 'sqlite', 'subject.pk')}"  # noqa: S608 - fixed names
    on_insert = (f"AFTER INSERT ON {table} WHEN {when} BEGIN "  # noqa: S608 - fixed names
                 f"UPDATE subject SET {flag} = 1 WHERE pk = NEW.subject_pk AND {flag} = 0; END")
    on_delete = f"AFTER DELETE ON {table} WHEN {was} BEGIN {recompute} WHERE pk = OLD.subject_pk; END"
    on_update = f"AFTER UPDATE ON {table} BEGIN {recompute} WHERE pk IN (OLD.subject_pk, NEW.subject_pk); END"
    return [(f"tr_{table}_flags_{op}", f"CREATE TRIGGER tr_{table}_flags_{op} {body}")
            for op, body in zip(_OPERATIONS, (on_insert, on_delete, on_update), strict=True)]


def _pg_function(flag: str) -> str:
    """PostgreSQL's trigger function for `flag`: the statement's rows, each subject once."""
    table, counts = _RULES[flag]
    counted = counts["postgresql"].replace("r.", "")
    recompute = (f"UPDATE subject AS s SET {flag} = {_has(flag, 'postgresql', 's.pk')} "  # noqa: S608 - fixed names
                 f"FROM ({{rows}}) AS t "
                 f"WHERE s.pk = t.subject_pk AND s.{flag} IS DISTINCT FROM {_has(flag, 'postgresql', 's.pk')};")
    return f"""
CREATE OR REPLACE FUNCTION {table}_flags() RETURNS trigger LANGUAGE plpgsql AS $flags$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE subject AS s SET {flag} = true
        FROM (SELECT DISTINCT subject_pk FROM new_rows WHERE {counted}) AS t
        WHERE s.pk = t.subject_pk AND NOT s.{flag};
    ELSIF TG_OP = 'DELETE' THEN
        {recompute.format(rows="SELECT DISTINCT subject_pk FROM old_rows")}
    ELSE
        {recompute.format(rows="SELECT subject_pk FROM old_rows UNION SELECT subject_pk FROM new_rows")}
    END IF;
    RETURN NULL;
END
$flags$
"""  # noqa: S608 - fixed names


def _pg_triggers(flag: str) -> list[tuple[str, str]]:
    """(name, DDL) of PostgreSQL's three statement-level triggers for `flag` (transition tables need one event each)."""
    table, _ = _RULES[flag]
    tables = {"insert": "NEW TABLE AS new_rows", "delete": "OLD TABLE AS old_rows",
              "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows"}
    return [(f"tr_{table}_flags_{op}",
             (f"CREATE TRIGGER tr_{table}_flags_{op} AFTER {op.upper()} ON {table} "
              f"REFERENCING {tables[op]} FOR EACH STATEMENT EXECUTE FUNCTION {table}_flags()"))
            for op in _OPERATIONS]


def present(conn: Connection) -> set[str]:
    """Those of `TRIGGERS` installed (and, on PostgreSQL, enabled)."""
    if conn.dialect.name == "postgresql":
        rows = conn.execute(text(
            "SELECT t.tgname FROM pg_trigger AS t JOIN pg_class AS c ON c.oid = t.tgrelid "
            "WHERE c.relnamespace = current_schema()::regnamespace AND t.tgenabled <> 'D'"))
    else:
        rows = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
    return {name for (name,) in rows} & set(TRIGGERS)


def installed(conn: Connection) -> bool:
    """Whether every trigger keeping the flags is in place."""
    return present(conn) == set(TRIGGERS)


def install(conn: Connection) -> None:
    """Create the triggers that are missing (`db rebuild` puts back any that went; migration 0011 has its own copy)."""
    have = present(conn)
    postgres = conn.dialect.name == "postgresql"
    for flag in FLAGS:
        if postgres:
            conn.exec_driver_sql(_pg_function(flag))
        for name, ddl in (_pg_triggers if postgres else _sqlite_triggers)(flag):
            if name not in have:
                if postgres:  # one that is there but disabled counts as missing: made again
                    conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {_RULES[flag][0]}")
                conn.exec_driver_sql(ddl)


def remove(conn: Connection) -> None:
    """Drop the triggers (and PostgreSQL's functions), as a store that lost them would be (`db check` finds it)."""
    postgres = conn.dialect.name == "postgresql"
    for flag in FLAGS:
        table, _ = _RULES[flag]
        for op in _OPERATIONS:
            on = f" ON {table}" if postgres else ""
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS tr_{table}_flags_{op}{on}")
        if postgres:
            conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {table}_flags()")


_MARKS = "designations_flag_marks"
"""Where `lift` keeps the highest name and identifier ids for `restore` (the connection's `info`)."""


def lift(conn: Connection) -> None:
    """
    SQLite: drop the triggers for a bulk load; `restore` sets the flags of what it inserts, then reinstalls them.

    The highest `subject_name` and `subject_identifier` ids are remembered:
    every row inserted after has a higher one.
    """
    marks = tuple(int(conn.scalar(text(f"SELECT coalesce(max(id), 0) FROM {table}")) or 0)  # noqa: S608 - fixed names
                  for table, _ in _RULES.values())
    conn.info[_MARKS] = marks
    for name in TRIGGERS:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")


def restore(conn: Connection) -> None:
    """
    SQLite: after a bulk load, set the flags its inserted rows call for, set-wise, and reinstall the triggers.

    Without the marks of `lift` every row counts (the same result, read from the whole tables).
    """
    marks = conn.info.pop(_MARKS, None) or (0,) * len(_RULES)
    for (flag, (table, counts)), mark in zip(_RULES.items(), marks, strict=True):
        conn.execute(text(
            f"UPDATE subject SET {flag} = 1 WHERE {flag} = 0 AND pk IN "  # noqa: S608 - fixed names
            f"(SELECT r.subject_pk FROM {table} AS r WHERE r.id > :mark AND {counts['sqlite']})"), {"mark": mark})
    install(conn)


def _truths() -> tuple[Any, Any]:
    """Whether each subject has aliases, and identifiers, from the rows (SQL expressions on `subject`)."""
    n, i = SubjectNameTable.alias("n"), SubjectIdentifierTable.alias("i")
    aliases = exists().where(n.c.subject_pk == SubjectTable.c.pk, n.c.is_primary == false())
    identifiers = exists().where(i.c.subject_pk == SubjectTable.c.pk)
    return aliases, identifiers


def disagreeing(conn: Connection, limit: int) -> list[tuple[int, str, str]]:
    """
    Up to `limit` subjects whose flags disagree with their rows, as (pk, subject id, what is wrong).

    One pass over `subject` with two index probes per subject.
    """
    aliases, identifiers = _truths()
    stmt = (select(SubjectTable.c.pk, SubjectTable.c.key, SubjectTable.c.has_aliases,
                   SubjectTable.c.has_identifiers, aliases, identifiers)
            .where(or_(SubjectTable.c.has_aliases != aliases, SubjectTable.c.has_identifiers != identifiers))
            .order_by(SubjectTable.c.pk).limit(limit))
    out = []
    for pk, key, has_aliases, has_identifiers, *truth in conn.execute(stmt):
        wrong = [f"{flag} is {bool(stored)} but it has {'some' if actual else 'none'}"
                 for flag, stored, actual in zip(FLAGS, (has_aliases, has_identifiers), truth, strict=True)
                 if bool(stored) != bool(actual)]
        out.append((int(pk), str(key), "; ".join(wrong)))
    return out


def repair(conn: Connection) -> int:
    """Set the flags that disagree with the rows to what the rows say; returns how many subjects changed."""
    aliases, identifiers = _truths()
    result = conn.execute(
        update(SubjectTable)
        .where(or_(SubjectTable.c.has_aliases != aliases, SubjectTable.c.has_identifiers != identifiers))
        .values(has_aliases=aliases, has_identifiers=identifiers))
    return int(result.rowcount)
