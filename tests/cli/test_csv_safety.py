"""CSV the library writes never carries a live spreadsheet formula."""

from __future__ import annotations

import csv
import pathlib

import pytest

import designations
from designations.cli import main
from designations.seed_reader import load_seeds

WORLD = pathlib.Path(__file__).parent.parent / "fixtures" / "seeds_answers"
SOURCE = {"title": "Test source", "url": "https://example.org/source"}


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "@SUM(A1:A2)", "\t=1+1"])
def test_snapshot_csv_neutralises_formulas(store_url: str, capsys: pytest.CaptureFixture[str], name: str) -> None:
    """A name that starts like a formula is written with a leading apostrophe, as text."""
    reg = designations.open(store_url, seeds=False)
    reg.sync_seeds(load_seeds(WORLD))
    reg.record(name, "kz-test", "LISTED", effective="2024-01-01", sources=[SOURCE], create=True)
    reg.close()

    code = main(["snapshot", "kz-test", "--on", "2024-06-01", "--csv", "--url", store_url])

    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    written = [r["subject"] for r in rows if r["subject_id"] not in ("taliban", "hamas", "al-nusrah-front")]
    assert 0 == code
    assert ["'" + " ".join(name.split())] == written  # stored names fold white space


def test_screen_refuses_to_overwrite_its_input(tmp_path: pathlib.Path, store_url: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """`--out` naming the input file is an error (exit 2), and the input is unchanged."""
    source = tmp_path / "customers.csv"
    source.write_text("name\nTaliban\n", encoding="utf-8")
    code = main(["screen", str(source), "--column", "name", "--out", str(source), "--url", store_url])

    assert (2, "name\nTaliban\n") == (code, source.read_text(encoding="utf-8"))
    assert "never overwrites its input" in capsys.readouterr().err
