"""
Scoring a query name against a list name: a score in [0, 1] and the reason.

The score is a calibrated similarity, not a probability: at the default
screening threshold (0.9) a hit is a name a reviewer should look at. The
checks run from the most to the least certain, and the first one that gives
the best score names the reason:

==================  =====  =========================================================
reason              score  when
==================  =====  =========================================================
``exact``           1.00   the match keys are equal (case, diacritics, punctuation)
``transliteration`` 0.98   the Latin transliterations are equal ("Талибан", "Taliban")
``transliteration`` 0.96   the loose keys are equal ("Al-Qaeda", "Аль-Каида")
``token-reorder``   0.95   the same words in another order, without honorifics
                           ("Omar, Mohammad", "Mullah Mohammad Omar")
``transliteration`` 0.92   the consonant skeletons are equal across an abjad and
                           another script ("طالبان", "Taliban"), or between two
                           Latin spellings that are already close ("Hizballah",
                           "Hezbollah")
``contains``        0.88   the query holds a listed organisation's whole name as whole words, in
                           order ("Boko Haram Trading Company"): a distinct, explained reason, under
                           the default screening threshold; dropped when another subject matches
                           the query better by another reason
``fuzzy``           <0.95  edit distance (rapidfuzz OSA, transpositions count once)
                           on the loose key or the sorted core words, or the query's
                           words are all words of the name ("Tahrir al-Sham")
==================  =====  =========================================================

Fuzzy similarities `s` are reported as `sqrt(s)`, capped at 0.95, so one typo in a six-letter
word (s = 0.83) scores 0.91, while one letter off in a five-letter name
("Hamad" for "Hamas", s = 0.8) scores 0.89 and stays under the threshold.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Final, Literal

import attrs
from rapidfuzz import process
from rapidfuzz.distance import OSA

from designations.matching.readings import readings
from designations.matching.rules import fold_korean, looks_korean
from designations.matching.translit import (
    core_tokens,
    is_abjad,
    latin_key,
    latin_skeleton,
    loose_key,
    match_key,
    skeleton,
)

__all__ = [
    "REASONS",
    "Prepared",
    "Reason",
    "best_reading",
    "contains",
    "fuzzy_similarity",
    "prepare",
    "reading_words",
    "score_pair",
    "scored_reading",
    "word_pairs",
]

Reason = Literal["exact", "transliteration", "token-reorder", "contains", "fuzzy"]
"""Why a name matched, from the most to the least certain."""

REASONS: Final[tuple[Reason, ...]] = ("exact", "transliteration", "token-reorder", "contains", "fuzzy")
"""Every reason, in order of certainty."""

EXACT: Final = 1.0
LATIN: Final = 0.98
LOOSE: Final = 0.96
REORDER: Final = 0.95
SKELETON: Final = 0.92
CONTAINS: Final = 0.88
"""A listed organisation's whole name inside a longer one: shown by `search` and by screening at 0.88 or
lower, but under the default screening threshold (the evaluation set holds longer names of other groups,
"Islamic State Khorasan", that must not alert)."""
MIN_CONTAINED_WORD: Final = 7
"""A one-word name counts as contained only when it is this long ("Taliban", not "Base")."""
FUZZY_CAP: Final = 0.95
PARTIAL_BASE: Final = 0.6
PARTIAL_SPAN: Final = 0.4
"""A partial name reaches 0.9 when its words cover three quarters of the letters."""
CLOSE_WORD: Final = 0.75
"""Words less similar than this (after loose folding) do not pair up, unless long and two edits apart."""
LONG_WORD: Final = 8
"""A word this long still pairs with a spelling two edits away ("Nsarallh" for "Nasrallah")."""
ANCHORING_WORDS: Final = 2
"""Words that are not generic a name needs, besides a short word one typo away, for that word to pair."""
ANCHORED_WORDS: Final = 3
ANCHORED_LETTERS: Final = 16
"""Names of this many core words, or letters, let two edits pair in a word one letter shorter than `LONG_WORD`."""
MIN_WORD: Final = 0.7
"""Under the least similarity at which two words pair (two edits in seven letters, 0.714): the index's bound."""
ONE_WORD_CAP: Final = 0.88
"""The most a match resting on one short word spelt differently scores (see `_one_weak_word`): such a
word is as often another name as a typo, so it is shown by `search` but does not alert."""
GENERIC_WEIGHT: Final = 0.25
LEGAL_WEIGHT: Final = 0.1
FIRST_LAST: Final = 0.92
SPLIT_SLACK: Final = 2
"""Most letters two names may differ by for a whole-string comparison: a word split or joined, not one more."""
NO_GIVEN_NAME: Final = 0.88
"""The most a partial name of a person scores when it leaves out the given name (the name's first word)."""
MIN_SKELETON: Final = 3
"""Shorter skeletons ("hms") still match, but only across scripts."""
MIN_SKELETON_LATIN: Final = 4
MIN_LOOSE_FOR_SKELETON: Final = 0.8
READING: Final = 0.94
"""The most an abjad-script name scores when read with other usual values of its letters and vowels
(`designations.matching.readings`): a transliteration, less certain than the usual reading's."""


