"""Specs for the FollowTheMoney JSON lines reader."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from designations.dates import Precision
from designations.formats import Entry, Tombstone, ftm
from designations.model import Identifier


def test_sanctions_join_their_targets(fixtures):
    """Each Sanction becomes an entry named after its target, whatever the line order."""
    entries = {e.key: e for e in ftm.read(fixtures / "ftm/entities_2020-01-10.ftm.json").entries}

    assert "Alpha Beta" == entries["s1"].name
    assert ["Abu Alpha"] == [a.value for a in entries["s1"].aliases]
    assert "ftm-example-list" == entries["s1"].list_id
    assert Identifier("ofac", "901") in entries["s1"].identifiers


def test_partial_dates_keep_precision(fixtures):
    """startDate 2019 is a year window, 2018-03 a month window."""
    entries = {e.key: e for e in ftm.read(fixtures / "ftm/entities_2020-01-10.ftm.json").entries}

    assert Precision.YEAR == entries["s1"].listed_on.precision
    assert Precision.MONTH == entries["s2"].listed_on.precision


def test_end_date_has_its_own_field(fixtures):
    """endDate is the entry's end_date, with the status beside it; it is not a reported removal."""
    entries = {e.key: e for e in ftm.read(fixtures / "ftm/entities_2020-01-10.ftm.json").entries}

    assert ("2019-12-31", "expired", None) == (
        str(entries["s3"].end_date), entries["s3"].status, entries["s3"].removed_on)


def test_target_without_sanction(fixtures):
    """A flagged target with no Sanction entity is one undated entry per dataset."""
    entries = {e.key: e for e in ftm.read(fixtures / "ftm/entities_2020-01-10.ftm.json").entries}

    assert "Zeta Eta" == entries["p7"].name
    assert entries["p7"].listed_on is None


def test_delta_file(fixtures):
    """A delta file is incomplete; DEL ops are tombstones."""
    pub = ftm.read(fixtures / "ftm/entities_2020-06-15.delta.json")
    items = list(pub.entries)

    assert not pub.complete
    assert [Tombstone(key="s5", line=1, target=Identifier("ftm", "s5"), scope="ftm-")] == [
        i for i in items if isinstance(i, Tombstone)]
    assert {"s1", "s8"} == {i.key for i in items if isinstance(i, Entry)}


def test_partial_date_with_time():
    """A date with a time keeps its day."""
    assert "2024-03-01" == str(
        ftm.partial_date("2024-03-01T10:00:00", path=Path("x"), line=1, field="startDate")
    )


@pytest.mark.shared_data
def test_real_sanctions_delta(shared_data):
    """The yente delta extract: Ukraine NSDC sanction with start and end dates, 30 DELs."""
    pub = ftm.read(
        shared_data / "opensanctions/yente_sanctions_delta_2024/entities.delta.extract.json"
    )
    items = list(pub.entries)
    entries = [i for i in items if isinstance(i, Entry)]
    ended = [e for e in entries if e.list_id == "ftm-ua-nsdc-sanctions" and e.end_date]

    assert 30 == sum(isinstance(i, Tombstone) for i in items)
    assert ended
    assert pub.warnings


@pytest.mark.shared_data
def test_real_t1_entities(shared_data):
    """The yente t1 file: six flagged eu_fsf targets."""
    entries = list(ftm.read(shared_data / "opensanctions/yente_t1/entities.ftm.json").entries)

    assert {"ftm-eu-fsf"} == {e.list_id for e in entries}


def _sanction(key, *targets):
    return {"id": key, "schema": "Sanction", "properties": {"entity": list(targets)},
            "datasets": ["example"]}


def _person(key, **extra):
    return {"id": key, "schema": "Person", "properties": {"name": [f"Name {key}"]},
            "datasets": ["example"], **extra}


def _write(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def _read(path):
    pub = ftm.read(path)
    return [(e.key, e.name, e.line) for e in pub.entries], pub.warnings


JOINS = [_sanction("s1", "p1"), _sanction("s2", "p1", "p2"), _sanction("s3", "px"),
         _sanction("s4", "p2", "py"), _person("p1"), _person("p2"), _sanction("s5", "px")]


def test_several_sanctions_per_target(tmp_path):
    """Every sanction on a target is joined to it, in file order, and one sanction may name two."""
    entries, _warnings = _read(_write(tmp_path / "f.json", JOINS))

    assert [("s1", "Name p1", 5), ("s2", "Name p1", 5), ("s2", "Name p2", 6),
            ("s4", "Name p2", 6)] == entries


def test_duplicate_target_line_is_joined_once(tmp_path):
    """A target's sanctions join its first line only; a later flagged copy is a bare entry."""
    rows = [_sanction("s1", "p1"), _person("p1"), _person("p1"), _person("p1", target=True)]
    entries, _warnings = _read(_write(tmp_path / "f.json", rows))

    assert [("s1", "Name p1", 2), ("p1", "Name p1", 4)] == entries


def test_missing_targets_are_warned_per_target(tmp_path):
    """Sanctions whose target never appears are counted per target, first named first."""
    _entries, warnings = _read(_write(tmp_path / "f.json", JOINS))

    assert ["2 sanction(s) on 'px' skipped: target not in the file",
            "1 sanction(s) on 'py' skipped: target not in the file"] == warnings


def test_hash_collisions_join_nothing_wrong(tmp_path, monkeypatch):
    """With every target id hashing alike, each sanction still joins only its own targets."""
    path = _write(tmp_path / "f.json", [*JOINS, _sanction("s6", "p3", "p3"), _person("p3")])
    expected = _read(path)
    monkeypatch.setattr(ftm, "target_hash", lambda _target: 42)

    assert expected == _read(path)


def test_index_memory_is_bounded(tmp_path):
    """The sanction index peaks near 34 bytes a sanction; a dict of target ids took over 100."""
    count = 30_000
    path = _write(tmp_path / "big.json", (_sanction(f"s{i}", f"t{i}") for i in range(count)))
    tracemalloc.start()
    try:
        index = ftm._index(path)  # noqa: SLF001 - the spec measures the private index itself
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert count == len(index.keys)
    assert peak < 48 * count
