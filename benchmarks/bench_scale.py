"""
Scale benchmark (issue 5): a large synthetic store on SQLite and PostgreSQL.

Run: `.venv/bin/python benchmarks/bench_scale.py --engine sqlite|postgresql
[--subjects 1000000 --events-per-subject 5 --budget 900]` (`make bench` runs it
with defaults for both engines).

The store is built through the library's own write path (`WriteBatch`, one
transaction per batch of `--batch` subjects). Loading stops when the load
budget (seconds) is spent, and every figure is then measured on the size
actually loaded, which the results state; nothing is extrapolated. Measures:
load rate, `status` p50/p99 next to a raw SQL floor (one indexed query via
the DBAPI on the same database), `snapshot` of the big list (100,000 members
when fully loaded), `changes` over a year, concurrent `status` throughput
from 4 processes (and the floor's), and the cost of the overlap guard
(PostgreSQL exclusion constraint / SQLite trigger) on bulk loads.
PostgreSQL: `DESIGNATIONS_BENCH_DATABASE_URL`, else a throwaway server over
the installed binaries (the test suite's helper).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime
import io
import json
import multiprocessing as mp
import os
import platform
import pstats
import random
import sqlite3
import statistics
import sys
import sysconfig
import time
from pathlib import Path
from typing import Any

import pendulum
from sqlalchemy import text

import designations
from designations.dates import DateWindow, Period
from designations.model import DesignationList, Event, EventKind, Jurisdiction, Source, Subject
from designations.store import WriteBatch

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).parent / "results"
WORK = Path(__file__).parent / "work"
SOURCE = (Source(title="synthetic", url="https://example.org/synthetic"),)
US = Jurisdiction("US", "United States", "America/New_York")
N_LISTS = 20
BIG = "us-list-0"
BIG_MEMBERS = 100_000
PATTERNS = (  # 5 events each; the big list's members stay in force from 2016 on
    (
        ("LISTED", 2005),
        ("AMENDED", 2008),
        ("AMENDED", 2012),
        ("SUSPENDED", 2015),
        ("REINSTATED", 2016),
    ),
    (
        ("LISTED", 2001),
        ("SUSPENDED", 2004),
        ("REINSTATED", 2009),
        ("REMOVED", 2014),
        ("LISTED", 2019),
    ),
    (("LISTED", 2003), ("AMENDED", 2006), ("REMOVED", 2011), ("LISTED", 2015), ("REMOVED", 2022)),
)
FLOOR_SQL = (
    "SELECT p.state FROM status_period p JOIN subject s ON s.pk = p.subject_pk "
    "WHERE s.key = {k} AND p.list_id = {l} AND p.valid_from <= {d} AND p.valid_to > {d} "
    "AND p.known_from <= {d2} AND p.known_to > {d2} AND p.recorded_from <= {t} AND p.recorded_to > {t} "
    "ORDER BY p.valid_from DESC LIMIT 1"
)



def _without_machine_paths(text: str) -> str:
    """A profile's file names relative to the repository, the virtualenv or the standard library."""
    for prefix, label in ((str(ROOT) + "/", ""), (sysconfig.get_paths()["purelib"] + "/", "site-packages/"),
                          (sysconfig.get_paths()["stdlib"] + "/", "stdlib/")):
        text = text.replace(prefix, label)
    return text

def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(
            line
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        mem = ""
    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory": mem.split(":")[-1].strip(),
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "sqlalchemy": __import__("sqlalchemy").__version__,
        "date": pendulum.now("UTC").isoformat(),
    }


_WINDOWS: dict[tuple[int, int, int], DateWindow] = {}
"""Effective windows by (year, month, day): 3 patterns x 84 residues of `i`, built once."""


def _window(year: int, month: int, day: int) -> DateWindow:
    key = (year, month, day)
    found = _WINDOWS.get(key)
    if found is None:
        found = _WINDOWS[key] = DateWindow.exact(pendulum.Date(year, month, day))
    return found


