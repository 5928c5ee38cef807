"""
Benchmark: screen 10,000 names against 100,000 synthetic subjects with 300,000 aliases.

Run from the repository root:

    .venv/bin/python benchmarks/bench_screening.py [--names 10000] [--subjects 100000]

Writes benchmarks/results/screening.md and screening.json (machine, library
versions, names per second, peak memory, recall on the planted matches), next
to a naive baseline: `rapidfuzz.process.cdist` of every query against every
normalised alias. The baseline is run on a sample of the queries and
extrapolated (the full 10,000 x 300,000 matrix is 3e9 pairs); the sample size
is in the results.

The synthetic names are built from syllables (seeded, reproducible), so the
vocabulary is large like a real list's; half the queries are planted
variants of list aliases (typo, word order, case, transliteration spelling,
an honorific), half are fresh names that should not match. A drawn fresh name
that is on the list (its normalised form, loose key or sorted words are a listed
name's) is dropped, counted and replaced. `--alert-rate` measures only the
alert rate and recall (results/screening_alert_rate.md).

The persisted index (issue 16) is measured on a real store: the same
100,000 subjects are written through `Registry.write` into a SQLite file
(`--store`, kept between runs; a throwaway directory by default), each listed
once, and `designations screen` runs as a real process of the CLI:

- the first screen, which builds the index and writes it beside the store;
- a cold screen of 10 names reading that index (several runs, alternated with
  the floor, a script that only imports designations, so both see the same load);
- the 10,000-name run from a cold process: the whole CLI (matching, statuses,
  output file), and matching alone over the index read from its file
  (three fresh processes, the measure of the in-memory run above).

`--baseline DIR` times another version of the library side by side: DIR holds
its `designations` package (for instance `git archive COMMIT designations |
tar -x -C DIR`). Each of the three matching runs is then preceded by a run of
that version, in a process of its own on the same store and names (the index
file is shared when both read the same layout), and every match of every name
(subject, name, score, reason, order) of the two is compared: the results
say whether they are identical.

Each process's peak RSS is its own high-water mark (VmHWM), read as it exits.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import pathlib
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from typing import Any

from rapidfuzz import fuzz, process

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

import designations
from designations.dates import Period
from designations.matching import NameIndex, matcher_version, prepare, screen_names
from designations.model import DesignationList, Event, Jurisdiction, Name, Source, Subject
from designations.names import normalise
from designations.store import WriteBatch

RESULTS = pathlib.Path(__file__).parent / "results"
SYLLABLES = [c + v for c in "bdfghjklmnprstvwyz" for v in "aeiou"] + [
    "sha", "kha", "dha", "qa", "tha", "zu", "ri", "an", "el", "ur", "ab", "is", "om"]
ORG_WORDS = ["Front", "Brigades", "Movement", "Army", "Group", "Organisation", "Council",
             "Battalion", "Network", "Party", "Union", "Committee", "League", "Association"]
HONORIFICS = ["Sheikh", "Mullah", "Haji", "Dr"]


def word(rng: random.Random, lo: int = 2, hi: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(lo, hi))).capitalize()


def person(rng: random.Random) -> str:
    return " ".join(word(rng) for _ in range(rng.randint(2, 3)))


def organisation(rng: random.Random) -> str:
    parts = [word(rng) for _ in range(rng.randint(1, 2))]
    return " ".join([*parts, rng.choice(ORG_WORDS)] if rng.random() < 0.7 else parts)


def spelling(rng: random.Random, name: str) -> str:
    swaps = [("a", "e"), ("u", "o"), ("i", "ee"), ("k", "q"), ("s", "ss"), ("h", "kh")]
    a, b = rng.choice(swaps)
    return name.replace(a, b, 1) if a in name else name + "a"


def typo(rng: random.Random, name: str) -> str:
    i = rng.randrange(1, len(name) - 1)
    op = rng.choice("sdt")
    if op == "s":
        return name[:i] + rng.choice("aeioubdkmnrst") + name[i + 1:]
    if op == "d":
        return name[:i] + name[i + 1:]
    return name[:i - 1] + name[i] + name[i - 1] + name[i + 1:]


def planted(rng: random.Random, name: str, kind: str) -> str:
    how = rng.choice(["typo", "reorder", "case", "spelling", "honorific"])
    words = name.split()
    if how == "reorder" and len(words) > 1:
        return f"{words[-1]}, {' '.join(words[:-1])}"
    if how == "honorific" and kind == "person":
        return f"{rng.choice(HONORIFICS)} {name}"
    if how == "case":
        return name.upper()
    if how == "spelling":
        return spelling(rng, name)
    return typo(rng, name) if len(name) > 8 else name.lower()


def listed_keys(rows: list[tuple[str, str, str, bool]]) -> dict[str, set[str]]:
    """The keys under which a listed name is the same name to the matcher, one set per kind of key."""
    keys: dict[str, set[str]] = {"key": set(), "loose": set(), "order": set()}
    for row in rows:
        p = prepare(row[2])
        keys["key"].add(p.key)
        keys["loose"].add(p.loose)
        keys["order"].add(p.sorted_core)
    return keys


def on_list(name: str, keys: dict[str, set[str]]) -> str:
    """
    Why a would-be fresh name is in fact a listed name ("" when it is not).

    "key": its normalised form is a listed name's; "loose": the same once the spelling
    folds the matcher applies on purpose ("Tifa"/"Tefa", "Khadha"/"Khada"); "order": the
    same words as a listed name in another order.
    """
    p = prepare(name)
    for kind, value in (("key", p.key), ("loose", p.loose), ("order", p.sorted_core)):
        if value in keys[kind]:
            return kind
    return ""


def make_queries(rows: list[tuple[str, str, str, bool]], count: int, rng: random.Random,
                 ) -> tuple[list[str], list[str | None], dict[str, int]]:
    """
    Half planted variants of listed names, half fresh names; (queries, expected subject ids, excluded).

    A fresh name must not be on the list: a drawn candidate whose normalised form, loose key or
    sorted words equal a listed name's is dropped, counted in `excluded` by the key that met, and
    another is drawn.
    """
    keys = listed_keys(rows)
    excluded = {"key": 0, "loose": 0, "order": 0}
    queries: list[str] = []
    expected: list[str | None] = []
    for _ in range(count):
        if rng.random() < 0.5:
            sid, kind, name, _p = rows[rng.randrange(len(rows))]
            queries.append(planted(rng, name, kind))
            expected.append(sid)
            continue
        while True:
            fresh = person(rng) if rng.random() < 0.6 else organisation(rng)
            why = on_list(fresh, keys)
            if not why:
                break
            excluded[why] += 1
        queries.append(fresh)
        expected.append(None)
    return queries, expected, excluded


def build(subjects: int, rng: random.Random) -> tuple[list[tuple[str, str, str, bool]], list]:
    rows: list[tuple[str, str, str, bool]] = []
    for n in range(subjects):
        kind = "person" if rng.random() < 0.6 else "organisation"
        make = person if kind == "person" else organisation
        primary = make(rng)
        sid = f"s{n}"
        rows.append((sid, kind, primary, True))
        rows.append((sid, kind, spelling(rng, primary), False))
        rows.append((sid, kind, make(rng), False))
    return rows, []


def machine() -> dict[str, object]:
    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
        "affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "python": sys.version.split()[0],
        "rapidfuzz": version("rapidfuzz"),
        "anyascii": version("anyascii"),
        "matcher": matcher_version(),
    }


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def naive(queries: list[str], choices: list[str], scorer, sample: int) -> dict[str, object]:
    sub = [normalise(q) for q in queries[:sample]]
    start = time.perf_counter()
    for i in range(0, len(sub), 50):
        process.cdist(sub[i:i + 50], choices, scorer=scorer, score_cutoff=90,
                      dtype="uint8", workers=-1)
    elapsed = time.perf_counter() - start
    return {"scorer": scorer.__name__, "sample": len(sub), "seconds": round(elapsed, 3),
            "names_per_second": round(len(sub) / elapsed, 1)}


# -- the persisted index on a real store ------------------------------------------------------

US = Jurisdiction("US", "United States", "America/New_York")
LIST_ID = "us-bench"
SOURCE = (Source(title="synthetic", url="https://example.org/synthetic"),)
COLD_RUNS = 5
MATCH_RUNS = 3


def build_store(path: pathlib.Path, rows: list[tuple[str, str, str, bool]], batch: int = 5_000) -> float:
    """Write the synthetic subjects (their names and aliases, one LISTED event each) into a SQLite store."""
    started = time.perf_counter()
    reg = designations.open(f"sqlite:///{path}", seeds=False)
    try:
        if reg.data_version() and LIST_ID in {lst.id for lst in reg.lists()}:
            return 0.0  # built by an earlier run
        reg.write(WriteBatch(kind="seed", jurisdictions=(US,),
                             lists=(DesignationList(id=LIST_ID, jurisdiction=US, name="Synthetic list"),),
                             coverage=((LIST_ID, "seed", (Period("1990-01-01"),)),)))
        by_subject: dict[str, list[tuple[str, str, str, bool]]] = {}
        for row in rows:
            by_subject.setdefault(row[0], []).append(row)
        items = list(by_subject.values())
        for lo in range(0, len(items), batch):
            subjects, events = [], []
            for names in items[lo:lo + batch]:
                sid, kind, primary, _p = names[0]
                aliases = tuple(dict.fromkeys(n[2] for n in names[1:] if n[2] != primary))
                subjects.append(Subject(id=sid, kind=kind, name=primary, aliases=tuple(Name(a) for a in aliases)))
                events.append(Event(subject_id=sid, list_id=LIST_ID, kind="LISTED",
                                    effective="2010-01-01", sources=SOURCE))
            reg.write(WriteBatch(kind="bench", subjects=tuple(subjects), events=tuple(events)))
            print(f"  store: {min(lo + batch, len(items)):,} subjects", flush=True)
    finally:
        reg.close()
    return time.perf_counter() - started


_PEAK = """
import atexit, runpy, sys

