"""
`lifecycle.derive` gives one segment where successive states of knowledge agree on it.

A segment that the next span of knowledge repeats exactly (same valid range,
state, setter, pending events and `since`) is one `KnownSegment` whose known
range covers both spans. The specs hold the result to the plain meaning of a
derivation: for every valid day and every as-known-at day, exactly one
segment answers, and it is the segment the timeline of the events known on
that day gives. A coalescing that merges anything more fails them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from designations import lifecycle
from designations.errors import TransitionError
from designations.lifecycle import KnownSegment, Segment, derive, timeline
from designations.model import Event, EventKind

from ..strategies import histories

Key = tuple[object, ...]


def _key(seg: Segment) -> Key:
    """What a segment answers, its events by identity (the same objects in every span)."""
    return (seg.start, seg.end, seg.state, seg.certain, seg.possible, seg.since,
            id(seg.setter), tuple(id(e) for e in seg.pending))


def _events(steps: Sequence[tuple[EventKind, dt.date, dt.date]], vague: Sequence[bool]) -> list[Event]:
    """Events of one pair; where `vague` says so the effective date is only its month."""
    return [Event(subject_id="s", list_id="l", kind=kind, id=i + 1, sources=(), published=published,
                  effective=f"{day.year}-{day.month:02d}" if blur else day)
            for i, ((kind, day, published), blur) in enumerate(zip(steps, vague, strict=True))]


def _probe_days(events: Sequence[Event]) -> list[dt.date]:
    """Every day a derivation can change on, the day before each, and one before and after all of them."""
    marks = {d for e in events for d in (e.effective.earliest, e.effective.latest, e.known_from)}
    days = marks | {d - dt.timedelta(days=1) for d in marks}
    return sorted(days | {min(marks) - dt.timedelta(days=400), max(marks) + dt.timedelta(days=400)})


def _covers(lo: dt.date, hi: dt.date | None, day: dt.date) -> bool:
    return lo <= day and (hi is None or day < hi)


def first_wrong_answer(events: Sequence[Event], derived: Sequence[KnownSegment]) -> tuple[dt.date, dt.date] | None:
    """The first (valid day, known day) the derived segments answer unlike the known events' timeline, else None."""
    days = _probe_days(events)
    for known in days:
        segs = timeline(e for e in events if e.known_from <= known)
        for valid in days:
            want = [_key(s) for s in segs if _covers(s.start, s.end, valid)]
            have = [_key(k.segment) for k in derived
                    if _covers(k.known_from, k.known_to, known) and _covers(k.segment.start, k.segment.end, valid)]
            if want != have:
                return valid, known
    return None


def _mergeable(derived: Sequence[KnownSegment]) -> tuple[int, int] | None:
    """Two segments equal but for known ranges that meet (the coalescing left something), else None."""
    for i, a in enumerate(derived):
        for j, b in enumerate(derived):
            if i != j and _key(a.segment) == _key(b.segment) and a.known_to == b.known_from:
                return i, j
    return None


@st.composite
def _histories_with_months(draw: st.DrawFn) -> list[Event]:
    """A valid history, some of its effective dates known only to the month (uncertain segments)."""
    steps = draw(histories(max_events=6))
    vague = draw(st.lists(st.booleans(), min_size=len(steps), max_size=len(steps)))
    events = _events(steps, vague)
    try:
        lifecycle.check_sequence(events)
    except TransitionError:
        assume(False)  # blurring two close days into one month can reorder them
    return events


@settings(max_examples=300, deadline=None)
@given(events=_histories_with_months())
def test_every_valid_and_known_day_is_answered_as_the_known_events_replay(events: list[Event]) -> None:
    """For each (valid day, known day) exactly one derived segment answers, the one the known events' timeline gives."""
    derived = derive(events)

    assert first_wrong_answer(events, derived) is None


@settings(max_examples=300, deadline=None)
@given(events=_histories_with_months())
def test_no_two_segments_could_be_one(events: list[Event]) -> None:
    """No two derived segments are equal but for known ranges that meet: the form is the fewest rows."""
    assert _mergeable(derive(events)) is None


