"""The sources `designations update` knows, and how their URLs are configured."""

from __future__ import annotations

import pathlib

import pytest

from designations.errors import InvalidRecordError
from designations.updates import DEFAULT_SOURCES, configured_sources


def test_defaults_are_the_official_publications() -> None:
    """Four sources, each with its importer's format and an https URL."""
    assert {("un", "un"), ("ofac", "ofac-xml"), ("uk", "uk-sl"), ("eu", "eu-fsf")} == {
        (s.name, s.format) for s in DEFAULT_SOURCES.values()}
    assert all(s.url.startswith("https://") for s in DEFAULT_SOURCES.values())


def test_a_config_file_then_overrides_replace_urls(tmp_path: pathlib.Path) -> None:
    """A config file's URL replaces the default, and an explicit override replaces both."""
    config = tmp_path / "update.toml"
    config.write_text('[sources.un]\nurl = "https://mirror.example.org/un.xml"\n'
                      '[sources.ofac]\nurl = "https://mirror.example.org/sdn.xml"\n', encoding="utf-8")

    sources = configured_sources(config, {"ofac": "http://127.0.0.1:9/sdn.xml"})

    assert ("https://mirror.example.org/un.xml", "http://127.0.0.1:9/sdn.xml", DEFAULT_SOURCES["uk"].url) == (
        sources["un"].url, sources["ofac"].url, sources["uk"].url)


@pytest.mark.parametrize(("text", "overrides", "message"), [
    ("", {"nope": "https://x.org/a"}, "unknown source 'nope'"),
    ("", {"un": "ftp://x.org/a"}, "not an http"),
    ("[sources.un]\nurl = 5\n", {}, "needs url"),
    ("[sources\n", {}, "update.toml"),
])
def test_bad_configuration_is_refused_naming_what(tmp_path: pathlib.Path, text: str, overrides: dict[str, str],
                                                   message: str) -> None:
    """An unknown source, a URL that is not http(s) or a broken config file is refused, saying which."""
    config = tmp_path / "update.toml"
    config.write_text(text, encoding="utf-8")

    with pytest.raises(InvalidRecordError, match=message):
        configured_sources(config, overrides)