def _subject_events(i: int) -> tuple[Subject, list[Event]]:
    """Subject `s<i>` and its five events: deterministic in `i`, so a load can resume."""
    subject = Subject(id=f"s{i}", name=f"Synthetic organisation {i}")
    if i < BIG_MEMBERS:
        list_id, pattern = BIG, PATTERNS[0]
    else:
        list_id, pattern = f"us-list-{1 + i % (N_LISTS - 1)}", PATTERNS[1 + i % 2]
    events = [
        Event(
            subject_id=subject.id,
            list_id=list_id,
            kind=EventKind[kind],
            effective=_window(year, 1 + (i * 7 + k * 5) % 12, 1 + (i * 13 + k * 3) % 28),
            sources=SOURCE,
        )
        for k, (kind, year) in enumerate(pattern)
    ]
    return subject, events


def _batch(lo: int, hi: int, *, bulk: bool = False) -> WriteBatch:
    subjects, events = [], []
    for i in range(lo, hi):
        s, evs = _subject_events(i)
        subjects.append(s)
        events.extend(evs)
    return WriteBatch(kind="bench", subjects=tuple(subjects), events=tuple(events), bulk=bulk)


def setup_lists(reg: designations.Registry) -> None:
    """Twenty lists covered from 1990."""
    lists = tuple(
        DesignationList(id=f"us-list-{i}", jurisdiction=US, name=f"List {i}")
        for i in range(N_LISTS)
    )
    reg.write(
        WriteBatch(
            kind="seed",
            jurisdictions=(US,),
            lists=lists,
            coverage=tuple((lst.id, "seed", (Period("1990-01-01"),)) for lst in lists),
        )
    )


def loaded_size(reg: designations.Registry) -> tuple[int, int]:
    """(subjects, events) the store already holds."""
    with reg.store.read() as conn:
        subjects = int(conn.execute(text("SELECT count(*) FROM subject")).scalar_one())
        events = int(conn.execute(text("SELECT count(*) FROM event")).scalar_one())
    return subjects, events


def load(
    reg: designations.Registry,
    n: int,
    part: int,
    per_transaction: int,
    budget: float,
    *,
    defer_guard: bool = False,
    bulk: bool = False,
    session: bool = False,
) -> dict[str, Any]:
    """
    Load subjects up to n through `Store.writer` (the library's bulk path); profile the first part.

    Each transaction writes `per_transaction` subjects as parts of `part`
    subjects (with `per_transaction <= part`, each part is one `Registry.write`,
    the public path); loading resumes after what the store already holds and
    stops at the budget (between transactions). `bulk` sends every batch in
    the write path's load mode (`WriteBatch(bulk=True)`). `session` runs the
    whole load inside `Registry.bulk_load()`; the time includes building the
    indexes it put off (reported apart too).
    """
    load_start = os.getloadavg()
    start = time.perf_counter()
    loaded, _ = loaded_size(reg)
    first = loaded
    transactions, profile, events = [], "", 0
    outer = contextlib.ExitStack()
    if session:
        outer.enter_context(reg.bulk_load())
    while loaded < n and time.perf_counter() - start < budget:
        top = min(n, loaded + per_transaction)
        t0 = time.perf_counter()
        with contextlib.ExitStack() as stack:
            # one part per transaction: the public `Registry.write`; else parts of one `Store.writer`
            public = per_transaction <= part and not defer_guard
            writer = None if public else stack.enter_context(
                reg.store.writer(kind="bench", defer_guard=defer_guard))
            apply: Any = reg.write if writer is None else writer.apply
            for lo in range(loaded, top, part):
                wb = _batch(lo, min(top, lo + part), bulk=bulk)
                events += len(wb.events)
                if not profile:
                    prof = cProfile.Profile()
                    prof.enable()
                    apply(wb)
                    prof.disable()
                    out = io.StringIO()
                    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(30)
                    profile = _without_machine_paths(out.getvalue())
                else:
                    apply(wb)
        transactions.append({"subjects": top - loaded, "seconds": time.perf_counter() - t0})
        loaded = top
        print(f"  loaded {loaded:,} subjects ({time.perf_counter() - start:.0f} s)", flush=True)
    built = time.perf_counter()
    outer.close()  # a session's end: the indexes it put off are built
    index_seconds = time.perf_counter() - built
    reg._catalogue = None
    seconds = time.perf_counter() - start
    subjects, total_events = loaded_size(reg)
    return {
        "subjects": subjects,
        "events": total_events,
        "loaded_now_subjects": loaded - first,
        "loaded_now_events": events,
        "seconds": seconds,
        "events_per_s": events / seconds if seconds and events else 0.0,
        "defer_guard": defer_guard,
        "bulk": bulk,
        "bulk_load_session": session,
        "index_build_seconds": index_seconds if session else None,
        "load_average_start": load_start,
        "load_average_end": os.getloadavg(),
        "path": "Registry.write" if per_transaction <= part and not defer_guard else "Store.writer",
        "transactions": transactions,
        "profile_first_batch": profile,
    }


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def _samples(loaded: int, k: int, rng: random.Random) -> list[tuple[str, str, pendulum.Date]]:
    out = []
    for _ in range(k):
        i = rng.randrange(loaded)
        lst = BIG if i < BIG_MEMBERS else f"us-list-{1 + i % (N_LISTS - 1)}"
        out.append(
            (f"s{i}", lst, pendulum.Date(2000 + rng.randrange(25), 1 + rng.randrange(12), 1))
        )
    return out


