"""Spec: the UK proscribed organisations seed (facts.md rows 49-53)."""

from designations.model.events import State
from tests.seeds.assertions import (
    assert_status,
    event,
    history,
    subjects_of,
    subjects_with,
)

LIST = "uk-proscribed"


def test_at_least_fifteen_organisations() -> None:
    """The seed names at least 15 organisations."""
    assert len(subjects_of(LIST)) >= 15


def test_pmoi_deproscribed_2008() -> None:
    """The PMOI was proscribed on 2001-03-29 and deproscribed on 2008-06-24."""
    expected = [("LISTED", "2001-03-29"), ("REMOVED", "2008-06-24")]

    assert expected == history(LIST, "mek")


def test_pmoi_approval_day_is_a_claim() -> None:
    """Parliament's approval on 2008-06-23 is kept as a claim, not applied."""
    note = event(LIST, "mek", "REMOVED", "2008-06-24").note

    assert "Conflicting claim (medium): effective 2008-06-23" in note


def test_hamas_extended_2021() -> None:
    """Hamas's military wing was proscribed in 2001, and all of Hamas from 2021-11-26."""
    expected = [("LISTED", "2001-03-29"), ("AMENDED", "2021-11-26")]

    assert expected == history(LIST, "hamas")


def test_one_order_removes_one_and_adds_four() -> None:
    """SI 2017/1325 removed Hezb-e Islami Gulbuddin and added four groups on 2017-12-22."""
    expected = (
        {"hezb-e-islami-gulbuddin"},
        {"al-ashtar-brigades", "al-mukhtar-brigades", "hasm", "liwa-al-thawra"},
    )

    assert expected == (subjects_with(LIST, "REMOVED", "2017-12-22"),
                        subjects_with(LIST, "LISTED", "2017-12-22"))


def test_hizb_ut_tahrir_2024() -> None:
    """Hizb ut-Tahrir was proscribed on 2024-01-19."""
    assert [("LISTED", "2024-01-19")] == history(LIST, "hizb-ut-tahrir")


def test_hts_still_proscribed_the_day_the_order_was_laid() -> None:
    """On 2025-10-21 the deproscription order was only laid: HTS is still listed."""
    assert_status(LIST, "al-nusrah-front", "2025-10-21", State.LISTED)


def test_hts_removed_after_the_order_came_into_force() -> None:
    """By 2025-11-12 the revocation order is in force."""
    assert_status(LIST, "al-nusrah-front", "2025-11-12", State.REMOVED)
