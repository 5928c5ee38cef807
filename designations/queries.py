"""
Point-in-time questions: input coercion, jurisdiction logic, answers.

Each function takes a read connection and returns a result value with its
receipt. Days are read in each list's own time zone; a jurisdiction's answer
is chosen among its lists' answers.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import attrs
import pendulum

from designations import answering
from designations.dates import Moment, as_local_date, as_moment, as_utc, local_date, parse_window
from designations.errors import AmbiguousNameError, InvalidDateError, UnknownJurisdictionError, UnknownSubjectError
from designations.lifecycle import order
from designations.model import (
    ChangeSet,
    DataBasis,
    DesignationList,
    Event,
    EventKind,
    History,
    Receipt,
    Relation,
    Rescoped,
    Snapshot,
    State,
    Status,
    Subject,
)
from designations.model.events import ListPeriod
from designations.names import can_name
from designations.store import reads
from designations.store.lookup import Found, Group, StatusReader
from designations.store.types import FOREVER_DATE, LATEST

if TYPE_CHECKING:
    from sqlalchemy import Connection

__all__ = [
    "LATEST",
    "Catalogue",
    "CatalogueChanged",
    "QueryTimes",
    "answers_on",
    "changes",
    "combine",
    "history",
    "resolve_subject",
    "snapshot",
    "status",
    "statuses",
    "who_lists",
]

_NOT_KNOWN_LIMIT = FOREVER_DATE.subtract(days=1)


@attrs.frozen(kw_only=True)
class Catalogue:
    """The lists and jurisdiction aliases of a store, as recorded at some instant."""

    lists: Mapping[str, DesignationList]
    aliases: Mapping[str, str]
    relations: Mapping[str, tuple[Relation, ...]] = attrs.field(factory=dict)
    """Each subject id's relations (both directions)."""
    related_subjects: Mapping[str, Subject] = attrs.field(factory=dict)
    """The subjects that take part in some relation, by id."""
    _bases: dict[tuple[str, bool, bool], DataBasis] = attrs.field(factory=dict, eq=False, repr=False, alias="_bases")
    """What each list's answers on a day rest on, computed once per catalogue (the lists do not change in it)."""

    @classmethod
    def build(cls, lists: Mapping[str, DesignationList], aliases: Mapping[str, str],
              relations: Sequence[Relation], subjects: Mapping[str, Subject]) -> Catalogue:
        """A catalogue with its relations indexed by both ends."""
        index: dict[str, list[Relation]] = defaultdict(list)
        for rel in relations:
            index[rel.subject_id].append(rel)
            index[rel.other_id].append(rel)
        return cls(lists=lists, aliases=aliases, relations={k: tuple(v) for k, v in index.items()},
                   related_subjects=subjects)

    def links(self, subject: Subject) -> list[answering.Link]:
        """The subjects related to `subject`, with how each bears on it."""
        if subject.id not in self.relations:
            return []
        return answering.links_of(subject, self.relations, self.related_subjects)

    def basis(self, lst: DesignationList, day: pendulum.Date) -> DataBasis:
        """
        What `lst`'s answers on `day` rest on (see `answering.basis`), remembered for the catalogue's life.

        A list's basis depends on the day only through whether the day is past its data (`stale`,
        `outdated`): at most four values per list, whatever the days asked.
        """
        key = (lst.id, lst.stale(day), lst.outdated(day))
        found = self._bases.get(key)
        if found is None:
            found = self._bases[key] = answering.basis(lst, day)
        return found

    def codes(self) -> tuple[str, ...]:
        """Jurisdiction codes that have at least one list."""
        return tuple(sorted({lst.jurisdiction.code for lst in self.lists.values()}))

    def resolve(self, where: str) -> tuple[str, tuple[DesignationList, ...]]:
        """A jurisdiction code, alias or list id -> (label, its lists)."""
        text = where.strip()
        if text in self.lists:
            return text, (self.lists[text],)
        code = text.upper()
        code = self.aliases.get(text.casefold(), code)
        found = tuple(lst for lst in self.lists.values() if lst.jurisdiction.code == code)
        if not found:
            raise UnknownJurisdictionError(where, (*self.codes(), *sorted(self.lists)))
        return code, found


