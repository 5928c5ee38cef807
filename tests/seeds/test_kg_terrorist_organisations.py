"""Spec: the Kyrgyz list of organisations banned by the courts as terrorist or extremist."""

import pendulum

from designations.model.events import State
from designations.seed_reader import count_in_force
from tests.seeds.assertions import (
    assert_status,
    event,
    history,
    shipped,
    subjects_with,
)

LIST = "kg-terrorist-organisations"
W2003 = "2003-08-20/2003-11-19"
W2012 = "2012-10-24/2012-12-11"


def _list():
    return next(dl for dl in shipped().lists if dl.id == LIST)


def test_four_banned_by_the_2003_supreme_court_decision() -> None:
    """The 2003 Supreme Court decision banned three terrorist organisations and one extremist."""
    expected = {"east-turkestan-liberation-organization", "east-turkestan-islamic-movement",
                "islamic-movement-of-uzbekistan", "hizb-ut-tahrir"}

    assert expected == subjects_with(LIST, "LISTED", W2003)


def test_2003_decision_day() -> None:
    """Azattyk dates the Supreme Court decision 2003-08-20; the old window's key is kept."""
    found = event(LIST, "hizb-ut-tahrir", "LISTED", W2003)

    assert ("2003-08-20", "seed:kg-terrorist-organisations:hizb-ut-tahrir:LISTED:2003-04-01/2003-11-19") == (
        str(found.decided), found.key)


def test_nothing_listed_before_the_2003_decision() -> None:
    """On 2003-08-19 Hizb ut-Tahrir is not yet banned."""
    assert_status(LIST, "hizb-ut-tahrir", "2003-08-19", State.NOT_LISTED)


def test_al_qaeda_banned_in_2006() -> None:
    """Al-Qaeda was banned in 2006 (Azattyk), in force by the GKNB statement of 2012-12-11."""
    assert [("LISTED", "2006-01-01/2012-12-11")] == history(LIST, "al-qaida")


def test_kongra_gel_and_jihad_group_banned_in_2008() -> None:
    """The Kurdish People's Congress and the Jihad group were banned in 2008 (Azattyk)."""
    assert {"pkk", "islamic-jihad-union"} == subjects_with(LIST, "LISTED", "2008-01-01/2012-12-11")


def test_kongra_gel_not_listed_in_2007() -> None:
    """On 2007-12-31 the PKK (Kongra-Gel) is not yet banned in Kyrgyzstan."""
    assert_status(LIST, "pkk", "2007-12-31", State.NOT_LISTED)


def test_hizb_ut_tahrir_is_extremist() -> None:
    """Hizb ut-Tahrir's note gives its category: extremist."""
    assert "Category: extremist" in event(LIST, "hizb-ut-tahrir", "LISTED", W2003).note


def test_taliban_listed_and_removed() -> None:
    """
    The Taliban was decided in September 2006 (in force by 2012-12-11).

    It was removed between 2024-05-17 and 2024-09-02.
    """
    expected = [("LISTED", "2006-09-01/2012-12-11"), ("REMOVED", "2024-05-17/2024-09-02")]

    assert expected == history(LIST, "taliban")


def test_taliban_decision_day() -> None:
    """The Pervomaisky district court decided in September 2006 (no specific source gives the day)."""
    assert "2006-09" == str(event(LIST, "taliban", "LISTED", "2006-09-01/2012-12-11").decided)


def test_taliban_not_listed_on_2024_09_06() -> None:
    """On 2024-09-06, when the MFA confirmed it, the Taliban is removed."""
    assert_status(LIST, "taliban", "2024-09-06", State.REMOVED)


def test_taliban_listed_in_2020() -> None:
    """On 2020-01-01 the Taliban is listed."""
    assert_status(LIST, "taliban", "2020-01-01", State.LISTED)


def test_taliban_removal_claims_kept() -> None:
    """The wider removal windows (from 2017 and from August 2021) are kept as claims."""
    note = event(LIST, "taliban", "REMOVED", "2024-05-17/2024-09-02").note

    assert 2 == note.count("Conflicting claim")


def test_four_banned_on_2012_10_24() -> None:
    """The Pervomaisky district court banned four organisations on 2012-10-24."""
    expected = {"jaysh-al-mahdi-kyrgyzstan", "jund-al-khilafah", "jamaat-ansarullah", "takfir-wal-hijra"}

    assert expected == subjects_with(LIST, "LISTED", W2012)


def test_islamic_state_decided_and_in_force() -> None:
    """Islamic State: decided 2015-02-13, in force 2015-03-16."""
    found = event(LIST, "islamic-state", "LISTED", "2015-03-16")

    assert "2015-02-13" == str(found.decided)


def test_islamic_state_not_yet_in_force_on_the_decision_day() -> None:
    """On 2015-03-15 the Islamic State ban is not yet in force."""
    assert_status(LIST, "islamic-state", "2015-03-15", State.NOT_LISTED)


def test_verified_count_is_twenty() -> None:
    """On 2024-09-02, the register's publication day, the data holds 20 organisations in force, as declared."""
    day = pendulum.date(2024, 9, 2)

    assert (day, 20, 20) == (_list().verified.on, _list().verified.count,
                             count_in_force(shipped(), LIST, day))


def test_gknb_twelve_in_force_on_2012_12_11() -> None:
    """On 2012-12-11 the data holds the 12 organisations the GKNB named (the Unification Church still uncertain)."""
    assert 12 == count_in_force(shipped(), LIST, pendulum.date(2012, 12, 11))


def test_thirteen_in_force_on_2013_01_01() -> None:
    """On 2013-01-01 the data holds the GKNB's 12 plus the Unification Church."""
    assert 13 == count_in_force(shipped(), LIST, pendulum.date(2013, 1, 1))


def test_twenty_one_in_may_2024() -> None:
    """On 2024-05-17, when the GKNB counted 21 banned organisations, the data holds 21 (the Taliban still uncertain)."""
    day = pendulum.date(2024, 5, 16)

    assert 21 == count_in_force(shipped(), LIST, day)


def test_coverage_ends_with_the_verification() -> None:
    """Coverage runs from the first decision (2003-08-20) to the verification day."""
    coverage = [(str(p.start), str(p.end)) for p in _list().coverage]

    assert [("2003-08-20", "2024-09-03")] == coverage


def test_extremist_entries_marked() -> None:
    """Hizb ut-Tahrir, Akromiya and Yakyn Inkar carry the category extremist in their notes."""
    found = {e.subject_id for e in shipped().events
             if e.list_id == LIST and e.kind.value == "LISTED" and "Category: extremist" in e.note}

    assert {"hizb-ut-tahrir", "akromiya", "yakyn-inkar"} == found


def test_twenty_in_force_on_2017_03_15() -> None:
    """On 2017-03-15, when the GKNB counted 20 banned organisations (15 terrorist, 5 extremist), the data holds 20."""
    assert 20 == count_in_force(shipped(), LIST, pendulum.date(2017, 3, 15))


def test_fifteen_terrorist_entries_as_the_gknb_counted() -> None:
    """Fifteen organisations carry a terrorist category, as the GKNB counted in 2017."""
    found = {e.subject_id for e in shipped().events
             if e.list_id == LIST and e.kind.value == "LISTED" and "Category: terrorist" in e.note}

    assert 15 == len(found)
