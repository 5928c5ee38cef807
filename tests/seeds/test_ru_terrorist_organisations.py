"""Spec: the Russian unified federal list of organisations recognised as terrorist (FSB)."""

import pendulum

from designations.model.events import State
from designations.seeds import count_in_force
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


def test_al_haramain_is_marked_low() -> None:
    """The 15th organisation (Al-Haramain) is not named in any source read: low confidence."""
    note = event(LIST, "al-haramain-foundation", "LISTED", W2003).note

    assert (True, True) == (note.startswith("confidence: low."), "not verified" in note)


def test_two_added_in_2006() -> None:
    """Jund ash-Sham and Islamic Jihad - Jamaat of Mujahideen were decided on 2006-06-02."""
    expected = {"jund-ash-sham", "islamic-jihad-union"}

    assert expected == subjects_with(LIST, "LISTED", "2006-06-03/2006-07-28")


def test_verified_count_is_seventeen() -> None:
    """On the verification day the data holds 17 organisations in force, as declared."""
    day = pendulum.date(2008, 11, 27)

    assert (day, 17, 17) == (_list().verified.on, _list().verified.count,
                             count_in_force(shipped(), LIST, day))


def test_coverage_ends_with_the_verification() -> None:
    """Coverage runs from the first decision to the verification day only (later years are incomplete)."""
    coverage = [(str(p.start), str(p.end)) for p in _list().coverage]

    assert [("2003-02-14", "2008-11-28")] == coverage


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
            "anti-corruption-foundation", "russian-anti-war-committee"}
    without = {s.id for s in shipped().subjects
               if s.id in ids & mine and not any(a.script == "Cyrl" for a in s.aliases)}

    assert (set(), set()) == (without, mine - ids)