@attrs.frozen(kw_only=True)
class QueryTimes:
    """The three times of a question, read once: valid day, known-at, recorded-at."""

    on: Moment
    """The day asked about: a civil date, or an instant placed in each list's zone."""
    as_known_at: Moment | None
    known_text: str | None
    """`as_known_at` as the caller gave it (receipts repeat it)."""
    at: pendulum.DateTime
    asked_recorded: bool
    version: str | None = None
    now: pendulum.DateTime | None = None

    @classmethod
    def make(
        cls, on: object, as_known_at: object | None, as_recorded_at: object | None,
        now: pendulum.DateTime | None,
    ) -> QueryTimes:
        """
        Read the inputs once; each list's day is the moment placed in its zone.

        Without `as_recorded_at` the answer rests on everything recorded (`LATEST`),
        not on what this client's clock calls now: a client whose clock lags the
        store's still reads its own writes and everyone else's.
        """
        at = as_utc(as_recorded_at) if as_recorded_at is not None else LATEST
        known = as_moment(as_known_at, field="as_known_at") if as_known_at is not None else None
        return cls(on=as_moment(now if on is None else on), as_known_at=known,
                   known_text=str(as_known_at) if as_known_at is not None else None, at=at,
                   asked_recorded=as_recorded_at is not None, now=now)

    def at_version(self, version: str) -> QueryTimes:
        """These times, answered at data `version` (built directly: `attrs.evolve` costs a status lookup's worth)."""
        return QueryTimes(on=self.on, as_known_at=self.as_known_at, known_text=self.known_text, at=self.at,
                          asked_recorded=self.asked_recorded, version=version, now=self.now)

    def day(self, lst: DesignationList) -> pendulum.Date:
        """The query day in the list's time zone."""
        return local_date(self.on, lst.jurisdiction.timezone)

    def known(self, lst: DesignationList) -> pendulum.Date:
        """The as-known-at day in the list's time zone (far future when not asked)."""
        if self.as_known_at is None:
            return _NOT_KNOWN_LIMIT
        return local_date(self.as_known_at, lst.jurisdiction.timezone)

    def receipt(self, conn: Connection, event_ids: Sequence[int]) -> Receipt:
        """A receipt for an answer resting on `event_ids`."""
        return self.receipt_for(event_ids, self.data_version(conn))

    def data_version(self, conn: Connection) -> str:
        """The store's data version at `at` (read once per question)."""
        return self.version if self.version is not None else reads.data_version(conn, self.at)

    def receipt_for(self, event_ids: Sequence[int], version: str) -> Receipt:
        """A receipt for an answer resting on `event_ids`, at data version `version`."""
        return Receipt(
            event_ids=tuple(sorted(set(event_ids))) if len(event_ids) > 1 else tuple(event_ids),
            data_version=version,
            as_known_at=self.known_text,
            as_recorded_at=self.at.isoformat() if self.asked_recorded else None,
        )


def resolve_subject(conn: Connection, ref: str) -> tuple[int, Subject]:
    """A subject by id, identifier, name or alias; ambiguous names raise with the candidates."""
    if not can_name(ref):
        raise UnknownSubjectError(str(ref))
    _how, found = reads.find_subjects(conn, ref)
    if not found:
        raise UnknownSubjectError(ref, reads.suggestions(conn, ref))
    if len(found) > 1:
        raise AmbiguousNameError(ref, [(key, name) for _pk, key, name in found])
    pk = found[0][0]
    return pk, reads.subjects_by_pk(conn, [pk])[pk]


class CatalogueChanged(Exception):  # noqa: N818 - a signal to ask again, not an error a caller sees
    """The store moved past the catalogue a question was resolved against: the registry reloads it and asks again."""


def _groups(lists: Sequence[DesignationList], times: QueryTimes) -> list[Group]:
    """The lists asked about, grouped by their day (lists in one time zone share one)."""
    if len(lists) == 1:  # the common question: one list
        return [((lists[0].id,), times.day(lists[0]), times.known(lists[0]))]
    days: dict[tuple[pendulum.Date, pendulum.Date], list[str]] = defaultdict(list)
    for lst in lists:
        days[times.day(lst), times.known(lst)].append(lst.id)
    return [(tuple(ids), day, known) for (day, known), ids in days.items()]