def _peak():  # the process's own high-water mark, read as it exits (Linux)
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    sys.stderr.write("\\nBENCH-PEAK-KB " + line.split()[1] + "\\n")
    except OSError:
        pass

atexit.register(_peak)
if sys.argv[1] == "-m":
    sys.argv = sys.argv[2:]
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
else:
    sys.argv = sys.argv[1:]
    runpy.run_path(sys.argv[0], run_name="__main__")
"""


def run_child(command: list[str], env: dict[str, str], cwd: pathlib.Path | None = None) -> tuple[float, float, str]:
    """
    Run `python ARGS` to its end: (wall seconds, its peak RSS in MB, its standard output).

    The peak is the child's own VmHWM, read as it exits: `ru_maxrss` of a child
    forked from this large process would start at this process's size.
    """
    started = time.perf_counter()
    done = subprocess.run([command[0], "-c", _PEAK, *command[1:]], env=env, capture_output=True, text=True,
                          check=False, cwd=cwd)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1, 3, 4):  # screening exit codes; 2 is an error
        raise SystemExit(f"{command[:4]} failed ({done.returncode}): {done.stderr}")
    peaks = [line.split()[1] for line in done.stderr.splitlines() if line.startswith("BENCH-PEAK-KB ")]
    return elapsed, int(peaks[-1]) / 1024 if peaks else float("nan"), done.stdout


def write_names(path: pathlib.Path, names: list[str]) -> pathlib.Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "name"])
        writer.writerows((f"c{i}", n) for i, n in enumerate(names))
    return path


_MATCH = """
import csv, json, sys, time

