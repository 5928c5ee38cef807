"""Specs for `designations screen` as a user runs it (in process; the first spec as a real process)."""

from __future__ import annotations

import csv
import json
import os
import pathlib

import pytest

from .runner import Ran, invoke, spawn


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    db = tmp_path_factory.mktemp("cli") / "t.db"
    return {**os.environ, "DESIGNATIONS_DATABASE_URL": f"sqlite:///{db}"}


def _run(env: dict[str, str], *args: str, process: bool = False) -> Ran:
    return spawn("screen", *args, env=env) if process else invoke("screen", *args, env=env)


def _csv(path: pathlib.Path, text: str) -> pathlib.Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_hit_in_force_exits_zero_and_writes_rows(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """A name designated on the day exits 0 and writes one row per hit and jurisdiction."""
    src = _csv(tmp_path / "in.csv", "name,date\nТалибан,2024-06-01\nJohn Smith,2024-06-01\n")
    out = tmp_path / "hits.csv"
    done = _run(env, str(src), "--column", "name", "--date-column", "date", "--in", "RU",
                "--out", str(out), process=True)
    expected = (0, [("Талибан", "taliban", "RU", "2024-06-01")])

    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    actual = (done.returncode, [(r["query"], r["subject_id"], r["jurisdiction"], r["on"]) for r in rows])

    assert expected == actual, done.stderr


def test_no_hit_exits_one(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """Names that match nothing exit 1."""
    src = _csv(tmp_path / "in.csv", "name\nJohn Smith\n")
    expected = 1

    actual = _run(env, str(src), "--column", "name", "--on", "2024-06-01",
                  "--out", str(tmp_path / "h.csv")).returncode

    assert expected == actual


def test_json_output_carries_matcher_and_receipts(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """The JSON report names the matcher and holds the receipts."""
    src = _csv(tmp_path / "in.csv", "name\nTaleban\n")
    out = tmp_path / "h.json"
    _run(env, str(src), "--column", "name", "--on", "2024-06-01", "--in", "RU", "--out", str(out))
    expected = (True, True)

    data = json.loads(out.read_text(encoding="utf-8"))
    actual = (data["matcher"].startswith("designations.matching/"), bool(data["receipts"]))

    assert expected == actual


def test_missing_column_is_a_one_line_error(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """An unknown column exits 2 with one line naming the file, and no traceback."""
    src = _csv(tmp_path / "in.csv", "name\nTaleban\n")
    done = _run(env, str(src), "--column", "nom", "--out", str(tmp_path / "h.csv"))
    expected = (2, 1, True)

    actual = (done.returncode, len(done.stderr.strip().splitlines()), "in.csv" in done.stderr)

    assert expected == actual, done.stderr


def test_bad_date_names_the_line(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """A bad date in the date column exits 2 naming the file and the line."""
    src = _csv(tmp_path / "in.csv", "name,date\nTaleban,2024-06-01\nHamas,2024-13-01\n")
    done = _run(env, str(src), "--column", "name", "--date-column", "date",
                "--out", str(tmp_path / "h.csv"))
    expected = (2, True)

    actual = (done.returncode, "line 3" in done.stderr)

    assert expected == actual, done.stderr
