"""Helpers shared by the readers: hashing, slugs, dates, names and located errors."""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pendulum

from designations.dates import DateWindow, Precision, parse_date
from designations.errors import ImportFormatError, InvalidDateError, InvalidRecordError
from designations.model.subjects import Name
from designations.names import clean_name, normalise

__all__ = [
    "HEAD_SIZE",
    "clean",
    "dmy",
    "file_sha256",
    "head",
    "iso_day",
    "key",
    "names",
    "slug",
    "unique_keys",
]

HEAD_SIZE = 4096
"""Bytes of a file's start that `sniff` functions look at."""

_SLUG_DROP = re.compile(r"[^a-z0-9]+")
_ISO_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T[0-9:.]+)?(?:Z|[+-]\d{2}:?\d{2})?$")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def key(name: str) -> str:
    """`names.normalise`; non-ASCII names (the slow path) are memoised, a bounded few."""
    if name.isascii():
        return normalise(name)
    return _key(name)


_key = functools.lru_cache(maxsize=1 << 14)(normalise)


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's members (`json.loads(..., object_pairs_hook=unique_keys)`), refusing a key given twice."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            msg = f"duplicate key {key!r}"
            raise ValueError(msg)
        out[key] = value
    return out


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def head(path: Path, size: int = HEAD_SIZE) -> bytes:
    """The first `size` bytes of a file."""
    with path.open("rb") as fh:
        return fh.read(size)


def slug(text: str) -> str:
    """Kebab-case text for a list id: `Al-Qaida` -> `al-qaida`; '' when nothing is left."""
    return _SLUG_DROP.sub("-", text.lower()).strip("-")


def iso_day(text: str, *, path: Path, line: int | None, field: str) -> pendulum.Date:
    """
    A day from ISO text, ignoring a time and a time-zone suffix.

    The UN writes some listing dates as `2015-03-27-04:00`: the civil date
    is the part before the offset, in the list's own calendar.
    """
    match = _ISO_DAY.match(text.strip())
    if not match:
        raise ImportFormatError(f"invalid date {text!r} (expected YYYY-MM-DD)",
                                path=path, line=line, field=field)
    try:
        return parse_date(match.group(1), field=field)
    except InvalidDateError as exc:
        raise ImportFormatError(f"invalid date {text!r}", path=path, line=line,
                                field=field) from exc


def dmy(text: str, *, path: Path, line: int | None, field: str) -> DateWindow:
    """
    A day from `DD/MM/YYYY` text; `00/00/YYYY` is a year and `00/MM/YYYY` a month.

    Raises ImportFormatError naming the file, line and field.
    """
    match = _DMY.match(text.strip())
    if not match:
        raise ImportFormatError(f"invalid date {text!r} (expected DD/MM/YYYY)",
                                path=path, line=line, field=field)
    day, month, year = (int(g) for g in match.groups())
    try:
        if month == 0:
            return DateWindow(pendulum.Date(year, 1, 1), pendulum.Date(year, 12, 31),
                              Precision.YEAR)
        first = pendulum.Date(year, month, 1)
        if day == 0:
            return DateWindow(first, first.add(months=1).subtract(days=1), Precision.MONTH)
        return DateWindow.exact(pendulum.Date(year, month, day))
    except ValueError as exc:
        raise ImportFormatError(f"invalid date {text!r} ({exc})", path=path, line=line,
                                field=field) from exc


def clean(value: str, *, path: Path, line: int | None, field: str) -> str:
    """A validated display name, or ImportFormatError naming where it was."""
    try:
        return clean_name(value)
    except ValueError as exc:
        raise ImportFormatError(f"missing or bad name ({exc})", path=path, line=line,
                                field=field) from exc


def names(values: Iterable[str], primary: str) -> tuple[Name, ...]:
    """Distinct aliases, in order, leaving out blanks and the primary name itself."""
    seen = {key(primary)}
    out: list[Name] = []
    for value in values:
        text = " ".join(value.split())
        if not text or len(text) > 1000:  # noqa: PLR2004 - names.MAX_NAME_LENGTH
            continue
        match = key(text)
        if not match or match in seen:
            continue
        try:
            name = Name(text)
        except InvalidRecordError:
            continue
        seen.add(match)
        out.append(name)
    return tuple(out)
