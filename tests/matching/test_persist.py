"""Specs for designations.matching.persist: the name index kept in a file, keyed, checked, written atomically."""

from __future__ import annotations

import os
import pathlib
import random
import stat

import pytest

import designations
from designations.matching import NameIndex, match_name, prepare
from designations.matching.persist import index_key, index_path, load_index, save_index
from designations.screening import name_index, screen

from ..core.conftest import SOURCE

SYLLABLES = ("ba", "ka", "ri", "mo", "sha", "ul", "dan", "el", "qa", "zu", "hid", "ar")


def _rows() -> list[tuple[str, str, str, bool, bool]]:
    rng = random.Random(7)  # noqa: S311 - reproducible test names, not secrets
    rows = [
        ("taliban", "organisation", "Taliban", True, False),
        ("taliban", "organisation", "Движение «Талибан»", False, False),
        ("taliban", "organisation", "طالبان", False, False),
        ("omar", "person", "Mohammed Omar", True, False),
        ("omar", "person", "Mullah Omar", False, True),
        ("kmd", "organisation", "Korea Mining Development Trading Corporation", True, False),
        ("boko", "organisation", "Boko Haram", True, False),
    ]
    for n in range(300):
        kind = "person" if n % 3 else "organisation"
        words = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
                 for _ in range(rng.randint(1, 3))]
        rows.append((f"s{n}", kind, " ".join(words), True, False))
        rows.append((f"s{n}", kind, " ".join(reversed(words)) + " Group", False, n % 7 == 0))
    return rows


QUERIES = ("Taleban", "Талибан", "Omar, Mohammed", "Mullah Omar", "Korea Mining Development",
           "Boko Haram Trading Company", "John Smith", "Kabari Moel", "Shadan")


@pytest.fixture(scope="module")
def built() -> NameIndex:
    """A built index of a few real-looking and 300 synthetic subjects."""
    return NameIndex.build(_rows())


@pytest.fixture
def saved(built: NameIndex, tmp_path: pathlib.Path) -> pathlib.Path:
    """The built index written for data version 'v1'."""
    path = index_path(tmp_path / "store.db", index_key("v1"))
    assert save_index(built, path, index_key("v1"))
    return path


def test_an_index_read_back_answers_as_the_built_one(built: NameIndex, saved: pathlib.Path) -> None:
    """Every query, at the screening and the search threshold, gets the same matches from the file."""
    loaded = load_index(saved, index_key("v1"))
    queries = [*QUERIES, *(row[2] for row in _rows()[::5]), *(row[2].upper() for row in _rows()[1::9])]
    expected = [match_name(built, q, threshold=t) for q in queries for t in (0.9, 0.6)]

    assert loaded is not None
    actual = [match_name(loaded, q, threshold=t) for q in queries for t in (0.9, 0.6)]

    assert expected == actual


def test_an_index_read_back_holds_every_name_and_subject(built: NameIndex, saved: pathlib.Path) -> None:
    """The names (with their keys) and subjects read back are those written."""
    loaded = load_index(saved, index_key("v1"))
    expected = (list(built.names), built.subject_ids, built.common)

    assert loaded is not None
    actual = (list(loaded.names), loaded.subject_ids, loaded.common)

    assert expected == actual


def test_another_data_version_does_not_read_the_file(saved: pathlib.Path) -> None:
    """The key of another data version (or matcher) finds the file stale."""
    expected = None

    actual = load_index(saved, index_key("v2"))

    assert expected == actual


@pytest.mark.parametrize("where", [0, 100, -40, -1])
def test_a_damaged_file_is_not_read(saved: pathlib.Path, where: int) -> None:
    """One flipped byte anywhere (magic, header, body, digest) makes the file unreadable, not wrong."""
    data = bytearray(saved.read_bytes())
    data[where] ^= 0x20
    saved.write_bytes(bytes(data))
    expected = None

    actual = load_index(saved, index_key("v1"))

    assert expected == actual


def test_a_truncated_file_is_not_read(saved: pathlib.Path) -> None:
    """A file cut short (a crash while copying it) is not read."""
    saved.write_bytes(saved.read_bytes()[:-1000])
    expected = None

    actual = load_index(saved, index_key("v1"))

    assert expected == actual


def test_a_file_others_may_write_is_not_trusted(saved: pathlib.Path) -> None:
    """A file writable by group or others could have been changed by anyone: it is not read."""
    saved.chmod(saved.stat().st_mode | stat.S_IWOTH)
    expected = None

    actual = load_index(saved, index_key("v1"))

    assert expected == actual


def test_writing_leaves_no_temporary_file_and_is_private_by_default(saved: pathlib.Path) -> None:
    """The index is renamed into place (no temporary file stays) and readable by its owner only."""
    expected = ([saved.name], 0o600)

    actual = (sorted(p.name for p in saved.parent.iterdir()), stat.S_IMODE(saved.stat().st_mode))

    assert expected == actual


def test_a_new_key_replaces_the_stale_file(built: NameIndex, saved: pathlib.Path) -> None:
    """Writing the index of a new version removes the store's older index files."""
    newer = index_path(saved.parent / "store.db", index_key("v2"))
    expected = [newer.name]

    save_index(built, newer, index_key("v2"))
    actual = sorted(p.name for p in saved.parent.iterdir())

    assert expected == actual


