"""
Answers: a status, a history, a snapshot, a change set.

Every answer carries a `Receipt` (the events it rests on and the store's
data version) so that `as_recorded_at=receipt.data_version` reproduces it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import attrs
import pendulum

from designations.model.events import Event, Source, State
from designations.model.lists import DesignationList
from designations.model.subjects import Subject

__all__ = [
    "ChangeSet",
    "History",
    "Receipt",
    "Snapshot",
    "SnapshotEntry",
    "State",
    "Status",
]


@attrs.frozen(kw_only=True)
class Receipt:
    """What an answer rests on: event ids, the store's data version, and the times asked."""

    event_ids: tuple[int, ...] = ()
    data_version: str = ""
    as_known_at: str | None = None
    as_recorded_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "event_ids": list(self.event_ids),
            "data_version": self.data_version,
            "as_known_at": self.as_known_at,
            "as_recorded_at": self.as_recorded_at,
        }


def _source_dict(s: Source) -> dict[str, Any]:
    return {"title": s.title, "url": s.url, "publisher": s.publisher,
            "date": s.date.isoformat() if s.date else None}


def event_dict(e: Event) -> dict[str, Any]:
    """Plain JSON-ready form of an event."""
    return {
        "id": e.id,
        "subject_id": e.subject_id,
        "list_id": e.list_id,
        "kind": e.kind.value,
        "effective": str(e.effective),
        "published": e.published.isoformat() if e.published else None,
        "instrument": e.instrument,
        "note": e.note,
        "sources": [_source_dict(s) for s in e.sources],
        "recorded_at": e.recorded_at.isoformat() if e.recorded_at else None,
        "corrects": e.corrects,
    }


@attrs.frozen(kw_only=True)
class Status:
    """
    A subject's status in a jurisdiction or on a list, on one day.

    `state` is UNKNOWN when the day is outside the list's coverage, or when it
    falls inside an event's uncertainty window (then `certain` is False and
    `possible_states` says what it could be). `per_list` holds the answer of
    every list of the jurisdiction; `list` names the one that answered.
    """

    subject: Subject
    jurisdiction: str
    on: pendulum.Date
    state: State
    certain: bool = True
    possible_states: frozenset[State] = frozenset()
    since: pendulum.Date | None = None
    until: pendulum.Date | None = None
    list: DesignationList | None = None
    event: Event | None = None
    sources: tuple[Source, ...] = ()
    receipt: Receipt = Receipt()
    per_list: tuple[Status, ...] = ()
    covered: bool = True

    @property
    def in_force(self) -> bool:
        """True only when the designation is LISTED (not suspended, removed or unknown)."""
        return self.state is State.LISTED

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form, the CLI's `--json` output."""
        return {
            "subject": {"id": self.subject.id, "name": self.subject.name,
                        "kind": self.subject.kind.value},
            "jurisdiction": self.jurisdiction,
            "on": self.on.isoformat(),
            "state": self.state.value,
            "in_force": self.in_force,
            "certain": self.certain,
            "possible_states": sorted(s.value for s in self.possible_states),
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "list": self.list.id if self.list else None,
            "event": event_dict(self.event) if self.event else None,
            "sources": [_source_dict(s) for s in self.sources],
            "receipt": self.receipt.to_dict(),
            "per_list": [p.to_dict() for p in self.per_list],
        }

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per list consulted (the answering one first)."""
        rows = self.per_list or (self,)
        return [_status_row(s) for s in rows]

    def __repr__(self) -> str:
        """One line: subject, place, day, state, since."""
        extra = "" if self.certain else f" possible={sorted(s.value for s in self.possible_states)}"
        since = f" since {self.since}" if self.since else ""
        where = self.list.id if self.list else self.jurisdiction
        return (f"<Status {self.subject.name!r} {where} on {self.on}: "
                f"{self.state.value}{since}{extra}>")


def _status_row(s: Status) -> dict[str, Any]:
    return {
        "subject_id": s.subject.id, "subject": s.subject.name,
        "jurisdiction": s.jurisdiction, "list": s.list.id if s.list else None,
        "on": s.on.isoformat(), "state": s.state.value, "in_force": s.in_force,
        "certain": s.certain, "since": s.since.isoformat() if s.since else None,
        "until": s.until.isoformat() if s.until else None,
        "event_ids": list(s.receipt.event_ids),
    }


@attrs.frozen(kw_only=True)
class History:
    """Every event of one subject on every list, in effective-date order."""

    subject: Subject
    events: tuple[Event, ...]
    lists: tuple[DesignationList, ...] = ()
    receipt: Receipt = Receipt()

    def __iter__(self) -> Iterator[Event]:
        """Iterate over the events."""
        return iter(self.events)

    def __len__(self) -> int:
        """Number of events."""
        return len(self.events)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per event."""
        return [event_dict(e) for e in self.events]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {"subject": {"id": self.subject.id, "name": self.subject.name},
                "events": self.to_records(), "receipt": self.receipt.to_dict()}

    def __repr__(self) -> str:
        """Subject and event count."""
        return f"<History {self.subject.name!r}: {len(self.events)} events>"


