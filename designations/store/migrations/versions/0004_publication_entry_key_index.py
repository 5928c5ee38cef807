"""
Publication entries are found by publication and entry key.

An import compares each part of a new publication with the stored entries
of the same keys in the neighbouring publications of the list, and finds
the keys that a publication no longer shows. Both need the entries of one
publication by key; an index on `publication_id` alone made each lookup
scan the whole publication. The composite index replaces it (its first
column serves the lookups by publication alone).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Index `publication_entry` on (publication_id, entry_key) instead of publication_id."""
    have = {i["name"] for i in sa.inspect(op.get_bind()).get_indexes("publication_entry")}
    if "ix_publication_entry_key" not in have:  # a store made from the models already has it
        op.create_index("ix_publication_entry_key", "publication_entry", ["publication_id", "entry_key"])
    if "ix_publication_entry_publication_id" in have:
        op.drop_index("ix_publication_entry_publication_id", table_name="publication_entry")


def downgrade() -> None:
    """Registry stores are never downgraded: restore a backup instead."""
    raise NotImplementedError
