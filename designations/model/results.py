"""
Answers: a status, a history, a snapshot, a change set.

Every answer carries a `Receipt` (the events it rests on and the store's
data version) so that `as_recorded_at=receipt.data_version` reproduces it.

Every answer also shows itself: a readable `repr`, a compact HTML table for
Jupyter (`_repr_html_`), plain dicts (`to_records()`) and, with the `pandas`
extra installed, a DataFrame (`to_pandas()`). These come from one base,
`Table`; the answers that hold several items (`Collection`, `Rows`) are also
iterated, counted and indexed through it. Search and screening results
(`designations.screening`) use the same base.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, overload

import attrs
import pendulum

from designations import _html
from designations.errors import MissingExtraError
from designations.model.events import Event, Scope, Source, State
from designations.model.lists import Absence, DesignationList
from designations.model.subjects import Relation, Subject

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ChangeSet",
    "Collection",
    "DataBasis",
    "Extent",
    "History",
    "Receipt",
    "Rescoped",
    "Rows",
    "Snapshot",
    "SnapshotEntry",
    "State",
    "Status",
    "Statuses",
    "Table",
    "began_text",
    "scope_window",
    "since_text",
]

_REPR_LINES = 20
"""Rows a multi-line `repr` shows before saying how many more there are."""
_SNAPSHOT_COLUMNS = ("subject_id", "subject", "kind", "list", "scope", "listed_as", "since", "since_earliest",
                     "scope_since", "scope_since_earliest", "event_id")
_STATUS_COLUMNS = ("subject_id", "subject", "jurisdiction", "list", "on", "state", "in_force",
                   "extent", "listed_as", "certain", "since", "since_earliest", "scope_since", "until", "reason",
                   "data_until", "event_ids")
_STATUS_HTML_COLUMNS = ("jurisdiction", "list", "on", "state", "in force", "listed as", "since", "until",
                        "event", "reason", "source")
_EVENT_COLUMNS = ("id", "subject_id", "list_id", "kind", "decided", "effective", "published", "listed_as",
                  "scope", "instrument", "note", "sources", "recorded_at", "corrects")
_Records = list[dict[str, Any]]
"""Plain rows, as `to_records()` returns them (spelled once: `Status.list` shadows `list`)."""

_DATE_COLUMNS = ("on", "since", "until", "published")
"""Record fields holding one ISO day (or None): `to_pandas` turns them into datetime64.

`recorded_at` (an instant) becomes a UTC datetime64; `effective` stays text (it may be a window).
"""


def _frame(records: list[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    """Build a DataFrame of `records`: `columns` in order, day columns as datetime64."""
    try:
        import pandas as pd  # noqa: PLC0415 - optional extra, imported on use
    except ImportError as exc:
        raise MissingExtraError("pandas", "pandas") from exc
    frame = pd.DataFrame.from_records(records, columns=list(columns))
    for col in _DATE_COLUMNS:
        if col in frame.columns:
            frame[col] = pd.to_datetime(frame[col])
    if "recorded_at" in frame.columns:
        frame["recorded_at"] = pd.to_datetime(frame["recorded_at"], utc=True, format="ISO8601")
    return frame


R = TypeVar("R")
"""A row of a result's table."""
T = TypeVar("T")
"""An item of a result that is a collection (a search's candidate, a history's event)."""


class Table(Generic[R]):
    """
    The one way a result is tabulated: rows as plain records, a DataFrame, an HTML table.

    A result names its rows (`_rows`), how one row reads as a record and as HTML
    cells, its columns and its caption; `Collection` adds iteration, length and indexing.
    """

    __slots__ = ()
    _columns: ClassVar[tuple[str, ...]]
    _html_columns: ClassVar[tuple[str, ...]]

    def _rows(self) -> Sequence[R]:
        raise NotImplementedError

    def _record(self, row: R) -> dict[str, Any]:
        raise NotImplementedError

    def _html_row(self, row: R) -> dict[str, str]:
        raise NotImplementedError

    def _caption(self) -> str:
        raise NotImplementedError

    def to_records(self) -> _Records:
        """One plain dict per row."""
        return [self._record(r) for r in self._rows()]

    def columns(self) -> tuple[str, ...]:
        """The keys of `to_records()`'s rows, in order: a CSV header, a DataFrame's columns."""
        return self._columns

    def to_pandas(self) -> pd.DataFrame:
        """
        `to_records()` as a DataFrame; day columns are datetime64 (`effective` stays text: it may be a window).

        Raises:
            MissingExtraError: pandas is not installed (`pip install 'designations[pandas]'`).

        """
        return _frame(self.to_records(), self._columns)

    def _repr_html_(self) -> str:
        """Show the rows as an HTML table (Jupyter)."""
        return _html.table((self._html_row(r) for r in self._rows()), self._html_columns, caption=self._caption())


