"""
Status lookups: what a status question needs, read in one statement per day asked.

`status` and `who_lists` ask for a subject's answering period on some lists
on one day, with everything an answer carries: the subject (aliases,
identifiers), the period, its event and citations, and the data version.
One fixed statement reads all of it on a per-thread driver connection in
autocommit mode: building and compiling a SQLAlchemy statement costs more
than the database takes to answer, and one statement reads one snapshot on
both engines, so no transaction is opened or ended around it. Rows become
domain values without re-running validators: they were validated when written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import threading
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import pendulum
from sqlalchemy import Engine

from designations.errors import AmbiguousNameError, UnknownSubjectError
from designations.model import State, Subject, SubjectKind
from designations.model.events import ListPeriod
from designations.names import can_name, normalise
from designations.store import aggregates, reads
from designations.store.convert import open_end

__all__ = ["MAP_BYTES", "Found", "Group", "StatusReader"]

# {agg}(...) is json_group_array(json_array(...)) on SQLite, json_agg(json_build_array(...)) on PostgreSQL;
# elements carry their row order (id) and are sorted in Python, as neither engine here promises the
# order of an aggregate's input. Column 24 is the event's own `citations` text (migration 0009: it was
# an aggregate over `event_source`, in the same place, so the row's layout is otherwise unchanged).
_ANSWER = """
SELECT s.key, s.name, s.kind, p.list_id,
       p.state, p.certain, p.possible, p.valid_from, p.valid_to, p.event_id, p.event_ids,
       e.kind, e.effective_from, e.effective_to, e.precision, e.published, e.instrument, e.note,
       e.key, e.corrects_id, e.recorded_at,
       (SELECT MAX(b.recorded_at) FROM batch b WHERE b.recorded_at <= ?),
       CASE WHEN s.has_aliases THEN (SELECT {agg}(n.value, n.lang, n.script, n.weak, n.id)) FROM subject_name n
         WHERE n.subject_pk = s.pk AND {alias}) END,
       CASE WHEN s.has_identifiers THEN (SELECT {agg}(i.scheme, i.value, i.id)) FROM subject_identifier i
         WHERE i.subject_pk = s.pk) END,
       e.citations,
       p.state_since, e.decided_from, e.decided_to, e.listed_as, e.scope, p.scope_since, p.since_earliest
FROM subject s
LEFT JOIN status_period p
  ON p.subject_pk = s.pk AND p.list_id IN ({lists})
 AND p.valid_from <= ? AND p.valid_to > ?
 AND p.known_from <= ? AND p.known_to > ?
 AND p.recorded_from <= ? AND {recorded_to} > ?
LEFT JOIN event e ON e.id = p.event_id
WHERE s.key = ?
"""

# The same answer for a subject named by identifier value or by a name's match key; rows of several
# subjects leave the choice to `reads.find_subjects` (identifiers before names, or ambiguous).
_BY_REF = """
WHERE s.pk IN (SELECT i.subject_pk FROM subject_identifier i WHERE i.value = ?
               UNION SELECT n.subject_pk FROM subject_name n WHERE n.key = ?)
"""

ALIAS_ROWS = {True: "n.is_primary = 0", False: "NOT n.is_primary"}
"""The alias rows of `subject_name n`, spelled as the partial index `ix_subject_name_alias` is (SQLite, PostgreSQL)."""
_AGGREGATE = {"sqlite": "json_group_array(json_array", "postgresql": "json_agg(json_build_array"}
RECORDED_TO = {True: "+p.recorded_to", False: "p.recorded_to"}
"""
The period's recorded end, spelled so that SQLite finds the period through `ix_status_period_lookup`.

Left bare, SQLite's planner took `ix_status_period_current` (subject, recorded end) and read every
current period of the subject on every list: on the 1M-subject store the statement took 40 us
instead of 31 us. The unary plus keeps the comparison (and its meaning) but not the index.
"""


Group = tuple[tuple[str, ...], dt.date, dt.date]
"""Lists asked about on one day: (list ids, day, as-known-at day); lists in one time zone share a day."""


@attrs.frozen(kw_only=True)
class Found:
    """A subject, the store's data version, and its answering period on each list asked about."""

    version: str
    subject: Subject
    periods: Mapping[str, ListPeriod]  # a list with no period that day is absent


_date = aggregates.day


_instant = aggregates.instant
_instant_text = aggregates.instant_text


@functools.lru_cache(maxsize=64)
def _version_text(value: str) -> str:
    return _instant_text(value).isoformat()


_ZERO = dt.timedelta(0)
MAP_BYTES = 1 << 30
"""How much of a SQLite store the lookup connection maps into memory (SQLite caps it, by default at 2 GiB)."""
_KIND = {k.value: k for k in SubjectKind}
_STATE = {k.value: k for k in State}


@functools.lru_cache(maxsize=256)
def _states(text: str) -> frozenset[State]:
    return frozenset(_STATE[s] for s in text.split(",") if s)


