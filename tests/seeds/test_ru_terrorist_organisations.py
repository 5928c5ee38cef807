"""Spec: the Russian list seed (facts.md rows 1-9)."""

from designations.model.events import State
from tests.seeds.assertions import (
    assert_status,
    event,
    history,
    shipped,
    subjects_with,
)

LIST = "ru-terrorist-organisations"


def test_fifteen_banned_on_2003_02_14() -> None:
    """The Supreme Court decision of 2003-02-14 banned 15 organisations."""
    assert 15 == len(subjects_with(LIST, "LISTED", "2003-02-14"))


def test_al_haramain_is_marked_low() -> None:
    """The 15th organisation (Al-Haramain) is from memory: low confidence, not verified."""
    note = event(LIST, "al-haramain-foundation", "LISTED", "2003-02-14").note

    assert (True, True) == (note.startswith("confidence: low."), "not verified" in note)


def test_taliban_listed_then_suspended() -> None:
    """The Taliban was banned on 2003-02-14 and the ban suspended on 2025-04-17."""
    expected = [("LISTED", "2003-02-14"), ("SUSPENDED", "2025-04-17")]

    assert expected == history(LIST, "taliban")


def test_taliban_listed_in_2024() -> None:
    """On 2024-06-01 the Taliban ban is in force."""
    assert_status(LIST, "taliban", "2024-06-01", State.LISTED)


def test_taliban_suspended_in_2025() -> None:
    """On 2025-06-01 the Taliban ban is suspended, not lifted."""
    assert_status(LIST, "taliban", "2025-06-01", State.SUSPENDED)


def test_taliban_claim_b_kept_beside() -> None:
    """The 'since March 2003' claim is kept in the note, not applied."""
    note = event(LIST, "taliban", "LISTED", "2003-02-14").note

    assert "Conflicting claim (low): effective 2003-03" in note


def test_islamic_state_and_nusra_2014() -> None:
    """Islamic State and Jabhat al-Nusra were banned on 2014-12-29."""
    assert {"islamic-state", "al-nusrah-front"} == subjects_with(LIST, "LISTED", "2014-12-29")


def test_imarat_kavkaz_window() -> None:
    """Imarat Kavkaz's listing is a window ending on the report's date."""
    assert [("LISTED", "2010-02-01/2010-02-08")] == history(LIST, "imarat-kavkaz")


def test_right_sector() -> None:
    """Right Sector's ban entered into force on 2014-12-30."""
    assert [("LISTED", "2014-12-30")] == history(LIST, "right-sector")


def test_names_in_cyrillic() -> None:
    """Every subject on the Russian list has a Cyrillic alias."""
    ids = {e.subject_id for e in shipped().events if e.list_id == LIST}
    without = {s.id for s in shipped().subjects
               if s.id in ids and not any(a.script == "Cyrl" for a in s.aliases)}

    assert set() == without
