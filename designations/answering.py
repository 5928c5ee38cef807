"""
The rules that turn what the store holds into answers a compliance officer can act on.

One list's answer (`list_answer`):

1. A day before the list existed (its first legal act) is NOT_LISTED, with certainty.
2. A day past what the data vouches for (the last publication seen or the
   last check of completeness, plus the list's allowance) is UNKNOWN: the
   last known state is kept beside it, never passed off as current.
3. A designation in force, suspended or removed answers with its dates,
   the name it was listed under and its extent (the whole subject or a part).
4. No designation: NOT_LISTED where the list is held completely, or where a
   source says the subject was not on it (`DesignationList.absent`, known by
   then); else UNKNOWN.

Relations (`choose`): a designation of a related subject (a part, a former
name, the body a part belongs to) can answer for the subject asked about,
with the relation that led to it; a part's designation is never the whole's.

A jurisdiction's answer (`combine`) is chosen among its lists' answers by
the rule written in `docs/concepts.md`, and says which list decided and why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

import attrs
import pendulum

from designations.model import (
    Absence,
    DataBasis,
    DesignationList,
    EventKind,
    Extent,
    Receipt,
    Relation,
    RelationKind,
    Scope,
    Source,
    State,
    Status,
    Subject,
)
from designations.model.events import ListPeriod
from designations.model.results import began_text, scope_window
from designations.names import normalise

__all__ = ["Link", "absence", "basis", "choose", "combine", "link_extent", "links_of", "list_answer", "related_answer"]

_ONLY = {s: frozenset({s}) for s in State}
_REACHABLE = {  # what a state can have become since the data was last seen
    State.NOT_LISTED: frozenset({State.NOT_LISTED, State.LISTED}),
    State.LISTED: frozenset({State.LISTED, State.SUSPENDED, State.REMOVED}),
    State.SUSPENDED: frozenset({State.SUSPENDED, State.LISTED, State.REMOVED}),
    State.REMOVED: frozenset({State.REMOVED, State.LISTED}),
}


@attrs.frozen(kw_only=True)
class Link:
    """How a related subject's designation bears on the subject asked about."""

    other: Subject
    path: tuple[Relation, ...]
    kind: str  # "same" (another name), "parent" (contains it), "part" (a part of it), "related"

    def holds_on(self, list_id: str, day: pendulum.Date) -> bool:
        """Whether every relation on the path holds for `list_id` (some are one list's own) on `day`."""
        return all(r.list_id in ("", list_id) and r.holds_on(day) for r in self.path)


def basis(lst: DesignationList, day: pendulum.Date) -> DataBasis:
    """What `lst`'s answers on `day` rest on, and whether `day` is past it."""
    last = lst.data_until
    kind, until, sources = "none", None, cast("tuple[Source, ...]", ())
    if last is None:
        kind = "declared" if lst.open_ended else "none"
    elif lst.verified is not None and lst.verified.on == last:
        kind, until, sources = "verification", last, lst.verified.sources
    else:
        kind = "publication" if lst.last_published is not None and lst.last_published == last else "coverage"
        until = last
    return DataBasis(list_id=lst.id, kind=kind, until=until, tracked_until=lst.tracked_until,
                     allowance_days=lst.allowance_days, horizon=lst.horizon(), stale=lst.stale(day),
                     outdated=lst.outdated(day), sources=sources)


def _since_text(found: ListPeriod) -> str:
    event = found.event
    act = ""
    if event is not None:
        act = event.instrument or f"{event.kind.value.lower()} {event.effective}"
        act = f" ({act})"
    return f" since {_began(found)}{act}" if found.since else act


def _began(found: ListPeriod) -> str:
    """The day the state began, or the window it began in (`a day in A/B`)."""
    return began_text(found.since, found.since_earliest) if found.since is not None else ""


def _scope_changed(found: ListPeriod) -> str:
    """'; the whole since D' (or 'only a part') when an amendment changed the designation's scope within the state."""
    event = found.event
    if event is None or found.since is None or found.scope_since is None or found.scope_since <= found.since:
        return ""
    before, now = ("the whole", "only a part") if event.scope is Scope.PART else ("a part", "the whole")
    return f" ({before}); {now} since {began_text(found.scope_since, scope_window(event, found.scope_since))}"


def _pending(found: ListPeriod) -> str:
    """Events of a certain period still pending in their windows (only a scope can be in doubt then)."""
    if not found.certain or not found.pending_ids:
        return ""
    return f"; {_pending_events(found)}, whose day is not known exactly, may already have changed its scope"