@attrs.frozen
class Prepared:
    """Every key of one name, computed once: the unit the index stores and scores."""

    text: str
    key: str
    latin: str
    loose: str
    core: tuple[str, ...]
    sorted_core: str
    skeleton: str
    abjad: bool


@lru_cache(maxsize=131072)
def prepare(name: str) -> Prepared:
    """Compute the match keys of a name (cached: screening repeats names)."""
    latin = latin_key(name)
    korean = looks_korean(latin.split())
    loose = loose_key(fold_korean(latin) if korean else latin)
    core = core_tokens(loose, titles=not korean)
    if name.isascii():  # the common case: no script to detect, the skeleton from `latin`
        skel, abjad = latin_skeleton(latin), False
    else:
        skel, abjad = skeleton(name), is_abjad(name)
    return Prepared(
        text=name,
        key=match_key(name),
        latin=latin,
        loose=loose,
        core=core,
        sorted_core=" ".join(sorted(core)),
        skeleton=skel,
        abjad=abjad,
    )


def score_pair(query: Prepared, name: Prepared, *, person: bool = False,
               containment: bool = True) -> tuple[float, Reason]:
    """
    Score a query against one list name; returns (score, reason).

    `person` says the name is a person's, whose first and last names alone
    are a fair partial match ("Aleksandr Tikhomirov"). `containment=False`
    scores as if the name were not looked for inside the query.
    """
    if not query.abjad:
        return _score_pair(query, name, person=person, containment=containment)
    score, reason, _read = scored_reading(query, name, person=person, containment=containment)
    return score, reason


def scored_reading(query: Prepared, name: Prepared, *, person: bool = False,
                   containment: bool = True) -> tuple[float, Reason, Prepared]:
    """
    `score_pair` of an abjad-script query, with the reading of it that gave the score.

    The usual reading, or the one `best_reading` gives (held to `READING`); a title in front may be
    the name's given name ("سيد أحمد": Sayyid or Sayed Ahmad, for SAID AHMED), so the query is
    scored with its titles kept too. (Only abjad-script queries: the index bounds a Latin query's
    score by its words without titles.)
    """
    best = _read_pair(query, name, person=person, containment=containment)
    titled = _with_titles(query)
    if titled is not None and best[0] < FUZZY_CAP:
        best = max(best, _read_pair(titled, name, person=person, containment=containment), key=lambda x: x[0])
    return best


def _read_pair(query: Prepared, name: Prepared, *, person: bool,
               containment: bool) -> tuple[float, Reason, Prepared]:
    """`scored_reading` without the title rule."""
    score, reason = _score_pair(query, name, person=person, containment=containment)
    if not query.abjad or name.abjad or score >= READING:
        return score, reason, query
    best: tuple[float, Reason, Prepared] = (score, reason, query)
    reading = best_reading(query, name)
    if reading.latin == query.latin:  # every word kept its usual reading: nothing more to score
        return best
    for version in (reading, _with_titles(reading)):
        if version is not None:
            read = _score_pair(version, name, person=person, containment=containment)[0]
            if read > best[0]:
                best = (min(read, READING), "transliteration", version)
    return best


@lru_cache(maxsize=4096)
def _with_titles(query: Prepared) -> Prepared | None:
    """The query with the titles in front kept as name words, or None when it has none."""
    core = core_tokens(query.loose, titles=False)
    if len(core) <= len(query.core):
        return None
    return attrs.evolve(query, core=core, sorted_core=" ".join(sorted(core)))


