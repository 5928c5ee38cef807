"""
PostgreSQL: status_period's rules are checked per statement, not per row.

The rules are unchanged: no two status periods of one subject on one list
may overlap in valid, known and recorded time, and every period points at
its subject, list and event. The exclusion constraint (btree_gist,
migration 0002) kept a GiST entry per period row, and each foreign key ran
a query per row: together about three quarters of a period row's COPY.
The guard's triggers (`store.postgres.add_guard`) take the writers' lock and
check each statement's rows at once: the references once per distinct
value, the overlaps in one join through the (subject_pk, list_id,
valid_from, valid_to) index. SQLite keeps its BEFORE INSERT trigger and its
foreign keys (nothing to do there). Downgrading puts the foreign keys and
the constraint back, which re-validates every row.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Replace the exclusion constraint by the guard's triggers (PostgreSQL only)."""
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        from designations.store import postgres  # noqa: PLC0415 - PostgreSQL only

        postgres.drop_exclusion(bind)
        postgres.drop_references(bind)
        postgres.add_guard(bind)


def downgrade() -> None:
    """Put the exclusion constraint and the foreign keys back, and drop the triggers (PostgreSQL only)."""
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        from designations.store import postgres  # noqa: PLC0415 - PostgreSQL only

        postgres.remove_guard(bind)
        postgres.add_references(bind)
        postgres.add_exclusion(bind)
