"""Row <-> model conversions: the filter between the tables and the domain values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

import pendulum

from designations.dates import DateWindow, Period, Precision
from designations.model import (
    DesignationList,
    Event,
    EventKind,
    Identifier,
    Jurisdiction,
    Name,
    Source,
    Subject,
    SubjectKind,
)
from designations.store.types import FOREVER_DATE

__all__ = [
    "event_from_row",
    "event_values",
    "list_from_row",
    "open_end",
    "source_values",
    "subject_from_rows",
]


def open_end(day: pendulum.Date | None) -> pendulum.Date | None:
    """Map the stored "forever" sentinel back to None."""
    return None if day is None or day >= FOREVER_DATE else day


def list_from_row(
    row: Mapping[Any, Any], jurisdiction: Jurisdiction, coverage: Iterable[Period]
) -> DesignationList:
    """A DesignationList from a `designation_list` row."""
    return DesignationList(
        id=row["id"],
        jurisdiction=jurisdiction,
        name=row["name"],
        authority=row["authority"],
        legal_basis=row["legal_basis"],
        url=row["url"],
        tags=tuple(t for t in row["tags"].split(",") if t),
        coverage=tuple(coverage),
    )


def subject_from_rows(
    row: Mapping[Any, Any],
    names: Sequence[Mapping[Any, Any]],
    identifiers: Sequence[Mapping[Any, Any]],
) -> Subject:
    """
    A Subject from its row, its name rows and its identifier rows.

    Names were validated when they were written, so they are rebuilt without
    running the validators again: on a hot path they cost more than the query.
    """
    return _trusted(
        Subject,
        id=row["key"],
        kind=SubjectKind(row["kind"]),
        name=row["name"],
        aliases=tuple(
            _trusted(Name, value=n["value"], lang=n["lang"], script=n["script"], primary=False)
            for n in names
            if not n["is_primary"]
        ),
        identifiers=tuple(Identifier(i["scheme"], i["value"]) for i in identifiers),
    )


_T = TypeVar("_T")


def _trusted(cls: type[_T], **fields: Any) -> _T:  # noqa: ANN401 - field values of any type
    """An instance of frozen attrs class `cls` from stored, already validated values."""
    inst = cls.__new__(cls)
    for name, value in fields.items():
        object.__setattr__(inst, name, value)
    return inst


def event_from_row(
    row: Mapping[Any, Any], subject_key: str, sources: Sequence[Mapping[Any, Any]] = ()
) -> Event:
    """An Event from an `event` row (and its `event_source` rows)."""
    return Event(
        id=row["id"],
        subject_id=subject_key,
        list_id=row["list_id"],
        kind=EventKind(row["kind"]),
        effective=DateWindow(
            row["effective_from"], row["effective_to"], Precision(row["precision"])
        ),
        published=row["published"],
        instrument=row["instrument"],
        note=row["note"],
        key=row["key"],
        corrects=row["corrects_id"],
        recorded_at=row["recorded_at"],
        sources=tuple(
            Source(title=s["title"], url=s["url"], publisher=s["publisher"], date=s["date"])
            for s in sources
        ),
    )


def event_values(
    event: Event, subject_pk: int, batch_id: int, recorded_at: dt.datetime
) -> dict[str, Any]:
    """Column values for inserting `event`."""
    return {
        "subject_pk": subject_pk,
        "list_id": event.list_id,
        "kind": event.kind.value,
        "effective_from": event.effective.earliest,
        "effective_to": event.effective.latest,
        "precision": event.effective.precision.value,
        "published": event.published,
        "known_from": event.known_from,
        "instrument": event.instrument,
        "note": event.note,
        "key": event.key,
        "corrects_id": event.corrects,
        "batch_id": batch_id,
        "recorded_at": recorded_at,
    }


def source_values(event_id: int, sources: Iterable[Source]) -> list[dict[str, Any]]:
    """Column values for inserting an event's citations."""
    return [
        {"event_id": event_id, "position": i, "title": s.title, "url": s.url,
         "publisher": s.publisher, "date": s.date}
        for i, s in enumerate(sources)
    ]
