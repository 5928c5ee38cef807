"""
The snapshot's index on `status_period` orders a list's periods by subject, not by start day.

`ix_status_period_snapshot` was (list_id, state, valid_from). Period rows
arrive subject by subject, so every batch inserted into pages scattered over
that whole index: on a 1M-subject store most of its pages were read and
rewritten by each large write. Ordered by `subject_pk` instead, new subjects'
rows land at the end of each (list, state) range. A snapshot on a recent day
reads almost every LISTED row of the list either way; in subject order it
reads the table in the order it was written, which measured faster too
(see benchmarks/results/scale_sqlite.md, "SQLite bulk load, third round").

Revision ID: 0011
Revises: 0008
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None

_NAME = "ix_status_period_snapshot"
_COLUMNS = ["list_id", "state", "subject_pk"]


def upgrade() -> None:
    """Recreate the index on the new columns (a store made from the models has them already)."""
    have = {i["name"]: i["column_names"] for i in sa.inspect(op.get_bind()).get_indexes("status_period")}
    if have.get(_NAME) == _COLUMNS:
        return
    if _NAME in have:
        op.drop_index(_NAME, table_name="status_period")
    op.create_index(_NAME, "status_period", _COLUMNS)


def downgrade() -> None:
    """Registry stores are never downgraded: restore a backup instead."""
    raise NotImplementedError