class Collection(Table[R], Generic[T, R]):
    """
    A result that holds items: iterate over them, count them, index them; its table shows them.

    An item may take several rows of the table (a search's candidate has one per
    jurisdiction asked); `Rows` is the collection whose items are its rows.
    """

    __slots__ = ()

    def _items(self) -> Sequence[T]:
        raise NotImplementedError

    def __iter__(self) -> Iterator[T]:
        """Iterate over the items."""
        return iter(self._items())

    def __len__(self) -> int:
        """Count the items."""
        return len(self._items())

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        """The item at `index` (a slice gives several)."""
        return self._items()[index]


class Rows(Collection[T, T]):
    """A result that is a collection of its table's rows (a history's events)."""

    __slots__ = ()

    def _items(self) -> Sequence[T]:
        return self._rows()


def _source_cell(sources: Iterable[Source]) -> str:
    return "<br>".join(_html.link(s.title or s.url, s.url) for s in sources)


def _state_cell(state: State, certain: bool = True, possible: Iterable[State] = ()) -> str:
    text = f"<strong>{_html.escape(state.value)}</strong>"
    if not certain:
        text += " (one of " + _html.escape(", ".join(sorted(p.value for p in possible))) + ")"
    return text


class Extent(enum.Enum):
    """
    What a designation covers of the subject asked about.

    WHOLE: the subject itself (or a body that contains it, or the same
    organisation under another name). PART: only a part of it (a military
    wing). RELATED: a related organisation (predecessor, successor, or a part
    of the organisation it belongs to).
    """

    WHOLE = "whole"
    PART = "part"
    RELATED = "related"


@attrs.frozen(kw_only=True)
class DataBasis:
    """
    What one list's answer rests on, and whether the day asked is past it.

    `kind` is "publication" (imports), "verification" (curated data checked
    complete against an official source), "coverage", "declared" (complete
    with no end) or "none" (no complete copy held). `until` is the last day
    held complete; absence from the list proves nothing after `until` plus
    the allowance (`outdated`). `tracked_until` is the last day the named
    subjects' events were checked; their state is not answered after
    `horizon` (that day plus the allowance: `stale`).
    """

    list_id: str
    kind: str
    until: pendulum.Date | None = None
    tracked_until: pendulum.Date | None = None
    allowance_days: int | None = None
    horizon: pendulum.Date | None = None
    outdated: bool = False
    stale: bool = False
    sources: tuple[Source, ...] = ()

    def describe(self) -> str:
        """One line: what the answer on this list rests on."""
        if self.kind in ("none", "declared") or self.until is None:
            held = "held complete with no end date" if self.kind == "declared" else "no complete copy held"
            return f"{self.list_id}: {held}"
        what = "last publication seen" if self.kind == "publication" else "verified complete on"
        if self.kind == "coverage":
            what = "held complete until"
        return f"{self.list_id}: {what} {self.until}, allowance {self.allowance_days or 0} days"

    def warning(self) -> str | None:
        """A one-line warning when the day asked is past what this list's data vouches for."""
        if self.stale:
            return (f"warning: {self.list_id}: no data after {self.tracked_until} "
                    f"(allowance {self.allowance_days or 0} days); update the store before relying on it")
        if self.outdated:
            return (f"warning: {self.list_id}: held complete only until {self.until} "
                    f"(allowance {self.allowance_days or 0} days); absence from it proves nothing after that")
        return None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {"list": self.list_id, "kind": self.kind,
                "until": self.until.isoformat() if self.until else None,
                "tracked_until": self.tracked_until.isoformat() if self.tracked_until else None,
                "allowance_days": self.allowance_days,
                "horizon": self.horizon.isoformat() if self.horizon else None,
                "outdated": self.outdated, "stale": self.stale,
                "sources": [s.to_dict() for s in self.sources]}


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


