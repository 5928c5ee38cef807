"""
Specs for matches that rest on short words: when one word spelt otherwise is a typo, and when another name.

Issue 16's synthetic store holds 300,000 names built from syllables, so many a fresh name is one
letter from a listed one; the rules below keep those under the default threshold (0.9) while typos,
which keep a word's first letter, still alert. Scores at or above 0.9 alert; 0.88 is shown by search only.
"""

from __future__ import annotations

import pytest

from designations.matching.score import ONE_WORD_CAP, prepare, score_pair

THRESHOLD = 0.9


def _score(query: str, name: str) -> float:
    return score_pair(prepare(query), prepare(name))[0]


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Wamote", "Wamore"),  # one word alone, a letter changed
        ("Kubova", "Kuboa"),  # one word alone, a consonant added
        ("Lofa", "Lofa Party"),  # one short word naming a longer name in part
        ("Leniga Committee", "Geniga Committee"),  # the only word that is not generic starts otherwise
    ],
)
def test_one_short_word_spelt_otherwise_does_not_alert(query: str, name: str) -> None:
    """A match resting on one short word spelt otherwise is shown by search (0.88) but does not alert."""
    expected = ONE_WORD_CAP

    actual = _score(query, name)

    assert expected == actual
    assert actual < THRESHOLD


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Al-Quaida", "Al-Qaida"),  # a vowel added to one word alone
        ("Sozi", "Sozia"),  # a final -a, as in Fatima and Fatimah
        ("Fatima Zahra", "Fatimah Zahra"),
        ("Taliban", "Taliban Movement"),  # one long word spelt the same names the group
        ("Lenigo Committee", "Leniga Committee"),  # the first letter kept
        ("Mugira Organisation", "uMgira Organisation"),  # the first two letters swapped
        ("Wavoke Luha Dabo", "Wavoke Lura Dabo"),  # one edit in a short word, anchored by two others
    ],
)
def test_typos_that_keep_the_start_of_a_word_still_alert(query: str, name: str) -> None:
    """Typos keep a word's first letter (or swap the first two): these reach the default threshold."""
    expected = True

    actual = _score(query, name) >= THRESHOLD

    assert expected == actual


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Wavoke Luha", "Wavoke Lura"),  # one other word is too little anchoring
        ("Wavoke Luha Dabo", "Wavoke Wura Dabo"),  # the first letter changed
        ("Luha Organisation", "Lura Organisation"),  # a generic word anchors nothing
        ("Cho Yon Chun", "Cho Yong Chun"),  # Korean syllables one letter apart are other syllables
    ],
)
def test_a_short_word_one_edit_away_pairs_only_where_it_is_anchored(query: str, name: str) -> None:
    """
    Outside an anchored name (two words that are not generic, and not Korean) a short word one edit away
    does not pair.
    """
    expected = False

    actual = _score(query, name) >= THRESHOLD

    assert expected == actual


def test_latin_skeletons_need_most_letters_alike() -> None:
    """Two Latin names with the same consonants alert only when their letters are mostly alike: "Hizballah" does."""
    expected = (True, False)

    actual = (_score("Hizballah", "Hezbollah") >= THRESHOLD, _score("Lisu Mutha", "Lesa Muto") >= THRESHOLD)

    assert expected == actual
