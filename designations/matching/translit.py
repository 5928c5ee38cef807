"""
Transliteration to Latin match keys, with extra keys for the lossy scripts.

`anyascii` (ISC licence, pure Python, maintained; https://github.com/anyascii/anyascii)
turns any script into ASCII. We chose it over ICU (`pyicu` ships no wheels, so
installs need a C++ toolchain) and over `unidecode` (GPL). It reads Cyrillic and
Greek well ("Талибан" -> "Taliban"), but Arabic, Persian and Hebrew are abjads:
short vowels are not written, so "طالبان" comes out as "tlbn" and "القاعدة" as
"lq`dh". A Latin key alone cannot meet those spellings, so this module also makes:

- a *loose* key that folds spelling variants common in transliterated names
  (q/k, kh/h, ou/u, e/i, o/u, doubled letters), so "Hezbollah", "Hizbullah" and
  "Хезболла" meet;
- a consonant *skeleton* that drops vowels, the Arabic article "al-" (and its
  assimilated forms "ash-", "an-", ...), glottal signs and the final "-ah"/ta
  marbuta, so "طالبان" and "Taliban" both become "tlbn";
- *core tokens*: the loose tokens without honorifics (Mullah, Sheikh, Haji, Dr)
  and connecting words (of, the, al), for word-order-free comparison.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from designations.matching.arabic import to_latin
from designations.matching.rules import CYRILLIC_ARTICLES, join_abd, join_compounds, leading_titles, name_variant
from designations.names import normalise

__all__ = [
    "HONORIFICS",
    "STOPWORDS",
    "consonant_keys",
    "core_tokens",
    "is_abjad",
    "latin_key",
    "latin_skeleton",
    "loose_key",
    "match_key",
    "skeleton",
]

HONORIFICS = frozenset(
    {
        "mullah", "mulla", "mullo", "molla", "mollah", "sheikh", "shaikh", "shaykh",
        "sheik", "cheikh", "haji", "hajji", "hadji", "dr", "doctor", "mr", "mrs",
        "ms", "sayyid", "sayed", "sayyed", "emir", "amir", "maulana", "mawlana",
        "maulvi", "mawlawi", "mawlavi", "imam", "ustadh", "ustad",
        "qari", "general", "colonel", "commander", "prof", "professor",
        "syed", "sheykh", "shaik", "mufti", "molvi", "mawlvi", "moulvi", "hajj", "alhaj", "agha",
        "мулла", "шейх", "хаджи", "д-р", "доктор",
    }
)
"""Titles that precede names on lists and in customer data but do not identify."""

STOPWORDS = frozenset(
    {
        "al", "el", "ul", "of", "the", "and", "for", "de", "du", "la", "le", "des",
        "del", "y", "et", "und", "der", "die", "das", "i", "in", "fi", "wa", "wal",
        "ad", "an", "ar", "as", "ash", "at", "az", "ud", "ut", "ur", "lil",
        *CYRILLIC_ARTICLES,
    }
)
"""Connecting words that carry no identity; dropped from the core tokens."""

_ABJAD_PREFIXES = ("ARABIC", "HEBREW", "SYRIAC", "THAANA", "NKO")

# Letters of abjad scripts that carry no consonant in a Latin spelling: alef and
# its hamza seats (vowels or glottal stops), waw and ya (long vowels as often as
# consonants), ta marbuta (a silent final -a or the -at of "Hay'at"), ayn.
_ABJAD_SILENT = frozenset(
    "\u0627\u0623\u0625\u0622\u0671\u0621\u0624\u0626\u0629\u0649\u0648\u064a"
    "\u06cc\u06c0\u06d5\u0639\u05d0\u05e2\u05d5\u05d9"
)
# Letters that Latin spellings of names write differently from anyascii:
# zah is "z" (Zawahiri), not "dh".
_ABJAD_LETTERS = {"\u0638": "z"}
_ABJAD_ARTICLE = "\u0627\u0644"
_ABJAD_HONORIFICS = frozenset(
    {
        "\u0645\u0644\u0627", "\u0645\u0644\u0651\u0627", "\u0634\u064a\u062e",
        "\u062d\u0627\u062c", "\u062d\u0627\u062c\u064a", "\u062f\u0643\u062a\u0648\u0631",
        "\u0645\u0648\u0644\u0648\u064a", "\u0645\u0648\u0644\u0627\u0646\u0627",
        "\u0627\u0645\u064a\u0631", "\u0623\u0645\u064a\u0631", "\u0633\u064a\u062f",
        "\u0625\u0645\u0627\u0645", "\u0627\u0645\u0627\u0645",
    }
)

# Spelling variants of transliterated names, applied in order to a latin key.
_LOOSE_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"dzh|dj|zh", "j"),
        (r"kh", "h"),
        (r"gh", "g"),
        (r"ph", "f"),
        (r"ck|q|c(?=[aou]|\b)", "k"),
        (r"sch|sh|ch", "s"),
        (r"th", "t"),
        (r"dh", "d"),
        (r"ou|oo|w(?=[^aeiouy]|\b)", "u"),
        (r"ee|ey|ei|ie", "i"),
        (r"y(?=[^aeiou]|\b)", "i"),
        (r"e", "i"),
        (r"o", "u"),
        (r"(\w)\1+", r"\1"),
        (r"\b(\w) (?=\w\b)", r"\1"),
    )
)

# The word rules with the letters a match needs: a rule is skipped (a cheap
# substring test instead of a regex pass) when none of them is in the word.
_NEEDS: tuple[tuple[str, ...], ...] = (
    ("dj", "zh"), ("kh",), ("gh",), ("ph",), ("c", "q"), ("sh", "ch"), ("th",), ("dh",),
    ("ou", "oo", "w"), ("e",), ("y",), ("e",), ("o",), ("",),
)
_WORD_RULES = tuple(
    (pattern, replacement, needs)
    for (pattern, replacement), needs in zip(_LOOSE_RULES[:-1], _NEEDS, strict=True)
)

_LATIN_ARTICLES = frozenset({"al", "el", "ul", "il", "ad", "an", "ar", "as", "at", "az",
                             "ash", "adh", "ath"})
_VOWELS = re.compile(r"[aeiouyw]")
_CONSTRUCT = re.compile(r"(?:at|ah|a)$")
_DOUBLES = re.compile(r"(\w)\1+")


@lru_cache(maxsize=65536)
def is_abjad(name: str) -> bool:
    """True when the name is mostly in a script that leaves out short vowels."""
    if name.isascii():
        return False
    letters = [ch for ch in name if ch.isalpha()]
    if not letters:
        return False
    abjad = sum(1 for ch in letters if unicodedata.name(ch, "").startswith(_ABJAD_PREFIXES))
    return abjad * 2 >= len(letters)


# `normalise` for ASCII text, in one C-level pass: letters lower-cased, digits
# kept, the ASCII apostrophes dropped, everything else a space. NFKD, the
# Unicode categories and casefold leave ASCII as this table does.
_ASCII_KEY = {
    i: (chr(i).lower() if chr(i).isalnum() else None if chr(i) in "'`" else " ")
    for i in range(128)
}


def match_key(name: str) -> str:
    """`designations.names.normalise`, with a fast path for ASCII names (same result)."""
    if name.isascii():
        return " ".join(name.translate(_ASCII_KEY).split())
    return normalise(name)


def latin_key(name: str) -> str:
    """
    The match key of the name's Latin transliteration.

    Equal to `designations.names.normalise` for names already in Latin script;
    Arabic and Persian script are read into the Latin spellings lists use
    (`designations.matching.arabic`), other scripts by anyascii, so "Талибан" -> "taliban".
    """
    if name.isascii():  # NFKC and anyascii leave ASCII as it is
        return match_key(name)
    text = unicodedata.normalize("NFKC", name)
    if any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" for ch in text):
        text = to_latin(text)
    return match_key(anyascii(text))


def loose_key(latin: str) -> str:
    """
    Fold the spelling variants of a latin key, so transliterations meet.

    "al qaeda", "al kaida" and "al qaida" all become "al kaida".
    """
    # Every rule but the last one stays inside a word (no pattern consumes a
    # space, and a lookahead meets a word end as it meets a space), so words
    # are folded one at a time through a cache; the last rule joins runs of
    # single letters across spaces.
    out = " ".join(map(_loose_word, latin.split(" ")))
    pattern, replacement = _LOOSE_RULES[-1]
    return pattern.sub(replacement, out) if " " in out else out


@lru_cache(maxsize=1 << 18)
def _loose_word(word: str) -> str:
    """The loose rules but the last, applied to one word."""
    for pattern, replacement, needs in _WORD_RULES:
        for needle in needs:
            if needle in word:
                word = pattern.sub(replacement, word)
                break
    return word


def core_tokens(loose: str, *, titles: bool = True) -> tuple[str, ...]:
    """
    Split a loose key into the words that identify: no connecting words, no titles.

    Honorifics are dropped only in front ("Mullah Mohammad Omar"), where titles
    stand; inside a name they may be part of it ("Khalid Shaikh Mohammed",
    "General Command"); "Amir" only before two words or more ("Amir Khan" is a
    name). An Abd name is one word ("Abd al-Manan" and "Abdul Manan" give "abdulmanan").
    `titles=False` keeps every word (a Korean name: "Sik" is a syllable, not "Sheik").
    Common given names take one spelling (`designations.matching.rules.NAME_VARIANTS`).
    """
    words = loose.split()
    start = leading_titles(words, _LOOSE_HONORIFICS) if titles else 0
    kept = [_ABBREVIATIONS.get(t, t) for t in words[start:] if t not in _LOOSE_STOPWORDS]
    tokens = tuple(name_variant(t) for t in join_compounds(join_abd(kept), _loose_word))
    return tokens or tuple(words)


_ABBREVIATIONS = {
    loose_key(short): loose_key(full)
    for short, full in (("corp", "corporation"), ("co", "company"), ("ltd", "limited"), ("inc", "incorporated"),
                        ("intl", "international"), ("mfg", "manufacturing"), ("assn", "association"))
}
"""Abbreviated legal forms, read as the words they stand for ("Corp" is "Corporation"), on both sides."""


_MIN_KEY_CONSONANTS = 3


def consonant_keys(core: tuple[str, ...]) -> frozenset[str]:
    """
    Blocking keys from each core word's consonants, for the index ("abdulkadir" and "abdulkadr" share "bdlkdr").

    Transliterations, Arabic script read into Latin letters among them, differ mostly in vowels; a
    word's consonants find the name when no word and no four-letter affix is shared. Words with
    fewer than three consonants give no key (too many names share them).
    """
    keys = set()
    for word in core:
        bare = _VOWELS.sub("", word)
        if len(bare) >= _MIN_KEY_CONSONANTS and bare != word:
            keys.add("v:" + bare)
    return frozenset(keys)


def skeleton(name: str) -> str:
    """
    The consonant skeleton: what an abjad spelling and a Latin spelling share.

    Vowels, the article, honorifics, glottal signs, the final -a/-ah/-at of
    each word and doubled letters go; consonants are folded as in `loose_key`
    and joined without spaces. "طالبان" and "Taliban" both give "tlbn";
    "حزب الله" and "Hizballah" both "hzbl".
    """
    text = unicodedata.normalize("NFKC", name)
    if is_abjad(text):
        return _abjad_skeleton(text)
    return latin_skeleton(latin_key(text))


def latin_skeleton(latin: str) -> str:
    """The skeleton of a name that is not mostly abjad, from its latin key."""
    words = [_skeleton_word(word) for word in latin.split()]
    return _DOUBLES.sub(r"\1", "".join(words))


@lru_cache(maxsize=1 << 18)
def _skeleton_word(word: str) -> str:
    """One word's part of a Latin skeleton ("" for articles, titles and connectors)."""
    if word in STOPWORDS or word in _LATIN_ARTICLES or word in HONORIFICS:
        return ""
    return _VOWELS.sub("", loose_key(_CONSTRUCT.sub("", word)))


def _abjad_skeleton(text: str) -> str:
    """Skeleton of an abjad name, transliterated letter by letter so digraphs never form."""
    out: list[str] = []
    for raw in normalise(text).split():
        word = raw[2:] if raw.startswith(_ABJAD_ARTICLE) and len(raw) > 3 else raw  # noqa: PLR2004
        if word in _ABJAD_HONORIFICS or raw in _ABJAD_HONORIFICS:
            continue
        for i, ch in enumerate(word):
            if ch in _ABJAD_SILENT or (ch == "\u0647" and i == len(word) - 1):
                continue
            latin = _ABJAD_LETTERS.get(ch) or normalise(anyascii(ch))
            out.append(_VOWELS.sub("", loose_key(latin)))
    return _DOUBLES.sub(r"\1", "".join(out))


_LOOSE_HONORIFICS = frozenset(loose_key(latin_key(w)) for w in HONORIFICS)
_LOOSE_STOPWORDS = frozenset(loose_key(latin_key(w)) for w in STOPWORDS)
