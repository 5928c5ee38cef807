"""
Concurrency: several processes write different lists and record events while
others query. No deadlock (everything finishes in time), no lost write (every
batch is there at the end), no torn read (a reader never sees part of a
batch). On SQLite a writer that cannot get the lock in time gets a clear
`LockTimeoutError`.
"""

from __future__ import annotations

import sqlite3
import subprocess
import time

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

import designations
from designations.store import admin
from designations.store.schema import EventTable

from .conftest import add_lists, run_worker, spawn_worker

WRITERS = ("us-w1", "us-w2", "us-w3")
BATCHES, PER_BATCH, RECORDS = 6, 40, 15


def test_parallel_writers_and_readers_lose_nothing_and_see_whole_batches(store_url: str) -> None:
    """3 batch writers, 1 single-event recorder and 2 readers run at once; all writes land, reads are whole."""
    reg = designations.open(store_url, seeds=False)
    add_lists(reg, *WRITERS, "us-rec")
    reg.close()
    procs = [spawn_worker("writer", store_url, lst, str(BATCHES), str(PER_BATCH)) for lst in WRITERS]
    procs.append(spawn_worker("recorder", store_url, "us-rec", str(RECORDS)))
    readers = [
        spawn_worker("reader", store_url, ",".join(WRITERS), "6", str(PER_BATCH)) for _ in range(2)
    ]
    results = []
    for proc in procs + readers:
        try:
            out, err = proc.communicate(timeout=240)
        except subprocess.TimeoutExpired:  # pragma: no cover - a deadlock
            proc.kill()
            pytest.fail("a worker did not finish: deadlock?")
        results.append((proc.returncode, out, err))
    for code, _out, err in results:
        assert code == 0, err
    for _code, out, _err in results[len(procs) :]:
        assert "TORN 0" in out, out
        assert int(out.split("READS ")[1].split()[0]) > 0

    reg = designations.open(store_url, seeds=False)
    try:
        for lst in WRITERS:
            assert len(reg.snapshot(lst, on="2024-01-01")) == BATCHES * PER_BATCH
        assert len(reg.snapshot("us-rec", on="2024-01-01")) == RECORDS
        with reg.store.read() as conn:
            total = conn.scalar(select(func.count()).select_from(EventTable))
        assert total == len(WRITERS) * BATCHES * PER_BATCH + RECORDS
        assert admin.check(reg.store).ok
    finally:
        reg.close()


@pytest.mark.sqlite_only
def test_sqlite_writer_gets_lock_timeout_error_when_the_lock_is_held(store_url: str) -> None:
    """While another connection holds the write lock, a writer with a 200 ms busy timeout fails clearly."""
    reg = designations.open(store_url, seeds=False)
    add_lists(reg, "us-fto")
    reg.close()
    holder = sqlite3.connect(str(make_url(store_url).database), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        start = time.monotonic()
        result = run_worker(
            "record",
            store_url,
            "us-fto",
            "Blocked Org",
            env={"DESIGNATIONS_BUSY_TIMEOUT_MS": "200"},
            timeout=60,
        )
        waited = time.monotonic() - start
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 4, result.stderr
    assert "LockTimeoutError: the store is locked by another writer" in result.stderr
    assert waited < 30
    after = run_worker("record", store_url, "us-fto", "Blocked Org")  # the lock is free again
    assert after.returncode == 0, after.stderr


@pytest.mark.sqlite_only
def test_sqlite_store_runs_in_wal_mode(registry: designations.Registry) -> None:
    """Readers never block the writer: the journal is WAL."""
    with registry.store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_concurrent_first_records_of_a_name_make_one_subject(store_url: str) -> None:
    """Five processes recording the same new name at once (on five lists) create one subject, not five."""
    lists = [f"us-race{i}" for i in range(5)]
    reg = designations.open(store_url, seeds=False)
    add_lists(reg, *lists)
    reg.close()
    procs = [spawn_worker("record", store_url, lst, "Race Org") for lst in lists]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err

    reg = designations.open(store_url, seeds=False)
    with reg.store.read() as conn:
        keys = sorted(k for (k,) in conn.exec_driver_sql("SELECT key FROM subject"))
    history = reg.history("Race Org")
    reg.close()
    assert (["race-org"], 5) == (keys, len(history))


def test_concurrent_first_opens_of_a_new_store_all_answer(db_url: str) -> None:
    """Four processes asking their first question of a new store at once all answer (one seeds it)."""
    import sys  # noqa: PLC0415

    command = [sys.executable, "-m", "designations", "status", "Taliban", "--in", "RU", "--on", "2024-06-01",
               "--url", db_url]
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    results = [(p.wait(timeout=180), p.stderr.read() if p.stderr else "") for p in procs]
    for p in procs:
        for stream in (p.stdout, p.stderr):
            if stream is not None:
                stream.close()

    assert [0, 0, 0, 0] == [code for code, _ in results], [err for _, err in results]
