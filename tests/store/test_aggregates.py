"""Values built from stored rows without re-running validators: every field set, equal to the validated value."""

from __future__ import annotations

import pendulum
import pytest

from designations.dates import DateWindow, Precision
from designations.model import Identifier, Name, Subject, SubjectKind
from designations.store import aggregates


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
    """Two events citing the same sources share one decoded tuple; an empty aggregate is no citation."""
    text = '[["Federal Register","https://example.org/fr","OFR","2021-04-02",0]]'

    first, second = aggregates.sources(text), aggregates.sources(str(text))

    assert first is second
    assert pendulum.Date(2021, 4, 2) == first[0].date
    assert () == aggregates.sources("[]") == aggregates.sources(None)
