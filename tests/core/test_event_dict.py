"""Specs of an event's plain form: what `Event.to_dict()` and `Source.to_dict()` give JSON and the CLI."""

from __future__ import annotations

import datetime as dt
import json

import pendulum

from designations.model import Event, Scope, Source


def test_an_event_reads_as_plain_json_ready_values() -> None:
    """Every field of the event is there, dates as ISO text and windows as written, kinds by their value."""
    event = Event(subject_id="example-front", list_id="us-fto", kind="LISTED", effective="2021-03",
                  published="2021-04-02", decided="2021-02-28", listed_as="Example Front", scope=Scope.PART,
                  instrument="86 FR 1234", note="first listing",
                  sources=[Source(title="Federal Register", url="https://example.org/fr", date="2021-04-02")],
                  id=7, recorded_at=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC), corrects=3)
    expected = {
        "id": 7, "subject_id": "example-front", "list_id": "us-fto", "kind": "LISTED",
        "decided": "2021-02-28", "effective": "2021-03", "published": "2021-04-02",
        "listed_as": "Example Front", "scope": "part", "instrument": "86 FR 1234", "note": "first listing",
        "sources": [{"title": "Federal Register", "url": "https://example.org/fr", "publisher": "",
                     "date": "2021-04-02"}],
        "recorded_at": "2026-01-02T03:04:05+00:00", "corrects": 3,
    }

    actual = event.to_dict()

    assert expected == actual
    assert actual == json.loads(json.dumps(actual))


def test_an_unrecorded_event_has_no_id_time_or_dates_it_was_not_given() -> None:
    """A field the event lacks is None in its plain form, not an empty string or a made-up day."""
    event = Event(subject_id="s", list_id="l", kind="REMOVED", effective=pendulum.Date(2020, 1, 1),
                  sources=[Source(url="https://example.org/a")])

    plain = event.to_dict()

    assert (None, None, None, None, None) == (plain["id"], plain["recorded_at"], plain["published"],
                                              plain["decided"], plain["corrects"])
    assert [{"title": "", "url": "https://example.org/a", "publisher": "", "date": None}] == plain["sources"]
