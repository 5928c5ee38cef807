"""
`status_period.scope_since`: the day a designation took its current scope.

From 2001 the United Kingdom proscribed Hamas' military wing; an amendment in
force on 26 November 2021 widened the entry to Hamas as a whole. The state
(LISTED) began in 2001, so `state_since` says 2001, and an answer showed "the
whole, since 2001". The new column holds the day the scope (the whole, or a
part) last changed within the state, when that is later than `state_since`;
NULL means the same day. Existing rows keep NULL; `designations.store.admin.upgrade`
then re-derives the periods of the pairs whose events have more than one scope,
the only ones where the day can differ.

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


def upgrade() -> None:
    """Add the column (idempotently: a store made from the models has it)."""
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("status_period")}
    if "scope_since" not in columns:
        op.add_column("status_period", sa.Column("scope_since", sa.Date(), nullable=True))


def downgrade() -> None:
    """Drop the column."""
    if op.get_bind().dialect.name == "sqlite":  # SQLite drops a plain column in place (3.35+): no table rebuild
        op.execute("ALTER TABLE status_period DROP COLUMN scope_since")
    else:
        op.drop_column("status_period", "scope_since")
