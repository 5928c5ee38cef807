"""
An in-memory name index, built once from the registry's name rows and reused.

A query is scored only against the list names that share something with it,
never against every name (the approach watchman documents as an "exact
prepared-name map" plus a "name-token inverted index"):

- exact maps from each match key (normalised, Latin, loose, sorted core words,
  consonant skeleton) to the names that have it; these find every exact,
  transliteration and word-order match in a few dictionary lookups;
- an inverted index from blocking keys (each core word, and the first and last
  four letters of longer words, so one typo still shares a key) to names.

Blocking keys are visited rarest first; common words ("mohammed", "islamic")
only add candidates while the pool is still small, so their long posting lists
are not walked for every query.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs
import numpy as np
from rapidfuzz.distance import OSA, LCSseq

from designations.matching.letters import Letters
from designations.matching.pool import best_blocked, key_weight
from designations.matching.score import FUZZY_CAP, MIN_WORD, Prepared, prepare, reading_words
from designations.matching.translit import consonant_keys
from designations.model import SubjectKind

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from designations.matching.persist import Sections

__all__ = ["IndexTables", "IndexedName", "NameIndex", "blocking_keys", "key_weight"]

_AFFIX = 4
"""Letters kept by prefix and suffix keys."""
_POOL = 48
"""Most blocking candidates scored per query, besides the exact-map hits."""
_SLACK = 1e-9
"""Room left for rounding when a score bound is compared with a threshold."""
_MAX_WORDS = 255


@attrs.frozen
class IndexedName:
    """One name or alias of a subject, as the index holds it."""

    subject_id: str
    kind: SubjectKind
    name: str
    is_primary: bool
    prepared: Prepared
    weak: bool = False
    """A low-quality alias (the list says so): its score is capped under the screening threshold."""


def blocking_keys(prepared: Prepared) -> frozenset[str]:
    """The inverted-index keys of a name: its core words, their affixes and their consonants."""
    return _word_keys(prepared.core)


def _word_keys(core: tuple[str, ...]) -> frozenset[str]:
    keys: set[str] = set()
    for word in core:
        keys.add("w:" + word)
        if len(word) > _AFFIX:
            keys.add("p:" + word[:_AFFIX])
            keys.add("s:" + word[-_AFFIX:])
    return frozenset(keys | consonant_keys(core))


def _query_keys(query: Prepared) -> frozenset[str]:
    """The blocking keys of a query; an abjad-script query's also from its words' other readings."""
    keys = blocking_keys(query)
    return keys | _word_keys(reading_words(query)) if query.abjad else keys


_TAGS = ("k", "l", "o", "c", "s")
"""Exact maps, in lookup order: match key, Latin key, loose key, sorted core words, skeleton."""


def _exact_values(p: Prepared) -> tuple[str, str, str, str, str]:
    return (p.key, p.latin, p.loose, p.sorted_core, p.skeleton)


Row = tuple[str, str, str, bool] | tuple[str, str, str, bool, bool]
"""A name row: (subject_id, kind value, name, is_primary[, is_weak])."""
STREAM_FROM = 20_000
"""Rows from which `NameIndex.build` streams the index into its file layout instead of holding it."""

Positions = int | Sequence[int]
"""What an exact map holds for a key: one position, or several."""


@attrs.frozen(kw_only=True)
class IndexTables:
    """
    Everything a `NameIndex` looks names up in, as plain containers.

    The built index holds dicts, tuples and arrays; an index read back from
    its file (`designations.matching.persist`) holds views over the file's
    bytes with the same lookups, so one search code serves both.
    """

    names: Sequence[IndexedName]
    common: frozenset[str]
    subject_ids: frozenset[str]
    exact: tuple[Mapping[str, Positions], ...]
    """One map per entry of `_TAGS`: key -> position(s)."""
    postings: Mapping[str, Sequence[int]]
    """Blocking key -> positions of the names that have it (its rarity weight is `key_weight` of the length)."""
    bags: Sequence[str]
    words: Sequence[int]
    source: Sections | None = None
    """The file sections these tables are views of, when a streamed build wrote them (`save_index` copies them)."""


def _freeze(table: dict[str, list[int]]) -> dict[str, int | tuple[int, ...]]:
    """A list of positions as a tuple, or a bare int when it holds one (most do)."""
    return {k: v[0] if len(v) == 1 else tuple(v) for k, v in table.items()}


class NameIndex:
    """
    Every name of every subject, with exact maps and an inverted index.

    Build it with `NameIndex.build(rows)`; it never changes afterwards, so one
    index serves any number of threads. `names[i]` is the name at position i.

    Besides the maps, the index keeps each name's core letters sorted
    (`bag`) and its number of core words, from which `match_name` bounds a
    candidate's fuzzy score before scoring it (see `fuzzy_bound`).
    """

    __slots__ = ("_bags", "_cores", "_exact", "_letters", "_postings", "_source", "_word_counts", "_words", "common",
                 "names", "subject_ids")

    def __init__(self, names: Sequence[IndexedName], common: frozenset[str] | None = None, *,
                 tables: IndexTables | None = None) -> None:
        """Index the given names (use `build` to start from registry rows), or take `tables` as they are."""
        self._source: Sections | None = None
        if tables is not None:
            self._adopt(tables)
            return
        self.names: Sequence[IndexedName] = tuple(names)
        self._cores = _cores(self.names)
        self.subject_ids: frozenset[str] = frozenset(n.subject_id for n in self.names)
        self.common: frozenset[str] = _common_words(self.names) if common is None else common
        """Words of people's names that many listed people share ("muhammad", "abdullah"): on their own
        they identify no one. Counted on the whole index, and kept by `restrict`."""
        prepared = [entry.prepared for entry in self.names]
        exact: list[dict[str, list[int]]] = [{} for _ in _TAGS]
        postings: dict[str, list[int]] = {}
        for position, p in enumerate(prepared):
            for table, value in zip(exact, _exact_values(p), strict=True):
                if value:
                    held = table.get(value)
                    if held is None:
                        table[value] = [position]
                    else:
                        held.append(position)
            for key in blocking_keys(p):
                held = postings.get(key)
                if held is None:
                    postings[key] = [position]
                else:
                    held.append(position)
        self._exact: tuple[Mapping[str, Positions], ...] = tuple(map(_freeze, exact))
        # Positions as machine ints: a walk reads one block instead of chasing an
        # int object per entry, and the index is smaller.
        self._postings: Mapping[str, Sequence[int]] = {k: array("i", v) for k, v in postings.items()}
        self._bags: Sequence[str] = tuple(_bag(p) for p in prepared)
        self._words: Sequence[int] = bytes(min(len(p.core), _MAX_WORDS) for p in prepared)
        self._count_letters()

    @classmethod
    def from_tables(cls, tables: IndexTables) -> NameIndex:
        """An index over tables already built (read back from a file by `designations.matching.persist`)."""
        return cls((), tables=tables)

    def _adopt(self, tables: IndexTables) -> None:
        self.names = tables.names
        self._cores = _cores(tables.names)
        self.subject_ids = tables.subject_ids
        self.common = tables.common
        self._exact = tables.exact
        self._postings = tables.postings
        self._bags = tables.bags
        self._words = tables.words
        self._source = tables.source
        self._count_letters()

    def _count_letters(self) -> None:
        """The arrays the pool and the fuzzy bound read: letter counts and word counts of every name."""
        self._letters = Letters(self._bags)
        self._word_counts: NDArray[np.uint8] = np.frombuffer(self._words, dtype=np.uint8)  # type: ignore[call-overload]

    def tables(self) -> IndexTables:
        """The lookups this index holds (what `designations.matching.persist` writes)."""
        return IndexTables(names=self.names, common=self.common, subject_ids=self.subject_ids,
                           exact=self._exact, postings=self._postings,
                           bags=self._bags, words=self._words, source=self._source)

    @classmethod
    def build(cls, rows: Sequence[Row]) -> NameIndex:
        """
        Index rows of (subject_id, kind value, name, is_primary[, is_weak]).

        From `STREAM_FROM` rows on, the index is built part by part into its
        file layout (`designations.matching.streamed`), so memory stays flat;
        it answers as the in-memory build does, and `save_index` copies it.
        """
        if len(rows) >= STREAM_FROM:
            from designations.matching import streamed  # noqa: PLC0415 - only large stores need it

            index = streamed.build(rows)
            if index is not None:
                return index
        return cls.build_in_memory(rows)

    @classmethod
    def build_in_memory(cls, rows: Iterable[Row]) -> NameIndex:
        """`build`, holding every name and table as Python objects (fastest for small stores)."""
        kinds: dict[str, SubjectKind] = {}
        names = []
        for sid, kind, name, primary, *weak in rows:
            parsed = kinds.get(kind)
            if parsed is None:
                parsed = kinds[kind] = SubjectKind.parse(kind)
            names.append(IndexedName(subject_id=sid, kind=parsed, name=name, is_primary=bool(primary),
                                     prepared=prepare(name), weak=bool(weak and weak[0])))
        return cls(names)

    def restrict(self, subject_ids: Iterable[str]) -> NameIndex:
        """A smaller index holding only the names of the given subjects."""
        keep = frozenset(subject_ids)
        return NameIndex([n for n in self.names if n.subject_id in keep], common=self.common)

    def __len__(self) -> int:
        """Number of names held."""
        return len(self.names)

    def __repr__(self) -> str:
        """Size at a glance."""
        return f"<NameIndex {len(self.names)} names of {len(self.subject_ids)} subjects>"

    def exact_positions(self, query: Prepared) -> set[int]:
        """Positions of names that share any exact-map key with the query."""
        found: set[int] = set()
        for table, value in zip(self._exact, _exact_values(query), strict=True):
            if value:
                held = table.get(value)
                if held is None:
                    continue
                if isinstance(held, int):
                    found.add(held)
                else:
                    found.update(held)
        return found

    def candidates(self, query: Prepared, pool: int = _POOL) -> set[int]:
        """
        Positions worth scoring for a query: exact-map hits plus the best blocked names.

        Blocked names are ranked by the summed rarity of the keys they share
        with the query, and only the `pool` best are kept.
        """
        found = self.exact_positions(query)
        found.update(self.blocked(query, pool))
        return found

    def blocked(self, query: Prepared, pool: int = _POOL) -> list[int] | dict[int, float]:
        """
        The best `pool` names sharing blocking keys with the query, best first.

        Keys are walked rarest first; once a name is found, posting lists longer
        than `WALK_LIMIT` are skipped. A name's weight sums the rarity of its
        shared keys; ties keep the order in which names were first met; the
        best names met are ranked again by the skipped keys and the letters they
        share (`designations.matching.pool` has the rules and does the work in
        arrays). When no more than `pool` names are met they come back as a dict
        (name -> weight) in that order.
        """
        postings = self._postings
        held = [p for p in map(postings.get, _query_keys(query)) if p is not None]  # one lookup per key
        held.sort(key=len)
        return best_blocked(held, len(self.names), _bag(query), self._letters, pool)

    def fuzzy_bound(self, query: Prepared, position: int) -> float:
        """
        An upper bound of the fuzzy score of `score_pair(query, names[position])`.

        Only the letters of the core words count: an edit similarity
        `1 - d / max(len)` is at most `shared / max(len)`, where `shared` is the
        number of letters the two have in common (a multiset intersection: the
        LCS of the sorted letters), since every edit leaves at most one letter
        unmatched and a transposition none. Summed over the aligned word pairs
        (Cauchy-Schwarz on the sqrt-weighted mean) the word score is at most
        `sqrt(2 * shared / total)`; the whole-string score at most
        `sqrt(shared / max(len))`. A partial name needs every query word paired
        at a similarity over 0.75 (hence under a third of the query's letters
        unshared, checked first, then word by word) and is at most the fuzzy
        cap. Exact, transliteration and reorder scores are not bounded here:
        names sharing those keys come from the exact maps.
        """
        qbag, bag = _bag(query), self._bags[position]
        return _fuzzy_bound(qbag, query.core, len(bag), self._words[position], self._cores, position, 2.0,
                            LCSseq.similarity(qbag, bag))

    def below(self, query: Prepared, positions: Iterable[int], threshold: float) -> set[int]:
        """The positions whose `fuzzy_bound` is under `threshold` (they cannot reach it)."""
        if query.abjad:  # scored on the reading nearest each name (`best_reading`): its letters bound nothing
            return set()
        qbag, qcore = _bag(query), query.core
        qlen, qwords = len(qbag), len(qcore)
        at = np.fromiter(positions, dtype=np.intp)
        if not qlen or qwords >= _MAX_WORDS or not len(at):
            return set()
        floor = threshold - _SLACK
        # First the cheap test, for all at once: the word and whole-string bounds
        # from shared letters (squared); `_fuzzy_bound` decides the rest.
        floor2 = floor * floor if floor > 0 else 0.0
        shared = self._letters.shared(qbag, at)
        nlen = self._letters.lengths[at]
        words = self._word_counts[at]
        may = (2 * shared >= floor2 * (qlen + nlen)) | (
            (words != qwords) & (shared >= floor2 * np.maximum(nlen, qlen)))
        out = (words <= qwords) | (3 * (qlen - shared) > qlen)  # no partial name: the cheap bound decides
        out &= ~may
        undecided = np.flatnonzero(~may & ~out)
        found = set(at[out].tolist())
        cores = self._cores
        for p, n, w, s in zip(at[undecided].tolist(), nlen[undecided].tolist(), words[undecided].tolist(),
                              shared[undecided].tolist(), strict=True):
            if _fuzzy_bound(qbag, qcore, n, w, cores, p, floor, s) < floor:
                found.add(p)
        return found


COMMON_SHARE = 0.01
"""A word of people's names is common when at least this share of the listed people have it (and 3 or more)."""


