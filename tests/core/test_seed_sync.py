"""Specs for applying seeds: idempotent, and a newer release never loses what a user recorded."""

from __future__ import annotations

import pathlib
import shutil

import pytest

import designations
from designations import seed_reader as seed_files
from designations.model import State
from designations.seed_reader import load_seeds, seeds_digest, seeds_path

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
    user_event = registry.record("Example Front", "us-fto", "LISTED", effective="2024-05-01", sources=[SOURCE],
                                 create=True)
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
    # a new database: the first open is the one that records seeds=False
    designations.open(db_url, seeds=False).close()

    reg = designations.open(db_url)

    assert () == reg.lists()


WORLD = pathlib.Path(__file__).parent.parent / "fixtures" / "seeds_answers"


def _small_world(tmp_path: pathlib.Path) -> pathlib.Path:
    target = tmp_path / "world"
    shutil.copytree(WORLD, target)
    return target


def _release(folder: pathlib.Path, n: int) -> None:
    """A newer seed release: the files change, so their digest does."""
    path = folder / "jurisdictions.toml"
    path.write_text(path.read_text(encoding="utf-8") + f"\n# release {n}\n", encoding="utf-8")


def test_user_retraction_of_a_seeded_event_survives_a_newer_release(
    registry: designations.Registry, tmp_path: pathlib.Path
) -> None:
    """A seeded event the user retracted stays retracted when a newer seed release is applied."""
    folder = _small_world(tmp_path)
    registry.sync_seeds(load_seeds(folder))
    suspended = registry.status("Taliban", "RU", on="2025-06-01").event
    assert suspended is not None
    assert suspended.id is not None
    registry.retract(suspended.id, reason="the user's own reading of the decision")

    _release(folder, 2)
    registry.sync_seeds(load_seeds(folder))

    assert State.LISTED == registry.status("Taliban", "RU", on="2025-06-01").state


def test_user_correction_of_a_seeded_event_survives_a_newer_release(
    registry: designations.Registry, tmp_path: pathlib.Path
) -> None:
    """A seeded event the user corrected keeps the user's date through a newer seed release."""
    folder = _small_world(tmp_path)
    registry.sync_seeds(load_seeds(folder))
    suspended = registry.status("Taliban", "RU", on="2025-06-01").event
    assert suspended is not None
    assert suspended.id is not None
    registry.correct(suspended.id, effective="2025-05-01", reason="in force on publication")

    _release(folder, 2)
    registry.sync_seeds(load_seeds(folder))

    assert (State.LISTED, State.SUSPENDED) == (
        registry.status("Taliban", "RU", on="2025-04-20").state,
        registry.status("Taliban", "RU", on="2025-05-02").state,
    )


def test_release_conflicting_with_user_records_is_reported_once_and_keeps_them(
    registry: designations.Registry, tmp_path: pathlib.Path
) -> None:
    """A release that would break a history holding user records skips that pair and warns once."""
    from designations.errors import SeedConflictWarning  # noqa: PLC0415

    folder = _small_world(tmp_path)
    registry.sync_seeds(load_seeds(folder))
    mine = registry.record("Plain Organisation", "ru-test", "LISTED", effective="2020-01-01", sources=[SOURCE])
    ru = folder / "ru-test.toml"
    ru.write_text(ru.read_text(encoding="utf-8") + '\n[[event]]\nsubject = "plain-org"\nkind = "LISTED"\n'
                  'effective = "2021-01-01"\nsources = ["court"]\nconfidence = "high"\n', encoding="utf-8")

    with pytest.warns(SeedConflictWarning, match="plain-org on ru-test"):
        registry.sync_seeds(load_seeds(folder))
    again = registry.sync_seeds(load_seeds(folder))

    assert again is None  # remembered: not raised or warned on every open
    s = registry.status("Plain Organisation", "RU", on="2020-06-01")
    assert (State.LISTED, (mine.id,)) == (s.state, s.receipt.event_ids)


def test_the_digest_of_the_files_is_the_digest_of_the_loaded_seeds(tmp_path: pathlib.Path) -> None:
    """`seeds_digest` reads bytes only, and gives what `load_seeds` records; any edit changes it."""
    folder = copy_seeds(tmp_path)
    before = seeds_digest(folder)

    assert load_seeds(folder).digest == before
    (folder / "subjects.toml").write_text((folder / "subjects.toml").read_text(encoding="utf-8") + "\n",
                                          encoding="utf-8")
    assert seeds_digest(folder) not in (None, before)


def test_opening_a_store_that_holds_the_shipped_seeds_parses_no_seed_file(
        seeded_registry: designations.Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store whose recorded digest is the shipped files' opens without reading them (a fast cold start)."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("load_seeds was called")

    monkeypatch.setattr(seed_files, "load_seeds", refuse)
    reg = designations.open(seeded_registry.store.url)

    assert reg.sync_seeds() is None
    reg.close()
