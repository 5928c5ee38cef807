"""
Specs for the streaming import: a file is matched, diffed and written a part at a time.

How a file is cut into parts must never change what the store records, and
the memory an import holds must follow the part, not the file.
"""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

import designations
from designations.store import reads

from ..dumps import logical_dump

FIXTURES = Path(__file__).parents[1] / "fixtures"

SEQUENCES = {
    "un in order": [("un/consolidated_2020-01-10.xml", None), ("un/consolidated_2020-06-15.xml", None)],
    "un out of order": [("un/consolidated_2020-06-15.xml", None), ("un/consolidated_2020-01-10.xml", None)],
    "ftm entities and deltas": [("ftm/entities_2020-01-10.ftm.json", "2020-01-10"),
                                ("ftm/entities_2020-06-15.delta.json", "2020-06-15"),
                                ("ftm/entities_2020-09-01.delta.json", "2020-09-01")],
    "uk sanctions list after conlist": [("uk-conlist/ConList_2020-01-10.csv", None),
                                        ("uk-sl/UK-Sanctions-List_2026-02-13.csv", None),
                                        ("uk-sl/UK-Sanctions-List_2026-03-20.csv", None)],
    "ofac and eu": [("ofac-csv/2020-06-15", "2020-06-15"), ("ofac-csv/2020-01-10", "2020-01-10"),
                    ("eu-fsf/eu_2020-01-10.xml", None), ("eu-fsf/eu_2020-06-15.xml", None)],
}


@pytest.mark.parametrize("sequence", sorted(SEQUENCES))
def test_part_size_does_not_change_what_is_recorded(
    sequence: str, registry_factory: Callable[[], designations.Registry]
) -> None:
    """Parts of 1, 2 or 3 entries record exactly what one part does: subjects, events, periods, entries."""
    dumps = {}
    for size in (10**6, 1, 2, 3):
        reg = registry_factory()
        for name, day in SEQUENCES[sequence]:
            reg.import_file(FIXTURES / name, published=day, part_size=size)
        dumps[size] = logical_dump(reg.store.engine)
        reg.close()
    whole = dumps.pop(10**6)
    assert whole["event"]
    assert whole["status_period"]
    assert whole["publication_entry"]
    for size, got in dumps.items():
        assert got == whole, f"parts of {size} differ"


def _ftm(path: Path, entries: int, *, offset: int = 0) -> Path:
    """A FollowTheMoney file of `entries` sanctioned people or organisations, each with a Sanction."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(offset, offset + entries):
            fh.write(json.dumps({
                "id": f"T-{i:07d}", "schema": "Person" if i % 2 else "Organization",
                "caption": f"Subject number {i}",
                "properties": {"name": [f"Subject number {i}"], "alias": [f"Alias {i}", f"S{i}"]},
                "datasets": [f"set_{i % 5}"]}) + "\n")
            fh.write(json.dumps({
                "id": f"S-{i:07d}", "schema": "Sanction",
                "properties": {"entity": [f"T-{i:07d}"], "authority": ["Example Authority"],
                               "program": [f"P{i % 3}"], "startDate": [f"{2000 + i % 20}-0{1 + i % 9}"]},
                "datasets": [f"set_{i % 5}"]}) + "\n")
    return path


def _peak(url: str, path: Path) -> tuple[int, Any]:
    """Peak traced memory of one import (in parts of 200 entries) into a fresh store (bytes), and its report."""
    reg = designations.open(url, seeds=False)
    tracemalloc.start()
    try:
        report = reg.import_file(path, published="2024-01-01", part_size=200)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        reg.close()
    return peak, report


def test_memory_follows_the_part_not_the_file(
    tmp_path: Path, store_url_factory: Callable[[], str]
) -> None:
    """Four times the entries in parts of 200 leave the import's peak memory about where it was."""
    small = _ftm(tmp_path / "small.json", 1_000)
    large = _ftm(tmp_path / "large.json", 4_000)
    _peak(store_url_factory(), _ftm(tmp_path / "warm.json", 50, offset=10**6))  # imports, caches
    small_peak, small_report = _peak(store_url_factory(), small)
    large_peak, large_report = _peak(store_url_factory(), large)
    assert (small_report.entries, large_report.entries) == (1_000, 4_000)
    assert large_report.events == {"LISTED": 4_000}
    # The whole-file import this replaced held ~2 KB per entry: 4x the entries, ~4x the peak.
    assert large_peak < 1.6 * small_peak, (small_peak, large_peak)


def test_a_repeated_entry_key_keeps_the_first_and_warns(
    tmp_path: Path, store_url_factory: Callable[[], str]
) -> None:
    """A (list, key) a publication shows twice counts once, whether the repeat is in the same part or a later one."""
    lines = (FIXTURES / "ftm" / "entities_2020-01-10.ftm.json").read_text(encoding="utf-8").splitlines()
    moved = json.loads(next(line for line in lines if '"Sanction"' in line))
    moved["properties"]["startDate"] = ["1999-01-01"]
    path = tmp_path / "repeat.json"
    path.write_text("\n".join([*lines, json.dumps(moved)]) + "\n", encoding="utf-8")
    for size in (1, 10**6):
        reg = designations.open(store_url_factory(), seeds=False)
        report = reg.import_file(path, published="2020-01-10", part_size=size)
        assert any("appears again" in w for w in report.warnings), report.warnings
        with reg.store.engine.connect() as conn:
            count = conn.scalar(text("SELECT count(*) FROM publication_entry WHERE entry_key = :k"),
                                {"k": moved["id"]})
            listed = conn.scalar(text("SELECT effective_from FROM event WHERE key LIKE :k"),
                                 {"k": f"%:{moved['id']}:LISTED:%"})
        assert count == 1
        assert str(listed) != "1999-01-01"  # the first occurrence's date, not the repeat's
        reg.close()


def test_a_file_recorded_by_another_import_meanwhile_is_a_duplicate(
    tmp_path: Path, store_url_factory: Callable[[], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file hash is checked again once the writer holds the lock: a race records nothing twice."""
    reg = designations.open(store_url_factory(), seeds=False)
    path = FIXTURES / "un" / "consolidated_2020-01-10.xml"
    reg.import_file(path)
    before = logical_dump(reg.store.engine)
    real = reads.has_publication
    calls: list[bool] = []

    def first_look_misses(conn: Any, sha256: str) -> bool:
        calls.append(True)
        return False if len(calls) == 1 else real(conn, sha256)

    monkeypatch.setattr(reads, "has_publication", first_look_misses)
    report = reg.import_file(path)
    assert report.duplicate
    assert len(calls) == 2
    assert logical_dump(reg.store.engine) == before
    reg.close()
