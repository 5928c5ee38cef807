"""
UK HM Treasury (OFSI) Consolidated List of Financial Sanctions Targets, ConList CSV.

Line 1 is `Last Updated,DD/MM/YYYY`, line 2 the header (`Name 6,Name 1,…,
Group Type,Alias Type,Regime,Listed On,Last Updated,Group ID`); then one row
per name variant (and per DOB or address variant), grouped by Group ID.
Dates are DD/MM/YYYY, where `00/00/1955` means the year only. The file is
cp1252/latin-1 with CRLF or LF line ends. Name 6 is the surname (or an
entity's name), Name 1-5 the other parts; Alias Type `Primary name`
marks the main name.

Regimes map to lists: "Terrorism and Terrorist Financing" is
`uk-hmt-terrorism`; "Al-Qaida", renamed "The ISIL (Da'esh) and Al-Qaida
organisations", is one list, `uk-hmt-isil-al-qaida`; "Afghanistan" is
`uk-hmt-afghanistan`; any other regime is `uk-hmt-<slug>`.

More information:

* https://www.gov.uk/government/publications/financial-sanctions-consolidated-list-of-targets
* https://ofsistorage.blob.core.windows.net/publishlive/ConList.csv

The newer UK Sanctions List (FCDO), which replaced ConList on 28 January
2026, is read by `uk_sl`; its regimes map to the list ids given here, so the
two formats continue one history.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pendulum

from designations.errors import ImportFormatError
from designations.formats._common import clean, dmy, file_sha256, head, names, slug
from designations.formats.records import Entry, Publication, Tombstone
from designations.model.subjects import Identifier, SubjectKind

__all__ = ["FORMAT", "LISTS", "list_id", "read", "sniff"]

FORMAT = "uk-conlist"

LISTS: dict[str, str] = {
    "Terrorism and Terrorist Financing": "uk-hmt-terrorism",
    "Al-Qaida": "uk-hmt-isil-al-qaida",
    "The ISIL (Da'esh) and Al-Qaida organisations": "uk-hmt-isil-al-qaida",
    "ISIL (Da'esh) and Al-Qaida": "uk-hmt-isil-al-qaida",
    "Afghanistan": "uk-hmt-afghanistan",
}
"""Regime -> list id; other regimes map to `uk-hmt-<slug>`."""

_REQUIRED = ("Name 6", "Group Type", "Alias Type", "Regime", "Listed On", "Group ID")
_NAME_COLUMNS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")


def sniff(head: bytes) -> bool:
    """Whether a file starts like a ConList CSV."""
    return head.lstrip(b"\xef\xbb\xbf").startswith(b"Last Updated,") and b"Group ID" in head


def list_id(regime: str, *, path: Path, line: int | None) -> str:
    """The registry list id of a ConList regime."""
    text = " ".join(regime.split())
    if text in LISTS:
        return LISTS[text]
    tail = slug(text)
    if not tail:
        raise ImportFormatError(f"unknown program {regime!r}", path=path, line=line,
                                field="Regime")
    return f"uk-hmt-{tail}"


def _encoding(path: Path) -> str:
    with path.open("rb") as fh:
        for raw in fh:
            if not raw.isascii():
                return "cp1252"
    return "ascii"


def read(path: Path, *, published: pendulum.Date | None = None) -> Publication:
    """Read a ConList CSV; rows of one Group ID become one entry per regime."""
    path = Path(path)
    if b"\x00" in head(path):
        raise ImportFormatError("wrong encoding: NUL bytes (UTF-16?); expected cp1252",
                                path=path, line=1, field="encoding")
    encoding = _encoding(path)
    try:
        with path.open(encoding=encoding, errors="strict", newline="") as fh:
            reader = csv.reader(fh)
            first = next(reader, [])
            header = next(reader, [])
    except csv.Error as exc:
        raise ImportFormatError(f"bad CSV ({exc})", path=path, field="record") from exc
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"wrong encoding ({exc.reason})", path=path,
                                field="encoding") from exc
    if not first or first[0].lstrip("\ufeff").strip() != "Last Updated":
        raise ImportFormatError("line 1 is not 'Last Updated,DD/MM/YYYY'", path=path, line=1,
                                field="Last Updated")
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise ImportFormatError(f"header lacks {', '.join(missing)}", path=path, line=2,
                                field="header")
    if published is None and len(first) > 1 and first[1].strip():
        published = dmy(first[1], path=path, line=1, field="Last Updated").earliest
    return Publication(format=FORMAT, path=path, sha256=file_sha256(path), published=published,
                       lists=dict(LISTS), entries=_entries(path, encoding, header))


def _entries(path: Path, encoding: str, header: list[str]) -> Iterator[Entry | Tombstone]:
    col = {name: i for i, name in enumerate(header)}
    width = len(header)
    groups: dict[tuple[str, str], list[tuple[int, list[str]]]] = {}
    order: list[tuple[str, str]] = []
    with path.open(encoding=encoding, errors="strict", newline="") as fh:
        reader = csv.reader(fh)
        try:
            for row in reader:
                if reader.line_num <= 2 or not any(f.strip() for f in row):  # noqa: PLR2004
                    continue
                if len(row) != width:
                    raise ImportFormatError(
                        f"expected {width} fields, got {len(row)} (truncated file?)",
                        path=path, line=reader.line_num, field="record")
                key = (row[col["Group ID"]].strip(), " ".join(row[col["Regime"]].split()))
                if not key[0]:
                    raise ImportFormatError("missing Group ID", path=path,
                                            line=reader.line_num, field="Group ID")
                if key not in groups:
                    groups[key] = []
                    order.append(key)
                groups[key].append((reader.line_num, row))
        except csv.Error as exc:
            raise ImportFormatError(f"bad CSV ({exc})", path=path, line=reader.line_num,
                                    field="record") from exc
        except UnicodeDecodeError as exc:
            raise ImportFormatError(f"wrong encoding ({exc.reason})", path=path,
                                    line=reader.line_num + 1, field="encoding") from exc
    # Rows of a group may be scattered (the file is sorted by name), so groups
    # are gathered first; that costs memory in proportion to the file.
    for key in order:
        yield _entry(path, key, groups.pop(key), col)


def _full(row: list[str], col: dict[str, int]) -> str:
    parts = [row[col[c]].strip() for c in _NAME_COLUMNS if c in col]
    return " ".join(p for p in parts if p)


def _entry(path: Path, key: tuple[str, str], rows: list[tuple[int, list[str]]],
           col: dict[str, int]) -> Entry:
    group_id, regime = key
    primary = [r for r in rows if r[1][col["Alias Type"]].strip().lower() == "primary name"]
    line, main = (primary or rows)[0]
    name = clean(_full(main, col), path=path, line=line, field="Name 6")
    aliases = names((_full(r, col) for _n, r in rows), name)
    listed = main[col["Listed On"]].strip()
    amended: list[pendulum.Date] = []
    if "Last Updated" in col:
        for number, r in rows:
            text = r[col["Last Updated"]].strip()
            if text:
                amended.append(dmy(text, path=path, line=number, field="Last Updated").earliest)
    kind_text = main[col["Group Type"]].strip().lower()
    kind = SubjectKind.PERSON if kind_text == "individual" else (
        SubjectKind.VESSEL if kind_text == "ship" else SubjectKind.ORGANISATION)
    return Entry(
        key=group_id, list_id=list_id(regime, path=path, line=line), kind=kind, name=name,
        aliases=aliases, identifiers=(Identifier("uk-hmt", group_id),), programs=(regime,),
        listed_on=dmy(listed, path=path, line=line, field="Listed On") if listed else None,
        amended_on=tuple(sorted(set(amended))), line=line,
    )