def _checked(found: Found, times: QueryTimes) -> Found:
    if found.version != times.version:
        raise CatalogueChanged
    return found


def answers_on(
    cat: Catalogue, subject: Subject, lists: Sequence[DesignationList], found: Mapping[str, ListPeriod],
    times: QueryTimes, version: str, *, label: str | None = None,
) -> list[Status]:
    """The subject's own answer on each of `lists`, from the periods found."""
    out = []
    for lst in lists:
        f = found.get(lst.id)
        day = times.day(lst)
        receipt = times.receipt_for(f.event_ids if f is not None else (), version)
        out.append(answering.list_answer(subject, lst, day, f, receipt, data=cat.basis(lst, day),
                                         label=label if len(lists) == 1 else None,
                                         known_at=None if times.as_known_at is None else times.known(lst)))
    return out


def statuses(
    reader: StatusReader, cat: Catalogue, ref: str, lists: Sequence[DesignationList], times: QueryTimes,
    *, label: str | None = None,
) -> list[Status]:
    """
    The answer on each of `lists` for the subject `ref` names, its relatives' designations considered.

    One statement per day asked (usually one), and one per related subject.

    Raises:
        CatalogueChanged: the store's data version is no longer `times.version`.

    """
    groups = _groups(lists, times)
    found = _checked(reader.find(ref, groups, times.at), times)
    version = found.version
    own = answers_on(cat, found.subject, lists, found.periods, times, version, label=label)
    links = cat.links(found.subject)
    if not links:
        return own
    related: dict[str, list[Status]] = defaultdict(list)
    for link in links:
        theirs = reader.periods_of(link.other.id, groups, times.at)
        if theirs is None or not _checked(theirs, times).periods:
            continue
        for their in answers_on(cat, link.other, lists, theirs.periods, times, version):
            if their.list is not None and not link.holds_on(their.list.id, their.on):
                continue
            answer = answering.related_answer(found.subject, link, their)
            if answer is not None and answer.list is not None:
                related[answer.list.id].append(answer)
    return [answering.choose(s, related.get(s.list.id, ())) if s.list else s for s in own]


def combine(code: str, per_list: Sequence[Status]) -> Status:
    """A jurisdiction's answer from its lists' answers: see `answering.combine` for the rule."""
    return answering.combine(code, per_list)


def status(reader: StatusReader, cat: Catalogue, ref: str, where: str, times: QueryTimes) -> Status:
    """The status of `ref` in jurisdiction (or on list) `where`."""
    code, lists = cat.resolve(where)
    per = statuses(reader, cat, ref, lists, times, label=code)
    if len(per) == 1 and code == lists[0].id and per[0].jurisdiction != code:  # a relative's answer
        return attrs.evolve(per[0], jurisdiction=code)
    return combine(code, per)


def _rank(s: Status) -> tuple[int, str]:
    if s.in_force:
        return (0, s.jurisdiction)
    if s.partly_in_force:
        return (1, s.jurisdiction)
    if s.state is State.UNKNOWN:
        return (2, s.jurisdiction)
    return (3, s.jurisdiction)


def who_lists(reader: StatusReader, cat: Catalogue, ref: str, times: QueryTimes) -> list[Status]:
    """The subject's status in every jurisdiction, those in force first."""
    per = statuses(reader, cat, ref, list(cat.lists.values()), times)
    grouped: dict[str, list[Status]] = defaultdict(list)
    for s in per:
        grouped[s.jurisdiction].append(s)
    answers = [combine(code, group) for code, group in sorted(grouped.items())]
    return sorted(answers, key=_rank)


def history(conn: Connection, cat: Catalogue, ref: str, times: QueryTimes) -> History:
    """Every event of the subject on every list, in effective order."""
    pk, subject = resolve_subject(conn, ref)
    events = [e for e, _ in reads.events_for(conn, at=times.at, subject_pk=pk)]
    if times.as_known_at is not None:
        events = [e for e in events if e.known_from <= times.known(cat.lists[e.list_id])]
    events = order(events)
    lists = tuple(cat.lists[i] for i in sorted({e.list_id for e in events}))
    absent = tuple((lst.id, a) for lst in sorted(cat.lists.values(), key=lambda x: x.id)
                   if (a := answering.absence(lst, subject, None if times.as_known_at is None else times.known(lst))))
    related = tuple((r, cat.related_subjects[other]) for r in cat.relations.get(subject.id, ())
                    if (other := r.other_id if r.subject_id == subject.id else r.subject_id) in cat.related_subjects)
    return History(subject=subject, events=tuple(events), lists=lists, absent=absent, related=related,
                   receipt=times.receipt(conn, [e.id for e in events if e.id is not None]))


