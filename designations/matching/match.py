"""
Search one name, or screen a batch of names, against a `NameIndex`.

Both paths share `match_name`: candidates come from the index, each is scored
with `score_pair`, and the best name of each subject is kept. A batch is
deduplicated first (customer files repeat names) and worked in chunks, so its
memory stays flat however long the input is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache
from importlib.metadata import PackageNotFoundError, version

import attrs

from designations.batching import batched
from designations.matching.index import IndexedName, NameIndex, _exact_values
from designations.matching.score import CONTAINS, Prepared, Reason, contains, prepare, score_pair
from designations.model import SubjectKind

__all__ = [
    "ALGORITHM",
    "DEFAULT_THRESHOLD",
    "WEAK_CAP",
    "Match",
    "cap_reason",
    "common_only",
    "match_name",
    "matcher_version",
    "screen_names",
]

ALGORITHM = "designations.matching/8"
"""Name and revision of the matching algorithm; bump it when scores change."""

WEAK_CAP = 0.85
"""The most a low-quality alias scores: under the screening threshold, so alone it never alerts (search shows it)."""

COMMON_WORDS = 2
"""A query of at most this many words, all common in listed people's names ("Muhammad Hassan"), is
capped like a weak alias against people: alone it names no one."""

DEFAULT_THRESHOLD = 0.9
"""Screening threshold at which the evaluation set meets its quality floor."""

_CHUNK = 1024


@attrs.frozen(kw_only=True)
class Match:
    """The best-scoring name of one subject for one query."""

    subject_id: str
    kind: SubjectKind
    name: str
    is_primary: bool
    score: float
    reason: Reason
    weak: bool = False
    """The matched name is a low-quality alias (see `WEAK_CAP`)."""


@cache
def matcher_version() -> str:
    """The algorithm and the versions of the libraries its scores depend on."""
    parts = [ALGORITHM]
    for dist in ("rapidfuzz", "anyascii"):
        try:
            parts.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:  # pragma: no cover - both are dependencies
            parts.append(f"{dist} ?")
    return " ".join(parts)


def match_name(
    index: NameIndex,
    name: str,
    *,
    threshold: float = 0.0,
    limit: int | None = None,
    accept: Callable[[str], bool] | None = None,
    contains_threshold: float | None = None,
) -> tuple[Match, ...]:
    """
    Score a name against the index; the best match per subject, best first.

    Matches under `threshold` are dropped; a `contains` match (the query holds a listed
    organisation's whole name) is measured against `contains_threshold` instead (default: the
    same as `threshold`), so screening can alert on "Boko Haram Trading Company" (0.88) while
    other matches keep the 0.9 floor. `accept(subject_id)` can narrow the subjects considered.
    Ties are broken by subject id, so results are stable.
    """
    contained = threshold if contains_threshold is None else contains_threshold
    lowest = min(threshold, contained)
    query = prepare(" ".join(name.split()))
    if not query.key and not query.latin:
        return ()
    # The candidates, in the order `index.candidates` gives them (ties below
    # are kept by the first met, so the order is part of the result).
    found = index.exact_positions(query)
    sure = set(found)
    found.update(index.blocked(query))
    skip: set[int] = set()
    if threshold > 0 and all(_exact_values(query)):
        # A blocked name shares no exact key with the query, so only its fuzzy
        # score can reach the threshold: drop those whose bound cannot.
        skip = index.below(query, [p for p in found if p not in sure], lowest)
    best: dict[str, tuple[float, int, Reason]] = {}
    names = index.names
    only_common = common_only(query, index.common)
    for position in found:
        if position in skip:
            # (a name the query holds whole is scored whatever its fuzzy bound, when it can count;
            # above the contains floor it cannot, and the name is not even read)
            if contained > CONTAINS:
                continue
            entry = names[position]
            if entry.kind is SubjectKind.PERSON or not contains(query, entry.prepared):
                continue
        else:
            entry = names[position]
        if accept is not None and not accept(entry.subject_id):
            continue
        score, reason = score_pair(query, entry.prepared,
                                   person=entry.kind is SubjectKind.PERSON)
        if _capped(entry, common_only=only_common, common=index.common):
            score = min(score, WEAK_CAP)
        if score < (contained if reason == "contains" else threshold):
            continue
        held = best.get(entry.subject_id)
        if held is None or (score, entry.is_primary) > (held[0], names[held[1]].is_primary):
            best[entry.subject_id] = (score, position, reason)
    _prefer_full_names(best, index, query, threshold)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
    if limit is not None:
        ranked = ranked[:limit]
    return tuple(
        Match(subject_id=sid, kind=names[pos].kind, name=names[pos].name,
              is_primary=names[pos].is_primary, score=round(score, 4), reason=reason, weak=names[pos].weak)
        for sid, (score, pos, reason) in ranked
    )


def _capped(entry: IndexedName, *, common_only: bool, common: frozenset[str]) -> bool:
    """Whether a match on this name alone must stay under the screening threshold (see `cap_reason`)."""
    return bool(cap_reason(entry, common_only=common_only, common=common))


def cap_reason(entry: IndexedName, *, common_only: bool, common: frozenset[str]) -> str:
    """
    Why a match on this name alone must stay under the screening threshold ("" when it need not).

    A person named by the query only in common name parts ("Muhammad Hassan"), and a weak alias
    that is short or common ("Dr. Ibrahim"); a weak alias that names someone fully ("Abu Bakr
    al-Baghdadi", a nom de guerre the UN lists as "Low") still counts.
    """
    if common_only and entry.kind is SubjectKind.PERSON:
        return "the query holds only name parts common among listed people"
    core = entry.prepared.core
    if entry.weak and (len(core) <= COMMON_WORDS or all(w in common for w in core)):
        return "a low-quality alias, short or made of common name parts"
    return ""


def common_only(query: Prepared, common: frozenset[str]) -> bool:
    """
    Whether a query is at most `COMMON_WORDS` words, all common in listed people's names, and common together.

    Two words are common together when chance alone would give both to a listed person (see
    `designations.matching.index.common_words`): "Muhammad Hassan", not "Hassan Ghul".
    """
    core = query.core
    if len(core) > COMMON_WORDS or not all(w in common for w in core):
        return False
    return len(core) < COMMON_WORDS or " ".join(sorted(core)) in common


def _prefer_full_names(best: dict[str, tuple[float, int, Reason]], index: NameIndex,
                       query: Prepared, threshold: float) -> None:
    """
    When the query names some subject in full, a subject it merely contains keeps only its other score.

    "Tehrik-e Taliban Pakistan" is TTP, matched by name; that it holds "Taliban" is no reason to show the Taliban.
    """
    if not any(reason != "contains" and score >= CONTAINS for score, _p, reason in best.values()):
        return
    for sid, (_s, position, reason) in list(best.items()):
        if reason != "contains":
            continue
        entry = index.names[position]
        score, why = score_pair(query, entry.prepared, containment=False)
        score = min(score, WEAK_CAP) if _capped(entry, common_only=False, common=index.common) else score
        if score >= threshold:
            best[sid] = (score, position, why)
        else:
            del best[sid]


def screen_names(
    index: NameIndex,
    names: Iterable[str],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int | None = None,
    chunk: int = _CHUNK,
    contains_threshold: float | None = None,
) -> Iterator[tuple[Match, ...]]:
    """
    Screen many names; yields the matches of each input name, in input order.

    Repeated names are scored once per chunk of `chunk` names. `contains_threshold` is
    `match_name`'s: the floor of `contains` matches (default: `threshold`).
    """
    for batch in batched(names, chunk):
        seen: dict[str, tuple[Match, ...]] = {}
        for name in batch:
            if name not in seen:
                seen[name] = match_name(index, name, threshold=threshold, limit=limit,
                                        contains_threshold=contains_threshold)
            yield seen[name]
