"""
Load mode's inserts on a worker thread (`store.background`, `Inserter.background`).

On SQLite, load mode hands its inserts to one worker thread, which runs them
in order on the transaction's connection while the caller builds the next
rows. These specs hold the worker to the write path's guarantees: a statement
that fails on the thread fails the write with the ordinary error and writes
nothing, the thread is gone when the write returns (on success and on
failure), and multi-row statements store every row in order.
"""

from __future__ import annotations

import threading
from typing import Any

import attrs
import pendulum
import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import IntegrityError

import designations
from designations.errors import InvalidRecordError
from designations.model import Event, Source, State, Subject
from designations.store import WriteBatch, writes
from designations.store.background import InsertWorker

from ..conftest import Clock
from ..reliability.conftest import add_lists, dump

SOURCE = (Source(title="Register", url="https://example.org"),)
_THREAD = "designations-inserts"


def _sqlite_only(registry: designations.Registry) -> None:
    if registry.store.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's worker thread (PostgreSQL loads with COPY)")


def _workers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == _THREAD]


def _batch(n: int, *, corrects: int | None = None) -> WriteBatch:
    """`n` new subjects listed on us-fto; the last event corrects event `corrects` when given."""
    subjects = tuple(Subject(id=f"w{i}", name=f"Worker front {i}") for i in range(n))
    events = [Event(subject_id=s.id, list_id="us-fto", kind="LISTED", effective="2010-03-04", sources=SOURCE)
              for s in subjects]
    if corrects is not None:
        events[-1] = attrs.evolve(events[-1], corrects=corrects)
    return WriteBatch(kind="import", subjects=subjects, events=tuple(events), bulk=True)


def test_load_mode_inserts_run_on_the_worker_thread(registry: designations.Registry) -> None:
    """In load mode on SQLite, every insert of events and periods runs on the worker, which is gone afterwards."""
    _sqlite_only(registry)
    add_lists(registry, "us-fto")
    threads: dict[str, set[str]] = {}

    @event.listens_for(registry.store.engine, "before_cursor_execute")
    def _on(conn: object, cursor: object, statement: str, *args: object) -> None:
        if statement.startswith('INSERT INTO "'):  # the fast layer's statements
            threads.setdefault(statement.split('"')[1], set()).add(threading.current_thread().name)

    registry.write(_batch(50))

    assert {_THREAD} == threads["event"]
    assert {_THREAD} == threads["status_period"]
    assert [] == _workers()


def test_a_statement_failing_on_the_worker_fails_the_write_and_writes_nothing(
    registry: designations.Registry,
) -> None:
    """An insert the store refuses on the worker thread raises the ordinary error in the caller; nothing is kept."""
    _sqlite_only(registry)
    add_lists(registry, "us-fto")
    before = dump(registry.store.engine)

    with pytest.raises(InvalidRecordError) as caught:
        registry.write(_batch(5000, corrects=987_654))  # no such event: the foreign key refuses it

    assert "FOREIGN KEY" in str(caught.value)
    assert before == dump(registry.store.engine)
    assert [] == _workers()