def test_the_scale_benchmarks_five_event_history_is_nine_segments() -> None:
    """Listed, amended twice, suspended, reinstated, each known on its day: 9 segments where 15 spans' worth were."""
    steps = [(EventKind.LISTED, dt.date(2005, 3, 1)), (EventKind.AMENDED, dt.date(2008, 5, 9)),
             (EventKind.AMENDED, dt.date(2012, 7, 17)), (EventKind.SUSPENDED, dt.date(2015, 2, 2)),
             (EventKind.REINSTATED, dt.date(2016, 11, 30))]
    events = _events([(k, d, d) for k, d in steps], [False] * 5)

    derived = derive(events)

    assert 9 == len(derived)
    assert first_wrong_answer(events, derived) is None


Span = tuple[dt.date, dt.date | None, list[Segment]]


def _spans(events: Sequence[Event]) -> list[Span]:
    """Each state of knowledge, from one publication day to the next, with the timeline of the events then known."""
    days = sorted({e.known_from for e in events})
    return [(day, days[i + 1] if i + 1 < len(days) else None, timeline(e for e in events if e.known_from <= day))
            for i, day in enumerate(days)]


def _coalesced_by(spans: Sequence[Span], key: Callable[[Segment], Key]) -> list[KnownSegment]:
    """The rule's coalescing, by any key: a segment the next span repeats (by `key`) answers for that span too."""
    out: list[KnownSegment] = []
    previous: dict[Key, int] = {}
    for lo, hi, segs in spans:
        current: dict[Key, int] = {}
        for seg in segs:
            at = previous.get(key(seg))
            if at is None:
                at = len(out)
                out.append(KnownSegment(known_from=lo, known_to=hi, segment=seg))
            else:
                out[at] = attrs.evolve(out[at], known_to=hi)
            current[key(seg)] = at
        previous = current
    return out


def _ignoring_valid_end(events: Sequence[Event]) -> list[KnownSegment]:
    """A broken derivation: segments that differ only in where they end in valid time are merged too."""
    return _coalesced_by(_spans(events), key=lambda seg: _key(seg)[:1] + _key(seg)[2:])


def _over_gaps(events: Sequence[Event]) -> list[KnownSegment]:
    """A broken derivation: a segment's known range runs on to the last span once it appears."""
    spans = _spans(events)
    out: dict[Key, KnownSegment] = {}
    for lo, hi, segs in spans:
        for seg in segs:
            found = out.get(_key(seg))
            out[_key(seg)] = (KnownSegment(known_from=lo, known_to=hi, segment=seg) if found is None
                              else attrs.evolve(found, known_to=hi))
    last = spans[-1][1]
    return [attrs.evolve(k, known_to=last) for k in out.values()]


def test_the_rule_coalescing_by_its_key_is_derive() -> None:
    """The broken derivations below differ from `derive` only where they say: by the rule's key, they are `derive`."""
    events = _events([(EventKind.LISTED, dt.date(2005, 3, 1), dt.date(2005, 3, 1)),
                      (EventKind.AMENDED, dt.date(2008, 5, 9), dt.date(2008, 5, 9)),
                      (EventKind.SUSPENDED, dt.date(2009, 6, 1), dt.date(2009, 6, 1))], [False, True, False])

    expected = [(k.known_from, k.known_to, _key(k.segment)) for k in derive(events)]

    assert expected == [(k.known_from, k.known_to, _key(k.segment)) for k in _coalesced_by(_spans(events), _key)]


@pytest.mark.parametrize("broken", [_ignoring_valid_end, _over_gaps])
def test_a_broken_coalescing_gives_wrong_answers(broken: Callable[[Sequence[Event]], list[KnownSegment]]) -> None:
    """The specs above can fail: merging more than the rule allows answers some (valid, known) day wrongly."""
    events = _events([(EventKind.LISTED, dt.date(2005, 3, 1), dt.date(2005, 3, 1)),
                      (EventKind.SUSPENDED, dt.date(2009, 6, 1), dt.date(2009, 6, 1))], [False, False])

    derived = broken(events)

    assert first_wrong_answer(events, derived) is not None
