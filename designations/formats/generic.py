"""
The generic event format, for lists a user curates.

Events, not snapshots: each row says what happened to one subject on one
list. CSV (UTF-8, comma-separated, header row) or JSON (an array of
objects, or one object per line) with these columns:

==============  ========  ====================================================
column          required  meaning
==============  ========  ====================================================
list_id         yes       kebab-case list id, e.g. ``xx-my-watchlist``
subject_id      yes       the list's own stable id for the subject
subject_name    yes       the subject's main name
kind            no        organisation (default), person, vessel, aircraft, other
event           yes       LISTED, AMENDED, SUSPENDED, REINSTATED or REMOVED
effective       yes       ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``A/B``
published       no        ``YYYY-MM-DD``: when the event was published
source_title    no*       citation title (*a title or a URL is required)
source_url      no*       citation URL
aliases         no        other names, separated by ``;``
identifiers     no        ``scheme:value`` pairs, separated by ``;``
==============  ========  ====================================================

Example::

    list_id,subject_id,subject_name,kind,event,effective,published,source_title,source_url,aliases
    xx-watch,7,Example Front,organisation,LISTED,2020-05,2020-06-01,Gazette 12,,EF;Front
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pendulum

from designations.dates import parse_date, parse_window
from designations.errors import DesignationsError, ImportFormatError
from designations.formats._common import clean, file_sha256, head, unique_keys
from designations.formats.records import GenericEvent, Publication
from designations.model.events import EventKind
from designations.model.subjects import Identifier, Name, SubjectKind

__all__ = ["COLUMNS", "FORMAT", "read", "sniff"]

FORMAT = "generic"

COLUMNS = ("list_id", "subject_id", "subject_name", "kind", "event", "effective",
           "published", "source_title", "source_url", "aliases", "identifiers")
"""The columns of the format, in their documented order."""

_REQUIRED = ("list_id", "subject_id", "subject_name", "event", "effective")
_LIST_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def sniff(head: bytes) -> bool:
    """Whether a file starts like the generic event format (CSV header or JSON)."""
    text = head.lstrip(b"\xef\xbb\xbf \r\n\t[")
    first = text.split(b"\n", 1)[0]
    if first.startswith(b"{"):
        return b'"list_id"' in head and b'"event"' in head
    columns = [c.strip() for c in first.decode("utf-8", "replace").split(",")]
    return all(c in columns for c in _REQUIRED)


def read(path: Path, *, published: pendulum.Date | None = None) -> Publication:
    """Read generic events; `published` fills rows that give no date of their own."""
    path = Path(path)
    start = head(path).lstrip(b"\xef\xbb\xbf \r\n\t")
    rows = _json_rows(path) if start.startswith((b"[", b"{")) else _csv_rows(path)
    return Publication(format=FORMAT, path=path, sha256=file_sha256(path), published=published,
                       lists={}, entries=(), complete=False,
                       events=_events(path, rows, published))


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in _REQUIRED if c not in (reader.fieldnames or ())]
            if missing:
                raise ImportFormatError(f"header lacks {', '.join(missing)}", path=path,
                                        line=1, field="header")
            width = len(reader.fieldnames or ())
            for row in reader:
                if None in row or len(row) != width or any(v is None for v in row.values()):
                    raise ImportFormatError(f"expected {width} fields (truncated file?)",
                                            path=path, line=reader.line_num, field="record")
                yield reader.line_num, row
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"wrong encoding ({exc.reason}); expected UTF-8", path=path,
                                field="encoding") from exc
    except csv.Error as exc:  # a field over the csv module's limit, a NUL byte, bad quoting
        raise ImportFormatError(f"bad CSV ({exc})", path=path, field="record") from exc


def _json_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"wrong encoding ({exc.reason}); expected UTF-8", path=path,
                                field="encoding") from exc
    if text.lstrip().startswith("["):
        try:
            data = json.loads(text, object_pairs_hook=unique_keys)
        except RecursionError as exc:
            raise ImportFormatError("JSON nested too deeply", path=path, field="json") from exc
        except json.JSONDecodeError as exc:
            raise ImportFormatError(f"not JSON ({exc.msg}); truncated file?", path=path,
                                    line=exc.lineno, field="json") from exc
        except ValueError as exc:
            raise ImportFormatError(f"not acceptable JSON ({exc})", path=path, field="json") from exc
        items = [(i, r) for i, r in enumerate(data, start=1)]
    else:
        items = []
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    items.append((number, json.loads(line, object_pairs_hook=unique_keys)))
                except RecursionError as exc:
                    raise ImportFormatError("JSON nested too deeply", path=path, line=number,
                                            field="json") from exc
                except json.JSONDecodeError as exc:
                    raise ImportFormatError(f"not JSON ({exc.msg}); truncated file?",
                                            path=path, line=number, field="json") from exc
                except ValueError as exc:
                    raise ImportFormatError(f"not acceptable JSON ({exc})", path=path, line=number,
                                            field="json") from exc
    for number, item in items:
        if not isinstance(item, dict):
            raise ImportFormatError("an event is not a JSON object", path=path, line=number,
                                    field="json")
        yield number, item


def _text(row: dict[str, Any], name: str) -> str:
    value = row.get(name)
    return "" if value is None else str(value).strip()


def _require(row: dict[str, Any], field: str, path: Path, line: int) -> None:
    """Raise ImportFormatError when the row leaves the required `field` empty."""
    if not _text(row, field):
        raise ImportFormatError(f"missing {field}", path=path, line=line,
                                field=field)


def _list_id(row: dict[str, Any], path: Path, line: int) -> str:
    """The row's `list_id`; ImportFormatError unless it is kebab-case."""
    list_id = _text(row, "list_id")
    if not _LIST_ID.match(list_id):
        raise ImportFormatError(f"unknown program {list_id!r}: list ids are kebab-case",
                                path=path, line=line, field="list_id")
    return list_id


