"""Spec: the Russian unified federal list of organisations recognised as terrorist (FSB)."""

import pendulum

from designations.model.events import State
from designations.seed_reader import count_in_force
from tests.seeds.assertions import (
    assert_status,
    event,
    history,
    shipped,
    subjects_of,
    subjects_with,
)

LIST = "ru-terrorist-organisations"
W2003 = "2003-02-15/2006-07-28"


def _list():
    return next(dl for dl in shipped().lists if dl.id == LIST)


def test_fifteen_banned_by_the_2003_decision() -> None:
    """The Supreme Court decision of 2003-02-14 banned fifteen organisations, in force within one window."""
    assert 15 == len(subjects_with(LIST, "LISTED", W2003))


def test_2003_decision_day_kept_apart_from_entry_into_force() -> None:
    """The 2003 events carry the decision day, and the day of entry into force stays a window."""
    found = event(LIST, "hizb-ut-tahrir", "LISTED", W2003)

    assert ("2003-02-14", False) == (str(found.decided), found.effective.earliest == found.effective.latest)


def test_nothing_listed_before_the_first_decision() -> None:
    """On 2003-02-14, the decision day, no ban is in force yet: the list has no member."""
    assert_status(LIST, "taliban", "2003-02-14", State.NOT_LISTED)


def test_taliban_unknown_inside_the_2003_window() -> None:
    """Inside the 2003 window the Taliban's status is UNKNOWN, not certain."""
    assert_status(LIST, "taliban", "2004-06-01", State.UNKNOWN, certain=False)


def test_taliban_listed_then_suspended() -> None:
    """The Taliban ban (2003) was suspended, not lifted, on 2025-04-17."""
    expected = [("LISTED", W2003), ("SUSPENDED", "2025-04-17")]

    assert expected == history(LIST, "taliban")


def test_taliban_listed_in_2024_and_suspended_in_2025() -> None:
    """On 2024-06-01 the Taliban ban is in force; on 2025-06-01 it is suspended."""
    assert_status(LIST, "taliban", "2024-06-01", State.LISTED)
    assert_status(LIST, "taliban", "2025-06-01", State.SUSPENDED)


def test_taliban_march_2003_claim_kept_beside() -> None:
    """The 'since March 2003' claim is kept in the note, not applied."""
    note = event(LIST, "taliban", "LISTED", W2003).note

    assert "Conflicting claim (low): effective 2003-03" in note


def test_al_haramain_is_marked_medium() -> None:
    """The 15th organisation (Al-Haramain) is named only by a secondary source (Jamestown, 2006): medium confidence."""
    note = event(LIST, "al-haramain-foundation", "LISTED", W2003).note

    assert (True, True) == (note.startswith("confidence: medium."), "Al-Kharamein" in note)


def test_two_added_in_2006() -> None:
    """Jund ash-Sham and Islamic Jihad - Jamaat of Mujahideen were decided on 2006-06-02."""
    expected = {"jund-ash-sham", "islamic-jihad-union"}

    assert expected == subjects_with(LIST, "LISTED", "2006-06-03/2006-07-28")


def test_verified_count_is_twenty_three() -> None:
    """On the verification day (2015-07-18) the data holds 23 organisations in force, as the FSB list did."""
    day = pendulum.date(2015, 7, 18)

    assert (day, 23, 23) == (_list().verified.on, _list().verified.count,
                             count_in_force(shipped(), LIST, day))


def test_coverage_ends_with_the_verification() -> None:
    """Coverage runs from the first decision to the verification day only (later years are incomplete)."""
    coverage = [(str(p.start), str(p.end)) for p in _list().coverage]

    assert [("2003-02-14", "2015-07-19")] == coverage


def test_twenty_three_in_force_on_2015_02_27() -> None:
    """
    On 2015-02-27 the data holds the FSB's 22 plus the Crimean Right Sector.

    The Crimean Right Sector was in force from 2014-12-30 and entered by April.
    """
    assert 23 == count_in_force(shipped(), LIST, pendulum.date(2015, 2, 27))


