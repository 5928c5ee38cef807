"""Spec: the Kyrgyz list seed (facts.md rows 15-16)."""

from designations.model.events import State
from tests.seeds.assertions import assert_status, history

LIST = "kg-terrorist-organisations"


def test_taliban_listed_and_removed() -> None:
    """The Taliban was listed on 2006-09-15 and removed in a window ending 2024-09-02."""
    expected = [("LISTED", "2006-09-15"), ("REMOVED", "2021-08-01/2024-09-02")]

    assert expected == history(LIST, "taliban")


def test_not_listed_on_2024_09_06() -> None:
    """On 2024-09-06, when the MFA confirmed it, the Taliban is removed."""
    assert_status(LIST, "taliban", "2024-09-06", State.REMOVED)


def test_listed_in_2020() -> None:
    """On 2020-01-01 the Taliban is listed."""
    assert_status(LIST, "taliban", "2020-01-01", State.LISTED)