def _floor_conn(url: str) -> tuple[Any, str]:
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.split("///", 1)[1])
        return conn, FLOOR_SQL.format(k="?", l="?", d="?", d2="?", t="?")
    import psycopg  # noqa: PLC0415
    from sqlalchemy.engine import make_url  # noqa: PLC0415

    u = make_url(url)
    conn = psycopg.connect(
        host=u.host,
        port=u.port,
        user=u.username,
        dbname=u.database,
        password=u.password,
        autocommit=True,
        prepare_threshold=0,
    )
    return conn, FLOOR_SQL.format(k="%s", l="%s", d="%s::date", d2="%s::date", t="%s::timestamp")


def _floor_args(key: str, lst: str, day: pendulum.Date, sqlite: bool) -> tuple[Any, ...]:
    d = day.isoformat()
    t = "9999-01-01 00:00:00.000000" if sqlite else "9999-01-01 00:00:00"
    return (key, lst, d, d, d, d, t, t)


def status_latency(
    reg: designations.Registry, url: str, loaded: int, rng: random.Random
) -> dict[str, Any]:
    """
    `status` p50/p99 by id next to the raw floor.

    The two are interleaved query by query, so machine noise falls on both alike, and each draws
    its own subjects and days, so neither reads pages the other has just brought into cache.
    """
    load_before = os.getloadavg()
    conn, sql = _floor_conn(url)
    sqlite = url.startswith("sqlite")
    # the second floor: everything a Status carries, as the library's own single statement run raw
    full_sql = reg._reader.statement(1)

    def full_args(key: str, lst: str, day: pendulum.Date) -> tuple[Any, ...]:
        if sqlite:
            d, far, t = day.isoformat(), "9999-12-30", "9999-01-01 00:00:00.000000"
        else:  # typed values, as the library binds them
            d, far, t = (datetime.date(day.year, day.month, day.day), datetime.date(9999, 12, 30),
                         datetime.datetime(9999, 1, 1))  # noqa: DTZ001 - stored naive UTC
        return (t, lst, d, d, far, far, t, t, key)

    for key, lst, day in _samples(loaded, 100, rng):  # warm up both connections
        reg.status(key, lst, on=day)
        conn.execute(sql, _floor_args(key, lst, day, sqlite)).fetchall()
        conn.execute(full_sql, full_args(key, lst, day)).fetchall()
    api, floor, full = [], [], []
    for (key, lst, day), (fkey, flst, fday), (gkey, glst, gday) in zip(
            _samples(loaded, 2000, rng), _samples(loaded, 2000, rng), _samples(loaded, 2000, rng), strict=True):
        t0 = time.perf_counter()
        reg.status(key, lst, on=day)
        t1 = time.perf_counter()
        conn.execute(sql, _floor_args(fkey, flst, fday, sqlite)).fetchall()
        t2 = time.perf_counter()
        conn.execute(full_sql, full_args(gkey, glst, gday)).fetchall()
        t3 = time.perf_counter()
        api.append(t1 - t0)
        floor.append(t2 - t1)
        full.append(t3 - t2)
    conn.close()
    us = 1e6
    return {
        "status_p50_us": _pct(api, 0.5) * us,
        "status_p99_us": _pct(api, 0.99) * us,
        "floor_p50_us": _pct(floor, 0.5) * us,
        "floor_p99_us": _pct(floor, 0.99) * us,
        "ratio_p50": _pct(api, 0.5) / _pct(floor, 0.5),
        "full_answer_floor_p50_us": _pct(full, 0.5) * us,
        "full_answer_floor_p99_us": _pct(full, 0.99) * us,
        "ratio_full_answer_p50": _pct(api, 0.5) / _pct(full, 0.5),
        "load_average_before_after": [load_before, os.getloadavg()],
    }


