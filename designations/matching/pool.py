"""
The pool of a query: the names met on its blocking keys, ranked, the best few kept.

`NameIndex.blocked` walks the query's posting lists and keeps the `pool` best
names; this module does the walk and the ranking as array operations (numpy;
the letters shared come from `designations.matching.letters`), because as
Python objects they cost more than scoring the names kept. The ranking is that
of the plain loop described here, and must never change (a spec compares them):

- a name's weight sums the rarity weights of the keys it holds, walked rarest
  first, added in that order; ties keep the order in which names were first met;
- walking stops at the first posting list longer than `WALK_LIMIT`: those keys
  are "skipped";
- when more names are met than the pool holds, some of them are ranked again:
  with at most `RERANK_LIMIT` names met, the `SHARE_POOL * pool` best get the
  weights of the skipped keys they hold and `SHARE_WEIGHT` times the share of
  the query's letters they hold; with more, only the names tied at the pool's
  edge, by `TIE_STEP` times that share ("Zuvo Orgdnisation" meets every "Zuvo
  ..." name under "zuvo"; "Zuvo Organisation" also holds the suffix of
  "Organisation", a key too common to walk, and most of the query's letters).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from designations.matching.letters import Letters

__all__ = ["RERANK_LIMIT", "SHARE_POOL", "SHARE_WEIGHT", "TIE_STEP", "WALK_LIMIT", "best_blocked", "key_weight"]

WALK_LIMIT = 4096
"""Longest posting list walked once the pool already holds candidates."""
RERANK_LIMIT = 1024
"""Most names met that are all ranked by the long keys and letters they share (each costs a comparison)."""
SHARE_WEIGHT = 2.0
"""What sharing all the query's letters adds to a name's key weights (a key held by 1 name in 20,000 weighs ~10)."""
SHARE_POOL = 4
"""How many times the pool of the best names on the keys walked are ranked again."""
TIE_STEP = 1e-6
"""Under the gap between any two sums of key weights: letters shared only order names tied on keys."""

_POSITION = np.dtype(np.intc)
"""Postings hold C ints (`array("i")`, or a file's `memoryview.cast("i")`)."""


def key_weight(total: int, posting_length: int) -> float:
    """The rarity weight of a blocking key held by `posting_length` of `total` names."""
    return math.log(1 + max(total, 1) / posting_length)


def best_blocked(held: Sequence[Sequence[int]], total: int, qbag: str, letters: Letters,
                 pool: int) -> list[int] | dict[int, float]:
    """
    The best `pool` names of the posting lists `held` (sorted shortest first), best first.

    `total` is the number of names indexed, `qbag` the query's sorted letters and
    `letters` those of every name. When no more than `pool` names are met they come
    back as a dict (name -> weight) in the order first met.
    """
    walked = len(held)
    for i in range(1, len(held)):
        if len(held[i]) > WALK_LIMIT:
            walked = i
            break
    if not walked:
        return {}
    lengths = [len(p) for p in held[:walked]]
    arrays = [np.frombuffer(p, dtype=_POSITION) for p in held[:walked]]  # type: ignore[call-overload]
    met = np.concatenate(arrays) if walked > 1 else arrays[0]
    added = np.repeat(np.array([key_weight(total, n) for n in lengths]), lengths)
    # Group the positions met (a stable sort keeps each name's keys in the order walked), then
    # put the names in the order first met; bincount adds a name's key weights in that order,
    # as `weight[p] += w` would.
    walk = np.argsort(met, kind="stable")
    grouped = met[walk]
    starts = np.empty(len(grouped), np.bool_)
    starts[0] = True
    np.not_equal(grouped[1:], grouped[:-1], out=starts[1:])
    sums = np.bincount(np.cumsum(starts) - 1, weights=added[walk])
    first = walk[starts]
    order = np.argsort(first)  # (first meetings are distinct: no ties to keep)
    names = grouped[starts][order]
    weights = np.asarray(sums[order], dtype=np.float64)
    if len(names) <= pool:
        return dict(zip(names.tolist(), weights.tolist(), strict=True))
    tied, step = _reranked(weights, pool)
    if len(tied) <= RERANK_LIMIT:
        raised = weights[tied]
        members = names[tied]
        for posting in held[walked:]:
            values = np.frombuffer(posting, dtype=_POSITION)  # type: ignore[call-overload]
            at = np.minimum(np.searchsorted(values, members), len(values) - 1)
            raised[values[at] == members] += key_weight(total, len(posting))
        if qbag:
            raised += step * letters.share(qbag, members)
        weights = weights.copy()
        weights[tied] = raised
    best = np.argsort(-weights, kind="stable")[:pool]  # weight down, then first met
    return names[best].tolist()  # type: ignore[no-any-return]


def _reranked(weights: NDArray[np.float64], pool: int) -> tuple[NDArray[np.intp], float]:
    """Which names (indexes in the order first met) are ranked again, and by how much of the letters shared."""
    count = len(weights)
    if count <= RERANK_LIMIT:
        if count <= SHARE_POOL * pool:
            return np.arange(count), SHARE_WEIGHT
        kept = np.argsort(-weights, kind="stable")[:SHARE_POOL * pool]
        kept.sort()
        return kept, SHARE_WEIGHT
    edge = np.partition(weights, count - 1 - pool)[count - 1 - pool]  # the (pool + 1)-th largest
    return np.flatnonzero(weights == edge), TIE_STEP
