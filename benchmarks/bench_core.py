"""
Benchmark of the registry core (issue 2).

Run: `make bench-core` or `.venv/bin/python benchmarks/bench_core.py [--subjects N --events M]`.
Builds a synthetic SQLite store (default 100,000 subjects, 500,000 events,
20 lists) through the library's own write path, then measures `status` p50/p99
by subject id and by name, the same lookup as one raw SQL query on the same
database (the floor), a `snapshot` of a 10,000-member list, and peak memory.
Writes benchmarks/results/core.md and core.json with a machine description.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pendulum

import designations
from designations.dates import Period
from designations.model import DesignationList, Event, Jurisdiction, Source, Subject
from designations.store import WriteBatch

RESULTS = Path(__file__).parent / "results"
SOURCE = (Source(title="synthetic", url="https://example.org/synthetic"),)
NEXT = {"NONE": ["LISTED"], "LISTED": ["AMENDED", "SUSPENDED", "REMOVED"],
        "SUSPENDED": ["REINSTATED", "REMOVED"], "REMOVED": ["LISTED"]}
AFTER = {"LISTED": "LISTED", "AMENDED": "LISTED", "SUSPENDED": "SUSPENDED",
         "REINSTATED": "LISTED", "REMOVED": "REMOVED"}


def machine() -> dict[str, object]:
    """What the figures were measured on."""
    return {"platform": platform.platform(), "python": sys.version.split()[0], "cpus": os.cpu_count(),
            "processor": platform.processor() or platform.machine(), "sqlite": sqlite3.sqlite_version,
            "sqlalchemy": __import__("sqlalchemy").__version__, "date": pendulum.now("UTC").isoformat()}


def build(reg: designations.Registry, n_subjects: int, n_events: int, n_lists: int, rng: random.Random) -> float:
    """Load the synthetic store in batches; return seconds."""
    juris = Jurisdiction("US", "United States", "America/New_York")
    lists = tuple(DesignationList(id=f"us-list-{i}", jurisdiction=juris, name=f"List {i}",
                                  coverage=(Period("1990-01-01"),)) for i in range(n_lists))
    # list 0 is the big one: 10,000 members stay listed throughout
    reg.write(WriteBatch(kind="seed", jurisdictions=(juris,), lists=lists,
                          coverage=tuple((lst.id, "seed", lst.coverage) for lst in lists)))
    # the 10,000 members of list 0 have one listing each; the rest share the remaining events
    base, extra = divmod(n_events - 10_000, n_subjects - 10_000)
    start = time.perf_counter()
    batch_subjects: list[Subject] = []
    batch_events: list[Event] = []
    made = 0
    for s in range(n_subjects):
        sid = f"s{s}"
        batch_subjects.append(Subject(id=sid, name=f"Synthetic Organisation {s}",
                                      aliases=(f"SO {s}", f"Org Number {s}")))
        budget = 1 if s < 10_000 else base + (1 if s - 10_000 < extra else 0)
        list_id = "us-list-0" if s < 10_000 else f"us-list-{1 + s % (n_lists - 1)}"
        state, day = "NONE", pendulum.Date(1995, 1, 1).add(days=rng.randrange(3000))
        for _ in range(budget):
            kind = rng.choice(NEXT[state])
            batch_events.append(Event(subject_id=sid, list_id=list_id, kind=kind, effective=day,
                                      published=day, sources=SOURCE))
            state = AFTER[kind]
            day = day.add(days=rng.randrange(30, 900))
        made += budget
        if len(batch_subjects) >= 10_000:
            reg.write(WriteBatch(kind="import", subjects=tuple(batch_subjects), events=tuple(batch_events)))
            batch_subjects, batch_events = [], []
    if batch_subjects:
        reg.write(WriteBatch(kind="import", subjects=tuple(batch_subjects), events=tuple(batch_events)))
    print(f"loaded {n_subjects} subjects, {made} events", file=sys.stderr)
    return time.perf_counter() - start


def pct(values: list[float], p: float) -> float:
    """The p-th percentile in microseconds."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1e6


