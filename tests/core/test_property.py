"""Property: `status` agrees with a plain replay of the events, in valid and known time."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import designations
from designations.model import EventKind, State

from ..strategies import ORACLE, histories
from .conftest import SOURCE

_COUNTER = itertools.count()


def replay(events: list[tuple[EventKind, dt.date, dt.date]], on: dt.date, known: dt.date | None) -> State:
    """Apply, in date order, every event effective by `on` (and published by `known`)."""
    state = State.NOT_LISTED
    for kind, effective, published in sorted(events, key=lambda e: e[1]):
        if effective <= on and (known is None or published <= known):
            state = ORACLE.get((state, kind), state)
    return state


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(history=histories(), probes=st.lists(st.integers(-400, 20000), min_size=1, max_size=8),
       knowns=st.lists(st.integers(-400, 20000), min_size=1, max_size=3))
def test_status_matches_replay(
    world: designations.Registry, history: list[tuple[EventKind, dt.date, dt.date]],
    probes: list[int], knowns: list[int],
) -> None:
    """For random histories, days and knowledge dates, status equals the plain replay."""
    name = f"Subject {next(_COUNTER)}"
    subject = world.add_subject(name)
    for kind, effective, published in history:
        world.record(subject.id, "us-fto", kind, effective=effective, published=published, sources=[SOURCE],
                     create=True)
    start = history[0][1]
    for offset, k in itertools.product(probes, [None, *knowns]):
        on = start + dt.timedelta(days=offset)
        known = None if k is None else start + dt.timedelta(days=k)
        expected = replay(history, on, known)
        if on < dt.date(1997, 10, 8) and expected is State.NOT_LISTED:
            expected = State.UNKNOWN  # outside the list's coverage
        actual = world.status(subject.id, "us-fto", on=on, as_known_at=known).state
        assert expected == actual, (history, on, known)


@SETTINGS
@given(first=histories(max_events=3), probes=st.lists(st.integers(-100, 12000), min_size=1, max_size=5))
def test_recorded_time_replays_the_store_as_it_was(
    world: designations.Registry, first: list[tuple[EventKind, dt.date, dt.date]], probes: list[int],
) -> None:
    """After more events are recorded, as_recorded_at still gives the earlier answers."""
    subject = world.add_subject(f"Subject {next(_COUNTER)}")
    for kind, effective, published in first:
        world.record(subject.id, "us-fto", kind, effective=effective, published=published, sources=[SOURCE],
                     create=True)
    version = world.data_version()
    last_state = replay(first, dt.date(9000, 1, 1), None)
    follow = {State.LISTED: EventKind.REMOVED, State.SUSPENDED: EventKind.REMOVED,
              State.REMOVED: EventKind.LISTED}[last_state]
    later = first[-1][1] + dt.timedelta(days=30)
    world.record(subject.id, "us-fto", follow, effective=later, sources=[SOURCE], create=True)
    for offset in probes:
        on = first[0][1] + dt.timedelta(days=offset)
        expected = replay(first, on, None)
        if on < dt.date(1997, 10, 8) and expected is State.NOT_LISTED:
            expected = State.UNKNOWN
        assert expected == world.status(subject.id, "us-fto", on=on, as_recorded_at=version).state
