"""
Benchmark: import of a full-size OFAC SDN CSV and of a 1,000,000-line FtM file.

Each import runs in its own subprocess (peak memory is that process's
VmHWM from /proc, its own peak resident set). The floor is a raw `executemany` of the same rows (same tables,
same row counts, copied from what the import wrote) into a fresh database
with the same schema. Results go to benchmarks/results/import.{md,json}.

Usage: python benchmarks/bench_import.py [--ftm-lines N] [--sdn-entries N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
NOTES = RESULTS / "import_notes.md"
TABLES = ("subject", "subject_name", "subject_identifier", "event", "status_period",
          "publication_entry")


def make_sdn(folder: Path, entries: int) -> None:
    """A synthetic SDN trio in the official legacy CSV layout (CR record ends, -0- nulls)."""
    folder.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(7)
    programs = ["SDGT", "SDGT] [FTO", "SDNTK", "IRAN", "UKRAINE-EO13662", "CYBER2", "NPWMD] [IFSR"]
    with (folder / "sdn.csv").open("w", encoding="ascii", newline="") as sdn, \
            (folder / "alt.csv").open("w", encoding="ascii", newline="") as alt:
        alt_num = 1
        for ent in range(1, entries + 1):
            person = rnd.random() < 0.5
            name = f"SURNAME{ent}, Given {ent % 97}" if person else f"EXAMPLE COMPANY {ent} LTD"
            kind = '"individual"' if person else "-0- "
            sdn.write(f'{ent},"{name}",{kind},"{rnd.choice(programs)}",-0- ,-0- ,-0- ,-0- ,-0- ,'
                      f'-0- ,-0- ,"DOB {ent % 28 + 1} Jan 1970; Remarks {ent}."\r')
            for _ in range(rnd.randint(0, 3)):
                alt.write(f'{ent},{alt_num},"aka","ALIAS {alt_num} OF {ent}",-0- \r')
                alt_num += 1


def make_ftm(path: Path, lines: int, *, later: bool = False) -> None:
    """
    A synthetic FtM JSON lines file: half targets, half Sanctions, on 20 datasets.

    `later` gives the next publication of the same lists: 1% of the entries
    gone, 1% renamed, and as many new ones.
    """
    rnd = random.Random(11)
    count = lines // 2
    with path.open("w", encoding="utf-8") as fh:
        for i in range(count + (count // 100 if later else 0)):
            if later and i % 100 == 0 and i < count:
                rnd.randint(1995, 2024), rnd.randint(1, 12)  # keep the other dates as they were
                continue
            schema = "Person" if i % 2 else "Organization"
            name = f"Subject {i}" + (" (renamed)" if later and i % 100 == 1 else "")
            fh.write(json.dumps({
                "id": f"NK-{i:08d}", "schema": schema, "caption": name,
                "properties": {"name": [name], "alias": [f"S{i}", f"Alias {i}"]},
                "datasets": [f"dataset_{i % 20}"]}) + "\n")
            start = f"{rnd.randint(1995, 2024)}-{rnd.randint(1, 12):02d}"
            fh.write(json.dumps({
                "id": f"sanction-{i:08d}", "schema": "Sanction", "caption": "Sanction",
                "properties": {"entity": [f"NK-{i:08d}"], "authority": ["Example Authority"],
                               "program": [f"PROG-{i % 7}"], "startDate": [start]},
                "datasets": [f"dataset_{i % 20}"]}) + "\n")


CHILD = r"""
import json, sys, time
import designations
from designations.store import StoreWriter
url, path, fmt, published = sys.argv[1:5]
reg = designations.open(url, seeds=False)
phase = {"write_seconds": 0.0, "parts": 0}
apply = StoreWriter.apply
def timed(self, part):  # the write path: the store writer taking one part
    t0 = time.perf_counter()
    try:
        return apply(self, part)
    finally:
        phase["last_part_end"] = time.perf_counter()
        phase["write_seconds"] += phase["last_part_end"] - t0
        phase["parts"] += 1