def main() -> None:
    """Build, measure, write results."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--subjects", type=int, default=100_000)
    ap.add_argument("--events", type=int, default=500_000)
    ap.add_argument("--lists", type=int, default=20)
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--db", type=Path, help="reuse (or build once and keep) the store in this SQLite file")
    args = ap.parse_args()
    rng = random.Random(20261127)
    if args.db is not None:
        db_path = args.db
    else:
        db_path = Path(tempfile.mkdtemp(prefix="designations-bench-")) / "bench.db"
    url = f"sqlite:///{db_path}"
    reused = db_path.exists()
    reg = designations.open(url, seeds=False)
    load_s = None if reused else build(reg, args.subjects, args.events, args.lists, rng)
    with reg.store.read() as conn:
        n_events = conn.exec_driver_sql("select count(*) from event").scalar()
        n_subjects = conn.exec_driver_sql("select count(*) from subject").scalar()
    if n_subjects != args.subjects:
        sys.exit(f"{db_path} holds {n_subjects:,} subjects, not --subjects {args.subjects:,}: "
                 "remove it or pass its size")
    def sample() -> list[tuple[str, pendulum.Date]]:
        return [(f"s{rng.randrange(args.subjects)}", pendulum.Date(1995, 1, 1).add(days=rng.randrange(12000)))
                for _ in range(args.queries)]

    lists_of = {f"s{s}": ("us-list-0" if s < 10_000 else f"us-list-{1 + s % (args.lists - 1)}")
                for s in range(args.subjects)}
    raw = sqlite3.connect(str(db_path))
    now = pendulum.now("UTC").naive().isoformat(sep=" ")
    # floor 1: the period lookup alone (state, dates, event id), one indexed query
    sql = ("SELECT p.state, p.valid_from, p.valid_to, p.event_id "
           "FROM status_period p JOIN subject s ON s.pk = p.subject_pk "
           "WHERE s.key = ? AND p.list_id = ? AND p.valid_from <= ? AND p.valid_to > ? AND p.known_from <= ? "
           "AND p.known_to > ? AND p.recorded_from <= ? AND p.recorded_to > ?")
    # floor 2: everything a Status carries (period, event, citations, names, data version), as the
    # library's own single statement run raw: the SQL cost of the full answer, without Python objects
    full = reg._reader.statement(1)
    by_id: list[float] = []
    by_name: list[float] = []
    floor: list[float] = []
    floor_full: list[float] = []

    def clocked(out: list[float], fn: Any) -> None:
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)

    reg.status("s0", "us-list-0", on="2000-01-01")  # warm the catalogue cache, as any session would
    for _ in range(2):  # the first round warms caches; only the second is kept
        for lst in (by_id, by_name, floor, floor_full):
            lst.clear()
        # Interleaved query by query, so machine noise falls on the library and the floors alike; each
        # measure draws its own subjects and days, so none reads pages another has just warmed.
        for (a, da), (b, db), (c, dc), (e, de) in zip(sample(), sample(), sample(), sample(), strict=True):
            d, df = da.isoformat(), db.isoformat()
            clocked(floor, lambda: raw.execute(sql, (a, lists_of[a], d, d, "9999-12-30", "9999-12-30",
                                                     now, now)).fetchall())
            clocked(floor_full, lambda: raw.execute(full, (now, lists_of[b], df, df, "9999-12-30", "9999-12-30",
                                                          now, now, b)).fetchall())
            clocked(by_id, lambda: reg.status(c, lists_of[c], on=dc))
            clocked(by_name, lambda: reg.status(f"Synthetic Organisation {e[1:]}", lists_of[e], on=de))
    snap_times = []
    size = 0
    for day in ("2000-01-01", "2010-01-01", "2020-01-01"):
        t0 = time.perf_counter()
        snap = reg.snapshot("us-list-0", on=day)
        snap_times.append(time.perf_counter() - t0)
        size = max(size, len(snap))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "machine": machine(), "load_average_at_start": os.getloadavg(),
        "subjects": args.subjects, "events": n_events, "lists": args.lists,
        "load_seconds": round(load_s, 2) if load_s else None,
        "events_per_second": round(n_events / load_s) if load_s else None,
        "status_by_id_us": {"p50": round(pct(by_id, 50), 1), "p99": round(pct(by_id, 99), 1)},
        "status_by_name_us": {"p50": round(pct(by_name, 50), 1), "p99": round(pct(by_name, 99), 1)},
        "raw_sql_floor_us": {"p50": round(pct(floor, 50), 1), "p99": round(pct(floor, 99), 1)},
        "ratio_status_by_id_to_floor_p50": round(pct(by_id, 50) / pct(floor, 50), 1),
        "full_answer_sql_floor_us": {"p50": round(pct(floor_full, 50), 1), "p99": round(pct(floor_full, 99), 1)},
        "ratio_status_by_id_to_full_answer_floor_p50": round(pct(by_id, 50) / pct(floor_full, 50), 1),
        "snapshot_10k_list_ms": {"median": round(statistics.median(snap_times) * 1000, 1), "members": size},
        "peak_rss_mb": round(peak_mb, 1),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "core.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [
        "# Core benchmark (issue 2)", "",
        f"Machine: {result['machine']}; load average at start {result['load_average_at_start']}", "",
        f"Synthetic SQLite store: {args.subjects:,} subjects, {n_events:,} events, {args.lists} lists.", "",
        "| measure | value |", "|---|---|",
        (f"| load through the write path | {result['load_seconds']} s ({result['events_per_second']:,} events/s) |"
         if load_s else "| load through the write path | (store reused: not measured in this run) |"),
        (f"| `status` by subject id, p50 / p99 | {result['status_by_id_us']['p50']} / "
         f"{result['status_by_id_us']['p99']} µs |"),
        (f"| `status` by name, p50 / p99 | {result['status_by_name_us']['p50']} / "
         f"{result['status_by_name_us']['p99']} µs |"),
        (f"| raw SQL floor (one query, stdlib sqlite3), p50 / p99 | {result['raw_sql_floor_us']['p50']} / "
         f"{result['raw_sql_floor_us']['p99']} µs |"),
        f"| `status` by id ÷ floor (p50) | {result['ratio_status_by_id_to_floor_p50']}x (target ≤ 3x) |",
        (f"| full-answer SQL floor (the library's one statement, raw), p50 / p99 | "
         f"{result['full_answer_sql_floor_us']['p50']} / {result['full_answer_sql_floor_us']['p99']} µs |"),
        f"| `status` by id ÷ full-answer floor (p50) | {result['ratio_status_by_id_to_full_answer_floor_p50']}x |",
        f"| `snapshot` of a {size:,}-member list, median | {result['snapshot_10k_list_ms']['median']} ms |",
        f"| peak RSS | {result['peak_rss_mb']} MB |", "",
    ]
    (RESULTS / "core.md").write_text("\n".join(lines))
    print("\n".join(lines))
    raw.close()
    reg.close()
    if args.db is None:  # a store built for this run only (hundreds of MB) is not left behind
        shutil.rmtree(db_path.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