def best_reading(query: Prepared, name: Prepared) -> Prepared:
    """
    The query, an abjad-script name, read with the reading of each word nearest to the list name's words.

    Each word's readings (`designations.matching.readings`) are folded as list names are and compared
    with every word of the name and its starts (a name word may be a compound the query writes apart:
    "Ghias" in "Ghiassouddine"); the nearest wins if it pairs with one (see `CLOSE_WORD`), else the usual.
    """
    targets = _targets(name)
    chosen = []
    for options in readings(query.text):
        best, best_sim = 0, CLOSE_WORD  # another reading only where it pairs the word
        if len(options) == 1 or _loose_reading(options[0]) in targets:  # one reading, or the usual pairs exactly
            chosen.append(options[0])
            continue
        for target in targets:
            sim, at = _nearest(options, target)
            if sim > best_sim:
                best, best_sim = at, sim
        chosen.append(options[best])
    return prepare(" ".join(chosen))


_MIN_START: Final = 4
"""The shortest start of a name word a reading is compared with."""
_COMPOUND: Final = 7
"""The shortest name word whose starts are compared with readings (a compound: "Ghiassouddine")."""


@lru_cache(maxsize=65536)
def _targets(name: Prepared) -> tuple[str, ...]:
    """The words of a list name a reading may pair with: loose and core words (spelt out, joined), and their starts."""
    words = dict.fromkeys((*name.loose.split(), *name.core))
    starts = [w[:n] for w in words if len(w) >= _COMPOUND for n in range(_MIN_START, len(w) - 1)]
    return tuple(dict.fromkeys((*words, *starts)))


@lru_cache(maxsize=1 << 17)
def _nearest(options: tuple[str, ...], target: str) -> tuple[float, int]:
    """The similarity of the reading nearest to `target` among `options`, and its place (the first on a tie)."""
    hit = process.extractOne(target, _loose_options(options), scorer=OSA.normalized_similarity)
    return (hit[1], hit[2]) if hit is not None else (0.0, 0)


@lru_cache(maxsize=4096)
def _loose_options(options: tuple[str, ...]) -> tuple[str, ...]:
    """The readings folded; a reading folded as an earlier one is left empty (it can win no comparison)."""
    seen: set[str] = set()
    out = []
    for option in map(_loose_reading, options):
        out.append("" if option in seen else option)
        seen.add(option)
    return tuple(out)


@lru_cache(maxsize=4096)
def reading_words(query: Prepared) -> tuple[str, ...]:
    """The loose words of every reading of an abjad-script name's words (for the index's blocking keys)."""
    words = {_loose_reading(option) for options in readings(query.text) for option in options}
    return tuple(sorted(words - {""} - set(query.core)))


@lru_cache(maxsize=65536)
def _loose_reading(latin: str) -> str:
    """A reading's loose form without its article ("al-duri" -> "duri")."""
    loose = loose_key(match_key(latin))
    return loose.rsplit(" ", 1)[-1] if loose else loose


def _score_pair(query: Prepared, name: Prepared, *, person: bool, containment: bool) -> tuple[float, Reason]:
    """`score_pair` on the keys as they are (the query's usual reading)."""
    if query.key == name.key:
        return EXACT, "exact"
    if query.latin == name.latin:
        return LATIN, "transliteration"
    if query.loose == name.loose:
        return LOOSE, "transliteration"
    if query.sorted_core == name.sorted_core:
        return REORDER, "transliteration" if query.abjad != name.abjad else "token-reorder"
    if query.core and len(query.core) == len(name.core) and _without_final_a(query.core) == _without_final_a(name.core):
        return LOOSE, "transliteration"  # a final -a, -ah or -at written or not: "Fatima", "Fatimah"
    best = fuzzy_similarity(query, name, person=person)
    # Across scripts the words compared are this module's reading of the abjad name: a transliteration.
    reason: Reason = "transliteration" if query.abjad != name.abjad else "fuzzy"
    skel = _skeleton_score(query, name)
    if skel >= best:
        best, reason = skel, "transliteration"
    if containment and not person and best < CONTAINS and contains(query, name):
        best, reason = CONTAINS, "contains"
    return best, reason