class StatusReader:
    """Runs the status statement on one autocommit driver connection per thread."""

    def __init__(self, engine: Engine) -> None:
        """Prepare the statements in the engine's SQL and parameter style."""
        self.engine = engine
        self.sqlite = engine.dialect.name == "sqlite"
        mark = "?" if self.sqlite else "%s"
        agg = _AGGREGATE.get(engine.dialect.name, _AGGREGATE["postgresql"])
        self._mark = mark
        self._answer_sql = (_ANSWER.replace("{agg}", agg).replace("{alias}", ALIAS_ROWS[self.sqlite])
                            .replace("{recorded_to}", RECORDED_TO[self.sqlite]))
        self._statements: dict[tuple[int, bool], str] = {}
        self._local = threading.local()
        self._dbapi_error: type[Exception] = getattr(engine.dialect.dbapi, "Error", Exception)

    def statement(self, n_lists: int, *, by_ref: bool = False) -> str:
        """The answer statement for `n_lists` lists, by subject id or by identifier/name (benchmarks run it raw)."""
        sql = self._statements.get((n_lists, by_ref))
        if sql is None:
            sql = self._answer_sql.replace("{lists}", ", ".join("?" * n_lists))
            if by_ref:
                sql = sql[: sql.rindex("WHERE s.key = ?")] + _BY_REF
            sql = self._statements[n_lists, by_ref] = sql.replace("?", self._mark)
        return sql

    def _bind_day(self, day: dt.date) -> object:
        return day.isoformat() if self.sqlite else dt.date(day.year, day.month, day.day)

    @functools.lru_cache(maxsize=64)  # noqa: B019 - one reader per registry; instants asked repeat (LATEST)
    def _bind_instant(self, when: dt.datetime) -> object:
        u = when if when.utcoffset() == _ZERO else when.astimezone(dt.UTC)
        if self.sqlite:  # the stored text form, written out (cheaper than dropping a pendulum time zone)
            return (f"{u.year:04d}-{u.month:02d}-{u.day:02d} "
                    f"{u.hour:02d}:{u.minute:02d}:{u.second:02d}.{u.microsecond:06d}")
        return dt.datetime(u.year, u.month, u.day, u.hour, u.minute, u.second, u.microsecond)  # noqa: DTZ001 - UTC, stored naive

    def _driver(self) -> Any:  # noqa: ANN401 - a DBAPI connection
        """The calling thread's driver connection, taken from the pool once and kept in autocommit."""
        driver: Any = getattr(self._local, "driver", None)
        if driver is None:
            pooled = self.engine.raw_connection()
            pooled.rollback()
            driver = pooled.driver_connection
            if not self.sqlite:  # sqlite3 opens no transaction for a SELECT; psycopg must be told
                driver.autocommit = True
                # The statement is fixed and its plan does not depend on the values: planning it
                # for every call cost PostgreSQL 5x its execution, so plan it once per session.
                with contextlib.suppress(self._dbapi_error):  # PostgreSQL < 12 lacks it: plan as before
                    driver.execute("SET plan_cache_mode = force_generic_plan")
            elif MAP_BYTES:
                # A lookup reads a dozen pages scattered over the file: mapped, each is read where it
                # lies instead of being copied into the page cache (kept at SQLite's small default,
                # `engine.READ_CACHE_KIB`: the writers' large one cost a lookup 20-30 us on a store
                # of 1M subjects, allocating fresh memory for every page it had not held yet).
                driver.execute(f"PRAGMA mmap_size={MAP_BYTES}").close()
            self._local.pooled, self._local.driver = pooled, driver
        return driver

    def close(self) -> None:
        """Return this thread's connection to the pool, as the pool handed it out."""
        pooled: Any = getattr(self._local, "pooled", None)
        if pooled is not None:
            cursor = getattr(self._local, "cursor", None)
            if cursor is not None:
                cursor.close()
                self._local.cursor = None
            if not self.sqlite:
                with contextlib.suppress(self._dbapi_error):
                    pooled.driver_connection.execute("RESET plan_cache_mode")
                pooled.driver_connection.autocommit = False
            elif MAP_BYTES:
                pooled.driver_connection.execute("PRAGMA mmap_size=0").close()
            pooled.close()
            self._local.pooled = self._local.driver = None

    def _rows(self, group: Group, at: dt.datetime, key: str, ref: tuple[str, str] | None = None) -> list[Any]:
        """The answer rows for `group`: of subject `key`, or of the subjects `ref` (identifier, name key) names."""
        ids, day, known = group
        d, k, t = self._bind_day(day), self._bind_day(known), self._bind_instant(at)
        sql = self.statement(len(ids), by_ref=ref is not None)
        cur = self._cursor()
        cur.execute(sql, (t, *ids, d, d, k, k, t, t, *(ref or (key,))))
        rows: list[Any] = cur.fetchall()
        return rows

    def _cursor(self) -> Any:  # noqa: ANN401 - a DBAPI cursor
        """The calling thread's cursor on its driver connection, opened once (each lookup reuses it)."""
        cur: Any = getattr(self._local, "cursor", None)
        if cur is None:
            cur = self._local.cursor = self._driver().cursor()
        return cur

    def find(self, ref: object, groups: Sequence[Group], at: dt.datetime) -> Found:
        """
        The subject `ref` names (id, then identifier value, then name or alias) and its periods.

        Raises:
            UnknownSubjectError: no subject matches `ref` (with the nearest names).
            AmbiguousNameError: `ref` names several subjects.

        """
        if not can_name(ref):
            raise UnknownSubjectError(str(ref))
        first, *rest = groups
        rows = self._rows(first, at, ref)
        if not rows:
            rows = self._rows(first, at, ref, (ref.strip(), normalise(ref)))
            if len({r[0] for r in rows}) != 1:  # none, or several: the rule decides (identifiers before names)
                rows = self._rows(first, at, self._resolve(ref))
        found = _shape(rows)
        return self._with_pending(self._more(found, rest, at) if rest else found, at)

    def periods_of(self, key: str, groups: Sequence[Group], at: dt.datetime) -> Found | None:
        """Subject `key`'s periods on the groups' lists, or None when no subject has that id."""
        first, *rest = groups
        rows = self._rows(first, at, key)
        if not rows:
            return None
        found = _shape(rows)
        return self._with_pending(self._more(found, rest, at) if rest else found, at)

    def _with_pending(self, found: Found, at: dt.datetime) -> Found:
        """
        `found` with the events its periods hold pending in their windows, so that an answer can name them.

        Only a day inside an event's window has any (one more statement, off the common path).
        """
        if not any(len(p.event_ids) > (p.event is not None) for p in found.periods.values()):
            return found  # (the common case, checked without building anything)
        wanted = sorted({i for period in found.periods.values() for i in period.pending_ids})
        with self.engine.connect() as conn, conn.begin():
            events = {e.id: e for e, _pk in reads.events_for(conn, at=pendulum.instance(at), event_ids=wanted)}
        periods = {list_id: attrs.evolve(p, pending=tuple(events[i] for i in p.pending_ids if i in events))
                   if p.pending_ids else p for list_id, p in found.periods.items()}
        return attrs.evolve(found, periods=periods)

    def _more(self, found: Found, groups: Sequence[Group], at: dt.datetime) -> Found:
        """`found` with the periods of the other days asked (another version seen is kept: the caller asks again)."""
        periods = dict(found.periods)
        version = found.version
        for group in groups:
            rows = self._rows(group, at, found.subject.id)
            periods.update((row[3], _period(row)) for row in rows if row[4] is not None)
            if rows and _version(rows[0][21]) != version:
                version = ""  # never a catalogue's version: a write fell between the statements
        return attrs.evolve(found, version=version, periods=periods)

    def _resolve(self, ref: str) -> str:
        """The id of the one subject `ref` names, by the general rule; else the error (off the hot path)."""
        with self.engine.connect() as conn, conn.begin():
            _how, found = reads.find_subjects(conn, ref)
            if not found:
                raise UnknownSubjectError(ref, reads.suggestions(conn, ref))
            if len(found) > 1:
                raise AmbiguousNameError(ref, [(key, name) for _pk, key, name in found])
        return str(found[0][1])