import os, pathlib

import designations
from designations.matching import persist, screen_names
from designations.screening import name_index

store, names_file, out = sys.argv[1:4]
if pathlib.Path(designations.__file__).resolve().parents[1] != pathlib.Path(os.environ["BENCH_TREE"]).resolve():
    sys.stderr.write("the designations package imported is not the one asked for\\n")
    sys.exit(2)
with open(names_file, encoding="utf-8") as fh:
    names = [row["name"] for row in csv.DictReader(fh)]
started = time.perf_counter()
reg = designations.open(f"sqlite:///{store}", seeds=False)
index, version = name_index(reg)
opened = time.perf_counter() - started
loaded = not isinstance(index.names, tuple)  # a built index holds a tuple; a read one decodes lazily
start, cpu = time.perf_counter(), time.process_time()
results = list(screen_names(index, names, threshold=0.9))
seconds, cpu_s = time.perf_counter() - start, time.process_time() - cpu
with open(out, "w", encoding="utf-8") as fh:
    for name, matches in zip(names, results):
        fh.write(json.dumps([name, [[m.subject_id, m.kind.value, m.name, m.is_primary, m.score, m.reason, m.weak]
                                          for m in matches]]) + "\\n")
print(json.dumps({"open_seconds": round(opened, 3), "from_file": loaded, "key": persist.index_key(version),
                  "seconds": round(seconds, 3), "cpu_seconds": round(cpu_s, 3),
                  "names_per_second": round(len(names) / seconds, 1),
                  "names_per_cpu_second": round(len(names) / cpu_s, 1),
                  "hits": sum(1 for r in results if r)}))
