"""
Civil dates, date windows and half-open periods.

Valid time in this library is a civil date in a list's legal time zone.
Sources often give less than a day ("in 2024", "December 2023") or only
bounds ("gone between two publications"), so an effective date is a
`DateWindow`: the first and last day on which the act may have taken effect.
Recorded time is an aware UTC instant.
"""

from __future__ import annotations

import datetime as dt
import enum
import re

import attrs
import pendulum

from designations.errors import InvalidDateError

__all__ = [
    "DateLike",
    "DateWindow",
    "InstantLike",
    "Moment",
    "Period",
    "Precision",
    "as_local_date",
    "as_moment",
    "as_utc",
    "local_date",
    "next_day",
    "parse_date",
    "parse_window",
    "utc_now",
]

DateLike = str | dt.date | dt.datetime
"""What a query accepts for a date: ISO text, a date, or a (pendulum) datetime."""

InstantLike = str | dt.date | dt.datetime
"""What a query accepts for a recorded time."""

_DAY = dt.timedelta(days=1)
_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Precision(enum.Enum):
    """How precisely a source dates an event."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"


def parse_date(value: object, *, field: str = "") -> pendulum.Date:
    """
    Read one civil date: `YYYY-MM-DD` text, a `date`, or a datetime's date part.

    Impossible dates such as 2024-02-30 and other layouts such as 31/12/2024
    are refused rather than guessed.
    """
    if isinstance(value, dt.datetime):
        return pendulum.Date(value.year, value.month, value.day)
    if isinstance(value, dt.date):
        return pendulum.Date(value.year, value.month, value.day)
    if not isinstance(value, str):
        raise InvalidDateError(value, "expected YYYY-MM-DD", field=field)
    text = value.strip()
    if not _DAY_RE.match(text):
        raise InvalidDateError(value, "expected YYYY-MM-DD", field=field)
    try:
        day = dt.date.fromisoformat(text)
    except ValueError as exc:
        raise InvalidDateError(value, str(exc), field=field) from exc
    return pendulum.Date(day.year, day.month, day.day)


def _coerce_date(value: object) -> pendulum.Date:
    return parse_date(value)


@attrs.frozen(order=False)
class Period:
    """
    A half-open span of days `[start, end)`; `end=None` means still running.

    pendulum's Interval is closed, which would count a removal day as listed,
    so periods are our own.
    """

    start: pendulum.Date = attrs.field(converter=_coerce_date)
    end: pendulum.Date | None = attrs.field(
        default=None, converter=attrs.converters.optional(_coerce_date)
    )

    def __attrs_post_init__(self) -> None:
        """Refuse empty or reversed periods."""
        if self.end is not None and self.end <= self.start:
            msg = f"period end {self.end} must be after start {self.start}"
            raise InvalidDateError(self.end, msg)

    def contains(self, day: dt.date) -> bool:
        """Whether `day` lies in `[start, end)`."""
        return self.start <= day and (self.end is None or day < self.end)

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day."""
        return (other.end is None or self.start < other.end) and (
            self.end is None or other.start < self.end
        )

    def __str__(self) -> str:
        """Render as `[start, end)`."""
        return f"[{self.start}, {self.end or '…'})"


@attrs.frozen(order=False)
class DateWindow:
    """
    The days on which an act may have taken effect: `earliest` to `latest`, inclusive.

    An exact date has `earliest == latest`.
    """

    earliest: pendulum.Date = attrs.field(converter=_coerce_date)
    latest: pendulum.Date = attrs.field(converter=_coerce_date)
    precision: Precision = Precision.DAY

    def __attrs_post_init__(self) -> None:
        """Refuse reversed windows."""
        if self.latest < self.earliest:
            msg = f"window ends ({self.latest}) before it starts ({self.earliest})"
            raise InvalidDateError(str(self), msg)

    @classmethod
    def exact(cls, day: object) -> DateWindow:
        """A window of one day."""
        d = parse_date(day)
        return cls(d, d, Precision.DAY)

    @property
    def certain(self) -> bool:
        """Whether the window is a single day."""
        return self.earliest == self.latest

    def __str__(self) -> str:
        """Render as the text `parse_window` reads back."""
        if self.precision is Precision.DAY:
            return self.earliest.isoformat()
        if self.precision is Precision.MONTH:
            return self.earliest.isoformat()[:7]
        if self.precision is Precision.YEAR:
            return str(self.earliest.year)
        return f"{self.earliest.isoformat()}/{self.latest.isoformat()}"


def parse_window(value: object, *, field: str = "") -> DateWindow:
    """
    Read an effective date that may be partial.

    Accepts `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `A/B` (any two days, inclusive),
    a `date`, or a `DateWindow`.
    """
    if isinstance(value, DateWindow):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return DateWindow.exact(value)
    if not isinstance(value, str):
        raise InvalidDateError(value, "expected a date or a window", field=field)
    text = value.strip()
    if text.count("/") > 1:
        raise InvalidDateError(value, "a window has two ends, A/B", field=field)
    if "/" in text:
        first, _, last = text.partition("/")
        lo = parse_window(first, field=field)
        hi = parse_window(last, field=field)
        try:
            return DateWindow(lo.earliest, hi.latest, Precision.RANGE)
        except InvalidDateError as exc:
            raise InvalidDateError(value, "window ends before it starts", field=field) from exc
    if _YEAR.match(text):
        year = int(text)
        if year < 1:
            raise InvalidDateError(value, "year out of range", field=field)
        return DateWindow(
            pendulum.Date(year, 1, 1), pendulum.Date(year, 12, 31), Precision.YEAR
        )
    month = _MONTH.match(text)
    if month:
        year, mon = int(month.group(1)), int(month.group(2))
        if not 1 <= mon <= 12:  # noqa: PLR2004 - months of the year
            raise InvalidDateError(value, "month out of range", field=field)
        month_start = pendulum.Date(year, mon, 1)
        month_end = month_start.add(months=1).subtract(days=1)
        return DateWindow(month_start, month_end, Precision.MONTH)
    return DateWindow.exact(parse_date(text, field=field))


