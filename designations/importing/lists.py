"""The jurisdictions, lists and citation of what an import reads: named, and created when new."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from designations.formats import Publication
from designations.model import DesignationList, Jurisdiction, Source
from designations.store import reads

if TYPE_CHECKING:
    from sqlalchemy import Connection

__all__ = ["derived_name", "new_lists", "source"]

_JURISDICTIONS = {
    "un": Jurisdiction("UN", "United Nations", "America/New_York"),
    "us": Jurisdiction("US", "United States", "America/New_York"),
    "eu": Jurisdiction("EU", "European Union", "Europe/Brussels"),
    "uk": Jurisdiction("GB", "United Kingdom", "Europe/London"),
}
_URLS = {
    "un": "https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list",
    "ofac-csv": "https://ofac.treasury.gov/sanctions-list-service",
    "ofac-xml": "https://ofac.treasury.gov/sanctions-list-service",
    "eu-fsf": "https://webgate.ec.europa.eu/fsd/fsf",
    "uk-conlist": "https://www.gov.uk/government/publications/financial-sanctions-consolidated-list-of-targets",
    "uk-sl": "https://www.gov.uk/government/publications/the-uk-sanctions-list",
    "ftm": "https://www.opensanctions.org/docs/bulk/",
}
_OTHER = Jurisdiction("ZZ", "Other or unknown jurisdiction", "UTC")
_ALLOWANCE_DAYS = 7
"""How long after the last publication imported an official list's answers still stand.

The UN, OFAC, EU and UK files are republished on every change, which comes
weekly or more often; a store updated daily (`designations update` from cron)
stays well inside it, and one left alone answers UNKNOWN a week later."""


def source(publication: Publication) -> Source:
    """The citation every event derived from `publication` carries."""
    title = f"{publication.format} publication of {publication.published} ({publication.path.name})"
    return Source(title=title, url=_URLS.get(publication.format, ""), date=publication.published)


def _list_names() -> dict[str, str]:
    from designations.formats import un  # noqa: PLC0415

    names = dict(un.LISTS.values())
    names.update({"us-fto": "Foreign Terrorist Organizations (OFAC program FTO)",
                  "us-sdgt": "Specially Designated Global Terrorists (OFAC program SDGT)",
                  "eu-terrorist-list": "EU terrorist list (CP 2001/931/CFSP)",
                  "uk-hmt-terrorism": "HMT ConList: Terrorism and Terrorist Financing",
                  "uk-hmt-isil-al-qaida": "HMT ConList: ISIL (Da'esh) and Al-Qaida",
                  "uk-hmt-afghanistan": "HMT ConList: Afghanistan"})
    return names


def derived_name(list_id: str) -> str:
    """A readable name for a list an importer created from a program or regime code."""
    for prefix, label in (("us-cons-", "OFAC Consolidated (non-SDN) list, program "),
                          ("us-", "OFAC SDN list, program "), ("uk-hmt-", "UK financial sanctions regime: ")):
        if list_id.startswith(prefix):
            return label + list_id.removeprefix(prefix).replace("-", " ").upper()
    return list_id


def new_lists(conn: Connection, list_ids: Iterable[str]) -> tuple[
        tuple[Jurisdiction, ...], tuple[DesignationList, ...]]:
    """The jurisdictions and lists among `list_ids` that the store does not have yet."""
    missing = reads.missing_lists(conn, list_ids)
    if not missing:
        return (), ()
    codes = reads.jurisdictions(conn)
    names = _list_names()
    juris: dict[str, Jurisdiction] = {}
    lists: list[DesignationList] = []
    for list_id in missing:
        j = _JURISDICTIONS.get(list_id.split("-", 1)[0], _OTHER)
        j = codes.get(j.code, j)
        if j.code not in codes:
            juris[j.code] = j
        allowance = _ALLOWANCE_DAYS if j is not _OTHER else None
        lists.append(DesignationList(id=list_id, jurisdiction=j, allowance_days=allowance,
                                     name=names.get(list_id) or derived_name(list_id)))
    return tuple(juris.values()), tuple(lists)