def _version(value: object) -> str:
    if value is None:
        return ""
    return _version_text(value) if isinstance(value, str) else _instant(value).isoformat()  # type: ignore[union-attr]


def _shape(rows: list[tuple[Any, ...]]) -> Found:
    """Domain values from the answer rows of one subject, one per answering list (stored, validated values)."""
    first = rows[0]
    subject = aggregates.make_subject(first[0], _KIND[first[2]], first[1], aggregates.aliases(first[22]),
                                      aggregates.identifiers(first[23]))
    periods = {row[3]: _period(row) for row in rows if row[4] is not None}
    return _make_found(_version(first[21]), subject, periods)


def _period(row: tuple[Any, ...]) -> ListPeriod:
    (key, list_id, state, certain, possible, valid_from, valid_to, event_id, event_ids,
     ev_kind, ev_from, ev_to, ev_precision, ev_published, ev_instrument, ev_note, ev_key, ev_corrects,
     ev_recorded_at) = (row[0], *row[3:21])
    state_since, decided_from, decided_to, listed_as, scope, scope_since, earliest = row[25:32]
    event = None
    if event_id is not None and ev_kind is not None:
        event = aggregates.event(
            key, list_id, event_id, ev_kind, ev_from, ev_to, ev_precision, ev_published, ev_instrument, ev_note,
            ev_key, ev_corrects, ev_recorded_at, decided_from, decided_to, listed_as, scope,
            aggregates.citations(row[24], event_id))
    since = _date(state_since) or _date(valid_from)
    return _make_period(
        _STATE[state], bool(certain), _states(possible), since, open_end(_date(valid_to)), event,
        tuple(map(int, filter(None, event_ids.split(",")))), _date(scope_since) or since, _date(earliest), ())


_make_found = aggregates.builder(Found, "version", "subject", "periods")
_make_period = aggregates.builder(ListPeriod, "state", "certain", "possible", "since", "until", "event", "event_ids",
                                  "scope_since", "since_earliest", "pending")
