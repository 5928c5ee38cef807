"""
A partial index on `subject_name` holding aliases only (not primary names).

Every subject has a primary name row, so the index on `subject_pk` alone
finds a row for each subject and the table row must be read to learn it is
not an alias. The answers that carry a subject's aliases (`status`,
`snapshot`, `changes`) look them up per subject; in this index a subject
without aliases costs one probe that finds nothing, and no table read.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create the index (idempotently: a store made from the models has it already)."""
    have = {i["name"] for i in sa.inspect(op.get_bind()).get_indexes("subject_name")}
    if "ix_subject_name_alias" not in have:
        op.create_index("ix_subject_name_alias", "subject_name", ["subject_pk", "id"],
                        sqlite_where=sa.text("is_primary = 0"), postgresql_where=sa.text("NOT is_primary"))


def downgrade() -> None:
    """Registry stores are never downgraded: restore a backup instead."""
    raise NotImplementedError
