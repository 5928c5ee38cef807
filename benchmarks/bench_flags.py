"""
What the subject flags' triggers (migration 0011) cost a bulk load, beside the code before them.

Run: `.venv/bin/python benchmarks/bench_flags.py --engine sqlite|postgresql
--previous DIR [--subjects 100000] [--runs 3] [--json FILE]`, where DIR holds
the previous code (e.g. `git archive <commit> | tar -x -C DIR`).

Each run loads `--subjects` subjects into an empty store in one write
transaction of 20,000-subject parts, the way `bench_scale.py` loads (its
subjects and their five events each), except that every subject has an
alias and every second one an identifier, so that the triggers have rows to
act on: SQLite in load mode (`WriteBatch(bulk=True)`), PostgreSQL through
COPY (its write path's only way). Runs of this code and of the previous
code alternate, each in its own process (the previous code is imported from
DIR), so machine noise falls on both alike. The figures (seconds, events/s,
median of the runs, the load averages) are printed as JSON and, with
`--json`, written to a file; the Markdown goes to the results by hand.
PostgreSQL: the server of `bench_scale.py` (`DESIGNATIONS_BENCH_DATABASE_URL`,
else its kept cluster in benchmarks/work/pg).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import attrs
import bench_scale as scale
from sqlalchemy import create_engine, text

import designations
from designations.model import Identifier, Name
from designations.store import WriteBatch

PART = 20_000


def _batch(lo: int, hi: int) -> WriteBatch:
    """Subjects `s<lo>`..`s<hi-1>` with an alias each, an identifier every second one, and their events."""
    subjects, events = [], []
    for i in range(lo, hi):
        subject, evs = scale._subject_events(i)
        subjects.append(attrs.evolve(
            subject, aliases=(Name(f"Synthetic alias {i}"),),
            identifiers=(Identifier("bench", f"B-{i}"),) if i % 2 == 0 else ()))
        events.extend(evs)
    return WriteBatch(kind="bench", subjects=tuple(subjects), events=tuple(events), bulk=True)


def worker(url: str, subjects: int) -> dict[str, Any]:
    """Load `subjects` subjects into the empty store at `url`; the seconds the load took."""
    from designations.store import migrate  # noqa: PLC0415 - the code under test's own

    reg = designations.open(url, seeds=False)
    scale.setup_lists(reg)
    batches = [_batch(lo, min(subjects, lo + PART)) for lo in range(0, subjects, PART)]  # built before timing
    events = sum(len(b.events) for b in batches)
    start = time.perf_counter()
    with reg.store.writer(kind="bench") as writer:
        for batch in batches:
            writer.apply(batch)
    seconds = time.perf_counter() - start
    with reg.store.read() as conn:
        flagged = conn.execute(text("SELECT count(*) FROM subject_name WHERE NOT is_primary")).scalar_one()
    reg.close()
    return {"schema": migrate.HEAD, "seconds": seconds, "events": events, "events_per_s": events / seconds,
            "aliases": int(flagged)}


def _run(code: Path | None, url: str, subjects: int) -> dict[str, Any]:
    env = {**os.environ}
    if code is not None:
        env["PYTHONPATH"] = str(code)
    proc = subprocess.run(
        [sys.executable, __file__, "--worker", url, "--subjects", str(subjects)],
        capture_output=True, text=True, env=env, check=False)
    if proc.returncode:
        raise RuntimeError(proc.stderr[-3000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _fresh(engine: str, folder: Path, admin: str | None) -> str:
    """An empty store's URL."""
    if engine == "sqlite":
        path = folder / "load.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    assert admin is not None
    eng = create_engine(admin.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    with eng.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS bench_flags"))
        conn.execute(text("CREATE DATABASE bench_flags"))
    eng.dispose()
    return admin.rsplit("/", 1)[0] + "/bench_flags"


def main() -> None:
    """Alternate this code and the previous one, run by run; print (and write) the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--subjects", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--previous", type=Path, help="a directory holding the previous code")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.subjects)))
        return
    if args.previous is None:
        parser.error("--previous is required")
    server, admin = None, None
    if args.engine == "postgresql":
        admin, server = scale._pg_url()
    runs: dict[str, list[dict[str, Any]]] = {"this": [], "previous": []}
    loads = [os.getloadavg()]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for _ in range(args.runs):
                for label, code in (("previous", args.previous.resolve()), ("this", None)):
                    url = _fresh(args.engine, Path(tmp), admin)
                    runs[label].append(_run(code, url, args.subjects))
                    loads.append(os.getloadavg())
                    print(label, json.dumps(runs[label][-1]), flush=True)
    finally:
        if server is not None:
            server.stop()
    out = {
        "engine": args.engine, "machine": scale.machine(), "subjects": args.subjects, "niceness": os.nice(0),
        "runs": runs, "load_averages": loads,
        "median_seconds": {k: statistics.median(r["seconds"] for r in v) for k, v in runs.items()},
        "median_events_per_s": {k: statistics.median(r["events_per_s"] for r in v) for k, v in runs.items()},
    }
    out["cost"] = out["median_seconds"]["this"] / out["median_seconds"]["previous"] - 1
    print(json.dumps(out, indent=1, default=str))
    if args.json:
        args.json.write_text(json.dumps(out, indent=1, default=str))


if __name__ == "__main__":
    main()
