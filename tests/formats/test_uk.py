"""Specs for the HM Treasury ConList CSV reader."""

from __future__ import annotations

import pendulum
import pytest

from designations.dates import DateWindow, Precision
from designations.formats import uk


def _entries(path):
    return {e.key: e for e in uk.read(path).entries}


def test_last_updated_is_publication_date(fixtures):
    """Line 1 'Last Updated,DD/MM/YYYY' is the publication date."""
    assert (
        pendulum.Date(2020, 1, 10)
        == uk.read(fixtures / "uk-conlist/ConList_2020-01-10.csv").published
    )


def test_rows_group_by_group_id(fixtures):
    """Rows sharing a Group ID are one entry; the other rows are aliases."""
    entries = _entries(fixtures / "uk-conlist/ConList_2020-01-10.csv")

    assert 12 == len(entries)
    assert "EXAMPLE FRONT" == entries["7001"].name
    assert ["FRONT OF EXAMPLES"] == [a.value for a in entries["7001"].aliases]


def test_year_only_listing_date(fixtures):
    """00/00/2001 is a listing date of year precision."""
    entry = _entries(fixtures / "uk-conlist/ConList_2020-01-10.csv")["7009"]

    assert Precision.YEAR == entry.listed_on.precision


def test_renamed_regime_is_one_list(fixtures):
    """'Al-Qaida' (2020-01) and its new name (2020-06) are both uk-hmt-isil-al-qaida."""
    t1 = _entries(fixtures / "uk-conlist/ConList_2020-01-10.csv")["7004"]
    t2 = _entries(fixtures / "uk-conlist/ConList_2020-06-15.csv")["7004"]

    assert ("uk-hmt-isil-al-qaida", "uk-hmt-isil-al-qaida") == (t1.list_id, t2.list_id)


def test_cp1252_names(fixtures):
    """Names in cp1252 are decoded."""
    assert (
        "CAF\u00c9 EXEMPLAIRE"
        == _entries(fixtures / "uk-conlist/ConList_2020-01-10.csv")["7010"].name
    )


@pytest.mark.shared_data
def test_real_2014_and_2018(shared_data):
    """The 2014 and 2018 extracts: FARC and Hamas in 2014, FARC gone in 2018."""
    old = _entries(
        shared_data / "uk_ofsi/ConList_2014-04-02_terrorism_afghanistan_alqaida_extract.csv"
    )
    new = _entries(shared_data / "uk_ofsi/ConList_2018-04-13_terrorism_afghanistan_extract.csv")
    farc = [
        k
        for k, e in old.items()
        if "FUERZAS ARMADAS" in e.name or any("FUERZAS ARMADAS" in a.value for a in e.aliases)
    ]
    hamas = next(e for e in old.values() if e.name.startswith("HAMAS"))

    assert farc
    assert all(k not in new for k in farc)
    assert DateWindow.exact("2003-09-15") == hamas.listed_on
    assert "uk-hmt-terrorism" == hamas.list_id


@pytest.mark.shared_data
def test_real_isil_regime(shared_data):
    """The renamed 2018 regime maps to uk-hmt-isil-al-qaida."""
    entries = _entries(shared_data / "uk_ofsi/ConList_2018-04-13_isil_alqaida_extract.csv")

    assert {"uk-hmt-isil-al-qaida"} == {e.list_id for e in entries.values()}
