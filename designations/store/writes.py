"""
Writes: one `WriteBatch` in one transaction, validated, append-only.

A batch adds subjects, events and retractions, sets coverage and records a
publication. Every (subject, list) it touches is replayed; an invalid
history raises and the transaction rolls back, leaving the store as it was.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs
import pendulum
from sqlalchemy import Connection, bindparam, func, insert, select, text, update

from designations.batching import IN_LIMIT, batched, distinct_batches
from designations.dates import Period, Precision
from designations.errors import (
    InvalidRecordError,
    UnknownEventError,
    UnknownListError,
    UnknownSubjectError,
)
from designations.model import Event, EventKind, Relation, Scope
from designations.names import normalise
from designations.store import bulk, convert, guard
from designations.store.batches import BatchResult, PublicationRecord, WriteBatch, split_batch
from designations.store.periods import derive_template
from designations.store.schema import (
    BatchTable,
    CoverageTable,
    EventTable,
    JurisdictionAliasTable,
    JurisdictionTable,
    ListTable,
    MetaTable,
    PeriodTable,
    PublicationTable,
    RelationTable,
    RetractionTable,
    SubjectIdentifierTable,
    SubjectNameTable,
    SubjectTable,
)
from designations.store.types import FOREVER_DATE, FOREVER_TIME

__all__ = ["BatchResult", "PublicationRecord", "WriteBatch", "WriteContext", "apply_part", "begin_batch", "finish",
           "period_tuples", "split_batch"]

_ROWS = 5000
"""Rows converted and sent per insert: bounds the write path's memory, not the batch's.