def test_an_error_in_the_caller_stops_the_worker_and_writes_nothing(
    registry: designations.Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the caller fails while the worker still inserts, the thread is joined and the write rolls back."""
    _sqlite_only(registry)
    add_lists(registry, "us-fto")
    before = dump(registry.store.engine)
    real = writes.period_tuples
    calls = 0

    def failing(*args: Any, **kwargs: Any) -> list[tuple[Any, ...]]:
        nonlocal calls
        calls += 1
        if calls == 4000:  # events are queued on the worker by now
            msg = "derivation failed"
            raise RuntimeError(msg)
        return real(*args, **kwargs)

    monkeypatch.setattr(writes, "period_tuples", failing)

    with pytest.raises(RuntimeError, match="derivation failed"):
        registry.write(_batch(5000))

    assert before == dump(registry.store.engine)
    assert [] == _workers()


def test_a_load_mode_write_after_a_failed_one_succeeds(registry: designations.Registry) -> None:
    """A refused load leaves the store writable: the next load mode write stores its rows."""
    _sqlite_only(registry)
    add_lists(registry, "us-fto")
    with pytest.raises(InvalidRecordError):
        registry.write(_batch(10, corrects=987_654))

    result = registry.write(_batch(10))

    assert 10 == len(result.event_ids)
    assert State.LISTED == registry.status("w9", "us-fto", on=pendulum.Date(2011, 1, 1)).state


def _worker_engine(tmp_path: Any) -> Any:
    engine = create_engine(f"sqlite:///{tmp_path / 'worker.db'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL UNIQUE)")
    return engine


def test_the_worker_runs_statements_in_the_order_given(tmp_path: Any) -> None:
    """Statements submitted one after another run in that order, on the worker's thread."""
    engine = _worker_engine(tmp_path)
    with engine.begin() as conn:
        worker = InsertWorker(conn)
        try:
            for v in range(200):
                worker.submit("INSERT INTO t (v) VALUES (?)", (v,))
            worker.drain()
        finally:
            worker.stop()
        stored = [v for (v,) in conn.execute(text("SELECT v FROM t ORDER BY id"))]

    assert list(range(200)) == stored
    assert not worker.alive


def test_the_worker_drops_the_statements_after_a_failed_one_and_raises_it(tmp_path: Any) -> None:
    """A refused statement is raised by `drain`; the statements queued after it never run."""
    engine = _worker_engine(tmp_path)
    with engine.begin() as conn:
        worker = InsertWorker(conn)
        try:
            worker.submit("INSERT INTO t (v) VALUES (?)", (1,))
            worker.submit("INSERT INTO t (v) VALUES (?)", (1,))  # a duplicate: refused
            worker.submit("INSERT INTO t (v) VALUES (?)", (2,))
            with pytest.raises(IntegrityError):
                worker.drain()
            worker.drain()  # the error is raised once; nothing else ran
        finally:
            worker.stop()
        stored = [v for (v,) in conn.execute(text("SELECT v FROM t ORDER BY id"))]

    assert [1] == stored
    assert not worker.alive


def test_stopping_the_worker_drops_what_it_has_not_started(tmp_path: Any) -> None:
    """`stop` ends the thread without running the statements still queued."""
    engine = _worker_engine(tmp_path)
    with engine.begin() as conn:
        worker = InsertWorker(conn)
        gate = threading.Event()

        @event.listens_for(engine, "before_cursor_execute")
        def _hold(*_args: object) -> None:
            gate.wait(5)

        worker.submit("INSERT INTO t (v) VALUES (?)", (1,))  # held on the worker until the gate opens
        worker.submit("INSERT INTO t (v) VALUES (?)", (2,))
        worker.submit("INSERT INTO t (v) VALUES (?)", (3,))
        stopper = threading.Thread(target=worker.stop)
        stopper.start()
        gate.set()
        stopper.join(10)
        event.remove(engine, "before_cursor_execute", _hold)
        stored = [v for (v,) in conn.execute(text("SELECT v FROM t ORDER BY id"))]

    assert not worker.alive
    assert stored in ([], [1])


def test_multi_row_statements_store_every_row_in_order(registry: designations.Registry, clock: Clock) -> None:
    """Rows sent as statements of several sizes (the largest, then smaller ones) are all stored, in order."""
    count = 2 * 4096 + 1000 + 37
    with registry.store.engine.connect() as conn, conn.begin():
        ctx = writes.begin_batch(conn, clock, kind="test")
        first = int(conn.scalar(text("SELECT coalesce(max(pk), 0) FROM subject")) or 0) + 1
        rows = [(first + i, f"k{i}", "organisation", f"Name {i}", ctx.batch_id, "") for i in range(count)]
        ctx.inserter.insert("subject", rows)
        stored = [tuple(r) for r in conn.execute(text(
            "SELECT pk, key, kind, name, batch_id, match_reason FROM subject WHERE pk >= :f ORDER BY pk"),
            {"f": first})]

    assert rows == stored