@attrs.frozen(kw_only=True)
class Status(Table["Status"]):
    """
    A subject's status in a jurisdiction or on a list, on one day.

    `state` is UNKNOWN when the day is outside the list's coverage or past
    what its data vouches for, or when it falls inside an event's uncertainty
    window (then `certain` is False and `possible_states` says what it could
    be). `reason` says why in a sentence. `per_list` holds the answer of
    every list of the jurisdiction; `list` names the one that decided.

    A designation found answers with its `extent`: WHOLE when it covers the
    subject itself, PART when only a part of it is designated (a military
    wing), RELATED when it is a related organisation's. `via` is the relation
    that led to it and `designated` the subject it is on, when that is not
    the subject asked about. Only a WHOLE designation is `in_force`; a PART
    or RELATED one is `partly_in_force`. `since` is the day the state began;
    `until` the day of the next recorded change (a new state, or new terms).
    `scope_since` is the day the designation found took its current scope
    (`event.scope`: the whole, or a part); it is later than `since` when an
    amendment widened or narrowed the designation: the United Kingdom listed
    Hamas' military wing from 2001 and Hamas as a whole from 26 November 2021.
    When the act that began the state is in force on a day known only as a
    window, `since` is the window's last day (the first on which the state is
    certain) and `since_earliest` its first: Russia's ban of the Taliban,
    decided in 2003, is certain only from its publication in 2006. `event`
    is the last act surely in force; `pending` the acts whose windows hold
    the day (in force on a day not known exactly, they may or may not have
    taken effect by it): they are what makes an answer uncertain.
    """

    subject: Subject
    jurisdiction: str
    on: pendulum.Date
    state: State
    certain: bool = True
    possible_states: frozenset[State] = frozenset()
    since: pendulum.Date | None = None
    until: pendulum.Date | None = None
    scope_since: pendulum.Date | None = None
    since_earliest: pendulum.Date | None = None
    list: DesignationList | None = None
    event: Event | None = None
    pending: tuple[Event, ...] = ()
    sources: tuple[Source, ...] = ()
    receipt: Receipt = Receipt()
    per_list: tuple[Status, ...] = ()
    covered: bool = True
    extent: Extent | None = None
    listed_as: str = ""
    via: tuple[Relation, ...] = ()
    designated: Subject | None = None
    reason: str = ""
    basis: tuple[DataBasis, ...] = ()
    last_known: State | None = None

    @property
    def in_force(self) -> bool:
        """True only when a designation of the subject itself is LISTED (not a part, not suspended)."""
        return self.state is State.LISTED and self.extent is not Extent.PART and self.extent is not Extent.RELATED

    @property
    def partly_in_force(self) -> bool:
        """True when only a part of the subject, or a related organisation, is LISTED."""
        return self.state is State.LISTED and self.extent in (Extent.PART, Extent.RELATED)

    @property
    def stale(self) -> bool:
        """Whether some list consulted has no data vouching for the day asked."""
        return any(b.stale for b in self.basis)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form, the CLI's `--json` output."""
        return {
            "subject": {"id": self.subject.id, "name": self.subject.name,
                        "kind": self.subject.kind.value},
            "jurisdiction": self.jurisdiction,
            "on": self.on.isoformat(),
            "state": self.state.value,
            "in_force": self.in_force,
            "partly_in_force": self.partly_in_force,
            "extent": self.extent.value if self.extent else None,
            "listed_as": self.listed_as or None,
            "via": [{"subject": r.subject_id, "relation": r.kind.value, "other": r.other_id,
                     "since": r.since.isoformat() if r.since else None,
                     "until": r.until.isoformat() if r.until else None} for r in self.via],
            "designated": {"id": self.designated.id, "name": self.designated.name} if self.designated else None,
            "reason": self.reason,
            "last_known": self.last_known.value if self.last_known else None,
            "basis": [b.to_dict() for b in self.basis],
            "certain": self.certain,
            "possible_states": sorted(s.value for s in self.possible_states),
            "since": self.since.isoformat() if self.since else None,
            "since_earliest": self.since_earliest.isoformat() if self.since_earliest else None,
            "scope_since": self.scope_since.isoformat() if self.scope_since else None,
            "until": self.until.isoformat() if self.until else None,
            "list": self.list.id if self.list else None,
            "event": self.event.to_dict() if self.event else None,
            "pending": [e.to_dict() for e in self.pending],
            "sources": [s.to_dict() for s in self.sources],
            "receipt": self.receipt.to_dict(),
            "per_list": [p.to_dict() for p in self.per_list],
        }

    _columns = _STATUS_COLUMNS
    _html_columns = _STATUS_HTML_COLUMNS

    def _rows(self) -> Sequence[Status]:
        """One row per list consulted, the answering one first."""
        return self.per_list or (self,)

    def _record(self, row: Status) -> dict[str, Any]:
        return _status_row(row)

    def _html_row(self, row: Status) -> dict[str, str]:
        return _status_html_row(row)

    def _caption(self) -> str:
        caption = f"{self.subject.name} in {self.jurisdiction} on {self.on}: {self.state.value}"
        return caption if self.certain else caption + " (uncertain)"

    def __repr__(self) -> str:
        """One line: subject, place, day, state, since."""
        extra = "" if self.certain else f" possible={sorted(s.value for s in self.possible_states)}"
        since = f" since {began_text(self.since, self.since_earliest)}" if self.since else ""
        where = self.list.id if self.list else self.jurisdiction
        part = f" ({self.extent.value}: {self.listed_as})" if self.extent not in (None, Extent.WHOLE) else ""
        return (f"<Status {self.subject.name!r} {where} on {self.on}: "
                f"{self.state.value}{part}{since}{extra}>")





