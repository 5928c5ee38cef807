"""Spec: the US Foreign Terrorist Organizations seed (facts.md rows 28-44)."""

from designations.model.events import State
from tests.seeds.assertions import (
    assert_status,
    event,
    history,
    subjects_of,
    subjects_with,
)

LIST = "us-fto"


def test_at_least_thirty_organisations() -> None:
    """The seed names at least 30 organisations."""
    assert len(subjects_of(LIST)) >= 30


def test_original_list_of_1997() -> None:
    """The original list of 1997-10-08 holds the 18 groups of the state.gov table and the MEK."""
    expected = {
        "abu-sayyaf-group", "aum-shinrikyo", "eta", "gamaa-al-islamiyya", "hamas",
        "harakat-ul-mujahidin", "hizballah", "kahane-chai", "pkk", "ltte", "eln",
        "palestine-liberation-front", "palestinian-islamic-jihad", "pflp", "pflp-gc",
        "farc", "dhkp-c", "shining-path", "mek",
    }

    assert expected == subjects_with(LIST, "LISTED", "1997-10-08")


def test_houthis_listed_removed_listed_again() -> None:
    """The Houthis have exactly three events: listed, revoked, listed again."""
    expected = [("LISTED", "2021-01-19"), ("REMOVED", "2021-02-16"), ("LISTED", "2025-03-04")]

    assert expected == history(LIST, "houthis")


def test_houthi_listing_published_on_announcement() -> None:
    """The 2021 Houthi listing was announced on 2021-01-10, nine days before it took effect."""
    assert "2021-01-10" == event(LIST, "houthis", "LISTED", "2021-01-19").published.isoformat()


def test_houthis_not_in_force_in_2022() -> None:
    """Between the 2021 revocation and the 2025 re-designation the Houthis are REMOVED."""
    assert_status(LIST, "houthis", "2022-06-01", State.REMOVED)


def test_mek_removed_2012() -> None:
    """The MEK was listed in 1997 and revoked on 2012-09-28."""
    expected = [("LISTED", "1997-10-08"), ("REMOVED", "2012-09-28")]

    assert expected == history(LIST, "mek")


def test_five_revocations_of_2022() -> None:
    """Five organisations were revoked on 2022-05-20."""
    expected = {"aum-shinrikyo", "eta", "kahane-chai", "gamaa-al-islamiyya",
                "mujahidin-shura-council-jerusalem"}

    assert expected == subjects_with(LIST, "REMOVED", "2022-05-20")


def test_al_qaida_1999() -> None:
    """Al-Qa'ida was designated on 1999-10-08."""
    assert [("LISTED", "1999-10-08")] == history(LIST, "al-qaida")


def test_isis_2004() -> None:
    """ISIS was designated (as al-Qa'ida in Iraq) on 2004-12-17."""
    assert [("LISTED", "2004-12-17")] == history(LIST, "islamic-state")


def test_al_nusrah_front_amended_twice_then_removed() -> None:
    """Al-Nusrah Front: listed 2014-05-15, aliases added 2016 and 2018, revoked 2025-07-08."""
    expected = [
        ("LISTED", "2014-05-15"), ("AMENDED", "2016-11-14"),
        ("AMENDED", "2018-06-01"), ("REMOVED", "2025-07-08"),
    ]

    assert expected == history(LIST, "al-nusrah-front")


def test_hts_revocation_announced_the_day_before() -> None:
    """The HTS revocation was announced on 2025-07-07 and took effect on 2025-07-08."""
    removed = event(LIST, "al-nusrah-front", "REMOVED", "2025-07-08")

    assert "2025-07-07" == removed.published.isoformat()


def test_ttp_haqqani_irgc() -> None:
    """TTP, the Haqqani Network and the IRGC have their designation dates."""
    expected = [[("LISTED", "2010-09-01")], [("LISTED", "2012-09-19")], [("LISTED", "2019-04-15")]]

    assert expected == [history(LIST, s) for s in
                        ("tehrik-e-taliban-pakistan", "haqqani-network", "irgc")]


def test_farc_removed_in_a_window() -> None:
    """The FARC revocation is a window from the announcement to Federal Register publication."""
    assert [("LISTED", "1997-10-08"), ("REMOVED", "2021-11-30/2021-12-01")] == history(LIST, "farc")


def test_farc_status_uncertain_on_window_day() -> None:
    """On 2021-11-30 the FARC may or may not have been removed yet."""
    assert_status(LIST, "farc", "2021-11-30", State.UNKNOWN, certain=False)


def test_farc_successors_designated_with_the_revocation() -> None:
    """FARC-EP and Segunda Marquetalia were designated in the same window."""
    expected = {"farc-ep", "segunda-marquetalia"}

    assert expected == subjects_with(LIST, "LISTED", "2021-11-30/2021-12-01")


def test_farc_note_keeps_the_conflicting_claim() -> None:
    """The FARC revocation note renders the 2021-12-01 claim beside the event."""
    note = event(LIST, "farc", "REMOVED", "2021-11-30/2021-12-01").note

    assert "Conflicting claim (medium): effective 2021-12-01" in note


def test_taliban_is_not_an_fto() -> None:
    """The Afghan Taliban is an SDGT, never an FTO: the seed has no FTO event for it."""
    assert [] == history(LIST, "taliban")
