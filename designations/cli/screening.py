"""
`designations screen`: screen a customer file of names; every input row and column comes back with its result.

Input: CSV (delimiter sniffed, BOM handled), TSV, JSON lines or Excel `.xlsx` (the `excel` extra),
chosen by suffix or `--input-format`. Output: CSV, JSON lines or JSON, to a file or to standard
output (`--out -`); one row per input row and hit and jurisdiction, input columns first. A row
that cannot be screened (no name, an unreadable day) is reported in the output (`problem`) and in
the summary, unless `--strict` makes it an error. The input is never overwritten.

Exit codes follow `designations status`: 0 some hit's designation is in force, 4 only a part,
3 a hit whose status is unknown or uncertain and none in force, 1 no such hit, 2 an error
(one line on stderr naming the file, line or column).
"""

from __future__ import annotations

import csv
import json
import pathlib
import sys
from collections.abc import Iterator
from typing import IO, Any

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
from designations.errors import DesignationsError, InvalidDateError
from designations.matching import DEFAULT_THRESHOLD
from designations.tables import FORMATS, InputTable, read_table

__all__ = ["screen_command"]

_FIELDS = ("row", "query", "on", "subject_id", "subject", "kind", "matched_name", "score",
           "reason", "jurisdiction", "list", "state", "in_force", "certain", "event_ids",
           "data_version")
_RESULT = ("line", "problem", *_FIELDS[1:])
"""The result columns written after the input's own: `line` is where the row was in the input."""
_OUT_FORMATS = ("csv", "jsonl", "json")


def _fail(message: str) -> click.ClickException:
    return click.ClickException(message)


def _records(table: InputTable, report: Any, *, explain: bool = False) -> Iterator[dict[str, Any]]:  # noqa: ANN401
    """Every input row in input order, with its columns, then one record per hit and jurisdiction (or none)."""
    by_row: dict[int, list[dict[str, Any]]] = {}
    for record in report.to_records():
        by_row.setdefault(record["row"], []).append(record)
    # a result column named like an input column is written as `result_<name>`: nothing of the input is lost
    result = (*_RESULT, "explanation") if explain else _RESULT
    names = {k: (f"result_{k}" if k in table.columns else k) for k in result}
    good = 0
    for row in table.rows:
        base: dict[str, Any] = {**row.fields, **dict.fromkeys(names.values())}
        base[names["line"]] = row.line
        base[names["query"]] = row.name
        base[names["data_version"]] = report.data_version  # every row: the one version the batch answered from
        if row.problem:
            base[names["problem"]] = row.problem
            yield base
            continue
        good += 1
        hits = by_row.get(good, [])
        if not hits:
            base[names["on"]] = report.results[good - 1].on
            yield base
            continue
        for hit in hits:
            yield {**base, **{names[k]: v for k, v in hit.items() if k in names}}