def _status_html_row(s: Status) -> dict[str, str]:
    event = ""
    if s.event is not None:
        decided = f" (decided {s.event.decided})" if s.event.decided else ""
        event = _html.escape(f"{s.event.kind.value} in force {s.event.effective}{decided}")
        if s.event.instrument:
            event += "<br><small>" + _html.escape(s.event.instrument) + "</small>"
    return {
        "subject": _html.escape(s.subject.name),
        "jurisdiction": _html.escape(s.jurisdiction),
        "list": _html.escape(s.list.id if s.list else ""),
        "on": _html.escape(s.on),
        "state": _state_cell(s.state, s.certain, s.possible_states),
        "in force": _html.cell(s.in_force) + (" (a part)" if s.partly_in_force else ""),
        "listed as": _html.escape(s.listed_as),
        "reason": _html.escape(s.reason),
        "since": _html.escape(began_text(s.since, s.since_earliest) if s.since else None),
        "until": _html.escape(s.until),
        "event": event,
        "source": _source_cell(s.sources),
    }


def _status_row(s: Status) -> dict[str, Any]:
    return {
        "subject_id": s.subject.id, "subject": s.subject.name,
        "jurisdiction": s.jurisdiction, "list": s.list.id if s.list else None,
        "on": s.on.isoformat(), "state": s.state.value, "in_force": s.in_force,
        "extent": s.extent.value if s.extent else None, "listed_as": s.listed_as or None,
        "certain": s.certain, "since": s.since.isoformat() if s.since else None,
        "since_earliest": s.since_earliest.isoformat() if s.since_earliest else None,
        "scope_since": s.scope_since.isoformat() if s.scope_since else None,
        "until": s.until.isoformat() if s.until else None, "reason": s.reason,
        "data_until": next((b.until.isoformat() for b in s.basis if b.until), None),
        "event_ids": list(s.receipt.event_ids),
    }


class Statuses(tuple[Status, ...], Table[Status]):
    """
    Several statuses of one subject (one per jurisdiction), as `who_lists` answers.

    A tuple: iterate, index and compare it like one. It adds a table view:
    `to_records()`, `to_pandas()` and an HTML table in Jupyter.
    """

    __slots__ = ()
    _columns = _STATUS_COLUMNS
    _html_columns = _STATUS_HTML_COLUMNS

    def _rows(self) -> Sequence[Status]:
        """One row per jurisdiction (its answering list's status)."""
        return self

    def _record(self, row: Status) -> dict[str, Any]:
        return _status_row(row)

    def _html_row(self, row: Status) -> dict[str, str]:
        return _status_html_row(row)

    def _caption(self) -> str:
        return f"{self[0].subject.name} on {self[0].on}" if self else ""

    def to_dict(self) -> list[dict[str, Any]]:
        """Plain JSON-ready form: each status's `to_dict()`."""
        return [s.to_dict() for s in self]

    def __repr__(self) -> str:
        """One line per jurisdiction."""
        if not self:
            return "<Statuses: none>"
        first = self[0]
        lines = [f"<Statuses {first.subject.name!r} on {first.on}: {len(self)} jurisdictions"]
        for s in self:
            where = s.list.id if s.list else s.jurisdiction
            since = f" since {began_text(s.since, s.since_earliest)}" if s.since else ""
            unsure = "" if s.certain else " (uncertain)"
            lines.append(f"  {s.jurisdiction:<3} {where:<30} {s.state.value}{since}{unsure}")
        return "\n".join(lines) + ">"





