"""
`status_period.scope_since`, the day a designation took its scope, and `ix_event_part`, the part-scoped events.

From 2001 the United Kingdom proscribed Hamas' military wing; an amendment in
force on 26 November 2021 widened the entry to Hamas as a whole. The state
(LISTED) began in 2001, so `state_since` says 2001, and an answer showed "the
whole, since 2001". The new column holds the day the scope (the whole, or a
part) last changed within the state, when that is later than `state_since`;
NULL means the same day. Existing rows keep NULL; `designations.store.admin.upgrade`
then re-derives the periods of the pairs whose events have more than one scope,
the only ones where the day can differ.

A snapshot listed Hamas "in force since 2001" on a day when only the wing
was proscribed: its entries did not say which list only a part. The partial
index `ix_event_part` (`event.list_id` where `scope = 'part'`) holds the few
events that designate a part, so a snapshot marks those entries without
reading one event row per entry.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision: str | None = "0011"
branch_labels: str | None = None
depends_on: str | None = None


_PART = "scope = 'part'"


def upgrade() -> None:
    """Add the column and the index (idempotently: a store made from the models has them)."""
    inspector = sa.inspect(op.get_bind())
    if "scope_since" not in {c["name"] for c in inspector.get_columns("status_period")}:
        op.add_column("status_period", sa.Column("scope_since", sa.Date(), nullable=True))
    if "ix_event_part" not in {i["name"] for i in inspector.get_indexes("event")}:
        op.create_index("ix_event_part", "event", ["list_id"], sqlite_where=sa.text(_PART),
                        postgresql_where=sa.text(_PART))


def downgrade() -> None:
    """Drop the index and the column."""
    op.drop_index("ix_event_part", table_name="event")
    if op.get_bind().dialect.name == "sqlite":  # SQLite drops a plain column in place (3.35+): no table rebuild
        op.execute("ALTER TABLE status_period DROP COLUMN scope_since")
    else:
        op.drop_column("status_period", "scope_since")