def _common_words(names: Sequence[IndexedName]) -> frozenset[str]:
    """The core words that many listed people's names share (counted once per person), and their common pairs."""
    people: dict[str, set[str]] = {}
    for entry in names:
        if entry.kind is SubjectKind.PERSON:
            people.setdefault(entry.subject_id, set()).update(entry.prepared.core)
    counts: dict[str, int] = {}
    for words in people.values():
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    return common_words(counts, len(people))


def common_words(counts: Mapping[str, int], people: int) -> frozenset[str]:
    """
    The common words of people's names from how many people have each, and the pairs of them that are common too.

    A pair ("a b", sorted) is common when chance alone would give both words to one listed person or
    more (`counts[a] * counts[b] / people >= 1`): "Muhammad Hassan" names no one, but "Hassan Ghul",
    two words each in 1% of the names, is as rare as a name.
    """
    floor = max(3, COMMON_SHARE * people)
    words = sorted(word for word, count in counts.items() if count >= floor)
    pairs = {f"{a} {b}" for i, a in enumerate(words) for b in words[i + 1:]
             if counts[a] * counts[b] >= people}
    return frozenset(words) | pairs


def _bag(p: Prepared) -> str:
    """The letters of the core words, sorted."""
    return "".join(sorted("".join(p.core)))


