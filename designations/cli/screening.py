"""
`designations screen`: screen a CSV column of names, write one row per name and hit.

Exit codes follow `designations status`: 0 some hit's designation is in force,
1 no such hit, 3 a hit whose status is unknown or uncertain and none in force,
2 an error (one line on stderr naming the file and line or column).
"""

from __future__ import annotations

import csv
import json
import pathlib
from typing import Any

import click

from designations.cli import (
    EXIT_ERROR,
    EXIT_IN_FORCE,
    EXIT_NOT_IN_FORCE,
    EXIT_PART_IN_FORCE,
    EXIT_UNKNOWN,
    open_registry,
)
from designations.cli.output import csv_safe_row
from designations.dates import parse_date
from designations.errors import DesignationsError, InvalidDateError
from designations.matching import DEFAULT_THRESHOLD

__all__ = ["screen_command"]

_FIELDS = ("row", "query", "on", "subject_id", "subject", "kind", "matched_name", "score",
           "reason", "jurisdiction", "list", "state", "in_force", "certain", "event_ids",
           "data_version")


def _fail(message: str) -> click.ClickException:
    return click.ClickException(message)


def _read_rows(path: pathlib.Path, column: str, date_column: str | None) -> list[tuple[str, Any]]:
    """Read (name, day) pairs; errors name the file, the line and the column."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            for wanted in (column, date_column):
                if wanted is not None and wanted not in header:
                    known = ", ".join(header) or "none"
                    raise _fail(f"{path}: line 1: no column {wanted!r} (columns: {known})")
            rows: list[tuple[str, Any]] = []
            for record in reader:
                line = reader.line_num
                name = (record.get(column) or "").strip()
                if not name:
                    raise _fail(f"{path}: line {line}: column {column!r} is empty")
                day = (record.get(date_column) or "").strip() if date_column else None
                if day:
                    try:
                        parse_date(day, field=date_column or "date")
                    except InvalidDateError as exc:
                        raise _fail(f"{path}: line {line}: {exc}") from exc
                rows.append((name, day or None))
            return rows
    except UnicodeDecodeError as exc:
        raise _fail(f"{path}: not UTF-8 text ({exc.reason})") from exc
    except csv.Error as exc:
        raise _fail(f"{path}: line {reader.line_num}: {exc}") from exc


def _write(report: Any, out: pathlib.Path, *, as_json: bool) -> None:  # noqa: ANN401 - ScreeningReport
    if as_json or out.suffix.lower() == ".json":
        out.write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n",
                       encoding="utf-8")
        return
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=_FIELDS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(csv_safe_row(r) for r in report.to_records())


@click.command("screen")
@click.argument("input_csv", metavar="INPUT.csv",
                type=click.Path(exists=True, dir_okay=False, path_type=pathlib.Path))
@click.option("--column", required=True, help="Column holding the names.")
@click.option("--date-column", default=None, help="Column holding each row's own day.")
@click.option("--on", default=None, metavar="DATE", help="Day for rows without their own.")
@click.option("--threshold", default=DEFAULT_THRESHOLD, show_default=True,
              type=click.FloatRange(0.0, 1.0), help="Lowest score reported.")
@click.option("--in", "jurisdictions", multiple=True, metavar="CODE",
              help="Jurisdiction to report (repeat; default every one with lists).")
@click.option("--since", default=None, metavar="DATE",
              help="Screen only against subjects changed since this day.")
@click.option("--out", "out", required=True,
              type=click.Path(dir_okay=False, writable=True, path_type=pathlib.Path),
              help="Output file: .csv (one row per name, hit and jurisdiction) or .json.")
@click.option("--json", "as_json", is_flag=True, help="Write JSON whatever the suffix.")
@click.option("--url", envvar="DESIGNATIONS_DATABASE_URL", default=None,
              help="SQLAlchemy URL of the store (default: the embedded SQLite file).")
def screen_command(
    input_csv: pathlib.Path, column: str, date_column: str | None, on: str | None,
    threshold: float, jurisdictions: tuple[str, ...], since: str | None, out: pathlib.Path,
    as_json: bool, url: str | None,
) -> int:
    """Screen the names in a CSV column; exit 0 a hit in force, 4 only a part, 1 none, 3 unknown."""
    if out.exists() and input_csv.exists() and out.resolve() == input_csv.resolve():
        raise _fail(f"{out}: --out is the input file; screening never overwrites its input")
    rows = _read_rows(input_csv, column, date_column)
    reg = open_registry(url)
    try:
        report = reg.screen(rows, on=on, threshold=threshold, jurisdictions=jurisdictions or None, since=since)
    except InvalidDateError as exc:
        raise _fail(f"{input_csv}: {exc}") from exc
    except DesignationsError:
        raise
    _write(report, out, as_json=as_json)
    click.echo(f"screened {len(report.results)} names: {len(report.hits)} with hits "
               f"({report.matcher}); wrote {out}", err=True)
    if report.in_force:
        return EXIT_IN_FORCE
    if report.partly_in_force:
        return EXIT_PART_IN_FORCE
    if report.uncertain:
        return EXIT_UNKNOWN
    return EXIT_NOT_IN_FORCE


_ = EXIT_ERROR  # errors leave through designations.cli.main with this code
