"""
Spelling rules of transliterated names: the variants one person's name takes on different lists.

Three kinds of rule, each applied to the words of a Latin key:

- **Abd names.** "Abd al-Manan", "Abdul Manan", "Abdel Manan", "Abd-el Manan" and "Abdulmanan" are one
  name: the servant-of prefix and its article are read as one word, ``abdul`` + the divine name
  (`join_abd`, on loose words).
- **Korean romanisation.** Lists write one Korean name in McCune-Reischauer ("Ri Chol Ho"),
  Revised Romanisation ("Lee Cheol Ho") or older spellings ("Rhee Chul Ho"). When every word of a
  name is a Korean syllable and one is a Korean surname, each word is read as one spelling of its
  syllable (`fold_korean`, on Latin words, before the loose rules: they would fold "Chong" into
  "Song", another name). "Li Wei" is not Korean ("wei" is no Korean syllable), so Chinese names
  keep their spelling.
- **Compounds.** A name with Allah or al-Din, and a Pashto tribal name with -khel, is written joined
  or apart: "Khayr Allah" and "Khairullah", "Salah al-Din" and "Salahuddin", "Shahid Khel" and
  "Shahidkhel"; the parts written apart are joined (`join_compounds`, on loose words).
- **Articles and titles.** The Cyrillic article of a Russian list's Arabic name ("аль-", "ат-",
  "валь-") is a connecting word like "al-"; "Amir" (also "Emir") is a title only in front of a name
  of two words or more, so "Amir Khan" keeps its given name (`leading_titles`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Final

__all__ = [
    "CYRILLIC_ARTICLES",
    "KOREAN_SURNAMES",
    "NAME_VARIANTS",
    "fold_korean",
    "join_abd",
    "join_compounds",
    "leading_titles",
    "looks_korean",
    "name_variant",
]

CYRILLIC_ARTICLES: Final = frozenset({"val", "vad", "vat", "vas", "vash", "van", "var", "vaz"})
"""Latin keys of the Cyrillic articles with "and" ("валь-", "ват-"); "аль-", "ат-", "аш-" come out as
"al", "at", "ash", which are connecting words already."""

# Each group: the spellings of one Korean syllable on official lists; the first is the one kept.
_KOREAN_GROUPS: Final = (
    # surnames (also given-name syllables)
    ("ri", "lee", "li", "rhee", "yi", "rhie", "yee", "lie"),
    ("kim", "gim"), ("pak", "park", "bak", "bahk"), ("choe", "choi", "chwe", "choy"),
    ("jong", "jeong", "chong", "chung", "jung", "cheong"), ("ryu", "yu", "yoo", "ryoo", "rhyu", "you"),
    ("kang", "gang"), ("jo", "cho", "joe"), ("yun", "yoon", "youn"), ("jang", "chang"),
    ("han", "hahn"), ("o", "oh"), ("ko", "koh", "go"), ("ho", "hoh", "heo", "hur"),
    ("mun", "moon"), ("son", "sohn"), ("ju", "joo", "chu"), ("rim", "im", "lim"),
    ("ryom", "yom", "yeom"), ("kwon", "gwon"), ("sin", "shin"), ("hyon", "hyun", "hyeon"),
    ("u", "woo"), ("ryang", "yang"), ("ro", "roh", "no"), ("ra", "na"), ("paek", "baek"),
    ("hwang",), ("song", "seong", "sung"), ("hong",), ("an", "ahn"), ("jon", "jeon", "chon", "chun"),
    ("cha",), ("ma",), ("kye", "gye"), ("tong", "dong"), ("thae", "tae", "dae"), ("chae", "chai"),
    # given-name syllables
    ("chol", "chul", "cheol"), ("su", "soo"), ("yong", "ryong", "young"), ("hyok", "hyuk", "hyeok"),
    ("myong", "myung", "myeong"), ("kwang", "gwang"), ("kuk", "guk", "gook", "kook"),
    ("dok", "duk", "deok", "tok"), ("gil", "kil"), ("gon", "kon", "geon"), ("hun", "hoon"),
    ("sok", "seok", "suk"), ("jun", "joon"), ("won", "weon"), ("un", "eun"), ("hui", "hee", "hi"),
    ("pyong", "pyeong", "byung", "byong", "byeong"), ("sik", "shik"), ("pong", "bong"),
    ("pok", "bok"), ("kyu", "gyu"), ("kyong", "kyung", "gyeong", "gyong"), ("il", "ill"),
    ("jin", "chin"), ("sam",), ("nam",), ("man",), ("hak", "hag"), ("mi",), ("ok",), ("ae",),
    ("ung",), ("yop", "yeop"), ("sop", "seop", "sup"), ("chan",), ("ryol", "yeol", "yol"),
    ("sun", "soon"), ("sang",), ("hwan",), ("hyo",), ("bin", "pin"), ("ha",), ("se",), ("hae",),
    ("gum", "kum", "geum"), ("chang",), ("tu", "du", "doo"), ("kun", "gun", "geun"), ("ik",),
    ("rak", "nak"), ("ryul", "yul"), ("yon", "yeon"), ("ho",), ("hwa",), ("in",), ("ki", "gi"),
    ("jae", "chae"), ("bom", "pom", "beom"), ("chun",), ("chil",), ("to", "do"), ("ryon", "ryeon"),
)

_KOREAN: Final[dict[str, str]] = {}
for _group in _KOREAN_GROUPS:
    for _spelling in _group:
        _KOREAN.setdefault(_spelling, _group[0])

KOREAN_SURNAMES: Final = frozenset(
    spelling
    for group in _KOREAN_GROUPS[: next(i for i, g in enumerate(_KOREAN_GROUPS) if g[0] == "chol")]
    for spelling in group
)
"""Spellings of the Korean surnames common on the lists (Kim, Ri/Lee, Pak/Park, Choe/Choi, ...)."""

_MIN_KOREAN_WORDS: Final = 2


def looks_korean(words: Sequence[str]) -> bool:
    """Whether a name's Latin words read as Korean: all Korean syllables, and a surname among two, or three or more."""
    if len(words) < _MIN_KOREAN_WORDS or not all(w in _KOREAN for w in words):
        return False
    return len(words) > _MIN_KOREAN_WORDS or any(w in KOREAN_SURNAMES for w in words)