"""
"""Matching alone in a fresh process: read the store's index from its file, screen the names, write every match."""


def match_runs(store: pathlib.Path, many: pathlib.Path, work: pathlib.Path, env: dict[str, str],
               baseline: pathlib.Path | None) -> dict[str, Any]:
    """
    `MATCH_RUNS` fresh processes matching the names, each after one of `baseline` when given (alternated).

    Returns the median run of this library, and the baseline's runs and whether the matches were identical.
    """
    script = work / "match_child.py"
    script.write_text(_MATCH, encoding="utf-8")
    root = pathlib.Path(__file__).resolve().parents[1]
    trees = ([("baseline", baseline)] if baseline else []) + [("library", root)]
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in trees}
    same = True
    for n in range(MATCH_RUNS):
        for name, tree in trees:
            out = work / f"matches-{name}-{n}.jsonl"
            child_env = {**env, "PYTHONPATH": str(tree), "BENCH_TREE": str(tree)}
            # (run from the work directory: `python -c` puts the current directory first on the path)
            _s, mb, printed = run_child([sys.executable, str(script), str(store), str(many), str(out)], child_env,
                                        cwd=work)
            runs[name].append({**json.loads(printed.strip().splitlines()[-1]), "peak_rss_mb": round(mb, 1)})
        if baseline:
            same = same and (work / f"matches-baseline-{n}.jsonl").read_bytes() == (
                work / f"matches-library-{n}.jsonl").read_bytes()
    part = _median_run(runs["library"])
    if baseline:
        part["baseline"] = {"tree": baseline.name, **_median_run(runs["baseline"]),
                            "runs_names_per_cpu_second": [r["names_per_cpu_second"] for r in runs["baseline"]]}
        part["runs_names_per_cpu_second"] = [r["names_per_cpu_second"] for r in runs["library"]]
        part["identical_matches"] = same
    return part


