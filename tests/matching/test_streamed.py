"""Specs for designations.matching.streamed: a large index built part by part into its file layout."""

from __future__ import annotations

import pathlib

import pytest

from designations.matching import NameIndex, index, match_name, streamed
from designations.matching.persist import index_key, index_path, load_index, save_index

from .test_persist import QUERIES, _rows


@pytest.fixture(scope="module")
def rows() -> list[tuple[str, str, str, bool, bool]]:
    """The persist specs' names, plus a person whose names repeat a word (counted once for common words)."""
    extra = [(f"p{n}", "person", f"Zubair Zubair Qari{n}", True, False) for n in range(40)]
    return [*_rows(), *extra, ("p0", "person", "Zubair Qari", False, False)]


def _saved(built: NameIndex, where: pathlib.Path) -> bytes:
    path = index_path(where / "store.db", index_key("v1"))
    assert save_index(built, path, index_key("v1"))
    return path.read_bytes()


def test_the_streamed_file_is_the_in_memory_builds_byte_for_byte(
    rows: list[tuple[str, str, str, bool, bool]], tmp_path: pathlib.Path,
) -> None:
    """Saved for the same key, a streamed build and an in-memory build of the same rows give the same file."""
    expected = _saved(NameIndex.build_in_memory(rows), tmp_path / "memory")

    built = streamed.build(rows)
    assert built is not None
    actual = _saved(built, tmp_path / "streamed")

    assert expected == actual


def test_a_streamed_index_answers_as_the_in_memory_one(rows: list[tuple[str, str, str, bool, bool]]) -> None:
    """Names, subjects, common words and every query's matches are the same, before any file is saved."""
    memory = NameIndex.build_in_memory(rows)
    queries = [*QUERIES, "Zubair Qari3", *(row[2] for row in rows[::7])]
    expected = ([match_name(memory, q, threshold=t) for q in queries for t in (0.9, 0.6)],
                list(memory.names), memory.subject_ids, memory.common)

    built = streamed.build(rows)
    assert built is not None
    actual = ([match_name(built, q, threshold=t) for q in queries for t in (0.9, 0.6)],
              list(built.names), built.subject_ids, built.common)

    assert expected == actual
    assert "zubair" in actual[3]


def test_a_streamed_index_reads_back_from_its_file(
    rows: list[tuple[str, str, str, bool, bool]], tmp_path: pathlib.Path,
) -> None:
    """What `save_index` copies from a streamed build is a whole index for `load_index`."""
    built = streamed.build(rows)
    assert built is not None
    path = index_path(tmp_path / "store.db", index_key("v1"))
    assert save_index(built, path, index_key("v1"))
    expected = [match_name(built, q, threshold=0.6) for q in QUERIES]

    loaded = load_index(path, index_key("v1"))
    assert loaded is not None
    actual = [match_name(loaded, q, threshold=0.6) for q in QUERIES]

    assert expected == actual


def test_build_streams_from_a_number_of_rows(rows: list[tuple[str, str, str, bool, bool]],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Under `STREAM_FROM` rows the index is held in memory; from it on, it is built into the file layout."""
    monkeypatch.setattr(index, "STREAM_FROM", len(rows))
    expected = (False, True)

    actual = (NameIndex.build(rows[:-1]).tables().source is not None,
              NameIndex.build(rows).tables().source is not None)

    assert expected == actual


def test_a_name_the_layout_cannot_hold_is_indexed_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """A name holding the layout's separator is not streamed: the build falls back to holding the index."""
    monkeypatch.setattr(index, "STREAM_FROM", 1)
    rows = [("a", "organisation", "Taliban", True, False), ("b", "organisation", "Odd\x00Name", True, False)]

    built = NameIndex.build(rows)

    assert streamed.build(rows) is None
    assert built.tables().source is None
    assert [m.subject_id for m in match_name(built, "Taliban", threshold=0.9)] == ["a"]


def test_no_temporary_file_means_an_index_in_memory(rows: list[tuple[str, str, str, bool, bool]],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """When no temporary file can be written, the build holds the index in memory and still answers."""
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(index, "STREAM_FROM", 1)
    monkeypatch.setattr(streamed.tempfile, "TemporaryFile", refuse)
    expected = [match_name(NameIndex.build_in_memory(rows), q, threshold=0.9) for q in QUERIES]

    built = NameIndex.build(rows)
    actual = [match_name(built, q, threshold=0.9) for q in QUERIES]

    assert built.tables().source is None
    assert expected == actual