def test_abto_is_the_22nd_entry() -> None:
    """ABTO: Moscow City Court decision of 2013-06-28, in force by the FSB list of 2015-02-27 (medium confidence)."""
    found = event(LIST, "autonomous-combat-terrorist-organisation", "LISTED", "2013-06-29/2015-02-27")

    assert ("2013-06-28", True) == (str(found.decided), found.note.startswith("confidence: medium."))


def test_aidar_in_force_2023_11_22() -> None:
    """Aidar: Southern District Military Court decision in force on 2023-11-22."""
    assert [("LISTED", "2023-11-22")] == history(LIST, "aidar-battalion")


def test_dnipro_1_decided_and_in_force() -> None:
    """Dnipro-1: decided 2023-12-14, in force 2024-06-25; not yet in force on 2024-06-24."""
    found = event(LIST, "dnipro-1-battalion", "LISTED", "2024-06-25")

    assert "2023-12-14" == str(found.decided)
    assert_status(LIST, "dnipro-1-battalion", "2024-06-24", State.NOT_LISTED)


def test_avangard_narodnoy_voli_2024() -> None:
    """Avangard narodnoy voli: Central District Military Court, decided 2024-05-16, in force 2024-08-20."""
    found = event(LIST, "avangard-narodnoy-voli", "LISTED", "2024-08-20")

    assert ("2024-05-16", "2024-10-05") == (str(found.decided), str(found.published))


def test_batal_hajji_combat_wing_is_a_part() -> None:
    """Only the combat wing of the Batal-Hajji vird was reported banned (2023): scope part, low confidence."""
    found = event(LIST, "vird-of-batal-hajji-belkhoroev", "LISTED", "2023-01-01/2025-12-30")

    assert ("part", True) == (found.scope.value, found.note.startswith("confidence: low."))


def test_allowance_is_31_days() -> None:
    """The data is vouched for 31 days after the review day (court decisions reach the press within weeks)."""
    assert 31 == _list().allowance_days


def test_aqim_decided_2008() -> None:
    """AQIM was decided on 2008-11-13; its entry into force is a window."""
    assert [("LISTED", "2008-11-14/2015-02-27")] == history(LIST, "aqim")


def test_imarat_kavkaz_in_force_2010_02_25() -> None:
    """Imarat Kavkaz: decided 2010-02-08, in force 2010-02-25."""
    found = event(LIST, "imarat-kavkaz", "LISTED", "2010-02-25")

    assert "2010-02-08" == str(found.decided)


def test_imarat_kavkaz_keeps_its_old_key() -> None:
    """The corrected Imarat Kavkaz date keeps the key of the earlier window."""
    key = event(LIST, "imarat-kavkaz", "LISTED", "2010-02-25").key

    assert f"seed:{LIST}:imarat-kavkaz:LISTED:2010-02-01/2010-02-08" == key


def test_islamic_state_and_nusra_2014() -> None:
    """Islamic State and Jabhat al-Nusra (decided 2014-12-29) were in force by the FSB list of 2015-02-27."""
    expected = {"islamic-state", "al-nusrah-front"}

    assert expected == subjects_with(LIST, "LISTED", "2014-12-30/2015-02-27")


def test_right_sector_crimea_then_whole() -> None:
    """Right Sector: only the Crimean subdivision from 2014-12-30, the whole organisation from 2025."""
    expected = [("LISTED", "2014-12-30"), ("AMENDED", "2025-01-23/2025-03-14")]

    assert expected == history(LIST, "right-sector")


def test_right_sector_scope_part_then_whole() -> None:
    """The 2014 listing covers a part (Crimea), the 2025 amendment the whole."""
    part = event(LIST, "right-sector", "LISTED", "2014-12-30").scope.value
    whole = event(LIST, "right-sector", "AMENDED", "2025-01-23/2025-03-14").scope.value

    assert ("part", "whole") == (part, whole)


