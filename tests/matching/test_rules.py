"""Specs for the spelling rules of transliterated names (designations.matching.rules) as the matcher applies them."""

from __future__ import annotations

import pytest

from designations.matching.rules import fold_korean, join_abd, join_compounds, leading_titles, looks_korean
from designations.matching.score import prepare, score_pair

THRESHOLD = 0.9


def _score(query: str, name: str, *, person: bool = True) -> float:
    return score_pair(prepare(query), prepare(name), person=person)[0]


@pytest.mark.parametrize("query", ["Abd al-Manan", "Abdel Manan", "Abd-al Manan", "Abd el Manan", "Abdulmanan",
                                   "Abdoul Manan"])
def test_abd_names_pair_however_they_are_written(query: str) -> None:
    """Abd, Abdul, Abdel, Abd-al and Abd el, joined or not, are one spelling of the same name."""
    assert _score(query, "Abdul Manan") >= THRESHOLD


def test_abd_joins_the_word_after_its_article() -> None:
    """The prefix, its article and the name after them read as one word."""
    expected = ["abdulmanan", "aga"]

    actual = join_abd(["abd", "al", "manan", "aga"])

    assert expected == actual


def test_abd_allah_is_abdullah() -> None:
    """'Abd Allah' and 'Abdullah' are the same word: the article of Allah is the -ul-."""
    expected = prepare("Abdullah Azzam").core

    actual = prepare("Abd Allah Azzam").core

    assert expected == actual


@pytest.mark.parametrize("query", ["Abd al-Rahman", "Abdul Rahman", "Abdurrahman", "Abdelrahman", "Abd ar-Rahman"])
def test_assimilated_articles_pair(query: str) -> None:
    """The assimilated article (ar-, ur-, el-) of an Abd name does not stop it pairing."""
    assert _score(query + " Yasin", "Abdul Rahman Yasin") >= THRESHOLD


def test_two_typos_in_one_long_word_still_pair() -> None:
    """A word of eight letters or more still pairs with a spelling two edits away."""
    assert _score("Hasan Nsarallh", "Hassan Nasrallah") >= THRESHOLD


def test_two_edits_in_a_short_word_do_not_pair() -> None:
    """In a shorter word two edits make another name ("Basharov" is not "Basaev")."""
    assert _score("Shamil Basharov", "Shamil Basaev") < THRESHOLD


def test_amir_is_a_given_name_in_a_two_word_name() -> None:
    """'Amir' in front of one more word is the given name, not a title: 'Amir Khan' is not any Khan."""
    expected = (True, False)

    actual = (_score("Amir Khan", "Amir Khan") >= THRESHOLD, _score("Amir Khan", "Ismail Khan") >= THRESHOLD)

    assert expected == actual


def test_amir_is_a_title_before_a_full_name() -> None:
    """Before three words or more 'Amir' is a title and is dropped like 'Mullah'."""
    expected = 1

    actual = leading_titles(["amir", "abu", "bakr", "bagdadi"], frozenset({"amir"}))

    assert expected == actual


@pytest.mark.parametrize("words", [["amir", "han"], ["amir", "han", "mutaki"]])
def test_amir_as_a_given_name_is_kept(words: list[str]) -> None:
    """Before one or two words 'Amir' is the given name ("Amir Khan Muttaqi") and is kept."""
    expected = 0

    actual = leading_titles(words, frozenset({"amir"}))

    assert expected == actual


@pytest.mark.parametrize(("query", "name"), [
    ("ат-Тауба", "At-Tawba"),
    ("Джихад валь-Хиджра", "Jihad wal-Hijra"),
    ("Абу Бакр аль-Багдади", "Abu Bakr al-Baghdadi"),
])
def test_cyrillic_articles_are_connecting_words(query: str, name: str) -> None:
    """'ат-', 'аль-' and 'валь-' of a Russian list's Arabic name are read as at-, al- and wal-."""
    assert _score(query, name, person=False) >= THRESHOLD


@pytest.mark.parametrize("title", ["Qari", "Mullah", "Sheikh", "Dr."])
def test_a_leading_title_does_not_lower_a_partial_name(title: str) -> None:
    """A title in front of a partial name scores as the partial name alone."""
    name = "Zia Rahman Madani Khan"
    expected = _score("Zia Madani Khan", name)

    actual = _score(f"{title} Zia Madani Khan", name)

    assert expected == actual


