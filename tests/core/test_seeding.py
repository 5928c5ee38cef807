"""Specs for applying seeds: idempotent, and a newer release never loses what a user recorded."""

from __future__ import annotations

import pathlib
import shutil

import designations
from designations.model import State
from designations.seeds import load_seeds, seeds_path

from .conftest import SOURCE


def copy_seeds(tmp_path: pathlib.Path) -> pathlib.Path:
    """A private, editable copy of the shipped seeds."""
    target = tmp_path / "seeds"
    shutil.copytree(seeds_path(), target)
    return target


def test_applying_the_same_seeds_twice_records_nothing(registry: designations.Registry) -> None:
    """Seeds already applied are recognised by their digest."""
    seeds = load_seeds()
    assert registry.sync_seeds(seeds) is not None

    version = registry.data_version()

    assert registry.sync_seeds(seeds) is None
    assert version == registry.data_version()


def test_newer_seeds_correct_and_keep_user_records(registry: designations.Registry, tmp_path: pathlib.Path) -> None:
    """A corrected seed date is applied as a correction; a user's own event survives."""
    folder = copy_seeds(tmp_path)
    registry.sync_seeds(load_seeds(folder))
    user_event = registry.record("Example Front", "us-fto", "LISTED", effective="2024-05-01", sources=[SOURCE], create=True)
    before = registry.status("Taliban", "RU", on="2025-04-17")
    ru = folder / "ru-terrorist-organisations.toml"
    text = ru.read_text(encoding="utf-8")
    assert 'effective = "2025-04-17"' in text
    ru.write_text(text.replace('effective = "2025-04-17"', 'effective = "2025-04-18"'), encoding="utf-8")

    registry.sync_seeds(load_seeds(folder))

    assert State.LISTED == registry.status("Taliban", "RU", on="2025-04-17").state
    assert State.SUSPENDED == registry.status("Taliban", "RU", on="2025-04-18").state
    assert State.SUSPENDED == registry.status(
        "Taliban", "RU", on="2025-04-17", as_recorded_at=before.receipt.data_version).state
    assert user_event.id in registry.status("Example Front", "US", on="2024-06-01").receipt.event_ids


def test_event_dropped_from_seeds_is_retracted(registry: designations.Registry, tmp_path: pathlib.Path) -> None:
    """An event removed from the seeds is retracted, not deleted: the old answer stays replayable."""
    folder = copy_seeds(tmp_path)
    registry.sync_seeds(load_seeds(folder))
    kg = folder / "kg-terrorist-organisations.toml"
    text = kg.read_text(encoding="utf-8")
    start = text.index('[[event]]\nsubject = "taliban"\nkind = "REMOVED"')
    end = text.find("[[event]]", start + 1)
    kg.write_text(text[:start] + (text[end:] if end >= 0 else ""), encoding="utf-8")
    before = registry.status("Taliban", "KG", on="2025-01-01")

    registry.sync_seeds(load_seeds(folder))

    assert State.REMOVED == before.state
    assert State.LISTED == registry.status("Taliban", "KG", on="2025-01-01").state
    def kg_events(**when: str) -> int:
        return len([e for e in registry.history("Taliban", **when) if e.list_id == "kg-terrorist-organisations"])

    assert (2, 1) == (kg_events(as_recorded_at=before.receipt.data_version), kg_events())


def test_store_created_without_seeds_stays_without(db_url: str) -> None:
    """A store opened first with seeds=False is not seeded by a later default open."""
    designations.open(db_url, seeds=False).close()

    reg = designations.open(db_url)

    assert () == reg.lists()