StoreWriter.apply = timed
t = time.perf_counter()
report = reg.import_file(path, format=fmt, published=published, progress=False)
end = time.perf_counter()
phase["write_seconds"] += end - phase.pop("last_part_end", end)  # finishing and the commit
reg.close()
# VmHWM: this process's own peak. ru_maxrss would carry over the parent's peak at exec.
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
peak_kb = int(status["VmHWM"].split()[0])
print(json.dumps({"seconds": end - t, "maxrss_kb": peak_kb,
                  "entries": report.entries, "events": dict(report.events), **phase}))
"""


def run_import(db: Path, path: Path, fmt: str, published: str) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", CHILD, f"sqlite:///{db}", str(path), fmt, published],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def floor(db: Path) -> dict[str, object]:
    """Copy what the import wrote into a fresh, empty schema with raw executemany, timed."""
    empty = db.with_name(db.stem + "_floor.db")
    subprocess.run([sys.executable, "-c",
                    f"import designations; designations.open('sqlite:///{empty}', seeds=False).close()"],
                   check=True, cwd=ROOT)
    src = sqlite3.connect(db)
    dst = sqlite3.connect(empty)
    dst.execute("PRAGMA foreign_keys=OFF")
    dst.execute("PRAGMA journal_mode=WAL")
    dst.execute("PRAGMA synchronous=NORMAL")
    dst.isolation_level = None
    dst.execute("BEGIN")
    count = 0
    seconds = 0.0
    for table in ("jurisdiction", "designation_list", "batch", "publication", "coverage", *TABLES):
        rows = src.execute(f"SELECT * FROM {table}")
        while data := rows.fetchmany(50_000):  # bounded, so no child inherits a large peak
            marks = ",".join("?" * len(data[0]))
            start = time.perf_counter()
            dst.executemany(f"INSERT OR IGNORE INTO {table} VALUES ({marks})", data)
            seconds += time.perf_counter() - start
            count += len(data)
    start = time.perf_counter()
    dst.execute("COMMIT")
    seconds += time.perf_counter() - start
    src.close()
    dst.close()
    return {"seconds": seconds, "rows": count}


def next_publication(db: Path, work: Path, lines: int) -> dict[str, object]:
    """The same lists' next publication on top of the first: the diff against 500,000 stored entries."""
    path = work / "big_next.ftm.json"
    make_ftm(path, lines, later=True)
    print("importing the next FtM publication ...", file=sys.stderr)
    imp = run_import(db, path, "ftm", "2024-02-01")
    total, write = float(imp["seconds"]), float(imp["write_seconds"])  # type: ignore[arg-type]
    out = {"import_seconds": round(total, 2), "write_seconds": round(write, 2),
           "read_diff_match_seconds": round(total - write, 2), "entries": imp["entries"],
           "events": imp["events"], "rows_written": "", "write_rows_per_second": "",
           "entries_per_second": round(int(imp["entries"]) / total),  # type: ignore[arg-type]
           "peak_rss_mb": round(int(imp["maxrss_kb"]) / 1024, 1),  # type: ignore[arg-type]
           "parts": imp["parts"], "floor_executemany_seconds": "", "write_ratio_to_floor": "",
           "import_ratio_to_floor": ""}
    print(json.dumps(out), file=sys.stderr)
    return out


def machine() -> dict[str, object]:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in
                   Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    mem = ""
    try:
        mem = Path("/proc/meminfo").read_text().splitlines()[0].split(":", 1)[1].strip()
    except OSError:
        pass
    return {"python": sys.version.split()[0], "platform": platform.platform(), "cpu": cpu,
            "cpus": os.cpu_count(), "memory": mem, "sqlite": sqlite3.sqlite_version}


