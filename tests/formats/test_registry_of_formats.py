"""Specs for the format registry: FORMATS, detect and read agree with the modules."""

from __future__ import annotations

import pytest

from designations.errors import ImportFormatError
from designations.formats import FORMATS, detect, module, read

SAMPLES = {
    "un": "un/consolidated_2020-01-10.xml",
    "ofac-csv": "ofac-csv/2020-01-10",
    "ofac-xml": "ofac-xml/sdn_2020-01-10.xml",
    "eu-fsf": "eu-fsf/eu_2020-01-10.xml",
    "uk-conlist": "uk-conlist/ConList_2020-01-10.csv",
    "uk-sl": "uk-sl/UK-Sanctions-List_2026-02-13.csv",
    "ftm": "ftm/entities_2020-01-10.ftm.json",
    "generic": "generic/events.csv",
}


def test_every_format_has_a_sample():
    """Every registered format has a fixture here, and nothing else is registered."""
    assert sorted(FORMATS) == sorted(SAMPLES)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_module_contract(name):
    """Every format module has sniff, read and FORMAT equal to its name."""
    mod = module(name)

    assert (name, True, True) == (mod.FORMAT, callable(mod.sniff), callable(mod.read))


@pytest.mark.parametrize(("name", "rel"), sorted(SAMPLES.items()))
def test_detect(fixtures, name, rel):
    """detect names the format of each fixture from its content."""
    assert name == detect(fixtures / rel)


@pytest.mark.parametrize("rel", ["uk-sl/UK-Sanctions-List_2026-03-20.xml",
                                 "ofac-xml/consolidated_2020-06-20.xml", "ofac-csv/cons_2020-06-20"])
def test_detect_other_layouts(fixtures, rel):
    """The second layout of a format is detected as that format too."""
    assert rel.split("/")[0] == detect(fixtures / rel)


def test_cli_offers_every_format():
    """`designations import FORMAT` accepts exactly auto and the registered formats."""
    from designations.cli.importing import _FORMATS  # noqa: PLC0415

    assert ["auto", *sorted(FORMATS)] == ["auto", *sorted(_FORMATS[1:])]


def test_unknown_file_is_an_error(fixtures):
    """A file that fits no format is an ImportFormatError, never an empty import."""
    with pytest.raises(ImportFormatError) as info:
        detect(fixtures / "bad/unknown.txt")

    assert "format" == info.value.field


def test_wrong_declared_format(fixtures):
    """A file read as a format it does not fit is refused."""
    with pytest.raises(ImportFormatError):
        read(fixtures / "un/consolidated_2020-01-10.xml", "uk-conlist")


def test_unknown_format_name(fixtures):
    """An unknown format name is refused."""
    with pytest.raises(ImportFormatError):
        read(fixtures / "un/consolidated_2020-01-10.xml", "nope")
