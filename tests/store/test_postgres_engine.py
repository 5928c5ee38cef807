"""
PostgreSQL engine settings: a write transaction plans every statement afresh.

psycopg prepares a statement on the server at its fifth run on a connection,
and a plan the server keeps from when a table was small stays bad as the
write grows it (`store.engine`). Reads keep prepared statements.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, text

import designations

pytestmark = pytest.mark.postgres_only

_PROBE = "SELECT count(*) FROM subject WHERE key = %s"


def _run_and_count_prepared(conn: Connection) -> int:
    """Run one statement ten times on the driver's connection; how many statements it holds prepared."""
    raw = conn.connection.dbapi_connection
    assert raw is not None
    with raw.cursor() as cursor:
        for i in range(10):
            cursor.execute(_PROBE, (f"key-{i}",))
    return int(conn.scalar(text("SELECT count(*) FROM pg_prepared_statements")) or 0)


def test_a_write_transaction_prepares_no_statement(registry: designations.Registry) -> None:
    """Inside the store's writer, a statement run ten times is planned ten times, never prepared."""
    with registry.store.writer(kind="test") as w:
        prepared = _run_and_count_prepared(w.connection)

    assert 0 == prepared


def test_a_read_still_prepares_a_statement_it_repeats(registry: designations.Registry) -> None:
    """Outside a write, even on the writer's connection afterwards, a repeated statement is prepared once."""
    with registry.store.writer(kind="test"):
        pass
    registry.store.dispose()
    with registry.store.writer(kind="test"):
        pass
    with registry.store.read() as conn:
        prepared = _run_and_count_prepared(conn)

    assert 1 <= prepared
