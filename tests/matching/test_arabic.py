"""Specs for designations.matching.arabic: Arabic and Persian script in the Latin spellings lists use."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from designations.matching.arabic import to_latin
from designations.matching.score import prepare, score_pair

THRESHOLD = 0.9


@pytest.mark.parametrize(("arabic", "latin"), [
    ("محمد", "muhammad"), ("عبد الله عزام", "abd allah azam"), ("حماس", "hamas"),
    ("أبو بكر البغدادي", "abu bakr al-baghdadi"), ("جبهة النصرة", "jabhat al-nasra"),
])
def test_words_read_as_lists_spell_them(arabic: str, latin: str) -> None:
    """Known names come from the dictionary, others letter by letter with a short 'a' in consonant runs."""
    assert latin == to_latin(arabic)


def test_persian_letter_forms_read_as_arabic_ones() -> None:
    """The Persian ye and kaf spell what the Arabic ya and kaf spell."""
    expected = to_latin("علي كريم")

    actual = to_latin("علی کریم")

    assert expected == actual


def test_the_joined_article_is_split_off() -> None:
    """'الظواهري' is the article and the word: al-zawahri."""
    expected = "al-zawahri"

    actual = to_latin("الظواهري")

    assert expected == actual


@pytest.mark.parametrize(("query", "name"), [
    ("أيمن الظواهري", "Ayman al-Zawahiri"),
    ("محمد عمر", "Mohammed Omar"),
    ("جبهة النصرة", "Jabhat al-Nusrah"),
    ("سراج الدين حقاني", "Sirajuddin Haqqani"),
    ("عبد الرحمن ياسين", "Abdul Rahman Yasin"),
    ("قاسم سليماني", "Qasem Soleimani"),
])
def test_an_arabic_script_query_finds_a_latin_only_entry(query: str, name: str) -> None:
    """An Arabic- or Persian-script query reaches a list name written only in Latin letters."""
    score, reason = score_pair(prepare(query), prepare(name), person=True)

    assert (True, "transliteration") == (score >= THRESHOLD, reason)


def test_other_characters_are_kept() -> None:
    """Words in other scripts pass through unchanged."""
    expected = "Omar muhammad"

    actual = to_latin("Omar محمد")

    assert expected == actual


@given(st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), max_size=20))
def test_any_arabic_text_gives_text(text: str) -> None:
    """Any run of Arabic-block characters transliterates without error."""
    assert isinstance(to_latin(text), str)
