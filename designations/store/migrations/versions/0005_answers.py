"""
What answers need: an event's three dates and listed scope, a list's first day and check, relations.

- `event`: `decided_from`/`decided_to` (the day the act was made, a window
  when vague), `listed_as` (the name as the act lists it) and `scope`
  (`whole`, or `part` when only a part such as a military wing is listed).
- `designation_list`: `established` (the first day any entry could be in
  force), `allowance_days` (how long after the last publication or check the
  data is vouched for), `verified_on`/`verified_count` (the last check of
  completeness), `reviewed` (the last check of the named subjects' events)
  and `details` (JSON: the sources of the first day and of the check).
- `status_period.state_since`: the day the current state began. Amendments
  now start periods of their own (their terms are what an answer cites), so
  a period's start is no longer the day its state began. Existing rows keep
  NULL, which readers take as `valid_from`: the answers they gave before.
- `subject_relation`: sourced relations between subjects (`list_id` limits one to a
  list's answers), in recorded time.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def _add(table: str, have: set[str], column: sa.Column[object]) -> None:
    """Add `column` unless a store made from the models has it already."""
    if column.name not in have:
        op.add_column(table, column)


def upgrade() -> None:
    """Add the columns and the relation table (idempotently)."""
    inspector = sa.inspect(op.get_bind())
    cols = {t: {c["name"] for c in inspector.get_columns(t)}
            for t in ("event", "designation_list", "status_period")}
    _add("event", cols["event"], sa.Column("decided_from", sa.Date(), nullable=True))
    _add("event", cols["event"], sa.Column("decided_to", sa.Date(), nullable=True))
    _add("event", cols["event"], sa.Column("listed_as", sa.Text(), nullable=False, server_default=""))
    _add("event", cols["event"], sa.Column("scope", sa.String(8), nullable=False, server_default="whole"))
    lists = cols["designation_list"]
    _add("designation_list", lists, sa.Column("established", sa.Date(), nullable=True))
    _add("designation_list", lists, sa.Column("allowance_days", sa.Integer(), nullable=True))
    _add("designation_list", lists, sa.Column("verified_on", sa.Date(), nullable=True))
    _add("designation_list", lists, sa.Column("verified_count", sa.Integer(), nullable=True))
    _add("designation_list", lists, sa.Column("reviewed", sa.Date(), nullable=True))
    _add("designation_list", lists, sa.Column("details", sa.Text(), nullable=False, server_default=""))
    _add("status_period", cols["status_period"], sa.Column("state_since", sa.Date(), nullable=True))
    if "subject_relation" not in inspector.get_table_names():
        op.create_table(
            "subject_relation",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("subject_pk", sa.Integer(), nullable=False),
            sa.Column("kind", sa.String(16), nullable=False),
            sa.Column("other_pk", sa.Integer(), nullable=False),
            sa.Column("list_id", sa.String(100), nullable=False, server_default=""),
            sa.Column("note", sa.Text(), nullable=False, server_default=""),
            sa.Column("sources", sa.Text(), nullable=False, server_default=""),
            sa.Column("recorded_from", sa.DateTime(), nullable=False),
            sa.Column("recorded_to", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("id", name="pk_subject_relation"),
            sa.ForeignKeyConstraint(["subject_pk"], ["subject.pk"], name="fk_subject_relation_subject_pk_subject"),
            sa.ForeignKeyConstraint(["other_pk"], ["subject.pk"], name="fk_subject_relation_other_pk_subject"),
        )
        op.create_index("ix_subject_relation_subject_pk", "subject_relation", ["subject_pk"])
        op.create_index("ix_subject_relation_other_pk", "subject_relation", ["other_pk"])


def downgrade() -> None:
    """Registry stores are never downgraded: restore a backup instead."""
    raise NotImplementedError
