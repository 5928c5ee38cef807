"""Jurisdictions and the designation lists they keep."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import attrs
import pendulum

from designations.dates import Period, next_day
from designations.errors import InvalidRecordError
from designations.model.events import Source

__all__ = ["Absence", "DesignationList", "Jurisdiction", "Verification"]

_CODE = re.compile(r"^[A-Z]{2}$")
_LIST_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _check_code(_inst: object, _attr: object, value: str) -> None:
    if not _CODE.match(value):
        msg = f"{value!r} is not an ISO 3166-1 alpha-2 code, UN or EU"
        raise InvalidRecordError(msg, field="code")


def _check_tz(_inst: object, _attr: object, value: str) -> None:
    try:
        pendulum.timezone(value)
    except Exception as exc:
        msg = f"{value!r} is not an IANA time zone"
        raise InvalidRecordError(msg, field="timezone") from exc


def _check_list_id(_inst: object, _attr: object, value: str) -> None:
    if not _LIST_ID.match(value):
        msg = f"{value!r} must be kebab-case, e.g. us-fto"
        raise InvalidRecordError(msg, field="id")


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _periods(value: Iterable[Period]) -> tuple[Period, ...]:
    return tuple(value)


def _sources(value: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(value)


def _absences(value: Iterable[Absence]) -> tuple[Absence, ...]:
    return tuple(value)


def _check_allowance(_inst: object, _attr: object, value: int | None) -> None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        msg = f"{value!r} is not a number of days (0 or more)"
        raise InvalidRecordError(msg, field="allowance_days")


@attrs.frozen(kw_only=True)
class Verification:
    """
    A check that a curated list was complete: on `on`, `count` entries were in force.

    The sources are the official publications of the whole list the check used.
    """

    on: pendulum.Date
    count: int | None = None
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_sources)
    note: str = ""


def _check_cited(_inst: object, _attr: object, value: tuple[Source, ...]) -> None:
    if not value:
        msg = "an absence needs at least one source"
        raise InvalidRecordError(msg, field="sources")


@attrs.frozen(kw_only=True)
class Absence:
    """
    A sourced statement that a subject was not on a list on a day: its history there was checked, and it has none.

    Where the store does not hold the whole list, absence from it proves nothing; a source that
    says so does. Russia's Prosecutor General wrote in October 2023 that no court had ruled on
    Hamas, and without a court's decision nothing enters Russia's list. The subject is then
    NOT_LISTED on every day the list's reviewed events vouch for, from `on` as known.
    """

    subject_id: str
    on: pendulum.Date
    """The day the source says the subject was not on the list (as known from then on)."""
    sources: tuple[Source, ...] = attrs.field(converter=_sources, validator=_check_cited)
    note: str = ""


@attrs.frozen
class Jurisdiction:
    """A state or organisation that keeps lists; `timezone` is its legal calendar's."""

    code: str = attrs.field(validator=_check_code)
    name: str
    timezone: str = attrs.field(validator=_check_tz)


@attrs.frozen(kw_only=True)
class DesignationList:
    """
    One list kept by one jurisdiction, with its legal basis.

    `coverage` is the union of periods for which the store holds the list
    completely; outside it a status is UNKNOWN, never NOT_LISTED.
    `established` is the first day any entry could be in force (the first
    legal act); before it nobody is listed, with certainty. `verified` is the
    last check that the list was complete, `reviewed` the last day the named
    subjects' events were checked, `last_published` the last publication
    imported. `allowance_days` is how long after those days the data is still
    vouched for: the list's usual publication interval. `absent` holds the
    subjects a source says were not on the list, where the list is not held complete.
    """

    id: str = attrs.field(validator=_check_list_id)
    jurisdiction: Jurisdiction
    name: str
    authority: str = ""
    legal_basis: str = ""
    url: str = ""
    tags: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    coverage: tuple[Period, ...] = attrs.field(default=(), converter=_periods)
    established: pendulum.Date | None = None
    established_sources: tuple[Source, ...] = attrs.field(default=(), converter=_sources)
    allowance_days: int | None = attrs.field(default=None, validator=_check_allowance)
    verified: Verification | None = None
    reviewed: pendulum.Date | None = None
    last_published: pendulum.Date | None = None
    absent: tuple[Absence, ...] = attrs.field(default=(), converter=_absences)

    def absence_of(self, subject_id: str) -> Absence | None:
        """The sourced absence of `subject_id` from this list (the earliest, when several), or None."""
        found = [a for a in self.absent if a.subject_id == subject_id]
        return min(found, key=lambda a: a.on) if found else None

    def covers(self, day: pendulum.Date) -> bool:
        """Whether the store holds this list completely on `day` (the allowance after the last day included)."""
        if any(p.contains(day) for p in self.coverage):
            return True
        last = self.data_until
        return last is not None and last < day <= self._outdated_after  # type: ignore[operator] # set with `last`

    def before_established(self, day: pendulum.Date) -> bool:
        """Whether `day` comes before the list existed (nobody can be listed then)."""
        return self.established is not None and day < self.established

    # The derived days below are read on every answer: computed once per list value (its fields never change).
    @functools.cached_property
    def data_until(self) -> pendulum.Date | None:
        """The last day the store holds the whole list: the end of coverage (last publication or check)."""
        ends = [p.end for p in self.coverage]
        if not ends or any(e is None for e in ends):
            return None
        return max(e for e in ends if e is not None).subtract(days=1)

    @functools.cached_property
    def open_ended(self) -> bool:
        """Whether some coverage period has no end (declared complete for ever)."""
        return any(p.end is None for p in self.coverage)

    @functools.cached_property
    def tracked_until(self) -> pendulum.Date | None:
        """
        The last day the state of every subject the list names is vouched for.

        The later of the last day held complete and the day a curator last
        checked the named subjects' events (`reviewed`); None when neither is known.
        """
        days = [d for d in (self.data_until, self.reviewed, self.last_published) if d is not None]
        return max(days) if days else None

    def horizon(self) -> pendulum.Date | None:
        """The last day a named subject's state is answered: `tracked_until` plus the allowance."""
        return self._horizon

    @functools.cached_property
    def _horizon(self) -> pendulum.Date | None:
        last = self.tracked_until
        return None if last is None else last.add(days=self.allowance_days or 0)

    @functools.cached_property
    def _outdated_after(self) -> pendulum.Date | None:
        last = self.data_until
        return None if last is None else last.add(days=self.allowance_days or 0)

    def stale(self, day: pendulum.Date) -> bool:
        """Whether `day` lies beyond what the data can vouch for, even for the subjects it names."""
        horizon = self._horizon
        return horizon is not None and day > horizon and not self.open_ended

    def outdated(self, day: pendulum.Date) -> bool:
        """Whether `day` is after the last day held complete plus the allowance (absence proves nothing)."""
        after = self._outdated_after
        return after is not None and day > after

    def coverage_from(self, last: pendulum.Date) -> Period:
        """The coverage a complete list has from its first day to `last` (inclusive)."""
        start = self.established or last
        return Period(start, next_day(last))
