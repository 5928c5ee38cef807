"""
The rule from events to stored status periods, in one place.

A (subject, list) pair's events are checked (`lifecycle.check_sequence`) and
replayed (`lifecycle.derive`) into periods. The write path stores them, `db check`
compares the stored rows with them, and `db rebuild` writes them again. The
events are referred to by position and the days by rank, so one derivation
serves every pair whose history has the same shape: the same kinds with
their days in the same order (most imported pairs share a few shapes).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from designations.lifecycle import check_sequence, derive
from designations.model import Event
from designations.store.types import FOREVER_DATE

__all__ = ["DerivedPeriod", "Template", "coalesce", "content", "derive_periods", "derive_template"]

Content = tuple[str, bool, str, str, str, str, str, int | None, str, str, str, str | None]
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
    scope_since: dt.date | None = None
    """None when it is `since` (the scope has not changed within the state), as stored."""
    since_earliest: dt.date | None = None
    """The first day the state may have begun, when its act's day is known only as a window; else None."""

    def event_ids(self, ids: Sequence[int | None]) -> tuple[int | None, str]:
        """The period's setting event id and its chain (setter first, then the pending events), as stored."""
        setter = ids[self.setter] if self.setter is not None else None
        chain = ([setter] if setter is not None else []) + [i for i in (ids[p] for p in self.pending) if i is not None]
        return setter, ",".join(str(i) for i in chain)

    def content(self, ids: Sequence[int | None]) -> Content:
        """What `content` gives for the stored row of this period, events numbered by `ids`."""
        setter, chain = self.event_ids(ids)
        return (self.state, self.certain, self.possible, str(self.valid_from), str(self.valid_to),
                str(self.known_from), str(self.known_to), setter, chain, str(self.since or self.valid_from),
                str(self.scope_since or self.since or self.valid_from),
                None if self.since_earliest is None else str(self.since_earliest))


Template = tuple[tuple[str, bool, str, int, int, int, int, int | None, tuple[int, ...], int, int, int], ...]
"""A derivation with days as positions: (state, certain, possible, valid_from, valid_to,
known_from, known_to, setter, pending, since, scope_since, since_earliest), each day an index
into the pair's `days`; `scope_since` is the index of None (the last) when it equals `since`,
and so is `since_earliest` when the state's first day is known exactly."""

_TEMPLATES: dict[tuple[tuple[Any, ...], ...], Template] = {}
"""Derivations by history shape: what `check_sequence` and `derive` read of each event, days as ranks."""
_TEMPLATES_MAX = 20_000


def derive_template(events: Sequence[Event]) -> tuple[list[dt.date | None], Template]:
    """
    Check a pair's history and replay it, as a template over the history's own days.

    Returns `days` (the distinct effective and known days in order, then
    `FOREVER_DATE`, then None) and periods whose days are indexes into it.
    The lifecycle only compares days, never counts them, so histories with
    the same kinds, scopes and order of days share one derivation: the
    memo is keyed by that shape, not by the dates themselves.

    Raises:
        TransitionError: the history is invalid.

    """
    marks = [(e.effective.earliest, e.effective.latest, e.known_from) for e in events]
    ordered = sorted({d for m in marks for d in m})
    rank = {d: i for i, d in enumerate(ordered)}
    number = {n: i for i, n in enumerate(sorted({e.id or 0 for e in events}))}
    days: list[dt.date | None] = [*ordered, FOREVER_DATE, None]
    shape = tuple((e.kind, e.scope, rank[a], rank[b], rank[c], number[e.id or 0])
                  for e, (a, b, c) in zip(events, marks, strict=True))
    found = _TEMPLATES.get(shape)
    if found is not None:
        return days, found
    template = _template(events, rank, len(ordered))
    if FOREVER_DATE not in rank and len({id(e) for e in events}) == len(events):
        if len(_TEMPLATES) >= _TEMPLATES_MAX:
            _TEMPLATES.clear()
        _TEMPLATES[shape] = template
    return days, template


def _template(events: Sequence[Event], rank: dict[Any, int], forever: int) -> Template:
    """Replay `events` and express every day of the result as its index (`forever`: open, +1: none)."""
    check_sequence(events)
    at = {id(e): i for i, e in enumerate(events)}

    def index(day: dt.date | None, *, open_end: bool = False) -> int:
        if day is None:
            return forever if open_end else forever + 1
        return rank[day]

    return tuple(
        (ks.segment.state.value, ks.segment.certain,
         ",".join(sorted(s.value for s in ks.segment.possible)),
         index(ks.segment.start), index(ks.segment.end, open_end=True),
         index(ks.known_from), index(ks.known_to, open_end=True),
         at[id(ks.segment.setter)] if ks.segment.setter is not None else None,
         tuple(at[id(e)] for e in ks.segment.pending),
         index(ks.segment.since),
         index(None if ks.segment.scope_since == ks.segment.since else ks.segment.scope_since),
         index(ks.segment.since_earliest))
        for ks in derive(events)
    )


def derive_periods(events: Sequence[Event]) -> tuple[DerivedPeriod, ...]:
    """
    Check a pair's history and replay it into periods (`derive_template` with the days put back).

    Raises:
        TransitionError: the history is invalid.

    """
    days, template = derive_template(events)
    return tuple(
        DerivedPeriod(state=state, certain=certain, possible=possible, valid_from=days[vf],  # type: ignore[arg-type]
                      valid_to=days[vt], known_from=days[kf], known_to=days[kt],  # type: ignore[arg-type]
                      setter=setter, pending=pending, since=days[since], scope_since=days[scope_since],
                      since_earliest=days[earliest])
        for state, certain, possible, vf, vt, kf, kt, setter, pending, since, scope_since, earliest in template
    )


def content(row: Mapping[Any, Any]) -> Content:
    """A stored `status_period` row's content, comparable with `DerivedPeriod.content`."""
    since = row["state_since"] or row["valid_from"]
    return (row["state"], bool(row["certain"]), row["possible"], str(row["valid_from"]), str(row["valid_to"]),
            str(row["known_from"]), str(row["known_to"]), row["event_id"], row["event_ids"], str(since),
            str(row["scope_since"] or since),
            None if row["since_earliest"] is None else str(row["since_earliest"]))


def coalesce(rows: Iterable[Content]) -> list[Content]:
    """
    Period contents in the form `derive_periods` gives: rows equal but for adjacent known ranges made one.

    Stores written before the derivation merged such rows (`lifecycle.derive`)
    hold them apart; both forms answer every (valid, known) question alike,
    so `db check` and `db rebuild` compare pairs in this form and accept either.
    """
    spans: dict[tuple[Any, ...], list[tuple[str, str]]] = defaultdict(list)
    for row in rows:
        spans[(*row[:5], *row[7:])].append((row[5], row[6]))
    merged: list[Content] = []
    for key, known in spans.items():
        known.sort()
        lo, hi = known[0]
        for start, end in known[1:]:
            if start == hi:
                hi = end
            else:
                merged.append((*key[:5], lo, hi, *key[5:]))
                lo, hi = start, end
        merged.append((*key[:5], lo, hi, *key[5:]))
    return merged