def snapshot_and_changes(reg: designations.Registry, url: str) -> dict[str, Any]:
    """`snapshot` of the big list and `changes` over 2015 on another list, each next to raw SQL."""
    load_before = os.getloadavg()
    conn, _ = _floor_conn(url)
    sqlite = url.startswith("sqlite")
    p = "?" if sqlite else "%s"
    snap_sql = (
        f"SELECT s.key, s.name, p.valid_from FROM status_period p JOIN subject s ON s.pk = p.subject_pk "
        f"WHERE p.list_id = {p} AND p.state = 'LISTED' AND p.valid_from <= {p} AND p.valid_to > {p} "
        f"AND p.known_from <= {p} AND p.known_to > {p} AND p.recorded_to > {p}"
    )
    t_forever = "9999-01-01 00:00:00.000000" if sqlite else "9999-01-01 00:00:00"
    ch_sql = (
        f"SELECT e.id, e.kind, e.effective_from, s.key FROM event e JOIN subject s ON s.pk = e.subject_pk "
        f"WHERE e.list_id = {p} AND e.effective_to >= {p} AND e.effective_from <= {p} "
        f"AND NOT EXISTS (SELECT 1 FROM retraction r WHERE r.event_id = e.id)"
    )
    # library and floor alternated, run by run, so machine noise falls on both alike
    times, floor, ch_times, ch_floor, size, ch_size, rows = [], [], [], [], 0, 0, []
    for _ in range(3):
        t0 = time.perf_counter()
        size = len(reg.snapshot(BIG, on="2020-06-01"))
        t1 = time.perf_counter()
        rows = conn.execute(
            snap_sql, (BIG, "2020-06-01", "2020-06-01", "2020-06-01", "2020-06-01", t_forever)
        ).fetchall()
        t2 = time.perf_counter()
        times.append(t1 - t0)
        floor.append(t2 - t1)
    for _ in range(3):
        t0 = time.perf_counter()
        ch_size = len(reg.changes("us-list-1", since="2015-01-01", until="2015-12-31").events)
        t1 = time.perf_counter()
        conn.execute(ch_sql, ("us-list-1", "2015-01-01", "2015-12-31")).fetchall()
        t2 = time.perf_counter()
        ch_times.append(t1 - t0)
        ch_floor.append(t2 - t1)
    conn.close()
    ms = 1e3
    return {
        "snapshot_members": size,
        "snapshot_ms": statistics.median(times) * ms,
        "snapshot_floor_rows": len(rows),
        "snapshot_floor_ms": statistics.median(floor) * ms,
        "changes_events": ch_size,
        "changes_ms": statistics.median(ch_times) * ms,
        "changes_floor_ms": statistics.median(ch_floor) * ms,
        "load_average_before_after": [load_before, os.getloadavg()],
    }


