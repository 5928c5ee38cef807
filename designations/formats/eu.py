"""
EU Financial Sanctions Files (FSF): the consolidated list as XML v1.1 and as CSV.

XML (namespace `http://eu.europa.ec/fpi/fsd/export`, schema
`fsf_export_schema_1_1.xsd`): root `export` with `generationDate`, then
`sanctionEntity` elements (`logicalId`, `designationDate`, `delistingDate`,
`euReferenceNumber`, `unitedNationId`) holding `regulation` (`programme`),
`subjectType` (`code`: person, enterprise) and `nameAlias` (`wholeName`).

CSV v1.0: `;`-separated, one row per detail (name alias, address, birth,
identification, citizenship) of an entity, rows of one entity together;
columns `Date_file;Entity_logical_id;Subject_type;…;Programme;…;
Naal_wholename;…;EU_ref_num`. Some copies wrap each line in `"…"` with
trailing tabs (inner quotes doubled); that wrapping is undone. UTF-8, with a
cp1252 fallback for older exports.

Programme TERR (Common Position 2001/931/CFSP) is `eu-terrorist-list`; any
other programme is `eu-<programme lower>`.

More information:

* https://data.europa.eu/data/datasets/consolidated-list-of-persons-groups-and-entities-subject-to-eu-financial-sanctions
* https://webgate.ec.europa.eu/fsd/fsf
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

import pendulum

from designations.dates import DateWindow
from designations.errors import ImportFormatError
from designations.formats import _xml
from designations.formats._common import clean, dmy, file_sha256, head, iso_day, names, slug
from designations.formats.records import Entry, Publication, Tombstone
from designations.model.subjects import Identifier, SubjectKind

__all__ = ["FORMAT", "LISTS", "list_id", "read", "sniff"]

FORMAT = "eu-fsf"

LISTS: dict[str, str] = {"TERR": "eu-terrorist-list"}
"""EU programme code -> list id; other programmes map to `eu-<code lower>`."""

_RECORDS = (("export", "sanctionEntity"),)
_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_.-]*$", re.IGNORECASE)
_ROOT = re.compile(rb"<(?:\w+:)?export[\s>]")
_KINDS = {"P": SubjectKind.PERSON, "PERSON": SubjectKind.PERSON}


def sniff(head: bytes) -> bool:
    """Whether a file starts like an EU FSF XML export or its CSV export."""
    text = head.lstrip(b'"\xef\xbb\xbf')
    if text.startswith((b"Date_file", b"fileGenerationDate")):
        return True
    return b"fpi/fsd/export" in head and bool(_ROOT.search(head))


def list_id(programme: str, *, path: Path, line: int | None, field: str = "Programme") -> str:
    """The registry list id of an EU programme code; refuses what is not a code."""
    code = programme.strip()
    if code.upper() in LISTS:
        return LISTS[code.upper()]
    if not _CODE.match(code):
        raise ImportFormatError(f"unknown program {programme!r}", path=path, line=line,
                                field=field)
    return f"eu-{slug(code)}"


def read(path: Path, *, published: pendulum.Date | None = None) -> Publication:
    """Read an EU FSF file, XML or CSV, judged from its content."""
    path = Path(path)
    start = head(path)
    if b"<" in start[:200] and b"export" in start:
        return _read_xml(path, published)
    return _read_csv(path, published)


# XML ------------------------------------------------------------------------


def _read_xml(path: Path, published: pendulum.Date | None) -> Publication:
    nodes = _xml.stream(path, _RECORDS)
    root = next(nodes, None)
    if root is None or _xml.local(root.element.tag) != "export":
        raise ImportFormatError("not an EU FSF XML export (no export root)", path=path,
                                field="root")
    generated = root.element.get("generationDate", "")
    if published is None and generated:
        published = iso_day(generated, path=path, line=root.line, field="generationDate")
    return Publication(format=FORMAT, path=path, sha256=file_sha256(path), published=published,
                       lists=dict(LISTS), entries=_xml_entries(path, nodes))


def _xml_entries(path: Path, nodes: Iterator[_xml.Node]) -> Iterator[Entry | Tombstone]:
    for node in nodes:
        yield from _xml_entry(path, node.element, node.line)


def _xml_entry(path: Path, el: Element, line: int) -> Iterator[Entry]:
    key = el.get("logicalId", "")
    if not key:
        raise ImportFormatError("sanctionEntity without logicalId", path=path, line=line,
                                field="logicalId")
    all_names = [a.get("wholeName", "").strip() for a in _xml.children(el, "nameAlias")]
    all_names = [n for n in all_names if n]
    name = clean(all_names[0] if all_names else "", path=path, line=line, field="nameAlias")
    programmes = tuple(dict.fromkeys(
        r.get("programme", "").strip() for r in _xml.children(el, "regulation")
        if r.get("programme", "").strip()))
    if not programmes:
        raise ImportFormatError("no programme", path=path, line=line, field="regulation")
    subject = next(_xml.children(el, "subjectType"), None)
    code = (subject.get("code", "") if subject is not None else "").upper()
    designated = el.get("designationDate", "")
    delisted = el.get("delistingDate", "")
    identifiers = [Identifier("eu", key)]
    if el.get("euReferenceNumber"):
        identifiers.append(Identifier("eu-ref", el.get("euReferenceNumber", "")))
    if el.get("unitedNationId"):
        identifiers.append(Identifier("un", el.get("unitedNationId", "")))
    for programme in programmes:
        yield Entry(
            key=key, list_id=list_id(programme, path=path, line=line, field="programme"),
            kind=_KINDS.get(code, SubjectKind.ORGANISATION), name=name,
            aliases=names(all_names[1:], name), identifiers=tuple(identifiers),
            programs=programmes,
            listed_on=DateWindow.exact(iso_day(designated, path=path, line=line,
                                               field="designationDate")) if designated else None,
            removed_on=DateWindow.exact(iso_day(delisted, path=path, line=line,
                                                field="delistingDate")) if delisted else None,
            line=line,
        )


# CSV ------------------------------------------------------------------------


def _unwrap(line: str) -> str:
    """Undo the `"…"<tabs>` wrapping some copies of the CSV carry."""
    text = line.rstrip("\r\n").rstrip("\t")
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':  # noqa: PLR2004
        text = text[1:-1].rstrip("\t").replace('""', '"')
    return text


def _csv_lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    encoding = "utf-8"
    with path.open("rb") as fh:
        for chunk in fh:
            try:
                chunk.decode("utf-8")
            except UnicodeDecodeError:
                encoding = "cp1252"
                break
    with path.open(encoding=encoding, errors="strict", newline="") as fh:
        for number, raw in enumerate(fh, start=1):
            text = _unwrap(raw).lstrip("\ufeff")
            if not text.strip():
                continue
            try:
                yield number, next(csv.reader(io.StringIO(text), delimiter=";"))
            except csv.Error as exc:
                raise ImportFormatError(f"bad CSV ({exc})", path=path, line=number, field="record") from exc


def _read_csv(path: Path, published: pendulum.Date | None) -> Publication:
    lines = _csv_lines(path)
    first = next(lines, None)
    if first is None or not first[1] or not first[1][0].startswith("Date_file"):
        raise ImportFormatError("not an EU FSF CSV (no Date_file header)", path=path, line=1,
                                field="header")
    header = first[1]
    row = next(lines, None)
    if row is not None and published is None:
        published = dmy(row[1][0], path=path, line=row[0], field="Date_file").earliest
    return Publication(format=FORMAT, path=path, sha256=file_sha256(path), published=published,
                       lists=dict(LISTS), entries=_csv_entries(path, header, row, lines))


def _csv_entries(path: Path, header: list[str], row: tuple[int, list[str]] | None,
                 lines: Iterator[tuple[int, list[str]]]) -> Iterator[Entry | Tombstone]:
    col = {name: i for i, name in reversed(list(enumerate(header)))}
    width = len(header)
    group: list[tuple[int, list[str]]] = []
    done: set[str] = set()
    pending = [row] if row is not None else []
    for number, fields in _chain(pending, lines):
        if len(fields) != width:
            raise ImportFormatError(f"expected {width} fields, got {len(fields)}", path=path,
                                    line=number, field="record")
        key = fields[1].strip()
        if group and group[0][1][1].strip() != key:
            yield from _csv_entity(path, group, col)
            done.add(group[0][1][1].strip())
            group = []
        if key in done:
            raise ImportFormatError(f"rows of entity {key} are not together", path=path,
                                    line=number, field="Entity_logical_id")
        group.append((number, fields))
    if group:
        yield from _csv_entity(path, group, col)


def _chain(pending: list[tuple[int, list[str]]],
           lines: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    yield from pending
    yield from lines


def _csv_entity(path: Path, group: list[tuple[int, list[str]]],
                col: dict[str, int]) -> Iterator[Entry]:
    line, first = group[0]
    key = first[1].strip()
    whole = col.get("Naal_wholename", 17)
    all_names = [f[whole].strip() for _n, f in group if f[whole].strip()]
    name = clean(all_names[0] if all_names else "", path=path, line=line,
                 field="Naal_wholename")
    programme_col = col.get("Programme", 6)
    programmes = tuple(dict.fromkeys(f[programme_col].strip() for _n, f in group
                                     if f[programme_col].strip()))
    if not programmes:
        raise ImportFormatError("no programme", path=path, line=line, field="Programme")
    ref = first[-1].strip() if col.get("EU_ref_num") is not None else ""
    identifiers = [Identifier("eu", key)] + ([Identifier("eu-ref", ref)] if ref else [])
    kind = _KINDS.get(first[col.get("Subject_type", 2)].strip().upper(), SubjectKind.ORGANISATION)
    for programme in programmes:
        yield Entry(key=key, list_id=list_id(programme, path=path, line=line), kind=kind,
                    name=name, aliases=names(all_names[1:], name),
                    identifiers=tuple(identifiers), programs=programmes, line=line)