def _fuzzy_bound(qbag: str, qcore: tuple[str, ...], nlen: int, words: int,  # noqa: PLR0917
                 cores: Callable[[int], tuple[str, ...]], position: int, floor: float, shared: int) -> float:
    """
    `NameIndex.fuzzy_bound`; checks partial names (reads `cores(position)`) only when the bound is under `floor`.

    `nlen` is the length of the name's bag, `shared` the letters the two bags share.
    """
    qlen, qwords = len(qbag), len(qcore)
    if not shared or not qlen or not nlen:
        return 0.0
    if max(words, qwords) >= _MAX_WORDS:  # word counts are stored in a byte
        return FUZZY_CAP
    bound = math.sqrt(2 * shared / (qlen + nlen))
    if words != qwords:
        bound = max(bound, math.sqrt(shared / max(qlen, nlen)))
    bound = min(bound, FUZZY_CAP)
    if bound >= floor or words <= qwords or 3 * (qlen - shared) > qlen:
        return bound
    # A partial name: every query word must pair with a word of the name at a
    # similarity over `MIN_WORD` (or be one of its words).
    core = cores(position)
    for word in qcore:
        if word not in core and not any(
            OSA.normalized_similarity(word, other) > MIN_WORD for other in core
        ):
            return bound
    return FUZZY_CAP


def _cores(names: Sequence[IndexedName]) -> Callable[[int], tuple[str, ...]]:
    """The core words of the name at a position: read alone when the names can (a file's), else from the name."""
    core: Callable[[int], tuple[str, ...]] | None = getattr(names, "core", None)
    return core if core is not None else (lambda position: names[position].prepared.core)
