"""
The other usual Latin readings of an Arabic-script word, for matching against the best one.

`designations.matching.arabic` reads a word one way ("قدير" is "qadir"), but the script leaves
short vowels out and lists spell some letters by their regional or Persian value, so one word has
several fair readings: "Qadir", "Gadir" and "Ghedeir" (qaf as q, k, g or gh); "فيض" is "Fayd" or "Faiz"
(dad as d or z; ya as a long i or the diphthong ai). `readings` lists, for each word of a name, its
readings in Latin letters, the one `to_latin` gives first; the scorer pairs a list name with the
reading of each word nearest to it (`designations.matching.score`).

Consonants take the values of `_VALUES` (the UNGEGN, ALA-LC and Persian romanisation tables, the
Egyptian and Maghrebi spellings of qaf and jim, and the French c for s: "Belgacem"); between two
consonants a short vowel a, i or u may be read or not; a written short vowel (fatha, kasra, damma)
is read as written; waw and ya between consonants are the long vowels u and i or the diphthongs aw
and ay; an initial alef or ayn carries a, i or u; a final ta marbuta or he is -a, -ah or -at.
Words of the name dictionary (`NAMES`: given names, Abd, Abu, bin) keep their dictionary spelling,
their short vowels being known ("محمد" is Muhammad, never Mahmud, whose long u is written: "محمود");
titles that are also given names have the name's spellings too ("سيد": the title Sayyid, the name
Sayed or Said).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Final

from designations.matching.arabic import (
    ALEFS,
    AYN,
    HAMZAS,
    LETTERS,
    NAMES,
    SHADDA,
    TA_MARBUTA,
    WAW,
    YA,
    to_latin,
)

__all__ = ["MAX_READINGS", "readings"]

MAX_READINGS: Final = 96
"""Most readings kept for one word (the first ones: each letter's usual value before its others)."""

_VALUES: Final[dict[str, tuple[str, ...]]] = {
    "\u0636": ("d", "z", "dh"),  # dad: Arabic d, Persian and Urdu z
    "\u0630": ("dh", "z", "d", "th"),  # dhal
    "\u0638": ("z", "dh", "d", "th"),  # zah
    "\u062b": ("th", "s", "t"),  # tha: Persian and Urdu s
    "\u0642": ("q", "k", "g", "gh"),  # qaf: Egyptian and Gulf g, Maghrebi g/gh
    "\u062c": ("j", "g"),  # jim: Egyptian g
    "\u063a": ("gh", "g"),  # ghayn
    "\u0643": ("k", "g"),  # kaf: Pashto and Dari write gaf as kaf ("كل" is Gul)
    "\u0633": ("s", "c"), "\u0635": ("s", "c"),  # sin and sad: French spellings write c before e, i
    "\u0637": ("t",), "\u062d": ("h",),
    # Pashto letters
    "\u0681": ("z", "dz"), "\u0685": ("s", "ts"), "\u0693": ("r",), "\u069a": ("sh", "kh"),
    "\u0696": ("zh", "g"), "\u0689": ("d",), "\u067c": ("t",), "\u06bc": ("n",),
}
"""Consonants read in more than one way (the first value is the usual one); the others as in `LETTERS`."""

_ALEFS_AND_WASLA: Final = ALEFS | {"\u0671"}  # alef wasla too: words are read here before any folding
_HE: Final = "\u0647"
_HARAKAT: Final = {"\u064e": "a", "\u0650": "i", "\u064f": "u", "\u0652": ""}
"""Written short vowels (fatha, kasra, damma) and the sukun (no vowel)."""
_SAME: Final = {
    "\u06cc": YA, "\u06d2": YA, "\u0649": YA, "\u06d0": YA, "\u06cd": YA,
    "\u06a9": "\u0643", "\u06c1": _HE, "\u06be": _HE, "\u06c0": TA_MARBUTA, "\u06d5": _HE,
}
"""Persian, Urdu and Pashto letter forms of ya, kaf and he, as in `designations.matching.arabic`."""
_TITLE_NAMES: Final = {
    "\u0633\u064a\u062f": ("said", "sayed", "syed"),  # Sayyid, the title, and the given name Sayed, Said, Syed
    "\u0627\u0645\u064a\u0631": ("emir",), "\u0623\u0645\u064a\u0631": ("emir",),  # Amir, Emir
    "\u0622\u063a\u0627": ("aga", "agah"), "\u0627\u063a\u0627": ("aga", "agah"),  # Agha, Aga
}
"""Titles that are given names too, with the spellings lists give the name (the dictionary has the title's)."""
_SHORT: Final = ("", "a", "i", "u")
"""What may stand between two written consonants: nothing or a short vowel."""
_LONG: Final = frozenset({*_ALEFS_AND_WASLA, WAW, YA})
_ARTICLE: Final = "\u0627\u0644"
_MIN_ARTICLE_WORD: Final = 4


def readings(name: str) -> tuple[tuple[str, ...], ...]:
    """
    For each word of the name, its readings in Latin letters: `to_latin`'s first, then the others.

    "فيض" -> (("fid", "fiz", "fidh", "faid", ...),); a word in another script has one reading, itself.
    """
    return _readings(" ".join(name.split()))


@lru_cache(maxsize=4096)
def _readings(name: str) -> tuple[tuple[str, ...], ...]:
    words = name.split()
    first = to_latin(name).split()
    if len(first) != len(words):  # (to_latin reads word by word; kept safe all the same)
        return tuple((w,) for w in first)
    out = []
    for i, (raw, primary) in enumerate(zip(words, first, strict=True)):
        others = _word_readings(raw, construct=i < len(words) - 1)
        out.append(tuple(dict.fromkeys((primary, *others))))
    return tuple(out)


def _word_readings(raw: str, *, construct: bool) -> tuple[str, ...]:
    """The readings of one word, the article split off as `to_latin` splits it."""
    word = _fold(raw)
    if not word or not any(unicodedata.name(ch, "").startswith("ARABIC") for ch in word):
        return ()
    bare = _bare(word)
    if bare in NAMES:
        return _TITLE_NAMES.get(bare, ())
    for prefix, latin in ((_ARTICLE, "al-"), ("\u0648" + _ARTICLE, "wal-"), ("\u0644\u0644", "lil-")):
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(_bare(word)) >= _MIN_ARTICLE_WORD:
            if _bare(rest) in NAMES:
                return ()
            return tuple(latin + r for r in _spellings(rest, construct=construct))
    return _spellings(word, construct=construct)


def _fold(word: str) -> str:
    """Letter forms made Arabic, tatweel and marks other than short vowels, sukun and shadda dropped."""
    out = []
    for ch in unicodedata.normalize("NFKC", word):
        ch = _SAME.get(ch, ch)  # noqa: PLW2901 - the character, folded
        if ch == "\u0640" or (unicodedata.category(ch) == "Mn" and ch not in _HARAKAT and ch != SHADDA):
            continue
        out.append(ch)
    return "".join(out)


def _bare(word: str) -> str:
    """The word without short vowels and shadda, as the dictionary keys are written."""
    return "".join(ch for ch in word if ch not in _HARAKAT and ch != SHADDA)


def _spellings(word: str, *, construct: bool) -> tuple[str, ...]:
    """
    The readings of a word without its article: those nearest the usual one first, at most `MAX_READINGS`.

    A reading costs one for each letter read by another of its values and each short vowel read in;
    the cheapest are kept at every letter, so a long word keeps the readings that change a few letters.
    """
    partial: dict[str, tuple[int, bool]] = {"": (0, True)}  # text so far -> (cost, ends in a vowel)
    for options, fixed in _units(word, construct=construct):
        grown: dict[str, tuple[int, bool]] = {}
        for text, (cost, vowel_end) in partial.items():
            for rank, (latin, is_vowel) in enumerate(options):
                gaps = _SHORT if text and not vowel_end and not is_vowel and not fixed else ("",)
                for gap in gaps:
                    spent = cost + (rank > 0) + (gap != "")
                    held = grown.get(text + gap + latin)
                    if held is None or held[0] > spent:
                        grown[text + gap + latin] = (spent, is_vowel)
        kept = sorted(grown.items(), key=lambda item: item[1][0])[:MAX_READINGS]
        partial = dict(kept)
    return tuple(t for t in partial if t)


Unit = tuple[tuple[tuple[str, bool], ...], bool]
"""One letter's readings (Latin, is a vowel) and whether a written vowel fixes the gap before it."""


def _units(word: str, *, construct: bool) -> list[Unit]:  # noqa: C901, PLR0912 - one branch per kind of letter
    """The letters of a word as options, with the written short vowels joined to them."""
    units: list[Unit] = []
    letters = [ch for ch in word if ch not in _HARAKAT and ch != SHADDA]
    marks: list[str | None] = []
    for ch in word:
        if ch in _HARAKAT:
            if marks:
                marks[-1] = _HARAKAT[ch]
        elif ch != SHADDA:
            marks.append(None)
    last = len(letters) - 1
    for i, ch in enumerate(letters):
        fixed = i > 0 and marks[i - 1] is not None
        if i > 0 and marks[i - 1]:
            units.append((((marks[i - 1] or "", True),), False))
        if ch in _ALEFS_AND_WASLA:
            vowels = ("a", "i", "u") if i == 0 and ch != "\u0622" else ("i",) if ch == "\u0625" else ("a",)
            units.append((tuple((v, True) for v in vowels), fixed))
        elif ch == AYN:
            units.append(((("a", True), ("i", True), ("u", True)) if i == 0 else (("", False), ("a", True)), fixed))
        elif ch == TA_MARBUTA or (ch == _HE and i == last and i > 0):
            ends = ("at", "a", "ah") if construct and ch == TA_MARBUTA else ("a", "ah", "at", "ih")
            units.append((tuple((e, e[-1] in "aiu") for e in ends), fixed))
        elif ch in (WAW, YA):
            # a consonant first, after a long vowel or before alef; else a long vowel or a diphthong
            consonant = i == 0 or letters[i - 1] in _LONG or (i < last and letters[i + 1] in _ALEFS_AND_WASLA)
            units.append((_semivowel(ch, consonant=consonant), fixed))
        elif ch in HAMZAS:
            continue
        else:
            values = _VALUES.get(ch) or ((LETTERS[ch],) if ch in LETTERS else ())
            if not values and not unicodedata.name(ch, "").startswith("ARABIC"):
                values = (ch,)
            if values:
                units.append((tuple((v, False) for v in values), fixed))
    if marks and marks[-1]:
        units.append((((marks[-1] or "", True),), False))
    return units


def _semivowel(letter: str, *, consonant: bool) -> tuple[tuple[str, bool], ...]:
    """Waw or ya: the consonant w/y where it can be one, the long vowel u/i, or a diphthong (aw, ay)."""
    w, long, diphthongs = ("w", "u", ("aw", "o")) if letter == WAW else ("y", "i", ("ay", "ai", "e"))
    vowels = ((long, True), *((d, d[-1] not in "wy") for d in diphthongs))
    return ((w, False), *vowels) if consonant else vowels
