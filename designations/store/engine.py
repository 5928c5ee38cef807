"""
Engines for SQLite and PostgreSQL, configured for a registry.

SQLite gets WAL (readers never block the writer), a busy timeout, foreign
keys, and explicit BEGIN so that a write transaction takes the lock up front
(BEGIN IMMEDIATE) instead of failing half-way on upgrade.
"""

from __future__ import annotations

import os
import sqlite3
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from designations.errors import StoreError

__all__ = ["BUSY_TIMEOUT_MS", "make_engine"]

BUSY_TIMEOUT_MS = int(os.environ.get("DESIGNATIONS_BUSY_TIMEOUT_MS", "30000"))
"""How long a SQLite writer waits for the lock before `LockTimeoutError`."""


def make_engine(url: str) -> Engine:
    """An engine for `url`, with SQLite pragmas and explicit transactions."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        msg = f"not a database URL: {url!r}"
        raise StoreError(msg) from exc
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000}
    try:
        engine = create_engine(parsed, **kwargs)
    except Exception as exc:  # driver missing, bad options
        if "psycopg" in str(exc) or isinstance(exc, ModuleNotFoundError):
            from designations.errors import MissingExtraError  # noqa: PLC0415

            raise MissingExtraError("postgres", "psycopg") from exc
        msg = f"cannot open {parsed.render_as_string(hide_password=True)}: {exc}"
        raise StoreError(msg) from exc
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    memory = engine.url.database in (None, "", ":memory:")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves
        cur = dbapi_conn.cursor()
        if not memory:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:  # noqa: ANN401 - SQLAlchemy Connection
        immediate = conn.get_execution_options().get("designations_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