_PARTIAL_RE = re.compile(r"^\d{4}(-\d{2})?$|^\d{4}-?W\d{2}(-?\d)?$|^\d{4}-\d{3}$", re.IGNORECASE)
"""A year, a month, a week or an ordinal day: periods or unusual layouts, never silently a first day."""


Moment = pendulum.Date | pendulum.DateTime
"""A question's day as read: a civil date (the same in every zone) or an aware instant (one day per zone)."""


def as_moment(value: object, *, field: str = "on") -> Moment:
    """
    Read a query value once: a civil date, or an aware instant to be placed in each list's zone.

    Text without a time and `date` values are civil dates. An aware datetime
    (or text with an offset) is an instant: 2025-04-16T22:30Z is still the 16th
    in London and already the 17th in Moscow. A naive datetime is local time
    wherever it is asked, so it is its civil date.
    """
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return pendulum.Date(value.year, value.month, value.day)
        return pendulum.instance(value)
    if isinstance(value, dt.date):
        return pendulum.Date(value.year, value.month, value.day)
    if isinstance(value, str):
        text = value.strip()
        if _DAY_RE.match(text):
            return parse_date(text, field=field)
        if _PARTIAL_RE.match(text):
            raise InvalidDateError(value, "a question's day must be a whole day, YYYY-MM-DD "
                                   "(a year or a month is a period: ask `changes` for it)", field=field)
        try:
            parsed = pendulum.parse(text, strict=True, exact=True)
        except (ValueError, TypeError) as exc:
            raise InvalidDateError(value, "not an ISO 8601 date or time", field=field) from exc
        if isinstance(parsed, dt.datetime):
            if parsed.tzinfo is None or ("T" not in text.upper() and " " not in text) or not _has_offset(text):
                return pendulum.Date(parsed.year, parsed.month, parsed.day)
            return pendulum.instance(parsed)
        if isinstance(parsed, dt.date):
            return pendulum.Date(parsed.year, parsed.month, parsed.day)
        raise InvalidDateError(value, "not a date or a time", field=field)
    raise InvalidDateError(value, "expected text, a date or a datetime", field=field)


def local_date(moment: Moment, tz: str) -> pendulum.Date:
    """The civil date `moment` stands for in time zone `tz`."""
    if isinstance(moment, dt.datetime):
        return moment.in_timezone(tz).date()
    return moment


def as_local_date(value: object, tz: str, *, field: str = "on") -> pendulum.Date:
    """The civil date in time zone `tz` that a query value stands for (`as_moment`, then `local_date`)."""
    return local_date(as_moment(value, field=field), tz)


def _has_offset(text: str) -> bool:
    """Whether the time part (after `T` or a space) carries `Z` or a `+hh:mm`/`-hh:mm` offset."""
    tail = re.split(r"[T ]", text.strip().upper(), maxsplit=1)[-1]
    return tail.endswith("Z") or "+" in tail or "-" in tail


def as_utc(value: object, *, field: str = "as_recorded_at") -> pendulum.DateTime:
    """
    An aware UTC instant from text, a datetime or a date.

    A date, or a naive datetime, is read as UTC; a date means the end of that
    day (everything recorded during it), which is what "as recorded at D" asks.
    """
    if isinstance(value, dt.datetime):
        if value.year >= _LAST_DAY.year:
            raise InvalidDateError(value, "out of range: recorded times end before 9999-01-01", field=field)
        if value.tzinfo is None:
            return pendulum.instance(value.replace(tzinfo=dt.UTC)).in_timezone("UTC")
        return pendulum.instance(value).in_timezone("UTC")
    if isinstance(value, dt.date):
        if value >= _LAST_DAY:
            raise InvalidDateError(value, "out of range: recorded times end before 9999-01-01", field=field)
        return pendulum.datetime(value.year, value.month, value.day, tz="UTC").add(
            days=1
        ).subtract(microseconds=1)
    if isinstance(value, str):
        text = value.strip()
        if _DAY_RE.match(text):
            return as_utc(parse_date(text, field=field), field=field)
        if _PARTIAL_RE.match(text):
            raise InvalidDateError(value, "a recorded instant must be a day or a time, not a period", field=field)
        try:
            parsed = pendulum.parse(text, strict=True)
        except (ValueError, TypeError) as exc:
            raise InvalidDateError(value, "not an ISO 8601 time", field=field) from exc
        if isinstance(parsed, dt.datetime):
            return as_utc(parsed, field=field)
        raise InvalidDateError(value, "not an ISO 8601 time", field=field)
    raise InvalidDateError(value, "expected text or a datetime", field=field)


_LAST_DAY = dt.date(9999, 1, 1)
"""Recorded times end before this day (the store marks open-ended rows with the end of year 9999)."""


def utc_now() -> pendulum.DateTime:
    """The current instant in UTC; the default clock of a store."""
    return pendulum.now("UTC")


def next_day(day: dt.date) -> pendulum.Date:
    """The day after `day`."""
    nxt = day + _DAY
    return pendulum.Date(nxt.year, nxt.month, nxt.day)

