"""Jurisdictions and the designation lists they keep."""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs
import pendulum

from designations.dates import Period
from designations.errors import InvalidRecordError

__all__ = ["DesignationList", "Jurisdiction"]

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
    """

    id: str = attrs.field(validator=_check_list_id)
    jurisdiction: Jurisdiction
    name: str
    authority: str = ""
    legal_basis: str = ""
    url: str = ""
    tags: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    coverage: tuple[Period, ...] = attrs.field(default=(), converter=_periods)

    def covers(self, day: pendulum.Date) -> bool:
        """Whether the store holds this list completely on `day`."""
        return any(p.contains(day) for p in self.coverage)