def contains(query: Prepared, name: Prepared) -> bool:
    """
    Whether the query holds the whole of a name as whole words, in order, and more besides.

    "Boko Haram Trading Company" holds "Boko Haram". A one-word name counts only when it is
    long and not a generic word, so "The Base" is not found in every "Base Camp".
    """
    inner, outer = name.core, query.core
    if not inner or len(inner) >= len(outer) or all(w in _GENERIC for w in inner):
        return False
    if len(inner) == 1 and len(inner[0]) < MIN_CONTAINED_WORD:
        return False
    width = len(inner)
    return any(outer[i:i + width] == inner for i in range(len(outer) - width + 1))


def _skeleton_score(query: Prepared, name: Prepared) -> float:
    """The skeleton score, or 0 when skeletons are not a fair comparison."""
    if query.skeleton != name.skeleton:
        return 0.0
    if query.abjad != name.abjad:
        return SKELETON if len(query.skeleton) >= MIN_SKELETON else 0.0
    if query.abjad or len(query.skeleton) < MIN_SKELETON_LATIN or len(_distinct_consonants(query)) < MIN_SKELETON_LATIN:
        return 0.0
    close = OSA.normalized_similarity(query.loose, name.loose)
    return SKELETON if close >= MIN_LOOSE_FOR_SKELETON else 0.0


def _distinct_consonants(p: Prepared) -> str:
    """
    The consonants of the words that tell one name from another (not "group", "front", "movement").

    Between two Latin spellings the skeleton is fair evidence only when these carry it: "Hizballah"
    and "Hezbollah" share "hzbl", but "Bani Group" and "Boan Group" share little more than "group".
    """
    return "".join(_VOWELS.sub("", w) for w in p.core if w not in _GENERIC)


def fuzzy_similarity(query: Prepared, name: Prepared, *, person: bool) -> float:
    """
    Word-aligned edit similarity, partial names, and whole-string similarity.

    Each query word is paired with the most similar unused word of the name;
    pairs under `CLOSE_WORD` similarity count as unmatched, so one word swapped
    for another ("Haqqani Network", "Khazali Network") is not a near spelling,
    unless the words are long and at most two edits apart (two typos in "Nasrallah").
    The whole strings are compared when words were split or joined (the letters
    nearly the same), not when a name has a word more.
    """
    whole = 0.0
    joined_q, joined_n = "".join(query.core), "".join(name.core)
    if len(query.core) != len(name.core) and abs(len(joined_q) - len(joined_n)) <= SPLIT_SLACK:
        whole = OSA.normalized_similarity(joined_q, joined_n)  # a word split or joined: "Bel Mokhtar"
    pairs = _align(query.core, name.core, typos=not _korean(name))
    if not pairs:
        return min(math.sqrt(whole), FUZZY_CAP) if whole >= CLOSE_WORD else 0.0
    matched = sum((len(a) + len(b)) * math.sqrt(sim) for a, b, sim in pairs)
    total = sum(map(len, query.core)) + sum(map(len, name.core))
    best = max(matched / total, math.sqrt(whole) if whole >= CLOSE_WORD else 0.0)
    if len(pairs) == len(query.core) < len(name.core) and (
        len(pairs) > 1 or all(w in _GENERIC for w in name.core if w != pairs[0][1])
    ):
        given_first = person and "," not in name.text
        best = max(best, _partial(pairs, name.core, person=given_first))
        if given_first and _unpaired(name.core[0], name.core, [b for _, b, _ in pairs]):
            best = min(best, NO_GIVEN_NAME)
    elif (person and len(pairs) == len(name.core) < len(query.core) and "," not in query.text
          and _unpaired(query.core[0], query.core, [a for a, _, _ in pairs])):
        best = min(best, NO_GIVEN_NAME)  # the query names someone's son: "Noor Barzan Ibrahim al-Tikriti"
    if best >= ONE_WORD_CAP and _one_weak_word(query.core, name.core, pairs):
        best = ONE_WORD_CAP
    return min(best, FUZZY_CAP)