@pytest.mark.parametrize("query", ["Lee Chul Ho", "Rhee Cheol Ho", "Yi Chol Ho", "Li Chol Ho"])
def test_korean_surnames_and_syllables_are_variants(query: str) -> None:
    """Lee, Li, Ri, Rhee and Yi, and Chol, Chul and Cheol, are spellings of one Korean name."""
    assert _score(query, "Ri Chol Ho") >= THRESHOLD


@pytest.mark.parametrize(("query", "name"), [
    ("Jong Chol Kim", "Kim Jong Chol"), ("Chol Ho Ri", "Ri Chol Ho"), ("Chong Hak Pak", "Park Jong Hak"),
])
def test_reordered_korean_names_pair(query: str, name: str) -> None:
    """A Korean name with the surname last, in another romanisation, still pairs."""
    assert _score(query, name) >= THRESHOLD


def test_a_chinese_name_is_not_read_as_korean() -> None:
    """'Li Wei' holds a word no Korean syllable is spelled as, so 'Li' stays 'Li' (not 'Ri')."""
    expected = (False, "li wei")

    actual = (looks_korean(["li", "wei"]), fold_korean("li wei"))

    assert expected == actual


def test_a_korean_name_reads_in_one_spelling() -> None:
    """Each syllable of a Korean-looking name takes one spelling."""
    expected = "ri chol ho"

    actual = fold_korean("rhee cheol ho")

    assert expected == actual


def test_korean_variants_do_not_join_different_korean_names() -> None:
    """'Song' and 'Jong' stay different syllables (the loose rules alone would fold Chong into Song)."""
    assert _score("Kim Song Il", "Kim Jong Il") < THRESHOLD


def test_a_partial_name_without_the_given_name_names_someone_else() -> None:
    """In a patronymic chain the father's name is the son's without his given name: it stays under the threshold."""
    assert _score("Sabawi Ibrahim Hasan al-Tikriti", "Yasir Sabawi Ibrahim Hasan al-Tikriti") < THRESHOLD


def test_a_query_with_a_given_name_more_names_the_son() -> None:
    """A query that puts a given name before a listed person's whole name names his son."""
    assert _score("Noor Barzan Ibrahim Hasan al-Tikriti", "Barzan Ibrahim Hasan al-Tikriti") < THRESHOLD


def test_two_edits_in_seven_letters_pair_in_a_longer_name() -> None:
    """In a name of three words or more, a seven-letter word two edits off still pairs."""
    assert _score("Mathieu Chui Ngudloo", "Mathieu Chui Ngudjolo") >= THRESHOLD


@pytest.mark.parametrize(("query", "name"), [
    ("Defence Organisation", "Defence Industries Organisation (DIO)"),
    ("Modern Technique", "Modern Industries Technique Company (MITEC)"),
])
def test_an_acronym_in_the_name_weighs_nothing_in_a_partial_name(query: str, name: str) -> None:
    """The name's own acronym, in brackets after it, adds nothing a customer file would write."""
    assert _score(query, name, person=False) >= THRESHOLD


def test_a_leading_agha_is_a_title() -> None:
    """'Agha' in front of a name is a title, like 'Sayed' after it: the name is the rest."""
    assert _score("Agha Sayed Mohammad Azim", "Sayed Mohammad Azim Agha") >= THRESHOLD


@pytest.mark.parametrize(("query", "name"), [
    ("Khayr Allah Talfah", "Khairullah Talfah"),
    ("Salah al-Din Zidan", "Salahuddin Zidan"),
    ("Shahid Khel Ahmad", "Shahidkhel Ahmad"),
])
def test_compounds_pair_written_apart_or_joined(query: str, name: str) -> None:
    """Allah, al-Din and the Pashto -khel written as words of their own pair with the joined spelling."""
    assert _score(query, name) >= THRESHOLD


def test_compounds_join_the_word_before_them() -> None:
    """Allah and al-Din are joined to the word before; -khel too, spelt as its parts are."""
    expected = ["hairalah", "salahdin", "sahidil"]

    actual = join_compounds(["hair", "alah", "salah", "din", "sahid", "hil"], lambda w: w.replace("dh", "d"))

    assert expected == actual


def test_an_abd_name_is_not_joined_again() -> None:
    """'Abdul' + Allah is the Abd name's business (`join_abd`); the compound rule leaves it."""
    expected = ["abdul", "alah"]

    actual = join_compounds(["abdul", "alah"])

    assert expected == actual
