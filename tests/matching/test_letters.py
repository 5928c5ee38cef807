"""Specs for designations.matching.letters: letters shared, counted from one array, as rapidfuzz counts them."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import LCSseq

from designations.matching.letters import Letters

_bag = st.text(alphabet="aabiknrsuz0é", max_size=12).map(lambda s: "".join(sorted(s)))


@settings(max_examples=300, deadline=None)
@given(st.lists(_bag, min_size=1, max_size=8), _bag)
def test_letters_shared_are_the_lcs_of_the_sorted_letters(bags: list[str], qbag: str) -> None:
    """Per name, the letters shared are `LCSseq.similarity` of the two bags."""
    expected = [LCSseq.similarity(qbag, bag) for bag in bags]

    actual = Letters(bags).shared(qbag, np.arange(len(bags))).tolist()

    assert expected == actual


@settings(max_examples=300, deadline=None)
@given(st.lists(_bag, min_size=1, max_size=8), _bag)
def test_the_share_is_rapidfuzz_normalised_similarity_to_the_last_bit(bags: list[str], qbag: str) -> None:
    """The share of letters equals `LCSseq.normalized_similarity` exactly (the pool's ties depend on it)."""
    expected = [LCSseq.normalized_similarity(qbag, bag) for bag in bags]

    actual = Letters(bags).share(qbag, np.arange(len(bags))).tolist()

    assert expected == actual


def test_a_letter_held_more_than_255_times_is_counted_in_full() -> None:
    """Counts that do not fit a byte widen the array instead of wrapping."""
    bags = ["a" * 300, "ab"]
    expected = [LCSseq.similarity("a" * 280, bag) for bag in bags]

    actual = Letters(bags).shared("a" * 280, np.arange(2)).tolist()

    assert expected == actual
