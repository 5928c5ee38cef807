"""Specs for `Registry.correct`: the fields a correction changes, named in its signature."""

from __future__ import annotations

import inspect

import attrs
import pytest

import designations
from designations.errors import InvalidRecordError
from designations.model import Event, EventKind, Source

SET_BY_THE_STORE = {"id", "recorded_at", "key", "corrects"}
"""Event fields a correction never takes from its caller."""


def _suspension(taliban: designations.Registry) -> Event:
    """The Taliban's suspension in Russia (2025-04-17), as the store holds it."""
    event = taliban.status("Taliban", "RU", on="2025-06-01").event
    assert event is not None
    return event


def test_correct_names_every_field_of_an_event_it_may_change() -> None:
    """Its keyword-only parameters are the event's fields (less those the store sets) and the reason."""
    expected = {f.name for f in attrs.fields(Event)} - SET_BY_THE_STORE | {"reason"}

    parameters = inspect.signature(designations.Registry.correct).parameters.values()
    actual = {p.name for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY}

    assert expected == actual


def test_a_correction_keeps_the_fields_it_is_not_given(taliban: designations.Registry) -> None:
    """Changing the instrument leaves the kind, the dates and the sources as they were."""
    old = _suspension(taliban)
    expected = (EventKind.SUSPENDED, old.effective, old.published, old.sources, "Decision 7", old.id)

    new = taliban.correct(old.id or 0, instrument="Decision 7", reason="the instrument was left out")
    actual = (new.kind, new.effective, new.published, new.sources, new.instrument, new.corrects)

    assert expected == actual


def test_a_correction_clears_the_published_date_when_given_none(taliban: designations.Registry) -> None:
    """`published=None` is a change (the date was wrong), not a field left out."""
    old = _suspension(taliban)

    new = taliban.correct(old.id or 0, published=None)

    assert old.published is not None
    assert new.published is None


def test_a_correction_reads_its_sources_as_record_does(taliban: designations.Registry) -> None:
    """Sources given as mappings become `Source` values, as `record` takes them."""
    expected = (Source(title="Corrected notice", url="https://example.org/corrected"),)

    new = taliban.correct(_suspension(taliban).id or 0, sources=[
        {"title": "Corrected notice", "url": "https://example.org/corrected"}])

    assert expected == new.sources


def test_a_keyword_that_is_no_event_field_is_refused_and_nothing_is_written(
    taliban: designations.Registry,
) -> None:
    """An unknown field raises InvalidRecordError naming it; the store's data version does not move."""
    old = _suspension(taliban)
    before = taliban.data_version()

    with pytest.raises(InvalidRecordError) as caught:
        taliban.correct(old.id or 0, colour="red")  # type: ignore[arg-type]  # a type checker refuses it too

    assert "colour" == caught.value.field
    assert before == taliban.data_version()

