"""Specs for bad input: every failure is an ImportFormatError naming file, line and field."""

from __future__ import annotations

import pyexpat

import pytest

from designations.errors import ImportFormatError
from designations.formats import read

CASES = [
    ("bad/billion_laughs.xml", "un", "xml", 3),
    ("bad/external_entity.xml", "un", "xml", 3),
    ("bad/un_truncated.xml", "un", "xml", None),
    ("bad/un_bad_date.xml", "un", "LISTED_ON", 4),
    ("bad/un_missing_name.xml", "un", "FIRST_NAME", None),
    ("bad/un_unknown_program.xml", "un", "UN_LIST_TYPE", None),
    ("bad/un_latin1.xml", "un", "xml", None),
    ("bad/ofac_short_row", "ofac-csv", "record", 2),
    ("bad/ofac_bad_bytes", "ofac-csv", "encoding", 1),
    ("bad/ofac_unknown_program", "ofac-csv", "Program", 1),
    ("bad/uk_bad_date.csv", "uk-conlist", "Listed On", 3),
    ("bad/uk_utf16.csv", "uk-conlist", "encoding", 1),
    ("bad/uk_sl_missing_name.csv", "uk-sl", "Name 6", 3),
    ("bad/uk_sl_bad_date.csv", "uk-sl", "Date Designated", 3),
    ("bad/uk_sl_unknown_regime.csv", "uk-sl", "Regime Name", 16),
    ("bad/uk_sl_truncated.csv", "uk-sl", "record", 14),
    ("bad/ftm_truncated.json", "ftm", "json", 2),
    ("bad/generic_bad_date.csv", "generic", "effective", 2),
]


def _consume(path, format):
    pub = read(path, format)
    list(pub.entries)
    list(pub.events)


@pytest.mark.parametrize(("rel", "format", "field", "line"), CASES)
def test_bad_file(fixtures, rel, format, field, line):
    """The error names the file, the field and (where known) the line."""
    with pytest.raises(ImportFormatError) as info:
        _consume(fixtures / rel, format)
    err = info.value

    assert rel.split("/")[1] in (err.path or "")
    assert field == err.field
    if line is not None:
        assert line == err.line
    else:
        assert err.line is not None


def test_billion_laughs_does_not_expand(fixtures):
    """Entity declarations are refused before any expansion happens."""
    with pytest.raises(ImportFormatError, match="EntitiesForbidden"):
        _consume(fixtures / "bad/billion_laughs.xml", "un")


def test_external_entity_is_not_fetched(fixtures):
    """An external entity is refused; /etc/passwd never appears in the result."""
    with pytest.raises(ImportFormatError, match="unsafe XML"):
        _consume(fixtures / "bad/external_entity.xml", "un")


def test_expat_version_is_known():
    """The expat in use is reported (expat < 2.7.2 relies on defusedxml's guards)."""
    assert pyexpat.EXPAT_VERSION.startswith("expat_")


def test_auto_detect_of_unknown_file(fixtures):
    """An unrecognised file is refused under format auto."""
    with pytest.raises(ImportFormatError):
        _consume(fixtures / "bad/unknown.txt", None)
