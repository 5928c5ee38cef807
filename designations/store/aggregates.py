"""
Details as one column: a subject's aliases or identifiers aggregated to JSON, an event's stored citations.

An answer that carries many subjects reads their details in the same
statement, one correlated aggregate per row (`json_group_array` on SQLite,
`json_agg` on PostgreSQL), instead of a second and third scan. Each element
carries its row order (id) last; neither engine promises the order of an
aggregate's input, so elements are sorted here. An event's citations are a
column of its own row (`event.citations`, compact JSON in citing order).
Values were validated when written and are turned back into domain values
without running the validators again; stored text that does not decode is
an error naming its row, never "nothing".
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from typing import Any, TypeVar

import attrs
import pendulum
from sqlalchemy import ColumnElement, func

from designations.dates import DateWindow, Precision
from designations.errors import StoreError
from designations.model import Event, EventKind, Identifier, Name, Scope, Source, Subject

__all__ = [
    "aliases",
    "builder",
    "citations",
    "day",
    "event",
    "identifiers",
    "instant",
    "instant_text",
    "items",
    "json_rows",
    "make_alias",
    "make_identifier",
    "make_subject",
    "window",
]

_T = TypeVar("_T")


def builder(cls: type[_T], *fields: str) -> Callable[..., _T]:
    """
    A positional constructor of the frozen attrs class `cls` for stored, already validated values.

    Each slot is set directly, as `convert._trusted` does by name, without its
    keyword packing or a loop: answers that carry thousands of values spent most
    of their Python time building them. `fields` must name every field of `cls`.
    The function is generated once per class, as attrs generates `__init__`.
    """
    names = {a.name for a in attrs.fields(cls)}  # type: ignore[arg-type]
    if set(fields) != names or len(fields) != len(names):
        msg = f"a builder of {cls.__name__} must set each of its fields once: {sorted(names)}"
        raise TypeError(msg)
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
    scope.update((f"set_{i}", getattr(cls, name).__set__) for i, name in enumerate(fields))
    args = ", ".join(f"v{i}" for i in range(len(fields)))
    body = "".join(f"    set_{i}(inst, v{i})\n" for i in range(len(fields)))
    exec(f"def build({args}):\n    inst = new(cls)\n{body}    return inst\n", scope)  # noqa: S102 - generated from the class's own field count
    build: Callable[..., _T] = scope["build"]
    build.__qualname__ = f"build_{cls.__name__}"
    return build


make_alias = builder(Name, "value", "lang", "script", "primary", "weak")
make_identifier = builder(Identifier, "scheme", "value")
make_subject = builder(Subject, "id", "kind", "name", "aliases", "identifiers")
_make_source = builder(Source, "title", "url", "publisher", "date")
_make_window = builder(DateWindow, "earliest", "latest", "precision")
_make_event = builder(
    Event, "subject_id", "list_id", "kind", "effective", "published", "decided", "listed_as", "scope",
    "instrument", "sources", "note", "id", "recorded_at", "key", "corrects")

_decode = json.JSONDecoder().raw_decode  # the aggregates are compact JSON: no whitespace to skip


def json_rows(dialect: str, *columns: ColumnElement[Any]) -> ColumnElement[Any]:
    """The rows of `columns` as one JSON array of arrays (NULL or `[]` when there are none)."""
    if dialect == "sqlite":
        return func.json_group_array(func.json_array(*columns))
    return func.json_agg(func.json_build_array(*columns))


def items(value: object) -> list[list[Any]]:
    """A JSON aggregate (text on SQLite, already decoded on PostgreSQL; NULL when empty), in row order."""
    if value is None or value == "[]":
        return []
    found: list[list[Any]] = _decode(value)[0] if isinstance(value, str) else value  # type: ignore[assignment]
    if len(found) > 1:
        found.sort(key=lambda item: item[-1])
    return found


@functools.lru_cache(maxsize=65536)
def _day_text(value: str) -> pendulum.Date:
    """A stored day (text) as a Date; days repeat, so they are parsed once."""
    return pendulum.Date(int(value[:4]), int(value[5:7]), int(value[8:10]))


def day(value: object) -> pendulum.Date | None:
    """A day as a driver or an aggregate returns it (text, a date, or NULL)."""
    if value is None:
        return None
    if isinstance(value, str):
        return _day_text(value)
    if isinstance(value, pendulum.Date):
        return value
    if not isinstance(value, dt.date):
        msg = f"not a stored day: {value!r:.40}"
        raise TypeError(msg)
    return _day_date(value)


@functools.lru_cache(maxsize=65536)
def _day_date(value: dt.date) -> pendulum.Date:
    """A driver's date (PostgreSQL) as a Date; days repeat, so each is converted once."""
    return pendulum.Date(value.year, value.month, value.day)


def aliases(value: object) -> tuple[Name, ...]:
    """Aliases from an aggregate of (value, lang, script, weak, id)."""
    if value is None or value == "[]":
        return ()
    return tuple(make_alias(a[0], a[1], a[2], False, bool(a[3])) for a in items(value))  # noqa: FBT003 - the builder is positional


