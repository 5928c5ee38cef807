"""
Stateful property test: random sequences of record, correct, retract and
queries against a plain in-memory model, on this pass's engine.

The model keeps, per (subject, list), the live events as (day, kind, id);
validity is the transition table replayed in (day, kind order, id) order,
and the status on a day is the state after the events on or before it.
Every write's recorded time is kept with a copy of the model, so queries
`as_recorded_at` an earlier data version are checked too.
"""

from __future__ import annotations

import pendulum
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

import designations
from designations import errors
from designations.model import EventKind, State
from designations.store import admin

from ..strategies import ORACLE
from .conftest import add_lists

SUBJECTS = ("alpha", "bravo")
LISTS = ("us-fto", "us-sdgt")
KINDS = tuple(EventKind)
RANK = {k: i for i, k in enumerate(KINDS)}
NEXT = ORACLE
BASE = pendulum.Date(2010, 1, 1)
SOURCE = [{"title": "Register"}]

Model = dict[tuple[str, str], list[tuple[pendulum.Date, EventKind, int]]]


def _valid(events: list[tuple[pendulum.Date, EventKind, int]]) -> bool:
    state, seen = State.NOT_LISTED, set()
    for day, kind, _ in sorted(events, key=lambda e: (e[0], RANK[e[1]], e[2])):
        if (day, kind) in seen and kind is not EventKind.AMENDED:
            return False
        seen.add((day, kind))
        nxt = NEXT.get((state, kind))
        if nxt is None:
            return False
        state = nxt
    return True


def _state_on(events: list[tuple[pendulum.Date, EventKind, int]], on: pendulum.Date) -> State:
    state = State.NOT_LISTED
    for day, kind, _ in sorted(events, key=lambda e: (e[0], RANK[e[1]], e[2])):
        if day <= on:
            state = NEXT[(state, kind)]
    return state


def _copy(model: Model) -> Model:
    return {k: list(v) for k, v in model.items()}


class RegistryMachine(RuleBasedStateMachine):
    """A registry and its model, driven by random writes and queries."""

    url: str = ""

    def __init__(self) -> None:
        super().__init__()
        self.reg = designations.open(type(self).url, seeds=False)
        add_lists(self.reg, *LISTS)
        for s in SUBJECTS:
            self.reg.add_subject(s.title(), id=s)
        self.model: Model = {(s, lst): [] for s in SUBJECTS for lst in LISTS}
        self.versions: list[tuple[pendulum.DateTime, Model]] = []
        self._remember()

    def _remember(self) -> None:
        self.versions.append((pendulum.parse(self.reg.data_version()), _copy(self.model)))  # type: ignore[arg-type]

    def _write_or_refuse(
        self,
        candidate: list[tuple[pendulum.Date, EventKind, int]],
        write: object,
    ) -> object | None:
        ok = _valid(candidate)
        try:
            result = write()  # type: ignore[operator]
        except (errors.TransitionError, errors.InvalidRecordError) as exc:
            refusal = exc
        else:
            assert ok, f"store accepted an invalid history {candidate}"
            return result
        assert not ok, f"store refused a valid history: {refusal}"
        return None

    @rule(
        subject=st.sampled_from(SUBJECTS),
        lst=st.sampled_from(LISTS),
        kind=st.sampled_from(KINDS),
        offset=st.integers(0, 3650),
    )
    def record(self, subject: str, lst: str, kind: EventKind, offset: int) -> None:
        day = BASE.add(days=offset)
        pair = (subject, lst)
        candidate = [*self.model[pair], (day, kind, 10**9)]
        ev = self._write_or_refuse(
            candidate,
            lambda: self.reg.record(subject, lst, kind, effective=day, sources=SOURCE, create=True),
        )
        if ev is not None:
            self.model[pair].append((day, kind, ev.id))  # type: ignore[attr-defined]
            self._remember()

    @precondition(lambda self: any(self.model.values()))
    @rule(data=st.data())
    def retract(self, data: st.DataObject) -> None:
        pair = data.draw(st.sampled_from(sorted(p for p, evs in self.model.items() if evs)))
        victim = data.draw(st.sampled_from(self.model[pair]))
        candidate = [e for e in self.model[pair] if e != victim]
        if self._write_or_refuse(
            candidate, lambda: self.reg.retract(victim[2], reason="test")
        ):
            self.model[pair] = candidate
            self._remember()

    @precondition(lambda self: any(self.model.values()))
    @rule(data=st.data(), offset=st.integers(0, 3650))
    def correct(self, data: st.DataObject, offset: int) -> None:
        pair = data.draw(st.sampled_from(sorted(p for p, evs in self.model.items() if evs)))
        victim = data.draw(st.sampled_from(self.model[pair]))
        day = BASE.add(days=offset)
        candidate = [e for e in self.model[pair] if e != victim] + [(day, victim[1], 10**9)]
        ev = self._write_or_refuse(
            candidate, lambda: self.reg.correct(victim[2], effective=day)
        )
        if ev is not None:
            self.model[pair] = [*candidate[:-1], (day, victim[1], ev.id)]  # type: ignore[attr-defined]
            self._remember()

    @rule(
        subject=st.sampled_from(SUBJECTS), lst=st.sampled_from(LISTS), offset=st.integers(-30, 3700)
    )
    def status_now(self, subject: str, lst: str, offset: int) -> None:
        day = BASE.add(days=offset)
        got = self.reg.status(subject, lst, on=day)
        assert got.state is _state_on(self.model[(subject, lst)], day), (subject, lst, day)

    @rule(
        data=st.data(),
        subject=st.sampled_from(SUBJECTS),
        lst=st.sampled_from(LISTS),
        offset=st.integers(0, 3700),
    )
    def status_as_recorded(self, data: st.DataObject, subject: str, lst: str, offset: int) -> None:
        at, model = data.draw(st.sampled_from(self.versions))
        day = BASE.add(days=offset)
        got = self.reg.status(subject, lst, on=day, as_recorded_at=at)
        assert got.state is _state_on(model[(subject, lst)], day), (subject, lst, day, at)

    @invariant()
    def in_force_matches(self) -> None:
        for (subject, lst), events in self.model.items():
            on = BASE.add(days=1825)
            assert self.reg.was_listed(subject, lst, on=on) == (
                _state_on(events, on) is State.LISTED
            )

    def teardown(self) -> None:
        try:
            assert admin.check(self.reg.store).ok
        finally:
            self.reg.close()


def test_registry_behaves_like_the_model(store_url_factory: object) -> None:
    """Random write/query sequences agree with the in-memory model, now and as recorded earlier."""
    RegistryMachine.url = ""

    class Machine(RegistryMachine):
        def __init__(self) -> None:
            type(self).url = store_url_factory()  # type: ignore[operator]
            super().__init__()

    Machine.TestCase.settings = settings(
        max_examples=20,
        stateful_step_count=20,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    Machine.TestCase().runTest()
