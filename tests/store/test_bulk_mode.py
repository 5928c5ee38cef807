"""
The write path's load mode (`WriteBatch(bulk=True)`): the same rows, the same rule, checked set-wise.

In load mode SQLite's overlap trigger is lifted inside the transaction and
every period row written is checked against the rule before the commit;
PostgreSQL keeps its guard triggers. These specs hold load mode to the
ordinary path: every stored row equal, an overlap refused with the same
error type and nothing written, and the set-wise check equal to the rule
applied row against row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import event, text

import designations
from designations.errors import DesignationsError, InvalidRecordError
from designations.model import Event, Identifier, Name, Source, Subject
from designations.store import PublicationRecord, WriteBatch, admin, flags, guard, period_writes

from ..reliability.conftest import add_lists, dump, history

SOURCE = (Source(title="Register", url="https://example.org"),)
Row = tuple[Any, ...]



def _first(n: int) -> WriteBatch:
    """Subjects with aliases and identifiers, events on two lists, a publication."""
    subjects = tuple(
        Subject(id=f"s{i}", name=f"Front number {i}", aliases=(Name(f"Alias {i}"),),
                identifiers=(Identifier("test", f"T-{i}"),))
        for i in range(n)
    )
    events = tuple(e for i in range(n) for lst in ("us-fto", "us-sdgt")[: 1 + i % 2] for e in history(i, lst))
    publication = PublicationRecord(
        list_id="us-fto", published=pendulum.Date(2020, 1, 1), sha256="a" * 64, format="test",
        entries=tuple((f"E{i}", f"s{i}", "f" * 16, "2001-01-10") for i in range(n)),
    )
    return WriteBatch(kind="import", subjects=subjects, events=events, publications=(publication,))


def _second(n: int) -> WriteBatch:
    """A later batch: removals of known pairs (replayed whole), new subjects, a retraction."""
    removals = tuple(Event(subject_id=f"s{i}", list_id="us-fto", kind="REMOVED", effective="2019-05-05",
                           sources=SOURCE) for i in range(0, n, 2))
    fresh = tuple(Subject(id=f"n{i}", name=f"New front {i}") for i in range(3))
    listed = tuple(Event(subject_id=f"n{i}", list_id="us-test", kind="LISTED", effective="2018-02-02",
                         sources=SOURCE) for i in range(3))
    return WriteBatch(kind="import", subjects=fresh, events=removals + listed, retractions=((2, "wrong date"),))


def _with_lists(reg: designations.Registry) -> designations.Registry:
    """`reg` with lists us-fto, us-sdgt and us-test."""
    add_lists(reg, "us-fto", "us-sdgt", "us-test")
    return reg


def test_load_mode_stores_every_row_the_ordinary_path_stores(
    registry_factory: Callable[[], designations.Registry],
) -> None:
    """The same two batches, written in load mode and ordinarily, leave identical tables."""
    ordinary, loaded = _with_lists(registry_factory()), _with_lists(registry_factory())

    for batch in (_first(9), _second(9)):
        expected = ordinary.write(batch)
        actual = loaded.write(attrs.evolve(batch, bulk=True))
        assert expected.event_ids == actual.event_ids

    assert dump(ordinary.store.engine) == dump(loaded.store.engine)
    assert admin.check(loaded.store).ok
    with loaded.store.read() as conn:
        assert guard.guard_in_force(conn)
    ordinary.close()
    loaded.close()


def _overlapping(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the write path store the first period of every pair twice (an overlap in all three times)."""
    real = period_writes.period_tuples

    def doubled(*args: Any, **kwargs: Any) -> list[Row]:
        rows = real(*args, **kwargs)
        return [rows[0], *rows]

    monkeypatch.setattr(period_writes, "period_tuples", doubled)


