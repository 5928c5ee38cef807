"""
`Registry.bulk_load()`: the date-keyed indexes wait for the end of a load, and nothing else changes.

Inside the session `ix_event_changes` and `ix_status_period_snapshot` are
gone and every write keeps its own transaction and rules; answers read
meanwhile are the ones read after. On exit, on an error too, the indexes
are built again and the store holds exactly what the same writes hold
outside a session. A process that dies inside leaves a record: `db check`
reports the missing indexes and `db rebuild` builds them, once.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, inspect

import designations
from designations.errors import TransitionError
from designations.model import Event, Source, Subject
from designations.store import WriteBatch, deferred

from ..conftest import Clock
from ..reliability.conftest import add_lists, dump

SOURCE = (Source(title="Register", url="https://example.org"),)
DEFERRED = {"ix_event_changes", "ix_status_period_snapshot"}


def _indexes(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        found = {ix["name"] for t in ("event", "status_period") for ix in inspect(conn).get_indexes(t)}
    return {str(name) for name in found}


def _part(lo: int, hi: int) -> WriteBatch:
    """Subjects s<lo>..s<hi-1>: listed on us-fto in 2010 (every third removed in 2015), on us-sdgt in 2012."""
    subjects = tuple(Subject(id=f"s{i}", name=f"Subject {i}") for i in range(lo, hi))
    events: list[Event] = []
    for i in range(lo, hi):
        events.append(Event(subject_id=f"s{i}", list_id="us-fto", kind="LISTED", effective=f"2010-0{1 + i % 9}-01",
                            sources=SOURCE))
        events.append(Event(subject_id=f"s{i}", list_id="us-sdgt", kind="LISTED", effective="2012-05-05",
                            sources=SOURCE))
        if i % 3 == 0:
            events.append(Event(subject_id=f"s{i}", list_id="us-fto", kind="REMOVED", effective="2015-03-01",
                                sources=SOURCE))
    return WriteBatch(kind="import", subjects=subjects, events=tuple(events), bulk=True)


def _answers(reg: designations.Registry) -> tuple[Any, ...]:
    """What a user reads: a snapshot, a year's changes, and one status per list."""
    snap = reg.snapshot("us-fto", on="2016-01-01")
    changes = reg.changes("us-fto", since="2015", until="2015")
    status = reg.status("s4", "us-fto", on="2016-01-01"), reg.status("s3", "us-fto", on="2016-01-01")
    return (tuple((e.subject.id, e.since) for e in snap.entries),
            tuple((e.subject_id, e.kind, e.effective) for e in changes.events),
            tuple((s.state, s.since) for s in status))


def _with_lists(reg: designations.Registry) -> designations.Registry:
    """`reg` with lists us-fto and us-sdgt."""
    add_lists(reg, "us-fto", "us-sdgt")
    return reg


def _without_meta(rows: dict[str, list[tuple[Any, ...]]]) -> dict[str, list[tuple[Any, ...]]]:
    return {table: found for table, found in rows.items() if table != "meta"}


def test_inside_a_bulk_load_the_date_keyed_indexes_wait_and_are_built_on_exit(
    registry: designations.Registry,
) -> None:
    """The two indexes are absent while the load writes, present after; the store checks clean."""
    reg = _with_lists(registry)

    with reg.bulk_load():
        assert DEFERRED.isdisjoint(_indexes(reg.store.engine))
        reg.write(_part(0, 30))
        reg.write(_part(30, 60))

    assert DEFERRED <= _indexes(reg.store.engine)
    assert reg.check().ok
    with reg.store.read() as conn:
        assert deferred.recorded(conn) == ()


def test_a_load_in_a_session_stores_what_the_same_writes_store_outside_one(
    registry_factory: Callable[[], designations.Registry],
) -> None:
    """Row for row (the `meta` record of the session aside), and every answer alike, read inside or after."""
    plain, session = _with_lists(registry_factory()), _with_lists(registry_factory())
    for lo in (0, 30):
        plain.write(_part(lo, lo + 30))

    with session.bulk_load():
        for lo in (0, 30):
            session.write(_part(lo, lo + 30))
        inside = _answers(session)

    assert _without_meta(dump(session.store.engine)) == _without_meta(dump(plain.store.engine))
    assert inside == _answers(session) == _answers(plain)
    assert inside[1]  # the year's changes are not empty: the comparison compares something


