"""Spec: the EU terrorist list seed (facts.md rows 56-63)."""

from designations.model.events import State
from tests.seeds.assertions import assert_status, history, subjects_of

LIST = "eu-terrorist-list"


def test_at_least_ten_groups() -> None:
    """The seed names at least 10 groups."""
    assert len(subjects_of(LIST)) >= 10


def test_farc_listed_suspended_removed() -> None:
    """FARC: listed June 2002, suspended 2016-09-27, removed 2017-11-13/14."""
    expected = [
        ("LISTED", "2002-06"), ("SUSPENDED", "2016-09-27"), ("REMOVED", "2017-11-13/2017-11-14"),
    ]

    assert expected == history(LIST, "farc")


def test_farc_suspended_in_2017() -> None:
    """On 2017-01-01 FARC is on the list but the measures are suspended."""
    assert_status(LIST, "farc", "2017-01-01", State.SUSPENDED)


def test_pmoi_removed_2009() -> None:
    """The PMOI was listed on 2002-05-02 and removed on 2009-01-26."""
    assert [("LISTED", "2002-05-02"), ("REMOVED", "2009-01-26")] == history(LIST, "mek")


def test_hamas_court_rulings_are_amendments() -> None:
    """The 2014 and 2017 court rulings on Hamas are amendments, never removals."""
    kinds = {kind for kind, eff in history(LIST, "hamas") if eff in ("2014-12-17", "2017-07-26")}

    assert {"AMENDED"} == kinds


def test_hamas_listed_after_annulment() -> None:
    """On 2015-06-01, after the annulment, Hamas is still listed."""
    assert_status(LIST, "hamas", "2015-06-01", State.LISTED)


def test_pkk_amendment_2018() -> None:
    """The PKK judgment of 2018-11-15 is recorded as an amendment."""
    assert [("LISTED", "2002-05-02"), ("AMENDED", "2018-11-15")] == history(LIST, "pkk")


def test_snapshot_groups_listed_in_a_window() -> None:
    """Groups known only from the 2018 snapshot are listed within 2001-12-27/2018-03-22."""
    assert [("LISTED", "2001-12-27/2018-03-22")] == history(LIST, "abu-nidal-organisation")
