"""Values cut into batches: parameters for one `IN (...)`, names for one screening pass."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

__all__ = ["IN_LIMIT", "batched", "distinct_batches"]

_T = TypeVar("_T")
_Key = TypeVar("_Key", str, int)

IN_LIMIT = 500
"""Values per `IN (...)` list: well inside every SQLite build's parameter limit."""


def batched(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    """`items` in order, `size` at a time (the last batch may be shorter)."""
    if size < 1:
        msg = f"batch size must be at least 1, not {size}"
        raise ValueError(msg)
    batch: list[_T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def distinct_batches(values: Iterable[_Key], size: int = IN_LIMIT) -> Iterator[list[_Key]]:
    """`values` (keys or row ids) sorted and deduplicated, `size` at a time: one `IN (...)` per batch."""
    return batched(sorted(set(values)), size)
