"""
Benchmark: a compliance script's first question, from a cold interpreter (issue 15's CLI target).

Times `python -m designations status Taliban --in RU --on 2024-06-01` on a seeded SQLite store
against the floor `python -c "import sqlalchemy, pendulum, attrs"`: the dependencies the answer
cannot do without. The two are run alternately, so both see the same machine load; the ratio
of medians is the figure (target: within 1.3x). Both run with compiled bytecode, as an installed
package does (pip compiles it at install): the runs write and read it under a private
`PYTHONPYCACHEPREFIX`, and `PYTHONDONTWRITEBYTECODE` is dropped, so an editable checkout is not
timed compiling its own sources on every run. It also lists which optional machinery the
command loaded (none of ORM, Alembic, matching, plotting or HTTP should be).
Results go to benchmarks/results/cold_start.{md,json}.

Usage: python benchmarks/bench_cold_start.py [--samples N]
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

from bench_seed import machine

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
QUESTION = ["status", "Taliban", "--in", "RU", "--on", "2024-06-01"]
FLOOR = "import sqlalchemy, pendulum, attrs"
HEAVY = ("sqlalchemy.orm", "alembic", "designations.matching", "designations.plot", "designations.updates",
         "designations.importing", "matplotlib", "httpx", "pandas", "rapidfuzz")
_PROBE = """
import runpy, sys
sys.argv = ["designations", *sys.argv[1:]]
try:
    runpy.run_module("designations", run_name="__main__")
except SystemExit:
    pass
print(sorted(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)
"""


def timed(command: list[str], env: dict[str, str]) -> float:
    """Wall time of one run of `command` (its output discarded; a failure stops the benchmark)."""
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    """Seed a throwaway store, then time the question and the floor alternately."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        env |= {"DESIGNATIONS_DATABASE_URL": f"sqlite:///{Path(tmp) / 'cold.db'}",
                "PYTHONPYCACHEPREFIX": str(Path(tmp) / "bytecode")}
        question = [sys.executable, "-m", "designations", *QUESTION]
        subprocess.run(question, env=env, check=True, capture_output=True)  # builds the store from the seeds
        probe = subprocess.run([sys.executable, "-c", _PROBE.format(heavy=HEAVY), *QUESTION], env=env,
                               check=True, capture_output=True, text=True)
        loaded = probe.stderr.strip().splitlines()[-1]
        timed(question, env)
        timed([sys.executable, "-c", FLOOR], env)  # warm the OS cache for both
        answers, floors = [], []
        for _ in range(args.samples):
            answers.append(timed(question, env))
            floors.append(timed([sys.executable, "-c", FLOOR], env))
    answer, floor = statistics.median(answers), statistics.median(floors)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    result = {
        "machine": machine(), "samples": args.samples, "command": "designations " + " ".join(QUESTION),
        "floor": f"python -c {FLOOR!r}", "answer_s": {"median": answer, "min": min(answers)},
        "floor_s": {"median": floor, "min": min(floors)}, "ratio_of_medians": answer / floor, "target": 1.3,
        "optional_machinery_loaded": loaded, "load_average_after": load,
        "bytecode": "compiled for both (private PYTHONPYCACHEPREFIX, written by the warm-up runs)",
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "cold_start.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    md = [
        "# Cold start of a CLI question (issue 15)",
        "",
        f"Machine: {result['machine']}.",
        f"Command: `{result['command']}` on a seeded SQLite store; floor: `{result['floor']}`; "
        f"{args.samples} runs of each, alternated, both with compiled bytecode (as installed); "
        f"load average after the runs: {load}.",
        "",
        "| | median | min |",
        "|---|---:|---:|",
        f"| the question | {answer * 1000:.0f} ms | {min(answers) * 1000:.0f} ms |",
        f"| the floor | {floor * 1000:.0f} ms | {min(floors) * 1000:.0f} ms |",
        "",
        f"Ratio of medians: **{answer / floor:.2f}x** (target 1.3x).",
        f"Optional machinery loaded by the question: {loaded} (should be []).",
        "",
    ]
    (RESULTS / "cold_start.md").write_text("\n".join(md), encoding="utf-8")
    print("\n".join(md))


if __name__ == "__main__":
    main()
