"""
Load mode's statements on SQLite: what the set-wise overlap check reads, and when it reads nothing.

A part's period rows are numbered from the table's highest id at the part's
start and the numbering is verified once, at the part's end. A pair whose
subject the part itself created has no older rows, so the check reads none
for it; a pair of a known subject is checked with its older rows read from
the table, as before.
"""

from __future__ import annotations

import attrs
import pytest

import designations
from designations.model import Event, Source, Subject
from designations.store import WriteBatch

from ..reliability.conftest import add_lists, capture_statements

SOURCE = (Source(title="Register", url="https://example.org"),)


def _listed(n: int, prefix: str = "m") -> WriteBatch:
    subjects = tuple(Subject(id=f"{prefix}{i}", name=f"Front {prefix}{i}") for i in range(n))
    events = tuple(Event(subject_id=s.id, list_id="us-fto", kind="LISTED", effective="2010-03-04", sources=SOURCE)
                   for s in subjects)
    return WriteBatch(kind="import", subjects=subjects, events=events, bulk=True)


def _older_rows_reads(statements: list[str]) -> list[str]:
    return [s for s in statements if "FROM status_period WHERE subject_pk IN" in s]


def _period_id_reads(statements: list[str]) -> list[str]:
    return [s for s in statements if "max(status_period.id)" in s]


@pytest.fixture
def sqlite_registry(registry: designations.Registry) -> designations.Registry:
    """The empty test registry with one list, on SQLite only (PostgreSQL's guard is its triggers)."""
    if registry.store.dialect != "sqlite":
        pytest.skip("SQLite's set-wise check")
    add_lists(registry, "us-fto")
    return registry


def test_new_subjects_are_checked_without_reading_older_rows(sqlite_registry: designations.Registry) -> None:
    """A load of new subjects reads no older period rows; three statements read the highest period id in all."""
    statements = capture_statements(sqlite_registry)

    sqlite_registry.write(_listed(12_000))  # three inserts of period rows

    assert [] == _older_rows_reads(statements)
    assert 3 == len(_period_id_reads(statements))  # the guard lifted, the part's start, the part's check


def test_known_subjects_are_checked_with_their_older_rows(sqlite_registry: designations.Registry) -> None:
    """A load that adds events to known subjects reads their older period rows for the check."""
    sqlite_registry.write(_listed(5))
    removals = tuple(Event(subject_id=f"m{i}", list_id="us-fto", kind="REMOVED", effective="2015-05-05",
                           sources=SOURCE) for i in range(5))
    statements = capture_statements(sqlite_registry)

    sqlite_registry.write(attrs.evolve(_listed(0), events=removals))

    assert _older_rows_reads(statements)


def test_a_part_of_new_and_known_subjects_is_checked_with_the_older_rows(
    sqlite_registry: designations.Registry,
) -> None:
    """When a part mixes new and known subjects, the older rows are read for the check."""
    sqlite_registry.write(_listed(5))
    mixed = _listed(3, prefix="n")
    removal = Event(subject_id="m0", list_id="us-fto", kind="REMOVED", effective="2015-05-05", sources=SOURCE)
    statements = capture_statements(sqlite_registry)

    sqlite_registry.write(attrs.evolve(mixed, events=(*mixed.events, removal)))

    assert _older_rows_reads(statements)
