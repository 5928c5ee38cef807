"""
The letters of every indexed name, counted, for the comparisons of sorted letters.

The pool's rerank and the fuzzy bound compare a query's core letters, sorted,
with each candidate's (its "bag"): the length of their longest common
subsequence, which for sorted letters is the number of letters they share
(counted with repeats). Asked of a few hundred names per query as one rapidfuzz
call each, most of the time went in reaching the names' strings scattered in
memory; here each name is a row of letter counts in one array, and the letters
shared by many names are a gather and a sum. The results are rapidfuzz's,
to the last bit (`share` repeats its normalisation; the specs check both).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["Letters"]

_CHUNK = 1 << 15
"""Names counted at a time (the counting's temporary arrays stay a few megabytes)."""


class Letters:
    """Letter counts of every name's bag: a row per name, a column per letter met in any bag."""

    __slots__ = ("_columns", "_counts", "_top", "lengths")

    def __init__(self, bags: Sequence[str]) -> None:
        """Count the letters of each bag (the sorted core letters of the name at that position)."""
        chunks = [_codes(bags[lo:lo + _CHUNK]) for lo in range(0, len(bags), _CHUNK)]
        top = max((int(codes.max()) for codes, _ in chunks if len(codes)), default=0)
        present = np.zeros(top + 1, np.bool_)
        for codes, _ in chunks:
            present[codes] = True
        alphabet = np.flatnonzero(present)
        column = np.cumsum(present) - 1  # code point -> its column (for the letters present)
        width = max(len(alphabet), 1)
        rows: list[NDArray[Any]] = []
        for codes, lengths in chunks:
            owner = np.repeat(np.arange(len(lengths)), lengths)
            counts = np.bincount(owner * width + column[codes], minlength=len(lengths) * width)
            narrow = np.uint8 if counts.size == 0 or counts.max() <= np.iinfo(np.uint8).max else np.int32
            rows.append(counts.astype(narrow).reshape(len(lengths), width))  # (a letter 256 times: wider)
        self._counts: NDArray[Any] = np.concatenate(rows) if rows else np.zeros((0, width), np.uint8)
        self._columns = {chr(code): i for i, code in enumerate(alphabet.tolist())}
        self._top = int(np.iinfo(self._counts.dtype).max)
        self.lengths: NDArray[np.int64] = (np.concatenate([lengths for _, lengths in chunks]) if chunks
                                           else np.zeros(0, np.int64))
        """The number of letters of each bag."""

    def shared(self, qbag: str, positions: NDArray[Any]) -> NDArray[np.int64]:
        """The letters `qbag` shares with the bag of each name at `positions` (`LCSseq.similarity` of the two)."""
        held = Counter(qbag)
        columns = self._columns
        letters = [c for c in held if c in columns]
        if not letters:
            return np.zeros(len(positions), np.int64)
        counts = self._counts
        # a name holds a letter at most `top` times: wanting it more often shares no more
        top = self._top
        wanted = np.array([min(held[c], top) for c in letters], counts.dtype)
        rows = counts.take(positions, axis=0).take([columns[c] for c in letters], axis=1)
        shared: NDArray[np.int64] = np.minimum(rows, wanted).sum(axis=1, dtype=np.int64)
        return shared

    def share(self, qbag: str, positions: NDArray[Any]) -> NDArray[np.float64]:
        """
        The share of the longer bag's letters the two hold in common (`LCSseq.normalized_similarity`).

        Computed as rapidfuzz does: one minus the letters unshared over the longer length
        (1.0 when both are empty).
        """
        longer = np.maximum(self.lengths.take(positions), len(qbag))
        unshared = longer - self.shared(qbag, positions)
        if not qbag:
            return np.where(longer > 0, 0.0, 1.0)  # nothing shared: 0, unless both are empty
        share: NDArray[np.float64] = 1.0 - unshared / longer
        return share


def _codes(bags: Sequence[str]) -> tuple[NDArray[np.uint32], NDArray[np.int64]]:
    """The code points of some bags, end to end, and each bag's length."""
    codes = np.frombuffer("".join(bags).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return codes, np.fromiter(map(len, bags), dtype=np.int64, count=len(bags))
