"""
Print the "Lists" table of seeds/README.md from the seed files (a test compares the two).

Run from the repository root: `python seeds/tools/lists_table.py` (with the package installed).
"""

from __future__ import annotations

from designations.seed_reader import load_seeds


def main() -> None:
    """Print one row per list: jurisdiction, subjects, events, and the last check with its count."""
    seeds = load_seeds()
    print("| list | jurisdiction | subjects | events | checked complete on (count in force) |")
    print("|---|---|---:|---:|---|")
    for lst in seeds.lists:
        events = [e for e in seeds.events if e.list_id == lst.id]
        checked = f"{lst.verified.on} ({lst.verified.count})" if lst.verified else "sample"
        print(f"| `{lst.id}` | {lst.jurisdiction.code} | {len({e.subject_id for e in events})} "
              f"| {len(events)} | {checked} |")


if __name__ == "__main__":
    main()
