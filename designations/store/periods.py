"""
The rule from events to stored status periods, in one place.

A (subject, list) pair's events are checked (`lifecycle.check_sequence`) and
replayed (`lifecycle.derive`) into periods. The write path stores them, `db check`
compares the stored rows with them, and `db rebuild` writes them again. The
events are referred to by position, so one derivation serves every pair whose
history has the same shape (most imported pairs share a few shapes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from designations.lifecycle import check_sequence, derive
from designations.model import Event
from designations.store.types import FOREVER_DATE

__all__ = ["DerivedPeriod", "content", "derive_periods"]

Content = tuple[str, bool, str, str, str, str, str, int | None, str, str]
"""A period's content in one comparable form, stored or derived (dates as ISO text)."""


@attrs.frozen
class DerivedPeriod:
    """One period a replay gives; `setter` and `pending` are positions in the replayed events."""

    state: str
    certain: bool
    possible: str
    valid_from: dt.date
    valid_to: dt.date
    """`FOREVER_DATE` while the period has not ended."""
    known_from: dt.date
    known_to: dt.date
    """`FOREVER_DATE` while nothing later is known."""
    setter: int | None
    pending: tuple[int, ...]
    since: dt.date | None

    def event_ids(self, ids: Sequence[int | None]) -> tuple[int | None, str]:
        """The period's setting event id and its chain (setter first, then the pending events), as stored."""
        setter = ids[self.setter] if self.setter is not None else None
        chain = ([setter] if setter is not None else []) + [i for i in (ids[p] for p in self.pending) if i is not None]
        return setter, ",".join(str(i) for i in chain)

    def content(self, ids: Sequence[int | None]) -> Content:
        """What `content` gives for the stored row of this period, events numbered by `ids`."""
        setter, chain = self.event_ids(ids)
        return (self.state, self.certain, self.possible, str(self.valid_from), str(self.valid_to),
                str(self.known_from), str(self.known_to), setter, chain, str(self.since or self.valid_from))


_Shape = tuple[tuple[Any, ...], ...]
_SHAPES: dict[_Shape, tuple[DerivedPeriod, ...]] = {}
"""Derived periods by history shape: what `check_sequence` and `derive` read of each event."""
_SHAPES_MAX = 20_000


def derive_periods(events: Sequence[Event]) -> tuple[DerivedPeriod, ...]:
    """
    Check a pair's history and replay it into periods (memoised by the history's shape).

    Raises:
        TransitionError: the history is invalid.

    """
    shape = tuple((e.kind, e.effective.earliest, e.effective.latest, e.known_from, e.id or 0) for e in events)
    found = _SHAPES.get(shape)
    if found is not None:
        return found
    check_sequence(events)
    at = {id(e): i for i, e in enumerate(events)}
    out = tuple(
        DerivedPeriod(
            state=ks.segment.state.value, certain=ks.segment.certain,
            possible=",".join(sorted(s.value for s in ks.segment.possible)),
            valid_from=ks.segment.start, valid_to=ks.segment.end or FOREVER_DATE,
            known_from=ks.known_from, known_to=ks.known_to or FOREVER_DATE,
            setter=at[id(ks.segment.setter)] if ks.segment.setter is not None else None,
            pending=tuple(at[id(e)] for e in ks.segment.pending),
            since=ks.segment.since,
        )
        for ks in derive(events)
    )
    if len(_SHAPES) >= _SHAPES_MAX:
        _SHAPES.clear()
    _SHAPES[shape] = out
    return out


def content(row: Mapping[Any, Any]) -> Content:
    """A stored `status_period` row's content, comparable with `DerivedPeriod.content`."""
    since = row["state_since"] or row["valid_from"]
    return (row["state"], bool(row["certain"]), row["possible"], str(row["valid_from"]), str(row["valid_to"]),
            str(row["known_from"]), str(row["known_to"]), row["event_id"], row["event_ids"], str(since))
