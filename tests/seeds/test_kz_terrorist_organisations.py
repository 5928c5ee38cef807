"""Spec: the Kazakh list seed (facts.md rows 10-14)."""

from designations.model.events import State
from tests.seeds.assertions import assert_status, event, history

LIST = "kz-terrorist-organisations"


def test_taliban_listed_and_removed_in_a_window() -> None:
    """The Taliban was listed on 2005-03-15 and removed between 2023-12-29 and 2024-06-03."""
    expected = [("LISTED", "2005-03-15"), ("REMOVED", "2023-12-29/2024-06-03")]

    assert expected == history(LIST, "taliban")


def test_uncertain_inside_the_window() -> None:
    """On 2024-03-01 the removal may or may not have happened: the status is not certain."""
    assert_status(LIST, "taliban", "2024-03-01", State.UNKNOWN, certain=False)


def test_listed_before_the_window() -> None:
    """On 2023-06-01 the Taliban is listed."""
    assert_status(LIST, "taliban", "2023-06-01", State.LISTED)


def test_removed_after_the_window() -> None:
    """On 2024-06-04 the Taliban is removed."""
    assert_status(LIST, "taliban", "2024-06-04", State.REMOVED)


def test_three_removal_claims_kept() -> None:
    """Claims A, B and C are all rendered in the removal note."""
    note = event(LIST, "taliban", "REMOVED", "2023-12-29/2024-06-03").note

    assert 3 == note.count("Conflicting claim")
