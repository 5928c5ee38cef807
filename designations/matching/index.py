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

import heapq
import math
from collections.abc import Iterable, Sequence

import attrs

from designations.matching.score import Prepared, prepare
from designations.model import SubjectKind

__all__ = ["IndexedName", "NameIndex", "blocking_keys"]

_AFFIX = 4
"""Letters kept by prefix and suffix keys."""
_POOL = 48
"""Most blocking candidates scored per query, besides the exact-map hits."""
_WALK_LIMIT = 4096
"""Longest posting list walked once the pool already holds candidates."""


@attrs.frozen
class IndexedName:
    """One name or alias of a subject, as the index holds it."""

    subject_id: str
    kind: SubjectKind
    name: str
    is_primary: bool
    prepared: Prepared


def blocking_keys(prepared: Prepared) -> frozenset[str]:
    """The inverted-index keys of a name: its core words and their affixes."""
    keys: set[str] = set()
    for word in prepared.core:
        keys.add("w:" + word)
        if len(word) > _AFFIX:
            keys.add("p:" + word[:_AFFIX])
            keys.add("s:" + word[-_AFFIX:])
    return frozenset(keys)


def _add(table: dict[str, list[int]], key: str, position: int) -> None:
    if key:
        table.setdefault(key, []).append(position)


class NameIndex:
    """
    Every name of every subject, with exact maps and an inverted index.

    Build it with `NameIndex.build(rows)`; it never changes afterwards, so one
    index serves any number of threads. `names[i]` is the name at position i.
    """

    __slots__ = ("_exact", "_postings", "_weights", "names", "subject_ids")

    def __init__(self, names: Sequence[IndexedName]) -> None:
        """Index the given names (use `build` to start from registry rows)."""
        self.names: tuple[IndexedName, ...] = tuple(names)
        self.subject_ids: frozenset[str] = frozenset(n.subject_id for n in self.names)
        exact: dict[str, list[int]] = {}
        postings: dict[str, list[int]] = {}
        for position, entry in enumerate(self.names):
            p = entry.prepared
            for tag, value in (("k", p.key), ("l", p.latin), ("o", p.loose),
                               ("c", p.sorted_core), ("s", p.skeleton)):
                _add(exact, f"{tag}:{value}" if value else "", position)
            for key in blocking_keys(p):
                _add(postings, key, position)
        self._exact: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in exact.items()}
        self._postings: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in postings.items()}
        total = max(len(self.names), 1)
        self._weights: dict[str, float] = {
            k: math.log(1 + total / len(v)) for k, v in self._postings.items()
        }

    @classmethod
    def build(cls, rows: Iterable[tuple[str, str, str, bool]]) -> NameIndex:
        """Index rows of (subject_id, kind value, name, is_primary)."""
        names = [
            IndexedName(subject_id=sid, kind=SubjectKind.parse(kind), name=name,
                        is_primary=bool(primary), prepared=prepare(name))
            for sid, kind, name, primary in rows
        ]
        return cls(names)

    def restrict(self, subject_ids: Iterable[str]) -> NameIndex:
        """A smaller index holding only the names of the given subjects."""
        keep = frozenset(subject_ids)
        return NameIndex([n for n in self.names if n.subject_id in keep])

    def __len__(self) -> int:
        """Number of names held."""
        return len(self.names)

    def __repr__(self) -> str:
        """Size at a glance."""
        return f"<NameIndex {len(self.names)} names of {len(self.subject_ids)} subjects>"

    def exact_positions(self, query: Prepared) -> set[int]:
        """Positions of names that share any exact-map key with the query."""
        found: set[int] = set()
        for tag, value in (("k", query.key), ("l", query.latin), ("o", query.loose),
                           ("c", query.sorted_core), ("s", query.skeleton)):
            if value:
                found.update(self._exact.get(f"{tag}:{value}", ()))
        return found

    def candidates(self, query: Prepared, pool: int = _POOL) -> set[int]:
        """
        Positions worth scoring for a query: exact-map hits plus the best blocked names.

        Blocked names are ranked by the summed rarity of the keys they share
        with the query, and only the `pool` best are kept.
        """
        found = self.exact_positions(query)
        keys = sorted(
            (k for k in blocking_keys(query) if k in self._postings),
            key=lambda k: len(self._postings[k]),
        )
        weight: dict[int, float] = {}
        for key in keys:
            posting = self._postings[key]
            if weight and len(posting) > _WALK_LIMIT:
                break
            w = self._weights[key]
            for position in posting:
                weight[position] = weight.get(position, 0.0) + w
        if len(weight) > pool:
            found.update(heapq.nlargest(pool, weight, key=weight.__getitem__))
        else:
            found.update(weight)
        return found
