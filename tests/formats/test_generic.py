"""Specs for the generic event format."""

from __future__ import annotations

from designations.dates import Precision
from designations.formats import generic
from designations.model import EventKind


def test_csv_rows_are_events(fixtures):
    """Each CSV row is one GenericEvent with its line number."""
    events = list(generic.read(fixtures / "generic/events.csv").events)

    assert 4 == len(events)
    assert (EventKind.REMOVED, 4) == (events[2].event, events[2].line)
    assert Precision.MONTH == events[0].effective.precision
    assert ["Front of Examples", "EF"] == [a.value for a in events[0].aliases]


def test_json_array(fixtures):
    """A JSON array of objects reads like the CSV."""
    events = list(generic.read(fixtures / "generic/events.json").events)

    assert "Test Movement" == events[0].subject_name


def test_sniff_header():
    """The CSV header with the required columns is recognised."""
    assert generic.sniff(b"list_id,subject_id,subject_name,event,effective\n")