def _event_html_row(e: Event, subject: str = "") -> dict[str, str]:
    return {
        "decided": _html.escape(e.decided or ""),
        "effective": _html.escape(e.effective),
        "subject": _html.escape(subject),
        "list": _html.escape(e.list_id),
        "event": f"<strong>{_html.escape(e.kind.value)}</strong>",
        "published": _html.escape(e.published),
        "instrument": _html.escape(e.instrument),
        "source": _source_cell(e.sources),
        "id": _html.escape(e.id),
    }


def _event_lines(events: Sequence[Event], names: dict[str, str] | None = None,
                 limit: int = _REPR_LINES) -> list[str]:
    shown = events if len(events) <= limit else events[:limit]
    lines = []
    for e in shown:
        who = f"  {names.get(e.subject_id, e.subject_id)}" if names is not None else ""
        lines.append(f"  {e.effective!s:<23} {e.list_id:<28} {e.kind.value:<10}{who}".rstrip())
    if len(events) > limit:
        lines.append(f"  … {len(events) - limit} more")
    return lines


@attrs.frozen(kw_only=True)
class History(Rows[Event]):
    """
    Every event of one subject on every list, in effective-date order.

    `absent` pairs each list a source says the subject was not on with that absence (`Absence`);
    `related` holds the relations the subject takes part in (either end), by which another
    subject's designation can answer for it (`Status.via`), each with the other subject.
    """

    subject: Subject
    events: tuple[Event, ...]
    lists: tuple[DesignationList, ...] = ()
    receipt: Receipt = Receipt()
    absent: tuple[tuple[str, Absence], ...] = ()
    related: tuple[tuple[Relation, Subject], ...] = ()

    _columns = _EVENT_COLUMNS
    _html_columns = ("decided", "effective", "list", "event", "published", "instrument", "source")

    def _rows(self) -> Sequence[Event]:
        return self.events

    def _record(self, row: Event) -> dict[str, Any]:
        return row.to_dict()

    def _html_row(self, row: Event) -> dict[str, str]:
        return _event_html_row(row)

    def _caption(self) -> str:
        return f"{self.subject.name}: {len(self.events)} events"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {"subject": {"id": self.subject.id, "name": self.subject.name},
                "events": self.to_records(), "receipt": self.receipt.to_dict(),
                "absent": [{"list": list_id, "on": a.on.isoformat(), "note": a.note,
                            "sources": [x.to_dict() for x in a.sources]} for list_id, a in self.absent],
                "related": [{"subject": r.subject_id, "relation": r.kind.value, "other": r.other_id,
                             "other_name": other.name, "list": r.list_id or None,
                             "since": r.since.isoformat() if r.since else None,
                             "until": r.until.isoformat() if r.until else None, "note": r.note,
                             "sources": [x.to_dict() for x in r.sources]} for r, other in self.related]}

    def __repr__(self) -> str:
        """Subject and event count, then one line per event (the first 20)."""
        head = f"<History {self.subject.name!r}: {len(self.events)} events"
        return "\n".join([head, *_event_lines(self.events)]) + ">"



def began_text(since: pendulum.Date, earliest: pendulum.Date | None = None) -> str:
    """`2006-07-28`, or `a day in 2003-02-15/2006-07-28` when the state began on a day known only as a window."""
    if earliest is None or earliest >= since:
        return since.isoformat()  # (pendulum's __format__ is slow)
    return f"a day in {earliest.isoformat()}/{since.isoformat()}"


