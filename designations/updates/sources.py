"""
The official machine-readable publications `designations update` fetches, and their configuration.

Each source names the file format its importer reads and the official URL it is
published at. A TOML file (`--config`) or `--source-url NAME=URL` replaces a URL,
for a mirror or a proxy; the names stay the same.
"""

from __future__ import annotations

import pathlib
import tomllib
from collections.abc import Mapping

import attrs

from designations.errors import InvalidRecordError

__all__ = ["DEFAULT_SOURCES", "UpdateSource", "configured_sources"]


@attrs.frozen(kw_only=True)
class UpdateSource:
    """One official publication: its name, its importer's format, its URL and the file name it is kept under."""

    name: str
    format: str
    url: str
    filename: str
    title: str = ""


DEFAULT_SOURCES: Mapping[str, UpdateSource] = {
    s.name: s for s in (
        UpdateSource(name="un", format="un", filename="un-consolidated.xml",
                     url="https://scsanctions.un.org/resources/xml/en/consolidated.xml",
                     title="UN Security Council Consolidated List (XML)"),
        UpdateSource(name="ofac", format="ofac-xml", filename="ofac-sdn.xml",
                     url="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML",
                     title="OFAC Specially Designated Nationals list (XML)"),
        UpdateSource(name="uk", format="uk-sl", filename="uk-sanctions-list.xml",
                     url="https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml",
                     title="UK Sanctions List (XML)"),
        UpdateSource(name="eu", format="eu-fsf", filename="eu-fsf.xml",
                     url="https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/"
                         "content?token=dG9rZW4tMjAxNw",
                     title="EU Financial Sanctions Files, full list (XML 1.1; the token is the EU's public one)"),
    )
}
"""The sources `designations update` knows, by name."""


def configured_sources(
    config: pathlib.Path | None = None, overrides: Mapping[str, str] | None = None,
) -> dict[str, UpdateSource]:
    """
    The sources with their URLs: the defaults, then a config file's, then explicit overrides.

    The config file is TOML: `[sources.un] url = "https://mirror.example/un.xml"`.

    Raises:
        InvalidRecordError: an unknown source name, a URL that is not http(s), or a bad config file.

    """
    sources = dict(DEFAULT_SOURCES)
    urls: dict[str, str] = {}
    if config is not None:
        try:
            data = tomllib.loads(config.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise InvalidRecordError(f"{config}: {exc}", field="config") from exc
        table = data.get("sources", {})
        if not isinstance(table, dict):
            raise InvalidRecordError(f"{config}: [sources] must be a table", field="config")
        for name, item in table.items():
            if not isinstance(item, dict) or not isinstance(item.get("url"), str):
                raise InvalidRecordError(f'{config}: [sources.{name}] needs url = "..."', field="config")
            urls[name] = item["url"]
    urls.update(overrides or {})
    for name, url in urls.items():
        if name not in sources:
            known = ", ".join(sorted(sources))
            raise InvalidRecordError(f"unknown source {name!r} (known: {known})", field="source")
        if not url.startswith(("https://", "http://")):
            raise InvalidRecordError(f"{name}: {url!r} is not an http(s) URL", field="source")
        sources[name] = attrs.evolve(sources[name], url=url)
    return sources
