"""Values built from stored rows without re-running validators: every field set, equal to the validated value."""

from __future__ import annotations

import pendulum
import pytest

from designations.dates import DateWindow, Precision
from designations.errors import StoreError
from designations.model import Identifier, Name, Source, Subject, SubjectKind
from designations.store import aggregates, convert


def test_a_builder_must_set_every_field_once() -> None:
    """A builder that would leave a field unset, or set one twice, is refused when it is made."""
    with pytest.raises(TypeError, match="each of its fields once"):
        aggregates.builder(Identifier, "scheme")
    with pytest.raises(TypeError, match="each of its fields once"):
        aggregates.builder(Identifier, "scheme", "value", "value")


def test_built_values_equal_validated_ones() -> None:
    """A subject and a window built from stored values equal the ones their classes validate."""
    expected = Subject(id="front", kind=SubjectKind.PERSON, name="Front", aliases=(Name("Фронт", lang="ru"),),
                       identifiers=(Identifier("un", "QDe.1"),))

    actual = aggregates.make_subject("front", SubjectKind.PERSON, "Front",
                                     (aggregates.make_alias("Фронт", "ru", "", False, False),),
                                     (aggregates.make_identifier("un", "QDe.1"),))

    assert expected == actual
    assert hash(expected) == hash(actual)
    assert DateWindow(pendulum.Date(2021, 3, 1), pendulum.Date(2021, 3, 31), Precision.MONTH) == aggregates.window(
        "2021-03-01", "2021-03-31", "month")


def test_stored_citations_are_decoded_once_per_text() -> None:
    """Two events citing the same sources share one decoded tuple; an empty column is no citation."""
    text = '[["Federal Register","https://example.org/fr","OFR","2021-04-02"]]'

    first, second = aggregates.citations(text, 1), aggregates.citations(str(text), 2)

    assert first is second
    assert pendulum.Date(2021, 4, 2) == first[0].date
    assert () == aggregates.citations("[]", 3) == aggregates.citations(None, 4)


def test_citations_are_written_as_they_are_read() -> None:
    """An event's citations, written as its column's text, read back equal and in order (dates, quotes, scripts)."""
    cited = (Source(title='Gazette "No. 7"\n', url="https://example.org/g", publisher="Минюст", date="2015-05-02"),
             Source(title="Register"))

    text = convert.citations_text(cited)

    assert '[["Gazette \\"No. 7\\"\\n","https://example.org/g","Минюст","2015-05-02"],["Register","","",null]]' == text
    assert cited == aggregates.citations(text, 1)


@pytest.mark.parametrize("corrupt", ["[", "null", '[["a","b","c"]]', '[["a","b","c","2021-02-30"]]',
                                     '[[1,"b","c",null]]'])
def test_corrupt_citations_name_their_event(corrupt: str) -> None:
    """Text that is not the column's JSON raises StoreError naming the event, never reads as no citation."""
    with pytest.raises(StoreError, match="corrupt citations stored with event 42"):
        aggregates.citations(corrupt, 42)
