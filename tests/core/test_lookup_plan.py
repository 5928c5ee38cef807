"""The status statement's plan on SQLite: the period is found through its lookup index, whatever the lists asked."""

from __future__ import annotations

import pytest

import designations
from designations.store.lookup import StatusReader


def _plan(reader: StatusReader, n_lists: int) -> list[str]:
    """SQLite's plan for the answer statement over `n_lists` lists, one line per step."""
    sql = reader.statement(n_lists)
    args = ("9999-01-01 00:00:00.000000", *(f"l{i}" for i in range(n_lists)), "2020-01-01", "2020-01-01",
            "2020-01-01", "2020-01-01", "9999-01-01 00:00:00.000000", "9999-01-01 00:00:00.000000", "taliban")
    raw = reader.engine.raw_connection()
    try:
        return [str(row[-1]) for row in raw.driver_connection.execute(f"EXPLAIN QUERY PLAN {sql}", args)]
    finally:
        raw.close()


@pytest.mark.parametrize("n_lists", [1, 3])
def test_the_answering_period_is_found_by_subject_list_and_day(taliban: designations.Registry, n_lists: int) -> None:
    """
    SQLite seeks the period by (subject, list, valid day), not by (subject, recorded end): the latter read
    every current period of the subject on every list and made a lookup on a large store 30% slower.
    """
    if taliban.store.dialect != "sqlite":
        pytest.skip("the plan checked is SQLite's")
    plan = _plan(StatusReader(taliban.store.engine), n_lists)

    period_steps = [step for step in plan if step.startswith("SEARCH p ")]
    assert 1 == len(period_steps), plan
    assert "USING INDEX ix_status_period_lookup (subject_pk=? AND list_id=? AND valid_from<?)" in period_steps[0]
