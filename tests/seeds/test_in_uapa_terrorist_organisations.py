"""Spec: India's UAPA First Schedule seed (terrorist organisations, section 35)."""

from designations.dates import parse_date
from designations.model.events import State
from designations.seed_reader import count_in_force
from tests.seeds.assertions import assert_status, event, history, shipped, subjects_with

LIST = "in-uapa-terrorist-organisations"


def test_original_schedule_of_2004() -> None:
    """The 2004 ordinance schedule (in force 2004-09-21) had 32 organisations."""
    assert 32 == len(subjects_with(LIST, "LISTED", "2004-09-21"))


def test_nothing_listed_before_2004() -> None:
    """On 2004-09-20 the schedule did not yet exist."""
    assert_status(LIST, "babbar-khalsa", "2004-09-20", State.NOT_LISTED)


def test_cpi_maoist_added_2009() -> None:
    """CPI (Maoist) was added to the schedule on 2009-06-22."""
    assert [("LISTED", "2009-06-22")] == history(LIST, "cpi-maoist")


def test_gnla_notification_of_12_january_2012() -> None:
    """GNLA was entered at serial 36 by the notification of 2012-01-12."""
    assert [("LISTED", "2012-01-12")] == history(LIST, "garo-national-liberation-army")


def test_islamic_state_2015_then_iskp_names() -> None:
    """Islamic State was listed on 2015-02-26; the ISKP names were added within a window."""
    expected = [("LISTED", "2015-02-26"), ("AMENDED", "2017-11-21/2019-12-30")]

    assert expected == history(LIST, "islamic-state")


def test_klf_40th_entry_2018() -> None:
    """KLF was the 40th entry, listed on 2018-12-26."""
    assert [("LISTED", "2018-12-26")] == history(LIST, "khalistan-liberation-force")


def test_trf_added_to_lashkar_e_taiba_2023() -> None:
    """The Resistance Front was added to the LeT entry (S.O. 45(E)) on 2023-01-05."""
    e = event(LIST, "lashkar-e-taiba", "AMENDED", "2023-01-05")

    assert "The Resistance Front" in e.listed_as


def test_ktf_and_jkgf_2023() -> None:
    """KTF and JKGF were declared on 2023-02-17."""
    expected = {"khalistan-tiger-force", "jammu-and-kashmir-ghaznavi-force"}

    assert expected == subjects_with(LIST, "LISTED", "2023-02-17")


def test_hizb_ut_tahrir_2024() -> None:
    """Hizb ut-Tahrir became the 45th entry on 2024-10-10."""
    assert_status(LIST, "hizb-ut-tahrir", "2024-10-10", State.LISTED)


def test_count_on_verification_day() -> None:
    """44 subjects are LISTED on 2025-03-17 (45 entries less the UN-order class entry 33)."""
    verified = next(lst for lst in shipped().lists if lst.id == LIST).verified

    assert (44, 44) == (verified.count, count_in_force(shipped(), LIST, parse_date("2025-03-17")))


def test_42_entries_in_february_2022() -> None:
    """The MoS Home told the Rajya Sabha on 2022-02-02 that 42 organisations were listed: 41 here plus entry 33."""
    assert 41 == count_in_force(shipped(), LIST, parse_date("2022-02-02"))
