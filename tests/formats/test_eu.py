"""Specs for the EU FSF reader (XML v1.1 and the CSV export)."""

from __future__ import annotations

import pendulum
import pytest

from designations.dates import DateWindow
from designations.formats import eu


def test_xml_generation_date_and_entries(fixtures):
    """generationDate is the publication date; each sanctionEntity is one entry."""
    pub = eu.read(fixtures / "eu-fsf/eu_2020-01-10.xml")
    entries = {e.key: e for e in pub.entries}

    assert pendulum.Date(2020, 1, 10) == pub.published
    assert 12 == len(entries)
    assert "eu-terrorist-list" == entries["101"].list_id
    assert "eu-irq" == entries["106"].list_id
    assert DateWindow.exact("2002-05-02") == entries["101"].listed_on
    assert ["Front of Examples"] == [a.value for a in entries["101"].aliases]


def test_csv_matches_xml(fixtures):
    """The CSV export gives the same entries and lists as the XML."""
    xml = {
        (e.key, e.list_id, e.name) for e in eu.read(fixtures / "eu-fsf/eu_2020-01-10.xml").entries
    }
    csv = {
        (e.key, e.list_id, e.name) for e in eu.read(fixtures / "eu-fsf/eu_2020-01-10.csv").entries
    }

    assert xml == csv


def test_wrapped_csv_lines(fixtures):
    """Lines wrapped in quotes with trailing tabs are unwrapped; quoted ';' stays in its field."""
    pub = eu.read(fixtures / "eu-fsf/eu_2020-06-15_wrapped.csv")
    entries = {e.key: e for e in pub.entries}

    assert pendulum.Date(2020, 6, 15) == pub.published
    assert "New Front" == entries["113"].name


@pytest.mark.shared_data
def test_real_csv_extract(shared_data):
    """The real 2018 CSV extract: 93 entities, 17 on the terrorist list, Hamas among them."""
    pub = eu.read(shared_data / "eu/EUSanctionsShort_2018-07-04_first1000lines.csv")
    entries = list(pub.entries)
    terr = {e.key: e.name for e in entries if e.list_id == "eu-terrorist-list"}

    assert pendulum.Date(2018, 7, 4) == pub.published
    assert 93 == len({e.key for e in entries})
    assert 17 == len(terr)
    assert "Hamas" == terr["208"]
