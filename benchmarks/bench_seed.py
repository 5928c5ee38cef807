"""
Benchmark: building a new SQLite store from the shipped seeds (the embedded default's first open).

Each sample runs `designations.open()` on a fresh SQLite file in a fresh subprocess, so the time
includes the schema migrations, reading and checking every seed file, and writing every subject,
event and derived status period in one transaction, as a user's first command does. The target
(issue 12) is under 5 seconds. Results go to benchmarks/results/seed.{md,json}.

Usage: python benchmarks/bench_seed.py [--samples N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"

_CHILD = """
import sys, time
t0 = time.perf_counter()
import designations
from designations.seed_reader import load_seeds
t1 = time.perf_counter()
seeds = load_seeds()
t2 = time.perf_counter()
reg = designations.open("sqlite:///" + sys.argv[1])
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t1, len(seeds.subjects), len(seeds.events), len(seeds.lists))
"""


def sample(folder: Path, n: int) -> list[float]:
    """One fresh store in a new process: import, load-and-check, whole first open."""
    out = subprocess.run([sys.executable, "-c", _CHILD, str(folder / f"seed-{n}.db")],
                         capture_output=True, text=True, check=True)
    return [float(x) for x in out.stdout.split()]


def machine() -> str:
    """A line about the machine the figures come from."""
    cpu = ""
    with Path("/proc/cpuinfo").open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores, {cpu}"


def main() -> None:
    """Run the samples and write the results."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        rows = [sample(Path(tmp), n) for n in range(args.samples)]
        wall = time.perf_counter() - started
    loads = [r[1] for r in rows]
    opens = [r[2] for r in rows]
    subjects, events, lists = (int(x) for x in rows[0][3:6])
    result = {
        "machine": machine(), "samples": args.samples, "subjects": subjects, "events": events, "lists": lists,
        "load_and_check_s": {"median": statistics.median(loads), "max": max(loads)},
        "first_open_s": {"median": statistics.median(opens), "max": max(opens)},
        "target_s": 5.0, "wall_s": wall,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "seed.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    md = [
        "# Seeding a new SQLite store from the shipped seeds",
        "",
        f"Machine: {result['machine']}.",
        f"Seeds: {lists} lists, {subjects} subjects, {events} events. {args.samples} samples, each a fresh "
        "process and a fresh file; the first open runs the migrations, reads and checks the seed files "
        "and writes everything in one transaction.",
        "",
        "| step | median | max | target |",
        "|---|---:|---:|---:|",
        f"| read and check the seed files | {statistics.median(loads):.2f} s | {max(loads):.2f} s | |",
        f"| first `designations.open()` (all of it) | {statistics.median(opens):.2f} s | {max(opens):.2f} s "
        "| under 5 s |",
        "",
        "Run: `python benchmarks/bench_seed.py` (or `make bench`).",
        "",
    ]
    (RESULTS / "seed.md").write_text("\n".join(md), encoding="utf-8")
    print("\n".join(md))


if __name__ == "__main__":
    main()
