"""
`status_period.since_earliest`: the first day a state may have begun, when its act's day is not known.

Russia's Supreme Court banned the Taliban on 14 February 2003; no source read
gives the day the decision entered into force, only that the list was
published on 28 July 2006. The state is certain from 2006-07-28, so
`state_since` holds that day and an answer said "listed since 2006-07-28",
as if the ban were three years younger. The new column holds the first day
the state may have begun (the start of the window of the act that set it),
NULL when the state began on a day known exactly. Existing rows keep NULL;
`designations.store.admin.upgrade` then re-derives the periods of the pairs
that have an event in force on a day known only as a window, the only ones
where it can be set.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision: str | None = "0012"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add the column (idempotently: a store made from the models has it)."""
    if "since_earliest" not in {c["name"] for c in sa.inspect(op.get_bind()).get_columns("status_period")}:
        op.add_column("status_period", sa.Column("since_earliest", sa.Date(), nullable=True))


def downgrade() -> None:
    """Drop the column."""
    if op.get_bind().dialect.name == "sqlite":  # SQLite drops a plain column in place (3.35+): no table rebuild
        op.execute("ALTER TABLE status_period DROP COLUMN since_earliest")
    else:
        op.drop_column("status_period", "since_earliest")