def test_an_unwritable_place_keeps_the_index_in_memory(built: NameIndex, tmp_path: pathlib.Path) -> None:
    """A place where no file can be written is not an error: save says so and nothing is left."""
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    expected = (False, ["not-a-dir"])

    actual = (save_index(built, index_path(blocker / "store.db", "k"), "k"),
              sorted(p.name for p in tmp_path.iterdir()))

    assert expected == actual


def _index_file(reg: designations.Registry) -> pathlib.Path:
    base = reg.name_index_base()
    assert base is not None
    return index_path(base, index_key(reg.data_version()))


def test_screening_writes_the_index_beside_the_store(taliban: designations.Registry, engine_name: str) -> None:
    """After a screen the store's index file exists: beside a SQLite file, else in the cache directory."""
    screen(taliban, ["Taliban"], on="2024-06-01")
    path = _index_file(taliban)
    expected = (True, os.environ["DESIGNATIONS_CACHE_DIR"] if engine_name == "postgresql" else
                str(pathlib.Path(taliban.store.engine.url.database or "").resolve().parent))

    actual = (path.is_file(), str(path.parent))

    assert expected == actual


def test_a_new_registry_reads_the_index_instead_of_building_it(
        taliban: designations.Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second registry on the same store (a new process) takes the index from the file."""
    screen(taliban, ["Taliban"], on="2024-06-01")
    again = designations.open(taliban.store.url, seeds=False)

    def refuse(_rows: object) -> NameIndex:
        raise AssertionError("the index was built again")

    monkeypatch.setattr(NameIndex, "build", refuse)
    try:
        expected = ["taliban"]

        actual = [c.subject.id for c in screen(again, ["Талибан"], on="2024-06-01").hits[0].candidates]
    finally:
        again.close()

    assert expected == actual


def test_a_write_makes_the_next_screen_use_a_new_index(taliban: designations.Registry) -> None:
    """New data has a new key: the next screen finds the new subject and the old file is gone."""
    screen(taliban, ["Taliban"], on="2024-06-01")
    old = _index_file(taliban)
    taliban.add_subject("Hizballah", id="hizballah")
    taliban.record("hizballah", "us-fto", "LISTED", effective="1997-10-08", sources=[SOURCE])
    expected = (["hizballah"], False, True)

    hits = screen(taliban, ["Hezbollah"], on="2024-06-01", threshold=0.85).hits
    actual = ([c.subject.id for c in hits[0].candidates], old.exists(), _index_file(taliban).is_file())

    assert expected == actual


def test_the_cached_index_is_the_version_it_says(taliban: designations.Registry) -> None:
    """`name_index` gives the data version its index holds: the store's latest."""
    expected = taliban.data_version()

    _index, actual = name_index(taliban)

    assert expected == actual


def test_an_index_read_back_blocks_and_bounds_as_the_built_one(built: NameIndex, saved: pathlib.Path) -> None:
    """The candidates and the score bounds (what decides which names are scored) are the same from the file."""
    loaded = load_index(saved, index_key("v1"))
    queries = [prepare(q) for q in (*QUERIES, *(row[2] for row in _rows()[::7]))]
    expected = [(built.candidates(q), built.below(q, built.candidates(q), 0.9)) for q in queries]

    assert loaded is not None
    actual = [(loaded.candidates(q), loaded.below(q, loaded.candidates(q), 0.9)) for q in queries]

    assert expected == actual


def test_an_in_memory_store_keeps_its_index_in_memory() -> None:
    """A SQLite store in memory has no place for a file: screening works and writes nothing."""
    reg = designations.open("sqlite://", seeds=False)
    try:
        reg.add_subject("Taliban", id="taliban")
        expected = (None, ["taliban"])

        actual = (reg.name_index_base(), [c.subject.id for c in screen(reg, ["Талибан"]).hits[0].candidates])
    finally:
        reg.close()

    assert expected == actual


def test_core_words_read_alone_are_the_decoded_names(built: NameIndex, saved: pathlib.Path) -> None:
    """The fuzzy bound reads a name's core words without decoding the name: they are the same words."""
    loaded = load_index(saved, index_key("v1"))
    assert loaded is not None
    expected = [entry.prepared.core for entry in built.names]

    actual = [loaded.names.core(i) for i in range(len(loaded))]  # type: ignore[attr-defined]

    assert expected == actual


def test_recent_posting_lookups_kept_answer_as_the_table(built: NameIndex, saved: pathlib.Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The lookups a read index keeps (forgotten when full) give the positions the table gives, hit or miss."""
    from designations.matching import persist  # noqa: PLC0415

    monkeypatch.setattr(persist, "KEPT_LOOKUPS", 5)
    loaded = load_index(saved, index_key("v1"))
    assert loaded is not None
    postings = built.tables().postings
    keys = [*list(postings)[:40], "w:nowhere", *list(postings)[:40], "w:nowhere"]
    expected = [list(postings.get(k) or []) for k in keys]

    actual = [list(loaded.tables().postings.get(k) or []) for k in keys]

    assert expected == actual