def _median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run of median names/s, with every run's names/s (in the order run) and the highest peak RSS."""
    ranked = sorted(runs, key=lambda run: run["names_per_second"])
    return {**ranked[len(ranked) // 2], "runs_names_per_second": [run["names_per_second"] for run in runs],
            "peak_rss_mb": max(run["peak_rss_mb"] for run in runs)}


def persisted(store: pathlib.Path, rows: list[tuple[str, str, str, bool]], queries: list[str],
              work: pathlib.Path, baseline: pathlib.Path | None = None) -> dict[str, object]:
    """The store-backed measures: first screen (build + write), cold screens of 10 names, the 10,000-name run."""
    build_s = build_store(store, rows)
    for old in store.parent.glob(f"{store.name}.names-*.idx"):
        old.unlink()  # the first screen below must build it
    env = {**os.environ, "DESIGNATIONS_DATABASE_URL": f"sqlite:///{store}"}
    ten = write_names(work / "ten.csv", queries[:10])
    many = write_names(work / "many.csv", queries)
    cli = [sys.executable, "-m", "designations", "screen", "--column", "name"]  # (run through `_PEAK`)
    first_s, first_mb, _ = run_child([*cli, str(ten), "--out", str(work / "first.csv")], env)
    files = list(store.parent.glob(f"{store.name}.names-*.idx"))
    size_mb = files[0].stat().st_size / 2**20 if files else 0.0
    floor = work / "floor.py"  # a script that imports the library and nothing else
    floor.write_text("import designations\n", encoding="utf-8")
    cold, floors, cold_mb = [], [], 0.0
    for _ in range(COLD_RUNS):
        s, mb, _ = run_child([*cli, str(ten), "--out", str(work / "ten-out.csv")], env)
        cold.append(s)
        cold_mb = max(cold_mb, mb)
        floors.append(run_child([sys.executable, str(floor)], env)[0])
    full_s, full_mb, _ = run_child([*cli, str(many), "--out", str(work / "many-out.csv")], env)
    # three fresh processes (one run on a shared machine can be far off), alternated with the baseline's
    matching = match_runs(store, many, work, env, baseline)
    return {
        "store_build_seconds": round(build_s, 1),
        "store_mb": round(store.stat().st_size / 2**20, 1),
        "index_file_mb": round(size_mb, 1),
        "first_screen": {"seconds": round(first_s, 2), "peak_rss_mb": round(first_mb, 1)},
        "cold_screen_10": {"runs": [round(x, 3) for x in cold], "median_seconds": round(statistics.median(cold), 3),
                           "max_seconds": round(max(cold), 3), "peak_rss_mb": round(cold_mb, 1),
                           "floor_import_designations_median": round(statistics.median(floors), 3)},
        "cli_10000": {"seconds": round(full_s, 2), "names_per_second": round(len(queries) / full_s, 1),
                      "peak_rss_mb": round(full_mb, 1)},
        "matching_10000_from_file": matching,
    }


def persisted_lines(part: dict[str, Any], subjects: int, names: int, queries: int) -> list[str]:
    """The results section of the store-backed measures, each against its issue-16 target."""
    cold, first, full, match = (part["cold_screen_10"], part["first_screen"], part["cli_10000"],
                                part["matching_10000_from_file"])
    peak = max(cold["peak_rss_mb"], full["peak_rss_mb"], match["peak_rss_mb"])

    def met(ok: bool) -> str:
        return "yes" if ok else "**no**"

    return [
        "", "## The persisted name index, on a real store", "",
        f"A SQLite store of {subjects:,} subjects and {names:,} names and aliases ({part['store_mb']:,} MB), "
        f"written through `Registry.write`; `designations screen` run as a real process. Load average: "
        f"{', '.join(f'{x:.2f}' for x in part['load_average_at_start'])} when this part began, "
        f"{', '.join(f'{x:.2f}' for x in part['load_average_at_end'])} when it ended (2 cores shared).",
        "",
        "| measure | result | target | met? |",
        "|---|---|---|---|",
        f"| first screen of 10 names: builds the index part by part and writes it "
        f"({part['index_file_mb']:,} MB file) "
        f"| {first['seconds']:.1f} s, peak RSS {first['peak_rss_mb']:.0f} MB "
        f"| under 400 MB, if the build counts as screening | {met(first['peak_rss_mb'] < 400)} |",
        f"| cold screen of 10 names with the index on disk, {len(cold['runs'])} runs "
        f"| median {cold['median_seconds']:.2f} s, slowest {cold['max_seconds']:.2f} s "
        f"(floor: a script that only imports designations, alternated: "
        f"{cold['floor_import_designations_median']:.2f} s) "
        f"| under 3 s | {met(cold['max_seconds'] < 3)} |",
        f"| peak RSS screening the store (cold 10 names / {queries:,} names through the CLI / matching alone) "
        f"| {cold['peak_rss_mb']:.0f} / {full['peak_rss_mb']:.0f} / {match['peak_rss_mb']:.0f} MB "
        f"| under 400 MB | {met(peak < 400)} |",
        f"| {queries:,} names, matching over the index read from its file, one process, "
        f"{len(match['runs_names_per_second'])} runs "
        f"| **median {match['names_per_second']:,.0f} names/s** (runs: "
        f"{', '.join(f'{x:,.0f}' for x in match['runs_names_per_second'])}; median run "
        f"{match['names_per_cpu_second']:,.0f} per CPU second; index opened in {match['open_seconds']:.2f} s) "
        f"| >= 1,500 names/s | {met(match['names_per_second'] >= 1500)} "
        f"(slowest run: {met(min(match['runs_names_per_second']) >= 1500)}) |",
        f"| {queries:,} names through the whole CLI (matching, a status per hit, the output file) "
        f"| {full['seconds']:.1f} s, {full['names_per_second']:,.0f} names/s | — | — |",
        *_baseline_lines(match, queries),
        "",
        "The first screen builds the index a part at a time into its file layout "
        "(`designations.matching.streamed`); the file it writes for these 300,000 names was checked once to be "
        "byte for byte the file of the in-memory build (same process, same key); the in-memory build made the "
        "first screen peak at 859 MB in the previous run. "
        "Most of what remains at the peak is the store's name rows (about 100 MB) and the transliteration "
        "word caches (about 110 MB once full).",
        *_baseline_notes(match),
    ]


def _baseline_lines(match: dict[str, Any], queries: int) -> list[str]:
    """The side-by-side runs of `--baseline`, as more rows of the results table (none without it)."""
    base = match.get("baseline")
    if not base:
        return []

    def runs(values: list[float]) -> str:
        return ", ".join(f"{x:,.0f}" for x in values)

    return [
        f"| the same {queries:,} names with the baseline (`{base['tree']}`), its {len(base['runs_names_per_second'])} "
        f"runs alternated with the runs above, each before one | median {base['names_per_second']:,.0f} names/s "
        f"(runs: {runs(base['runs_names_per_second'])}; per CPU second: {runs(base['runs_names_per_cpu_second'])}) "
        f"| — | — |",
        f"| this library in those runs, per CPU second | {runs(match['runs_names_per_cpu_second'])} | — | — |",
        f"| every match of every name (subject, kind, name, primary, score, reason, weak, order), "
        f"library vs baseline, all runs | {'identical' if match['identical_matches'] else '**different**'} "
        f"| identical | {'yes' if match['identical_matches'] else '**no**'} |",
    ]


def _baseline_notes(match: dict[str, Any]) -> list[str]:
    """What the side-by-side runs compared, in prose (none without `--baseline`)."""
    base = match.get("baseline")
    if not base:
        return []
    return [
        "", f"Side by side (`--baseline`): `{base['tree']}` is the `designations` package of that commit, "
        "unpacked in a directory of its own; each round runs it, then this library, in fresh processes on the "
        "same store, the same names and the same index file, so both see the same load. Each run writes every "
        "match of every name, and the benchmark compares the files of each round byte for byte: the table says "
        "whether any differed. Wall-clock figures depend on the load of the shared machine; the names per CPU "
        "second of the two, run in turn, are the fairer comparison.",
    ]


def alert_rate(args: argparse.Namespace, rows: list[tuple[str, str, str, bool]], queries: list[str],
               expected: list[str | None], excluded: dict[str, int]) -> None:
    """Issue 16's alert-rate target alone: fresh names with any hit, recall of planted variants; a results file."""
    load = os.getloadavg()
    index = NameIndex.build(rows)
    start, cpu = time.perf_counter(), time.process_time()
    results = list(screen_names(index, queries, threshold=0.9))
    seconds, cpu_s = time.perf_counter() - start, time.process_time() - cpu
    planted_n = sum(1 for e in expected if e)
    fresh_n = len(queries) - planted_n
    found = sum(1 for e, r in zip(expected, results, strict=True) if e and any(m.subject_id == e for m in r))
    hits = sum(len(r) for e, r in zip(expected, results, strict=True) if e)
    fresh = [(q, r) for q, e, r in zip(queries, expected, results, strict=True) if not e and r]
    missed = [(q, e) for q, e, r in zip(queries, expected, results, strict=True)
              if e and not any(m.subject_id == e for m in r)]
    reasons: dict[str, int] = {}
    for _q, r in fresh:
        reasons[r[0].reason] = reasons.get(r[0].reason, 0) + 1
    out = {"machine": machine(), "seed": args.seed, "subjects": args.subjects, "names": len(queries),
           "load_average_at_start": [round(x, 2) for x in load], "fresh_names": fresh_n,
           "fresh_candidates_excluded_as_listed": excluded, "fresh_names_with_hits": len(fresh),
           "fresh_hit_reasons": reasons, "planted": planted_n, "planted_found": found,
           "planted_recall": round(found / planted_n, 4),
           "screen_seconds": round(seconds, 2), "screen_cpu_seconds": round(cpu_s, 2),
           "planted_hits_that_are_the_subject": round(found / hits, 4) if hits else 1.0,
           "fresh_hit_examples": [[q, r[0].name, r[0].score, r[0].reason] for q, r in fresh[:40]],
           "missed_examples": [[q, next(n for s, _k, n, p in rows if s == e and p)] for q, e in missed[:40]]}
    print(json.dumps(out, indent=1, ensure_ascii=False))
    m = out["machine"]
    share = len(fresh) / fresh_n
    recall = found / planted_n
    lines = [
        "# Alert rate on the synthetic 100,000-subject store (issue 16)", "",
        f"Generated by `benchmarks/bench_screening.py --alert-rate` (seed {args.seed}, {args.subjects:,} subjects, "
        f"{len(rows):,} names and aliases, {len(queries):,} query names) on {m['platform']}, {m['cpu_count']} CPUs, "
        f"Python {m['python']}; matcher `{m['matcher']}`, threshold 0.9. Load average at start: "
        f"{', '.join(f'{x:.2f}' for x in load)} (the counts do not depend on it).", "",
        "## What a fresh name is", "",
        "Fresh names are drawn from the same syllables as the list. A drawn name that is in fact on the list "
        "is not fresh, so the generator drops it and draws another:", "",
        f"- {excluded['key']:,} candidates had the normalised form (match key) of a listed name;",
        f"- {excluded['loose']:,} more had a listed name's loose key: the same name once the spelling folds "
        'the matcher applies on purpose are applied ("Tifa"/"Tefa", "Khadha"/"Khada");',
        f"- {excluded['order']:,} more had a listed name's words in another order.", "",
        f"That is {sum(excluded.values()):,} candidates excluded, against {fresh_n:,} fresh names kept "
        "(the previous round's generator kept them: 98 of its 4,910 fresh names were exactly listed names "
        "and 227 more listed names in another spelling). Nothing else is excluded; the planted variants "
        "and the matcher's threshold are as before.", "",
        "## Result", "",
        "| measure | result | target | met? |", "|---|---|---|---|",
        f"| fresh names with any hit | {len(fresh):,} of {fresh_n:,} ({share:.2%}) | <= 2% "
        f"| {'yes' if share <= 0.02 else '**no**'} |",
        f"| planted variants found (recall) | {found:,} of {planted_n:,} ({recall:.4f}) | >= 0.95 "
        f"| {'yes' if recall >= 0.95 else '**no**'} |",
        f"| hits on planted queries that are the planted subject | {found / hits if hits else 1:.3f} | — | — |",
        "", "The same queries with the matcher before this change (`designations.matching/5`, commit 6df0018): "
        "151 fresh names with a hit (3.06%), recall 0.9335. Matcher 6 ranks the names met on a common word by "
        "the rarer keys and the letters they share, so a typo in one word still finds its name (that alone "
        "finds more neighbours of fresh names too), and keeps a match resting on one short word spelt "
        "otherwise under the threshold (docs/screening.md lists the rules).",
        "", f"Screening the {len(queries):,} names took {seconds:.1f} s ({cpu_s:.1f} CPU s, "
        f"{len(queries) / cpu_s:,.0f} names per CPU second) in this run; speed is measured by the main "
        "run of this benchmark (`screening.md`), not here. Matcher 6 costs speed: the same 10,000 names on "
        "the same index, matchers 5 and 6 alternated in one run (load 0.96 at its start, 2 cores shared), "
        "took 4.1-4.3 CPU s with matcher 5 (2,350-2,450 names per CPU second) and 6.8-7.0 CPU s with "
        "matcher 6 (1,420-1,470; one run at 10.0); nearly all of it is the ranking of the names met again.",
        "", "Fresh-name hits by the reason of their best match: "
        + (", ".join(f"{k} {v}" for k, v in sorted(reasons.items())) or "none") + ".",
    ]
    (RESULTS / "screening_alert_rate.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--names", type=int, default=10_000)
    parser.add_argument("--subjects", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--store", type=pathlib.Path, default=None,
                        help="SQLite file for the store-backed measures (kept; built when missing)")
    parser.add_argument("--no-store", action="store_true", help="skip the store-backed measures")
    parser.add_argument("--alert-rate", action="store_true",
                        help="measure only the alert rate and recall; writes results/screening_alert_rate.md")
    parser.add_argument("--baseline", type=pathlib.Path, default=None,
                        help="a directory holding another version's designations package, timed side by side")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    rows, _ = build(args.subjects, rng)
    queries, expected, excluded = make_queries(rows, args.names, rng)
    if args.alert_rate:
        alert_rate(args, rows, queries, expected, excluded)
        return

    load = os.getloadavg()
    base_mb = peak_mb()
    start, cpu = time.perf_counter(), time.process_time()
    index = NameIndex.build(rows)
    build_s, build_cpu = time.perf_counter() - start, time.process_time() - cpu
    index_mb = peak_mb()

    start, cpu = time.perf_counter(), time.process_time()
    results = list(screen_names(index, queries, threshold=0.9))
    screen_s, screen_cpu = time.perf_counter() - start, time.process_time() - cpu
    screen_mb = peak_mb()


    planted_n = sum(1 for e in expected if e)
    found = sum(1 for e, r in zip(expected, results, strict=True)
                if e and any(m.subject_id == e for m in r))
    hits = sum(len(r) for r in results)
    good = found
    fresh_hits = sum(1 for e, r in zip(expected, results, strict=True) if not e and r)

    choices = [normalise(r[2]) for r in rows]
    baselines = [
        naive(queries, choices, fuzz.ratio, 200),
        naive(queries, choices, fuzz.token_sort_ratio, 200),
        naive(queries, choices, fuzz.WRatio, 20),
    ]
    ours = args.names / screen_s
    del index, results
    store_part: dict[str, object] | None = None
    store_load = os.getloadavg()
    if not args.no_store:
        with tempfile.TemporaryDirectory() as tmp:
            store = args.store or pathlib.Path(tmp) / "screening.db"
            store_part = persisted(store.resolve(), rows, queries, pathlib.Path(tmp),
                                   args.baseline.resolve() if args.baseline else None)
        store_part["load_average_at_start"] = [round(x, 2) for x in store_load]
        store_part["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    out = {
        "machine": machine(),
        "subjects": args.subjects,
        "aliases": len(rows),
        "names": args.names,
        "load_average_at_start": [round(x, 2) for x in load],
        "index_build_seconds": round(build_s, 2),
        "index_build_cpu_seconds": round(build_cpu, 2),
        "screen_seconds": round(screen_s, 2),
        "screen_cpu_seconds": round(screen_cpu, 2),
        "names_per_second": round(ours, 1),
        "names_per_cpu_second": round(args.names / screen_cpu, 1),
        "peak_rss_mb": {"before_index": round(base_mb, 1), "after_index": round(index_mb, 1),
                        "after_screening": round(screen_mb, 1)},
        "planted_recall": round(found / planted_n, 4),
        "hit_precision": round(good / hits, 4) if hits else 1.0,
        "fresh_names_with_hits": fresh_hits,
        "naive_cdist": baselines,
        "speedup_vs_naive": {b["scorer"]: round(ours / b["names_per_second"], 1) for b in baselines},
        "persisted_index": store_part,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "screening.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    m = out["machine"]
    lines = [
        "# Screening benchmark",
        "",
        f"Generated by `benchmarks/bench_screening.py` on {m['platform']}, {m['cpu_count']} CPUs "
        f"({m['processor']}), Python {m['python']}, rapidfuzz {m['rapidfuzz']}, anyascii {m['anyascii']}.",
        f"Matcher: `{m['matcher']}`. Load average when the run started: "
        f"{', '.join(f'{x:.2f}' for x in load)} (wall-clock figures suffer when the machine is shared; "
        "CPU seconds are given too).",
        "",
        f"- store: {args.subjects:,} synthetic subjects, {len(rows):,} names and aliases; "
        f"{args.names:,} query names (seed {args.seed})",
        f"- index build (`NameIndex.build`: part by part into its file layout, as screening builds it): "
        f"{build_s:.1f} s ({build_cpu:.1f} CPU s); peak RSS {base_mb:.0f} MB before, "
        f"{index_mb:.0f} MB after the index, {screen_mb:.0f} MB after screening",
        f"- screened {args.names:,} names in one process in {screen_s:.1f} s ({screen_cpu:.1f} CPU s): "
        f"**{ours:,.0f} names/s** ({args.names / screen_cpu:,.0f} names per CPU second) at threshold 0.9",
        f"- planted variants found (recall): {found / planted_n:.3f}; share of hits that are the planted subject: "
        f"{good / hits if hits else 1:.3f}; fresh names with any hit: {fresh_hits} of {args.names - planted_n}",
        "",
        "Naive baseline: `process.cdist` of each query's `normalise`d form against all normalised names, "
        "`workers=-1` (every core), in blocks of 50 queries; timed on the first queries of the same list "
        "(the count is in the table) and extrapolated per name. Speed-up: our one-process names/s "
        "over the baseline's (which uses both cores).",
        "",
        ("| naive `process.cdist` (normalised strings, score_cutoff=90, uint8) "
         "| queries timed | names/s | our speed-up |"),
        "|---|---|---|---|",
    ]
    for b in baselines:
        lines.append(f"| {b['scorer']} over all {len(rows):,} names | {b['sample']} (extrapolated) | "
                     f"{b['names_per_second']:,} | {out['speedup_vs_naive'][b['scorer']]}x |")
    lines += ["", "The naive `ratio` baseline misses word-order and transliteration variants; "
              "`WRatio` comes closest to our matcher's reach.",
              "", "Before the candidate prefilter and the faster keys (the matcher of commit 65ee3df, "
              "same sizes and seed, same machine, one process): 414 names/s, index build 56.7 s, "
              "peak RSS 762 MB. Both matchers return the same matches (subject, name, score, reason, order) "
              "for all 10,000 names; checked once against that commit's code."]
    if store_part is not None:
        lines += persisted_lines(store_part, args.subjects, len(rows), args.names)
    (RESULTS / "screening.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
