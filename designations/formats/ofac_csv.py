"""
US Treasury OFAC SDN list, legacy CSV files (`sdn.csv`, `add.csv`, `alt.csv`).

No header; `-0-` means null; records end with CR (or CRLF). `sdn.csv` has
twelve fields: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign,
Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks. Several programs
share one field, joined as `SDGT] [FTO`. `alt.csv` (ent_num, alt_num,
alt_type, alt_name, alt_remarks) holds the aliases, keyed by ent_num.
The files are described as ASCII but are not always clean: they are read as
strict ASCII and, failing that, as cp1252. They carry no publication date.

OFAC's Consolidated Sanctions List (the non-SDN lists: SSI, FSE, NS-PLC,
NS-MBS, CMIC, …) comes in the same layout as `cons_prim.csv`, `cons_alt.csv`
and `cons_add.csv`. Its entries go to their own lists, `us-cons-<program>`,
never to the SDN lists: a non-SDN file lists only part of a program (its
SDGT rows are the few persons also on the Palestinian Legislative Council
list), so diffing it against the SDN publications would make most SDN
entries look removed. Which list a file holds is judged from its name (see
`consolidated`), as the files themselves do not say.

More information:

* https://ofac.treasury.gov/specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists
* https://webarchive.library.unt.edu/eot2008/20090109015951/http:/treasury.gov/offices/enforcement/ofac/sdn/dat_spec.txt
* https://ofac.treasury.gov/consolidated-sanctions-list-non-sdn-lists
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pendulum

from designations.errors import ImportFormatError
from designations.formats._common import clean, file_sha256, names, slug
from designations.formats.records import Entry, Publication, Tombstone
from designations.model.subjects import Identifier, Name, SubjectKind

__all__ = ["CONSOLIDATED_PREFIX", "FORMAT", "LISTS", "consolidated", "list_id", "lists", "main_file",
           "programs", "read", "sniff"]

FORMAT = "ofac-csv"

LISTS: dict[str, str] = {"FTO": "us-fto", "SDGT": "us-sdgt"}
"""OFAC program tag -> list id; other tags map to `us-ofac-<tag lower>`."""

CONSOLIDATED_PREFIX = "us-cons-"
"""List ids of the non-SDN Consolidated Sanctions List: `us-cons-<tag lower>`, one per program."""

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


def consolidated(path: Path) -> bool:
    """
    Whether a file holds OFAC's non-SDN Consolidated Sanctions List, judged by its name.

    OFAC publishes it as `cons_prim.csv` (with `cons_alt.csv`, `cons_add.csv`)
    and `consolidated.xml`; a name saying `non_sdn` or `non-sdn` counts too.
    """
    name = Path(path).name.lower()
    return name.startswith(("cons_", "consolidated")) or "non_sdn" in name or "non-sdn" in name


def list_id(program: str, *, path: Path | None = None, line: int | None = None,
            field: str = "Program", non_sdn: bool = False) -> str:
    """The registry list id for an OFAC program tag (on the non-SDN list if `non_sdn`)."""
    tag = program.strip()
    if not _TAG.match(tag) or not slug(tag):
        raise ImportFormatError(f"unknown program {program!r}", path=path, line=line,
                                field=field)
    if non_sdn:
        return f"{CONSOLIDATED_PREFIX}{slug(tag)}"
    if tag.upper() in LISTS:
        return LISTS[tag.upper()]
    return f"us-ofac-{slug(tag)}"


def lists(*, non_sdn: bool) -> dict[str, str]:
    """The program -> list id map a publication reports: `LISTS`, or its non-SDN twins."""
    return {tag: list_id(tag, non_sdn=non_sdn) for tag in LISTS}


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
        reader = csv.reader(fh, strict=True)  # a file cut inside a quoted field is an error, not a short field
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


def _find(folder: Path, name: str) -> Path:
    """`folder/name`, matching the name in any case (OFAC writes `CONS_PRIM.CSV`)."""
    exact = folder / name
    if exact.exists() or not folder.is_dir():
        return exact
    return next((p for p in folder.iterdir() if p.name.lower() == name), exact)


def main_file(path: Path) -> Path:
    """The primary file of a trio: the path itself, or `sdn.csv` (else `cons_prim.csv`) in a directory."""
    path = Path(path)
    if not path.is_dir():
        return path
    sdn = _find(path, "sdn.csv")
    cons = _find(path, "cons_prim.csv")
    return cons if cons.exists() and not sdn.exists() else sdn


def _sibling(main: Path, name: str) -> Path:
    """`alt.csv` or `add.csv` beside `sdn.csv`; `cons_alt.csv` or `cons_add.csv` beside `cons_prim.csv`."""
    return _find(main.parent, f"cons_{name}" if consolidated(main) else name)


def read(path: Path, *, published: pendulum.Date | None = None) -> Publication:
    """
    Read `sdn.csv` or `cons_prim.csv` (or a directory holding it) with its aliases beside it.

    An entry on several programs yields one Entry per list.
    """
    path = Path(path)
    sdn = main_file(path)
    if not sdn.exists():
        raise ImportFormatError("no sdn.csv", path=path, field="file")
    non_sdn = consolidated(sdn)
    publication = Publication(
        format=FORMAT, path=sdn, sha256=_trio_sha256(sdn), published=published,
        lists=lists(non_sdn=non_sdn), entries=_entries(sdn, non_sdn=non_sdn),
    )
    alt = _sibling(sdn, "alt.csv")
    if not alt.exists():
        publication.warnings.append(
            f"{alt.name} not found beside {sdn.name}: aliases were not read, so entries that have "
            "aliases in an earlier import show them removed (import the whole trio)")
    return publication


def _trio_sha256(sdn: Path) -> str:
    """The sha256 of the main file alone, or of the three files' digests when the others exist."""
    parts = [file_sha256(sdn)]
    parts += [file_sha256(_sibling(sdn, n)) for n in ("alt.csv", "add.csv")
              if _sibling(sdn, n).exists()]
    if len(parts) == 1:
        return parts[0]
    return hashlib.sha256("".join(parts).encode()).hexdigest()


def _entries(sdn: Path, *, non_sdn: bool) -> Iterator[Entry | Tombstone]:
    aliases = _aliases(_sibling(sdn, "alt.csv"))
    for line, row in _rows(sdn, _SDN_FIELDS):
        ent_num = row[0].strip()
        if not ent_num.isdigit():
            raise ImportFormatError(f"ent_num {ent_num!r} is not a number", path=sdn,
                                    line=line, field="ent_num")
        name = clean(_null(row[1]), path=sdn, line=line, field="SDN_Name")
        tags = programs(row[3])
        if not tags:
            raise ImportFormatError("no program", path=sdn, line=line, field="Program")
        lists = [list_id(tag, path=sdn, line=line, non_sdn=non_sdn) for tag in tags]
        alias_names: tuple[Name, ...] = names(aliases.get(ent_num, ()), name)
        kind = _KINDS.get(_null(row[2]).lower(), SubjectKind.ORGANISATION)
        for list_ in dict.fromkeys(lists):
            yield Entry(
                key=ent_num, list_id=list_, kind=kind, name=name, aliases=alias_names,
                identifiers=(Identifier("ofac", ent_num),), programs=tags, line=line,
            )