def test_hts_listed_as_its_own_subject() -> None:
    """Hay'at Tahrir al-Sham (Supreme Court, 2020-06-04) is a LISTED entry of its own, not an amendment of al-Nusrah."""
    found = event(LIST, "hay-at-tahrir-al-sham", "LISTED", "2020-06-04/2022-06-16")
    nusra = history(LIST, "al-nusrah-front")

    assert ("2020-06-04", "«Хайят Тахрир аш-Шам»", [("LISTED", "2014-12-30/2015-02-27")]) == (
        str(found.decided), found.listed_as, nusra)


def test_hts_successor_of_nusra() -> None:
    """A sourced relation says HTS is the successor of the al-Nusrah Front."""
    found = {(r.subject_id, r.kind.value, r.other_id) for r in shipped().relations}

    assert ("hay-at-tahrir-al-sham", "successor_of", "al-nusrah-front") in found


def test_set_in_force_2019_03_14() -> None:
    """Set: Moscow District Military Court decision of 2019-01-17, in force 2019-03-14."""
    assert [("LISTED", "2019-03-14")] == history(LIST, "set-network")


def test_azov_2022_08_02() -> None:
    """Azov was banned by the Supreme Court on 2022-08-02, immediately enforceable."""
    assert [("LISTED", "2022-08-02")] == history(LIST, "azov")


def test_no_removal_on_the_list() -> None:
    """No organisation has ever been removed: the Taliban's ban was only suspended."""
    removed = {e.subject_id for e in shipped().events if e.list_id == LIST and e.kind.value == "REMOVED"}

    assert set() == removed


def test_names_in_cyrillic() -> None:
    """Every subject of the list's own subject file has a Cyrillic alias."""
    ids = subjects_of(LIST)
    mine = {"jund-ash-sham", "mujahideen-of-jamaat-at-tawhid-wal-jihad", "chistopol-jamaat",
            "guide-to-the-islamic-state", "set-network", "columbine-movement",
            "noman-celebicihan-battalion", "azov", "maniacs-cult-of-murder",
            "freedom-of-russia-legion", "russian-volunteer-corps", "georgian-national-legion",
            "forum-of-free-states-of-post-russia", "free-russia-forum", "congress-of-peoples-deputies",
            "anti-corruption-foundation", "russian-anti-war-committee",
            "autonomous-combat-terrorist-organisation", "aidar-battalion", "dnipro-1-battalion",
            "avangard-narodnoy-voli", "vird-of-batal-hajji-belkhoroev",
            "artpodgotovka-terrorist-community", "ns-wp", "narodnaya-samooborona"}
    without = {s.id for s in shipped().subjects
               if s.id in ids & mine and not any(a.script == "Cyrl" for a in s.aliases)}

    assert (set(), set()) == (without, mine - ids)


def test_artpodgotovka_community_is_the_35th_entry() -> None:
    """Maltsev's Artpodgotovka community: decided 2020-06-18, in force 2021-06-07, entered 2021-09-09 (35th)."""
    found = event(LIST, "artpodgotovka-terrorist-community", "LISTED", "2021-06-07")

    assert ("2020-06-18", "2021-09-09") == (str(found.decided), str(found.published))
    assert_status(LIST, "artpodgotovka-terrorist-community", "2021-06-06", State.NOT_LISTED)


def test_ns_wp_decided_2021_in_force_unpinned() -> None:
    """NS/WP: Supreme Court decision of 2021-05-21; the day in force is not known, so a window (medium)."""
    found = event(LIST, "ns-wp", "LISTED", "2021-05-22/2026-11-29")

    assert ("2021-05-21", True) == (str(found.decided), found.note.startswith("confidence: medium."))
    assert_status(LIST, "ns-wp", "2021-05-21", State.NOT_LISTED)


def test_narodnaya_samooborona_regional_court_2022() -> None:
    """Narodnaya Samooborona: decided by the Chelyabinsk Regional Court on 2022-09-12, in force by 2022-11-16."""
    found = event(LIST, "narodnaya-samooborona", "LISTED", "2022-09-13/2022-11-16")

    assert "2022-09-12" == str(found.decided)
    assert_status(LIST, "narodnaya-samooborona", "2022-12-01", State.LISTED)
