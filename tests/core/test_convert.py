"""Rows read back from the store become the same values that were written (built without re-validating)."""

from __future__ import annotations

import pendulum

from designations.dates import DateWindow, Precision
from designations.model import Event, EventKind, Scope, Source
from designations.store import aggregates, convert


def test_an_event_row_reads_back_equal_to_the_validated_event() -> None:
    """Every field of a stored event, its window, decided window and sources, equals the checked original."""
    written = Event(
        subject_id="taliban", list_id="ru-terrorist-organisations", kind=EventKind.SUSPENDED,
        effective=DateWindow(pendulum.Date(2025, 4, 17), pendulum.Date(2025, 4, 30), Precision.RANGE),
        published=pendulum.Date(2025, 4, 17), decided=DateWindow.exact("2025-04-17"),
        listed_as="Движение Талибан", scope=Scope.WHOLE, instrument="Supreme Court decision",
        sources=(Source(title="TASS", url="https://tass.ru/x", publisher="TASS", date=pendulum.Date(2025, 4, 17)),),
        note="suspended, not removed", id=7, recorded_at=pendulum.datetime(2026, 1, 2, tz="UTC"), key="k", corrects=3)
    row = {"id": 7, "list_id": written.list_id, "kind": "SUSPENDED", "effective_from": pendulum.Date(2025, 4, 17),
           "effective_to": pendulum.Date(2025, 4, 30), "precision": "range", "published": pendulum.Date(2025, 4, 17),
           "decided_from": pendulum.Date(2025, 4, 17), "decided_to": pendulum.Date(2025, 4, 17),
           "listed_as": "Движение Талибан", "scope": "whole", "instrument": "Supreme Court decision",
           "note": "suspended, not removed", "key": "k", "corrects_id": 3,
           "recorded_at": pendulum.datetime(2026, 1, 2, tz="UTC"),
           "citations": '[["TASS","https://tass.ru/x","TASS","2025-04-17"]]'}

    read = convert.event_from_row(row, "taliban", cited=aggregates.citations(row["citations"], row["id"]))

    assert written == read
    assert hash(written) == hash(read)
    assert read.known_from == pendulum.Date(2025, 4, 17)
