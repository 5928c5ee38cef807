"""Specs for the name index a registry holds in memory: its own, one data version at a time."""

from __future__ import annotations

import designations
from designations.screening import name_index

from ..core.conftest import SOURCE


def test_a_registry_holds_no_index_before_its_first_search(taliban: designations.Registry) -> None:
    """Nothing is held until a search or a screen asks for the index."""
    assert taliban.cached_name_index(taliban.data_version()) is None


def test_searches_on_one_data_version_share_the_index_the_registry_holds(taliban: designations.Registry) -> None:
    """The first search builds (or reads) the index; the registry holds it and the next search uses it."""
    taliban.search("Taleban", on="2024-06-01")
    held = taliban.cached_name_index(taliban.data_version())

    taliban.screen(["Taleban"], on="2024-06-01")
    used, version = name_index(taliban)

    assert held is not None
    assert held is used
    assert taliban.data_version() == version


def test_after_a_write_the_next_search_holds_the_new_versions_index_only(taliban: designations.Registry) -> None:
    """A write moves the data version: the old index is not given for it, and a search replaces it."""
    taliban.search("Taleban", on="2024-06-01")
    old_version = taliban.data_version()
    old = taliban.cached_name_index(old_version)
    taliban.add_subject("Hizballah", id="hizballah")
    taliban.record("hizballah", "us-fto", "LISTED", effective="1997-10-08", sources=[SOURCE])
    version = taliban.data_version()
    before = taliban.cached_name_index(version)

    found = taliban.search("Hezbollah", on="2024-06-01", threshold=0.85)

    assert old is not None
    assert before is None
    assert ["hizballah"] == [c.subject.id for c in found]
    assert taliban.cached_name_index(version) not in (None, old)
    assert taliban.cached_name_index(old_version) is None


def test_each_registry_holds_its_own_index(taliban: designations.Registry) -> None:
    """Another registry over the same store holds nothing until it searches, then an index of its own."""
    other = designations.Registry(taliban.store)
    taliban.search("Taleban", on="2024-06-01")
    version = taliban.data_version()
    before = other.cached_name_index(version)

    try:
        other.search("Taleban", on="2024-06-01")
        actual = other.cached_name_index(version)
    finally:
        other.close()

    assert before is None
    assert actual is not None
    assert actual is not taliban.cached_name_index(version)


def test_holding_an_index_replaces_the_one_held(taliban: designations.Registry) -> None:
    """`cache_name_index` keeps one index, that of the version given: the last one held."""
    index, version = name_index(taliban)

    taliban.cache_name_index("another version", index)

    assert taliban.cached_name_index(version) is None
    assert index is taliban.cached_name_index("another version")