def fold_korean(latin: str) -> str:
    """
    A Latin key with each Korean syllable in one spelling, when the name looks Korean; else unchanged.

    "lee cheol ho" and "rhee chul ho" both become "ri chol ho"; "li wei" stays.
    """
    words = latin.split()
    if not looks_korean(words):
        return latin
    return " ".join(_KOREAN[w] for w in words)


_ABD_WORD: Final = re.compile(r"^abd(?:ul|al|il|ur|ar|as|an|ad|at|az|u|a|i)?(?=[a-z]{3})")
"""A one-word Abd name in loose spelling ("abdulmanan", "abdilrahman", "abdurahman"): the prefix."""
_ABD_ALONE: Final = frozenset({"abd", "abdul", "abdal", "abdil", "abdu", "abdur", "abdi", "abda"})
"""Loose spellings of a free-standing Abd prefix ("Abd", "Abdul", "Abdel", "Abdoul", "Abdur")."""
_ARTICLES: Final = frozenset({"al", "il", "ul", "ar", "as", "an", "ad", "at", "az", "ur", "ud", "ut"})
"""Loose spellings of the Arabic article and its assimilated forms (el- is il- in loose spelling)."""
_ABD: Final = "abdul"
_DIVINE: Final = {"alah": "lah", "ulah": "lah", "ilah": "lah"}
"""'Abd Allah' is 'Abdullah': the article of Allah is the -ul- of the joined word."""


