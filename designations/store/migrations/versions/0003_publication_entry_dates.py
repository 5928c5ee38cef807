"""
A publication entry's dates are unbounded text.

`publication_entry.listed_on` holds the dates diffing needs of a seen entry
(listed, removed, end and amendment dates; see `sources.diff.encode`). As
`varchar(32)` it could not hold them all for an entry with date windows, and
the encoding had to drop the amendment date and shorten windows to fit. It
becomes `text`. SQLite does not enforce the length, but the table is rebuilt
in Alembic's batch mode so its declared type matches the models.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Widen `publication_entry.listed_on` to text (a store made from later models has no such column)."""
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("publication_entry")}
    if "listed_on" not in columns:
        return
    with op.batch_alter_table("publication_entry") as batch:
        batch.alter_column("listed_on", type_=sa.Text(), existing_type=sa.String(32), existing_nullable=False)


def downgrade() -> None:
    """Registry stores are never downgraded: restore a backup instead."""
    raise NotImplementedError