def _pending_events(found: ListPeriod) -> str:
    """The events pending in their windows, by kind and window ('LISTED (in force 2025-03-04/2025-03-05)')."""
    if not found.pending:  # (not read: a period built without them)
        return "event " + ", ".join(str(i) for i in found.pending_ids)
    return " and ".join(f"{e.kind.value} (in force {e.effective})" for e in found.pending)


def _reason(lst: DesignationList, found: ListPeriod) -> str:
    return _reason_text(lst, found) + _pending(found)


def _reason_text(lst: DesignationList, found: ListPeriod) -> str:
    if not found.certain:
        possible = ", ".join(sorted(p.value for p in found.possible))
        if not found.pending_ids:
            return f"{lst.id}: the day falls inside an event's uncertainty window (possible: {possible})"
        return (f"{lst.id}: the day falls inside the window of {_pending_events(found)}, which may or may not "
                f"have taken effect by then (possible: {possible})")
    event = found.event
    if found.state is State.LISTED:
        if event is not None and event.kind is EventKind.AMENDED:
            act = event.instrument or "amended"
            scope = _scope_changed(found)
            if scope and event.effective.latest == found.scope_since:  # this amendment changed the scope
                return f"{lst.id}: listed since {_began(found)}{scope} ({act})"
            return f"{lst.id}: listed since {_began(found)}{scope}; current terms since {event.effective} ({act})"
        return f"{lst.id}: listed{_since_text(found)}"
    if found.state is State.SUSPENDED:
        return f"{lst.id}: suspended{_since_text(found)}, not in force"
    if found.state is State.REMOVED:
        return f"{lst.id}: removed{_since_text(found)}"
    return f"{lst.id}: {found.state.value.lower()}"


def list_answer(
    subject: Subject, lst: DesignationList, day: pendulum.Date, found: ListPeriod | None, receipt: Receipt,
    *, label: str | None = None, data: DataBasis | None = None, known_at: pendulum.Date | None = None,
) -> Status:
    """
    One list's answer for `subject` on `day` (rules 1-4 of the module docstring); `data` is `basis(lst, day)`.

    `known_at` is the as-known-at day in the list's time zone (None: not asked).
    """
    where = label or lst.jurisdiction.code
    if data is None:
        data = basis(lst, day)
    bases = (data,)

    def new(**fields: Any) -> Status:  # noqa: ANN401 - Status's own fields
        return Status(subject=subject, jurisdiction=where, on=day, list=lst, basis=bases, **fields)

    no_events = receipt
    if receipt.event_ids and (found is None or lst.before_established(day)):
        no_events = Receipt(data_version=receipt.data_version, as_known_at=receipt.as_known_at,
                            as_recorded_at=receipt.as_recorded_at)
    if lst.before_established(day):
        return new(state=State.NOT_LISTED, possible_states=_ONLY[State.NOT_LISTED], covered=True,
                      receipt=no_events,
                      reason=f"{lst.id}: the list did not exist before {lst.established} (its first act)")
    if data.stale:
        if found is None:  # absent at the last day held complete or by a source, or never known either way
            held = lst.data_until is not None or absence(lst, subject, known_at) is not None
            last = State.NOT_LISTED if held else State.UNKNOWN
        else:
            last = found.state if found.certain else State.UNKNOWN
        known = f"; last known: {last.value}" + (_since_text(found) if found is not None else "")
        return new(
            state=State.UNKNOWN, certain=False, last_known=last,
            possible_states=_REACHABLE.get(last, found.possible if found else _ONLY[State.UNKNOWN]),
            covered=False, receipt=receipt if found is not None else no_events,
            event=found.event if found else None, since=found.since if found else None,
            since_earliest=found.since_earliest if found else None,
            scope_since=found.scope_since if found and found.event else None,
            sources=found.event.sources if found and found.event else (),
            reason=(f"{lst.id}: no data after {data.tracked_until} "
                    f"(allowance {lst.allowance_days or 0} days){known}"),
        )
    if found is None:
        if lst.covers(day):
            return new(
                state=State.NOT_LISTED, possible_states=_ONLY[State.NOT_LISTED], covered=True,
                receipt=no_events,
                reason=f"{lst.id}: not on the list, which is held complete on that day ({data.describe()})")
        absent = absence(lst, subject, known_at)
        if absent is not None:
            return new(
                state=State.NOT_LISTED, possible_states=_ONLY[State.NOT_LISTED], covered=False,
                receipt=no_events, sources=absent.sources,
                reason=(f"{lst.id}: not on the list: its history there was checked and it has none; "
                        f"a source of {absent.on} says it was not listed"
                        + (f" ({absent.note})" if absent.note else "")))
        why = f"the store does not hold the whole list on {day}"
        if data.outdated:
            why = f"the list is held complete only until {data.until} (allowance {lst.allowance_days or 0} days)"
        return new(state=State.UNKNOWN, possible_states=_ONLY[State.UNKNOWN], covered=False,
                      receipt=no_events, reason=f"{lst.id}: {why}")
    event = found.event
    extent = None
    if event is not None and found.state in (State.LISTED, State.SUSPENDED, State.REMOVED):
        extent = Extent.PART if event.scope is Scope.PART else Extent.WHOLE
    return new(
        state=found.state, certain=found.certain, possible_states=found.possible,
        since=found.since, since_earliest=found.since_earliest, until=found.until, event=event,
        pending=found.pending, sources=event.sources if event else (),
        scope_since=found.scope_since if event is not None else None,
        covered=lst.covers(day), receipt=receipt, extent=extent, listed_as=event.listed_as if event else "",
        reason=_reason(lst, found),
    )