def _x(ratio: object) -> str:
    return f"{ratio}x" if ratio != "" else "—"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sdn-entries", type=int, default=18000)
    parser.add_argument("--ftm-lines", type=int, default=1_000_000)
    args = parser.parse_args()
    results: dict[str, object] = {"machine": machine(), "runs": {}}
    runs: dict[str, object] = results["runs"]  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        cases = []
        real = ROOT.parent / "shared" / "data" / "ofac" / "sdn_csv_2019-01-15"
        if real.is_dir():
            cases.append(("ofac-sdn-real-2019 (7,379 entries)", real, "ofac-csv"))
        make_sdn(work / "sdn", args.sdn_entries)
        cases.append((f"ofac-sdn-synthetic ({args.sdn_entries:,} entries)", work / "sdn", "ofac-csv"))
        make_ftm(work / "big.ftm.json", args.ftm_lines)
        cases.append((f"ftm-synthetic ({args.ftm_lines:,} lines)", work / "big.ftm.json", "ftm"))
        for i, (name, path, fmt) in enumerate(cases):
            db = work / f"run{i}.db"
            print(f"importing {name} ...", file=sys.stderr)
            imp = run_import(db, path, fmt, "2024-01-01")
            flo = floor(db)
            rows = int(flo["rows"])  # type: ignore[arg-type]
            total, write = float(imp["seconds"]), float(imp["write_seconds"])  # type: ignore[arg-type]
            floor_s = max(float(flo["seconds"]), 1e-9)  # type: ignore[arg-type]
            runs[name] = {
                "import_seconds": round(total, 2),
                "write_seconds": round(write, 2),
                "read_diff_match_seconds": round(total - write, 2),
                "entries": imp["entries"], "events": imp["events"], "rows_written": rows,
                "write_rows_per_second": round(rows / write),
                "entries_per_second": round(int(imp["entries"]) / total),  # type: ignore[arg-type]
                "peak_rss_mb": round(int(imp["maxrss_kb"]) / 1024, 1),  # type: ignore[arg-type]
                "parts": imp["parts"],
                "floor_executemany_seconds": round(floor_s, 2),
                "write_ratio_to_floor": round(write / floor_s, 2),
                "import_ratio_to_floor": round(total / floor_s, 1),
            }
            print(json.dumps(runs[name]), file=sys.stderr)
            if fmt == "ftm":
                runs[f"{name}, next publication"] = next_publication(db, work, args.ftm_lines)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "import.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    lines = ["# Import benchmark", "", "Machine: " + ", ".join(f"{k} {v}" for k, v in results["machine"].items()),  # type: ignore[union-attr]
             "", "| run | entries | rows written | import s (read+diff+match / write) | write rows/s | "
             "floor s (executemany) | write / floor | import / floor | peak RSS MB |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name, r in runs.items():
        lines.append(f"| {name} | {r['entries']} | {r['rows_written']} | {r['import_seconds']} "  # type: ignore[index]
                     f"({r['read_diff_match_seconds']} / {r['write_seconds']}) | "  # type: ignore[index]
                     f"{r['write_rows_per_second']} | {r['floor_executemany_seconds']} | "  # type: ignore[index]
                     f"{_x(r['write_ratio_to_floor'])} | {_x(r['import_ratio_to_floor'])} | "  # type: ignore[index]
                     f"{r['peak_rss_mb']} |")  # type: ignore[index]
    lines += ["", "Import = read + match + diff, then the write, a part of 5,000 entries at a time, "
              'interleaved, in one transaction (SQLite file). "write" is the time inside the store '
              "writer (`StoreWriter.apply`, every part) plus finishing and the commit; the rest is "
              "reading, matching and diffing.",
              "Floor = raw sqlite3 `executemany` of the same rows into the same empty schema "
              "(same indexes and overlap trigger), timed around the inserts only.",
              "Synthetic SDN: the official legacy layout (CR records, `-0-` nulls, alt.csv).",
              "Synthetic FtM: half Person/Organization, half Sanction, 20 datasets. Its next "
              "publication drops 1% of the entries, renames 1% and adds 1% (no floor: it adds "
              "to a store that already holds the first).",
              "Peak RSS is the import process's own peak resident set (`VmHWM`: Python, the libraries and "
              "SQLite's cache included).",
              ""]
    if NOTES.exists():
        lines += [NOTES.read_text(encoding="utf-8")]
    (RESULTS / "import.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
