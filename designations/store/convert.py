"""Row <-> model conversions: the filter between the tables and the domain values."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

import pendulum

from designations.dates import DateWindow, Precision
from designations.model import (
    Event,
    EventKind,
    Identifier,
    Name,
    Scope,
    Source,
    Subject,
    SubjectKind,
)
from designations.store.types import FOREVER_DATE

__all__ = [
    "citations_text",
    "event_from_row",
    "event_values",
    "open_end",
    "sources_from_json",
    "sources_json",
    "subject_from_rows",
]


def open_end(day: pendulum.Date | None) -> pendulum.Date | None:
    """Map the stored "forever" sentinel back to None."""
    return None if day is None or day >= FOREVER_DATE else day


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def citations_text(sources: Iterable[Source]) -> str:
    """
    An event's citations as its `citations` column holds them: compact JSON, in citing order.

    One `[title, url, publisher, date]` array per citation, the date as `YYYY-MM-DD` or null
    (`aggregates.citations` reads it back; migration 0009 writes the same text from the
    `event_source` rows it replaces).
    """
    return _COMPACT([[s.title, s.url, s.publisher, None if s.date is None else dt.date.isoformat(s.date)]
                     for s in sources])


def sources_json(sources: Iterable[Source]) -> list[dict[str, Any]]:
    """Citations as plain JSON values (for columns that hold a few of them as text)."""
    return [{"title": s.title, "url": s.url, "publisher": s.publisher,
             "date": s.date.isoformat() if s.date else None} for s in sources]


def sources_from_json(items: object, *, field: str) -> tuple[Source, ...]:
    """Citations back from `sources_json`; anything else stored there is corruption, said so."""
    from designations.errors import StoreError  # noqa: PLC0415

    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        msg = f"corrupt stored citations in {field}: {items!r:.80}"
        raise StoreError(msg)
    return tuple(Source(title=i.get("title", ""), url=i.get("url", ""), publisher=i.get("publisher", ""),
                        date=i.get("date")) for i in items)


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
            _trusted(Name, value=n["value"], lang=n["lang"], script=n["script"], primary=False,
                     weak=bool(n.get("weak", False)))
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
    row: Mapping[Any, Any], subject_key: str, *, cited: tuple[Source, ...] = (),
) -> Event:
    """
    An Event from an `event` row, with its citations already decoded (`cited`) or without them.

    The values were validated when written, so the event is built without running the
    validators again (`changes` and `history` build thousands at a time).
    """
    decided_from = row.get("decided_from")
    return _trusted(
        Event,
        subject_id=subject_key,
        list_id=row["list_id"],
        kind=EventKind(row["kind"]),
        effective=_trusted(DateWindow, earliest=row["effective_from"], latest=row["effective_to"],
                           precision=Precision(row["precision"])),
        published=row["published"],
        decided=_decided(decided_from, row.get("decided_to")) if decided_from is not None else None,
        listed_as=row.get("listed_as") or "",
        scope=Scope(row.get("scope") or "whole"),
        instrument=row["instrument"],
        sources=cited,
        note=row["note"],
        id=row["id"],
        recorded_at=row["recorded_at"],
        key=row["key"],
        corrects=row["corrects_id"],
    )


def _decided(lo: dt.date | None, hi: dt.date | None) -> DateWindow | None:
    """The decided window from its two columns (None when the act's date is not recorded)."""
    if lo is None:
        return None
    hi = hi or lo
    return DateWindow(lo, hi, Precision.DAY if lo == hi else Precision.RANGE)


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
        "decided_from": event.decided.earliest if event.decided else None,
        "decided_to": event.decided.latest if event.decided else None,
        "listed_as": event.listed_as,
        "scope": event.scope.value,
        "instrument": event.instrument,
        "note": event.note,
        "key": event.key,
        "corrects_id": event.corrects,
        "batch_id": batch_id,
        "recorded_at": recorded_at,
        "citations": citations_text(event.sources),
    }
