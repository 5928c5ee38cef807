"""Specs for designations.screening: a batch answers every row from one data version, and says which."""

from __future__ import annotations

from typing import Any

import designations
from designations.model import Status
from designations.screening import screen, search

NAMES = ["Taliban", "Taleban", "Талибан", "Движение Талибан"]


class _WritesDuringTheBatch:
    """A real registry whose store gets a real write (the suspension retracted) while a batch is answered."""

    def __init__(self, registry: designations.Registry, after: int) -> None:
        self._registry = registry
        self._after = after
        self._asked = 0

    def __getattr__(self, name: str) -> Any:  # every other registry method, unchanged
        return getattr(self._registry, name)

    def status(self, subject: str, where: str, **times: Any) -> Status:
        self._asked += 1
        if self._asked == self._after:
            suspension = next(e for e in self._registry.history("taliban").events if e.kind.value == "SUSPENDED")
            assert suspension.id is not None
            self._registry.retract(suspension.id, reason="a write while the batch runs")
        return self._registry.status(subject, where, **times)


def test_every_row_answers_from_the_version_the_batch_began_with(taliban: designations.Registry) -> None:
    """A write landing after the first row does not change later rows: all say SUSPENDED at one version."""
    version = taliban.data_version()
    report = screen(_WritesDuringTheBatch(taliban, after=2), NAMES, on="2025-06-01", jurisdictions=["RU"])
    statuses = [s for r in report.results for c in r.candidates for s in c.statuses]
    expected = (version, [version] * len(NAMES), ["SUSPENDED"] * len(NAMES))

    actual = (report.data_version, [s.receipt.data_version for s in statuses], [s.state.value for s in statuses])

    assert expected == actual
    assert taliban.data_version() != version  # the write did land
    assert "LISTED" == taliban.status("taliban", "RU", on="2025-06-01").state.value


def test_a_row_answered_after_a_write_says_it_was_asked_as_recorded(taliban: designations.Registry) -> None:
    """The rows answered after the write carry `as_recorded_at`: the version they were pinned to."""
    version = taliban.data_version()
    report = screen(_WritesDuringTheBatch(taliban, after=1), NAMES, on="2025-06-01", jurisdictions=["RU"])
    expected = [version] * len(NAMES)

    actual = [s.receipt.as_recorded_at and designations.dates.as_utc(s.receipt.as_recorded_at).isoformat()
              for r in report.results for c in r.candidates for s in c.statuses]

    assert expected == actual


def test_without_a_write_the_batch_answers_the_latest_data(taliban: designations.Registry) -> None:
    """No write, no pinning: the receipts carry the store's version and no as_recorded_at."""
    report = screen(taliban, NAMES, on="2025-06-01", jurisdictions=["RU"])
    expected = {(taliban.data_version(), None)}

    actual = {(s.receipt.data_version, s.receipt.as_recorded_at)
              for r in report.results for c in r.candidates for s in c.statuses}

    assert expected == actual


def test_search_answers_from_the_version_of_its_index(taliban: designations.Registry) -> None:
    """A search whose status is asked after a write still answers from the version it matched in."""
    version = taliban.data_version()
    result = search(_WritesDuringTheBatch(taliban, after=1), "Taliban", on="2025-06-01", jurisdictions=["RU"])
    expected = (version, "SUSPENDED", version)

    actual = (result.data_version, result.candidates[0].statuses[0].state.value,
              result.candidates[0].statuses[0].receipt.data_version)

    assert expected == actual
