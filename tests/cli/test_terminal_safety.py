"""Text output never lets stored text drive the terminal, and names cannot hide characters."""

from __future__ import annotations

import pathlib

import pytest

import designations
from designations.cli import main
from designations.errors import InvalidRecordError
from designations.seed_reader import load_seeds

WORLD = pathlib.Path(__file__).parent.parent / "fixtures" / "seeds_answers"


def test_escape_sequences_in_a_source_title_are_shown_not_run(
    store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An ANSI escape in a source title reaches the terminal as visible text."""
    reg = designations.open(store_url, seeds=False)
    reg.sync_seeds(load_seeds(WORLD))
    reg.record("Escape Front", "kz-test", "LISTED", effective="2024-01-01", create=True,
               sources=[{"title": "Gazette \x1b[2J\x1b[31mcleared", "url": "https://example.org/g"}])
    reg.close()

    main(["status", "Escape Front", "--in", "kz-test", "--on", "2024-06-01", "--url", store_url])

    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "\\x1b[2J" in out


@pytest.mark.parametrize("name", ["abc\u202edef", "private \ue000 use", "\u200b\u200b"])
def test_names_that_hide_or_reorder_characters_are_refused(registry: designations.Registry, name: str) -> None:
    """Bidirectional overrides, private-use characters and invisible-only names are refused."""
    with pytest.raises(InvalidRecordError):
        registry.add_subject(name)


def test_invisible_characters_do_not_make_a_second_subject(registry: designations.Registry) -> None:
    """A soft hyphen or a zero-width space inside a name is dropped: the same subject is found."""
    registry.add_subject("Example Brigade")

    assert "example-brigade" == registry.subject("Exam\u00adple\u200b Brigade").id
