"""
The point-lookup fast path: one status lookup through the driver directly.

Building and compiling SQLAlchemy statements costs more than SQLite takes to
answer them, so `status(subject id, one list)` runs two fixed statements on a
per-thread driver connection, inside one read transaction: the answer (subject,
period, event and data version in one indexed query), then its details
(names, identifiers, citations). Anything else takes the general path.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Mapping
from typing import Any

import attrs
import pendulum
from sqlalchemy import Engine

__all__ = ["FastLookup", "FastReader"]

_ANSWER = """
SELECT s.pk, s.key, s.name, s.kind,
       p.state, p.certain, p.possible, p.valid_from, p.valid_to, p.event_id, p.event_ids,
       e.kind, e.effective_from, e.effective_to, e.precision, e.published, e.instrument, e.note,
       e.key, e.corrects_id, e.recorded_at,
       (SELECT MAX(b.recorded_at) FROM batch b WHERE b.recorded_at <= ?)
FROM subject s
LEFT JOIN status_period p
  ON p.subject_pk = s.pk AND p.list_id = ?
 AND p.valid_from <= ? AND p.valid_to > ?
 AND p.known_from <= ? AND p.known_to > ?
 AND p.recorded_from <= ? AND p.recorded_to > ?
LEFT JOIN event e ON e.id = p.event_id
WHERE s.key = ?
"""

_DETAILS = """
SELECT 'n', n.value, n.lang, n.script, CASE WHEN n.is_primary THEN '1' ELSE '0' END, n.id
  FROM subject_name n WHERE n.subject_pk = ?
UNION ALL
SELECT 'i', i.scheme, i.value, '', '0', i.id FROM subject_identifier i WHERE i.subject_pk = ?
UNION ALL
SELECT 's', c.title, c.url, c.publisher, CAST(c.date AS TEXT), c.position FROM event_source c WHERE c.event_id = ?
"""

_RESOLVE = """
SELECT s.key FROM subject_identifier i JOIN subject s ON s.pk = i.subject_pk WHERE i.value = ?
UNION
SELECT s.key FROM subject_name n JOIN subject s ON s.pk = n.subject_pk WHERE n.key = ?
"""

_PERIOD_KEYS = ("state", "certain", "possible", "valid_from", "valid_to", "event_id", "event_ids",
                "ev_kind", "ev_effective_from", "ev_effective_to", "ev_precision", "ev_published",
                "ev_instrument", "ev_note", "ev_key", "ev_corrects_id", "ev_recorded_at")


@attrs.frozen(kw_only=True)
class FastLookup:
    """What the fast path read: rows shaped as the general path's, ready for conversion."""

    version: str
    subject: Mapping[str, Any]
    names: tuple[Mapping[str, Any], ...]
    identifiers: tuple[Mapping[str, Any], ...]
    period: Mapping[str, Any] | None
    sources: tuple[Mapping[str, Any], ...]


def _date(value: object) -> pendulum.Date | None:
    if value is None:
        return None
    if isinstance(value, str):
        year, month, day = value[:10].split("-")
        return pendulum.Date(int(year), int(month), int(day))
    assert isinstance(value, dt.date)  # noqa: S101 - the drivers return str or date
    return pendulum.Date(value.year, value.month, value.day)


def _instant(value: object) -> pendulum.DateTime | None:
    if value is None:
        return None
    when = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    assert isinstance(when, dt.datetime)  # noqa: S101 - the drivers return str or datetime
    return pendulum.DateTime(when.year, when.month, when.day, when.hour, when.minute, when.second,
                             when.microsecond, tzinfo=pendulum.UTC)


class FastReader:
    """Runs the fast-path statements on one driver connection per thread."""

    def __init__(self, engine: Engine) -> None:
        """Prepare the statements in the engine's parameter style."""
        self.engine = engine
        self.sqlite = engine.dialect.name == "sqlite"
        mark = "?" if self.sqlite else "%s"
        self._answer = _ANSWER.replace("?", mark)
        self._details = _DETAILS.replace("?", mark)
        self._resolve = _RESOLVE.replace("?", mark)
        self._local = threading.local()

    def _bind_day(self, day: dt.date) -> object:
        return day.isoformat() if self.sqlite else dt.date(day.year, day.month, day.day)

    def _bind_instant(self, when: dt.datetime) -> object:
        naive = when.astimezone(dt.UTC).replace(tzinfo=None)
        return naive.strftime("%Y-%m-%d %H:%M:%S.%f") if self.sqlite else naive

    def _connection(self) -> Any:  # noqa: ANN401 - a DBAPI connection
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self.engine.raw_connection()
            self._local.conn = conn
        return conn

    def close(self) -> None:
        """Return this thread's connection to the pool."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def lookup(
        self, key: str, list_id: str, day: dt.date, known: dt.date, at: dt.datetime
    ) -> FastLookup | None:
        """The answer rows for subject `key` on `list_id`, or None when no subject has that id."""
        conn = self._connection()
        cur = conn.cursor()
        try:
            if self.sqlite:
                cur.execute("BEGIN")
            d, k, t = self._bind_day(day), self._bind_day(known), self._bind_instant(at)
            cur.execute(self._answer, (t, list_id, d, d, k, k, t, t, key))
            row = cur.fetchone()
            if row is None:
                return None
            cur.execute(self._details, (row[0], row[0], row[9]))
            details = cur.fetchall()
        finally:
            cur.close()
            conn.rollback()  # ends the read transaction on both engines
        return self._shape(row, details)

    def resolve(self, ref: str, key: str) -> list[str]:
        """Subject ids whose identifier is `ref` or whose name's match key is `key`."""
        conn = self._connection()
        cur = conn.cursor()
        try:
            cur.execute(self._resolve, (ref.strip(), key))
            return [r[0] for r in cur.fetchall()]
        finally:
            cur.close()
            conn.rollback()

    def _shape(self, row: tuple[Any, ...], details: list[tuple[Any, ...]]) -> FastLookup:
        version = _instant(row[21])
        period: dict[str, Any] | None = None
        if row[4] is not None:
            period = dict(zip(_PERIOD_KEYS, row[4:21], strict=True))
            period["list_id"] = None  # filled by the caller, who knows the list
            for name in ("valid_from", "valid_to", "ev_effective_from", "ev_effective_to", "ev_published"):
                period[name] = _date(period[name])
            period["ev_recorded_at"] = _instant(period["ev_recorded_at"])
        names = tuple({"value": d[1], "lang": d[2], "script": d[3], "is_primary": d[4] == "1"}
                      for d in sorted((d for d in details if d[0] == "n"), key=lambda d: d[5]))
        idents = tuple({"scheme": d[1], "value": d[2]}
                       for d in sorted((d for d in details if d[0] == "i"), key=lambda d: d[5]))
        sources = tuple({"title": d[1], "url": d[2], "publisher": d[3], "date": _date(d[4])}
                        for d in sorted((d for d in details if d[0] == "s"), key=lambda d: d[5]))
        return FastLookup(
            version=version.isoformat() if version else "",
            subject={"pk": row[0], "key": row[1], "name": row[2], "kind": row[3]},
            names=names, identifiers=idents, period=period, sources=sources,
        )