@attrs.frozen(kw_only=True)
class SnapshotEntry:
    """One subject in force on a list on the snapshot's day."""

    subject: Subject
    list_id: str
    since: pendulum.Date
    event_id: int | None


@attrs.frozen(kw_only=True)
class Snapshot:
    """Every subject in force on a jurisdiction's lists (or one list) on one day."""

    jurisdiction: str
    on: pendulum.Date
    entries: tuple[SnapshotEntry, ...]
    lists: tuple[DesignationList, ...] = ()
    receipt: Receipt = Receipt()

    def __iter__(self) -> Iterator[SnapshotEntry]:
        """Iterate over the entries."""
        return iter(self.entries)

    def __len__(self) -> int:
        """Number of entries."""
        return len(self.entries)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per entry."""
        return [
            {"subject_id": e.subject.id, "subject": e.subject.name, "kind": e.subject.kind.value,
             "list": e.list_id, "since": e.since.isoformat(), "event_id": e.event_id}
            for e in self.entries
        ]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {"jurisdiction": self.jurisdiction, "on": self.on.isoformat(),
                "entries": self.to_records(), "receipt": self.receipt.to_dict()}

    def __repr__(self) -> str:
        """Place, day and size."""
        return f"<Snapshot {self.jurisdiction} on {self.on}: {len(self.entries)} in force>"


@attrs.frozen(kw_only=True)
class ChangeSet:
    """The events that took effect on a jurisdiction's lists within `[since, until]`."""

    jurisdiction: str
    since: pendulum.Date
    until: pendulum.Date
    events: tuple[Event, ...]
    subjects: tuple[Subject, ...] = ()
    receipt: Receipt = Receipt()

    def __iter__(self) -> Iterator[Event]:
        """Iterate over the events."""
        return iter(self.events)

    def __len__(self) -> int:
        """Number of events."""
        return len(self.events)

    def by_kind(self) -> dict[str, Sequence[Event]]:
        """The events grouped as listings, removals, suspensions and so on."""
        out: dict[str, list[Event]] = {}
        for e in self.events:
            out.setdefault(e.kind.value, []).append(e)
        return out

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per event, with the subject's name."""
        names = {s.id: s.name for s in self.subjects}
        return [{**event_dict(e), "subject": names.get(e.subject_id, "")} for e in self.events]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {"jurisdiction": self.jurisdiction, "since": self.since.isoformat(),
                "until": self.until.isoformat(), "events": self.to_records(),
                "receipt": self.receipt.to_dict()}

    def __repr__(self) -> str:
        """Place, window and counts per kind."""
        counts = ", ".join(f"{k}={len(v)}" for k, v in self.by_kind().items())
        return f"<ChangeSet {self.jurisdiction} {self.since}..{self.until}: {counts or 'none'}>"
