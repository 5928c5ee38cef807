"""Specs for designations.matching.index: exact maps and blocking."""

from __future__ import annotations

from designations.matching import NameIndex, prepare

ROWS = [
    ("taliban", "organisation", "Taliban", True),
    ("taliban", "organisation", "Islamic Emirate of Afghanistan", False),
    ("hamas", "organisation", "Hamas", True),
    ("omar", "person", "Mohammed Omar", True),
]


def test_exact_maps_find_transliterations() -> None:
    """A Cyrillic query finds the Latin name through the exact maps alone."""
    index = NameIndex.build(ROWS)
    expected = {"taliban"}

    actual = {index.names[p].subject_id for p in index.exact_positions(prepare("Талибан"))}

    assert expected == actual


def test_candidates_come_from_shared_words_only() -> None:
    """A query is scored only against names sharing a blocking key with it."""
    index = NameIndex.build(ROWS)
    expected = {"taliban"}

    actual = {index.names[p].subject_id for p in index.candidates(prepare("Emirate Afghanistan"))}

    assert expected == actual


def test_typo_still_shares_a_blocking_key() -> None:
    """A typo in the middle of a word keeps its prefix or suffix key."""
    index = NameIndex.build(ROWS)
    expected = True

    actual = any(index.names[p].subject_id == "taliban"
                 for p in index.candidates(prepare("Afgahnistan Emirate")))

    assert expected == actual


def test_restrict_keeps_only_given_subjects() -> None:
    """A restricted index holds the names of the given subjects only."""
    expected = frozenset({"hamas"})

    actual = NameIndex.build(ROWS).restrict({"hamas"}).subject_ids

    assert expected == actual
