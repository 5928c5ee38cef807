"""The driver-level fast path answers exactly as the general path does."""

from __future__ import annotations

import itertools

import attrs
import pytest

import designations
from designations import queries


def general(reg: designations.Registry, subject: str, where: str, on: str, known: str | None) -> dict:
    """The answer through the general (SQLAlchemy) path."""
    times = reg._times(on, known, None)
    with reg.store.read() as conn:
        times = attrs.evolve(times, version=times.data_version(conn))
        return queries.status(conn, reg._cat(conn, times), subject, where, times).to_dict()


@pytest.mark.parametrize(
    ("on", "known"),
    list(itertools.product(["2002-01-01", "2003-02-14", "2024-06-01", "2025-04-16T22:30:00Z", "2025-06-01"],
                           [None, "2025-01-01"])),
)
def test_fast_path_equals_general_path(taliban: designations.Registry, on: str, known: str | None) -> None:
    """Status by subject id on one list is the same, field for field, on both paths."""
    taliban.status("taliban", "RU", on="2020-01-01")  # warms the catalogue, enabling the fast path

    fast = taliban._fast_status("taliban", "RU", taliban._times(on, known, None))

    assert fast is not None
    assert general(taliban, "taliban", "RU", on, known) == fast.to_dict()


def test_fast_path_declines_after_a_write(taliban: designations.Registry) -> None:
    """A write elsewhere changes the data version; the fast path then steps aside."""
    taliban.status("taliban", "RU", on="2020-01-01")
    version, cat = taliban._catalogue
    taliban.add_subject("Another Front")
    taliban._catalogue = (version, cat)  # a stale cache, as another process's write would leave it

    assert taliban._fast_status("taliban", "RU", taliban._times("2024-06-01", None, None)) is None


@pytest.mark.parametrize("ref", ["Taliban", "движение талибан", "TALEBAN"])
def test_fast_path_resolves_names_and_aliases(taliban: designations.Registry, ref: str) -> None:
    """A name or alias naming exactly one subject takes the fast path and answers the same."""
    taliban.status("taliban", "RU", on="2020-01-01")

    fast = taliban._fast_status(ref, "RU", taliban._times("2025-06-01", None, None))

    assert fast is not None
    assert general(taliban, ref, "RU", "2025-06-01", None) == fast.to_dict()