def absence(lst: DesignationList, subject: Subject, known_at: pendulum.Date | None) -> Absence | None:
    """The sourced absence of `subject` from `lst`, when it was known by `known_at` (None: not asked)."""
    absent = lst.absence_of(subject.id)
    return absent if absent is not None and (known_at is None or absent.on <= known_at) else None


def link_extent(link: Link, scope: Scope) -> Extent:
    """The extent, for the subject asked about, of a designation of `scope` found through `link`."""
    if link.kind == "same":
        return Extent.PART if scope is Scope.PART else Extent.WHOLE
    if link.kind == "parent":
        return Extent.WHOLE if scope is Scope.WHOLE else Extent.RELATED
    if link.kind == "part":
        return Extent.PART
    return Extent.RELATED


_LINK_WORDS = {
    RelationKind.PART_OF: ("is part of", "has as a part"),
    RelationKind.RENAMED_FROM: ("is the later name of", "is the former name of"),
    RelationKind.SUCCESSOR_OF: ("succeeded", "was succeeded by"),
    RelationKind.ALIAS_OF: ("is listed as another name of", "has as another listed name"),
}


def _link_text(asked: Subject, link: Link) -> str:
    first = link.path[0]
    forward = first.subject_id == asked.id
    words = _LINK_WORDS[first.kind][0 if forward else 1]
    return f"{asked.name} {words} {link.other.name}"


def _names_it(listed_as: str, subject: Subject) -> bool:
    """Whether the name a designation was listed under names `subject` (one of its names, as words)."""
    listed = f" {normalise(listed_as)} "
    return bool(listed.strip()) and any(
        len(name.key) > 3 and f" {name.key} " in listed for name in subject.names)  # noqa: PLR2004 - no initials


def related_answer(asked: Subject, link: Link, own: Status) -> Status | None:
    """`own` (the related subject's answer on one list) as an answer for `asked`, if it says anything."""
    if own.event is None or own.state not in (State.LISTED, State.SUSPENDED, State.REMOVED):
        return None
    extent = link_extent(link, own.event.scope)
    if extent is Extent.RELATED and _names_it(own.event.listed_as, asked):
        extent = Extent.WHOLE  # the entry names the subject asked about (the part designated, an alias added)
    listed_as = own.listed_as or link.other.name
    return attrs.evolve(
        own, subject=asked, designated=link.other, via=link.path, extent=extent, listed_as=listed_as,
        reason=f"{own.reason} [{_link_text(asked, link)}]",
    )


def _choice_rank(s: Status, direct: Status) -> tuple[int, int]:
    mine = 0 if s is direct else 1
    if s.in_force:
        return (0, mine)
    if s.partly_in_force:
        return (1, mine)
    if mine and _own_history(s) and not _has_history(direct):
        return (2, mine)
    return (3, mine)


def _own_history(s: Status) -> bool:
    """Whether a relative's answer is the subject's own past: its entry (another name, or naming it), now ended."""
    return s.certain and s.extent is Extent.WHOLE and s.state in (State.SUSPENDED, State.REMOVED)


def choose(direct: Status, related: Sequence[Status]) -> Status:
    """
    One list's answer among the subject's own and its relatives' (in force first, own first).

    When nothing is in force and the subject has no history of its own on the list, an entry
    that designated it under another name (or named it) and was suspended or removed answers:
    the subject was on the list, which "not listed" would hide.
    """
    if not related:
        return direct
    return min((direct, *related), key=lambda s: _choice_rank(s, direct))


def _has_history(s: Status) -> bool:
    return s.event is not None or s.last_known in (State.LISTED, State.SUSPENDED, State.REMOVED)


