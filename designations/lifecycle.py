"""
The designation lifecycle: which events may follow which, and replay.

Pure functions, no I/O. `timeline()` turns a subject's events on one list
into status segments; the store persists them and property tests use the
same replay as their oracle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import attrs
import pendulum

from designations.errors import DuplicateEventError, TransitionError
from designations.model.events import Event, EventKind, Scope, State

__all__ = [
    "KnownSegment",
    "Segment",
    "State",
    "check_sequence",
    "derive",
    "order",
    "state_after",
    "status_on",
    "timeline",
]


_NEXT: dict[tuple[State, EventKind], State] = {
    (State.NOT_LISTED, EventKind.LISTED): State.LISTED,
    (State.LISTED, EventKind.AMENDED): State.LISTED,
    (State.LISTED, EventKind.SUSPENDED): State.SUSPENDED,
    (State.LISTED, EventKind.REMOVED): State.REMOVED,
    (State.SUSPENDED, EventKind.REINSTATED): State.LISTED,
    (State.SUSPENDED, EventKind.REMOVED): State.REMOVED,
    (State.REMOVED, EventKind.LISTED): State.LISTED,
}
_RANK = {k: i for i, k in enumerate(EventKind)}


def order(events: Iterable[Event]) -> list[Event]:
    """Events in effective-date order: earliest day, latest day, kind, then id."""
    return sorted(
        events,
        key=lambda e: (e.effective.earliest, e.effective.latest, _RANK[e.kind], e.id or 0),
    )


def _step(state: State, event: Event) -> State | None:
    return _NEXT.get((state, event.kind))


def check_sequence(events: Iterable[Event], subject_name: str = "") -> None:
    """
    Raise `TransitionError` at the first event that does not follow from the state before it.

    Two identical events (same kind and effective window) raise `DuplicateEventError`.
    """
    state = State.NOT_LISTED
    seen: set[tuple[EventKind, object, object]] = set()
    for event in order(events):
        ident = (event.kind, event.effective.earliest, event.effective.latest)
        nxt = _step(state, event)
        if ident in seen and event.kind is not EventKind.AMENDED:
            raise DuplicateEventError(
                subject=subject_name or event.subject_id, list_id=event.list_id,
                on=str(event.effective), kind=event.kind.value, state=state.value,
            )
        seen.add(ident)
        if nxt is None:
            raise TransitionError(
                subject=subject_name or event.subject_id, list_id=event.list_id,
                on=str(event.effective), kind=event.kind.value, state=state.value,
            )
        state = nxt


def state_after(events: Sequence[Event]) -> tuple[State, Event | None]:
    """
    The state after applying `events` in the given order, and the event that set its terms.

    An amendment keeps the state but sets the terms (name, scope) an answer
    cites, so it becomes the setter. Invalid steps are skipped: a subset of a
    valid history (what was known at some earlier time) may not be a valid
    history itself.
    """
    state, setter = State.NOT_LISTED, None
    for event in events:
        nxt = _step(state, event)
        if nxt is None:
            continue
        setter = event
        state = nxt
    return state, setter


@attrs.frozen(kw_only=True)
class Segment:
    """
    A stretch `[start, end)` of valid time over which the status is constant.

    `since` is the day the state began: an amendment starts a segment of
    its own (new terms) without starting a new state. `scope_since` is the
    day the designation took its current scope (the whole, or a part): later
    than `since` when an amendment widened or narrowed it within the state.
    `since_earliest` is set when the state began on a day not known exactly:
    it may have begun on any day from `since_earliest` to `since` (the window
    of the act that set it; Russia's ban of 2003 is certain only from 2006).
    """

    start: pendulum.Date
    end: pendulum.Date | None
    state: State
    certain: bool
    possible: frozenset[State]
    setter: Event | None
    pending: tuple[Event, ...] = ()
    since: pendulum.Date | None = None
    scope_since: pendulum.Date | None = None
    since_earliest: pendulum.Date | None = None


def status_on(ordered: Sequence[Event], day: pendulum.Date) -> Segment:
    """
    The status on `day` given events already in `order()`.

    Events whose window contains `day` may or may not have happened yet, so
    every prefix between "all that surely happened" and "all that may have
    happened" is a possible history. One possible state is a certain answer;
    several make the answer UNKNOWN with the possibilities listed. One state
    whose setting events differ in scope (an amendment that widens a military
    wing's entry to the whole, in force on a day not known exactly) is certain
    too, but it answers with what surely happened and keeps the rest pending:
    the wider scope is not claimed before its window ends.
    """
    surely = 0
    maybe = 0
    for i, event in enumerate(ordered):
        if event.effective.latest <= day:
            surely = i + 1
        if event.effective.earliest <= day:
            maybe = i + 1
    outcomes = [state_after(ordered[:k]) for k in range(surely, max(surely, maybe) + 1)]
    possible = frozenset(s for s, _ in outcomes)
    if len(possible) == 1:
        if len({None if e is None else e.scope for _, e in outcomes}) > 1:
            state, setter = outcomes[0]
            return Segment(start=day, end=None, state=state, certain=True, possible=possible,
                           setter=setter, pending=tuple(ordered[surely:maybe]))
        state, setter = outcomes[-1]
        return Segment(start=day, end=None, state=state, certain=True,
                       possible=possible, setter=setter)
    state, setter = outcomes[0]
    return Segment(
        start=day, end=None, state=State.UNKNOWN, certain=False, possible=possible,
        setter=setter, pending=tuple(ordered[surely:maybe]),
    )


def timeline(events: Iterable[Event]) -> list[Segment]:
    """
    Replay events into status segments, from the first event on.

    Days before the first segment are NOT_LISTED. Adjacent days with the same
    status share a segment; the last segment runs on (`end=None`).
    """
    ordered = order(events)
    if all(e.effective.earliest == e.effective.latest for e in ordered):  # the common case: every day exact
        return _with_since(_exact_timeline(ordered), ())
    return _with_since(_windowed_timeline(ordered), ordered)


def _with_since(segments: list[Segment], windowed: Sequence[Event]) -> list[Segment]:
    """
    Fill in each segment's `since`, `scope_since` and `since_earliest`.

    `since` is the start of the run of adjacent segments in the same state;
    `scope_since` the start of the run within it whose setting events have
    the same scope (an amendment that widens a military wing's entry to the
    whole organisation starts a new one). A run that the event bringing its
    state about may have begun earlier (its window opened before the run's
    first certain day) has that earlier day as `since_earliest`; `windowed` is
    the ordered events when some day is a window (none is earlier otherwise).
    """
    out: list[Segment] = []
    for seg in segments:
        prev = out[-1] if out else None
        same = (prev is not None and prev.end == seg.start and prev.certain and seg.certain
                and prev.state is seg.state)
        if same and prev is not None:
            scoped = _scope(prev) is _scope(seg)
            out.append(attrs.evolve(seg, since=prev.since, scope_since=prev.scope_since if scoped else seg.start,
                                    since_earliest=prev.since_earliest))
        else:
            earliest = _earliest(windowed, seg) if windowed and seg.certain else None
            out.append(attrs.evolve(seg, since=seg.start, scope_since=seg.start, since_earliest=earliest))
    return out


def _earliest(ordered: Sequence[Event], seg: Segment) -> pendulum.Date | None:
    """
    The first day `seg`'s state may have begun, when before `seg.start` (else None).

    The state was brought about by the last event, among those surely in force
    by `seg.start`, that changed the state into it: it took effect on some day
    of its window, so on the window's first day at the earliest. An amendment
    on the way changes the terms, not the state, and is passed over.
    """
    surely = 0
    for i, event in enumerate(ordered):
        if event.effective.latest <= seg.start:
            surely = i + 1
    state, opener = State.NOT_LISTED, None
    for event in ordered[:surely]:
        nxt = _step(state, event)
        if nxt is None:
            continue
        if nxt is not state:
            opener = event
        state = nxt
    if opener is None or state is not seg.state or opener.effective.earliest >= seg.start:
        return None
    return opener.effective.earliest


def _scope(seg: Segment) -> Scope | None:
    return seg.setter.scope if seg.setter is not None else None


def _windowed_timeline(ordered: Sequence[Event]) -> list[Segment]:
    """Segments cut at every window's bounds, each replayed from the histories possible on its first day."""
    cuts = sorted({d for e in ordered for d in (e.effective.earliest, e.effective.latest)})
    segments: list[Segment] = []
    for i, cut in enumerate(cuts):
        seg = status_on(ordered, cut)
        end = cuts[i + 1] if i + 1 < len(cuts) else None
        if segments and _same(segments[-1], seg):
            segments[-1] = attrs.evolve(segments[-1], end=end)
        else:
            segments.append(attrs.evolve(seg, end=end))
    return segments


def _exact_timeline(ordered: Sequence[Event]) -> list[Segment]:
    """The common case, every date exact: one pass, same result as the general replay."""
    segments: list[Segment] = []
    state: State = State.NOT_LISTED
    setter: Event | None = None
    for event in ordered:
        nxt = _step(state, event)
        if nxt is None:
            continue
        state, setter = nxt, event
        day = event.effective.earliest
        if segments and segments[-1].start == day:
            segments[-1] = Segment(start=day, end=None, state=state, certain=True,
                                   possible=frozenset({state}), setter=setter)
            if len(segments) > 1 and _same(segments[-2], segments[-1]):
                segments.pop()
                segments[-1] = attrs.evolve(segments[-1], end=None)
            continue
        if segments:
            segments[-1] = attrs.evolve(segments[-1], end=day)
        segments.append(Segment(start=day, end=None, state=state, certain=True,
                                possible=frozenset({state}), setter=setter))
    return segments


def _same(a: Segment, b: Segment) -> bool:
    return (
        a.state is b.state
        and a.possible == b.possible
        and a.setter is b.setter
        and len(a.pending) == len(b.pending)
        and all(x is y for x, y in zip(a.pending, b.pending, strict=True))
    )


def _same_timeline(a: Sequence[Segment], b: Sequence[Segment]) -> bool:
    return len(a) == len(b) and all(
        x.start == y.start and x.end == y.end and _same(x, y) for x, y in zip(a, b, strict=True)
    )


@attrs.frozen(kw_only=True)
class KnownSegment:
    """A status segment together with the span of as-known-at days it answers for."""

    known_from: pendulum.Date
    known_to: pendulum.Date | None
    segment: Segment


def derive(events: Iterable[Event]) -> list[KnownSegment]:
    """
    Every status segment for every state of knowledge.

    Knowledge changes on each event's `known_from` day (its publication);
    between two such days the same events are known, so one timeline serves.
    Consecutive spans of knowledge with identical timelines are merged, and
    so is a segment that the next span repeats exactly (same valid range,
    state, setter, pending events and the days its state and scope began): one `KnownSegment` answers
    for the two spans together. A (valid day, known day) is answered by one
    segment at most (none before the first event), the one its span's
    timeline gives; a five-event history gives 9 segments, not 15 (`_coalesced`).
    """
    pool = list(events)
    days = sorted({e.known_from for e in pool})
    spans: list[tuple[pendulum.Date, pendulum.Date | None, list[Segment]]] = []
    for i, day in enumerate(days):
        end = days[i + 1] if i + 1 < len(days) else None
        segs = timeline(e for e in pool if e.known_from <= day)
        if spans and _same_timeline(spans[-1][2], segs):
            spans[-1] = (spans[-1][0], end, segs)
        else:
            spans.append((day, end, segs))
    return _coalesced(spans)


def _answer_key(seg: Segment) -> tuple[object, ...]:
    """What a segment answers, its events by identity (the same objects in every span of one derivation)."""
    return (seg.start, seg.end, seg.state, seg.certain, seg.possible, seg.since, seg.scope_since,
            seg.since_earliest, id(seg.setter), *(id(e) for e in seg.pending))


def _coalesced(
    spans: Sequence[tuple[pendulum.Date, pendulum.Date | None, list[Segment]]],
    key: Callable[[Segment], tuple[object, ...]] = _answer_key,
) -> list[KnownSegment]:
    """
    The spans' segments as known segments, a segment repeated by the next span extended over it.

    Spans are consecutive (each ends where the next begins), so a segment
    found unchanged in the next span answers for both: its known range grows
    instead of a second segment being made. Segments keep the order in which
    they first appear (by span, then by valid time).
    """
    out: list[KnownSegment] = []
    previous: dict[tuple[object, ...], int] = {}
    for lo, hi, segs in spans:
        current: dict[tuple[object, ...], int] = {}
        for seg in segs:
            same = key(seg)
            at = previous.get(same)
            if at is None:
                at = len(out)
                out.append(KnownSegment(known_from=lo, known_to=hi, segment=seg))
            else:
                out[at] = attrs.evolve(out[at], known_to=hi)
            current[same] = at
        previous = current
    return out
