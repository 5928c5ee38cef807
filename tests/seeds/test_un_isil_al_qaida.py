"""Spec: the UN ISIL (Da'esh) and Al-Qaida list seed (facts.md rows 20-25)."""

from designations.model.events import State
from tests.seeds.assertions import assert_status, history, subjects_with

LIST = "un-isil-al-qaida"


def test_al_qaida_listed_and_amended() -> None:
    """QDe.004 AL-QAIDA: listed 2001-10-06, amended three times."""
    expected = [
        ("LISTED", "2001-10-06"), ("AMENDED", "2009-03-05"),
        ("AMENDED", "2012-03-21"), ("AMENDED", "2020-11-24"),
    ]

    assert expected == history(LIST, "al-qaida")


def test_aqi_amended_seven_times() -> None:
    """QDe.115 AL-QAIDA IN IRAQ has seven amendments."""
    assert 7 == sum(1 for kind, _ in history(LIST, "islamic-state") if kind == "AMENDED")


def test_nusrah_front_still_listed() -> None:
    """QDe.137 Al-Nusrah Front is still listed in February 2026, despite a contrary claim."""
    assert_status(LIST, "al-nusrah-front", "2026-02-27", State.LISTED)


def test_jnim_2018() -> None:
    """QDe.159 JNIM was listed on 2018-10-04."""
    assert ("LISTED", "2018-10-04") == history(LIST, "jnim")[0]


def test_two_delisted_by_resolution_2799() -> None:
    """Al-Jawlani (QDi.317) and Khattab (QDi.336) were removed on 2025-11-06."""
    expected = {"abu-mohammed-al-jawlani", "anas-hasan-khattab"}

    assert expected == subjects_with(LIST, "REMOVED", "2025-11-06")


def test_jawlani_listed_2013() -> None:
    """Al-Jawlani was listed on 2013-07-24 and in force until the delisting."""
    assert_status(LIST, "abu-mohammed-al-jawlani", "2025-11-05", State.LISTED)
