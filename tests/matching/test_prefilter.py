"""Specs for the fast paths of the matcher: they must not change a single result."""

from __future__ import annotations

import heapq
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import LCSseq

from designations.matching import NameIndex, match_name, prepare
from designations.matching.index import blocking_keys, key_weight
from designations.matching.score import fuzzy_similarity

SYLLABLES = [c + v for c in "bdhkmnqrstz" for v in "aeiou"] + ["kha", "sha", "al", "ou"]
ORG = ["Front", "Group", "Army", "Brigades", "Movement"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))).capitalize()


def _rows(n: int, seed: int) -> list[tuple[str, str, str, bool]]:
    rng = random.Random(seed)  # noqa: S311 - test data
    rows = []
    for i in range(n):
        kind = rng.choice(["person", "organisation"])
        words = [_word(rng) for _ in range(rng.randint(1, 4))]
        if kind == "organisation" and rng.random() < 0.5:
            words.append(rng.choice(ORG))
        rows.append((f"s{i}", kind, " ".join(words), True))
        alias = " ".join(reversed(words)) + rng.choice(["", "a", " Sheikh"])
        rows.append((f"s{i}", kind, alias, False))
    return rows


def _queries(rows: list[tuple[str, str, str, bool]], n: int, seed: int) -> list[str]:
    rng = random.Random(seed)  # noqa: S311 - test data
    out = []
    for _ in range(n):
        words = rng.choice(rows)[2].split()
        pick = rng.sample(words, rng.randint(1, len(words)))
        if rng.random() < 0.5:
            i = rng.randrange(len(pick))
            w = pick[i]
            j = rng.randrange(len(w))
            pick[i] = w[:j] + rng.choice("aeiokst") + w[j + 1:]
        if rng.random() < 0.3:
            pick.append(_word(rng))
        out.append(" ".join(pick))
    return out


ROWS = _rows(400, 1)
QUERIES = _queries(ROWS, 400, 2)


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex.build(ROWS)


def _plain_blocked(index: NameIndex, query: str, pool: int = 48) -> list[int]:
    """The ranking of `NameIndex.blocked`, written as the plain loop and `heapq.nlargest` (the oracle)."""
    p = prepare(query)
    tables = index.tables()
    postings = tables.postings
    keys = sorted((k for k in blocking_keys(p) if k in postings),
                  key=lambda k: len(postings[k]))
    total = len(index.names)
    weight: dict[int, float] = {}
    skipped: list[str] = []
    for n, key in enumerate(keys):
        if weight and len(postings[key]) > 4096:
            skipped = keys[n:]
            break
        for position in postings[key]:
            weight[position] = weight.get(position, 0.0) + key_weight(total, len(postings[key]))
    if len(weight) <= pool:
        return list(weight)
    if len(weight) <= 1024:
        ranked, step = heapq.nlargest(4 * pool, weight, key=weight.__getitem__), 2.0
    else:
        edge = sorted(weight.values(), reverse=True)[pool - 1]
        ranked, step = [q for q in weight if weight[q] == edge], 1e-6
    if len(ranked) <= 1024:
        for key in skipped:
            for q in ranked:
                if q in postings[key]:
                    weight[q] += key_weight(total, len(postings[key]))
        qbag = "".join(sorted("".join(p.core)))
        for q in ranked if qbag else ():
            bag = tables.bags[q]
            weight[q] += step * LCSseq.similarity(qbag, bag) / max(len(qbag), len(bag))
    return heapq.nlargest(pool, weight, key=weight.__getitem__)


