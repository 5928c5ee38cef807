"""
History from successive publications of one list: LISTED, REMOVED, AMENDED.

Most authorities publish only the current state of a list, so the events
have to be inferred by comparing publications. Pure functions, no I/O.

The rules, for a publication `c` and the one before it, `p`:

* An entry in `c` but not in `p` is LISTED. It takes the official listing
  date when the file gives one and nothing contradicts it. When `p` already
  showed the entry absent after that date (the UN re-added 2006 Iran
  listings in 2025 with their original dates), the (re)listing happened in
  `(p, c]`, and that window is the effective date instead.
* An entry in `p` but not in `c` is REMOVED within `(p, c]`, i.e. the
  window from the day after `p` to the day of `c`.
* An entry still in `c` is REMOVED on the date the file gives when the file
  reports it removed (EU delisting), or when its end date (FtM `endDate`)
  has passed by `c`; an end date still ahead removes nothing yet.
* An entry whose fingerprint (name, aliases, programs) changed is AMENDED, on
  the file's amendment date when one falls in `(p, c]`, else within it.
* An entry the file shows suspended (FtM `status: suspended`: the designation
  stands, not in force) is SUSPENDED within `(p, c]` when `p` showed it in force,
  and REINSTATED within `(p, c]` when `p` showed it suspended and `c` does not.
  An entry first seen suspended is LISTED, then SUSPENDED at some day from its
  listing up to `c`.
* Entries of the first publication seen are LISTED on their official date,
  else at some unknown day up to that publication.

Events carry deterministic keys (`import:<list>:<entry>:<kind>:<window>`),
so a publication imported out of order is placed between its neighbours:
`diff` returns the events to add and the keys of events, derived earlier
from the neighbours alone, that no longer hold and must be retracted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs
import pendulum

from designations.dates import DateWindow, Precision, next_day, parse_window
from designations.errors import InvalidDateError, StoreError
from designations.formats.records import Entry, Tombstone
from designations.model.events import EventKind

__all__ = [
    "EARLIEST",
    "SUSPENDED_STATUS",
    "Changes",
    "DerivedEvent",
    "PublicationState",
    "Seen",
    "apply_delta",
    "decode",
    "derive",
    "diff",
    "encode",
    "ended",
    "event_key",
    "pair_events",
    "seen",
]

EARLIEST = pendulum.Date(1, 1, 1)
"""Start of the window of an entry first seen without a listing date: not known."""


@attrs.frozen(kw_only=True)
class Seen:
    """What one publication showed of one entry."""

    fingerprint: str
    listed_on: DateWindow | None = None
    amended_on: tuple[pendulum.Date, ...] = ()
    removed_on: DateWindow | None = None
    end_date: DateWindow | None = None
    suspended: bool = False


SUSPENDED_STATUS = "suspended"
"""The `status` word of an entry whose designation stands but is not in force (as `export_ftm` writes it)."""


def seen(entry: Entry) -> Seen:
    """The part of an entry that diffing looks at."""
    return Seen(fingerprint=entry.fingerprint, listed_on=entry.listed_on,
                amended_on=entry.amended_on, removed_on=entry.removed_on,
                end_date=entry.end_date, suspended=entry.status.strip().casefold() == SUSPENDED_STATUS)


def ended(item: Seen, day: pendulum.Date) -> DateWindow | None:
    """
    When an entry shown in a publication of `day` stopped being listed, or None if it had not.

    A reported removal counts as it stands; an end date counts once it has
    begun by `day`, and a window still open on `day` is cut at `day`.
    """
    if item.removed_on is not None:
        return item.removed_on
    end = item.end_date
    if end is None or end.earliest > day:
        return None
    if end.latest <= day:
        return end
    if end.earliest == day:
        return DateWindow.exact(day)
    return DateWindow(end.earliest, day, Precision.RANGE)


_ENCODED = re.compile(r"^(?P<listed>[^>~+!]*)(?:>(?P<removed>[^~+!]*))?(?:~(?P<end>[^+!]*))?"
                      r"(?:\+(?P<amended>[^!]*))?(?P<suspended>!)?$")


def encode(item: Seen, published: pendulum.Date | None = None) -> str:
    """
    The dates of a seen entry as stored text: `<listed>[><removed>][~<end>][+<amended>][!]` (`!`: shown suspended).

    Only the latest amendment date up to `published` is kept: it is the one
    `_amendment` would pick for any earlier neighbour, so a publication
    imported out of order still gets the file's amendment date.
    """
    amended = [d for d in item.amended_on if published is None or d <= published]
    return ((str(item.listed_on) if item.listed_on else "")
            + (f">{item.removed_on}" if item.removed_on else "")
            + (f"~{item.end_date}" if item.end_date else "")
            + (f"+{max(amended).isoformat()}" if amended else "")
            + ("!" if item.suspended else ""))


def decode(fingerprint: str, text: str) -> Seen:
    """
    The inverse of `encode`; also reads the older `<listed>` and `<listed>><removed>` texts.

    Empty text is an entry that showed no dates. Text that does not read is
    damage, never "no dates": it raises, so an import stops before it derives
    events from a history it cannot see.

    Raises:
        StoreError: the text is not in `encode`'s grammar, or holds an impossible date.

    """
    match = _ENCODED.match(text)
    if match is None:
        raise StoreError(f"stored entry dates {text!r} are not in the form <listed>[><removed>][~<end>][+<amended>][!]")
    parts = match.groupdict()
    try:
        windows = {k: parse_window(parts[k]) if parts[k] else None
                   for k in ("listed", "removed", "end")}
        amended = (parse_window(parts["amended"]).latest,) if parts["amended"] else ()
    except InvalidDateError as exc:
        raise StoreError(f"stored entry dates {text!r} cannot be read: {exc}") from exc
    return Seen(fingerprint=fingerprint, listed_on=windows["listed"], amended_on=amended,
                removed_on=windows["removed"], end_date=windows["end"], suspended=bool(parts["suspended"]))


@attrs.frozen(kw_only=True)
class PublicationState:
    """One publication of one list: its date and its entries by key."""

    published: pendulum.Date
    entries: Mapping[str, Seen]
    sha256: str = ""


@attrs.frozen(kw_only=True)
class DerivedEvent:
    """An event inferred from two publications (or from the first one seen)."""

    key: str
    list_id: str
    entry_key: str
    kind: EventKind
    effective: DateWindow
    published: pendulum.Date
    note: str = ""


@attrs.frozen(kw_only=True)
class Changes:
    """What importing one publication changes: events to add, event keys to retract."""

    events: tuple[DerivedEvent, ...] = ()
    retract: tuple[str, ...] = ()


def event_key(list_id: str, entry_key: str, kind: EventKind, effective: DateWindow) -> str:
    """The deterministic key of a derived event."""
    return f"import:{list_id}:{entry_key}:{kind.value}:{effective}"


def _window(after: pendulum.Date, until: pendulum.Date) -> DateWindow:
    """The days in `(after, until]`."""
    start = next_day(after)
    if start >= until:
        return DateWindow.exact(until)
    return DateWindow(start, until, Precision.RANGE)


def _event(list_id: str, entry_key: str, kind: EventKind, effective: DateWindow,
           published: pendulum.Date, note: str) -> DerivedEvent:
    return DerivedEvent(key=event_key(list_id, entry_key, kind, effective), list_id=list_id,
                        entry_key=entry_key, kind=kind, effective=effective,
                        published=published, note=note)


def _listing(prev: PublicationState | None, cur: PublicationState,
             item: Seen) -> tuple[DateWindow, str]:
    official = item.listed_on
    if prev is None:
        if official is not None and official.earliest <= cur.published:
            return official, "official listing date"
        if official is not None:
            return (DateWindow(EARLIEST, cur.published, Precision.RANGE),
                    (f"in force when first seen; the listing date given, {official}, is after the "
                     f"publication date {cur.published} and is not used"))
        return (DateWindow(EARLIEST, cur.published, Precision.RANGE),
                "in force when first seen; listing date not given")
    if (official is not None and official.earliest > prev.published
            and official.earliest <= cur.published):
        return official, "official listing date"
    if official is not None and official.earliest <= prev.published:
        return (_window(prev.published, cur.published),
                f"relisted: absent on {prev.published} although listed on {official}")
    return _window(prev.published, cur.published), "new between publications"


def _amendment(prev: PublicationState, cur: PublicationState, item: Seen) -> DateWindow:
    inside = [d for d in item.amended_on if prev.published < d <= cur.published]
    if inside:
        return DateWindow.exact(max(inside))
    return _window(prev.published, cur.published)


def pair_events(list_id: str, prev: PublicationState | None,
                cur: PublicationState) -> Iterator[DerivedEvent]:
    """The events implied by publication `cur` following `prev` (None: `cur` is the first)."""
    made = cur.published
    before: Mapping[str, Seen] = prev.entries if prev is not None else {}
    for key in sorted(cur.entries):
        item = cur.entries[key]
        old = before.get(key)
        end = ended(item, made)
        listed_before = (old is not None and prev is not None
                         and ended(old, prev.published) is None)
        if not listed_before and (old is None or end is None):
            effective, note = _listing(prev, cur, item)
            yield _event(list_id, key, EventKind.LISTED, effective, made, note)
            if item.suspended and end is None:
                since = DateWindow(effective.earliest, made, Precision.RANGE) if effective.earliest < made \
                    else DateWindow.exact(made)
                yield _event(list_id, key, EventKind.SUSPENDED, since, made, "shown suspended when first seen")
        elif prev is not None and old is not None and listed_before:
            if old.fingerprint != item.fingerprint:
                yield _event(list_id, key, EventKind.AMENDED, _amendment(prev, cur, item), made,
                             "name, aliases or programs changed")
            if old.suspended != item.suspended and end is None:
                kind, note = ((EventKind.SUSPENDED, "shown suspended") if item.suspended
                              else (EventKind.REINSTATED, "shown in force again after a suspension"))
                yield _event(list_id, key, kind, _window(prev.published, made), made, note)
        if end is not None and (old is None or listed_before):
            note = ("removal date given by the file" if item.removed_on is not None
                    else "end date given by the file has passed")
            yield _event(list_id, key, EventKind.REMOVED, end, made, note)
    if prev is None:
        return
    for key in sorted(before):
        if key not in cur.entries and ended(before[key], prev.published) is None:
            yield _event(list_id, key, EventKind.REMOVED, _window(prev.published, made), made,
                         "absent from this publication")


def derive(list_id: str, publications: Iterable[PublicationState]) -> tuple[DerivedEvent, ...]:
    """Every event implied by a list's publications, taken in date order."""
    ordered = sorted(publications, key=lambda p: p.published)
    out: list[DerivedEvent] = []
    prev: PublicationState | None = None
    for cur in ordered:
        out.extend(pair_events(list_id, prev, cur))
        prev = cur
    return tuple(out)