def identifiers(value: object) -> tuple[Identifier, ...]:
    """Identifiers from an aggregate of (scheme, value, id)."""
    if value is None or value == "[]":
        return ()
    return tuple(make_identifier(i[0], i[1]) for i in items(value))


@functools.lru_cache(maxsize=4096)
def _source(title: str, url: str, publisher: str, date: str | None) -> Source:
    """One citation; events cite the same few sources, and a Source is immutable, so each is built once."""
    return _make_source(title, url, publisher, None if date is None else _day_text(date))


def _is_day(value: object) -> bool:
    """Whether `value` is a day as stored (`YYYY-MM-DD` of a real date)."""
    if type(value) is not str or len(value) != 10:  # noqa: PLR2004 - YYYY-MM-DD
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


@functools.lru_cache(maxsize=4096)
def _citations_text(text: str) -> tuple[Source, ...]:
    """Citations from a `citations` column's text; events cite the same few, so each text is decoded once."""
    found, end = _decode(text)
    if end != len(text) or type(found) is not list:
        msg = "not one JSON array"
        raise ValueError(msg)
    out: list[Source] = []
    for c in found:
        if (type(c) is not list or len(c) != 4 or type(c[0]) is not str or type(c[1]) is not str  # noqa: PLR2004
                or type(c[2]) is not str or (c[3] is not None and not _is_day(c[3]))):
            msg = f"not a [title, url, publisher, date] citation: {c!r:.80}"
            raise ValueError(msg)
        out.append(_source(c[0], c[1], c[2], c[3]))
    return tuple(out)


def citations(value: object, event_id: object) -> tuple[Source, ...]:
    """
    The citations of event `event_id` from its `citations` column (None: no event row, as an outer join gives).

    Stored text that is not the column's JSON raises `StoreError` naming the event:
    a corrupt value is never read as "no citations".
    """
    if value is None or value == "[]":
        return ()
    try:
        return _citations_text(value)
    except (ValueError, TypeError) as exc:
        msg = f"corrupt citations stored with event {event_id}: {exc} (in {value!r:.80})"
        raise StoreError(msg) from exc


@functools.lru_cache(maxsize=1024)
def instant_text(value: str) -> pendulum.DateTime:
    """A stored instant (UTC text) as an aware DateTime; rows of one batch share it, so it is parsed once."""
    when = dt.datetime.fromisoformat(value)
    return pendulum.DateTime(when.year, when.month, when.day, when.hour, when.minute, when.second,
                             when.microsecond, tzinfo=pendulum.UTC)


def instant(value: object) -> pendulum.DateTime | None:
    """An instant as a driver returns it (UTC text on SQLite, a naive UTC datetime on PostgreSQL, or NULL)."""
    if value is None:
        return None
    if isinstance(value, str):
        return instant_text(value)
    if not isinstance(value, dt.datetime):
        msg = f"not a stored instant: {value!r:.40}"
        raise TypeError(msg)
    return _instant_naive(value)


@functools.lru_cache(maxsize=1024)
def _instant_naive(value: dt.datetime) -> pendulum.DateTime:
    """A naive UTC datetime (PostgreSQL's) as an aware DateTime; rows of one batch share it, so it is made once."""
    return pendulum.DateTime(value.year, value.month, value.day, value.hour, value.minute, value.second,
                             value.microsecond, tzinfo=pendulum.UTC)


_KIND = {k.value: k for k in EventKind}
_PRECISION = {p.value: p for p in Precision}
_SCOPE = {s.value: s for s in Scope}


def event(  # noqa: PLR0917 - one argument per stored column, in the row's order
    subject_id: str, list_id: str, event_id: int, kind: str, effective_from: object, effective_to: object,
    precision: str, published: object, instrument: str, note: str, key: str, corrects: int | None,
    recorded_at: object, decided_from: object, decided_to: object, listed_as: str | None, scope: str | None,
    sources: tuple[Source, ...],
) -> Event:
    """An event from its stored columns as the driver returns them (stored, validated values; see `citations`)."""
    decided = None
    if decided_from is not None:
        lo, hi = day(decided_from), day(decided_to or decided_from)
        decided = _make_window(lo, hi, Precision.DAY if lo == hi else Precision.RANGE)
    return _make_event(  # (the common cases inline: thousands of events are built per answer)
        subject_id, list_id, _KIND[kind], window(effective_from, effective_to, precision),
        None if published is None else day(published), decided, listed_as or "", _SCOPE[scope or "whole"],
        instrument, sources, note, event_id,
        instant_text(recorded_at) if type(recorded_at) is str else instant(recorded_at), key, corrects)


@functools.lru_cache(maxsize=65536)
def window(earliest: object, latest: object, precision: str) -> DateWindow:
    """An effective window from its stored columns; windows repeat (and are immutable), so each is built once."""
    return _make_window(day(earliest), day(latest), _PRECISION[precision])
