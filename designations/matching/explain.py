"""
Why a name matched: the parts paired and their weights, the Latin reading used, the reason.

A reviewer who sees a hit asks what in the customer's name resembled what in
the listed name. `explain` answers from the same keys and word pairing the
score uses (`designations.matching.score`), so the explanation cannot drift
from the score it explains; the statuses and their receipts are added by
`designations.screening`.
"""

from __future__ import annotations

from typing import Any

import attrs

from designations.matching.index import IndexedName
from designations.matching.match import WEAK_CAP, Match, cap_reason, common_only
from designations.matching.score import Prepared, Reason, prepare, scored_reading, word_pairs
from designations.model import SubjectKind

__all__ = ["Explanation", "PartMatch", "explain"]


@attrs.frozen(kw_only=True)
class PartMatch:
    """One word of the query paired with one word of the listed name."""

    query: str
    name: str
    similarity: float
    """Edit similarity of the two words (1.0: the same word once read in Latin letters and folded)."""
    weight: float
    """The name word's weight in partial names: its letters, a quarter for a generic word ("group", "trading")."""
    common: bool
    """The word is common among listed people's names ("muhammad"): alone it names no one."""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {"query": self.query, "name": self.name, "similarity": self.similarity, "weight": self.weight,
                "common": self.common}

    def __str__(self) -> str:
        """`query = name (similarity, weight)`; `~` when not the same word."""
        sign = "=" if self.similarity == 1 else "~"
        common = ", common" if self.common else ""
        return f"{self.query} {sign} {self.name} ({self.similarity:.2f}, weight {self.weight:g}{common})"


@attrs.frozen(kw_only=True)
class Explanation:
    """How a query compared with the one listed name that matched it best."""

    query: str
    name: str
    score: float
    reason: Reason
    why: str
    """The rule that gave the score, in words."""
    query_reading: str
    """The query read in Latin letters and folded: what was compared (its transliteration)."""
    name_reading: str
    transliterated: bool
    """Either side was written in another script and read in Latin letters to compare."""
    skeletons: tuple[str, str] | None = None
    """The consonant skeletons compared, when they gave the score."""
    parts: tuple[PartMatch, ...] = ()
    unmatched_query: tuple[str, ...] = ()
    unmatched_name: tuple[str, ...] = ()
    unmatched_weights: tuple[float, ...] = ()
    """The weight of each unpaired word of the name: what a partial name leaves uncovered."""
    cap: str = ""
    """Why the score is held under the screening threshold ("" when it is not)."""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "query": self.query, "name": self.name, "score": self.score, "reason": self.reason, "why": self.why,
            "query_reading": self.query_reading, "name_reading": self.name_reading,
            "transliterated": self.transliterated,
            "skeletons": list(self.skeletons) if self.skeletons else None,
            "parts": [p.to_dict() for p in self.parts],
            "unmatched_query": list(self.unmatched_query),
            "unmatched_name": [{"word": w, "weight": x} for w, x in
                               zip(self.unmatched_name, self.unmatched_weights, strict=True)],
            "cap": self.cap or None,
        }

    def lines(self) -> list[str]:
        """The explanation as a few lines of text."""
        out = [f"why: {self.reason} {self.score:.2f}: {self.why}"]
        if self.transliterated:
            out.append(f"read in Latin letters: {self.query!r} as {self.query_reading!r}; "
                       f"{self.name!r} as {self.name_reading!r}")
        if self.skeletons:
            out.append(f"consonant skeletons: {self.skeletons[0]!r} and {self.skeletons[1]!r}")
        if self.parts:
            out.append("parts: " + "; ".join(map(str, self.parts)))
        if self.unmatched_query or self.unmatched_name:
            out.append("unpaired: " + "; ".join(
                part for part in (
                    f"query {', '.join(self.unmatched_query)}" if self.unmatched_query else "",
                    "name " + ", ".join(f"{w} (weight {x:g})" for w, x in
                                        zip(self.unmatched_name, self.unmatched_weights, strict=True))
                    if self.unmatched_name else "",
                ) if part))
        if self.cap:
            out.append(f"held at {WEAK_CAP:.2f} at most: {self.cap}")
        return out


def explain(query: str, match: Match, common: frozenset[str] = frozenset()) -> Explanation:
    """
    Explain one match of `query` (as `match_name` returned it).

    `common` is the index's common words (`NameIndex.common`), which mark the
    parts that identify no one alone.

    .. versionadded:: 0.3.0
    """
    q = prepare(" ".join(query.split()))
    n = prepare(match.name)
    entry = IndexedName(subject_id=match.subject_id, kind=match.kind, name=match.name,
                        is_primary=match.is_primary, prepared=n, weak=match.weak)
    read = q
    if q.abjad and not n.abjad:  # the reading of an abjad-script query that gave the score
        read = scored_reading(q, n, person=match.kind is SubjectKind.PERSON)[2]
    pairs = word_pairs(read, n)
    parts = tuple(PartMatch(query=a, name=b, similarity=round(sim, 4), weight=weight,
                            common=a in common or b in common) for a, b, sim, weight in pairs)
    paired_q = [a for a, _b, _s, _w in pairs]
    paired_n = [b for _a, b, _s, _w in pairs]
    why, skeletons = _why(q, n, match.reason)
    if read is not q and match.reason == "transliteration":
        why = ("the name in Arabic script read with other usual values of its letters and short vowels "
               f"({' '.join(read.latin.split())!r}) pairs with the listed name")
        skeletons = (q.skeleton, n.skeleton) if q.skeleton == n.skeleton else None  # (equal: shown too)
    unpaired = _rest(n.core, paired_n)
    weights = {b: weight for _a, b, _s, weight in word_pairs(n, n)}  # each word of the name with itself
    return Explanation(
        query=query, name=match.name, score=match.score, reason=match.reason, why=why,
        query_reading=read.loose or read.latin, name_reading=n.loose or n.latin,
        transliterated=not (query.isascii() and match.name.isascii()),
        skeletons=skeletons, parts=parts,
        unmatched_query=_rest(read.core, paired_q), unmatched_name=unpaired,
        unmatched_weights=tuple(weights[w] for w in unpaired),
        cap=cap_reason(entry, common_only=common_only(q, common), common=common),
    )


def _rest(words: tuple[str, ...], used: list[str]) -> tuple[str, ...]:
    left = list(used)
    out = []
    for word in words:
        if word in left:
            left.remove(word)
        else:
            out.append(word)
    return tuple(out)


def _why(q: Prepared, n: Prepared, reason: Reason) -> tuple[str, tuple[str, str] | None]:
    """The rule behind the reason, in words (and the skeletons when they decided)."""
    if reason == "exact":
        return "the names are the same once case, accents and punctuation are set aside", None
    if reason == "transliteration":
        if q.latin == n.latin:
            return "both names read the same in Latin letters", None
        if q.loose == n.loose:
            return "both names read the same once spelling variants are folded (al-/el-, ou/u, q/k...)", None
        return "the consonant skeletons are equal (abjad scripts write few vowels)", (q.skeleton, n.skeleton)
    if reason == "token-reorder":
        return "the same words in another order (titles in front set aside)", None
    if reason == "contains":
        return "the query holds the whole listed name as whole words, and more besides", None
    return "near spellings: the words are paired by edit similarity (or the query names part of the name)", None
