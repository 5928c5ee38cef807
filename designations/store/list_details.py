"""
A list's `details` column: its sources, its sourced absences, its answer-bearing fields' past values, its first record.

A list row is updated in place, yet an answer replayed `as_recorded_at` must be the one the store
gave then. So the details keep what an update replaced, in recorded time, as coverage and
relations do in their own tables: each absence with the instant it was recorded (and withdrawn),
and the values of the fields an answer rests on (first day, allowance, check, review) with the
instant they stopped being current. A list written since this was kept also holds the instant it was
first recorded: replayed before it, the list does not exist (a list recorded earlier has none and
is taken to have been there all along).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

import pendulum

from designations.dates import Period
from designations.errors import DesignationsError, StoreError
from designations.model import Absence, DesignationList, Jurisdiction, Verification
from designations.store.convert import sources_from_json, sources_json

__all__ = ["ANSWER_FIELDS", "absences_at", "decode", "encode", "fields_at", "list_from_row", "recorded_by"]

ANSWER_FIELDS = ("established", "allowance_days", "verified_on", "verified_count", "reviewed")
"""The list columns an answer rests on (with coverage, kept in its own table): their past values are kept."""
_DAYS = frozenset({"established", "verified_on", "reviewed"})


def encode(lst: DesignationList, recorded_at: dt.datetime | None = None, stored: str = "",
           replaced: Mapping[str, Any] | None = None, *, new: bool = False) -> str:
    """
    The `details` column for `lst`, written at `recorded_at` over the `stored` one.

    `replaced` holds the answer fields' values this write replaces (None when it changes none of
    them): they are kept, current until `recorded_at`. Absences no longer in `lst` are closed at
    `recorded_at`, new ones recorded from it; both histories keep what `stored` held. A `new` list
    is first recorded at `recorded_at`; a stored one keeps the instant it had (or none).
    """
    before = decode({"id": lst.id, "details": stored}) if stored else {}
    data: dict[str, Any] = {"established_sources": sources_json(lst.established_sources)}
    first = _instant_text(recorded_at) if new and recorded_at is not None else before.get("recorded_from")
    if first is not None:
        data["recorded_from"] = first
    if lst.verified is not None:
        data["verified_sources"] = sources_json(lst.verified.sources)
        data["verified_note"] = lst.verified.note
    now = _instant_text(recorded_at) if recorded_at is not None else None
    absent = _absence_history(lst, now, before.get("absent", []))
    if absent:  # (only lists that have some: the others' stored details stay as they were)
        data["absent"] = absent
    history = list(before.get("history", []))
    if replaced is not None and now is not None:
        history.append({**{k: _text(replaced[k]) for k in ANSWER_FIELDS}, "until": now})
    if history:
        data["history"] = history
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def list_from_row(
    row: Mapping[Any, Any], jurisdiction: Jurisdiction, coverage: Iterable[Period],
    last_published: pendulum.Date | None = None, at: dt.datetime | None = None,
    details: Mapping[str, Any] | None = None,
) -> DesignationList:
    """
    A DesignationList from a `designation_list` row, as recorded at `at` (None: as it is now).

    The row's details are decoded (corrupt details raise) unless the caller has `details` already;
    the fields an answer rests on and the sourced absences are those recorded at `at` (below).
    """
    if details is None:
        details = decode(row)
    fields = fields_at(row, details, at)
    verified = None
    if fields["verified_on"] is not None:
        verified = Verification(
            on=fields["verified_on"], count=fields["verified_count"],
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
        established=fields["established"],
        established_sources=sources_from_json(details.get("established_sources", []),
                                              field="established_sources"),
        allowance_days=fields["allowance_days"],
        verified=verified,
        reviewed=fields["reviewed"],
        last_published=last_published,
        absent=absences_at(details, row["id"], at),
    )


def decode(row: Mapping[Any, Any]) -> dict[str, Any]:
    """A list row's details as an object (corrupt details raise, naming the list)."""
    raw = row.get("details") or ""
    try:
        details = json.loads(raw) if raw else {}
    except json.JSONDecodeError as exc:
        msg = f"corrupt details of list {row['id']!r}: {exc}"
        raise StoreError(msg) from exc
    if not isinstance(details, dict):
        msg = f"corrupt details of list {row['id']!r}: not an object"
        raise StoreError(msg)
    return details


