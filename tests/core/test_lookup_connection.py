"""The status lookup's own connection: mapped while it answers on SQLite, handed back to the pool as it came."""

from __future__ import annotations

import pendulum
import pytest

import designations
from designations.store.lookup import StatusReader
from designations.store.types import LATEST


def _map_sizes(reader: StatusReader) -> list[int]:
    """The memory map size of every connection waiting in the pool."""
    pool = reader.engine.pool
    held = [reader.engine.raw_connection() for _ in range(pool.checkedin())]  # type: ignore[attr-defined]
    try:
        return [int(c.driver_connection.execute("PRAGMA mmap_size").fetchone()[0]) for c in held]  # type: ignore[union-attr]
    finally:
        for c in held:
            c.close()


def test_the_lookup_connection_is_handed_back_unmapped(taliban: designations.Registry) -> None:
    """On SQLite the lookup maps the file into memory; closed, it returns its connection without the map."""
    if taliban.store.dialect != "sqlite":
        pytest.skip("the memory map is SQLite's")
    reader = StatusReader(taliban.store.engine)
    day = pendulum.Date(2020, 1, 1)

    found = reader.find("taliban", [(("ru-terrorist-organisations",), day, day)], LATEST)
    reader.close()

    assert "LISTED" == found.periods["ru-terrorist-organisations"].state.value
    assert [0] * len(_map_sizes(reader)) == _map_sizes(reader)
    assert _map_sizes(reader)
