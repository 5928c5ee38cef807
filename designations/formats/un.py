"""
UN Security Council Consolidated List (XML).

The Security Council publishes every sanctions committee's list in one file,
schema `sc-sanctions.xsd`: INDIVIDUALS/INDIVIDUAL and ENTITIES/ENTITY, each with
UN_LIST_TYPE, REFERENCE_NUMBER, LISTED_ON, INDIVIDUAL_ALIAS/ENTITY_ALIAS
(QUALITY, ALIAS_NAME, NOTE) and LAST_DAY_UPDATED/VALUE (the amendment history).
The root's `dateGenerated` is the publication instant; its day is the day in
New York, where the Security Council sits (`2026-02-27T00:00:09.554Z` was
written on the evening of 2026-02-26 there).

More information:

* https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list
* https://scsanctions.un.org/resources/xml/en/consolidated.xml
* https://www.un.org/sc/resources/sc-sanctions.xsd

Quirks: some LISTED_ON values carry a time-zone suffix (`2015-03-27-04:00`);
reference numbers may carry trailing spaces (`KPe.053 `); an empty
INDIVIDUAL_ALIAS stands for "no alias".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element
from zoneinfo import ZoneInfo

import attrs
import pendulum

from designations.dates import DateWindow
from designations.errors import ImportFormatError, InvalidRecordError
from designations.formats import _xml
from designations.formats._common import clean, file_sha256, iso_day, names, slug
from designations.formats.records import Entry, Publication, Tombstone
from designations.model.subjects import Identifier, Name, SubjectKind
from designations.names import normalise, script_of

__all__ = ["FORMAT", "LISTS", "list_id", "note_names", "read", "sniff"]

FORMAT = "un"

LISTS: dict[str, tuple[str, str]] = {
    "Al-Qaida": ("un-isil-al-qaida",
                 "ISIL (Da'esh) and Al-Qaida Sanctions List (res. 1267/1989/2253)"),
    "Taliban": ("un-1988", "1988 Sanctions List (Taliban)"),
    "DPRK": ("un-1718", "1718 Sanctions List (DPRK)"),
    "Iran": ("un-1737", "1737 Sanctions List (Iran; res. 2231 snapback)"),
    "Iraq": ("un-1518", "1518 Sanctions List (Iraq)"),
    "Libya": ("un-1970", "1970 Sanctions List (Libya)"),
    "Somalia": ("un-2713", "2713 Sanctions List (Al-Shabaab; formerly 751)"),
    "DRC": ("un-1533", "1533 Sanctions List (Democratic Republic of the Congo)"),
    "Sudan": ("un-1591", "1591 Sanctions List (Sudan)"),
    "SouthSudan": ("un-2206", "2206 Sanctions List (South Sudan)"),
    "CAR": ("un-2127", "2127 Sanctions List (Central African Republic)"),
    "Yemen": ("un-2140", "2140 Sanctions List (Yemen)"),
    "GB": ("un-2048", "2048 Sanctions List (Guinea-Bissau)"),
    "Mali": ("un-2374", "2374 Sanctions List (Mali)"),
    "Haiti": ("un-2653", "2653 Sanctions List (Haiti)"),
}
"""UN_LIST_TYPE -> (list id, list name); other list types map to `un-<slug>`."""

_RECORDS = (
    ("CONSOLIDATED_LIST", "INDIVIDUALS", "INDIVIDUAL"),
    ("CONSOLIDATED_LIST", "ENTITIES", "ENTITY"),
)
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def sniff(head: bytes) -> bool:
    """Whether a file starts like a UN consolidated list."""
    return b"<CONSOLIDATED_LIST" in head


def list_id(list_type: str, *, path: Path, line: int | None) -> str:
    """The registry list id of a UN_LIST_TYPE; refuses an empty one."""
    known = LISTS.get(list_type)
    if known:
        return known[0]
    tail = slug(list_type)
    if not tail or not _LIST_TYPE.fullmatch(list_type.strip()):
        raise ImportFormatError(f"unknown program {list_type!r} (a regime name: letters, digits, spaces, "
                                "hyphens, apostrophes, parentheses)", path=path, line=line, field="UN_LIST_TYPE")
    return f"un-{tail}"


_LIST_TYPE = re.compile(r"[\w][\w '()\-.,]{0,99}")
"""What a UN regime name looks like; path-like text (`../../etc`) is refused, not slugged."""


def read(path: Path, *, published: pendulum.Date | None = None) -> Publication:
    """Read a UN consolidated list; entries stream as the file is parsed."""
    path = Path(path)
    nodes = _xml.stream(path, _RECORDS)
    first = next(nodes, None)
    if first is None or _xml.local(first.element.tag) != "CONSOLIDATED_LIST":
        raise ImportFormatError("not a UN consolidated list (no CONSOLIDATED_LIST root)",
                                path=path, line=first.line if first else None, field="root")
    generated = first.element.get("dateGenerated", "")
    if published is None and generated:
        published = _publication_day(generated, path=path, line=first.line)
    return Publication(
        format=FORMAT, path=path, sha256=file_sha256(path), published=published,
        lists={k: v[0] for k, v in LISTS.items()}, entries=_entries(path, nodes),
    )


_ZONE = ZoneInfo("America/New_York")
"""The Security Council's time zone: the day of a publication instant is its day there."""


