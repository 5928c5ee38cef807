"""The status lookup's SQLite connection: mapped, with a small page cache, while it answers; handed back as it came."""

from __future__ import annotations

import pendulum
import pytest
from sqlalchemy import event

import designations
from designations.store.engine import READ_CACHE_KIB
from designations.store.lookup import MAP_BYTES, StatusReader
from designations.store.types import LATEST


def _pragmas(reader: StatusReader) -> list[tuple[int, int]]:
    """The memory map size and page cache size of every connection waiting in the pool."""
    pool = reader.engine.pool
    held = [reader.engine.raw_connection() for _ in range(pool.checkedin())]  # type: ignore[attr-defined]
    try:
        return [_of(c.driver_connection) for c in held]
    finally:
        for c in held:
            c.close()


def _of(driver: object) -> tuple[int, int]:
    """(mmap_size, cache_size) of one SQLite driver connection."""
    return (int(driver.execute("PRAGMA mmap_size").fetchone()[0]),  # type: ignore[attr-defined]
            int(driver.execute("PRAGMA cache_size").fetchone()[0]))  # type: ignore[attr-defined]


def test_the_lookup_connection_is_handed_back_as_it_came(taliban: designations.Registry) -> None:
    """
    On SQLite the lookup maps the file and keeps the readers' small page cache (the writers' large one
    costs random lookups fresh memory for every page); closed, it returns its connection as the pool made it.
    """
    if taliban.store.dialect != "sqlite":
        pytest.skip("the memory map is SQLite's")
    reader = StatusReader(taliban.store.engine)
    day = pendulum.Date(2020, 1, 1)
    handed: list[object] = []  # the driver connection the pool hands the lookup (one, kept while it answers)

    def note(driver: object, *_: object) -> None:
        handed.append(driver)

    event.listen(reader.engine, "checkout", note)
    try:
        found = reader.find("taliban", [(("ru-terrorist-organisations",), day, day)], LATEST)
    finally:
        event.remove(reader.engine, "checkout", note)
    (lookups,) = handed
    answering = _of(lookups)
    reader.close()

    assert "LISTED" == found.periods["ru-terrorist-organisations"].state.value
    assert (MAP_BYTES, -READ_CACHE_KIB) == answering
    assert [(0, -READ_CACHE_KIB)] * len(_pragmas(reader)) == _pragmas(reader)
    assert _pragmas(reader)