def join_abd(words: Sequence[str]) -> list[str]:
    """
    Read every Abd name as one word, ``abdul`` + the name that follows, on loose words.

    ["abd", "al", "manan"], ["abdul", "manan"] and ["abdulmanan"] all give ["abdulmanan"].
    A prefix with nothing after it stays as it is.
    """
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word in _ABD_ALONE:
            j = i + 1
            while j < len(words) - 1 and words[j] in _ARTICLES:
                j += 1
            if j < len(words) and words[j] not in _ARTICLES:
                out.append(_ABD + _DIVINE.get(words[j], words[j]))
                i = j + 1
                continue
        match = _ABD_WORD.match(word)
        out.append(_ABD + word[match.end():] if match else word)
        i += 1
    return out


_ALLAH_WORDS: Final = frozenset({"alah", "ulah", "ilah", "lah"})
_DIN_WORDS: Final = frozenset({"din", "dini", "udin", "idin", "adin", "udini", "idini", "adini"})
"""Loose spellings of Allah and of al-Din written as a word of their own ("Allah", "Ullah", "Uddin", "Eddine")."""
_KHEL_WORDS: Final = frozenset({"hil", "hail", "hal"})
"""Loose spellings of the Pashto -khel ("Khel", "Khail", "Khil")."""


def join_compounds(words: Sequence[str], fold: Callable[[str], str] = str) -> list[str]:
    """
    Join Allah, al-Din and -khel written apart to the word before them, as lists also write them.

    ["hair", "ulah"] gives ["hairulah"] (as "Khairullah"); ["salah", "din"] gives ["salahdin"], one edit
    from "Salahuddin"; ["sahid", "hil"] gives `fold("sahidhil")`, as "Shahidkhel" is spelt. `fold`
    spells a joined word as its parts are spelt (the loose rules). An Abd name is joined already.
    """
    out: list[str] = []
    for word in words:
        if out and not out[-1].startswith(_ABD) and (word in _ALLAH_WORDS or word in _DIN_WORDS):
            out[-1] += word
        elif out and word in _KHEL_WORDS:
            out[-1] = fold(out[-1] + "h" + word[1:])
        else:
            out.append(word)
    return out


_AMIR: Final = frozenset({"amir", "amer", "imir", "emir"})
"""Loose spellings of Amir/Emir: a title and a common given name."""
_MIN_AFTER_AMIR: Final = 3


def leading_titles(words: Sequence[str], titles: frozenset[str]) -> int:
    """
    How many leading words are titles: always leaving one word, and Amir only before three or more.

    "mulla muhamad umar" -> 1; "amir han" and "amir han mutaki" -> 0 (Amir is the given name of
    Amir Khan Muttaqi); "amir abu bakr bagdadi" -> 1.
    """
    start = 0
    while start < len(words) - 1 and words[start] in titles:
        if words[start] in _AMIR and len(words) - start - 1 < _MIN_AFTER_AMIR:
            break
        start += 1
    return start


_VARIANT_GROUPS: Final = (
    ("muhamad", "muhamid", "mahamad", "muhamud", "mahamid", "muhamat", "mihamad"),
    ("ahmad", "ahmid", "ahmat"),
    ("yusuf", "yusif", "yusuv", "yusup"),
    ("riza", "rida", "raza", "ridha"),
    ("husain", "husin", "husayn", "husyn"),
    ("mahmud", "mahmut", "mahmod"),
    ("usman", "utman", "usmon"),
    ("ibrahim", "ibraim", "ibragim", "ibrahima"),
    ("ismail", "ismayil", "ismal"),
    ("sulaiman", "sulayman", "sliman"),
    ("mustafa", "mustafo"),
    ("abdulah", "abdula", "abdulahi"),
)
NAME_VARIANTS: Final[dict[str, str]] = {v: group[0] for group in _VARIANT_GROUPS for v in group}
"""Loose spellings of the same common Muslim given name that the letter rules leave apart
("Mohammed" loose is "muhamid", "Mohammad" "muhamad"; Persian "Reza", Arabic "Rida")."""


def name_variant(word: str) -> str:
    """One spelling for the common given names of `NAME_VARIANTS` (a loose word in, a loose word out)."""
    return NAME_VARIANTS.get(word, word)
