"""
US Treasury OFAC SDN list, legacy CSV files (`sdn.csv`, `add.csv`, `alt.csv`).

No header; `-0-` means null; records end with CR (or CRLF). `sdn.csv` has
twelve fields: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign,
Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks. Several programs
share one field, joined as `SDGT] [FTO`. `alt.csv` (ent_num, alt_num,
alt_type, alt_name, alt_remarks) holds the aliases, keyed by ent_num.
The files are described as ASCII but are not always clean: they are read as
strict ASCII and, failing that, as cp1252. They carry no publication date.

More information:

* https://ofac.treasury.gov/specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists
* https://webarchive.library.unt.edu/eot2008/20090109015951/http:/treasury.gov/offices/enforcement/ofac/sdn/dat_spec.txt
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pendulum

from designations.errors import ImportFormatError
from designations.model.subjects import Identifier, Name, SubjectKind
from designations.sources._common import clean, file_sha256, names, slug
from designations.sources.records import Entry, Publication, Tombstone

__all__ = ["FORMAT", "LISTS", "list_id", "programs", "read", "sniff"]

FORMAT = "ofac-csv"

LISTS: dict[str, str] = {"FTO": "us-fto", "SDGT": "us-sdgt"}
"""OFAC program tag -> list id; other tags map to `us-ofac-<tag lower>`."""

_SDN_FIELDS = 12
_ALT_FIELDS = 5
_NULL = "-0-"
_SNIFF = re.compile(rb'^\s*\d+,"[^"\r\n]*",(?:-0-|")')
_KINDS = {"individual": SubjectKind.PERSON, "vessel": SubjectKind.VESSEL,
          "aircraft": SubjectKind.AIRCRAFT}
_TAG = re.compile(r"^[A-Z0-9][A-Z0-9 _./-]*$", re.IGNORECASE)


def sniff(head: bytes) -> bool:
    """Whether a file starts like an OFAC legacy `sdn.csv` (or a directory holding one)."""
    return bool(_SNIFF.match(head))


def list_id(program: str, *, path: Path | None = None, line: int | None = None,
            field: str = "Program") -> str:
    """The registry list id for an OFAC program tag; refuses what is not a tag."""
    tag = program.strip()
    if tag.upper() in LISTS:
        return LISTS[tag.upper()]
    if not _TAG.match(tag) or not slug(tag):
        raise ImportFormatError(f"unknown program {program!r}", path=path, line=line,
                                field=field)
    return f"us-ofac-{slug(tag)}"


def programs(field: str) -> tuple[str, ...]:
    """Split a Program field: `SDGT] [FTO` or `[SDGT] [FTO]` -> ("SDGT", "FTO")."""
    text = field.strip()
    if not text or text == _NULL:
        return ()
    return tuple(p.strip() for p in text.strip("[] ").split("] [") if p.strip())


def _null(value: str) -> str:
    text = value.strip()
    return "" if text == _NULL else text


def _encoding(path: Path) -> str:
    """Strict ASCII if the file is clean; cp1252 if it decodes so; else an error."""
    with path.open("rb") as fh:
        data_ok = True
        for number, raw in enumerate(fh, start=1):
            if raw.isascii():
                continue
            data_ok = False
            try:
                raw.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise ImportFormatError(
                    f"wrong encoding: byte {raw[exc.start]:#04x} is neither ASCII nor cp1252",
                    path=path, line=number, field="encoding") from exc
    return "ascii" if data_ok else "cp1252"


def _rows(path: Path, width: int) -> Iterator[tuple[int, list[str]]]:
    encoding = _encoding(path)
    with path.open(encoding=encoding, newline="") as fh:
        reader = csv.reader(fh)
        try:
            for row in reader:
                if not row or row == ["\x1a"] or (len(row) == 1 and not row[0].strip()):
                    continue
                if len(row) != width:
                    raise ImportFormatError(
                        f"expected {width} fields, got {len(row)} (truncated file?)",
                        path=path, line=reader.line_num, field="record")
                yield reader.line_num, row
        except csv.Error as exc:
            raise ImportFormatError(f"bad CSV ({exc})", path=path, line=reader.line_num,
                                    field="record") from exc


def _aliases(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if not path.exists():
        return out
    for _line, row in _rows(path, _ALT_FIELDS):
        name = _null(row[3])
        if name:
            out.setdefault(row[0].strip(), []).append(name)
    return out


def read(path: Path, *, published: pendulum.Date | None = None) -> Publication:
    """
    Read `sdn.csv` (or a directory holding it) with `alt.csv` beside it.

    An entry on several programs yields one Entry per list.
    """
    path = Path(path)
    sdn = path / "sdn.csv" if path.is_dir() else path
    if not sdn.exists():
        raise ImportFormatError("no sdn.csv", path=path, field="file")
    return Publication(
        format=FORMAT, path=sdn, sha256=_trio_sha256(sdn), published=published,
        lists=dict(LISTS), entries=_entries(sdn),
    )


def _trio_sha256(sdn: Path) -> str:
    """The sha256 of `sdn.csv` alone, or of the three files' digests when the others exist."""
    parts = [file_sha256(sdn)]
    parts += [file_sha256(sdn.with_name(n)) for n in ("alt.csv", "add.csv")
              if sdn.with_name(n).exists()]
    if len(parts) == 1:
        return parts[0]
    return hashlib.sha256("".join(parts).encode()).hexdigest()


def _entries(sdn: Path) -> Iterator[Entry | Tombstone]:
    aliases = _aliases(sdn.with_name("alt.csv"))
    for line, row in _rows(sdn, _SDN_FIELDS):
        ent_num = row[0].strip()
        if not ent_num.isdigit():
            raise ImportFormatError(f"ent_num {ent_num!r} is not a number", path=sdn,
                                    line=line, field="ent_num")
        name = clean(_null(row[1]), path=sdn, line=line, field="SDN_Name")
        tags = programs(row[3])
        if not tags:
            raise ImportFormatError("no program", path=sdn, line=line, field="Program")
        lists = [list_id(tag, path=sdn, line=line) for tag in tags]
        alias_names: tuple[Name, ...] = names(aliases.get(ent_num, ()), name)
        kind = _KINDS.get(_null(row[2]).lower(), SubjectKind.ORGANISATION)
        for list_ in dict.fromkeys(lists):
            yield Entry(
                key=ent_num, list_id=list_, kind=kind, name=name, aliases=alias_names,
                identifiers=(Identifier("ofac", ent_num),), programs=tags, line=line,
            )
