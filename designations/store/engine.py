"""
Engines for SQLite and PostgreSQL, configured for a registry.

SQLite gets WAL (readers never block the writer), a busy timeout, foreign
keys, and explicit BEGIN so that a write transaction takes the lock up front
(BEGIN IMMEDIATE) instead of failing half-way on upgrade. Durability is
WAL with `synchronous=NORMAL`: a committed write survives a crash of the
process; a power cut may lose the last commits, never corrupt the file.
A write transaction's page cache is raised from SQLite's 2 MiB so that a
large write keeps its index pages in memory instead of spilling them to the
WAL again and again; readers keep SQLite's size, because a read touching
scattered pages once gains nothing from holding them, and a large cache
allocates and first touches fresh memory for every page it takes in (a
one-off `changes` over 23,684 events of the 1M-subject store: 392 ms with the
small cache, 550-626 ms with 256 MiB).

On PostgreSQL a write transaction plans every statement afresh. psycopg
prepares a statement on the server after its fifth run, and the server
may then keep one generic plan: the write path's `key IN (...)` lookups,
prepared while their table was small, stayed sequential scans after it
grew (0.3-0.8 s each instead of a few ms, measured in the load
benchmark). Readers keep prepared statements.
"""

from __future__ import annotations

import os
import pathlib
import sqlite3
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from designations.errors import StoreError

__all__ = ["BUSY_TIMEOUT_MS", "CACHE_KIB", "READ_CACHE_KIB", "make_engine"]

BUSY_TIMEOUT_MS = int(os.environ.get("DESIGNATIONS_BUSY_TIMEOUT_MS", "30000"))
"""How long a SQLite writer waits for the lock before `LockTimeoutError`."""

CACHE_KIB = 262_144
"""SQLite's page cache of a connection while it writes, in KiB (an upper bound, allocated as used)."""

READ_CACHE_KIB = 2000
"""SQLite's page cache of a connection otherwise, in KiB: SQLite's own default."""


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    """
    An engine for `url`, with SQLite pragmas and explicit transactions.

    `read_only` opens a SQLite file with `mode=ro` (the OS refuses writes too)
    and makes every PostgreSQL transaction READ ONLY.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        msg = f"not a database URL: {url!r}"
        raise StoreError(msg) from exc
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        msg = f"unsupported database {parsed.get_backend_name()!r}: the store runs on SQLite or PostgreSQL"
        raise StoreError(msg)
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000}
        if read_only:
            parsed = _sqlite_read_only(parsed)
    elif parsed.get_backend_name() == "postgresql" and read_only:
        # the server refuses writes for the whole session, whatever a caller executes
        kwargs["connect_args"] = {"options": "-c default_transaction_read_only=on"}
    try:
        engine = create_engine(parsed, **kwargs)
    except Exception as exc:  # driver missing, bad options
        if parsed.get_backend_name() == "postgresql" and ("psycopg" in str(exc) or isinstance(exc, ImportError)):
            from designations.errors import MissingExtraError  # noqa: PLC0415

            raise MissingExtraError("postgres", "psycopg") from exc
        msg = f"cannot open {parsed.render_as_string(hide_password=True)}: {exc}"
        raise StoreError(msg) from exc
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine, read_only=read_only)
    elif engine.dialect.name == "postgresql":
        _configure_postgresql(engine)
        if read_only:
            engine = engine.execution_options(postgresql_readonly=True)
    return engine


def _sqlite_read_only(parsed: URL) -> URL:
    """
    `sqlite:///path` as `sqlite:///file:path?mode=ro&uri=true` (memory stays as is).

    A URI that asks for another mode (`?mode=rw`) is opened `mode=ro` all the same;
    a file in a directory this process cannot write is opened `immutable=1` too,
    since SQLite could not create the files it uses to share the database.
    """
    database = parsed.database or ""
    if database in ("", ":memory:"):
        return parsed
    if parsed.query.get("uri") == "true" or database.startswith("file:"):
        location, _, query = database.removeprefix("file:").partition("?")
        params = [p for p in query.split("&") if p and not p.startswith(("mode=", "immutable="))]
        database = location
    else:
        params = []
    path = pathlib.Path(database).resolve()
    if not path.exists():
        msg = f"cannot open {path} read-only: no such file"
        raise StoreError(msg)
    params.append("mode=ro")
    if not os.access(path.parent, os.W_OK):
        params.append("immutable=1")
    return parsed.set(database=f"file:{path.as_posix()}?{'&'.join(params)}", query={"uri": "true"})


def _configure_sqlite(engine: Engine, *, read_only: bool = False) -> None:
    memory = engine.url.database in (None, "", ":memory:")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves
        cur = dbapi_conn.cursor()
        if not memory and not read_only:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if read_only:
            cur.execute("PRAGMA query_only=ON")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA cache_size=-{READ_CACHE_KIB}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:  # noqa: ANN401 - SQLAlchemy Connection
        immediate = conn.get_execution_options().get("designations_write", False)
        if immediate:  # a writer's cache, until the connection goes back to the pool
            conn.connection.driver_connection.execute(f"PRAGMA cache_size=-{CACHE_KIB}").close()
            conn.connection.info["write_cache"] = True
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    @event.listens_for(engine, "checkin")
    def _on_checkin(dbapi_conn: sqlite3.Connection | None, record: Any) -> None:  # noqa: ANN401 - a pool record
        if dbapi_conn is not None and record.info.pop("write_cache", False):
            dbapi_conn.execute(f"PRAGMA cache_size=-{READ_CACHE_KIB}").close()


_PREPARE_AFTER = 5
"""psycopg's default: a statement is prepared on the server at its fifth run on a connection."""


def _configure_postgresql(engine: Engine) -> None:
    """Writes plan every statement afresh (see the module docstring); the connection reverts after."""

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:  # noqa: ANN401 - SQLAlchemy Connection
        if conn.get_execution_options().get("designations_write", False):
            conn.connection.dbapi_connection.prepare_threshold = None

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _on_end(conn: Any) -> None:  # noqa: ANN401 - SQLAlchemy Connection
        raw = conn.connection.dbapi_connection
        if raw is not None and raw.prepare_threshold is None:
            raw.prepare_threshold = _PREPARE_AFTER