def scope_window(event: Event | None, scope_since: pendulum.Date | None) -> pendulum.Date | None:
    """
    The first day a designation's scope may have changed on, when that day is known only as a window.

    `event` is the designation's setting event: it is the act that changed the scope when its
    window ends on `scope_since`, the first day the new scope is certain.
    """
    return None if event is None else window_opening(event.effective.earliest, event.effective.latest, scope_since)


def window_opening(earliest: pendulum.Date, latest: pendulum.Date, day: pendulum.Date | None) -> pendulum.Date | None:
    """The first day of an act's window `earliest`/`latest` when the window ends on `day` and opens before it."""
    if day is None or latest != day or earliest >= day:
        return None
    return earliest


def since_text(
    since: pendulum.Date, scope_since: pendulum.Date | None, scope: Scope, earliest: pendulum.Date | None = None,
    scope_earliest: pendulum.Date | None = None,
) -> str:
    """
    `2001-03-29 (the whole since 2021-11-26)`: the day a state began, and the day its scope did when later.

    A state that began on a day known only as a window reads `a day in 2003-02-15/2006-07-28`
    (`earliest`, then `since`, the first day it is certain); a scope likewise (`scope_earliest`).
    """
    began = began_text(since, earliest)
    if scope_since is None or scope_since <= since:
        return began
    what = "the whole" if scope is Scope.WHOLE else "only a part"
    return f"{began} ({what} since {began_text(scope_since, scope_earliest)})"


@attrs.frozen(kw_only=True)
class SnapshotEntry:
    """
    One entry in force on a list on the snapshot's day, and the subject it names.

    An entry can list only a part of its subject (a military wing): then
    `scope` is PART and `listed_as` the name the entry lists it under, and the
    subject is not designated as a whole. `since` is the day the entry's state
    began; `scope_since` the day it took its scope, later when an amendment
    widened or narrowed it. `since_earliest` is set when the state began on a
    day known only as a window: any day from it to `since`; `scope_since_earliest`
    likewise when the scope changed on such a day.
    """

    subject: Subject
    list_id: str
    since: pendulum.Date
    event_id: int | None
    scope: Scope = Scope.WHOLE
    listed_as: str = ""
    """The name the entry lists, given when it lists only a part of the subject."""
    scope_since: pendulum.Date | None = None
    since_earliest: pendulum.Date | None = None
    scope_since_earliest: pendulum.Date | None = None

    @property
    def whole(self) -> bool:
        """True when the entry designates the subject as a whole."""
        return self.scope is Scope.WHOLE

    def label(self) -> str:
        """The subject's name, and the part listed when the entry lists only a part."""
        if self.whole:
            return self.subject.name
        return f"{self.subject.name} (a part: {self.listed_as})" if self.listed_as else f"{self.subject.name} (a part)"

    def since_text(self) -> str:
        """`since` as text, with the day the scope began when an amendment changed it."""
        return since_text(self.since, self.scope_since, self.scope, self.since_earliest, self.scope_since_earliest)


@attrs.frozen(kw_only=True)
class Snapshot(Rows[SnapshotEntry]):
    """Every entry in force on a jurisdiction's lists (or one list) on one day; `parts()` count only a part."""

    jurisdiction: str
    on: pendulum.Date
    entries: tuple[SnapshotEntry, ...]
    lists: tuple[DesignationList, ...] = ()
    receipt: Receipt = Receipt()
    basis: tuple[DataBasis, ...] = ()
    """What each list's part rests on: after a list's data ends plus its allowance, it may be incomplete."""

    _columns = _SNAPSHOT_COLUMNS
    _html_columns = ("subject", "kind", "list", "since")

    def _rows(self) -> Sequence[SnapshotEntry]:
        return self.entries

    def _record(self, row: SnapshotEntry) -> dict[str, Any]:
        return {"subject_id": row.subject.id, "subject": row.subject.name, "kind": row.subject.kind.value,
                "list": row.list_id, "scope": row.scope.value, "listed_as": row.listed_as or None,
                "since": row.since.isoformat(),
                "since_earliest": row.since_earliest.isoformat() if row.since_earliest else None,
                "scope_since": (row.scope_since or row.since).isoformat(),
                "scope_since_earliest": row.scope_since_earliest.isoformat() if row.scope_since_earliest else None,
                "event_id": row.event_id}

    def _html_row(self, row: SnapshotEntry) -> dict[str, str]:
        return {"subject": _html.escape(row.label()), "kind": _html.escape(row.subject.kind.value),
                "list": _html.escape(row.list_id), "since": _html.escape(row.since_text())}

    def parts(self) -> int:
        """How many entries list only a part of the subject they name."""
        return sum(1 for e in self.entries if not e.whole)

    def _heading(self) -> str:
        parts = self.parts()
        tail = f" ({parts} of them only a part of the subject named)" if parts else ""
        return f"{self.jurisdiction} on {self.on}: {len(self.entries)} in force{tail}"

    def _caption(self) -> str:
        return self._heading()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {"jurisdiction": self.jurisdiction, "on": self.on.isoformat(),
                "entries": self.to_records(), "basis": [b.to_dict() for b in self.basis],
                "receipt": self.receipt.to_dict()}

    def __repr__(self) -> str:
        """Place, day and size, then one line per entry (the first 20)."""
        head = f"<Snapshot {self._heading()}"
        lines = [f"  {e.label():<50} {e.list_id:<28} since {e.since_text()}"
                 for e in self.entries[:_REPR_LINES]]
        if len(self.entries) > _REPR_LINES:
            lines.append(f"  … {len(self.entries) - _REPR_LINES} more")
        return "\n".join([head, *lines]) + ">"