def recorded_by(row: Mapping[Any, Any], details: Mapping[str, Any], at: dt.datetime) -> bool:
    """Whether the list was in the store at `at`: first recorded by then, or recorded before that was kept."""
    first = details.get("recorded_from")
    if first is None:
        return True
    if not isinstance(first, str):
        msg = f"corrupt details of list {row['id']!r}: recorded_from: {first!r:.80}"
        raise StoreError(msg)
    return first <= _instant_text(at)


def fields_at(row: Mapping[Any, Any], details: Mapping[str, Any], at: dt.datetime | None) -> dict[str, Any]:
    """
    The answer fields of a list as recorded at `at` (None: now): the row's, or those an update replaced later.

    The kept values are in the order they were replaced; the first one still current at `at`
    (replaced after it) is the one recorded then.
    """
    current = {k: row.get(k) for k in ANSWER_FIELDS}
    if at is None:
        return current
    when = _instant_text(at)
    try:
        for kept in details.get("history", []):
            if kept["until"] > when:
                return {k: _value(k, kept.get(k)) for k in ANSWER_FIELDS}
    except (KeyError, TypeError, ValueError) as exc:
        msg = f"corrupt details of list {row['id']!r}: history: {exc}"
        raise StoreError(msg) from exc
    return current


def absences_at(details: Mapping[str, Any], list_id: str, at: dt.datetime | None) -> tuple[Absence, ...]:
    """A list's sourced absences as recorded at `at` (None: the current ones)."""
    when = None if at is None else _instant_text(at)
    out = []
    try:
        for i in _items(details.get("absent", []), list_id):
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


def _absence_history(lst: DesignationList, now: str | None, before: object) -> list[dict[str, Any]]:
    """The stored absences with those of `lst.absent` made current (see `encode`)."""
    items = _items(before, lst.id)
    try:
        keys = [_key(item["subject"], item["on"], item["sources"], item["note"]) for item in items]
    except KeyError as exc:
        msg = f"corrupt details of list {lst.id!r}: absent: {exc}"
        raise StoreError(msg) from exc
    wanted = {_key(a.subject_id, a.on.isoformat(), sources_json(a.sources), a.note): a for a in lst.absent}
    out: list[dict[str, Any]] = []
    for item, key in zip(items, keys, strict=True):
        if item.get("recorded_to") is None and key in wanted:
            wanted.pop(key)  # still wanted: kept as first recorded
            out.append(item)
        else:  # closed now, or before
            out.append(item if item.get("recorded_to") is not None else {**item, "recorded_to": now})
    out.extend({"subject": a.subject_id, "on": a.on.isoformat(), "sources": sources_json(a.sources),
                "note": a.note, "recorded_from": now, "recorded_to": None} for a in wanted.values())
    return out


def _key(subject: object, on: object, sources: object, note: object) -> str:
    """What makes two absences the same one, as text."""
    return json.dumps({"subject": subject, "on": on, "sources": sources, "note": note}, sort_keys=True)


def _items(items: object, list_id: str) -> list[dict[str, Any]]:
    """Stored absences, checked to be a list of objects (else corruption, said so)."""
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        msg = f"corrupt details of list {list_id!r}: absent: {items!r:.80}"
        raise StoreError(msg)
    return items


def _instant_text(when: dt.datetime) -> str:
    """An instant as the details hold it: UTC, ISO 8601, to the microsecond (so that texts compare as times)."""
    u = when.astimezone(dt.UTC) if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)
    return u.isoformat(timespec="microseconds")


def _text(value: object) -> object:
    """A kept field as JSON holds it: a day as ISO text, a number or None as it is."""
    return value.isoformat() if isinstance(value, dt.date) else value


def _value(field: str, value: object) -> object:
    """A kept field back: a day from its text, a number or None as it is."""
    if field in _DAYS and isinstance(value, str):
        return pendulum.Date.fromisoformat(value)
    return value
