"""SQLite's page cache: the writers' large one while a connection writes, SQLite's small default otherwise."""

from __future__ import annotations

import pytest
from sqlalchemy import Connection

import designations
from designations.store.engine import CACHE_KIB, READ_CACHE_KIB


def _cache_kib(conn: Connection) -> int:
    """The connection's page cache in KiB (SQLite reports a size in KiB as a negative number)."""
    return -int(conn.exec_driver_sql("PRAGMA cache_size").scalar_one())


@pytest.fixture
def sqlite_registry(registry: designations.Registry) -> designations.Registry:
    """The empty test registry, on SQLite only (the page cache is SQLite's)."""
    if registry.store.dialect != "sqlite":
        pytest.skip("the page cache is SQLite's")
    return registry


def test_a_reader_keeps_sqlites_small_cache(sqlite_registry: designations.Registry) -> None:
    """A read transaction runs with SQLite's default cache: a one-off read gains nothing from a large one."""
    with sqlite_registry.store.read() as conn:
        assert READ_CACHE_KIB == _cache_kib(conn)


def test_a_writer_gets_the_large_cache_and_hands_back_the_small_one(sqlite_registry: designations.Registry) -> None:
    """A write transaction runs with the writers' cache; its connection goes back to the pool with the readers'."""
    store = sqlite_registry.store
    with store.writer(kind="test") as writer:
        during = _cache_kib(writer.connection)
    pooled = [store.engine.raw_connection() for _ in range(store.engine.pool.checkedin())]  # type: ignore[attr-defined]
    try:
        after = [-int(c.driver_connection.execute("PRAGMA cache_size").fetchone()[0]) for c in pooled]  # type: ignore[union-attr]
    finally:
        for c in pooled:
            c.close()

    assert CACHE_KIB == during
    assert after
    assert [READ_CACHE_KIB] * len(after) == after


def test_a_failed_write_hands_back_the_small_cache_too(sqlite_registry: designations.Registry) -> None:
    """A write that rolls back leaves no connection with the writers' cache."""
    store = sqlite_registry.store
    with pytest.raises(RuntimeError), store.writer(kind="test"):
        raise RuntimeError("refused")
    with store.read() as conn:
        assert READ_CACHE_KIB == _cache_kib(conn)