Not `IN_LIMIT`: an insert is one `executemany` or `COPY`, whose rows are not
parameters of one statement, so only memory bounds it."""
_TICK = dt.timedelta(microseconds=1)
_VALUES: dict[Any, str] = {m: m.value for kind in (EventKind, Precision, Scope) for m in kind}
"""Enum member -> stored text, without the enum property lookup per row."""


class WriteContext:
    """One open write transaction: its batch row, recorded time and insert layer."""

    def __init__(
        self, conn: Connection, batch_id: int, recorded_at: dt.datetime) -> None:
        """State shared by every part written in this transaction."""
        self.conn = conn
        self.batch_id = batch_id
        self.recorded_at = recorded_at
        self.recorded_text = bulk.time_text(recorded_at)
        self.inserter = bulk.Inserter(conn)
        self.guard_lifted = False
        self.checked_after = 0
        """With the guard lifted, the period rows above this id are checked set-wise before the commit."""
        self.checked_rows = 0
        """How many of them `insert_periods` has checked as it wrote them."""
        self.period_top = 0
        """With the guard lifted, the highest period id so far (taken at each part's start, then counted)."""
        self.minted_from: int | None = None
        """The first subject pk the current part handed out: those subjects have no older period rows."""
        self.parts = 0
        self.wrote_subjects = False
        self.wrote_events = False
        self._lists: set[str] | None = None
        self._dates: dict[dt.date, str | None] = {}
        self.publications: dict[tuple[str, dt.date, str], int] = {}
        """(list id, published, sha256) -> id of each publication row this transaction wrote."""

    def lift_guard(self) -> None:
        """Lift the overlap guard until `finish`, which checks every period row written since, then restores it."""
        if self.guard_lifted:
            return
        self.checked_after = int(self.conn.scalar(select(func.max(PeriodTable.c.id))) or 0)
        guard.drop_guard(self.conn)
        self.guard_lifted = True

    def insert_periods(self, rows: list[tuple[Any, ...]]) -> None:
        """
        Insert `status_period` tuples; with SQLite's guard lifted, check them set-wise as written.

        The rows get the ids after the table's highest, in order (SQLite's
        rowids); `verify_periods` proves it at the end of the part, and reads
        the part's rows back to check them if it does not hold. A pair whose
        subject the part created has no older rows, so the check reads none
        for it and needs no statement.
        """
        if not rows:
            return
        check = self.guard_lifted and not self.inserter.postgres
        after = self.period_top
        self.inserter.insert("status_period", rows)
        if not check:
            return
        self.period_top += len(rows)
        written = [(after + 1 + i, r[0], r[1], r[5], r[6], r[7], r[8], r[9], r[10]) for i, r in enumerate(rows)]
        minted = self.minted_from
        if minted is not None and all(r[1] >= minted for r in written):
            guard.check_rows_without_older(written)
        else:
            guard.check_rows(self.conn, after, written)
        self.checked_rows += len(rows)

    def start_periods(self) -> None:
        """At a part's start (nothing in flight), take the highest period id for `insert_periods`."""
        if self.guard_lifted and not self.inserter.postgres:
            self.period_top = int(self.conn.scalar(select(func.max(PeriodTable.c.id))) or 0)

    def verify_periods(self, start: int, rows: int) -> None:
        """
        After a part: its `rows` period rows hold the ids after `start`, as checked; else check them read back.

        Raises:
            InvalidRecordError: two periods overlap.

        """
        if not rows or not self.guard_lifted or self.inserter.postgres:
            return
        conn = self.conn
        count, top = conn.execute(
            select(func.count(), func.max(PeriodTable.c.id)).where(PeriodTable.c.id > start)).one()
        if (count, top) != (rows, start + rows):  # pragma: no cover - SQLite's rowids are dense here
            guard.check_new_periods(conn, start)

    def lists(self, *, refresh: bool = False) -> set[str]:
        """The list ids in the store (cached for the transaction)."""
        if self._lists is None or refresh:
            self._lists = set(self.conn.scalars(select(ListTable.c.id)))
        return self._lists

    def day(self, day: dt.date | None) -> str | None:
        """`bulk.date_text`, memoised: the same few thousand days recur in every batch."""
        if day is None:
            return None
        text = self._dates.get(day)
        if text is None:
            if len(self._dates) > 100_000:  # noqa: PLR2004 - a bound, not a tuning knob
                self._dates.clear()
            text = self._dates[day] = bulk.date_text(day)
        return text


def begin_batch(
    conn: Connection,
    clock: Callable[[], pendulum.DateTime],
    *,
    kind: str,
    note: str = "",
    source_path: str = "",
    sha256: str = "",
    defer_guard: bool = False,
    server_time: bool = False,
) -> WriteContext:
    """
    Take the writer's turn, insert the batch row, and (on request) lift the overlap guard.

    The recorded time is the clock's (PostgreSQL's own with `server_time`), and
    always later than the last batch's: the store, not a client, orders writes.
    """
    postgres = conn.dialect.name == "postgresql"
    if postgres:
        conn.execute(select(MetaTable.c.value).where(MetaTable.c.key == "clock").with_for_update())
    last = conn.scalar(select(BatchTable.c.recorded_at).order_by(BatchTable.c.recorded_at.desc()).limit(1))
    if server_time and postgres:
        now = pendulum.instance(conn.scalar(text("SELECT clock_timestamp()"))).in_timezone("UTC")
    else:
        now = clock().in_timezone("UTC")
    recorded_at = now if last is None or now > last else last + _TICK
    batch_id = conn.execute(
        insert(BatchTable).returning(BatchTable.c.id),
        {"recorded_at": recorded_at, "kind": kind, "note": note,
         "source_path": source_path, "sha256": sha256},
    ).scalar_one()
    ctx = WriteContext(conn, batch_id, recorded_at)
    if defer_guard:
        ctx.lift_guard()
    return ctx


def apply_part(ctx: WriteContext, batch: WriteBatch) -> tuple[int, ...]:
    """
    Write one part of the open batch; returns the new event ids in order.

    Parts see each other's rows (one transaction). A (subject, list) pair is
    best kept in one part: a pair that comes back in a later part is replayed
    again, and its earlier rows are closed with an empty recorded-time range.
    """
    conn = ctx.conn
    ctx.parts += 1
    if batch.bulk and conn.dialect.name == "sqlite":
        ctx.lift_guard()  # periods are checked set-wise as written (`insert_periods`); PostgreSQL keeps its constraint
    _upsert_jurisdictions(conn, batch)
    _upsert_lists(conn, batch)
    if batch.lists:
        ctx.lists(refresh=True)
    ctx.start_periods()
    periods_from, periods_before = ctx.period_top, ctx.checked_rows
    first_event = _first_free_id(conn, EventTable.c.id) if batch.events else 0
    keys, new_from = _upsert_subjects(ctx, batch)
    ctx.minted_from = new_from
    retracted = _retract(ctx, batch.retractions)
    ids, fresh = _insert_events(ctx, batch.events, keys, first_event)
    _rederive(ctx, retracted, fresh, first_event, new_from)
    ctx.minted_from = None
    ctx.verify_periods(periods_from, ctx.checked_rows - periods_before)
    conn = ctx.conn
    _set_coverage(conn, batch.coverage, ctx.recorded_at)
    if batch.relations is not None:
        _set_relations(conn, batch.relations, ctx.recorded_at)
    _record_publications(ctx, batch.publications, keys)
    for key, value in batch.meta:
        _set_meta(conn, key, value)
    return tuple(ids)


def finish(ctx: WriteContext) -> None:
    """Before commit: sync PostgreSQL sequences and put a lifted guard back, verified."""
    if ctx.wrote_subjects:
        _sync_sequence(ctx.conn, "subject", "pk")
    if ctx.wrote_events:
        _sync_sequence(ctx.conn, "event", "id")
    if ctx.guard_lifted:
        written = ctx.conn.scalar(select(func.count()).where(PeriodTable.c.id > ctx.checked_after))
        guard.restore_guard(ctx.conn, ctx.checked_after, checked=written == ctx.checked_rows)


def _set_meta(conn: Connection, key: str, value: str) -> None:
    found = conn.scalar(select(MetaTable.c.key).where(MetaTable.c.key == key))
    if found is None:
        conn.execute(insert(MetaTable), {"key": key, "value": value})
    else:
        conn.execute(update(MetaTable).where(MetaTable.c.key == key).values(value=value))


def _upsert_jurisdictions(conn: Connection, batch: WriteBatch) -> None:
    if not batch.jurisdictions and not batch.jurisdiction_aliases:
        return
    have = {r.code: r for r in conn.execute(select(JurisdictionTable))}
    for j in batch.jurisdictions:
        row = have.get(j.code)
        if row is None:
            conn.execute(insert(JurisdictionTable), {"code": j.code, "name": j.name, "timezone": j.timezone})
        elif (row.name, row.timezone) != (j.name, j.timezone):
            conn.execute(
                update(JurisdictionTable).where(JurisdictionTable.c.code == j.code)
                .values(name=j.name, timezone=j.timezone)
            )
    aliases = {r.alias for r in conn.execute(select(JurisdictionAliasTable.c.alias))}
    new = {a.casefold(): c for a, c in batch.jurisdiction_aliases if a.casefold() not in aliases}
    if new:
        conn.execute(insert(JurisdictionAliasTable), [{"alias": a, "code": c} for a, c in new.items()])


def _upsert_lists(conn: Connection, batch: WriteBatch) -> None:
    if not batch.lists:
        return
    codes = set(conn.scalars(select(JurisdictionTable.c.code)))
    have = {r.id: r for r in conn.execute(select(ListTable))}
    for lst in batch.lists:
        if lst.jurisdiction.code not in codes:
            conn.execute(insert(JurisdictionTable), {
                "code": lst.jurisdiction.code, "name": lst.jurisdiction.name,
                "timezone": lst.jurisdiction.timezone})
            codes.add(lst.jurisdiction.code)
        values = {"jurisdiction_code": lst.jurisdiction.code, "name": lst.name,
                  "authority": lst.authority, "legal_basis": lst.legal_basis,
                  "url": lst.url, "tags": ",".join(lst.tags), "established": lst.established,
                  "allowance_days": lst.allowance_days,
                  "verified_on": lst.verified.on if lst.verified else None,
                  "verified_count": lst.verified.count if lst.verified else None,
                  "reviewed": lst.reviewed,
                  "details": convert.list_details(lst)}
        row = have.get(lst.id)
        if row is None:
            conn.execute(insert(ListTable), {"id": lst.id, **values})
        elif any(getattr(row, k) != v for k, v in values.items()):
            conn.execute(update(ListTable).where(ListTable.c.id == lst.id).values(**values))


def _subject_pks(conn: Connection, keys: Iterable[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in distinct_batches(keys):
        found.update(conn.execute(
            select(SubjectTable.c.key, SubjectTable.c.pk).where(SubjectTable.c.key.in_(chunk))).all())
    return found


def _names_of(conn: Connection, pks: list[int]) -> set[tuple[int, str]]:
    """The (subject pk, name) pairs already recorded for these subjects."""
    names: set[tuple[int, str]] = set()
    for chunk in batched(pks, IN_LIMIT):
        stmt = select(SubjectNameTable.c.subject_pk, SubjectNameTable.c.value).where(
            SubjectNameTable.c.subject_pk.in_(chunk))
        names |= {(r[0], r[1]) for r in conn.execute(stmt)}
    return names


def _identifier_owners(conn: Connection, values: list[str]) -> dict[tuple[str, str], int]:
    """(scheme, value) -> subject pk for every recorded identifier with one of these values."""
    idents: dict[tuple[str, str], int] = {}
    for chunk in batched(values, IN_LIMIT):
        for scheme, value, pk in conn.execute(
            select(SubjectIdentifierTable.c.scheme, SubjectIdentifierTable.c.value, SubjectIdentifierTable.c.subject_pk)
            .where(SubjectIdentifierTable.c.value.in_(chunk))
        ):
            idents[(scheme, value)] = pk
    return idents


def _upsert_subjects(ctx: WriteContext, batch: WriteBatch) -> tuple[dict[str, int], int | None]:
    """
    Insert new subjects, add names and identifiers to known ones.

    Returns key -> pk for every subject the batch refers to, and the first pk
    handed out in this part (None when no subject is new).
    """
    conn, batch_id, ins = ctx.conn, ctx.batch_id, ctx.inserter
    reasons = dict(batch.match_reasons)
    wanted = {s.id for s in batch.subjects} | {e.subject_id for e in batch.events}
    keys = _subject_pks(conn, wanted)
    new = [s for s in batch.subjects if s.id not in keys]
    old = sorted({keys[s.id] for s in batch.subjects if s.id in keys})
    names = _names_of(conn, old) if old else set()
    all_idents = sorted({i.value for s in batch.subjects for i in s.identifiers})
    idents = _identifier_owners(conn, all_idents) if all_idents else {}
    first: int | None = None
    if new:
        first = _first_free_id(conn, SubjectTable.c.pk)
        pk = first
        for chunk in batched(new, _ROWS):
            ins.insert("subject", [
                (pk + i, s.id, s.kind.value, s.name, batch_id, reasons.get(s.id, "")) for i, s in enumerate(chunk)])
            pk += len(chunk)
        keys.update({s.id: first + i for i, s in enumerate(new)})
        ctx.wrote_subjects = True
    if not batch.subjects:
        return keys, first
    _keep_reasons(ctx, keys, reasons, {s.id for s in new})
    yes, no = ins.boolean(True), ins.boolean(False)  # noqa: FBT003 - driver values
    name_rows: list[tuple[Any, ...]] = []
    ident_rows: list[tuple[Any, ...]] = []
    minted = {s.id for s in new}
    for s in batch.subjects:
        pk = keys[s.id]
        # A known subject keeps the primary name it was created with; other names are aliases.
        own = (s.name, normalise(s.name), "", "", yes if s.id in minted else no, no)
        for value, key, lang, script, primary, weak in (
                own, *((a.value, a.key, a.lang, a.script, no, yes if a.weak else no) for a in s.aliases)):
            if (pk, value) not in names:
                names.add((pk, value))
                name_rows.append((pk, value, key, lang, script, primary, batch_id, weak))
        for ident in s.identifiers:
            owner = idents.get((ident.scheme, ident.value))
            if owner is None:
                idents[(ident.scheme, ident.value)] = pk
                ident_rows.append((pk, ident.scheme, ident.value, batch_id))
            elif owner != pk:
                msg = (f"identifier {ident.scheme}:{ident.value} of {s.id!r} already "
                       f"belongs to another subject")
                raise InvalidRecordError(msg, field="identifiers")
        if len(name_rows) >= _ROWS:
            ins.insert("subject_name", name_rows)
            name_rows = []
    ins.insert("subject_name", name_rows)
    ins.insert("subject_identifier", ident_rows)
    return keys, first


def _keep_reasons(ctx: WriteContext, keys: dict[str, int], reasons: dict[str, str],
                  minted: set[str]) -> None:
    """Record why a known subject was matched, where no reason is recorded yet (the first one counts)."""
    rows = [{"b_pk": keys[k], "b_reason": r} for k, r in reasons.items()
            if r and k in keys and k not in minted]
    if rows:
        ctx.conn.execute(update(SubjectTable).where(SubjectTable.c.pk == bindparam("b_pk"),
                                              SubjectTable.c.match_reason == "")
                     .values(match_reason=bindparam("b_reason")), rows)


def _retract(ctx: WriteContext, retractions: Sequence[tuple[int, str]]) -> set[tuple[int, str]]:
    if not retractions:
        return set()
    conn, batch_id, recorded_at = ctx.conn, ctx.batch_id, ctx.recorded_at
    ids = [i for i, _ in retractions]
    found = {r.id: r for r in conn.execute(
        select(EventTable.c.id, EventTable.c.subject_pk, EventTable.c.list_id).where(EventTable.c.id.in_(ids)))}
    gone = set(conn.scalars(select(RetractionTable.c.event_id).where(RetractionTable.c.event_id.in_(ids))))
    rows = []
    for event_id, reason in retractions:
        if event_id not in found:
            raise UnknownEventError(event_id)
        if event_id in gone:
            msg = f"event {event_id} is already retracted"
            raise InvalidRecordError(msg, field="event_id")
        if not reason.strip():
            msg = "a retraction needs a reason"
            raise InvalidRecordError(msg, field="reason")
        gone.add(event_id)
        rows.append({"event_id": event_id, "reason": reason, "batch_id": batch_id,
                     "recorded_at": recorded_at})
    conn.execute(insert(RetractionTable), rows)
    return {(found[i].subject_pk, found[i].list_id) for i in ids}


_Fresh = dict[tuple[int, str], list[tuple[Event, int]]]


def _insert_events(
    ctx: WriteContext, events: Sequence[Event], keys: dict[str, int], first: int
) -> tuple[list[int], _Fresh]:
    """Validate and insert events (with their citations), numbered from `first`; returns ids, (event, id) per pair."""
    if not events:
        return [], {}
    lists = ctx.lists()
    for e in events:
        if e.subject_id not in keys:
            raise UnknownSubjectError(e.subject_id)
        if e.list_id not in lists:
            raise UnknownListError(e.list_id, sorted(lists))
        if not e.sources:
            msg = f"every event needs at least one source ({e.kind.value} of {e.subject_id!r} on {e.list_id})"
            raise InvalidRecordError(msg, field="sources")
    ids = list(range(first, first + len(events)))
    day, batch_id, at = ctx.day, ctx.batch_id, ctx.recorded_text
    fresh: _Fresh = {}
    cited: dict[int, str] = {}
    """Per tuple of sources (one object often shared by many events): its `citations` text."""
    citations_text = convert.citations_text
    start = first
    for chunk in batched(events, _ROWS):
        rows: list[tuple[Any, ...]] = []
        for i, e in enumerate(chunk, start=start):
            w = e.effective
            pk = keys[e.subject_id]
            decided = e.decided
            latest, published = day(w.latest), day(e.published)  # known from: published, else latest
            given = cited.get(id(e.sources))
            if given is None:
                given = cited[id(e.sources)] = citations_text(e.sources)
            rows.append((i, pk, e.list_id, _VALUES[e.kind], day(w.earliest), latest,
                         _VALUES[w.precision], published, published or latest, e.instrument,
                         e.note, e.key, e.corrects, batch_id, at,
                         day(decided.earliest) if decided else None, day(decided.latest) if decided else None,
                         e.listed_as, _VALUES[e.scope], given))
            pair = (pk, e.list_id)
            group = fresh.get(pair)
            if group is None:
                fresh[pair] = [(e, i)]
            else:
                group.append((e, i))
        ctx.inserter.insert("event", rows)
        start += len(chunk)
    ctx.wrote_events = True
    return ids, fresh


def _live_events(conn: Connection, pairs: set[tuple[int, str]]) -> dict[tuple[int, str], list[Event]]:
    """The unretracted events of each pair, as lightweight Events (no sources)."""
    out: dict[tuple[int, str], list[Event]] = defaultdict(list)
    retracted = select(RetractionTable.c.event_id).where(RetractionTable.c.event_id == EventTable.c.id).exists()
    for chunk in distinct_batches(pk for pk, _ in pairs):
        names = dict(conn.execute(
            select(SubjectTable.c.pk, SubjectTable.c.key).where(SubjectTable.c.pk.in_(chunk))).all())
        stmt = select(EventTable).where(EventTable.c.subject_pk.in_(chunk), ~retracted)
        for row in conn.execute(stmt).mappings():
            pair = (row["subject_pk"], row["list_id"])
            if pair in pairs:
                out[pair].append(convert.event_from_row(row, names[row["subject_pk"]]))
    return out


def period_tuples(
    ctx: WriteContext, pair: tuple[int, str], events: Sequence[Event], ids: Sequence[int | None]
) -> list[tuple[Any, ...]]:
    """Check a pair's history and replay it into `status_period` tuples (current from now on); `ids` per event."""
    days, template = derive_template(events)
    day, boolean, pk, list_id, at = ctx.day, ctx.inserter.boolean, pair[0], pair[1], ctx.recorded_text
    texts = [day(d) for d in days]
    rows: list[tuple[Any, ...]] = []
    for state, certain, possible, vf, vt, kf, kt, setter, pending, since in template:
        first = ids[setter] if setter is not None else None
        if pending:
            chain = [first] if first is not None else []
            chain.extend(i for i in (ids[p] for p in pending) if i is not None)
            text_chain = ",".join(str(i) for i in chain)
        else:
            text_chain = "" if first is None else str(first)
        rows.append((pk, list_id, state, boolean(certain), possible, texts[vf], texts[vt], texts[kf],
                     texts[kt], at, bulk.FOREVER_TIME_TEXT, first, text_chain, texts[since]))
    return rows


def _rederive(
    ctx: WriteContext,
    retracted: set[tuple[int, str]],
    fresh: _Fresh,
    first_id: int,
    new_from: int | None,
) -> None:
    """Replay every touched pair, check it, and supersede its current period rows."""
    if not retracted and not fresh:
        return
    older = retracted | _pairs_with_older_events(ctx, fresh, first_id, new_from)
    # pairs with nothing stored before need no statement
    live = _supersede(ctx.conn, older, ctx.recorded_at) if older else {}
    rows: list[tuple[Any, ...]] = []
    pairs = [*sorted(retracted - set(fresh)), *fresh]
    for pair in pairs:
        if pair in older:
            history = live.get(pair, [])
            rows.extend(period_tuples(ctx, pair, history, [e.id for e in history]))
        else:
            group = fresh[pair]
            events = [e for e, _ in group]
            if len({id(e) for e in events}) < len(events):  # one Event object given twice: make each its own
                events = [attrs.evolve(e, id=i) for e, i in group]
            rows.extend(period_tuples(ctx, pair, events, [i for _, i in group]))
        if len(rows) >= _ROWS:
            ctx.insert_periods(rows)
            rows = []
    ctx.insert_periods(rows)


def _supersede(
    conn: Connection, older: set[tuple[int, str]], recorded_at: dt.datetime
) -> dict[tuple[int, str], list[Event]]:
    """Close the current period rows of pairs with stored events; returns their live events for the replay."""
    live = _live_events(conn, older)
    current: list[int] = []
    for chunk in distinct_batches(pk for pk, _ in older):
        found = conn.execute(
            select(PeriodTable.c.id, PeriodTable.c.subject_pk, PeriodTable.c.list_id).where(
                PeriodTable.c.subject_pk.in_(chunk), PeriodTable.c.recorded_to == FOREVER_TIME)
        )
        current.extend(i for i, pk, lid in found if (pk, lid) in older)
    for ids in batched(current, IN_LIMIT):
        conn.execute(update(PeriodTable).where(PeriodTable.c.id.in_(ids)).values(recorded_to=recorded_at))
    return live


def _pairs_with_older_events(
    ctx: WriteContext, fresh: _Fresh, first_id: int, new_from: int | None
) -> set[tuple[int, str]]:
    """The touched pairs that had events before this part (earlier batches or earlier parts)."""
    found: set[tuple[int, str]] = set()
    subjects = {pk for pk, _ in fresh if new_from is None or pk < new_from}
    if not subjects:  # every subject is new in this part: no statement
        return found
    conn = ctx.conn
    for chunk in distinct_batches(subjects):
        stmt = select(EventTable.c.subject_pk, EventTable.c.list_id).where(
            EventTable.c.subject_pk.in_(chunk), EventTable.c.id < first_id).distinct()
        found |= {(pk, lid) for pk, lid in conn.execute(stmt) if (pk, lid) in fresh}
    return found


def _first_free_id(conn: Connection, column: Any) -> int:  # noqa: ANN401 - a mapped column
    """The next id to hand out; writers are serialised, so explicit ids are safe and fast."""
    return int(conn.scalar(select(func.max(column))) or 0) + 1


def _sync_sequence(conn: Connection, table: str, column: str) -> None:
    """On PostgreSQL, move the serial sequence past the ids we assigned."""
    if conn.dialect.name == "postgresql":
        conn.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "  # noqa: S608 - fixed names
            f"(SELECT COALESCE(MAX({column}), 0) + 1 FROM {table}), false)"
        ))


def _set_coverage(
    conn: Connection, coverage: Sequence[tuple[str, str, tuple[Period, ...]]], recorded_at: dt.datetime
) -> None:
    for list_id, origin, periods in coverage:
        current = conn.execute(
            select(CoverageTable.c.id, CoverageTable.c.valid_from, CoverageTable.c.valid_to).where(
                CoverageTable.c.list_id == list_id, CoverageTable.c.origin == origin,
                CoverageTable.c.recorded_to == FOREVER_TIME)
        ).all()
        have = sorted((r.valid_from, r.valid_to) for r in current)
        want = sorted((p.start, p.end or FOREVER_DATE) for p in periods)
        if have == want:
            continue
        if current:
            conn.execute(update(CoverageTable).where(CoverageTable.c.id.in_([r.id for r in current]))
                         .values(recorded_to=recorded_at))
        if want:
            conn.execute(insert(CoverageTable), [
                {"list_id": list_id, "valid_from": lo, "valid_to": hi, "origin": origin,
                 "recorded_from": recorded_at, "recorded_to": FOREVER_TIME} for lo, hi in want])


def _set_relations(conn: Connection, relations: Sequence[Relation], recorded_at: dt.datetime) -> None:
    """Make `relations` the current set: close the rows no longer wanted, add the new ones."""
    import json  # noqa: PLC0415

    keys = _subject_pks(conn, {r.subject_id for r in relations} | {r.other_id for r in relations})
    for r in relations:
        for ref in (r.subject_id, r.other_id):
            if ref not in keys:
                raise UnknownSubjectError(ref)
    want = {(keys[r.subject_id], r.kind.value, keys[r.other_id], r.list_id):
            (r.note, json.dumps(convert.sources_json(r.sources), ensure_ascii=False, sort_keys=True))
            for r in relations}
    rel = RelationTable.c
    current = conn.execute(select(rel.id, rel.subject_pk, rel.kind, rel.other_pk, rel.list_id, rel.note, rel.sources)
                           .where(rel.recorded_to == FOREVER_TIME)).all()
    have = {(r.subject_pk, r.kind, r.other_pk, r.list_id): (r.note, r.sources) for r in current}
    stale = [r.id for r in current
             if want.get((r.subject_pk, r.kind, r.other_pk, r.list_id)) != (r.note, r.sources)]
    for chunk in batched(stale, IN_LIMIT):
        conn.execute(update(RelationTable).where(RelationTable.c.id.in_(chunk)).values(recorded_to=recorded_at))
    new = [{"subject_pk": k[0], "kind": k[1], "other_pk": k[2], "list_id": k[3], "note": v[0], "sources": v[1],
            "recorded_from": recorded_at, "recorded_to": FOREVER_TIME}
           for k, v in want.items() if have.get(k) != v]
    if new:
        conn.execute(insert(RelationTable), new)


def _record_publications(ctx: WriteContext, publications: Sequence[PublicationRecord],
                         known: dict[str, int]) -> None:
    """Publication rows (one per list, date and hash in a transaction) and their entries."""
    for pub in publications:
        pub_id = ctx.publications.get((pub.list_id, pub.published, pub.sha256))
        if pub_id is None:
            pub_id = ctx.conn.execute(
                insert(PublicationTable).returning(PublicationTable.c.id),
                {"list_id": pub.list_id, "published": pub.published, "sha256": pub.sha256,
                 "format": pub.format, "path": pub.path, "batch_id": ctx.batch_id},
            ).scalar_one()
            ctx.publications[(pub.list_id, pub.published, pub.sha256)] = pub_id
        for chunk in batched(pub.entries, _ROWS):
            keys = {s: known[s] for _k, s, _f, _l in chunk if s in known}
            keys.update(_subject_pks(ctx.conn, {s for _k, s, _f, _l in chunk} - keys.keys()))
            missing = next((s for _k, s, _f, _l in chunk if s not in keys), None)
            if missing is not None:
                raise UnknownSubjectError(missing)
            ctx.inserter.insert("publication_entry", [
                (pub_id, k, keys[s], f, lo) for k, s, f, lo in chunk])
