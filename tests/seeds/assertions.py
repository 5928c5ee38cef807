"""Shared assertions for the seed spec files: one list, one subject, its events and states."""

from __future__ import annotations

import functools

import pendulum

from designations.dates import parse_date
from designations.lifecycle import order, status_on
from designations.model.events import Event, State
from designations.seed_reader import SeedSet, load_seeds


@functools.cache
def shipped() -> SeedSet:
    """The shipped seeds, loaded once per test session."""
    return load_seeds()


def events_of(list_id: str, subject: str) -> list[Event]:
    """One subject's events on one list, in effective-date order."""
    return order(e for e in shipped().events if e.list_id == list_id and e.subject_id == subject)


def history(list_id: str, subject: str) -> list[tuple[str, str]]:
    """One subject's events on one list as (kind, effective) pairs."""
    return [(e.kind.value, str(e.effective)) for e in events_of(list_id, subject)]


def subjects_of(list_id: str) -> set[str]:
    """The ids of every subject with an event on the list."""
    return {e.subject_id for e in shipped().events if e.list_id == list_id}


def subjects_with(list_id: str, kind: str, effective: str) -> set[str]:
    """The subjects with an event of this kind and effective date on the list."""
    return {
        e.subject_id for e in shipped().events
        if e.list_id == list_id and e.kind.value == kind and str(e.effective) == effective
    }


def assert_status(
    list_id: str, subject: str, on: str, state: State, *, certain: bool = True
) -> None:
    """Assert the replayed status of a subject on a list on a day."""
    day: pendulum.Date = parse_date(on)
    segment = status_on(events_of(list_id, subject), day)

    assert (state, certain) == (segment.state, segment.certain)


def event(list_id: str, subject: str, kind: str, effective: str) -> Event:
    """The one event with this kind and effective date."""
    found = [
        e for e in events_of(list_id, subject)
        if e.kind.value == kind and str(e.effective) == effective
    ]
    assert len(found) == 1, found
    return found[0]
