"""Spec: Canada's Criminal Code listed entities seed (SOR/2002-284, Canada Gazette, Public Safety Canada)."""

from designations.dates import parse_date
from designations.model.events import State
from designations.seed_reader import count_in_force
from tests.seeds.assertions import (
    assert_status,
    event,
    history,
    shipped,
    subjects_with,
)

LIST = "ca-listed-entities"


def _count(day: str) -> int:
    return count_in_force(shipped(), LIST, parse_date(day))


def test_first_list_of_2002_07_23() -> None:
    """SOR/2002-284 (registered 2002-07-23) listed the six entities whose names were read."""
    expected = {
        "al-qaida", "gamaa-al-islamiyya", "al-itihaad-al-islamiya-aiai", "aqim",
        "egyptian-islamic-jihad", "armed-islamic-group",
    }

    assert expected == subjects_with(LIST, "LISTED", "2002-07-23")


def test_first_list_published_next_day() -> None:
    """The first Regulations were made and registered on 2002-07-23 and published on 2002-07-24."""
    listed = event(LIST, "al-qaida", "LISTED", "2002-07-23")

    assert ("2002-07-23", "2002-07-24") == (str(listed.decided), listed.published.isoformat())


def test_nobody_listed_before_the_first_regulations() -> None:
    """On 2002-07-22 Al Qaida is not yet on the Criminal Code list."""
    assert_status(LIST, "al-qaida", "2002-07-22", State.NOT_LISTED)


def test_mek_listed_2005_removed_2012() -> None:
    """The MEK was listed on 2005-05-24 and removed in December 2012 (window 17-20 December)."""
    expected = [("LISTED", "2005-05-24"), ("REMOVED", "2012-12-17/2012-12-20")]

    assert expected == history(LIST, "mek")


def test_irgc_qods_force_then_whole_irgc() -> None:
    """The IRGC's Qods Force was listed in 2012 (part); the whole IRGC on 2024-06-19."""
    whole = event(LIST, "irgc", "AMENDED", "2024-06-19")

    assert ([("LISTED", "2012-12-17"), ("AMENDED", "2024-06-19")], "part", "whole") == (
        history(LIST, "irgc"), event(LIST, "irgc", "LISTED", "2012-12-17").scope.value, whole.scope.value)


def test_islamic_state_listed_as_aqi_then_renamed() -> None:
    """Listed as Al Qaida in Iraq on 2012-08-20, renamed Islamic State by SOR/2014-211 on 2014-09-22."""
    assert [("LISTED", "2012-08-20"), ("AMENDED", "2014-09-22")] == history(LIST, "islamic-state")


def test_babbar_khalsa_entry_merged_2012() -> None:
    """Deleting the separate 'Babbar Khalsa (BK)' entry in 2012 leaves the subject listed (as BKI)."""
    assert_status(LIST, "babbar-khalsa", "2013-01-01", State.LISTED)


def test_three_removed_by_the_2016_review() -> None:
    """SOR/2016-320 (registered 2016-12-23) removed AIAI, the Islamic Army of Aden and the AUC."""
    expected = {"al-itihaad-al-islamiya-aiai", "islamic-army-of-aden", "auc"}

    assert expected == subjects_with(LIST, "REMOVED", "2016-12-23")


def test_aab_public_safety_date_is_a_claim() -> None:
    """The Abdallah Azzam Brigades: registration 2015-06-24 applied, Public Safety's 2015-06-29 kept as claim."""
    note = event(LIST, "abdallah-azzam-brigades-aab", "LISTED", "2015-06-24").note

    assert "Conflicting claim (low): effective 2015-06-29" in note


def test_sixty_before_and_seventy_three_after_february_2021() -> None:
    """60 entities before and 73 after the 13 listings of 2021-02-03 (Anti-Hate Network, Global News)."""
    assert (60, 73) == (_count("2021-02-02"), _count("2021-02-03"))


def test_armed_islamic_group_removed_2024() -> None:
    """GIA: listed 2002-07-23, removed by SOR/2024-139 made 2024-06-18, published 2024-07-03."""
    removed = event(LIST, "armed-islamic-group", "REMOVED", "2024-06-18")

    assert ([("LISTED", "2002-07-23"), ("REMOVED", "2024-06-18")], "2024-07-03") == (
        history(LIST, "armed-islamic-group"), removed.published.isoformat())


def test_seven_criminal_organisations_2025_02_20() -> None:
    """Seven transnational criminal organisations were listed on 2025-02-20."""
    expected = {
        "cjng", "sinaloa-cartel", "gulf-cartel", "carteles-unidos",
        "la-nueva-familia-michoacana", "ms-13", "tren-de-aragua",
    }

    assert expected == subjects_with(LIST, "LISTED", "2025-02-20")


def test_bishnoi_gang_2025_09_29() -> None:
    """The Bishnoi Gang was listed on 2025-09-29."""
    assert [("LISTED", "2025-09-29")] == history(LIST, "bishnoi-gang")


def test_hts_listed_renamed_removed() -> None:
    """Jabhat al-Nusra listed 2013-11-07, renamed Hay'at Tahrir al-Sham 2018-05-23, removed 2025-12-05."""
    expected = [("LISTED", "2013-11-07"), ("AMENDED", "2018-05-23"), ("REMOVED", "2025-12-05")]

    assert expected == history(LIST, "al-nusrah-front")


def test_verified_count() -> None:
    """89 subjects are listed on 2026-03-09: Public Safety's 90 entries, the IRGC and its Qods Force being one."""
    listed = next(x for x in shipped().lists if x.id == LIST)

    assert (89, 89) == (listed.verified.count, _count("2026-03-09"))
