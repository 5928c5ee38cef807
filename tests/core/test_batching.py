"""
Specs of the one chunking rule: `batching.batched` cuts, `IN_LIMIT` bounds every `IN (...)`.

The store and the importer cut values into batches in one way only, so a
size that must change (the parameter limit of an old SQLite build) changes in one place.
"""

from __future__ import annotations

import pathlib
import re

import pytest

from designations.batching import IN_LIMIT, batched, distinct_batches

PACKAGE = pathlib.Path(__file__).parent.parent.parent / "designations"


def test_batches_keep_order_and_only_the_last_is_short() -> None:
    """Items come back in order, `size` at a time, with the remainder in a last, shorter batch."""
    expected = [[5, 3, 9], [1, 7]]

    actual = list(batched([5, 3, 9, 1, 7], 3))

    assert expected == actual


def test_a_batch_size_below_one_is_refused() -> None:
    """A size of zero would never end: it is a ValueError, not an empty or endless result."""
    with pytest.raises(ValueError, match="at least 1"):
        next(batched([1], 0))


def test_distinct_batches_sort_and_deduplicate_row_ids() -> None:
    """Row ids (integers) are sorted and deduplicated before they are cut, as keys are."""
    expected = [[1, 2], [3, 10]]

    actual = list(distinct_batches([10, 2, 1, 3, 2, 10], 2))

    assert expected == actual


def test_distinct_batches_default_to_one_in_list_each() -> None:
    """Without a size, each batch holds at most `IN_LIMIT` values: one `IN (...)` per batch."""
    keys = [f"k{i:05d}" for i in range(IN_LIMIT * 2 + 1)]
    expected = [IN_LIMIT, IN_LIMIT, 1]

    actual = [len(b) for b in distinct_batches(reversed(keys))]

    assert expected == actual


@pytest.mark.parametrize("folder", ["store", "importing"])
def test_the_store_and_the_importer_cut_no_list_by_hand(folder: str) -> None:
    """No module of the store or the importer slices a list into chunks with `range(0, len(...), n)`."""
    pattern = re.compile(r"range\(\s*0\s*,\s*len\(")
    expected: list[str] = []

    actual = [f"{path.relative_to(PACKAGE)}:{number}"
              for path in sorted((PACKAGE / folder).rglob("*.py"))
              for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
              if pattern.search(line)]

    assert expected == actual
