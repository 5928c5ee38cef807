"""Hypothesis strategies shared by the property-based specs."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from designations.model import EventKind, State

__all__ = ["NEXT_KINDS", "ORACLE", "histories"]

ORACLE: dict[tuple[State, EventKind], State] = {
    # the transition table written out again on purpose: specs compare the library with it
    (State.NOT_LISTED, EventKind.LISTED): State.LISTED,
    (State.LISTED, EventKind.AMENDED): State.LISTED,
    (State.LISTED, EventKind.SUSPENDED): State.SUSPENDED,
    (State.LISTED, EventKind.REMOVED): State.REMOVED,
    (State.SUSPENDED, EventKind.REINSTATED): State.LISTED,
    (State.SUSPENDED, EventKind.REMOVED): State.REMOVED,
    (State.REMOVED, EventKind.LISTED): State.LISTED,
}

NEXT_KINDS: dict[str, tuple[EventKind, ...]] = {
    "NOT_LISTED": (EventKind.LISTED,),
    "LISTED": (EventKind.AMENDED, EventKind.SUSPENDED, EventKind.REMOVED),
    "SUSPENDED": (EventKind.REINSTATED, EventKind.REMOVED),
    "REMOVED": (EventKind.LISTED,),
}
AFTER = {
    EventKind.LISTED: "LISTED", EventKind.AMENDED: "LISTED", EventKind.SUSPENDED: "SUSPENDED",
    EventKind.REINSTATED: "LISTED", EventKind.REMOVED: "REMOVED",
}


@st.composite
def histories(draw: st.DrawFn, max_events: int = 6) -> list[tuple[EventKind, dt.date, dt.date]]:
    """A valid history: (kind, effective day, published day) with strictly increasing days."""
    n = draw(st.integers(min_value=1, max_value=max_events))
    state = "NOT_LISTED"
    day = dt.date(1990, 1, 1) + dt.timedelta(days=draw(st.integers(0, 3000)))
    out = []
    for _ in range(n):
        kind = draw(st.sampled_from(NEXT_KINDS[state]))
        lag = draw(st.integers(min_value=0, max_value=120))
        out.append((kind, day, day + dt.timedelta(days=lag)))
        state = AFTER[kind]
        day += dt.timedelta(days=draw(st.integers(min_value=1, max_value=3000)))
    return out