def test_an_overlapping_batch_fails_alike_in_load_mode_and_writes_nothing(
    registry_factory: Callable[[], designations.Registry], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch whose periods overlap is refused with the same error type in both modes; nothing is written."""
    ordinary, loaded = _with_lists(registry_factory()), _with_lists(registry_factory())
    before = [dump(ordinary.store.engine), dump(loaded.store.engine)]
    _overlapping(monkeypatch)
    errors: list[type[DesignationsError]] = []

    for reg, bulk in ((ordinary, False), (loaded, True)):
        with pytest.raises(DesignationsError) as caught:
            reg.write(attrs.evolve(_first(5), bulk=bulk))
        errors.append(type(caught.value))

    assert [InvalidRecordError, InvalidRecordError] == errors
    assert before == [dump(ordinary.store.engine), dump(loaded.store.engine)]
    with loaded.store.read() as conn:
        assert guard.guard_in_force(conn)
    ordinary.close()
    loaded.close()


def test_load_mode_updates_no_fact_and_its_only_ddl_is_the_guard(
    registry: designations.Registry, engine_name: str
) -> None:
    """
    Load mode only inserts, closes periods and sets subject flags; its only DDL is SQLite's triggers, lifted, put back.

    On SQLite the overlap guard's trigger and the subject flags' triggers (migration 0011) are lifted
    and put back in each write; the flags of the subjects written are then set in one statement.
    """
    add_lists(registry, "us-fto", "us-sdgt", "us-test")
    statements: list[str] = []

    @event.listens_for(registry.store.engine, "before_cursor_execute")
    def _on(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    registry.write(attrs.evolve(_first(5), bulk=True))
    registry.write(attrs.evolve(_second(5), bulk=True))

    ddl = [s.split("\n")[1].strip() if s.startswith("\n") else s
           for s in statements if re.match(r"\s*(CREATE|DROP|ALTER)\b", s, re.IGNORECASE)]
    updates = {m.group(1) for s in statements if (m := re.match(r'\s*UPDATE\s+"?(\w+)"?', s, re.IGNORECASE))}
    lifted = [f"DROP TRIGGER IF EXISTS {name}" for name in flags.TRIGGERS]
    put_back = [f"CREATE TRIGGER {name}" for name in flags.TRIGGERS]
    expected = ([f"DROP TRIGGER IF EXISTS {guard.GUARD_TRIGGER}", *lifted,
                 f"CREATE TRIGGER {guard.GUARD_TRIGGER}", *put_back] * 2
                if engine_name == "sqlite" else [])
    assert expected == [" ".join(s.split()[:5]) if s.startswith("DROP") else " ".join(s.split()[:3]) for s in ddl]
    assert ({"status_period", "subject"} if engine_name == "sqlite" else {"status_period"}) == updates
    flag_updates = [s for s in statements if re.match(r'\s*UPDATE\s+"?subject"?\s', s, re.IGNORECASE)]
    assert all(re.match(r"\s*UPDATE subject SET has_(aliases|identifiers) = 1 WHERE", s) for s in flag_updates)
    assert not [s for s in statements if re.match(r"\s*(DELETE|TRUNCATE|REPLACE)\b", s, re.IGNORECASE)]


# The set-wise check against the rule applied row against row.

_DAYS = [f"2000-01-{d:02d}" for d in range(1, 10)]
_TIMES = [f"2020-01-01 00:00:0{s}.000000" for s in range(5)]


def _span(values: Sequence[str]) -> st.SearchStrategy[tuple[str, str]]:
    """A range of two of `values`, possibly empty (the rule ignores empty ranges)."""
    return st.tuples(st.sampled_from(values), st.sampled_from(values))


@st.composite
def _rows(draw: st.DrawFn) -> list[Row]:
    """Period rows of one or two pairs: (id, subject, list, valid, known, recorded)."""
    out = []
    for i in range(draw(st.integers(0, 7))):
        pair = draw(st.sampled_from([(1, "us-fto"), (1, "us-sdgt"), (2, "us-fto")]))
        valid = draw(_span(_DAYS))
        known = draw(_span(_DAYS))
        recorded = draw(st.sampled_from([(_TIMES[0], _TIMES[4]), (_TIMES[1], _TIMES[4])])) if draw(
            st.booleans()) else draw(_span(_TIMES))
        out.append((i + 1, *pair, *valid, *known, *recorded))
    return out


def _rule(rows: Sequence[Row], after: int) -> bool:
    """Whether two rows (one of them above `after`) overlap in all three times: the trigger's rule."""
    def live(r: Row) -> bool:
        return r[3] < r[4] and r[5] < r[6] and r[7] < r[8]

    return any(
        a[1:3] == b[1:3] and (a[0] > after or b[0] > after) and live(a) and live(b)
        and a[3] < b[4] and b[3] < a[4] and a[5] < b[6] and b[5] < a[6] and a[7] < b[8] and b[7] < a[8]
        for i, a in enumerate(rows) for b in rows[i + 1 :]
    )


@settings(max_examples=300, deadline=None)
@given(rows=_rows(), older=st.integers(0, 3))
def test_the_set_wise_check_finds_exactly_the_overlaps_the_rule_forbids(rows: list[Row], older: int) -> None:
    """On any rows of a few pairs, the first `older` of them already stored, the check refuses exactly the overlaps."""
    older = min(older, len(rows))
    stored, new = rows[:older], rows[older:]
    conn = _FakeConnection(stored)

    try:
        guard.check_rows(conn, older, [tuple(r) for r in new])  # type: ignore[arg-type]
        refused = False
    except InvalidRecordError:
        refused = True

    assert _rule(rows, older) == refused


@settings(max_examples=300, deadline=None)
@given(rows=_rows())
def test_rows_of_new_subjects_are_checked_alike_without_a_statement(rows: list[Row]) -> None:
    """With no older rows (subjects new in the write), the check that reads nothing refuses exactly the overlaps."""
    new = [tuple(r) for r in rows]
    try:
        guard.check_rows_without_older(new)  # type: ignore[arg-type]
        refused = False
    except InvalidRecordError:
        refused = True

    assert _rule(rows, min((r[0] for r in rows), default=1) - 1) == refused


class _FakeConnection:
    """Answers the check's one question (older rows still current) from a list, as the table would."""

    def __init__(self, stored: Sequence[Row]) -> None:
        self.stored = stored

    def execute(self, _statement: object, params: dict[str, Any]) -> list[Row]:
        return [r for r in self.stored
                if r[1] in params["pks"] and r[0] <= params["after"] and r[8] > params["earliest"]]


def test_the_check_reads_older_rows_from_the_table(registry: designations.Registry) -> None:
    """A current period already stored for a pair is found by the check when a new one overlaps it."""
    add_lists(registry, "us-fto")
    registry.write(WriteBatch(kind="import", subjects=(Subject(id="s1", name="Front one"),),
                              events=tuple(history(1, "us-fto")[:1])))
    with registry.store.engine.begin() as conn:
        top = int(conn.scalar(text("SELECT max(id) FROM status_period")))
        row = conn.execute(text(
            "SELECT id, subject_pk, list_id, valid_from, valid_to, known_from, known_to, recorded_from, "
            "recorded_to FROM status_period WHERE id = :id"), {"id": top}).one()
        copy = (top + 1, *tuple(row)[1:])

        with pytest.raises(InvalidRecordError, match=f"rows {top} and {top + 1}"):
            guard.check_rows(conn, top, [copy])
        conn.rollback()


def test_touching_periods_do_not_clash() -> None:
    """Half-open ranges that meet (one ends the day the next begins) are not an overlap."""
    at, forever = "2020-01-01 00:00:00.000000", "9999-01-01 00:00:00.000000"
    rows = [(1, 1, "us-fto", "2001-01-01", "2005-01-01", "2001-01-01", "9999-12-31", at, forever),
            (2, 1, "us-fto", "2005-01-01", "9999-12-31", "2001-01-01", "9999-12-31", at, forever)]

    guard.check_rows(_FakeConnection([]), 0, rows)  # type: ignore[arg-type]

