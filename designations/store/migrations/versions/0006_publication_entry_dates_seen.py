"""
`publication_entry.listed_on` becomes `dates_seen`: the name says what the column holds.

The column never held one listing day: it holds every date diffing needs of an
entry as a publication showed it (listed, removed, end of a time-limited
listing, the latest amendment), in the grammar of `sources.diff.encode`. The
data is unchanged; only the name.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Rename the column (idempotently: a store made from the models has the new name already)."""
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("publication_entry")}
    if "listed_on" in columns and "dates_seen" not in columns:
        with op.batch_alter_table("publication_entry") as batch:
            batch.alter_column("listed_on", new_column_name="dates_seen", existing_type=sa.Text(),
                               existing_nullable=False)


def downgrade() -> None:
    """Registry stores are never downgraded: restore a backup instead."""
    raise NotImplementedError
