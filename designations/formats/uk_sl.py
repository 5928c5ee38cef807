"""
The UK Sanctions List (FCDO), as CSV or XML: the list that replaced OFSI's ConList.

The FCDO has published it since 2022 in CSV, XML and ODS; OFSI's
Consolidated List closed on 28 January 2026, so this is now the one UK list.

CSV (`UK-Sanctions-List.csv`, UTF-8): line 1 is `Report Date: DD-Mon-YYYY`,
line 2 the header of 58 columns (`Last Updated, Unique ID, OFSI Group ID,
UN Reference Number, Name 6, Name 1, …, Name 5, Name type, Alias strength,
Title, Name non-latin script, Non-latin script type, Non-latin script
language, Regime Name, Designation Type, Designation source, Sanctions
Imposed, …, Date Designated, D.O.B, …`), then one row per name (and
address) variant of a designation, grouped by Unique ID.

XML (`UK-Sanctions-List.xml`): `Designations/DateGenerated` (DD/MM/YYYY),
then `Designation` elements with `LastUpdated`, `DateDesignated`,
`UniqueID`, `OFSIGroupID`, `UNReferenceNumber`, `Names/Name` (`Name1`-`Name6`,
`NameType`, `AliasStrength`), `NonLatinNames/NonLatinName/NameNonLatinScript`,
`RegimeName` and `IndividualEntityShip`.

Dates are DD/MM/YYYY; an unknown day or month is written `dd` or `mm`
(`dd/mm/1950`), read as a year or month window. Name type is `Primary Name`,
`Primary Name Variation` or `Alias`, in varying case: the primary name is
the entry's name, the others and the non-latin script names are aliases (a
designation with only a non-latin name is named by it).

Each designation is one entry. Regimes are statutory instruments ("The
Afghanistan (Sanctions) (EU Exit) Regulations 2020"); each maps to the
ConList regime of the same scope and so to the same list id as `uk.py`
gives it (`uk-hmt-afghanistan`, `uk-hmt-isil-al-qaida`, …), and the entry
is keyed by its OFSI Group ID (ConList's Group ID) when it has one, else by
its Unique ID: importing this list after ConList publications continues
their history instead of removing and relisting everyone. Two designations
sharing an OFSI Group ID on one list both fall back to their Unique IDs; a
first pass over the designations finds them, then the entries are built
and handed out one at a time (the XML is parsed twice, and only the keys
of the first pass are kept). The programs
are the ConList regime names too, so only real changes of names are
AMENDED; non-latin script names, which ConList gave no place, may show as
one amendment at the switch. A regime that is neither a known ConList
regime nor named like a UK sanctions regulation is an error.

More information:

* https://www.gov.uk/government/publications/the-uk-sanctions-list
* https://www.gov.uk/government/publications/uk-sanctions-list-change-in-format/uk-sanctions-list-change-to-the-lists-format
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

import attrs
import pendulum

from designations.dates import DateWindow
from designations.errors import ImportFormatError
from designations.formats import _xml, uk
from designations.formats._common import clean, dmy, file_sha256, head, names
from designations.formats.records import Entry, Publication, Tombstone
from designations.model.subjects import Identifier, SubjectKind

__all__ = ["FORMAT", "REGIMES", "list_id", "read", "regime", "sniff"]

FORMAT = "uk-sl"

REGIMES: dict[str, str] = {
    "The Afghanistan (Sanctions) (EU Exit) Regulations 2020": "Afghanistan",
    "The ISIL (Da'esh) and Al-Qaida (United Nations Sanctions) (EU Exit) Regulations 2019":
        "ISIL (Da'esh) and Al-Qaida",
    "The Counter-Terrorism (International Sanctions) (EU Exit) Regulations 2019":
        "Counter-Terrorism (International)",
    "The Counter-Terrorism (Sanctions) (EU Exit) Regulations 2019":
        "Counter-Terrorism (Domestic)",
}
"""Regime Name -> the ConList regime of the same scope, where the short form is not derived."""

_STATUTORY = re.compile(r"^(?:The\s+)?(?P<body>.+?)\s+Regulations\s+\d{4}$", re.IGNORECASE)
_SANCTIONS_PART = re.compile(r"\(\s*(?:(?P<what>[^()]*?)\s+)?Sanctions\s*\)", re.IGNORECASE)
_REPORT_DATE = re.compile(r"^\s*Report Date:\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})\s*$")
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_KINDS = {"individual": SubjectKind.PERSON, "ship": SubjectKind.VESSEL}
_KIND_COLUMNS = ("Designation Type", "Individual, Entity, Ship")
_NAME_COLUMNS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")
_REQUIRED = ("Unique ID", "Name 6", "Name type", "Regime Name", "Date Designated")
_RECORDS = (("Designations", "DateGenerated"), ("Designations", "Designation"))


@attrs.frozen(kw_only=True)
class _Designation:
    """One designation gathered from its CSV rows or its XML element, before validation."""

    unique_id: str
    line: int
    group_id: str = ""
    un_reference: str = ""
    names: tuple[tuple[str, str], ...] = ()  # (full name, name type), in file order
    non_latin: tuple[str, ...] = ()
    regime: str = ""
    kind: str = ""
    designated: str = ""
    updated: tuple[tuple[int, str], ...] = ()  # (line, DD/MM/YYYY)
    name_field: str = "Name 6"


def sniff(head: bytes) -> bool:
    """Whether a file starts like the UK Sanctions List, CSV or XML."""
    start = head.lstrip(b"\xef\xbb\xbf \r\n\t")
    if start.startswith(b"<"):
        return b"<Designations" in head
    return (start.startswith((b"Report Date:", b"Last Updated,Unique ID"))
            and b"Unique ID" in head)


def regime(name: str) -> str | None:
    """
    The ConList regime name of a UK Sanctions List regime, or None when it is not one.

    "The Russia (Sanctions) (EU Exit) Regulations 2019" -> "Russia"; a known
    ConList regime name is itself.
    """
    text = " ".join(name.split())
    if text in REGIMES:
        return REGIMES[text]
    if text in uk.LISTS or text in REGIMES.values():
        return text
    match = _STATUTORY.match(text)
    if match is None:
        return None
    body = match.group("body").replace("(EU Exit)", " ")
    body = _SANCTIONS_PART.sub(lambda m: f"({m.group('what')})" if m.group("what") else " ", body)
    body = re.sub(r"\s+Sanctions$", "", " ".join(body.split()), flags=re.IGNORECASE)
    return body or None


def list_id(regime_name: str, *, path: Path, line: int | None) -> str:
    """The registry list id of a regime: the one `uk.list_id` gives its ConList name."""
    short = regime(regime_name)
    if short is None:
        raise ImportFormatError(f"unknown regime {regime_name!r}", path=path, line=line,
                                field="Regime Name")
    return uk.list_id(short, path=path, line=line)


def _dmy(text: str, *, path: Path, line: int, field: str) -> DateWindow:
    """DD/MM/YYYY with `dd` and `mm` standing for an unknown day or month."""
    fixed = re.sub(r"^dd/", "00/", text.strip(), flags=re.IGNORECASE)
    fixed = re.sub(r"^(\d{1,2})/mm/", r"\1/00/", fixed, flags=re.IGNORECASE)
    fixed = re.sub(r"^00/mm/", "00/00/", fixed, flags=re.IGNORECASE)
    return dmy(fixed, path=path, line=line, field=field)


def read(path: Path, *, published: pendulum.Date | None = None) -> Publication:
    """Read the UK Sanctions List, CSV or XML; one entry per designation."""
    path = Path(path)
    start = head(path)
    if b"\x00" in start:
        raise ImportFormatError("wrong encoding: NUL bytes (UTF-16?); expected UTF-8",
                                path=path, line=1, field="encoding")
    if start.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"<"):
        published = _xml_published(path, published)
        entries = _entries(path, _xml_designations(path), _xml_designations(path))
    else:
        published, entries = _read_csv(path, published)
    lists = {name: uk.list_id(short, path=path, line=None) for name, short in REGIMES.items()}
    return Publication(format=FORMAT, path=path, sha256=file_sha256(path), published=published,
                       lists=lists, entries=entries)


# CSV -----------------------------------------------------------------------------------


def _read_csv(path: Path, published: pendulum.Date | None) -> tuple[
        pendulum.Date | None, Iterator[Entry | Tombstone]]:
    try:
        with path.open(encoding="utf-8-sig", errors="strict", newline="") as fh:
            reader = csv.reader(fh)
            first = next(reader, [])
            header = first
            skip = 1
            report = ",".join(first)
            if report.strip().startswith("Report Date"):
                header = next(reader, [])
                skip = 2
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"wrong encoding ({exc.reason}); expected UTF-8", path=path,
                                line=1, field="encoding") from exc
    if skip == 2 and published is None:  # noqa: PLR2004 - a preamble line, then the header
        published = _report_date(report, path=path)
    header = [h.strip() for h in header]
    missing = [c for c in _REQUIRED if c not in header]
    if not any(c in header for c in _KIND_COLUMNS):
        missing.append(_KIND_COLUMNS[0])
    if missing:
        raise ImportFormatError(f"header lacks {', '.join(missing)}", path=path, line=skip,
                                field="header")
    return published, _csv_entries(path, header, skip)


def _report_date(text: str, *, path: Path) -> pendulum.Date:
    match = _REPORT_DATE.match(text)
    if not match:
        raise ImportFormatError(f"invalid report date {text!r} (expected DD-Mon-YYYY)",
                                path=path, line=1, field="Report Date")
    day, month, year = int(match.group(1)), _MONTHS.get(match.group(2).lower(), 0), int(match.group(3))
    try:
        return pendulum.Date(year, month, day)
    except ValueError as exc:
        raise ImportFormatError(f"invalid report date {text!r} ({exc})", path=path, line=1,
                                field="Report Date") from exc


def _csv_rows(path: Path, width: int, skip: int) -> Iterator[tuple[int, list[str]]]:
    """Data rows with the line each starts on; a short row is a truncated file."""
    with path.open(encoding="utf-8-sig", errors="strict", newline="") as fh:
        reader = csv.reader(fh, strict=True)
        end = 0
        try:
            for row in reader:
                start, end = end + 1, reader.line_num
                if start <= skip or not any(f.strip() for f in row):
                    continue
                if len(row) != width:
                    raise ImportFormatError(
                        f"expected {width} fields, got {len(row)} (truncated file?)",
                        path=path, line=start, field="record")
                yield start, row
        except UnicodeDecodeError as exc:
            raise ImportFormatError(f"wrong encoding ({exc.reason}); expected UTF-8", path=path,
                                    line=reader.line_num + 1, field="encoding") from exc
        except csv.Error as exc:
            raise ImportFormatError(f"bad CSV ({exc}); truncated file?", path=path,
                                    line=end + 1, field="record") from exc


def _csv_entries(path: Path, header: list[str], skip: int) -> Iterator[Entry | Tombstone]:
    """
    The entries of the CSV rows, grouped by Unique ID.

    Rows of a designation may be apart, so they are gathered first (memory in
    proportion to the file, as for ConList); the entries are then built one
    at a time.
    """
    col = {name: i for i, name in enumerate(header)}
    groups: dict[str, list[tuple[int, list[str]]]] = {}
    for line, row in _csv_rows(path, len(header), skip):
        unique_id = row[col["Unique ID"]].strip()
        if not unique_id:
            raise ImportFormatError("missing Unique ID", path=path, line=line, field="Unique ID")
        groups.setdefault(unique_id, []).append((line, row))
    yield from _entries(path, _csv_designations(col, groups), _csv_designations(col, groups))


def _csv_designations(col: dict[str, int],
                      groups: dict[str, list[tuple[int, list[str]]]]) -> Iterator[_Designation]:
    kind_col = next(col[c] for c in _KIND_COLUMNS if c in col)

    def cell(row: list[str], name: str) -> str:
        return row[col[name]].strip() if name in col else ""

    for unique_id, rows in groups.items():
        first = rows[0][1]
        full = [(" ".join(p for p in (cell(r, c) for c in _NAME_COLUMNS) if p), cell(r, "Name type"))
                for _n, r in rows]
        yield _Designation(
            unique_id=unique_id, line=rows[0][0],
            group_id=next((cell(r, "OFSI Group ID") for _n, r in rows if cell(r, "OFSI Group ID")), ""),
            un_reference=next((cell(r, "UN Reference Number") for _n, r in rows
                               if cell(r, "UN Reference Number")), ""),
            names=tuple(n for n in full if n[0]),
            non_latin=tuple(cell(r, "Name non-latin script") for _n, r in rows),
            regime=cell(first, "Regime Name"), kind=first[kind_col].strip(),
            designated=next((cell(r, "Date Designated") for _n, r in rows
                             if cell(r, "Date Designated")), ""),
            updated=tuple((n, cell(r, "Last Updated")) for n, r in rows if cell(r, "Last Updated")),
        )


# XML -----------------------------------------------------------------------------------


def _xml_published(path: Path, published: pendulum.Date | None) -> pendulum.Date | None:
    """The publication date: `published` if given, else DateGenerated; checks the root."""
    nodes = _xml.stream(path, _RECORDS)
    root = next(nodes, None)
    if root is None or _xml.local(root.element.tag) != "Designations":
        raise ImportFormatError("not the UK Sanctions List (no Designations root)", path=path,
                                line=root.line if root else None, field="root")
    first = next(nodes, None)
    del nodes  # the stream is a generator: released, it closes its file
    if first is not None and _xml.local(first.element.tag) == "DateGenerated":
        text = (first.element.text or "").strip()
        if published is None and text:
            published = _dmy(text, path=path, line=first.line, field="DateGenerated").earliest
    return published


def _xml_designations(path: Path) -> Iterator[_Designation]:
    """The designations of the XML, parsed one element at a time."""
    for node in _xml.stream(path, _RECORDS):
        if _xml.local(node.element.tag) == "Designation":
            yield _xml_designation(node.element, node.line)


def _xml_designation(el: Element, line: int) -> _Designation:
    full: list[tuple[str, str]] = []
    for holder in _xml.children(el, "Names"):
        for name in _xml.children(holder, "Name"):
            parts = [_xml.child_text(name, f"Name{i}") for i in range(1, 7)]
            full.append((" ".join(p for p in parts if p), _xml.child_text(name, "NameType")))
    non_latin = [_xml.child_text(n, "NameNonLatinScript") for holder in _xml.children(el, "NonLatinNames")
                 for n in _xml.children(holder, "NonLatinName")]
    updated = _xml.child_text(el, "LastUpdated")
    return _Designation(
        unique_id=_xml.child_text(el, "UniqueID"), line=line,
        group_id=_xml.child_text(el, "OFSIGroupID"),
        un_reference=_xml.child_text(el, "UNReferenceNumber"),
        names=tuple(n for n in full if n[0]), non_latin=tuple(non_latin),
        regime=_xml.child_text(el, "RegimeName"), kind=_xml.child_text(el, "IndividualEntityShip"),
        designated=_xml.child_text(el, "DateDesignated"),
        updated=((line, updated),) if updated else (), name_field="Names",
    )


# Entries -------------------------------------------------------------------------------


def _entries(path: Path, first: Iterable[_Designation],
             second: Iterable[_Designation]) -> Iterator[Entry | Tombstone]:
    """
    One entry per designation, keyed by OFSI Group ID unless two share one on a list.

    `first` and `second` are two passes over the same designations: the
    first finds the shared keys, the second is built and handed out one by one.
    """
    shared = _shared(path, first)
    for designation in second:
        entry = _entry(path, designation)
        if (entry.list_id, entry.key) in shared:
            entry = attrs.evolve(entry, key=designation.unique_id)  # the fallback key
        yield entry


def _shared(path: Path, designations: Iterable[_Designation]) -> set[tuple[str, str]]:
    """
    The (list id, key) pairs that more than one designation would take.

    A designation that cannot become an entry is left out: building it
    raises, at its line, in the second pass.
    """
    lists: dict[str, str | None] = {}
    seen: set[tuple[str, str]] = set()
    shared: set[tuple[str, str]] = set()
    for d in designations:
        if d.regime not in lists:
            try:
                lists[d.regime] = list_id(d.regime, path=path, line=d.line)
            except ImportFormatError:
                lists[d.regime] = None
        list_ = lists[d.regime]
        if list_ is None or not d.unique_id:
            continue
        pair = (list_, d.group_id or d.unique_id)
        (shared if pair in seen else seen).add(pair)
    return shared


def _entry(path: Path, d: _Designation) -> Entry:
    if not d.unique_id:
        raise ImportFormatError("missing Unique ID", path=path, line=d.line, field="Unique ID")
    primary = [n for n, kind in d.names if kind.lower() == "primary name"]
    candidates = primary or [n for n, _k in d.names] or [n for n in d.non_latin if n.strip()]
    name = clean((candidates or [""])[0], path=path, line=d.line, field=d.name_field)
    aliases = names([*(n for n, _k in d.names), *d.non_latin], name)
    list_ = list_id(d.regime, path=path, line=d.line)
    short = regime(d.regime) or d.regime
    listed_on = (_dmy(d.designated, path=path, line=d.line, field="Date Designated")
                 if d.designated else None)
    amended = {_dmy(text, path=path, line=n, field="Last Updated").earliest
               for n, text in d.updated}
    identifiers = [Identifier("uk-sl", d.unique_id)]
    if d.group_id:
        identifiers.append(Identifier("uk-hmt", d.group_id))
    if d.un_reference:
        identifiers.append(Identifier("un", d.un_reference))
    return Entry(
        key=d.group_id or d.unique_id, list_id=list_, kind=_KINDS.get(d.kind.lower(),
                                                                      SubjectKind.ORGANISATION),
        name=name, aliases=aliases, identifiers=tuple(identifiers), programs=(short,),
        listed_on=listed_on, amended_on=tuple(sorted(amended)), line=d.line,
    )