@attrs.frozen(kw_only=True)
class Rescoped:
    """An amendment that changed its designation's scope (the whole, or a part), and the scope it replaced."""

    event_id: int
    scope_before: Scope
    listed_as_before: str = ""
    """The name the designation listed before the amendment (the part's name, when it listed only a part)."""


@attrs.frozen(kw_only=True)
class ChangeSet(Rows[Event]):
    """
    The events that took effect on a jurisdiction's lists within `[since, until]`.

    `rescoped` holds the amendments among them that changed their
    designation's scope: the United Kingdom's amendment of 26 November 2021
    widened its entry for Hamas from the Izz al-Din al-Qassam Brigades (a
    part) to the whole organisation. `scope_before(event)` looks one up.
    """

    jurisdiction: str
    since: pendulum.Date
    until: pendulum.Date
    events: tuple[Event, ...]
    subjects: tuple[Subject, ...] = ()
    receipt: Receipt = Receipt()
    rescoped: tuple[Rescoped, ...] = ()

    _columns = (*_EVENT_COLUMNS, "subject", "scope_before", "listed_as_before")
    _html_columns = ("effective", "subject", "list", "event", "instrument", "source")

    def _rows(self) -> Sequence[Event]:
        return self.events

    def _record(self, row: Event) -> dict[str, Any]:
        before = self.scope_before(row)
        return {**row.to_dict(), "subject": self._names().get(row.subject_id, ""),
                "scope_before": before.scope_before.value if before else None,
                "listed_as_before": (before.listed_as_before or None) if before else None}

    def scope_before(self, event: Event) -> Rescoped | None:
        """The scope `event` replaced, when it is an amendment that changed its designation's scope; else None."""
        return next((r for r in self.rescoped if r.event_id == event.id), None)

    def _html_row(self, row: Event) -> dict[str, str]:
        return _event_html_row(row, self._names().get(row.subject_id, row.subject_id))

    def _caption(self) -> str:
        return f"{self.jurisdiction} {self.since} to {self.until}: {len(self.events)} events"

    def _names(self) -> dict[str, str]:
        return {s.id: s.name for s in self.subjects}

    def by_kind(self) -> dict[str, Sequence[Event]]:
        """Group the events as listings, removals, suspensions and so on."""
        out: dict[str, list[Event]] = {}
        for e in self.events:
            out.setdefault(e.kind.value, []).append(e)
        grouped: dict[str, Sequence[Event]] = dict(out)
        return grouped


    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {"jurisdiction": self.jurisdiction, "since": self.since.isoformat(),
                "until": self.until.isoformat(), "events": self.to_records(),
                "receipt": self.receipt.to_dict()}

    def __repr__(self) -> str:
        """Place, window and counts per kind, then one line per event (the first 20)."""
        counts = ", ".join(f"{k}={len(v)}" for k, v in self.by_kind().items())
        head = f"<ChangeSet {self.jurisdiction} {self.since}..{self.until}: {counts or 'none'}"
        names = {s.id: s.name for s in self.subjects}
        return "\n".join([head, *_event_lines(self.events, names)]) + ">"