def _pick(
    per_list: Sequence[Status],
) -> tuple[Status, str]:
    """The deciding list's answer and the rule that decided (see `combine`)."""
    whole = [s for s in per_list if s.in_force]
    if whole:
        best = min(whole, key=lambda s: (s.designated is not None, s.since or pendulum.Date.max))
        return best, f"in force on {_list_id(best)}"
    partly = [s for s in per_list if s.partly_in_force]
    if partly:
        best = min(partly, key=lambda s: (s.extent is not Extent.PART, s.since or pendulum.Date.max))
        what = "only a part of it" if best.extent is Extent.PART else "only a related organisation"
        return best, f"{what} is in force, on {_list_id(best)}"
    uncertain = [s for s in per_list if s.state is State.UNKNOWN and not s.certain and _has_history(s)]
    if uncertain:
        return uncertain[0], f"uncertain on {_list_id(uncertain[0])}, where it has a history"
    history = [s for s in per_list if s.state in (State.SUSPENDED, State.REMOVED)]
    if history:
        best = min(history, key=lambda s: (s.state is not State.SUSPENDED, -(s.since or pendulum.Date.min).toordinal()))
        others = [_list_id(s) for s in per_list if s is not best and s.state is State.UNKNOWN]
        tail = f"; never recorded on {', '.join(others)}" if others else ""
        return best, f"{best.state.value.lower()} on {_list_id(best)}, the lists where it has a history{tail}"
    unknown = [s for s in per_list if s.state is State.UNKNOWN]
    if unknown:
        return unknown[0], f"no certain answer on {_list_id(unknown[0])}, where it has no history either"
    return per_list[0], "on none of its lists, each held complete on that day"


def _list_id(s: Status) -> str:
    return s.list.id if s.list is not None else s.jurisdiction


def combine(code: str, per_list: Sequence[Status]) -> Status:
    """
    A jurisdiction's answer from its lists' answers, by the written rule.

    1. In force for the subject itself on any list: that list decides (its own designation before a
       relative's, then the earliest).
    2. Else only a part or a related organisation in force: that list decides (exit code 4).
    3. Else uncertain on a list where the subject has a history (an event window, or data past its
       allowance with a last known designation): UNKNOWN.
    4. Else suspended or removed on a list where it has a history: that answer (suspended first),
       even if other lists that never named it are not held completely.
    5. Else not listed on every list held complete: NOT_LISTED; if any list is not held: UNKNOWN.
    """
    if len(per_list) == 1 and per_list[0].jurisdiction == code:
        return per_list[0]
    best, why = _pick(per_list)
    ordered = (best, *(s for s in per_list if s is not best))
    reason = f"{code}: {why}. {best.reason}" if len(per_list) > 1 else best.reason
    bases = tuple(b for s in per_list for b in s.basis)
    return attrs.evolve(best, jurisdiction=code, per_list=ordered if len(per_list) > 1 else (),
                        reason=reason, basis=bases)


def links_of(subject: Subject, relations: Mapping[str, Sequence[Relation]],
             subjects: Mapping[str, Subject], depth: int = 3) -> list[Link]:
    """
    Every subject related to `subject` (up to `depth` steps), with how it bears on it.

    Other names pass a bearing on (a successor's former names are its
    predecessors too); a part of a part is a part; other chains stop.
    """
    seen = {subject.id}
    frontier: list[tuple[str, tuple[Relation, ...], str]] = [(subject.id, (), "same")]
    out: list[Link] = []
    for _ in range(depth):
        nxt: list[tuple[str, tuple[Relation, ...], str]] = []
        for sid, path, kind in frontier:
            for rel in relations.get(sid, ()):
                forward = rel.subject_id == sid
                other = rel.other_id if forward else rel.subject_id
                if other in seen or other not in subjects:
                    continue
                combined = _compose(kind, _step_kind(rel.kind, forward))
                if combined is None:
                    continue
                seen.add(other)
                out.append(Link(other=subjects[other], path=(*path, rel), kind=combined))
                nxt.append((other, (*path, rel), combined))
        frontier = nxt
    return out


def _step_kind(kind: RelationKind, forward: bool) -> str:
    if kind in (RelationKind.RENAMED_FROM, RelationKind.ALIAS_OF):
        return "same"
    if kind is RelationKind.PART_OF:
        return "parent" if forward else "part"
    return "related"


def _compose(first: str, second: str) -> str | None:
    """Two steps as one: another name keeps the bearing; a part of a part is a part; else stop."""
    if first == "same":
        return second
    if second == "same":
        return first
    if first == second and first in ("parent", "part"):
        return first
    return None
