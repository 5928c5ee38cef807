"""Specs for the OFAC XML reader (sdnList old and new namespaces, Enhanced XML)."""

from __future__ import annotations

import pendulum
import pytest

from designations.dates import DateWindow
from designations.formats import ofac_xml


def test_publish_date_old_namespace(fixtures):
    """Publish_Date (MM/DD/YYYY) is the publication date."""
    assert (
        pendulum.Date(2020, 1, 10)
        == ofac_xml.read(fixtures / "ofac-xml/sdn_2020-01-10.xml").published
    )


def test_new_namespace(fixtures):
    """The newer sanctionslistservice namespace reads the same way."""
    pub = ofac_xml.read(fixtures / "ofac-xml/sdn_2020-06-15.xml")
    entries = list(pub.entries)

    assert pendulum.Date(2020, 6, 15) == pub.published
    assert {"1002"} <= {e.key for e in entries if e.list_id == "us-fto"}


def test_names_and_aliases(fixtures):
    """firstName and lastName join; akaList gives aliases."""
    entries = {e.key: e for e in ofac_xml.read(fixtures / "ofac-xml/sdn_2020-01-10.xml").entries}

    assert "Beta ALPHA" == entries["1006"].name
    assert ["ABU ALPHA"] == [a.value for a in entries["1006"].aliases]


def test_enhanced_xml(fixtures):
    """Enhanced XML: dataAsOf, programs, and datePublished only for single-program entities."""
    pub = ofac_xml.read(fixtures / "ofac-xml/enhanced_2020-06-15.xml")
    entries = list(pub.entries)
    single = next(e for e in entries if e.key == "1004")
    multi = next(e for e in entries if e.key == "1001")

    assert pendulum.Date(2020, 6, 15) == pub.published
    assert DateWindow.exact("2019-04-15") == single.listed_on
    assert multi.listed_on is None


@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("name", "records", "published"),
    [
        ("consolidated_non_sdn_2018-04-06.xml", 639, "2018-04-06"),
        ("consolidated_non_sdn_2024-05-06.xml", 443, "2024-05-06"),
        ("enhanced_xml_IRGC_program_2024-08-28.xml", 293, "2024-08-28"),
    ],
)
def test_real_files(shared_data, name, records, published):
    """The real OFAC XML files read completely, with their dates."""
    pub = ofac_xml.read(shared_data / "ofac/xml" / name)
    keys = {e.key for e in pub.entries}

    assert (records, published) == (len(keys), pub.published.isoformat())


@pytest.mark.shared_data
def test_real_irgc_ground_forces_on_fto(shared_data):
    """IRGC GROUND FORCES (Enhanced XML) is on us-fto."""
    pub = ofac_xml.read(shared_data / "ofac/xml/enhanced_xml_IRGC_program_2024-08-28.xml")
    fto = {e.name for e in pub.entries if e.list_id == "us-fto"}

    assert "IRGC GROUND FORCES" in fto