def _source(row: dict[str, Any], path: Path, line: int) -> tuple[str, str]:
    """The row's `source_title` and `source_url`; ImportFormatError when both are empty."""
    title, url = _text(row, "source_title"), _text(row, "source_url")
    if not (title or url):
        raise ImportFormatError("a source_title or source_url is required", path=path,
                                line=line, field="source_title")
    return title, url


def _events(path: Path, rows: Iterator[tuple[int, dict[str, Any]]],
            published: pendulum.Date | None) -> Iterator[GenericEvent]:
    for line, row in rows:
        field = ""
        try:
            for field in _REQUIRED:
                _require(row, field, path, line)
            field = "list_id"
            list_id = _list_id(row, path, line)
            field = "subject_name"
            name = clean(_text(row, "subject_name"), path=path, line=line, field=field)
            field = "kind"
            kind = SubjectKind.parse(_text(row, "kind") or "organisation")
            field = "event"
            event = EventKind.parse(_text(row, "event"))
            field = "effective"
            effective = parse_window(_text(row, "effective"), field=field)
            field = "published"
            day = parse_date(_text(row, "published"), field=field) if _text(
                row, "published") else published
            field = "source_title"
            title, url = _source(row, path, line)
            field = "aliases"
            aliases = tuple(Name(a.strip()) for a in _text(row, "aliases").split(";")
                            if a.strip())
            field = "identifiers"
            identifiers = tuple(
                Identifier(*pair.strip().split(":", 1))
                for pair in _text(row, "identifiers").split(";") if ":" in pair)
        except ImportFormatError:
            raise
        except (DesignationsError, ValueError) as exc:
            raise ImportFormatError(str(exc), path=path, line=line, field=field) from exc
        yield GenericEvent(
            list_id=list_id, subject_id=_text(row, "subject_id"), subject_name=name, kind=kind,
            event=event, effective=effective, published=day, source_title=title,
            source_url=url, aliases=aliases, identifiers=identifiers, line=line,
        )