def _worker(args: tuple[str, int, float, int, bool]) -> int:
    url, loaded, seconds, seed, raw = args
    rng = random.Random(seed)
    samples = _samples(loaded, 5000, rng)
    n = 0
    if raw:
        conn, sql = _floor_conn(url)
        sqlite = url.startswith("sqlite")
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            key, lst, day = samples[n % len(samples)]
            conn.execute(sql, _floor_args(key, lst, day, sqlite)).fetchall()
            n += 1
        conn.close()
        return n
    reg = designations.open(url, seeds=False, read_only=True)
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        key, lst, day = samples[n % len(samples)]
        reg.status(key, lst, on=day)
        n += 1
    reg.close()
    return n


def concurrent(url: str, loaded: int, seconds: float = 10.0) -> dict[str, Any]:
    """Total `status` lookups per second from 4 processes, and the raw floor's."""
    ctx = mp.get_context("spawn")
    out = {}
    for raw in (False, True):
        with ctx.Pool(4) as pool:
            counts = pool.map(_worker, [(url, loaded, seconds, s, raw) for s in range(4)])
        out["floor_qps" if raw else "status_qps"] = sum(counts) / seconds
    return out


def guard_cost(reg: designations.Registry, engine: str, rows: int = 200_000) -> dict[str, Any]:
    """Bulk-load `rows` synthetic period rows into a copy of status_period with and without the guard."""
    data = []  # four consecutive, non-overlapping periods per subject, as a replay writes them
    for i in range(rows):
        y = 2000 + 2 * (i % 4)
        data.append((1 + i // 4, "us-list-0", "LISTED", f"{y}-03-01", f"{y + 1}-03-01"))
    out: dict[str, Any] = {"rows": rows}
    with reg.store.engine.begin() as conn:
        if engine == "postgresql":
            from designations.store import postgres  # noqa: PLC0415

            for guarded in (False, True):
                conn.execute(text("DROP TABLE IF EXISTS sp_bench"))
                conn.execute(
                    text(
                        "CREATE TABLE sp_bench (LIKE status_period INCLUDING DEFAULTS INCLUDING INDEXES)"
                    )
                )
                if guarded:
                    conn.execute(
                        text(
                            postgres.EXCLUSION_DDL.replace("status_period", "sp_bench", 1).replace(
                                postgres.EXCLUSION_NAME, "ex_sp_bench"
                            )
                        )
                    )
                raw = conn.connection.dbapi_connection
                t0 = time.perf_counter()
                with (
                    raw.cursor() as cur,
                    cur.copy(
                        "COPY sp_bench (id, subject_pk, list_id, state, certain, possible, valid_from, valid_to, "
                        "known_from, known_to, recorded_from, recorded_to, event_ids) FROM STDIN"
                    ) as copy,
                ):
                    for n, (pk, lst, st, lo, hi) in enumerate(data):
                        copy.write_row(
                            (
                                n,
                                pk,
                                lst,
                                st,
                                True,
                                st,
                                lo,
                                hi,
                                "1990-01-01",
                                "9999-12-31",
                                "2026-01-01 00:00:00",
                                "9999-12-31 23:59:59",
                                "",
                            )
                        )
                out["with_guard_s" if guarded else "without_guard_s"] = time.perf_counter() - t0
            conn.execute(text("DROP TABLE sp_bench"))
        else:
            sql_trigger = (
                ROOT / "designations/store/migrations/versions/0002_postgres_exclusion.py"
            ).read_text()
            body = sql_trigger.split('SQLITE_TRIGGER = f"""', 1)[1].split('"""', 1)[0]
            body = body.replace("{TRIGGER_NAME}", "tr_sp_bench").replace(
                "status_period", "sp_bench"
            )
            for guarded in (False, True):
                conn.execute(text("DROP TABLE IF EXISTS sp_bench"))
                conn.execute(text("CREATE TABLE sp_bench AS SELECT * FROM status_period WHERE 0"))
                conn.execute(text("CREATE INDEX ix_sp_bench ON sp_bench (subject_pk, recorded_to)"))
                if guarded:
                    conn.execute(text(body))
                raw = conn.connection.dbapi_connection
                t0 = time.perf_counter()
                raw.executemany(
                    "INSERT INTO sp_bench (id, subject_pk, list_id, state, certain, possible, valid_from, valid_to,"
                    " known_from, known_to, recorded_from, recorded_to, event_ids) "
                    "VALUES (?,?,?,?,1,?,?,?,'1990-01-01','9999-12-31','2026-01-01 00:00:00.000000',"
                    "'9999-12-31 23:59:59.000000','')",
                    [(n, pk, lst, st, st, lo, hi) for n, (pk, lst, st, lo, hi) in enumerate(data)],
                )
                out["with_guard_s" if guarded else "without_guard_s"] = time.perf_counter() - t0
            conn.execute(text("DROP TABLE sp_bench"))
    out["rows_per_s_with"] = rows / out["with_guard_s"]
    out["rows_per_s_without"] = rows / out["without_guard_s"]
    out["slowdown"] = out["with_guard_s"] / out["without_guard_s"]
    return out


def _safe(func: Any, *args: Any) -> dict[str, Any]:
    """Run one measurement; a failure is recorded (and reported) instead of losing the run."""
    try:
        return dict(func(*args))
    except Exception as exc:  # noqa: BLE001 - the benchmark reports what broke
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        return {"error": f"{type(exc).__name__}: {first}"}


class _Missing(dict):  # type: ignore[type-arg]
    """Formats every missing figure as 'n/a' in the results table."""

    def __missing__(self, key: str) -> float:
        return float("nan")


class _PersistentPg:
    """A PostgreSQL cluster kept in benchmarks/work/pg-data between runs (the suite's server options)."""

    def __init__(self) -> None:
        sys.path.insert(0, str(ROOT / "tests"))
        import conftest  # noqa: PLC0415 - the suite's throwaway-server helper

        self.server = conftest.PgServer(conftest.find_pg_bin())  # type: ignore[arg-type]
        Path(self.server.root).rmdir()  # the helper made a temporary root; use ours instead
        self.server.root = WORK / "pg"
        self.server.data = self.server.root / "data"
        self.server.log = self.server.root / "server.log"
        self.server.root.mkdir(parents=True, exist_ok=True)
        if self.server.as_user:
            import pwd  # noqa: PLC0415

            pw = pwd.getpwnam(self.server.as_user)
            os.chown(self.server.root, pw.pw_uid, pw.pw_gid)

    def start(self) -> str:
        """Start the cluster (initialising it the first time); the bench database's URL."""
        srv = self.server
        if not (srv.data / "PG_VERSION").exists():
            admin = srv.start()
        else:
            opts = (
                f"-p {srv.port} -k {srv.root} -c listen_addresses=127.0.0.1 "
                "-c fsync=off -c full_page_writes=off -c synchronous_commit=off "
                "-c max_connections=200"
            )
            srv._run("pg_ctl", "-D", str(srv.data), "-l", str(srv.log), "-o", opts, "-w", "-t", "120", "start")
            admin = f"postgresql+psycopg://postgres@127.0.0.1:{srv.port}/postgres"
        from sqlalchemy import create_engine  # noqa: PLC0415

        engine = create_engine(admin, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            if conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = 'bench_scale'")) is None:
                conn.execute(text("CREATE DATABASE bench_scale"))
        engine.dispose()
        return admin.rsplit("/", 1)[0] + "/bench_scale"

    def stop(self) -> None:
        """Stop the cluster cleanly, keeping its files."""
        self.server._run("pg_ctl", "-D", str(self.server.data), "-m", "fast", "-w", "stop")


def _pg_url() -> tuple[str, Any]:
    url = os.environ.get("DESIGNATIONS_BENCH_DATABASE_URL", "").strip()
    if url:
        return url, None
    server = _PersistentPg()
    return server.start(), server


def write_results(engine: str, result: dict[str, Any]) -> None:
    """benchmarks/results/scale_<engine>.json and .md."""
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"scale_{engine}.json").write_text(json.dumps(result, indent=2, default=str))
    ld = result["load"]
    st, sc, cc, g = (_Missing(result[k]) for k in ("status", "snapshot", "concurrent", "guard"))
    errors = {k: result[k]["error"] for k in ("status", "snapshot", "concurrent", "guard") if "error" in result[k]}
    full = (
        "the full target size"
        if ld["subjects"] >= result["target_subjects"]
        else (
            f"NOT the full target of {result['target_subjects']:,} subjects / "
            f"{result['target_subjects'] * 5:,} events: loading stopped at the {result['budget_s']:.0f} s budget"
        )
    )
    guard = (
        "exclusion constraint (btree_gist)" if engine == "postgresql" else "BEFORE INSERT trigger"
    )
    lines = [
        f"# Scale benchmark on {engine} (issue 5)",
        "",
        f"Machine: {result['machine']}",
        "",
        f"Store loaded: **{ld['subjects']:,} subjects, {ld['events']:,} events**, {N_LISTS} lists — {full}.",
        "Every figure below is measured on that store; nothing is extrapolated.",
        *([f"Conditions: {result['note']}"] if result.get("note") else []),
        "",
        "| measure | library | raw SQL floor |",
        "|---|---|---|",
        f"| load through `WriteBatch` ({result['batch']:,} subjects per batch) | {ld['seconds']:.0f} s, "
        f"{ld['events_per_s']:,.0f} events/s | — |",
        f"| `status` by id, p50 / p99 | {st['status_p50_us']:.0f} / {st['status_p99_us']:.0f} µs | "
        f"{st['floor_p50_us']:.0f} / {st['floor_p99_us']:.0f} µs (ratio p50 {st['ratio_p50']:.1f}x) |",
        *([f"| the same, against the full answer in raw SQL (the library's statement) | | "
           f"{st['full_answer_floor_p50_us']:.0f} / {st['full_answer_floor_p99_us']:.0f} µs "
           f"(ratio p50 {st['ratio_full_answer_p50']:.1f}x) |"] if "full_answer_floor_p50_us" in st else []),
        f"| `snapshot` of `{BIG}` ({sc['snapshot_members']:,} members), median | {sc['snapshot_ms']:.0f} ms | "
        f"{sc['snapshot_floor_ms']:.0f} ms ({sc['snapshot_floor_rows']:,} rows) |",
        f"| `changes` over 2015 on us-list-1 ({sc['changes_events']:,} events), median | {sc['changes_ms']:.0f} ms | "
        f"{sc['changes_floor_ms']:.0f} ms |",
        f"| concurrent `status`, 4 processes | {cc['status_qps']:,.0f} lookups/s | {cc['floor_qps']:,.0f} queries/s |",
        "",
        f"## Cost of the overlap guard ({guard}) on bulk loads",
        "",
        f"{g['rows']:,} period rows into a copy of `status_period`: without the guard {g['without_guard_s']:.2f} s "
        f"({g['rows_per_s_without']:,.0f} rows/s), with it {g['with_guard_s']:.2f} s "
        f"({g['rows_per_s_with']:,.0f} rows/s): **{g['slowdown']:.1f}x slower**.",
        "",
        *(["## Measurements that failed", "", *(f"- {k}: {v}" for k, v in errors.items()), ""] if errors else []),
        "## Where the write path spends its time (first batch, cProfile, cumulative)",
        "",
        "```",
        *ld["profile_first_batch"].splitlines()[:45],
        "```",
        "",
    ]
    (RESULTS / f"scale_{engine}.md").write_text("\n".join(lines))


def main() -> None:
    """Build (or reuse), measure, write results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--subjects", type=int, default=1_000_000)
    parser.add_argument("--note", default="", help="conditions worth stating next to the figures")
    parser.add_argument("--batch", type=int, default=20_000, help="subjects per part")
    parser.add_argument("--per-transaction", type=int, default=200_000,
                        help="subjects per write transaction")
    parser.add_argument("--budget", type=float, default=7200.0, help="load budget in seconds")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the store in benchmarks/work/ and load only what it lacks")
    parser.add_argument("--defer-guard", action="store_true",
                        help="lift the overlap guard inside each load transaction (restored and "
                             "verified before commit)")
    parser.add_argument("--bulk", action="store_true",
                        help="write every batch in load mode (WriteBatch(bulk=True): the overlap rule "
                             "checked set-wise before each commit on SQLite)")
    parser.add_argument("--session", action="store_true",
                        help="load inside Registry.bulk_load() (the date-keyed indexes built once, at the "
                             "end, inside the timed load)")
    parser.add_argument("--store", type=Path, default=None,
                        help="SQLite file to load (default benchmarks/work/scale.db)")
    parser.add_argument("--load-only", action="store_true", help="stop after loading")
    parser.add_argument("--skip-guard-cost", action="store_true")
    args = parser.parse_args()
    rng = random.Random(1)
    server = None
    WORK.mkdir(exist_ok=True)
    if args.engine == "sqlite":
        path = args.store or WORK / "scale.db"
        if not args.reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        url, server = _pg_url()
    try:
        reg = designations.open(url, seeds=False)
        if not args.reuse and loaded_size(reg)[0]:
            print("the store is not empty: pass --reuse or point at an empty database", flush=True)
            return
        with reg.store.read() as conn:
            has_lists = conn.execute(text("SELECT count(*) FROM designation_list")).scalar_one()
        if not has_lists:
            setup_lists(reg)
        print(f"loading into {args.engine} ...", flush=True)
        result: dict[str, Any] = {
            "engine": args.engine,
            "machine": machine(),
            "target_subjects": args.subjects,
            "batch": args.batch,
            "per_transaction": args.per_transaction,
            "note": args.note,
            "budget_s": args.budget,
        }
        previous = RESULTS / f"scale_{args.engine}.json"
        result["load"] = load(reg, args.subjects, args.batch, args.per_transaction, args.budget,
                              defer_guard=args.defer_guard, bulk=args.bulk, session=args.session)
        if not result["load"]["loaded_now_subjects"] and previous.exists():
            old = json.loads(previous.read_text()).get("load", {})
            if old.get("subjects") == result["load"]["subjects"]:
                result["load"] = {**old, "reused": True}
        if args.engine == "postgresql":
            with reg.store.engine.begin() as conn:
                conn.execute(text("ANALYZE"))
        loaded = result["load"]["subjects"]
        with reg.store.read() as conn:
            from designations.store import guard  # noqa: PLC0415

            result["load"]["guard_in_force"] = guard.guard_in_force(conn)
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / f"scale_{args.engine}.json").write_text(json.dumps(result, indent=2, default=str))
        if args.load_only:
            reg.close()
            return
        print("measuring ...", flush=True)
        result["status"] = _safe(status_latency, reg, url, loaded, rng)
        result["snapshot"] = _safe(snapshot_and_changes, reg, url)
        reg.close()
        result["concurrent"] = _safe(concurrent, url, loaded)
        reg = designations.open(url, seeds=False)
        result["guard"] = {"error": "skipped (--skip-guard-cost)"} if args.skip_guard_cost else _safe(
            guard_cost, reg, args.engine)
        reg.close()
        write_results(args.engine, result)
        print((RESULTS / f"scale_{args.engine}.md").read_text())
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
