"""
`subject.has_aliases` and `subject.has_identifiers`, kept by triggers (both engines).

`snapshot` and `changes` asked, for every subject they carry, whether it has
aliases and whether it has identifiers: two probes per row, a good part of
each answer. The subject row now says it. The upgrade adds the two columns
(false by default), sets them from the rows, and installs the triggers on
`subject_name` and `subject_identifier` that keep them true to the rows
(`store.flags`); the downgrade drops the triggers and the columns. Unlike
0010, which changes only PostgreSQL, this revision changes both engines.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from designations.store import flags

revision = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add the flags (idempotently: a store made from the models has the columns), fill them, install the triggers."""
    bind = op.get_bind()
    columns = {c["name"] for c in sa.inspect(bind).get_columns("subject")}
    for name in flags.FLAGS:
        if name not in columns:
            op.add_column("subject", sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false()))
    flags.fill(bind)
    flags.install(bind)


def downgrade() -> None:
    """Drop the triggers, then the two columns."""
    bind = op.get_bind()
    flags.remove(bind)
    for name in flags.FLAGS:
        if bind.dialect.name == "sqlite":  # SQLite drops a plain column in place (3.35+): no table rebuild
            op.execute(f"ALTER TABLE subject DROP COLUMN {name}")
        else:
            op.drop_column("subject", name)