def _write(table: InputTable, report: Any, target: IO[str], kind: str,  # noqa: ANN401 - ScreeningReport
           *, explain: bool = False) -> None:
    records = list(_records(table, report, explain=explain))
    if kind == "json":
        data = {**report.to_dict(), "input": {"path": str(table.path), "format": table.format,
                                               "rows": len(table.rows), "bad_rows": len(table.bad)},
                "rows": records}
        target.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    elif kind == "jsonl":
        for record in records:
            target.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    else:
        fields = list(dict.fromkeys(k for r in records for k in r)) or [*table.columns, *_RESULT]
        writer = csv.DictWriter(target, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(csv_safe_row(r) for r in records)


def _out_kind(out: str, out_format: str | None, as_json: bool) -> str:
    if as_json:
        return "json"
    if out_format:
        return out_format
    suffix = pathlib.Path(out).suffix.lower()
    return {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}.get(suffix, "csv")


@click.command("screen")
@click.argument("input_file", metavar="INPUT",
                type=click.Path(exists=True, dir_okay=False, path_type=pathlib.Path))
@click.option("--column", required=True, help="Column holding the names.")
@click.option("--date-column", default=None, help="Column holding each row's own day.")
@click.option("--on", default=None, metavar="DATE", help="Day for rows without their own.")
@click.option("--threshold", default=DEFAULT_THRESHOLD, show_default=True,
              type=click.FloatRange(0.0, 1.0), help="Lowest score reported.")
@click.option("--contains-threshold", default=None, type=click.FloatRange(0.0, 1.0, min_open=True),
              help="Lowest score of a `contains` hit, a name holding a listed organisation's whole name "
                   "(scored 0.88); default: --threshold.")
@click.option("--in", "jurisdictions", multiple=True, metavar="CODE",
              help="Jurisdiction to report (repeat; default every one with lists).")
@click.option("--since", default=None, metavar="DATE",
              help="Screen only against subjects changed since this day.")
@click.option("--input-format", type=click.Choice(FORMATS), default=None,
              help="The input's format (default: from its suffix; CSV when unknown).")
@click.option("--out", "out", required=True, metavar="FILE|-",
              help="Where to write: a file (.csv, .jsonl or .json) or - for standard output.")
@click.option("--out-format", type=click.Choice(_OUT_FORMATS), default=None,
              help="The output's format (default: from --out's suffix; CSV for standard output).")
@click.option("--json", "as_json", is_flag=True, help="Write JSON whatever the suffix (as --out-format json).")
@click.option("--strict", is_flag=True, help="A row without a name or with an unreadable day is an error (exit 2).")
@click.option("--explain", is_flag=True,
              help="Explain each hit: an `explanation` column (text), or an `explanation` object per hit in JSON.")
@click.option("--url", envvar="DESIGNATIONS_DATABASE_URL", default=None,
              help="SQLAlchemy URL of the store (default: the embedded SQLite file).")
def screen_command(
    input_file: pathlib.Path, column: str, date_column: str | None, on: str | None,
    threshold: float, contains_threshold: float | None, jurisdictions: tuple[str, ...], since: str | None,
    input_format: str | None,
    out: str, out_format: str | None, as_json: bool, strict: bool, explain: bool, url: str | None,
) -> int:
    """Screen the names in a column of INPUT; exit 0 a hit in force, 4 only a part, 1 none, 3 unknown."""
    if out != "-" and pathlib.Path(out).exists() and pathlib.Path(out).resolve() == input_file.resolve():
        raise _fail(f"{out}: --out is the input file; screening never overwrites its input")
    table = read_table(input_file, column, date_column, format=input_format, strict=strict)
    reg = open_registry(url)
    try:
        report = reg.screen([(r.name, r.day) for r in table.good], on=on, threshold=threshold,
                            jurisdictions=jurisdictions or None, since=since, explain=explain,
                            contains_threshold=contains_threshold)
    except InvalidDateError as exc:
        raise _fail(f"{input_file}: {exc}") from exc
    except DesignationsError:
        raise
    kind = _out_kind(out, out_format, as_json)
    if out == "-":
        _write(table, report, sys.stdout, kind, explain=explain)
    else:
        with pathlib.Path(out).open("w", encoding="utf-8", newline="") as fh:
            _write(table, report, fh, kind, explain=explain)
    bad = f", {len(table.bad)} not screened (see `problem`)" if table.bad else ""
    click.echo(f"screened {len(table.good)} of {len(table.rows)} rows{bad}: {len(report.hits)} with hits "
               f"({report.matcher}; data version {report.data_version or 'empty store'}); "
               f"wrote {'standard output' if out == '-' else out}", err=True)
    if report.in_force:
        return EXIT_IN_FORCE
    if report.partly_in_force:
        return EXIT_PART_IN_FORCE
    if report.uncertain:
        return EXIT_UNKNOWN
    return EXIT_NOT_IN_FORCE


_ = EXIT_ERROR  # errors leave through designations.cli.main with this code
