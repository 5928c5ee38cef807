"""Specs for designations.matching.explain: which name parts matched which, their weights, the reading, the rule."""

from __future__ import annotations

import pytest

import designations
from designations.matching import NameIndex, match_name
from designations.matching.explain import PartMatch, explain
from designations.matching.score import LEGAL_WEIGHT
from designations.screening import search

ROWS = [
    ("taliban", "organisation", "Taliban", True),
    ("kmd", "organisation", "Korea Mining Development Trading Corporation", True),
    ("boko", "organisation", "Boko Haram", True),
    ("omar", "person", "Mohammed Omar", True),
]


def _explained(query: str, rows: list[tuple[str, str, str, bool]] = ROWS) -> designations.matching.explain.Explanation:
    index = NameIndex.build(rows)
    best = match_name(index, query, threshold=0.5)[0]
    return explain(query, best, index.common)


def test_a_transliterated_query_shows_its_latin_reading() -> None:
    """'Талибан' is read in Latin letters as 'taliban', the word that matched."""
    why = _explained("Талибан")
    expected = ("transliteration", True, "taliban", (PartMatch(query="taliban", name="taliban", similarity=1.0,
                                                              weight=7, common=False),))

    actual = (why.reason, why.transliterated, why.query_reading, why.parts)

    assert expected == actual


def test_a_misspelt_word_is_paired_with_its_similarity() -> None:
    """'Korea Minimg Development': the misspelt word pairs with 'mining' at 5 of 6 letters, the others at 1."""
    why = _explained("Korea Minimg Development")
    expected = [1.0, 1.0, 0.8333]

    actual = sorted((p.similarity for p in why.parts), reverse=True)

    assert expected == actual
    assert "minimg ~ mining (0.83, weight 6)" in " ".join(why.lines())


def test_legal_forms_and_trade_words_weigh_a_tenth_and_unpaired_words_are_named() -> None:
    """
    A partial company name: the legal form and trade word stay unpaired, each weighing a tenth of its letters.

    (They weighed a quarter, as generic words do, until fcd7b39 made them legal-form words.)
    """
    why = _explained("Korea Mining Development")
    expected = ([5, 6, 11], pytest.approx([len("trading") * LEGAL_WEIGHT, len(why.unmatched_name[1]) * LEGAL_WEIGHT]))

    actual = ([p.weight for p in why.parts], list(why.unmatched_weights))

    assert expected == actual
    assert "trading (weight 0.7)" in " ".join(why.lines())


def test_a_contained_name_gets_its_own_reason_in_words() -> None:
    """A longer customer name holding a listed organisation's whole name says so."""
    why = _explained("Boko Haram Trading Company")
    expected = ("contains", "the query holds the whole listed name as whole words, and more besides")

    actual = (why.reason, why.why)

    assert expected == actual


def test_a_skeleton_match_shows_the_skeletons_compared() -> None:
    """An Arabic-script name matched through its consonants shows both skeletons."""
    why = _explained("طالبان", [("taliban", "organisation", "Taliban", True)])
    expected = ("transliteration", ("tlbn", "tlbn"))

    actual = (why.reason, why.skeletons)

    assert expected == actual


def test_a_query_of_common_name_parts_says_why_it_is_held_down() -> None:
    """Common name parts only: the explanation marks them and says why the score stays under the threshold."""
    rows = [(f"p{i}", "person", f"Muhammad Hassan {w}", True) for i, w in enumerate(("Ali", "Umar", "Zaid", "Bakr"))]
    why = _explained("Muhammad Hassan", rows)
    expected = ("the query holds only name parts common among listed people", [True, True])

    actual = (why.cap, [p.common for p in why.parts])

    assert expected == actual
    assert "held at 0.85 at most" in why.lines()[-1]


def test_search_explains_each_candidate_with_the_event_its_status_rests_on(taliban: designations.Registry) -> None:
    """With explain=True every candidate carries its explanation; JSON gives each status's event and source."""
    result = search(taliban, "Taleban", on="2024-06-01", jurisdictions=["RU"], explain=True)
    best = result.candidates[0]
    status = best.to_dict()["explanation"]["statuses"][0]
    expected = ("taliban", "LISTED", "LISTED", [status["event"]["id"]], "https://example.org/source")

    actual = (best.subject.id, status["state"], status["event"]["kind"], status["receipt"]["event_ids"],
              status["sources"][0]["url"])

    assert best.explanation is not None
    assert expected == actual


def test_without_explain_there_is_no_explanation(taliban: designations.Registry) -> None:
    """Explanations are asked for: a plain search carries none."""
    expected = (None, False)

    best = search(taliban, "Taleban", on="2024-06-01", jurisdictions=["RU"]).candidates[0]
    actual = (best.explanation, "explanation" in best.to_dict())

    assert expected == actual
