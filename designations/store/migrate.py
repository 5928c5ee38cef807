"""
Schema creation and upgrades.

Interim: creates the current schema directly and records its revision in
`meta`; replaced by the Alembic migrations shipped in `store/migrations/`.
"""

from __future__ import annotations

from sqlalchemy import Engine, inspect, select

from designations.errors import SchemaTooNewError, StoreError
from designations.store.schema import Base, MetaRow

__all__ = ["HEAD", "check_current", "upgrade"]

HEAD = "0001"
"""The schema revision this library writes."""


def _revision(engine: Engine) -> str | None:
    if not inspect(engine).has_table("meta"):
        return None
    with engine.connect() as conn:
        return conn.scalar(select(MetaRow.value).where(MetaRow.key == "schema_revision"))


def check_current(engine: Engine) -> None:
    """Raise unless the store's schema is exactly the library's."""
    found = _revision(engine)
    if found is None:
        raise StoreError("the store has no registry schema (open it writable once to create it)")
    if found > HEAD:
        raise SchemaTooNewError(found, HEAD)
    if found < HEAD:
        raise StoreError(f"the store's schema {found} is older than {HEAD}: run `designations db upgrade`")


def upgrade(engine: Engine) -> None:
    """Bring the store to `HEAD`, creating it when empty."""
    found = _revision(engine)
    if found is not None and found > HEAD:
        raise SchemaTooNewError(found, HEAD)
    if found == HEAD:
        return
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(MetaRow.__table__.insert(), {"key": "schema_revision", "value": HEAD})