def _publication_day(text: str, *, path: Path, line: int | None) -> pendulum.Date:
    """`dateGenerated` as a day in New York; a bare date, or one with its offset from New York, as written."""
    day = iso_day(text, path=path, line=line, field="dateGenerated")  # checks the form, names the field
    try:
        when = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return day  # a form iso_day accepts but Python does not read (a date with an offset): its civil date
    if when.tzinfo is None:
        return day
    local = when.astimezone(_ZONE)
    return pendulum.Date(local.year, local.month, local.day)


_BRACKETED = re.compile(r"^(?P<outer>[^()]*?)\s*\((?P<inner>[^()]+)\)\s*$")


def _alias_parts(text: str) -> list[str]:
    """
    The names in one ALIAS_NAME field: some hold several, joined by semicolons or in parentheses.

    "أبو بكر البغدادي (Abu Bakr al-Baghdadi al-Husayni; Abu Bakr al-Baghdadi)" gives three names.
    """
    found = _BRACKETED.match(text)
    pieces = [found["outer"], *found["inner"].split(";")] if found else text.split(";")
    return [part.strip() for part in pieces if part.strip()]


_SCRIPT_NOTE = re.compile(r"(?:original script|in arabic(?: script)?)\s*:\s*(?P<names>[^:]+?)\s*$", re.IGNORECASE)
_LEADING_GROUP = re.compile(r"^\((?P<inner>[^()]+)\)")
_NAME_LIKE = re.compile(r"^[^\W\d_](?:[^\W\d_]|[\s'\u2018\u2019.\-])*$")
"""Letters, spaces, hyphens, full stops and apostrophes (straight or curly): a name, not a remark."""
_MOST_WORDS = 8


def note_names(alias: str, note: str) -> list[str]:
    """
    The names an alias's NOTE gives for it, which the list means as further aliases.

    Two shapes occur: the original script of a Latin alias ("original script: ..."
    or "In Arabic: ..." at the end of the note, in Cyrillic or Arabic letters), and the Latin
    spellings of an original-script alias, given as a list ("Yunis al-Mauritani;
    Younis al-Mauritani" or a leading "(Abu Du'a; Abu Duaa')"). Anything else in
    a note (dates, passports, "previously listed as") is not a name and is left.
    """
    note = " ".join(note.split())
    tagged = _SCRIPT_NOTE.search(note)
    if tagged and script_of(alias) in ("", "Latn"):
        found = tagged["names"].strip(" .,")
        script = script_of(found)
        return [found] if script not in ("", "Latn") and len(found.split()) <= _MOST_WORDS else []
    if script_of(alias) in ("", "Latn"):
        return []
    group = _LEADING_GROUP.match(note)
    parts = [part.strip(" .,") for part in (group["inner"] if group else note).split(";")]
    if not group and len(parts) == 1:  # one plain phrase ("nom de guerre") is a remark, not a spelling
        return []
    ok = all(_NAME_LIKE.match(part) and script_of(part) == "Latn" and len(part.split()) <= _MOST_WORDS
             for part in parts)
    return parts if ok else []


