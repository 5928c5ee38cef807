"""
Column types that keep the driver away from pendulum and from local time.

SQLite drops time zones, and stdlib drivers pick adapters by exact type,
so instants are stored as naive UTC and dates as plain `datetime.date`;
reads give back aware UTC `pendulum.DateTime` and `pendulum.Date`.
"""

from __future__ import annotations

import datetime as dt

import pendulum
from sqlalchemy import Date, DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

__all__ = ["FOREVER_DATE", "FOREVER_TIME", "LATEST", "PendulumDate", "UTCDateTime"]

FOREVER_DATE = pendulum.Date(9999, 12, 31)
"""Stored end of a period that has not ended (mapped to None at the API)."""

FOREVER_TIME = pendulum.datetime(9999, 12, 31, 23, 59, 59, tz="UTC")
"""Stored end of a recorded-time period that is still current."""

LATEST = FOREVER_TIME.subtract(seconds=1)
"""The recorded instant that reads everything the store holds (a question not asked `as_recorded_at`)."""


class UTCDateTime(TypeDecorator[pendulum.DateTime]):
    """An aware instant, stored as naive UTC, returned as aware UTC."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        """Refuse naive values; convert to naive UTC stdlib datetime."""
        del dialect
        if value is None:
            return None
        if value.tzinfo is None:
            msg = "naive datetime given for a UTC column"
            raise ValueError(msg)
        utc = value.astimezone(dt.UTC)
        return dt.datetime(  # noqa: DTZ001 - stored naive on purpose, always UTC
            utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second, utc.microsecond
        )

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> pendulum.DateTime | None:
        """Re-attach UTC (memoised: every row of a batch carries the same few instants)."""
        del dialect
        if value is None:
            return None
        found = _INSTANTS.get(value)
        if found is None:
            if len(_INSTANTS) >= _MEMO_MAX:
                _INSTANTS.clear()
            found = _INSTANTS[value] = pendulum.instance(value.replace(tzinfo=dt.UTC)).in_timezone("UTC")
        return found


_MEMO_MAX = 1 << 16
_INSTANTS: dict[dt.datetime, pendulum.DateTime] = {}
"""Stored instants already turned into aware pendulum values (immutable, so shared)."""


class PendulumDate(TypeDecorator[pendulum.Date]):
    """A civil date, bound as stdlib `date`, returned as `pendulum.Date`."""

    impl = Date
    cache_ok = True

    def process_bind_param(self, value: dt.date | None, dialect: Dialect) -> dt.date | None:
        """Strip the pendulum subclass so every driver can adapt it."""
        del dialect
        if value is None:
            return None
        return dt.date(value.year, value.month, value.day)

    def process_result_value(self, value: dt.date | None, dialect: Dialect) -> pendulum.Date | None:
        """Return a pendulum date."""
        del dialect
        if value is None:
            return None
        return pendulum.Date(value.year, value.month, value.day)
