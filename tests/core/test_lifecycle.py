"""Specs for the lifecycle: allowed transitions, replay, uncertainty and knowledge."""

from __future__ import annotations

import itertools

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from designations.errors import DuplicateEventError, TransitionError
from designations.lifecycle import check_sequence, derive, order, status_on, timeline
from designations.model import Event, EventKind, State

from ..strategies import histories

ALLOWED = {
    (None, EventKind.LISTED),
    (EventKind.LISTED, EventKind.AMENDED),
    (EventKind.LISTED, EventKind.SUSPENDED),
    (EventKind.LISTED, EventKind.REMOVED),
    (EventKind.SUSPENDED, EventKind.REINSTATED),
    (EventKind.SUSPENDED, EventKind.REMOVED),
    (EventKind.REMOVED, EventKind.LISTED),
}
# a prefix that puts the designation in the state reached by the first kind
PREFIX = {
    None: [],
    EventKind.LISTED: [EventKind.LISTED],
    EventKind.SUSPENDED: [EventKind.LISTED, EventKind.SUSPENDED],
    EventKind.REMOVED: [EventKind.LISTED, EventKind.REMOVED],
}


def ev(kind: EventKind | str, effective: str, published: str | None = None, i: int = 0) -> Event:
    return Event(subject_id="s", list_id="l", kind=kind, effective=effective, published=published,
                 id=i or None, sources=())


def d(text: str) -> pendulum.Date:
    return pendulum.parse(text, exact=True)  # type: ignore[return-value]


@pytest.mark.parametrize(("before", "kind"), list(itertools.product(PREFIX, EventKind)))
def test_every_transition_is_allowed_or_refused(before: EventKind | None, kind: EventKind) -> None:
    """Each (state, event) pair is accepted exactly when the transition table allows it."""
    events = [ev(k, f"200{i}-01-01") for i, k in enumerate(PREFIX[before])]
    events.append(ev(kind, "2009-06-01"))

    if (before, kind) in ALLOWED:
        check_sequence(events)
    else:
        with pytest.raises(TransitionError):
            check_sequence(events)


def test_validity_is_judged_in_effective_order() -> None:
    """Events given out of order are replayed by effective date."""
    check_sequence([ev("REMOVED", "2021-02-16"), ev("LISTED", "2025-03-04"), ev("LISTED", "2021-01-19")])


def test_transition_error_names_subject_list_and_date() -> None:
    """The error says which subject, list and date broke the rules."""
    with pytest.raises(TransitionError) as info:
        check_sequence([ev("SUSPENDED", "2025-04-17")])

    assert ("s", "l", "2025-04-17") == (info.value.subject, info.value.list_id, info.value.on)


def test_duplicate_event_is_refused() -> None:
    """The same listing twice is a duplicate, not a relisting."""
    with pytest.raises(DuplicateEventError):
        check_sequence([ev("LISTED", "2003-02-14"), ev("LISTED", "2003-02-14")])


def test_relisting_cycle_replays_to_periods() -> None:
    """Listed, removed and listed again gives three periods (the Houthis)."""
    segs = timeline([ev("LISTED", "2021-01-19"), ev("REMOVED", "2021-02-16"), ev("LISTED", "2025-03-04")])

    assert [(d("2021-01-19"), d("2021-02-16"), State.LISTED),
            (d("2021-02-16"), d("2025-03-04"), State.REMOVED),
            (d("2025-03-04"), None, State.LISTED)] == [(s.start, s.end, s.state) for s in segs]


def test_amendment_starts_new_terms_but_not_a_new_state() -> None:
    """An amendment starts a segment whose terms it sets; the state still began with the listing."""
    listing = ev("LISTED", "2014-05-15", i=1)
    amendment = ev("AMENDED", "2016-11-14", i=2)
    segs = timeline([listing, amendment])

    assert [(d("2014-05-15"), d("2016-11-14"), State.LISTED, d("2014-05-15")),
            (d("2016-11-14"), None, State.LISTED, d("2014-05-15"))] == [
        (s.start, s.end, s.state, s.since) for s in segs]
    assert [listing, amendment] == [s.setter for s in segs]


def test_day_inside_a_window_is_uncertain() -> None:
    """Inside a removal window the answer lists both possible states."""
    events = [ev("LISTED", "2005-03-15"), ev("REMOVED", "2023-12-29/2024-06-03")]

    seg = status_on(events, d("2024-02-01"))

    assert (State.UNKNOWN, False, frozenset({State.LISTED, State.REMOVED})) == (
        seg.state, seg.certain, seg.possible)


def test_window_bounds() -> None:
    """Before the window the old state holds; from its last day the new one is certain."""
    events = [ev("LISTED", "2005-03-15"), ev("REMOVED", "2023-12-29/2024-06-03")]

    assert State.LISTED == status_on(events, d("2023-12-28")).state
    assert State.UNKNOWN == status_on(events, d("2023-12-29")).state
    assert State.REMOVED == status_on(events, d("2024-06-03")).state


def test_amendment_window_does_not_make_the_state_uncertain() -> None:
    """An amendment of uncertain date changes nothing about being listed."""
    events = [ev("LISTED", "2005-03-15"), ev("AMENDED", "2010")]

    assert (State.LISTED, True) == (status_on(events, d("2010-06-01")).state,
                                    status_on(events, d("2010-06-01")).certain)


def test_derive_splits_by_what_was_known() -> None:
    """Before the suspension was published, the timeline knew only the listing."""
    events = [ev("LISTED", "2003-02-14", "2003-02-14", 1), ev("SUSPENDED", "2025-04-17", "2025-04-17", 2)]

    spans = derive(events)

    early = [k.segment.state for k in spans if k.known_from <= d("2025-01-01") and
             (k.known_to is None or d("2025-01-01") < k.known_to)]
    late = [k.segment.state for k in spans if k.known_to is None]
    assert [State.LISTED] == early
    assert [State.LISTED, State.SUSPENDED] == late


def test_nothing_known_before_first_publication() -> None:
    """No knowledge span starts before the first event was published."""
    spans = derive([ev("LISTED", "2003-02-14", "2003-03-01", 1)])

    assert d("2003-03-01") == min(k.known_from for k in spans)


@settings(max_examples=200, deadline=None)
@given(history=histories(max_events=8), same_day=st.booleans())
def test_exact_fast_path_matches_the_general_replay(history: list, same_day: bool) -> None:
    """With exact dates, the one-pass replay gives the same segments as the day-by-day one."""
    events = [ev(kind, (history[0][1] if same_day and i == 1 else day).isoformat(), i=i + 1)
              for i, (kind, day, _pub) in enumerate(history)]
    ordered = order(events)
    cuts = sorted({e.effective.earliest for e in ordered})
    general = []
    for i, cut in enumerate(cuts):
        seg = status_on(ordered, cut)
        end = cuts[i + 1] if i + 1 < len(cuts) else None
        if general and (general[-1][2], general[-1][3]) == (seg.state, seg.setter):
            general[-1] = (general[-1][0], end, general[-1][2], general[-1][3])
            continue
        general.append((cut, end, seg.state, seg.setter))

    fast = [(s.start, s.end, s.state, s.setter) for s in timeline(events)]

    assert general == fast