def _one_weak_word(query: tuple[str, ...], name: tuple[str, ...], pairs: list[tuple[str, str, float]]) -> bool:
    """
    Whether the match rests on one short word too little alike for an alert (see `ONE_WORD_CAP`).

    A one-word query naming a longer name only partly, unless spelt the same and long ("Lofa" for
    "Lofa Party"); a short one-word name spelt with a letter changed or a consonant added ("Wamote"
    for "Wamore"; a vowel left out or added is a typo: "Al-Quaida"), but for a final -a, -ah or -at
    ("Fatima", "Fatimah"); a name whose only word that is not generic is short and starts otherwise
    ("Leniga Committee" for "Geniga Committee": typos keep the first letter, or swap the first two).
    """
    if len(query) == 1 and len(name) > 1:
        return not pairs or pairs[0][2] < 1 or len(query[0]) < MIN_CONTAINED_WORD
    own_q = [w for w in query if w not in _GENERIC]
    own_n = [w for w in name if w not in _GENERIC]
    if len(own_q) != 1 or len(own_n) != 1 or own_q[0] == own_n[0]:
        return False
    a, b = own_q[0], own_n[0]
    if max(len(a), len(b)) >= LONG_WORD or _FINAL_A.sub("", a) == _FINAL_A.sub("", b):
        return False
    if len(query) == 1 and len(name) == 1:  # one word alone: a vowel left out or added, not a letter changed
        return len(a) == len(b) or OSA.distance(a, b) > 1 or _VOWELS.sub("", a) != _VOWELS.sub("", b)
    return not _same_start(a, b)


def _korean(name: Prepared) -> bool:
    """Whether a listed name reads as Korean (its Latin words all Korean syllables)."""
    return looks_korean(name.latin.split())


def _same_start(a: str, b: str) -> bool:
    """Whether two words start alike as a typo leaves them: the same first letter, or the first two swapped."""
    return a[0] == b[0] or a[:2] == b[1::-1]


_FINAL_A = re.compile(r"(?:at|ah|a)$")


def _without_final_a(core: tuple[str, ...]) -> tuple[str, ...]:
    """The words without a final -a, -ah or -at where three letters or more remain."""
    return tuple(w if len(bare := _FINAL_A.sub("", w)) < 3 else bare for w in core)  # noqa: PLR2004


def _unpaired(word: str, words: tuple[str, ...], paired: list[str]) -> bool:
    """Whether some occurrence of `word` in `words` is left unpaired ("Ibrahim Sabawi Ibrahim": two)."""
    return paired.count(word) < words.count(word)


def _align(left: tuple[str, ...], right: tuple[str, ...], *, typos: bool = True) -> list[tuple[str, str, float]]:
    """
    Pair each left word with its most similar unused right word (greedy, best first).

    `typos` lets a short word one edit away pair in an anchored name (see `_close`).
    """
    free = list(right)
    pairs: list[tuple[str, str, float]] = []
    rest = []
    long_name = (min(len(left), len(right)) >= ANCHORED_WORDS
                 or min(sum(map(len, left)), sum(map(len, right))) >= ANCHORED_LETTERS)
    # one edit in a short word pairs only where two words or more that are not generic anchor it
    own = min(len(left) - sum(map(_GENERIC.__contains__, left)), len(right) - sum(map(_GENERIC.__contains__, right)))
    anchored = typos and long_name and own >= ANCHORING_WORDS
    for word in left:
        if word in free:
            free.remove(word)
            pairs.append((word, word, 1.0))
        else:
            rest.append(word)
    if rest and free:
        scored = sorted(
            ((OSA.normalized_similarity(a, b), i, j) for i, a in enumerate(rest)
             for j, b in enumerate(free)),
            reverse=True,
        )
        used_l: set[int] = set()
        used_r: set[int] = set()
        for sim, i, j in scored:
            if sim <= MIN_WORD:
                break
            if i in used_l or j in used_r or not _close(rest[i], free[j], sim, long_name=long_name,
                                                                   anchored=anchored):
                continue
            used_l.add(i)
            used_r.add(j)
            pairs.append((rest[i], free[j], sim))
    return pairs


def _close(a: str, b: str, sim: float, *, long_name: bool = False, anchored: bool = False) -> bool:
    """
    Whether two words are near spellings: similar, or long and at most two edits apart.

    In names of `ANCHORED_WORDS` words or `ANCHORED_LETTERS` letters or more, where the other
    words anchor the pairing, seven letters are long enough ("Ngudloo" for "Ngudjolo" in
    "Mathieu Chui Ngudjolo"; not "Basharov" for "Basaev" in "Shamil Basaev"). There, when two words
    or more that are not generic anchor it, a word one edit away pairs too if it starts the same, as
    typos leave it ("Wavoke Luha Dabo" for "Wavoke Lura Dabo"); `anchored` is false for Korean
    names, whose syllables one letter apart are other syllables ("Yon", "Yong").
    """
    if sim > CLOSE_WORD:
        return True
    longest = max(len(a), len(b))
    if anchored and _same_start(a, b) and round((1 - sim) * longest) <= 1:
        return True  # one edit after the first letter ("Luha" for "Lura"), when `anchored` (see `_align`)
    return longest >= LONG_WORD - long_name and round((1 - sim) * longest) <= 2  # noqa: PLR2004


