"""
US Treasury OFAC lists as XML: the `sdnList` XML and the Enhanced XML.

`sdnList` (sdn.xml, consolidated.xml): `publshInformation/Publish_Date`
(MM/DD/YYYY), then `sdnEntry` elements with uid, firstName, lastName,
sdnType, programList/program, akaList/aka and idList/id. Two namespaces
exist, `http://tempuri.org/sdnList.xsd` (old) and
`https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML` (new).

Enhanced XML (`sanctionsData`): `publicationInfo/dataAsOf`, then
`entities/entity` with generalInfo/entityType, sanctionsLists/sanctionsList
(`datePublished`), sanctionsPrograms/sanctionsProgram and names/name
(isPrimary, translations/translation/formattedFullName).
`datePublished` is the entity's first publication on the SDN list, not a
per-program date, so it is taken as the listing date only for an entity on
a single program.

The non-SDN Consolidated Sanctions List goes to its own lists,
`us-cons-<program>` (see `ofac_csv`): an `sdnList` file is taken to hold it
when its name says so (`consolidated.xml`), an Enhanced XML entity when
none of its `sanctionsList` values is `SDN List`.

More information:

* https://ofac.treasury.gov/sanctions-list-service
* https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML.xsd
* https://www.treasury.gov/ofac/downloads/sdn.xsd
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

import pendulum

from designations.dates import DateWindow
from designations.errors import ImportFormatError
from designations.formats import _xml
from designations.formats._common import clean, file_sha256, iso_day, names
from designations.formats.ofac_csv import consolidated, list_id, lists
from designations.formats.records import Entry, Publication, Tombstone
from designations.model.subjects import Identifier, SubjectKind

__all__ = ["FORMAT", "read", "sniff"]

FORMAT = "ofac-xml"

_SDN = (("sdnList", "publshInformation"), ("sdnList", "sdnEntry"))
_ENHANCED = (("sanctionsData", "publicationInfo"), ("sanctionsData", "entities", "entity"))
_MDY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_KINDS = {"individual": SubjectKind.PERSON, "vessel": SubjectKind.VESSEL,
          "aircraft": SubjectKind.AIRCRAFT}


def sniff(head: bytes) -> bool:
    """Whether a file starts like OFAC `sdnList` or Enhanced `sanctionsData` XML."""
    return b"<sdnList" in head or b"<sanctionsData" in head


def _mdy(text: str, *, path: Path, line: int, field: str) -> pendulum.Date:
    match = _MDY.match(text.strip())
    if not match:
        raise ImportFormatError(f"invalid date {text!r} (expected MM/DD/YYYY)", path=path,
                                line=line, field=field)
    month, day, year = (int(g) for g in match.groups())
    try:
        return pendulum.Date(year, month, day)
    except ValueError as exc:
        raise ImportFormatError(f"invalid date {text!r} ({exc})", path=path, line=line,
                                field=field) from exc


def read(path: Path, *, published: pendulum.Date | None = None) -> Publication:
    """Read either OFAC XML flavour; the publication date comes from the file."""
    path = Path(path)
    root_tag = ""
    for node in _xml.stream(path, ()):
        root_tag = _xml.local(node.element.tag)
        break
    if root_tag not in {"sdnList", "sanctionsData"}:
        raise ImportFormatError(f"not OFAC XML (root element {root_tag!r})", path=path,
                                field="root")
    enhanced = root_tag == "sanctionsData"
    nodes = _xml.stream(path, _ENHANCED if enhanced else _SDN)
    next(nodes)  # the root
    first = next(nodes, None)
    pending: list[_xml.Node] = []
    if first is not None:
        info = _xml.local(first.element.tag) in {"publshInformation", "publicationInfo"}
        if info and published is None:
            published = _published(path, first, enhanced=enhanced)
        if not info:
            pending.append(first)
    non_sdn = consolidated(path)
    entries = _entries(path, nodes, pending, enhanced=enhanced, non_sdn=non_sdn)
    return Publication(format=FORMAT, path=path, sha256=file_sha256(path),
                       published=published, lists=lists(non_sdn=non_sdn), entries=entries)


def _published(path: Path, node: _xml.Node, *, enhanced: bool) -> pendulum.Date | None:
    if enhanced:
        text = _xml.child_text(node.element, "dataAsOf")
        return iso_day(text, path=path, line=node.line, field="dataAsOf") if text else None
    text = _xml.child_text(node.element, "Publish_Date")
    return _mdy(text, path=path, line=node.line, field="Publish_Date") if text else None


def _entries(path: Path, nodes: Iterator[_xml.Node], pending: list[_xml.Node], *,
             enhanced: bool, non_sdn: bool) -> Iterator[Entry | Tombstone]:
    for source in (pending, nodes):
        for node in source:
            if enhanced:
                yield from _enhanced(path, node.element, node.line, non_sdn=non_sdn)
            else:
                yield from _sdn(path, node.element, node.line, non_sdn=non_sdn)


def _full(el: Element) -> str:
    return " ".join(p for p in (_xml.child_text(el, "firstName"),
                                _xml.child_text(el, "lastName")) if p)


def _sdn(path: Path, el: Element, line: int, *, non_sdn: bool) -> Iterator[Entry]:
    if _xml.local(el.tag) != "sdnEntry":
        return
    uid = _xml.child_text(el, "uid")
    if not uid:
        raise ImportFormatError("missing uid", path=path, line=line, field="uid")
    name = clean(_full(el), path=path, line=line, field="lastName")
    tags = tuple(
        (p.text or "").strip()
        for holder in _xml.children(el, "programList")
        for p in _xml.children(holder, "program")
        if (p.text or "").strip()
    )
    if not tags:
        raise ImportFormatError("no program", path=path, line=line, field="programList")
    aliases = [_full(a) for holder in _xml.children(el, "akaList")
               for a in _xml.children(holder, "aka")]
    kind = _KINDS.get(_xml.child_text(el, "sdnType").lower(), SubjectKind.ORGANISATION)
    for list_ in dict.fromkeys(list_id(t, path=path, line=line, field="program",
                                       non_sdn=non_sdn) for t in tags):
        yield Entry(key=uid, list_id=list_, kind=kind, name=name, aliases=names(aliases, name),
                    identifiers=(Identifier("ofac", uid),), programs=tags, line=line)


def _translation_names(name_el: Element) -> list[str]:
    out = []
    for holder in _xml.children(name_el, "translations"):
        for tr in _xml.children(holder, "translation"):
            full = _xml.child_text(tr, "formattedFullName")
            if full:
                out.append(full)
    return out


def _enhanced(path: Path, el: Element, line: int, *, non_sdn: bool) -> Iterator[Entry]:
    uid = el.get("id", "")
    if not uid:
        raise ImportFormatError("entity without id", path=path, line=line, field="id")
    primary: list[str] = []
    others: list[str] = []
    for holder in _xml.children(el, "names"):
        for name_el in _xml.children(holder, "name"):
            found = _translation_names(name_el)
            is_primary = _xml.child_text(name_el, "isPrimary") == "true"
            (primary if is_primary else others).extend(found)
    all_names = primary + others
    name = clean(all_names[0] if all_names else "", path=path, line=line, field="names")
    tags = tuple((p.text or "").strip() for holder in _xml.children(el, "sanctionsPrograms")
                 for p in _xml.children(holder, "sanctionsProgram") if (p.text or "").strip())
    if not tags:
        raise ImportFormatError("no program", path=path, line=line, field="sanctionsPrograms")
    on_lists = [s for holder in _xml.children(el, "sanctionsLists")
                for s in _xml.children(holder, "sanctionsList")]
    if on_lists and not any((s.text or "").strip() == "SDN List" for s in on_lists):
        non_sdn = True
    dates = [d for d in (s.get("datePublished", "") for s in on_lists) if d]
    listed_on = None
    if dates and len(tags) == 1:
        first = min(iso_day(d, path=path, line=line, field="datePublished") for d in dates)
        listed_on = DateWindow.exact(first)
    info = next(_xml.children(el, "generalInfo"), None)
    kind_text = _xml.child_text(info, "entityType").lower() if info is not None else ""
    kind = _KINDS.get(kind_text, SubjectKind.ORGANISATION)
    for list_ in dict.fromkeys(list_id(t, path=path, line=line, field="sanctionsProgram",
                                       non_sdn=non_sdn) for t in tags):
        yield Entry(key=uid, list_id=list_, kind=kind, name=name,
                    aliases=names(all_names[1:], name), identifiers=(Identifier("ofac", uid),),
                    programs=tags, listed_on=listed_on, line=line)
