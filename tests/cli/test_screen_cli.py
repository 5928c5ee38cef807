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
    """A name designated on the day exits 0; every input row is written, a hit once per jurisdiction."""
    src = _csv(tmp_path / "in.csv", "name,date\nТалибан,2024-06-01\nJohn Smith,2024-06-01\n")
    out = tmp_path / "hits.csv"
    done = _run(env, str(src), "--column", "name", "--date-column", "date", "--in", "RU",
                "--out", str(out), process=True)
    expected = (0, [("Талибан", "taliban", "RU", "2024-06-01"), ("John Smith", "", "", "2024-06-01")])

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


def test_with_strict_a_bad_date_is_an_error_naming_the_line(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """With --strict a bad date in the date column exits 2 naming the file and the line."""
    src = _csv(tmp_path / "in.csv", "name,date\nTaleban,2024-06-01\nHamas,2024-13-01\n")
    done = _run(env, str(src), "--column", "name", "--date-column", "date", "--strict",
                "--out", str(tmp_path / "h.csv"))
    expected = (2, True)

    actual = (done.returncode, "line 3" in done.stderr)

    assert expected == actual, done.stderr


# -- real customer files ------------------------------------------------------------------------


def _rows(path: pathlib.Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))


def test_bad_rows_are_reported_not_fatal(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """An empty name and an impossible day are written with their reason and counted; the rest is screened."""
    src = _csv(tmp_path / "in.csv", "id,name,date\nC1,Taleban,2024-06-01\nC2,,2024-06-01\nC3,Hamas,2024-13-01\n")
    out = tmp_path / "h.csv"
    done = _run(env, str(src), "--column", "name", "--date-column", "date", "--in", "RU", "--out", str(out))
    rows = {r["id"]: r for r in _rows(out)}

    assert done.returncode == 0, done.stderr
    assert rows["C1"]["subject_id"] == "taliban"
    assert rows["C2"]["problem"] == "column 'name' is empty"
    assert "2024-13-01" in rows["C3"]["problem"]
    assert (rows["C2"]["line"], rows["C3"]["line"]) == ("3", "4")
    assert "screened 1 of 3 rows, 2 not screened" in done.stderr


def test_every_input_column_travels_with_its_result(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """Customer ids and other columns come back beside each result; a clashing name gets a result_ prefix."""
    src = _csv(tmp_path / "in.csv", "customer_id,name,state,branch\n0042,Taleban,open,Leeds\n")
    out = tmp_path / "h.csv"
    _run(env, str(src), "--column", "name", "--on", "2024-06-01", "--in", "RU", "--out", str(out))
    row = _rows(out)[0]

    assert (row["customer_id"], row["state"], row["branch"]) == ("0042", "open", "Leeds")
    assert (row["subject_id"], row["result_state"]) == ("taliban", "LISTED")


@pytest.mark.parametrize(("name", "text"), [
    ("semicolons.csv", "\ufeffcustomer;name\nA1;Taleban\n"),
    ("tabs.tsv", "customer\tname\nA1\tTaleban\n"),
    ("lines.jsonl", '{"customer": "A1", "name": "Taleban"}\n\n'),
])
def test_csv_dialects_tsv_and_json_lines_are_read(env: dict[str, str], tmp_path: pathlib.Path,
                                                   name: str, text: str) -> None:
    """A semicolon CSV with a byte-order mark, a TSV and JSON lines give the same screened row."""
    src = _csv(tmp_path / name, text)
    out = tmp_path / "h.csv"
    done = _run(env, str(src), "--column", "name", "--on", "2024-06-01", "--in", "RU", "--out", str(out))
    row = _rows(out)[0]

    assert done.returncode == 0, done.stderr
    assert (row["customer"], row["query"], row["subject_id"]) == ("A1", "Taleban", "taliban")


def test_an_excel_workbook_is_read(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """The first sheet of an .xlsx file: header row, then rows; dates and numbers read as text."""
    openpyxl = pytest.importorskip("openpyxl")
    import datetime as dt  # noqa: PLC0415

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["customer", "name", "date"])
    sheet.append([42, "Taleban", dt.datetime(2025, 6, 1)])  # noqa: DTZ001 - spreadsheet cells hold naive days
    sheet.append([43, "John Smith", dt.datetime(2024, 6, 1)])  # noqa: DTZ001
    src = tmp_path / "customers.xlsx"
    book.save(src)
    out = tmp_path / "h.jsonl"
    done = _run(env, str(src), "--column", "name", "--date-column", "date", "--in", "RU", "--out", str(out))
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]

    assert done.returncode == 1, done.stderr  # suspended in Russia on 2025-06-01: no hit in force
    assert [(r["customer"], r["on"], r["state"]) for r in rows] == [("42", "2025-06-01", "SUSPENDED"),
                                                                     ("43", "2024-06-01", None)]


def test_out_dash_writes_to_standard_output(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """`--out -` writes the table to standard output (CSV by default, JSON lines on request)."""
    src = _csv(tmp_path / "in.csv", "name\nTaleban\n")
    as_csv = _run(env, str(src), "--column", "name", "--on", "2024-06-01", "--in", "RU", "--out", "-")
    as_lines = _run(env, str(src), "--column", "name", "--on", "2024-06-01", "--in", "RU", "--out", "-",
                    "--out-format", "jsonl")

    assert next(iter(csv.DictReader(as_csv.stdout.splitlines())))["subject_id"] == "taliban"
    assert json.loads(as_lines.stdout.splitlines()[0])["subject_id"] == "taliban"


def test_the_input_is_never_overwritten(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """--out naming the input file is refused before anything is written."""
    src = _csv(tmp_path / "in.csv", "name\nTaleban\n")
    done = _run(env, str(src), "--column", "name", "--out", str(src))

    assert done.returncode == 2
    assert src.read_text(encoding="utf-8") == "name\nTaleban\n"


def test_a_file_that_is_not_a_table_is_one_line_naming_it(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """Bytes that are not UTF-8, or JSON lines that are not objects: exit 2 and one line naming the file."""
    latin = tmp_path / "latin.csv"
    latin.write_bytes("name\nJos\xe9\n".encode("latin-1"))
    lines = _csv(tmp_path / "lines.jsonl", '["Taleban"]\n')
    for path, reason in ((latin, "not UTF-8"), (lines, "line 1: each line must be a JSON object")):
        done = _run(env, str(path), "--column", "name", "--out", str(tmp_path / "h.csv"))
        assert done.returncode == 2
        assert len(done.stderr.strip().splitlines()) == 1
        assert reason in done.stderr
        assert path.name in done.stderr


def test_a_json_line_without_the_name_is_a_bad_row(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """In JSON lines a row may lack the name key: it is reported like an empty name, not screened."""
    src = _csv(tmp_path / "in.jsonl", '{"id": 1, "name": "Taleban"}\n{"id": 2}\n')
    out = tmp_path / "h.jsonl"
    done = _run(env, str(src), "--column", "name", "--on", "2024-06-01", "--in", "RU", "--out", str(out))
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]

    assert done.returncode == 0, done.stderr
    assert [(r["id"], r["problem"]) for r in rows] == [("1", None), ("2", "column 'name' is empty")]


def test_every_row_and_the_summary_name_the_one_data_version(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """Hits, misses and bad rows all carry the batch's data version, which the summary and the JSON repeat."""
    src = _csv(tmp_path / "in.csv", "name,date\nTaleban,2024-06-01\nJohn Smith,2024-06-01\n,2024-06-01\n")
    out, js = tmp_path / "h.csv", tmp_path / "h.json"
    done = _run(env, str(src), "--column", "name", "--date-column", "date", "--in", "RU", "--out", str(out))
    _run(env, str(src), "--column", "name", "--date-column", "date", "--in", "RU", "--out", str(js))
    versions = {r["data_version"] for r in _rows(out)}
    version = json.loads(js.read_text(encoding="utf-8"))["data_version"]
    expected = ({version}, True, 3)

    actual = (versions, f"data version {version})" in done.stderr, len(_rows(out)))

    assert expected == actual
    assert version


def test_a_new_process_reuses_the_index_the_first_one_wrote(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """The first screen writes `<store>.names-<key>.idx` beside the store; a second process reads it unchanged."""
    src = _csv(tmp_path / "in.csv", "name\nTaleban\n")
    store = pathlib.Path(env["DESIGNATIONS_DATABASE_URL"].removeprefix("sqlite:///"))
    _run(env, str(src), "--column", "name", "--on", "2024-06-01", "--out", str(tmp_path / "a.csv"), process=True)
    first = [(p.name, p.stat().st_ino, p.stat().st_mtime_ns) for p in store.parent.glob(f"{store.name}.names-*.idx")]

    done = _run(env, str(src), "--column", "name", "--on", "2024-06-01", "--out", str(tmp_path / "b.csv"),
                process=True)
    again = [(p.name, p.stat().st_ino, p.stat().st_mtime_ns) for p in store.parent.glob(f"{store.name}.names-*.idx")]

    assert 0 == done.returncode, done.stderr
    assert 1 == len(first)
    assert first == again
    assert (tmp_path / "a.csv").read_text(encoding="utf-8") == (tmp_path / "b.csv").read_text(encoding="utf-8")


def test_explain_adds_an_explanation_to_each_hit(env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """--explain: a CSV `explanation` column on hit rows (the words paired, the event and receipt); JSON objects."""
    src = _csv(tmp_path / "in.csv", "name\nTaleban\nJohn Smith\n")
    out, js = tmp_path / "h.csv", tmp_path / "h.json"
    _run(env, str(src), "--column", "name", "--on", "2024-06-01", "--in", "RU", "--explain", "--out", str(out))
    _run(env, str(src), "--column", "name", "--on", "2024-06-01", "--in", "RU", "--explain", "--out", str(js))
    rows = _rows(out)
    why = json.loads(js.read_text(encoding="utf-8"))["hits"][0]["candidates"][0]["explanation"]
    event = why["statuses"][0]["event"]["id"]

    assert why["reason"] == "exact"
    assert [p["query"] for p in why["parts"]] == ["taliban"]
    assert rows[0]["explanation"].startswith("why: exact 1.00: ")
    assert f"RU: LISTED since 2006-07-28 on ru-terrorist-organisations; event {event} LISTED" in rows[0]["explanation"]
    assert f"receipt: events {event}" in rows[0]["explanation"]
    assert "" == rows[1]["explanation"]


def test_contains_threshold_lets_a_name_holding_a_listed_organisation_alert(
        env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """
    'Taliban Money Exchange' holds the Taliban's whole name (0.88, reason `contains`): at the default threshold
    it does not alert (exit 1); with --contains-threshold 0.85 it does (exit 0, in force in RU), for that reason.
    """
    src = _csv(tmp_path / "in.csv", "name\nTaliban Money Exchange\n")
    out = tmp_path / "h.jsonl"
    plain = _run(env, str(src), "--column", "name", "--on", "2024-06-01", "--in", "RU", "--out", str(out))
    loose = _run(env, str(src), "--column", "name", "--on", "2024-06-01", "--in", "RU",
                 "--contains-threshold", "0.85", "--out", str(out))
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]

    assert (1, 0) == (plain.returncode, loose.returncode), loose.stderr
    assert [("taliban", "contains")] == [(r["subject_id"], r["reason"]) for r in rows]
