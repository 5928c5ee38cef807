"""
Schema creation and upgrades with the Alembic migrations shipped in `store/migrations/`.

Alembic runs programmatically on the caller's engine, inside one
transaction (SQLite and PostgreSQL both have transactional DDL), so a failed
upgrade leaves the store as it was. A store stamped with a revision this
library does not know was written by a newer version: `SchemaTooNewError`.
Stores created by the interim schema code (before Alembic) carry
`meta.schema_revision = '0001'` and no `alembic_version`; they are stamped
0001 and upgraded.
"""

from __future__ import annotations

import importlib.resources
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from designations.errors import SchemaTooNewError, StoreError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

__all__ = ["HEAD", "alembic_config", "check_current", "revision", "upgrade"]

HEAD = "0014"
"""The schema revision this library writes."""

_LEGACY_KEY = "schema_revision"


def alembic_config(conn: Connection | None = None) -> Config:
    """
    The Alembic configuration of the shipped migrations, run on `conn` (None: for reading the scripts only).

    `upgrade` runs on it; so can a tool or a spec that moves a store to a given
    revision with `alembic.command.upgrade` or `downgrade`, in a transaction of its own.

    Args:
        conn: the connection the migrations run on.

    Returns:
        A configuration whose script location is the package's `store/migrations`.

    """
    from alembic.config import Config  # noqa: PLC0415 - alembic only when the schema is touched

    cfg = Config()
    location = importlib.resources.files("designations.store") / "migrations"
    cfg.set_main_option("script_location", str(location))
    cfg.attributes["connection"] = conn
    return cfg


def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    return ScriptDirectory.from_config(alembic_config())


def revision(conn: Connection) -> str | None:
    """The store's schema revision: Alembic's, the interim one, or None for an empty database."""
    names = set(inspect(conn).get_table_names())
    if "alembic_version" in names:
        found = conn.scalar(text("SELECT version_num FROM alembic_version"))
        if found is not None:
            return str(found)
    if "meta" in names:
        legacy = conn.scalar(text("SELECT value FROM meta WHERE key = :k"), {"k": _LEGACY_KEY})
        if legacy is not None:
            return str(legacy)
    return None


def _known(found: str) -> bool:
    from alembic.util import CommandError  # noqa: PLC0415

    try:
        return _script().get_revision(found) is not None
    except CommandError:
        return False


def _check_known(found: str | None) -> None:
    if found is not None and not _known(found):
        raise SchemaTooNewError(found, HEAD)


def check_current(engine: Engine) -> None:
    """Raise unless the store's schema is exactly the library's (read-only opens use this)."""
    try:
        _check_current(engine)
    except StoreError:
        engine.dispose()  # the store is unusable: close its pooled connections now
        raise


def _check_current(engine: Engine) -> None:
    try:
        with engine.connect() as conn:
            found = revision(conn)
    except StoreError:
        raise
    except Exception as exc:
        raise StoreError(f"cannot read the store's schema: {exc}") from exc
    if found is None:
        raise StoreError("the store has no registry schema (open it writable once to create it)")
    if found == HEAD:
        return
    _check_known(found)
    if found != HEAD:
        raise StoreError(
            f"the store's schema {found} is older than {HEAD}: run `designations db upgrade`"
        )


def upgrade(engine: Engine) -> None:
    """Bring the store to `HEAD` in one transaction, creating it when empty."""
    try:
        _upgrade(engine)
    except StoreError:
        engine.dispose()  # the store is unusable: close its pooled connections now
        raise


def _upgrade(engine: Engine) -> None:
    with engine.connect() as probe:
        found = revision(probe)
    if found == HEAD:  # the common case: no Alembic import at all
        return
    _check_known(found)
    from alembic import command  # noqa: PLC0415

    with engine.connect() as plain:
        conn = plain.execution_options(designations_write=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                from designations.store import postgres  # noqa: PLC0415

                postgres.migration_lock(conn)
            found = revision(conn)  # another process may have upgraded meanwhile
            _check_known(found)
            if found == HEAD:
                return
            cfg = alembic_config(conn)
            if found is not None and "alembic_version" not in inspect(conn).get_table_names():
                command.stamp(cfg, found)
                conn.execute(text("DELETE FROM meta WHERE key = :k"), {"k": _LEGACY_KEY})
            command.upgrade(cfg, "head")
