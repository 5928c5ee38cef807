"""
The write path's derivation: periods memoised by history shape equal a plain replay, and are what is stored.

A history's shape is its kinds with its days replaced by their rank, so two
subjects listed on different days share one derivation. These specs hold
the memo to the lifecycle's own replay (`lifecycle.derive`, no memo), on
single histories and on the rows a large batch stores through the bulk
path and through an ordinary write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

import designations
from designations import lifecycle
from designations.errors import InvalidRecordError, TransitionError
from designations.model import Event, EventKind, Scope, Source, Subject
from designations.store import WriteBatch, admin, bulk, periods, split_batch
from designations.store.types import FOREVER_DATE

from ..reliability.conftest import add_lists, dump
from ..strategies import histories

SOURCE = (Source(title="Register", url="https://example.org"),)
Row = tuple[Any, ...]


def _replay(events: Sequence[Event]) -> list[Row]:
    """The periods straight from `lifecycle.derive`, days as dates, events as positions (no memo)."""
    lifecycle.check_sequence(events)
    at = {id(e): i for i, e in enumerate(events)}
    return [
        (ks.segment.state.value, ks.segment.certain, ",".join(sorted(s.value for s in ks.segment.possible)),
         ks.segment.start, ks.segment.end or FOREVER_DATE, ks.known_from, ks.known_to or FOREVER_DATE,
         at[id(ks.segment.setter)] if ks.segment.setter is not None else None,
         tuple(at[id(e)] for e in ks.segment.pending), ks.segment.since, ks.segment.scope_since,
         ks.segment.since_earliest)
        for ks in lifecycle.derive(events)
    ]


def _derived(events: Sequence[Event]) -> list[Row]:
    """What the store's derivation gives, in `_replay`'s form."""
    return [(p.state, p.certain, p.possible, p.valid_from, p.valid_to, p.known_from, p.known_to,
             p.setter, p.pending, p.since, p.scope_since or p.since, p.since_earliest)
            for p in periods.derive_periods(events)]


def _events(subject: str, steps: Sequence[tuple[EventKind, object, dt.date | None]],
            scopes: Sequence[Scope] = ()) -> list[Event]:
    return [Event(subject_id=subject, list_id="us-fto", kind=kind, effective=effective, published=published,
                  scope=scopes[i] if i < len(scopes) else Scope.WHOLE, sources=SOURCE)
            for i, (kind, effective, published) in enumerate(steps)]


def _shifted(steps: list[tuple[EventKind, dt.date, dt.date]], days: int, stretch: int) -> list[
        tuple[EventKind, dt.date, dt.date]]:
    """The same history with every day moved by an order-keeping map (shift, then stretch from 1990)."""
    base = dt.date(1990, 1, 1)

    def move(day: dt.date) -> dt.date:
        return base + dt.timedelta(days=days + (day - base).days * stretch)

    return [(kind, move(effective), move(published)) for kind, effective, published in steps]


def test_histories_of_one_shape_each_get_their_own_days() -> None:
    """A second history with the kinds and day order of a first one gets its own dates, not the first's."""
    first = _events("a", [(EventKind.LISTED, "2005-03-01", None), (EventKind.REMOVED, "2011-07-09", None)])
    second = _events("b", [(EventKind.LISTED, "2006-01-02", None), (EventKind.REMOVED, "2019-12-31", None)])

    periods.derive_periods(first)
    derived = _derived(second)

    assert _replay(second) == derived
    assert pendulum.Date(2006, 1, 2) == derived[0][3]


def test_a_partial_date_keeps_its_uncertainty_under_the_memo() -> None:
    """A history with a month-wide window shares no derivation with an exact one of the same kinds."""
    exact = _events("a", [(EventKind.LISTED, "2005-03-01", None), (EventKind.SUSPENDED, "2010-04-15", None)])
    vague = _events("b", [(EventKind.LISTED, "2005-03-01", None), (EventKind.SUSPENDED, "2010-04", None)])

    periods.derive_periods(exact)

    assert _replay(vague) == _derived(vague)
    assert any(not certain for _, certain, *_rest in _derived(vague))


def test_a_history_whose_amendment_widens_the_scope_shares_no_derivation_with_one_that_keeps_it() -> None:
    """The memo's shape holds each event's scope: `scope_since` is the amendment's day only where it widened."""
    steps = [(EventKind.LISTED, "2001-03-29", None), (EventKind.AMENDED, "2021-11-26", None)]
    kept = _events("a", steps, [Scope.PART, Scope.PART])
    widened = _events("b", steps, [Scope.PART, Scope.WHOLE])

    periods.derive_periods(kept)
    derived = _derived(widened)

    assert _replay(widened) == derived
    assert {(pendulum.Date(2001, 3, 29), pendulum.Date(2001, 3, 29)),
            (pendulum.Date(2001, 3, 29), pendulum.Date(2021, 11, 26))} == {row[9:11] for row in derived}
    assert {(pendulum.Date(2001, 3, 29), pendulum.Date(2001, 3, 29))} == {row[9:11] for row in _derived(kept)}


def test_an_invalid_history_of_a_known_shape_is_still_refused() -> None:
    """Refusal does not depend on the memo: a history that cannot happen raises however often it is seen."""
    bad = _events("a", [(EventKind.LISTED, "2005-03-01", None), (EventKind.REINSTATED, "2006-03-01", None)])

    for _ in range(2):
        with pytest.raises(TransitionError):
            periods.derive_periods(bad)


