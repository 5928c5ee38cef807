"""
Reads on the scale benchmark's store (issue 15): `status`, `snapshot` and `changes`, each beside its raw SQL floor.

Run after `bench_scale.py --load-only` (or any run that kept its store):
`.venv/bin/python benchmarks/bench_reads.py --engine sqlite|postgresql [--note TEXT]`.
The measures are bench_scale's own (`status_latency`, `snapshot_and_changes`,
`concurrent`): library and floor alternated query by query or run by run.
The figures replace the "Reads after issue 15" section of
benchmarks/results/scale_<engine>.md and its `reads_issue_15` key in the JSON;
the load figures beside them are left as they are. `--json-only FILE` writes
the figures to FILE instead (to set a run of other code beside them:
`--previous FILE`; `--measured FILE` writes a saved run's figures).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import bench_scale as scale

import designations

SECTION = "## Reads after issue 15"


def measure(engine: str, *, with_concurrent: bool) -> dict[str, Any]:
    """Every read measure on the kept store of `engine`."""
    server = None
    if engine == "sqlite":
        url = f"sqlite:///{scale.WORK / 'scale.db'}"
    else:
        url, server = scale._pg_url()
    try:
        reg = designations.open(url, seeds=False)
        subjects, events = scale.loaded_size(reg)
        out: dict[str, Any] = {"machine": scale.machine(), "store": {"subjects": subjects, "events": events},
                               "niceness": os.nice(0)}
        out["status"] = scale.status_latency(reg, url, subjects, random.Random(1))
        out["snapshot"] = scale.snapshot_and_changes(reg, url)
        reg.close()
        if with_concurrent:
            out["concurrent"] = scale.concurrent(url, subjects)
        out["load_average_end"] = os.getloadavg()
    finally:
        if server is not None:
            server.stop()
    return out


def _loads(r: dict[str, Any]) -> str:
    first = r["status"]["load_average_before_after"][0]
    return f"{first[0]:.1f} / {first[1]:.1f} / {first[2]:.1f} when the measures began, " + (
        "{:.1f} / {:.1f} / {:.1f} when they ended".format(*r["load_average_end"]))


def _rows(r: dict[str, Any], label: str) -> list[str]:
    st, sc = r["status"], r["snapshot"]
    out = [
        f"| `status` by id, p50 / p99 ({label}) | {st['status_p50_us']:.0f} / {st['status_p99_us']:.0f} µs | "
        f"{st['floor_p50_us']:.0f} / {st['floor_p99_us']:.0f} µs | **{st['ratio_p50']:.1f}x** |",
        f"| the same against the full answer in raw SQL (the library's statement; {label}) | | "
        f"{st['full_answer_floor_p50_us']:.0f} / {st['full_answer_floor_p99_us']:.0f} µs | "
        f"{st['ratio_full_answer_p50']:.1f}x |",
        f"| `snapshot` of `{scale.BIG}` ({sc['snapshot_members']:,} members), median ({label}) | "
        f"{sc['snapshot_ms']:.0f} ms | {sc['snapshot_floor_ms']:.0f} ms | "
        f"**{sc['snapshot_ms'] / sc['snapshot_floor_ms']:.1f}x** |",
        f"| `changes` over 2015 on us-list-1 ({sc['changes_events']:,} events), median ({label}) | "
        f"{sc['changes_ms']:.0f} ms | {sc['changes_floor_ms']:.0f} ms | "
        f"**{sc['changes_ms'] / sc['changes_floor_ms']:.1f}x** |",
    ]
    if "concurrent" in r:
        cc = r["concurrent"]
        out.append(f"| concurrent `status`, 4 processes ({label}) | {cc['status_qps']:,.0f} lookups/s | "
                   f"{cc['floor_qps']:,.0f} queries/s | |")
    return out


def section(r: dict[str, Any], note: str, previous: dict[str, Any] | None) -> str:
    """The "Reads after issue 15" section of an engine's results."""
    store = r["store"]
    lines = [
        f"{SECTION} (second pass: faster reads), measured on {store['subjects']:,} subjects / "
        f"{store['events']:,} events",
        "",
        f"Machine: {r['machine']}",
        "",
        f"Conditions: {note} Load average (1/5/15 min) {_loads(r)}"
        + (f"; the previous code's run: {_loads(previous)}" if previous else "") + ". "
        "Library and floor alternated query by query (`status`) and run by run (`snapshot`, `changes`); "
        f"niceness {r.get('niceness', 'not recorded')}. Targets: each ratio <= 2x its floor.",
        "",
        "| measure | library | raw SQL floor | ratio |",
        "|---|---|---|---|",
        *_rows(r, "this code"),
        *(_rows(previous, "previous code, same store") if previous else []),
        "",
        "",
    ]
    return "\n".join(lines)


def write(engine: str, r: dict[str, Any], note: str, previous: dict[str, Any] | None) -> None:
    """Replace the reads section of the engine's results (Markdown and JSON)."""
    md = scale.RESULTS / f"scale_{engine}.md"
    text = md.read_text()
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    text = text[:start] + section(r, note, previous) + (text[end + 1:] if end >= 0 else "")
    md.write_text(text)
    js = scale.RESULTS / f"scale_{engine}.json"
    data = json.loads(js.read_text())
    data["reads_issue_15"] = {**r, "note": note, **({"previous_code": previous} if previous else {})}
    js.write_text(json.dumps(data, indent=2, default=str))


def main() -> None:
    """Measure, then write the results (or only the JSON figures)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--note", default="", help="conditions worth stating next to the figures")
    parser.add_argument("--json-only", type=Path, help="write the figures to this file, not to the results")
    parser.add_argument("--previous", type=Path, help="figures of another code's run (--json-only) to set beside")
    parser.add_argument("--no-concurrent", action="store_true", help="skip the 4-process throughput")
    parser.add_argument("--measured", type=Path, help="write these figures (a --json-only run) instead of measuring")
    args = parser.parse_args()
    r = (json.loads(args.measured.read_text()) if args.measured
         else measure(args.engine, with_concurrent=not args.no_concurrent))
    if args.json_only:
        args.json_only.write_text(json.dumps(r, indent=2, default=str))
    else:
        previous = json.loads(args.previous.read_text()) if args.previous else None
        write(args.engine, r, args.note, previous)
    print(json.dumps({k: r[k] for k in ("store", "status", "snapshot")}, indent=1, default=str))


if __name__ == "__main__":
    main()
