"""Spec: the Kazakh list of organisations recognised as terrorist by the courts."""

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

LIST = "kz-terrorist-organisations"
REMOVAL = "2023-12-19/2024-02-29"
MARCH_2005 = "2005-03-14/2005-03-15"


def _list():
    return next(dl for dl in shipped().lists if dl.id == LIST)


def test_list_established_by_the_first_supreme_court_decision() -> None:
    """The list's first day is the Supreme Court decision of 2004-10-15."""
    assert "2004-10-15" == str(_list().established)


def test_nothing_listed_the_day_before() -> None:
    """On 2004-10-14 al-Qaeda is not yet on the list."""
    assert_status(LIST, "al-qaida", "2004-10-14", State.NOT_LISTED)


def test_four_banned_on_2004_10_15() -> None:
    """The Supreme Court banned four organisations on 2004-10-15."""
    expected = {"al-qaida", "east-turkestan-islamic-movement", "pkk", "islamic-movement-of-uzbekistan"}

    assert expected == subjects_with(LIST, "LISTED", "2004-10-15")


def test_seven_banned_on_2005_03_15() -> None:
    """The Supreme Court banned seven organisations on 14 or 15 March 2005."""
    expected = {"asbat-al-ansar", "muslim-brotherhood", "taliban", "boz-gurd",
                "islamic-jihad-union", "lashkar-e-taiba", "social-reform-society"}

    assert expected == subjects_with(LIST, "LISTED", MARCH_2005)


def test_march_2005_ban_announced_on_the_15th() -> None:
    """The March 2005 ban was announced on Khabar TV on 2005-03-15 (IRNA)."""
    assert "2005-03-15" == str(event(LIST, "boz-gurd", "LISTED", MARCH_2005).published)


def test_march_2005_ban_in_force_on_the_16th() -> None:
    """On 2005-03-16 the Muslim Brotherhood is listed."""
    assert_status(LIST, "muslim-brotherhood", "2005-03-16", State.LISTED)


def test_islamic_party_of_turkestan_added_in_2008() -> None:
    """The Islamic Party of Turkestan was added in 2008 (US State Department, CRT 2008)."""
    assert [("LISTED", "2008-01-01/2008-12-31")] == history(LIST, "islamic-party-of-turkestan")


def test_islamic_party_of_turkestan_not_listed_in_2007() -> None:
    """On 2007-12-31 the Islamic Party of Turkestan is not yet listed."""
    assert_status(LIST, "islamic-party-of-turkestan", "2007-12-31", State.NOT_LISTED)


def test_kongra_gel_listed_under_its_own_name() -> None:
    """The PKK is listed as the Kurdish People's Congress."""
    assert "Курдский народный конгресс" == event(LIST, "pkk", "LISTED", "2004-10-15").listed_as


def test_taliban_listed_and_removed_in_a_window() -> None:
    """The Taliban was listed on 14/15 March 2005 and removed between 2023-12-19 and 2024-02-29."""
    expected = [("LISTED", MARCH_2005), ("REMOVED", REMOVAL)]

    assert expected == history(LIST, "taliban")


def test_taliban_listed_before_the_window() -> None:
    """On 2023-06-01 the Taliban is listed."""
    assert_status(LIST, "taliban", "2023-06-01", State.LISTED)


def test_taliban_uncertain_inside_the_window() -> None:
    """On 2024-01-10 the removal may or may not have happened: the status is not certain."""
    assert_status(LIST, "taliban", "2024-01-10", State.UNKNOWN, certain=False)


def test_taliban_removed_after_the_window() -> None:
    """On 2024-03-01, after Tokayev's February statement, the Taliban is removed."""
    assert_status(LIST, "taliban", "2024-03-01", State.REMOVED)


def test_taliban_removal_keeps_its_old_key() -> None:
    """The window's end moved from 2024-06-03 to 2024-02-29; the event keeps its old key."""
    found = event(LIST, "taliban", "REMOVED", REMOVAL)

    assert "seed:kz-terrorist-organisations:taliban:REMOVED:2023-12-19/2024-06-03" == found.key


def test_taliban_removal_claims_kept() -> None:
    """The five dated removal claims (20 Dec 2023, 29 Dec 2023, 3 Jun 2024, Jun 2024, 3 Jul 2024) are kept."""
    note = event(LIST, "taliban", "REMOVED", REMOVAL).note

    assert 5 == note.count("Conflicting claim")


def test_jund_al_khilafah_decided_apart_from_effective() -> None:
    """Jund al-Khilafah: decided 2011-11-25 by the Atyrau court, in force by 2011-11-30."""
    found = event(LIST, "jund-al-khilafah", "LISTED", "2011-11-25/2011-11-30")

    assert "2011-11-25" == str(found.decided)


def test_islamic_state_uncertain_before_the_list_report() -> None:
    """On 2015-10-20 the Esil court's decision may not yet be in force."""
    assert_status(LIST, "islamic-state", "2015-10-20", State.UNKNOWN, certain=False)


def test_verified_count_is_seventeen() -> None:
    """On 2015-11-02 the data holds 17 organisations in force, as declared."""
    day = pendulum.date(2015, 11, 2)

    assert (day, 17, 17) == (_list().verified.on, _list().verified.count,
                             count_in_force(shipped(), LIST, day))


def test_coverage_ends_with_the_verification() -> None:
    """Coverage runs from 2004-10-15 to the verification day only."""
    coverage = [(str(p.start), str(p.end)) for p in _list().coverage]

    assert [("2004-10-15", "2015-11-03")] == coverage


def test_seventeen_organisations_ever_listed() -> None:
    """Seventeen organisations were ever on the list as seeded."""
    assert 17 == len(subjects_of(LIST))


def test_al_nusrah_not_listed_before_it_existed() -> None:
    """On 2010-12-31 the al-Nusra Front (active since 2011) is not listed."""
    assert_status(LIST, "al-nusrah-front", "2010-12-31", State.NOT_LISTED)


def test_al_nusrah_listed_by_the_2015_report() -> None:
    """On 2015-11-02 the al-Nusra Front is on the list reported by the Committee."""
    assert_status(LIST, "al-nusrah-front", "2015-11-02", State.LISTED)