@settings(max_examples=200, deadline=None)
@given(steps=histories(), days=st.integers(-3000, 3000), stretch=st.integers(1, 3))
def test_memoised_derivation_equals_the_lifecycle_replay(
    steps: list[tuple[EventKind, dt.date, dt.date]], days: int, stretch: int,
) -> None:
    """Any valid history, and the same history moved in time (a memo hit), derive as the lifecycle replays them."""
    events = _events("a", steps)
    moved = _events("b", _shifted(steps, days, stretch))

    assert _replay(events) == _derived(events)
    assert _replay(moved) == _derived(moved)


def _subjects_and_events(n: int) -> tuple[tuple[Subject, ...], tuple[Event, ...]]:
    """n subjects over three history shapes with varied days, one in four with a partial date."""
    patterns = (
        ((EventKind.LISTED, 2005), (EventKind.AMENDED, 2008), (EventKind.SUSPENDED, 2015),
         (EventKind.REINSTATED, 2016)),
        ((EventKind.LISTED, 2001), (EventKind.REMOVED, 2014), (EventKind.LISTED, 2019)),
        ((EventKind.LISTED, 2003), (EventKind.REMOVED, 2011)),
    )
    subjects = tuple(Subject(id=f"s{i}", name=f"Organisation {i}") for i in range(n))
    events = tuple(
        Event(subject_id=f"s{i}", list_id=("us-fto", "us-sdgt")[i % 2], kind=kind,
              effective=(f"{year}-{1 + (i * 5 + k) % 12:02d}" if i % 4 == 3 and k == 1
                         else pendulum.Date(year, 1 + (i * 7 + k) % 12, 1 + (i * 11 + k) % 28)),
              published=pendulum.Date(year + 1, 1, 1) if i % 5 == 0 else None, sources=SOURCE)
        for i in range(n) for k, (kind, year) in enumerate(patterns[i % 3])
    )
    return subjects, events


def _stored(engine: Engine) -> dict[tuple[str, str], list[periods.Content]]:
    """The current period rows of every pair, as `periods.content` (stored event ids)."""
    out: dict[tuple[str, str], list[periods.Content]] = {}
    with engine.connect() as conn:
        key: dict[int, str] = {r[0]: r[1] for r in conn.execute(text("SELECT pk, key FROM subject"))}
        rows = conn.execute(text(
            "SELECT * FROM status_period WHERE recorded_to = (SELECT max(recorded_to) FROM status_period) "
            "ORDER BY subject_pk, list_id, known_from, valid_from")).mappings()
        for row in rows:
            out.setdefault((key[row["subject_pk"]], row["list_id"]), []).append(periods.content(row))
    return out


def _expected(events: Sequence[Event]) -> dict[tuple[str, str], list[periods.Content]]:
    """`_replay` of every pair in the form `periods.content` gives for a stored row (ids 1.. in batch order)."""
    pairs: dict[tuple[str, str], list[tuple[Event, int]]] = {}
    for i, e in enumerate(events, start=1):
        pairs.setdefault((e.subject_id, e.list_id), []).append((e, i))
    out = {}
    for pair, group in pairs.items():
        ids = [i for _, i in group]
        rows = []
        for (state, certain, possible, vf, vt, kf, kt, setter, pending, since,
             scope_since, earliest) in _replay([e for e, _ in group]):
            first = ids[setter] if setter is not None else None
            chain = ",".join(str(x) for x in ([first] if first is not None else []) + [ids[p] for p in pending])
            rows.append((state, certain, possible, str(vf), str(vt), str(kf), str(kt), first, chain,
                         str(since or vf), str(scope_since or since or vf),
                         None if earliest is None else str(earliest)))
        out[pair] = sorted(rows, key=lambda r: (r[5], r[3]))
    return out


def test_a_large_write_stores_the_lifecycle_replay_of_every_pair(registry: designations.Registry) -> None:
    """Every stored current period of a 300-subject write is what the lifecycle replays for its pair."""
    add_lists(registry, "us-fto", "us-sdgt")
    subjects, events = _subjects_and_events(300)

    registry.write(WriteBatch(kind="import", subjects=subjects, events=events))
    stored = _stored(registry.store.engine)

    assert _expected(events) == {pair: sorted(rows, key=lambda r: (r[5], r[3])) for pair, rows in stored.items()}


def test_the_bulk_path_stores_what_an_ordinary_write_stores(
    registry_factory: Callable[[], designations.Registry],
) -> None:
    """Parts with the guard deferred give the same tables, row for row, as one guarded write of the batch."""
    ordinary, bulky = registry_factory(), registry_factory()
    for reg in (ordinary, bulky):
        add_lists(reg, "us-fto", "us-sdgt")
    subjects, events = _subjects_and_events(200)
    batch = WriteBatch(kind="import", subjects=subjects, events=events)

    ordinary.write(batch)
    with bulky.store.writer(kind="import", defer_guard=True) as w:
        for part in split_batch(batch, 150):
            w.apply(part)

    assert dump(ordinary.store.engine) == dump(bulky.store.engine)
    assert admin.check(bulky.store).ok
    ordinary.close()
    bulky.close()


def test_a_deferred_guard_catches_an_overlap_with_an_earlier_write(registry: designations.Registry) -> None:
    """A row slipped in while the guard is lifted that overlaps a row of an earlier batch fails the commit."""
    add_lists(registry, "us-fto")
    subjects, events = _subjects_and_events(1)
    registry.write(WriteBatch(kind="import", subjects=subjects, events=events[:1]))
    before = dump(registry.store.engine)

    with (  # noqa: PT012 - the commit raises
        pytest.raises(InvalidRecordError, match="overlap"),
        registry.store.writer(kind="bulk", defer_guard=True) as w,
    ):
        conn = w.connection
        row = conn.execute(text("SELECT * FROM status_period")).mappings().one()
        ins = bulk.Inserter(conn)
        ins.insert("status_period", [tuple(row[c] for c in bulk.COLUMNS["status_period"])])

    assert before == dump(registry.store.engine)
