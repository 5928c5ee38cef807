"""
`subject_name.weak`: an alias the list itself calls low quality.

The UN marks some aliases "Low" (a single common first name, a title and a
name). They stay searchable, but matching never lets one alone make a
screening hit. Existing names are not weak.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add the column (idempotently: a store made from the models has it already)."""
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("subject_name")}
    if "weak" not in columns:
        op.add_column("subject_name", sa.Column("weak", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    """Registry stores are never downgraded: restore a backup instead."""
    raise NotImplementedError
