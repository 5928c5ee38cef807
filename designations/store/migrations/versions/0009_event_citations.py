"""
An event's citations move into its own row: `event.citations`; the table `event_source` goes.

Every answer that carries events (`status`, `history`, `changes`) read each
event's citations from `event_source` with one index probe per event, which
cost more than the rest of the statement. The citations are written once with
their event and never change, so they now live in it: compact JSON, one
`[title, url, publisher, date]` array per citation in position order (the
text `store.convert.citations_text` writes). The upgrade fills the column
from `event_source` and drops the table; the downgrade rebuilds the table
from the column and drops the column. On SQLite the freed pages stay in the
file until a `VACUUM`.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None

# One citation as compact JSON text, on each engine: the exact text Python's `json`
# writes with separators (",", ":") and ensure_ascii=False (both engines escape the
# same characters the same way). SQLite's json_array writes it; PostgreSQL's
# json_build_array puts a space after each comma, so its text is put together from
# to_json of each value.
#
# SQLite (before 3.44) has no ORDER BY inside an aggregate: the citations of one event
# are aggregated from a subquery in position order, which SQLite does not flatten into
# an aggregate query, so json_group_array takes them in that order. json() keeps each
# element JSON (a subquery's column loses json_array's JSON subtype). An event without
# citations gets `[]` (the column's default) on both engines.
_FILL = {
    "sqlite": """
UPDATE event SET citations = (
    SELECT json_group_array(json(c)) FROM (
        SELECT json_array(s.title, s.url, s.publisher, s.date) AS c
        FROM event_source s WHERE s.event_id = event.id ORDER BY s.position))
""",
    "postgresql": """
UPDATE event SET citations = cited.text
FROM (SELECT s.event_id,
             '[' || string_agg('[' || to_json(s.title)::text || ',' || to_json(s.url)::text
                               || ',' || to_json(s.publisher)::text
                               || ',' || coalesce(to_json(s.date)::text, 'null') || ']',
                               ',' ORDER BY s.position) || ']' AS text
      FROM event_source s GROUP BY s.event_id) AS cited
WHERE cited.event_id = event.id
""",
}

_UNFILL = {
    "sqlite": """
INSERT INTO event_source (event_id, position, title, url, publisher, date)
SELECT e.id, j.key, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'),
       json_extract(j.value, '$[2]'), json_extract(j.value, '$[3]')
FROM event e, json_each(e.citations) AS j
ORDER BY e.id, j.key
""",
    "postgresql": """
INSERT INTO event_source (event_id, position, title, url, publisher, date)
SELECT e.id, j.n - 1, j.v ->> 0, j.v ->> 1, j.v ->> 2, (j.v ->> 3)::date
FROM event e CROSS JOIN LATERAL json_array_elements(e.citations::json) WITH ORDINALITY AS j(v, n)
ORDER BY e.id, j.n
""",
}


def upgrade() -> None:
    """Add `event.citations`, fill it from `event_source`, drop that table (idempotently)."""
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    if "citations" not in {c["name"] for c in inspector.get_columns("event")}:
        op.add_column("event", sa.Column("citations", sa.Text(), nullable=False, server_default="[]"))
    if "event_source" in inspector.get_table_names():
        op.execute(_FILL[bind.dialect.name])
        op.drop_table("event_source")


def downgrade() -> None:
    """Rebuild `event_source` from `event.citations` (in position order), then drop the column."""
    dialect = op.get_bind().dialect.name
    op.create_table(
        "event_source",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=True),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("publisher", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_event_source"),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"], name="fk_event_source_event_id_event"),
    )
    op.create_index("ix_event_source_event_id", "event_source", ["event_id"])
    op.execute(_UNFILL[dialect])
    if dialect == "sqlite":  # SQLite drops a plain column in place (3.35+): no table rebuild
        op.execute("ALTER TABLE event DROP COLUMN citations")
    else:
        op.drop_column("event", "citations")