def diff(list_id: str, known: Sequence[PublicationState], new: PublicationState) -> Changes:
    """
    The changes that placing `new` among the `known` publications of a list makes.

    `new` may be newer, older or as old as (a corrected re-release of) a known
    publication; only the pairs around its place change, so only they are
    compared. Events of the replaced pairs that no longer follow are retracted.
    """
    ordered = sorted(known, key=lambda p: p.published)
    before = [p for p in ordered if p.published < new.published]
    after = [p for p in ordered if p.published > new.published]
    same = [p for p in ordered if p.published == new.published]
    prev = before[-1] if before else None
    nxt = after[0] if after else None
    old_pairs: list[tuple[PublicationState | None, PublicationState]] = []
    if same:
        old_pairs.append((prev, same[-1]))
        if nxt is not None:
            old_pairs.append((same[-1], nxt))
    elif nxt is not None:
        old_pairs.append((prev, nxt))
    new_pairs: list[tuple[PublicationState | None, PublicationState]] = [(prev, new)]
    if nxt is not None:
        new_pairs.append((new, nxt))
    old = {e.key: e for p, c in old_pairs for e in pair_events(list_id, p, c)}
    fresh = {e.key: e for p, c in new_pairs for e in pair_events(list_id, p, c)}
    # The same event made known earlier (an older publication imported after a newer one)
    # replaces the recorded one: import order must not change what was known when.
    sooner = {k for k, e in fresh.items() if k in old and e.published < old[k].published}
    return Changes(
        events=tuple(e for k, e in fresh.items() if k not in old or k in sooner),
        retract=tuple(sorted(k for k in old if k not in fresh or k in sooner)),
    )


def apply_delta(base: Mapping[str, Seen], items: Iterable[Entry | Tombstone],
                list_id: str) -> dict[str, Seen]:
    """The state of a list after a delta file: `base` plus upserted entries, minus tombstones."""
    state = dict(base)
    for item in items:
        if isinstance(item, Tombstone):
            state.pop(item.key, None)
        elif item.list_id == list_id:
            state[item.key] = seen(item)
    return state
