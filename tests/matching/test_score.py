"""Specs for designations.matching.score: scores in [0, 1] with a reason."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from designations.matching.score import prepare, score_pair


def _score(query: str, name: str, *, person: bool = False) -> tuple[float, str]:
    return score_pair(prepare(query), prepare(name), person=person)


@pytest.mark.parametrize(
    ("query", "name", "reason"),
    [
        ("HAY'AT TAHRIR AL-SHAM", "Hay'at Tahrir al-Sham", "exact"),
        ("Талибан", "Taliban", "transliteration"),
        ("Al Qaeda", "Al-Qaida", "transliteration"),
        ("طالبان", "Taliban", "transliteration"),
        ("Omar, Mohammad", "Mohammad Omar", "token-reorder"),
        ("Mullah Mohammad Omar", "Mohammad Omar", "token-reorder"),
        ("Revolutionary Armed Forces of Columbia", "Revolutionary Armed Forces of Colombia",
         "transliteration"),
        ("Lashkar-e-Tayyaba", "Lashkar-e-Tayyiba", "fuzzy"),
    ],
)
def test_reason_names_the_kind_of_match(query: str, name: str, reason: str) -> None:
    """Each kind of match is reported with its reason and clears the default threshold."""
    expected = (True, reason)

    score, actual_reason = _score(query, name)

    assert expected == (score >= 0.9, actual_reason)


@pytest.mark.parametrize(
    ("query", "name"),
    [("Hamad", "Hamas"), ("Haqqani Network", "Khazali Network"),
     ("Basque Homeland and Liberty", "Basque Fatherland and Liberty"),
     ("Mohammed Omar Khan", "Mohammed Omar")],
)
def test_near_misses_stay_under_threshold(query: str, name: str) -> None:
    """A different word or an extra name keeps the score under 0.9."""
    expected = True

    actual = _score(query, name)[0] < 0.9

    assert expected == actual


def test_first_and_last_name_match_a_longer_person_name() -> None:
    """For people, first and last name alone match the full name."""
    expected = True

    actual = _score("Aleksandr Tikhomirov", "Aleksandr Aleksandrovich Tikhomirov", person=True)[0] >= 0.9

    assert expected == actual


def test_exact_outranks_transliteration() -> None:
    """An exact key match scores above a transliteration match."""
    expected = True

    actual = _score("Taliban", "Taliban")[0] > _score("Талибан", "Taliban")[0]

    assert expected == actual


@given(st.text(max_size=30), st.text(min_size=1, max_size=30))
def test_score_is_within_unit_interval(query: str, name: str) -> None:
    """Any pair of texts scores within [0, 1]."""
    expected = True

    score, _ = _score(query, name)

    assert expected == (0.0 <= score <= 1.0)


@pytest.mark.parametrize("query", ["Korea Mining Development", "Korea Mining Development Trading Corp"])
def test_a_company_named_without_its_legal_form_or_trade_words_is_found(query: str) -> None:
    """Legal forms and trade words weigh little, and "Corp" is "Corporation": the customer's short name hits."""
    score, _reason = score_pair(prepare(query), prepare("KOREA MINING DEVELOPMENT TRADING CORPORATION"))

    assert score >= 0.9


@pytest.mark.parametrize("query", ["Korea Trading Corporation", "Korea Trading Corp", "Mining Development"])
def test_generic_words_alone_do_not_make_a_hit(query: str) -> None:
    """A query of the country and generic words, or missing the name's first word, stays under the threshold."""
    score, _reason = score_pair(prepare(query), prepare("KOREA MINING DEVELOPMENT TRADING CORPORATION"))

    assert score < 0.9


def test_a_listed_organisation_inside_a_longer_name_is_found_and_says_so() -> None:
    """'Boko Haram Trading Company' holds 'Boko Haram' whole: reason `contains`, under the default threshold."""
    assert score_pair(prepare("Boko Haram Trading Company"), prepare("Boko Haram")) == (0.88, "contains")


@pytest.mark.parametrize(("query", "name"), [
    ("Base Camp Coffee", "The Base"),       # a short one-word name is not looked for inside others
    ("Hamas Street Bakery", "Hamas"),
    ("Boko Haram Trading Company", "Boko Haram Trading Company Two"),  # the name is longer than the query
])
def test_short_or_longer_names_are_not_contained(query: str, name: str) -> None:
    """Containment needs the whole name, of two words or one long one, inside a longer query."""
    assert score_pair(prepare(query), prepare(name))[1] != "contains"
