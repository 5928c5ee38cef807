"""Specs for the `contains` threshold: its own floor, apart from the screening threshold."""

from __future__ import annotations

from designations.matching import NameIndex, match_name, screen_names

ROWS = [("boko-haram", "organisation", "Boko Haram", True), ("hamas", "organisation", "Hamas", True)]


def _hits(name: str, **kwargs: float) -> list[tuple[str, str]]:
    return [(m.subject_id, m.reason) for m in match_name(NameIndex.build(ROWS), name, **kwargs)]


def test_a_contained_name_does_not_alert_at_the_default_threshold() -> None:
    """By default a `contains` match (0.88) is held to the screening threshold (0.9) and does not alert."""
    expected: list[tuple[str, str]] = []

    actual = _hits("Boko Haram Trading Company", threshold=0.9)

    assert expected == actual


def test_a_contains_threshold_lets_contained_names_alert() -> None:
    """With `contains_threshold=0.88` the contained organisation alerts, with the reason `contains`."""
    expected = [("boko-haram", "contains")]

    actual = _hits("Boko Haram Trading Company", threshold=0.9, contains_threshold=0.88)

    assert expected == actual


def test_the_contains_threshold_does_not_lower_other_matches() -> None:
    """A near spelling under the screening threshold ("Hamad", 0.89) stays out whatever the contains floor."""
    expected: list[tuple[str, str]] = []

    actual = _hits("Hamad", threshold=0.9, contains_threshold=0.5)

    assert expected == actual


def test_screen_names_passes_the_contains_threshold_on() -> None:
    """Batch screening takes the same floor for `contains` matches."""
    index = NameIndex.build(ROWS)
    expected = [["boko-haram"], []]

    actual = [[m.subject_id for m in found] for found in screen_names(
        index, ["Boko Haram Trading Company", "Acme Bakery"], threshold=0.9, contains_threshold=0.88)]

    assert expected == actual