def test_an_error_inside_builds_the_indexes_and_keeps_the_writes_made_before_it(
    registry: designations.Registry,
) -> None:
    """Each write is its own transaction: the one refused is not stored, the ones before are."""
    reg = _with_lists(registry)
    bad = WriteBatch(kind="import", events=(
        Event(subject_id="s1", list_id="us-fto", kind="REINSTATED", effective="2011-01-01", sources=SOURCE),))

    def load() -> None:
        with reg.bulk_load():
            reg.write(_part(0, 30))
            reg.write(bad)

    with pytest.raises(TransitionError):
        load()

    assert DEFERRED <= _indexes(reg.store.engine)
    assert len(reg.snapshot("us-fto", on="2012-01-01")) == 30
    assert reg.check().ok


def test_a_nested_session_leaves_the_indexes_to_the_outer_one(registry: designations.Registry) -> None:
    """The indexes come back when the outermost session ends, not before."""
    add_lists(registry, "us-fto", "us-sdgt")
    engine = registry.store.engine

    with registry.bulk_load():
        with registry.bulk_load():
            registry.write(_part(0, 10))
        assert DEFERRED.isdisjoint(_indexes(engine))
    assert DEFERRED <= _indexes(engine)


_DIES_INSIDE = """
import os, sys
import designations
from designations.model import Event, Source, Subject
from designations.store import WriteBatch

reg = designations.open(sys.argv[1], seeds=False)
with reg.bulk_load():
    reg.write(WriteBatch(kind="import", subjects=(Subject(id="late", name="Late Front"),), events=(
        Event(subject_id="late", list_id="us-fto", kind="LISTED", effective="2019-01-01",
              sources=(Source(title="Register"),)),)))
    os._exit(9)  # the process dies inside: no exit code of the session runs
"""


def test_a_load_killed_inside_is_reported_by_check_and_mended_by_rebuild_once(
    registry: designations.Registry, store_url: str
) -> None:
    """The record names the indexes; answers stay right meanwhile; rebuild builds them, a second rebuild nothing."""
    reg = _with_lists(registry)
    reg.write(_part(0, 10))
    reg.close()  # `registry` is the store at `store_url`, which another process now loads
    died = subprocess.run([sys.executable, "-c", textwrap.dedent(_DIES_INSIDE), store_url],
                          capture_output=True, text=True, timeout=120, check=False)
    assert died.returncode == 9, died.stderr

    reg = designations.open(store_url, seeds=False)
    report = reg.check()
    assert {(p.kind, p.row) for p in report.problems} == {("missing-index", name) for name in DEFERRED}
    assert all("bulk load" in p.detail for p in report.problems)
    assert "late" in {e.subject.id for e in reg.snapshot("us-fto", on="2020-01-01").entries}

    mended = reg.rebuild()
    again = reg.rebuild()

    assert (mended.indexes_built, mended.pairs) == (2, 0)
    assert "built 2 index(es)" in str(mended)
    assert (again.indexes_built, again.pairs) == (0, 0)
    assert reg.check().ok
    assert DEFERRED <= _indexes(reg.store.engine)
    reg.close()


def test_check_names_an_index_dropped_by_hand_without_blaming_a_load(registry: designations.Registry) -> None:
    """No session recorded it: the problem says the index is missing, and rebuild builds it."""
    with registry.store.engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_event_changes")

    (problem,) = registry.check().problems

    assert (problem.kind, problem.table, problem.row) == ("missing-index", "event", "ix_event_changes")
    assert problem.detail.startswith("missing:")
    assert registry.rebuild().indexes_built == 1
    assert registry.check().ok


def test_two_loaders_at_once_end_with_the_indexes_built_whichever_ends_first(
    registry: designations.Registry, store_url: str
) -> None:
    """Two registries on one store: the first to end builds the indexes, the other writes on with them."""
    first = _with_lists(registry)
    second = designations.open(store_url, seeds=False, clock=Clock(start=first.store.clock().add(days=1)))

    with second.bulk_load():
        with first.bulk_load():
            first.write(_part(0, 20))
        assert DEFERRED <= _indexes(first.store.engine)  # the first session's end built them
        second.write(_part(20, 40))

    assert DEFERRED <= _indexes(first.store.engine)
    assert len(second.snapshot("us-fto", on="2012-01-01")) == 40
    assert first.check().ok
    with first.store.read() as conn:
        assert deferred.recorded(conn) == ()
    second.close()
