"""Specs for `designations import` and `designations export` (in process; the bad-file spec as a real process)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from .runner import Ran, invoke, spawn

FIXTURES = Path(__file__).parents[1] / "fixtures"


def run(tmp_path: Path, *args: str, db: str = "reg.db", process: bool = False) -> Ran:
    """`designations ARGS` on the store `db` under `tmp_path` (named by the environment, as a cron job does)."""
    env = {**os.environ, "DESIGNATIONS_DATABASE_URL": f"sqlite:///{tmp_path / db}"}
    return spawn(*args, env=env, timeout=300) if process else invoke(*args, env=env)


def test_import_reports_counts(tmp_path):
    """A successful import exits 0 and prints the events recorded."""
    result = run(tmp_path, "import", "un", str(FIXTURES / "un/consolidated_2020-01-10.xml"))

    assert 0 == result.returncode
    assert "LISTED" in result.stdout


def test_import_json(tmp_path):
    """--json prints the import report."""
    result = run(
        tmp_path, "import", "auto", str(FIXTURES / "un/consolidated_2020-01-10.xml"), "--json"
    )

    assert "2020-01-10" == json.loads(result.stdout)["published"]


def test_import_with_published(tmp_path):
    """--published supplies the date a CSV lacks."""
    result = run(
        tmp_path,
        "import",
        "ofac-csv",
        str(FIXTURES / "ofac-csv/2020-01-10"),
        "--published",
        "2020-01-10",
        "--json",
    )

    assert (0, "2020-01-10") == (result.returncode, json.loads(result.stdout)["published"])


def test_bad_file_exits_2_with_one_line(tmp_path):
    """A bad file exits 2 with one stderr line naming file, line and field, no traceback (a real process)."""
    result = run(tmp_path, "import", "un", str(FIXTURES / "bad/un_bad_date.xml"), process=True)
    lines = result.stderr.strip().splitlines()

    assert 2 == result.returncode
    assert 1 == len(lines)
    assert "un_bad_date.xml: line 4: LISTED_ON" in lines[0]
    assert "Traceback" not in result.stderr


def test_export_then_import_round_trips(tmp_path):
    """Export to FtM and import into a fresh store: the same subjects are listed again."""
    run(tmp_path, "import", "un", str(FIXTURES / "un/consolidated_2020-01-10.xml"))
    out = tmp_path / "export.ftm.json"
    exported = run(tmp_path, "export", "--format", "ftm", "--out", str(out))
    back = run(
        tmp_path, "import", "ftm", str(out), "--published", "2021-01-01", "--json", db="fresh.db"
    )
    report = json.loads(back.stdout)
    names = {json.loads(line)["caption"] for line in out.read_text().splitlines()}

    assert (0, 0) == (exported.returncode, back.returncode)
    assert "EXAMPLE NETWORK" in names  # a fixture entity no shipped subject shares an identifier with
    assert report["events"]["LISTED"] > 0