def _tagged(name: Name, *, weak: bool) -> Name:
    """An alias with its script where it is not Latin (the UN writes some aliases in Arabic), and weak if so."""
    script = script_of(name.value)
    return attrs.evolve(name, weak=weak, script=script if script not in ("", "Latn") else name.script)


def _entries(path: Path, nodes: Iterator[_xml.Node]) -> Iterator[Entry | Tombstone]:
    for node in nodes:
        yield _entry(path, node.element, node.line)


def _entry(path: Path, el: Element, line: int) -> Entry:
    individual = _xml.local(el.tag) == "INDIVIDUAL"
    ref = _xml.child_text(el, "REFERENCE_NUMBER")
    if not ref:
        raise ImportFormatError("missing REFERENCE_NUMBER", path=path, line=line,
                                field="REFERENCE_NUMBER")
    parts = [_xml.child_text(el, p) for p in _NAME_PARTS]
    name = clean(" ".join(p for p in parts if p), path=path, line=line, field="FIRST_NAME")
    list_type = _xml.child_text(el, "UN_LIST_TYPE")
    listed = _xml.child_text(el, "LISTED_ON")
    listed_on = (DateWindow.exact(iso_day(listed, path=path, line=line, field="LISTED_ON"))
                 if listed else None)
    amended: list[pendulum.Date] = []
    for holder in _xml.children(el, "LAST_DAY_UPDATED"):
        for value in _xml.children(holder, "VALUE"):
            text = (value.text or "").strip()
            if text:
                amended.append(iso_day(text, path=path, line=line, field="LAST_DAY_UPDATED"))
    alias_tag = "INDIVIDUAL_ALIAS" if individual else "ENTITY_ALIAS"
    held = [(_xml.child_text(a, "ALIAS_NAME"), _xml.child_text(a, "QUALITY").lower() == "low",
             _xml.child_text(a, "NOTE")) for a in _xml.children(el, alias_tag)]
    as_listed = [text for text, _low, _note in held]
    fields = [([*_alias_parts(text), *note_names(text, note)], low) for text, low, note in held]
    weak = ({normalise(part) for parts, low in fields if low for part in parts}
            - {normalise(part) for parts, low in fields if not low for part in parts})
    found = tuple(_tagged(n, weak=normalise(n.value) in weak)
                  for n in names([part for parts, _low in fields for part in parts], name))
    original = " ".join(_xml.child_text(el, "NAME_ORIGINAL_SCRIPT").split())
    if original and normalise(original) not in {normalise(name), *(normalise(n.value) for n in found)}:
        with contextlib.suppress(InvalidRecordError):  # a malformed one is left out, as a malformed alias is
            found = (*found, Name(original, script=script_of(original)))
    identifiers = [Identifier("un", ref)]
    data_id = _xml.child_text(el, "DATAID")
    if data_id:
        identifiers.append(Identifier("un-dataid", data_id))
    return Entry(
        key=ref,
        list_id=list_id(list_type, path=path, line=line),
        kind=SubjectKind.PERSON if individual else SubjectKind.ORGANISATION,
        name=name,
        aliases=found,
        compared=names(as_listed, name),
        identifiers=tuple(identifiers),
        programs=(list_type,),
        listed_on=listed_on,
        amended_on=tuple(sorted(set(amended))),
        line=line,
    )
