"""Specs for designations.matching.translit: Latin keys, loose keys, skeletons."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from designations.matching.translit import core_tokens, is_abjad, latin_key, loose_key, skeleton


def test_cyrillic_transliterates_to_latin() -> None:
    """A Cyrillic name gets the Latin key of its usual spelling."""
    expected = "taliban"

    actual = latin_key("Талибан")

    assert expected == actual


@pytest.mark.parametrize(("a", "b"), [("Al-Qaeda", "Аль-Каида"), ("Hezbollah", "Hizbullah")])
def test_loose_key_folds_transliteration_variants(a: str, b: str) -> None:
    """Common transliteration variants share a loose key."""
    expected = loose_key(latin_key(a))

    actual = loose_key(latin_key(b))

    assert expected == actual


@pytest.mark.parametrize(
    ("latin", "abjad"),
    [("Taliban", "طالبان"), ("Hizballah", "حزب الله"), ("Hay'at Tahrir al-Sham", "هيئة تحرير الشام"),
     ("Ayman al-Zawahiri", "أيمن الظواهري"), ("Abdullah Azzam", "عبد الله عزام")],
)
def test_skeleton_meets_across_abjad_and_latin(latin: str, abjad: str) -> None:
    """An Arabic spelling and a Latin one share a consonant skeleton, article and vowels aside."""
    expected = skeleton(latin)

    actual = skeleton(abjad)

    assert expected == actual


def test_is_abjad_tells_arabic_from_cyrillic() -> None:
    """Arabic script is an abjad; Cyrillic is not."""
    expected = (True, False)

    actual = (is_abjad("القاعدة"), is_abjad("Аль-Каида"))

    assert expected == actual


def test_core_tokens_drop_leading_honorifics_and_articles() -> None:
    """Leading titles and connecting words are not part of the core words."""
    expected = ("muhamad", "umar")

    actual = core_tokens(loose_key(latin_key("Mullah Mohammad al Omar")))

    assert expected == actual


def test_core_tokens_keep_titles_inside_a_name() -> None:
    """A title-like word inside a name stays ("Khalid Shaikh Mohammed")."""
    expected = 3

    actual = len(core_tokens(loose_key(latin_key("Khalid Shaikh Mohammed"))))

    assert expected == actual


@given(st.text(max_size=40))
def test_keys_never_fail(name: str) -> None:
    """Every key function accepts any text and returns text."""
    expected = str

    actual = type(skeleton(name) + loose_key(latin_key(name)) + " ".join(core_tokens(name)))

    assert expected == actual


def test_lil_connects() -> None:
    """'lil-' (for the) is a connecting word, as 'al-' is."""
    expected = core_tokens(loose_key("maktab sarafa"))

    actual = core_tokens(loose_key("maktab lil sarafa"))

    assert expected == actual
