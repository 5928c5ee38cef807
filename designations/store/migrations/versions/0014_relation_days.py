"""
`subject_relation.valid_from` / `valid_to`: the days a relation holds, where a source pins them.

The United Kingdom proscribed the PKK in 2001 and TAK as a separate entry in 2006; only from
2020-02-28 does the PKK's entry name TAK. A relation without days made the PKK's listing answer
for TAK in 2003, as LISTED, a designation in force. The columns hold the first day a relation
holds and the first day it no longer does; NULL is no bound, which every existing row keeps.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision: str | None = "0013"
branch_labels: str | None = None
depends_on: str | None = None

_COLUMNS = ("valid_from", "valid_to")


def upgrade() -> None:
    """Add the columns (idempotently: a store made from the models has them)."""
    have = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("subject_relation")}
    for name in _COLUMNS:
        if name not in have:
            op.add_column("subject_relation", sa.Column(name, sa.Date(), nullable=True))


def downgrade() -> None:
    """Drop the columns."""
    for name in reversed(_COLUMNS):
        if op.get_bind().dialect.name == "sqlite":  # SQLite drops a plain column in place (3.35+)
            op.execute(f"ALTER TABLE subject_relation DROP COLUMN {name}")
        else:
            op.drop_column("subject_relation", name)
