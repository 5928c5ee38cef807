"""Events: listings, amendments, suspensions, reinstatements and removals, each sourced."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any

import attrs
import pendulum

from designations.dates import DateWindow, parse_date, parse_window
from designations.errors import InvalidRecordError
from designations.names import clean_name

__all__ = ["Event", "EventKind", "ListPeriod", "Scope", "Source", "State"]


class EventKind(enum.Enum):
    """What an event does to a designation."""

    LISTED = "LISTED"
    AMENDED = "AMENDED"
    SUSPENDED = "SUSPENDED"
    REINSTATED = "REINSTATED"
    REMOVED = "REMOVED"

    @classmethod
    def parse(cls, value: object) -> EventKind:
        """Read a kind from its name, case-insensitively ("relisted" means LISTED)."""
        if isinstance(value, EventKind):
            return value
        text = str(value).strip().upper()
        text = {"RELISTED": "LISTED", "DELISTED": "REMOVED", "REVOKED": "REMOVED"}.get(text, text)
        try:
            return cls(text)
        except ValueError as exc:
            choices = ", ".join(k.value for k in cls)
            msg = f"unknown event kind {value!r} (one of {choices})"
            raise InvalidRecordError(msg, field="kind") from exc


class Scope(enum.Enum):
    """How much of a subject a designation covers: all of it, or only a part (a military wing)."""

    WHOLE = "whole"
    PART = "part"

    @classmethod
    def parse(cls, value: object) -> Scope:
        """Read a scope from its value, case-insensitively ("" means whole)."""
        if isinstance(value, Scope):
            return value
        text = str(value or "whole").strip().lower()
        try:
            return cls(text)
        except ValueError as exc:
            msg = f"unknown scope {value!r} (one of whole, part)"
            raise InvalidRecordError(msg, field="scope") from exc


class State(enum.Enum):
    """A subject's status on a list on a day; only LISTED is in force."""

    LISTED = "LISTED"
    SUSPENDED = "SUSPENDED"
    REMOVED = "REMOVED"
    NOT_LISTED = "NOT_LISTED"
    UNKNOWN = "UNKNOWN"


def _text(_inst: object, attr: attrs.Attribute[str], value: str) -> None:
    """Free text may hold anything printable, but never a NUL (PostgreSQL refuses it, so we do everywhere)."""
    if not isinstance(value, str):
        raise InvalidRecordError(f"must be text, got {type(value).__name__}", field=attr.name)
    if "\x00" in value:
        raise InvalidRecordError("contains a NUL character", field=attr.name)


def _optional_date(value: object) -> pendulum.Date | None:
    if value is None or value == "":
        return None
    return parse_date(value, field="date")


def _published(value: object) -> pendulum.Date | None:
    if value is None or value == "":
        return None
    return parse_date(value, field="published")


@attrs.frozen(kw_only=True)
class Source:
    """A citation: where a fact was read."""

    title: str = attrs.field(default="", validator=_text)
    url: str = attrs.field(default="", validator=_text)
    publisher: str = attrs.field(default="", validator=_text)
    date: pendulum.Date | None = attrs.field(default=None, converter=_optional_date)

    def __attrs_post_init__(self) -> None:
        """A source needs a title or a URL to be findable."""
        if not (self.title.strip() or self.url.strip()):
            msg = "a source needs a title or a URL"
            raise InvalidRecordError(msg, field="sources")

    def to_dict(self) -> dict[str, Any]:
        """The citation as plain JSON-ready values (the date as ISO text)."""
        return {"title": self.title, "url": self.url, "publisher": self.publisher,
                "date": self.date.isoformat() if self.date else None}


def _event_kind(value: object) -> EventKind:
    return EventKind.parse(value)


def _sources(value: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(value)


def _window(value: object) -> DateWindow:
    return parse_window(value, field="effective")


def _listed_name(_inst: object, attr: attrs.Attribute[str], value: str) -> None:
    """`listed_as` is a name as an act wrote it: the rules of every name, but it may be empty."""
    _text(_inst, attr, value)
    if value:
        try:
            clean_name(value)
        except ValueError as exc:
            raise InvalidRecordError(str(exc), field=attr.name) from exc


def _optional_window(value: object) -> DateWindow | None:
    if value is None or value == "":
        return None
    return parse_window(value, field="decided")


def _scope(value: object) -> Scope:
    return Scope.parse(value)


@attrs.frozen(kw_only=True)
class Event:
    """
    One dated change to a subject's designation on one list.

    Three dates of the act: `decided` is when it was made (decision given,
    order signed), `effective` when it entered into force (a window when
    sources are vague; queries use it), `published` when it was published or
    announced. `recorded_at` is when this store recorded it. `listed_as` is
    the name as the act lists it, and `scope` whether the act covers the
    whole subject or only a part of it. `id` and `recorded_at` are set by the store.
    """

    subject_id: str
    list_id: str
    kind: EventKind = attrs.field(converter=_event_kind)
    effective: DateWindow = attrs.field(converter=_window)
    published: pendulum.Date | None = attrs.field(default=None, converter=_published)
    decided: DateWindow | None = attrs.field(default=None, converter=_optional_window)
    listed_as: str = attrs.field(default="", validator=_listed_name)
    scope: Scope = attrs.field(default=Scope.WHOLE, converter=_scope)
    instrument: str = attrs.field(default="", validator=_text)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_sources)
    note: str = attrs.field(default="", validator=_text)
    id: int | None = None
    recorded_at: dt.datetime | None = None
    key: str = ""
    corrects: int | None = None

    @property
    def known_from(self) -> pendulum.Date:
        """The day from which the event was public: `published`, else its latest effective day."""
        return self.published or self.effective.latest

    def to_dict(self) -> dict[str, Any]:
        """The event as plain JSON-ready values: dates and windows as text, kinds by value, sources as dicts."""
        return {
            "id": self.id,
            "subject_id": self.subject_id,
            "list_id": self.list_id,
            "kind": self.kind.value,
            "decided": str(self.decided) if self.decided else None,
            "effective": str(self.effective),
            "published": self.published.isoformat() if self.published else None,
            "listed_as": self.listed_as,
            "scope": self.scope.value,
            "instrument": self.instrument,
            "note": self.note,
            "sources": [s.to_dict() for s in self.sources],
            "recorded_at": self.recorded_at.isoformat() if self.recorded_at else None,
            "corrects": self.corrects,
        }


@attrs.frozen(kw_only=True)
class ListPeriod:
    """
    The stored status period that answers on one list on a day: what the store derived from the events.

    `since` is the day the state began; `scope_since` the day the designation took
    its current scope (the whole, or a part), the same day unless an amendment changed it.
    `since_earliest` is set when the state began on a day known only as a window:
    it may have begun on any day from `since_earliest` to `since`. `event` is the last
    event surely in force; `pending` the events whose windows hold the day (in force on
    a day not known exactly, they may or may not have taken effect by it).
    """

    state: State
    certain: bool
    possible: frozenset[State]
    since: pendulum.Date | None
    until: pendulum.Date | None
    event: Event | None
    event_ids: tuple[int, ...]
    scope_since: pendulum.Date | None = None
    since_earliest: pendulum.Date | None = None
    pending: tuple[Event, ...] = ()

    @property
    def pending_ids(self) -> tuple[int, ...]:
        """The ids of the events pending in their windows: the period's events after the one surely in force."""
        setter = self.event.id if self.event is not None else None
        return tuple(i for i in self.event_ids if i != setter)