def _partial(pairs: list[tuple[str, str, float]], long: tuple[str, ...], *, person: bool) -> float:
    """
    Score a query whose words are all words of the name ("Tahrir al-Sham").

    Generic words ("group", "province") weigh little, so "Abu Sayyaf" covers
    "Abu Sayyaf Group". For people, a query naming the first and last name of a
    longer name ("Aleksandr Tikhomirov") scores `FIRST_LAST`; one that leaves out the
    given name stays under the threshold: "Sabawi Ibrahim Hasan al-Tikriti" is the father
    of "Yasir Sabawi Ibrahim Hasan al-Tikriti", as patronymic chains go. (`person` is
    false for a name written "Family, Given": its first word is not the given name.)
    """
    acronym = _acronym(long)
    weight = sum(_weight(w) for w in long if w != acronym)
    covered = sum(_weight(b) * math.sqrt(sim) for _, b, sim in pairs if b != acronym)
    score = PARTIAL_BASE + PARTIAL_SPAN * min(covered / weight, 1.0)
    if person:
        ends = {long[0], long[-1]}
        named = {b for _, b, _ in pairs}
        if len(pairs) == 2 and named == ends:  # noqa: PLR2004
            score = max(score, FIRST_LAST * min(sim for _, _, sim in pairs))
        if long[0] not in named:
            score = min(score, NO_GIVEN_NAME)
    return score


def _acronym(words: tuple[str, ...]) -> str:
    """
    The word of a name made of the initials of its other words, or "".

    "dio" in "Defence Industries Organisation (DIO)" adds nothing to the name, so it weighs nothing
    in partial names.
    """
    if len(words) < 3:  # noqa: PLR2004
        return ""
    for i, word in enumerate(words):
        initials = "".join(w[0] for w in words[:i] + words[i + 1:])
        if word == initials or (i == len(words) - 1 and len(word) > 2 and word.startswith(initials[:3])):  # noqa: PLR2004
            return word  # all the initials, or a last word that starts with the first three ("MITEC")
    return ""


def _weight(word: str) -> float:
    if word in _LEGAL:
        return len(word) * LEGAL_WEIGHT
    return len(word) * (GENERIC_WEIGHT if word in _GENERIC else 1.0)


_VOWELS = re.compile(r"[aeiouyw]")

_GENERIC = frozenset(
    loose_key(word)
    for word in (
        "group", "network", "organization", "organisation", "province", "movement",
        "division", "company", "limited", "ltd", "inc", "army", "front", "brigades",
        "harakat", "jamaat", "jamaah", "tanzim", "katibat", "saraya", "wilayat",
        # kinds of group: "Kurdistan Workers' Party" is named by "Kurdistan Workers"
        "party", "association", "battalion", "committee", "league", "council", "union", "brigade",
    )
)
_LEGAL = frozenset(
    loose_key(word)
    for word in (
        # legal forms and generic trade words: a customer file writes "Korea Mining Development"
        # for KOREA MINING DEVELOPMENT TRADING CORPORATION
        "company", "limited", "ltd", "inc", "incorporated",
        "corporation", "corp", "co", "llc", "plc", "gmbh", "sa", "ag", "jsc", "ojsc", "pjsc",
        "trading", "general", "international", "industries", "industrial", "enterprise", "enterprises",
        "holding", "holdings", "house",  # "Congomet Trading House"
    )
)
"""Legal forms and trade words: they say even less than a kind of group, and customer files leave them out."""
_GENERIC |= _LEGAL
"""Words that name a kind of organisation or business rather than which one; light in partial names."""


def word_pairs(query: Prepared, name: Prepared) -> tuple[tuple[str, str, float, float], ...]:
    """
    The word pairing the fuzzy score uses, for explanations: (query word, name word, similarity, weight).

    The weight is the name word's in partial names: its letters, a quarter for generic words.
    """
    return tuple((a, b, sim, _weight(b)) for a, b, sim in _align(query.core, name.core, typos=not _korean(name)))
