"""
Readers of official list files: UN, OFAC, EU, UK (ConList and the UK Sanctions List), FtM, generic.

One module per official file format. (An event's citations are
`designations.model.events.Source`; they have nothing to do with these readers.)

Every format module follows one contract (as python-stdnum's modules do):
`sniff(head: bytes) -> bool` says whether a file's first bytes fit the
format, and `read(path, *, published=None) -> Publication` reads it,
streaming its entries. Its docstring cites the format's specification.
`detect` picks the format from a file's content and refuses a file that
fits none, so an unknown file is never a silent empty import.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

import pendulum

from designations.errors import ImportFormatError
from designations.formats._common import head
from designations.formats.records import Entry, GenericEvent, Publication, Tombstone

__all__ = [
    "FORMATS",
    "Entry",
    "GenericEvent",
    "Publication",
    "Tombstone",
    "detect",
    "module",
    "read",
]

FORMATS: dict[str, str] = {
    "un": "designations.formats.un",
    "ofac-csv": "designations.formats.ofac_csv",
    "ofac-xml": "designations.formats.ofac_xml",
    "eu-fsf": "designations.formats.eu",
    "uk-conlist": "designations.formats.uk",
    "uk-sl": "designations.formats.uk_sl",
    "ftm": "designations.formats.ftm",
    "generic": "designations.formats.generic",
}
"""Format name -> the module that reads it (imported on first use)."""


def module(format: str) -> ModuleType:
    """The reader module of a format name; ImportFormatError for an unknown name."""
    try:
        name = FORMATS[format]
    except KeyError as exc:
        known = ", ".join(sorted(FORMATS))
        raise ImportFormatError(f"unknown format {format!r} (one of {known}, auto)",
                                field="format") from exc
    return importlib.import_module(name)


def detect(path: Path) -> str:
    """
    The format of a file, judged from its first bytes.

    Raises:
        ImportFormatError: the file fits no known format, or does not exist.

    """
    path = Path(path)
    if path.is_dir():
        from designations.formats import ofac_csv  # noqa: PLC0415 - only for a directory

        if ofac_csv.main_file(path).exists():
            return "ofac-csv"
    if not path.is_file():
        raise ImportFormatError("no such file", path=path, field="path")
    start = head(path)
    if b"\x00" in start:
        raise ImportFormatError("wrong encoding: NUL bytes (UTF-16 or binary?)", path=path, line=1,
                                field="encoding")
    if not start.strip():
        raise ImportFormatError("empty file", path=path, line=1, field="format")
    for name in FORMATS:
        if module(name).sniff(start):
            return name
    raise ImportFormatError(
        f"fits none of the known formats ({', '.join(FORMATS)})", path=path, line=1,
        field="format")


def read(path: Path | str, format: str | None = None,
         published: pendulum.Date | None = None) -> Publication:
    """
    Read a list file in `format` (detected from content when None or "auto").

    Args:
        path: the file (for `ofac-csv`, `sdn.csv` or the directory holding it).
        format: one of `FORMATS`, or None / "auto".
        published: the publication date, overriding the one inside the file.

    Returns:
        The publication; its entries stream as they are iterated.

    Raises:
        ImportFormatError: unknown format, or a file that does not fit it.

    """
    path = Path(path)
    if format is not None and (not isinstance(format, str) or not format.strip()):
        raise ImportFormatError(f"unknown format {format!r}", path=Path(path), field="format")
    name = detect(path) if format in {None, "auto"} else str(format)
    reader = module(name)
    if not path.exists():
        raise ImportFormatError("no such file", path=path, field="path")
    start = head(path) if path.is_file() else b""
    if b"\x00" in start:
        raise ImportFormatError("wrong encoding: NUL bytes (UTF-16 or binary?)", path=path, line=1,
                                field="encoding")
    if path.is_file() and format not in {None, "auto"} and not reader.sniff(start):
        raise ImportFormatError(f"does not look like {name}", path=path, line=1,
                                field="format")
    publication: Publication = reader.read(path, published=published)
    return publication
