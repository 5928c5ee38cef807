"""
Where the garbage collector's time falls in bench_reads' `snapshot` measure: inside the library's call or the floor's.

Run on a kept store (after `bench_scale.py --load-only`):
`.venv/bin/python benchmarks/bench_snapshot_gc.py --engine sqlite|postgresql [--runs N]`.
The loop is `bench_scale.snapshot_and_changes`' own (the library's `snapshot`,
then the raw floor, alternated); each timing also records the collector's time
and full collections inside it (`gc.callbacks`, which changes no setting). A
snapshot leaves objects the collector has not yet examined in full; the next
statement that allocates many objects may pay for that examination, so the
floor's time after the library's call can include work the library caused.
Prints one JSON line; nothing is written to the results.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import bench_scale as scale

import designations


class _CollectorClock:
    """The collector's time and full collections since the last `reset`, from `gc.callbacks`."""

    def __init__(self) -> None:
        self.seconds, self.full, self._start = 0.0, 0, 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._start
            self.full += info["generation"] == 2

    def reset(self) -> tuple[float, int]:
        """The figures so far, then zero."""
        out = (self.seconds, self.full)
        self.seconds, self.full = 0.0, 0
        return out


def measure(engine: str, runs: int) -> dict[str, Any]:
    """Library and floor alternated `runs` times, each with the collector's share."""
    server = None
    if engine == "sqlite":
        url = f"sqlite:///{scale.WORK / 'scale.db'}"
    else:
        url, server = scale._pg_url()
    clock = _CollectorClock()
    gc.callbacks.append(clock)
    try:
        reg = designations.open(url, seeds=False)
        conn, _ = scale._floor_conn(url)
        p = "?" if engine == "sqlite" else "%s"
        sql = (
            f"SELECT s.key, s.name, p.valid_from FROM status_period p JOIN subject s ON s.pk = p.subject_pk "
            f"WHERE p.list_id = {p} AND p.state = 'LISTED' AND p.valid_from <= {p} AND p.valid_to > {p} "
            f"AND p.known_from <= {p} AND p.known_to > {p} AND p.recorded_to > {p}"
        )
        forever = "9999-01-01 00:00:00.000000" if engine == "sqlite" else "9999-01-01 00:00:00"
        args = (scale.BIG, "2020-06-01", "2020-06-01", "2020-06-01", "2020-06-01", forever)
        load_before = os.getloadavg()
        lib: list[float] = []
        floor: list[float] = []
        lib_gc: list[tuple[float, int]] = []
        floor_gc: list[tuple[float, int]] = []
        rows: list[Any] = []
        for _ in range(runs):
            clock.reset()
            t0 = time.perf_counter()
            size = len(reg.snapshot(scale.BIG, on="2020-06-01"))
            t1 = time.perf_counter()
            lib_gc.append(clock.reset())
            rows = conn.execute(sql, args).fetchall()
            t2 = time.perf_counter()
            floor_gc.append(clock.reset())
            lib.append(t1 - t0)
            floor.append(t2 - t1)
        conn.close()
        reg.close()
    finally:
        gc.callbacks.remove(clock)
        if server is not None:
            server.stop()
    ms = 1e3
    return {
        "engine": engine, "members": size, "floor_rows": len(rows), "niceness": os.nice(0),
        "load_average_before_after": [load_before, os.getloadavg()],
        "snapshot_ms": statistics.median(lib) * ms, "floor_ms": statistics.median(floor) * ms,
        "snapshot_gc_ms": [round(s * ms) for s, _ in lib_gc], "snapshot_full_collections": [n for _, n in lib_gc],
        "floor_gc_ms": [round(s * ms) for s, _ in floor_gc], "floor_full_collections": [n for _, n in floor_gc],
        "floor_without_gc_ms": statistics.median(f - s for f, (s, _) in zip(floor, floor_gc, strict=True)) * ms,
    }


def main() -> None:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(measure(args.engine, args.runs)))


if __name__ == "__main__":
    main()
