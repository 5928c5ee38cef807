"""
`subject.has_aliases` and `subject.has_identifiers`, kept by triggers (both engines).

`snapshot` and `changes` asked, for every subject they carry, whether it has
aliases and whether it has identifiers: two probes per row, a good part of
each answer. The subject row now says it. The upgrade adds the two columns
(false by default), sets them from the rows, and installs the triggers on
`subject_name` and `subject_identifier` that keep them true to the rows
(`store.flags`); the downgrade drops the triggers and the columns. Unlike
0010, which changes only PostgreSQL, this revision changes both engines.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29
"""


from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None

# The statements as this revision writes them. `store.flags` builds the same ones today (and `db rebuild`
# puts back a trigger that went); the revision keeps its own copy, so that a later change there never
# changes what upgrading to 0011 does. A store made from the models may have the triggers already: they
# are kept (SQLite) or made again (PostgreSQL). Per flag: its table and, per engine, when a row counts.
_FLAGS = {
    "has_aliases": ("subject_name", {"sqlite": "{r}is_primary = 0", "postgresql": "NOT {r}is_primary"}),
    "has_identifiers": ("subject_identifier", {"sqlite": "1", "postgresql": "true"}),
}
_EVENTS = ("insert", "delete", "update")

_SQLITE = (
    ("CREATE TRIGGER IF NOT EXISTS tr_{table}_flags_insert AFTER INSERT ON {table} WHEN {new} BEGIN "
    "UPDATE subject SET {flag} = 1 WHERE pk = NEW.subject_pk AND {flag} = 0; END"),
    ("CREATE TRIGGER IF NOT EXISTS tr_{table}_flags_delete AFTER DELETE ON {table} WHEN {old} BEGIN "
    "UPDATE subject SET {flag} = {has} WHERE pk = OLD.subject_pk; END"),
    ("CREATE TRIGGER IF NOT EXISTS tr_{table}_flags_update AFTER UPDATE ON {table} BEGIN "
    "UPDATE subject SET {flag} = {has} WHERE pk IN (OLD.subject_pk, NEW.subject_pk); END"),
)

_POSTGRESQL = (
    """CREATE OR REPLACE FUNCTION {table}_flags() RETURNS trigger LANGUAGE plpgsql AS $flags$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE subject AS s SET {flag} = true
        FROM (SELECT DISTINCT subject_pk FROM new_rows WHERE {new}) AS t
        WHERE s.pk = t.subject_pk AND NOT s.{flag};
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE subject AS s SET {flag} = {has} FROM (SELECT DISTINCT subject_pk FROM old_rows) AS t
        WHERE s.pk = t.subject_pk AND s.{flag} IS DISTINCT FROM {has};
    ELSE
        UPDATE subject AS s SET {flag} = {has}
        FROM (SELECT subject_pk FROM old_rows UNION SELECT subject_pk FROM new_rows) AS t
        WHERE s.pk = t.subject_pk AND s.{flag} IS DISTINCT FROM {has};
    END IF;
    RETURN NULL;
END
$flags$""",
    "DROP TRIGGER IF EXISTS tr_{table}_flags_insert ON {table}",  # (no IF NOT EXISTS for a trigger)
    ("CREATE TRIGGER tr_{table}_flags_insert AFTER INSERT ON {table} "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {table}_flags()"),
    "DROP TRIGGER IF EXISTS tr_{table}_flags_delete ON {table}",  # (no IF NOT EXISTS for a trigger)
    ("CREATE TRIGGER tr_{table}_flags_delete AFTER DELETE ON {table} "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {table}_flags()"),
    "DROP TRIGGER IF EXISTS tr_{table}_flags_update ON {table}",  # (no IF NOT EXISTS for a trigger)
    ("CREATE TRIGGER tr_{table}_flags_update AFTER UPDATE ON {table} "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {table}_flags()"),
)


def _statements(dialect: str) -> list[str]:
    """Per flag: set it from the rows, then create its triggers (and PostgreSQL's function)."""
    sqlite = dialect == "sqlite"
    out = []
    for flag, (table, counts) in _FLAGS.items():
        rule = counts[dialect]
        subject = "subject" if sqlite else "s"
        has = f"EXISTS (SELECT 1 FROM {table} AS r WHERE r.subject_pk = {subject}.pk AND {rule.format(r='r.')})"  # noqa: S608 - fixed names
        out.append(f"UPDATE subject SET {flag} = {'1' if sqlite else 'true'} "  # noqa: S608 - fixed names
                   f"WHERE pk IN (SELECT r.subject_pk FROM {table} AS r WHERE {rule.format(r='r.')})")
        out.extend(ddl.format(table=table, flag=flag, has=has, new=rule.format(r="NEW." if sqlite else ""),
                              old=rule.format(r="OLD."))
                   for ddl in (_SQLITE if sqlite else _POSTGRESQL))
    return out


def upgrade() -> None:
    """Add the flags (idempotently: a store made from the models has the columns), fill them, install the triggers."""
    bind = op.get_bind()
    columns = {c["name"] for c in sa.inspect(bind).get_columns("subject")}
    for name in _FLAGS:
        if name not in columns:
            op.add_column("subject", sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false()))
    for statement in _statements(bind.dialect.name):
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    """Drop the triggers (and PostgreSQL's functions), then the two columns."""
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    for table, _ in _FLAGS.values():
        for event in _EVENTS:
            op.execute(f"DROP TRIGGER IF EXISTS tr_{table}_flags_{event}" + (f" ON {table}" if postgres else ""))
        if postgres:
            op.execute(f"DROP FUNCTION IF EXISTS {table}_flags()")
    for name in _FLAGS:
        if not postgres:  # SQLite drops a plain column in place (3.35+): no table rebuild
            op.execute(f"ALTER TABLE subject DROP COLUMN {name}")
        else:
            op.drop_column("subject", name)