def snapshot(conn: Connection, cat: Catalogue, where: str, times: QueryTimes) -> Snapshot:
    """Every subject in force on the lists of `where` on the day."""
    code, lists = cat.resolve(where)
    entries = [entry for lst in lists  # each list's entries come by name, then subject
               for entry in reads.snapshot_rows(conn, lst.id, times.day(lst), times.known(lst), times.at)]
    if len(lists) > 1:
        entries.sort(key=lambda e: (e.subject.name.casefold(), e.list_id))
    day = times.day(lists[0])
    return Snapshot(jurisdiction=code, on=day, entries=tuple(entries), lists=lists,
                    basis=tuple(answering.basis(lst, times.day(lst)) for lst in lists),
                    receipt=times.receipt(conn, [e.event_id for e in entries if e.event_id is not None]))


def _period_bounds(value: object, tz: str, *, field: str) -> tuple[pendulum.Date, pendulum.Date]:
    """A `changes` bound: a day, or a year (`2024`) or month (`2024-06`) read as the whole period."""
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}(-\d{2})?\s*", value):
        window = parse_window(value.strip(), field=field)
        return window.earliest, window.latest
    day = as_local_date(value, tz, field=field)
    return day, day


_TERMS = (EventKind.LISTED, EventKind.AMENDED)
"""The kinds of event that set a designation's terms: its name and its scope."""


def _rescoped(events: Sequence[Event], parted: Sequence[Event]) -> tuple[Rescoped, ...]:
    """
    The amendments among `events` that changed their designation's scope, each with the scope it replaced.

    `parted` holds every event of the pairs that have a part-scoped event (the
    only pairs where a scope can change); an amendment's scope is compared with
    that of the listing or amendment before it, in the lifecycle's order.
    """
    before: dict[int, Rescoped] = {}
    pairs: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for e in parted:
        pairs[e.subject_id, e.list_id].append(e)
    for history in pairs.values():
        last: Event | None = None
        for e in order(history):
            if e.kind not in _TERMS:
                continue
            if (last is not None and e.kind is EventKind.AMENDED and e.id is not None
                    and e.scope is not last.scope):
                before[e.id] = Rescoped(event_id=e.id, scope_before=last.scope, listed_as_before=last.listed_as)
            last = e
    return tuple(before[e.id] for e in events if e.id in before)


def changes(
    conn: Connection, cat: Catalogue, where: str, since: object, until: object, times: QueryTimes
) -> ChangeSet:
    """The events on the lists of `where` whose effective window meets `[since, until]`."""
    code, lists = cat.resolve(where)
    tz = lists[0].jurisdiction.timezone
    lo, hi_default = _period_bounds(since, tz, field="since")
    hi = _period_bounds(until, tz, field="until")[1] if until is not None else as_local_date(times.now or times.at, tz)
    if until is None and hi < lo:
        hi = hi_default
    if hi < lo:
        raise InvalidDateError(f"{since}..{until}", "`since` is after `until`", field="since")
    ids = [lst.id for lst in lists]
    events, subjects = reads.change_rows(conn, ids, lo, hi, times.at)
    parted = reads.part_histories(conn, ids, times.at)
    if times.as_known_at is not None:
        events = [e for e in events if e.known_from <= times.known(cat.lists[e.list_id])]
        parted = [e for e in parted if e.known_from <= times.known(cat.lists[e.list_id])]
    return ChangeSet(  # the events come in `order()` from the store
        jurisdiction=code, since=lo, until=hi, events=tuple(events),
        subjects=tuple(map(subjects.__getitem__, sorted(subjects))), rescoped=_rescoped(events, parted),
        receipt=times.receipt(conn, [e.id for e in events if e.id is not None]),
    )

