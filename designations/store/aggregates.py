"""
Details as one column: a subject's aliases or identifiers, an event's citations, aggregated to JSON.

An answer that carries many subjects or events reads their details in the
same statement, one correlated aggregate per row (`json_group_array` on
SQLite, `json_agg` on PostgreSQL), instead of a second and third scan. Each
element carries its row order (id or position) last; neither engine promises
the order of an aggregate's input, so elements are sorted here. Values were
validated when written and are turned back into domain values without
running the validators again.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from typing import Any

import pendulum
from sqlalchemy import ColumnElement, func

from designations.model import Identifier, Name, Source
from designations.store.convert import _trusted as trusted

__all__ = ["aliases", "day", "identifiers", "items", "json_rows", "sources"]

_decode = json.JSONDecoder().raw_decode  # the aggregates are compact JSON: no whitespace to skip


def json_rows(dialect: str, *columns: ColumnElement[Any]) -> ColumnElement[Any]:
    """The rows of `columns` as one JSON array of arrays (NULL or `[]` when there are none)."""
    if dialect == "sqlite":
        return func.json_group_array(func.json_array(*columns))
    return func.json_agg(func.json_build_array(*columns))


def items(value: object) -> list[list[Any]]:
    """A JSON aggregate (text on SQLite, already decoded on PostgreSQL; NULL when empty), in row order."""
    if value is None or value == "[]":
        return []
    found: list[list[Any]] = _decode(value)[0] if isinstance(value, str) else value  # type: ignore[assignment]
    if len(found) > 1:
        found.sort(key=lambda item: item[-1])
    return found


@functools.lru_cache(maxsize=65536)
def _day_text(value: str) -> pendulum.Date:
    """A stored day (text) as a Date; days repeat, so they are parsed once."""
    return pendulum.Date(int(value[:4]), int(value[5:7]), int(value[8:10]))


def day(value: object) -> pendulum.Date | None:
    """A day as a driver or an aggregate returns it (text, a date, or NULL)."""
    if value is None:
        return None
    if isinstance(value, str):
        return _day_text(value)
    if isinstance(value, pendulum.Date):
        return value
    if not isinstance(value, dt.date):
        msg = f"not a stored day: {value!r:.40}"
        raise TypeError(msg)
    return pendulum.Date(value.year, value.month, value.day)


def aliases(value: object) -> tuple[Name, ...]:
    """Aliases from an aggregate of (value, lang, script, weak, id)."""
    return tuple(trusted(Name, value=a[0], lang=a[1], script=a[2], primary=False, weak=bool(a[3]))
                 for a in items(value))


def identifiers(value: object) -> tuple[Identifier, ...]:
    """Identifiers from an aggregate of (scheme, value, id)."""
    return tuple(trusted(Identifier, scheme=i[0], value=i[1]) for i in items(value))


@functools.lru_cache(maxsize=4096)
def _source(title: str, url: str, publisher: str, date: str | None) -> Source:
    """One citation; events cite the same few sources, and a Source is immutable, so each is built once."""
    return trusted(Source, title=title, url=url, publisher=publisher, date=day(date))


def sources(value: object) -> tuple[Source, ...]:
    """Citations from an aggregate of (title, url, publisher, date, position)."""
    return tuple(_source(c[0], c[1], c[2], None if c[3] is None else str(c[3])) for c in items(value))
