"""
Customer files of names to screen: CSV (dialect sniffed, BOM handled), TSV, JSON lines and Excel.

Every row keeps all its columns (customer ids travel with the result). A row that
cannot be screened (no name, an unreadable day) is kept with the reason, so one bad
row never costs the rest of the file; `strict=True` makes it an error instead.
A file that is not a table at all (wrong encoding, a missing column) is an
`InputFileError` naming the file, the line and the column.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import pathlib
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from designations.dates import parse_date
from designations.errors import InputFileError, InvalidDateError, MissingExtraError

__all__ = ["FORMATS", "InputRow", "InputTable", "read_table"]

FORMATS = ("csv", "tsv", "jsonl", "xlsx")
_SUFFIXES = {".csv": "csv", ".txt": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl",
             ".xlsx": "xlsx"}
_SNIFF_BYTES = 64 * 1024
_DELIMITERS = ",;\t|"


@attrs.frozen
class InputRow:
    """One row of the file: where it is, all its columns as text, the name and day read from it, or why not."""

    line: int
    """The line (CSV, TSV, JSON lines) or sheet row (Excel) it came from; 1 is the header where there is one."""
    fields: Mapping[str, str]
    name: str
    day: str | None
    problem: str = ""


@attrs.frozen
class InputTable:
    """The rows of one file, in order, with its columns."""

    path: pathlib.Path
    format: str
    columns: tuple[str, ...]
    rows: tuple[InputRow, ...]

    @property
    def good(self) -> tuple[InputRow, ...]:
        """The rows that can be screened."""
        return tuple(r for r in self.rows if not r.problem)

    @property
    def bad(self) -> tuple[InputRow, ...]:
        """The rows that cannot, each with its reason."""
        return tuple(r for r in self.rows if r.problem)


def read_table(path: str | pathlib.Path, column: str, date_column: str | None = None, *,
               format: str | None = None, strict: bool = False) -> InputTable:
    """
    Read a file of names: `column` holds the names, `date_column` (optional) each row's own day.

    `format` is one of `FORMATS`, else taken from the file's suffix (CSV when unknown).

    Raises:
        InputFileError: the file is not a readable table, lacks a column, or (with `strict`) has a bad row.
        MissingExtraError: an Excel file without openpyxl (`pip install 'designations[excel]'`).

    """
    file = pathlib.Path(path)
    kind = format or _SUFFIXES.get(file.suffix.lower(), "csv")
    if kind not in FORMATS:
        raise InputFileError(f"unknown format {kind!r} (one of {', '.join(FORMATS)})", path=file, field="format")
    try:
        columns, raw = _READERS[kind](file)
        for wanted in (column, date_column):
            if wanted is not None and wanted not in columns:
                raise InputFileError(f"no column {wanted!r} (columns: {', '.join(columns) or 'none'})", path=file,
                                     line=1 if kind != "jsonl" else None, field=wanted)
        rows = tuple(_row(file, line, fields, column, date_column, strict=strict) for line, fields in raw)
    except UnicodeDecodeError as exc:
        raise InputFileError(f"not UTF-8 text ({exc.reason})", path=file) from exc
    except OSError as exc:
        raise InputFileError(f"cannot read: {exc.strerror or exc}", path=file) from exc
    return InputTable(path=file, format=kind, columns=columns, rows=rows)


def _row(file: pathlib.Path, line: int, fields: dict[str, str], column: str, date_column: str | None, *,
         strict: bool) -> InputRow:
    name = fields.get(column, "").strip()
    day = fields.get(date_column, "").strip() if date_column else ""
    problem = ""
    if not name:  # empty, or (JSON lines) absent from this row
        problem = f"column {column!r} is empty"
    elif day:
        try:
            parse_date(day, field=date_column or "date")
        except InvalidDateError as exc:
            problem = str(exc)
    if problem and strict:
        raise InputFileError(problem, path=file, line=line, field=column if not name else date_column or "")
    return InputRow(line=line, fields=fields, name=name, day=day or None, problem=problem)


_Rows = Iterator[tuple[int, dict[str, str]]]
"""(line, every column as text) per row."""


def _csv(file: pathlib.Path, delimiter: str | None = None) -> tuple[tuple[str, ...], _Rows]:
    with file.open(encoding="utf-8-sig", newline="") as fh:
        text = fh.read()
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:_SNIFF_BYTES], delimiters=_DELIMITERS).delimiter
        except csv.Error:
            delimiter = ","
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    try:
        header = next(reader, [])
    except csv.Error as exc:
        raise InputFileError(str(exc), path=file, line=1) from exc
    columns = tuple(h.strip() for h in header)
    return columns, _csv_rows(file, reader, columns)


def _csv_rows(file: pathlib.Path, reader: Any, columns: tuple[str, ...]) -> _Rows:  # noqa: ANN401 - a csv reader
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputFileError(str(exc), path=file, line=reader.line_num) from exc
        if not any(c.strip() for c in cells):
            continue  # a blank line is no row
        line = reader.line_num
        yield line, {c: (cells[i] if i < len(cells) else "") for i, c in enumerate(columns)}


def _tsv(file: pathlib.Path) -> tuple[tuple[str, ...], _Rows]:
    return _csv(file, "\t")


def _jsonl(file: pathlib.Path) -> tuple[tuple[str, ...], _Rows]:
    rows: list[tuple[int, dict[str, str]]] = []
    columns: dict[str, None] = {}
    with file.open(encoding="utf-8-sig") as fh:
        for line, text in enumerate(fh, start=1):
            if not text.strip():
                continue
            try:
                value = json.loads(text)
            except json.JSONDecodeError as exc:
                raise InputFileError(f"not JSON: {exc.msg}", path=file, line=line) from exc
            if not isinstance(value, dict):
                raise InputFileError("each line must be a JSON object", path=file, line=line)
            fields = {str(k): _text(v) for k, v in value.items()}
            columns.update(dict.fromkeys(fields))
            rows.append((line, fields))
    return tuple(columns), iter(rows)


def _xlsx(file: pathlib.Path) -> tuple[tuple[str, ...], _Rows]:
    try:
        import openpyxl  # noqa: PLC0415 - optional extra
    except ImportError as exc:
        raise MissingExtraError("openpyxl", "excel") from exc
    try:
        book = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:
        raise InputFileError(f"not an Excel workbook ({type(exc).__name__}: {exc})", path=file) from exc
    try:
        sheet = book.worksheets[0]
        found = sheet.iter_rows(values_only=True)
        header = next(found, ())
        columns = tuple(_text(h).strip() for h in header)
        rows = [(n, {c: _text(v) for c, v in zip(columns, values, strict=False)})
                for n, values in enumerate(found, start=2) if any(_text(v).strip() for v in values)]
    finally:
        book.close()
    return columns, iter(rows)


def _text(value: object) -> str:
    """A cell as text: dates as ISO days, whole numbers without `.0`, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):  # a spreadsheet's date cell: a day unless it has a time
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


_READERS = {"csv": _csv, "tsv": _tsv, "jsonl": _jsonl, "xlsx": _xlsx}
