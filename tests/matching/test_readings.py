"""Specs for designations.matching.readings: other usual Latin readings of Arabic-script words, scored on the best."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from designations.matching import NameIndex, explain, match_name
from designations.matching.readings import MAX_READINGS, readings
from designations.matching.score import READING, best_reading, prepare, score_pair

THRESHOLD = 0.9


def test_the_usual_reading_comes_first() -> None:
    """Each word's first reading is the one `to_latin` gives."""
    expected = ("umar", "muhammad", "qadir")

    actual = tuple(options[0] for options in readings("عمر محمد قدير"))

    assert expected == actual


@pytest.mark.parametrize(("arabic", "latin"), [
    ("فيض", "fayz"),  # dad as z (Persian and Urdu), ya as the diphthong ay
    ("قدير", "gdir"),  # qaf as g (Maghrebi and Egyptian spellings)
    ("رجب", "ragab"),  # jim as g (Egyptian), short vowels read in
    ("ثاقب", "saqib"),  # tha as s (Persian and Urdu)
    ("كاظم", "kathim"),  # zah as th (Iraqi spellings)
    ("مبارك", "mubarak"),  # short vowels between consonants
    ("عزت", "izat"),  # an initial ayn carries i
])
def test_a_letter_read_word_has_the_other_usual_readings(arabic: str, latin: str) -> None:
    """Consonants take their regional and Persian values, and short vowels may be read between consonants."""
    assert latin in readings(arabic)[0]


def test_a_written_short_vowel_is_read_as_written() -> None:
    """A damma on the kaf of 'كُل' reads u: 'kul' and, kaf standing for gaf, 'gul'."""
    assert {"kul", "gul"} <= set(readings("كُل")[0])


def test_a_dictionary_name_keeps_its_spelling() -> None:
    """'محمد' is Muhammad only: its short vowels are known, and Mahmud writes a long u ('محمود')."""
    expected = (("muhammad",),)

    actual = readings("محمد")

    assert expected == actual


def test_a_title_that_is_a_given_name_reads_both_ways() -> None:
    """'سيد' is the title Sayyid and the given name Sayed or Said."""
    assert {"sayyid", "said"} <= set(readings("سيد")[0])


@given(st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), max_size=12))
def test_any_arabic_text_has_bounded_readings(text: str) -> None:
    """Any run of Arabic-block characters gives one to `MAX_READINGS` (plus the usual) readings per word."""
    assert all(1 <= len(options) <= MAX_READINGS + 1 for options in readings(text))


@pytest.mark.parametrize(("query", "name"), [
    ("فيض", "Faiz"),
    ("عمر محمد قدير", "Amor Mohamed Ghedeir"),
    ("عزت ابراهيم الدوري", "Izzat Ibrahim al-Duri"),
    ("ثروت صالح شحاته", "Tharwat Salah Shihata"),
    ("نور محمد ثاقب", "Noor Mohammad Saqib"),
    ("عبد الباقي بصير أول شاه", "Abdul Baqi Basir Awal Shah"),
    ("سيد أحمد شهيد خيل", "Said Ahmed Shahidkhel"),
    ("محمد بن بلقاسم", "Mohamed Ben Belgacem"),  # qaf as g, sin as the French c
    ("سيد غیاث الدین آغا", "Sayyed Ghiassouddine Agha"),  # a word the name joins to the next
])
def test_an_arabic_script_name_meets_its_list_spelling_on_the_best_reading(query: str, name: str) -> None:
    """A Latin-only entry spelt with another usual value of a letter or vowel is a transliteration hit."""
    score, reason = score_pair(prepare(query), prepare(name), person=True)

    assert (True, "transliteration") == (score >= THRESHOLD, reason)


def test_a_match_on_another_reading_scores_under_the_usual_one() -> None:
    """The best reading is less certain than the usual one: it scores `READING` at most."""
    assert score_pair(prepare("فيض"), prepare("Faiz"))[0] <= READING < score_pair(prepare("حماس"), prepare("Hamas"))[0]


def test_the_usual_reading_stays_when_no_other_pairs() -> None:
    """Another reading is taken only where it pairs a word with the name's: else the usual one is scored."""
    expected = prepare("حسن").latin

    actual = best_reading(prepare("حسن"), prepare("Zbigniew")).latin

    assert expected == actual


def test_the_index_finds_a_name_only_another_reading_spells() -> None:
    """'فيض' is found under 'Faiz', a key its usual reading ('fid') does not share."""
    index = NameIndex.build([("faiz", "person", "Faiz", True), ("fid", "person", "Fidel Castro", True)])

    actual = [m.subject_id for m in match_name(index, "فيض", threshold=THRESHOLD)]

    assert ["faiz"] == actual


def test_the_explanation_names_the_reading_used() -> None:
    """`explain` shows the reading that gave the score, and pairs its words."""
    index = NameIndex.build([("faiz", "person", "Faiz", True)])
    match = match_name(index, "فيض", threshold=THRESHOLD)[0]

    why = explain("فيض", match, index.common)

    assert ("faiz", ["faiz"]) == (why.query_reading, [p.name for p in why.parts])