@pytest.mark.parametrize("threshold", [0.6, 0.8, 0.9, 0.93])
def test_prefilter_changes_no_result(index: NameIndex, threshold: float,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Matches with the score-bound prefilter equal those of scoring every candidate."""
    actual = [match_name(index, q, threshold=threshold) for q in QUERIES]
    monkeypatch.setattr(NameIndex, "below", lambda *_: set())

    expected = [match_name(index, q, threshold=threshold) for q in QUERIES]

    assert expected == actual


def test_blocked_ranks_as_nlargest(index: NameIndex) -> None:
    """
    The C-level walk ranks blocked names exactly as the plain loop and `heapq.nlargest` do.

    When the pool cannot hold every name met, some names also get the weights of the long keys the walk
    skipped and a share of the query's letters: when 1,024 names or fewer are met, the four pools' worth
    best on the keys walked; else those tied at the pool's edge (unless more than 1,024), by a tiny share.
    """
    expected = [_plain_blocked(index, q, pool) for q in QUERIES for pool in (3, 48)]

    actual = [list(index.blocked(prepare(q), pool)) for q in QUERIES for pool in (3, 48)]

    assert expected == actual


_parts = st.sampled_from([*SYLLABLES, "front", "al", "y", "w"])
_name = st.lists(_parts, min_size=1, max_size=8).map(
    lambda parts: " ".join("".join(parts[i:i + 2]) for i in range(0, len(parts), 2)))


@settings(max_examples=400, deadline=None)
@given(_name, _name, st.booleans())
def test_fuzzy_bound_is_an_upper_bound(query: str, name: str, person: bool) -> None:
    """No fuzzy score exceeds the bound the prefilter compares with the threshold."""
    index = NameIndex.build([("s", "person" if person else "organisation", name, True)])
    q, n = prepare(query), prepare(name)

    bound = index.fuzzy_bound(q, 0)

    assert fuzzy_similarity(q, n, person=person) <= bound + 1e-9


def test_prefilter_drops_candidates(index: NameIndex) -> None:
    """The prefilter is not idle: at 0.9 it drops most blocked candidates of these queries."""
    kept = dropped = 0
    for q in QUERIES:
        p = prepare(q)
        exact = index.exact_positions(p)
        blocked = [b for b in index.blocked(p) if b not in exact]
        below = index.below(p, blocked, 0.9)
        kept, dropped = kept + len(blocked) - len(below), dropped + len(below)
    expected = True

    actual = dropped > kept

    assert expected == actual


def test_the_pool_keeps_the_nearest_of_names_tied_on_a_common_word() -> None:
    """
    "Zuvo Orgdnisation" shares the same keys ("zuvo", the suffix of "Organisation") with more names than
    the pool holds; the pool keeps "Zuvo Organisation", met last but holding most of the query's letters.
    """
    rows = [(f"s{i}", "organisation", f"Zuvo {w} Organisation", True) for i, w in enumerate(
        f"{a}{b}{c}" for a in "bdfgk" for b in "aeiou" for c in ("ra", "lo", "mi"))]
    rows.append(("target", "organisation", "Zuvo Organisation", True))
    index = NameIndex.build(rows)
    expected = True

    actual = any(index.names[p].subject_id == "target" for p in index.blocked(prepare("Zuvo Orgdnisation"), 48))

    assert expected == actual


def test_blocked_ranks_as_nlargest_when_over_a_thousand_names_are_met() -> None:
    """
    With more names met than are all ranked again (1,024), only those tied at the pool's edge are, as the loop does.

    1,500 names share "zuvo"; some also share rarer words, so weights tie at several values around the edge.
    """
    rng = random.Random(3)  # noqa: S311 - test data
    words = [f"{a}{b}{c}" for a in "bdfgkmnrst" for b in "aeiou" for c in ("ra", "lo", "mi", "te")]
    rows = [(f"s{i}", "organisation", f"Zuvo {rng.choice(words).capitalize()} {rng.choice(ORG)}", True)
            for i in range(1500)]
    big = NameIndex.build(rows)
    queries = ["Zuvo Barami Front", "Zuvo Kelo Army", "Zuvo Group", "Zuvo Organisation", "Zuvo Datemi Brigades",
               "Zuvo Bami Brigades Group", "Zuvo Delo Front", "Zuvo Bote Brigades Group"]
    expected = [_plain_blocked(big, q, pool) for q in queries for pool in (3, 48)]

    actual = [list(big.blocked(prepare(q), pool)) for q in queries for pool in (3, 48)]

    assert expected == actual
