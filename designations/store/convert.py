"""Row <-> model conversions: the filter between the tables and the domain values."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

import pendulum

from designations.dates import DateWindow, Period, Precision
from designations.model import (
    Absence,
    DesignationList,
    Event,
    EventKind,
    Identifier,
    Jurisdiction,
    Name,
    Scope,
    Source,
    Subject,
    SubjectKind,
    Verification,
)
from designations.store.types import FOREVER_DATE

__all__ = [
    "citations_text",
    "event_from_row",
    "event_values",
    "list_details",
    "list_from_row",
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


def list_details(lst: DesignationList, recorded_at: dt.datetime | None = None, stored: str = "") -> str:
    """
    The `details` column of a list: the sources of its first day and of its check, and its sourced absences.

    Absences keep their history in recorded time, as coverage and relations do in their tables:
    each carries the instant it was first recorded (`recorded_at`, the writing batch's), and one
    no longer in `lst` is closed at that instant, not dropped (`stored`: the column as it was).
    """
    data: dict[str, Any] = {"established_sources": sources_json(lst.established_sources)}
    if lst.verified is not None:
        data["verified_sources"] = sources_json(lst.verified.sources)
        data["verified_note"] = lst.verified.note
    history = _absence_history(lst, recorded_at, stored)
    if history:  # (only lists that have some: the others' stored details stay as they were)
        data["absent"] = history
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _absence_history(lst: DesignationList, recorded_at: dt.datetime | None, stored: str) -> list[dict[str, Any]]:
    """The stored absences of `lst` with those of `lst.absent` made current (see `list_details`)."""
    from designations.errors import StoreError  # noqa: PLC0415

    now = _instant_text(recorded_at) if recorded_at is not None else None
    try:
        before = _absence_items(json.loads(stored).get("absent", []) if stored else [], lst.id)
        keys = [json.dumps({k: item[k] for k in ("subject", "on", "sources", "note")}, sort_keys=True)
                for item in before]
    except (json.JSONDecodeError, AttributeError, KeyError) as exc:
        msg = f"corrupt details of list {lst.id!r}: {exc}"
        raise StoreError(msg) from exc
    wanted = {_absence_key(a): a for a in lst.absent}
    out: list[dict[str, Any]] = []
    for item, key in zip(before, keys, strict=True):
        if item.get("recorded_to") is None and key in wanted:
            wanted.pop(key)  # still wanted: kept as first recorded
            out.append(item)
        else:  # closed now, or before
            out.append(item if item.get("recorded_to") is not None else {**item, "recorded_to": now})
    out.extend({"subject": a.subject_id, "on": a.on.isoformat(), "sources": sources_json(a.sources),
                "note": a.note, "recorded_from": now, "recorded_to": None} for a in wanted.values())
    return out


def _absence_key(a: Absence) -> str:
    """What makes two absences the same one, as text (a stored one's key is built from the same fields)."""
    return json.dumps({"subject": a.subject_id, "on": a.on.isoformat(), "sources": sources_json(a.sources),
                       "note": a.note}, sort_keys=True)


def _instant_text(when: dt.datetime) -> str:
    """An instant as the absences' recorded times hold it: UTC, ISO 8601, to the microsecond."""
    u = when.astimezone(dt.UTC) if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)
    return u.isoformat(timespec="microseconds")


def _absence_items(items: object, list_id: str) -> list[dict[str, Any]]:
    """The stored absences of a list, checked to be a list of objects (else corruption, said so)."""
    from designations.errors import StoreError  # noqa: PLC0415

    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        msg = f"corrupt details of list {list_id!r}: absent: {items!r:.80}"
        raise StoreError(msg)
    return items


def _absences(items: object, list_id: str, at: dt.datetime | None) -> tuple[Absence, ...]:
    """
    A list's sourced absences as recorded at `at` (None: the current ones), from its details.

    Anything else stored there is corruption, said so.
    """
    from designations.errors import DesignationsError, StoreError  # noqa: PLC0415

    when = None if at is None else _instant_text(at)
    out = []
    try:
        for i in _absence_items(items, list_id):
            start, end = i.get("recorded_from"), i.get("recorded_to")
            if (end is not None and (when is None or end <= when)) or (when is not None and start is not None
                                                                         and start > when):
                continue
            out.append(Absence(subject_id=str(i["subject"]), on=pendulum.Date.fromisoformat(i["on"]),
                               sources=sources_from_json(i.get("sources"), field="absent.sources"),
                               note=str(i.get("note", ""))))
    except (KeyError, TypeError, ValueError, DesignationsError) as exc:
        msg = f"corrupt details of list {list_id!r}: absent: {exc}"
        raise StoreError(msg) from exc
    return tuple(out)


def list_from_row(
    row: Mapping[Any, Any], jurisdiction: Jurisdiction, coverage: Iterable[Period],
    last_published: pendulum.Date | None = None, at: dt.datetime | None = None,
) -> DesignationList:
    """A DesignationList from a `designation_list` row (details decoded; corrupt details raise), as recorded at `at`."""
    from designations.errors import StoreError  # noqa: PLC0415

    raw = row.get("details") or ""
    try:
        details = json.loads(raw) if raw else {}
    except json.JSONDecodeError as exc:
        msg = f"corrupt details of list {row['id']!r}: {exc}"
        raise StoreError(msg) from exc
    if not isinstance(details, dict):
        msg = f"corrupt details of list {row['id']!r}: not an object"
        raise StoreError(msg)
    verified = None
    if row.get("verified_on") is not None:
        verified = Verification(
            on=row["verified_on"], count=row.get("verified_count"),
            sources=sources_from_json(details.get("verified_sources", []), field="verified_sources"),
            note=str(details.get("verified_note", "")),
        )
    return DesignationList(
        id=row["id"],
        jurisdiction=jurisdiction,
        name=row["name"],
        authority=row["authority"],
        legal_basis=row["legal_basis"],
        url=row["url"],
        tags=tuple(t for t in row["tags"].split(",") if t),
        coverage=tuple(coverage),
        established=row.get("established"),
        established_sources=sources_from_json(details.get("established_sources", []),
                                              field="established_sources"),
        allowance_days=row.get("allowance_days"),
        verified=verified,
        reviewed=row.get("reviewed"),
        last_published=last_published,
        absent=_absences(details.get("absent", []), row["id"], at),
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
