"""
Store administration: integrity check, rebuild of derived periods, schema upgrade.

`check()` is what `designations db check` runs after a crash or a restore:
every current status period must agree with a replay of its events
(`lifecycle.derive`, the same replay the write path uses), no row may point
at a missing row, every event must cite a source (its `citations` text must
decode), every retraction must point at an event, every subject's
has-aliases / has-identifiers flags must agree with its rows, and the
overlap guard and the flags' triggers must be installed, and the indexes a
bulk load puts off must be there (`store.deferred`). Bad data is
reported, never raised.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import attrs
from sqlalchemy import Connection, and_, distinct, exists, func, select, text

from designations.batching import batched, distinct_batches
from designations.errors import ReadOnlyError, StoreError, TransitionError
from designations.store import Store, aggregates, convert, deferred, flags, migrate, period_writes
from designations.store.guard import guard_in_force
from designations.store.periods import coalesce, content, derive_periods
from designations.store.schema import (
    PART_SCOPE,
    BatchTable,
    EventTable,
    ListTable,
    PeriodTable,
    PublicationEntryTable,
    PublicationTable,
    RetractionTable,
    SubjectIdentifierTable,
    SubjectNameTable,
    SubjectTable,
)
from designations.store.types import FOREVER_TIME
from designations.store.write_context import WriteContext

__all__ = [
    "REPLAY_CHUNK", "IntegrityReport", "Problem", "RebuildReport", "UpgradeResult", "check", "rebuild", "upgrade",
]

REPLAY_CHUNK = 5000
"""Subject keys (and citation rows) `check` and `rebuild` read at a time, and pairs `rebuild` rewrites at once."""

_MAX_PER_KIND = 1000
"""At most this many problems of one kind are listed (all are counted)."""


@attrs.frozen(kw_only=True)
class Problem:
    """One integrity problem: its kind, the table and row it concerns, and what is wrong."""

    kind: str
    table: str
    row: str
    detail: str

    def to_dict(self) -> dict[str, str]:
        """A JSON-ready mapping."""
        return attrs.asdict(self)


@attrs.frozen(kw_only=True)
class IntegrityReport:
    """The outcome of `check()`: problems found, and how much was looked at."""

    problems: tuple[Problem, ...]
    counts: dict[str, int] = attrs.field(factory=dict)
    truncated: dict[str, int] = attrs.field(factory=dict)
    """Problem kinds with more than `_MAX_PER_KIND` findings: kind -> total."""

    @property
    def ok(self) -> bool:
        """Whether no problem was found."""
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "ok": self.ok,
            "counts": dict(self.counts),
            "truncated": dict(self.truncated),
            "problems": [p.to_dict() for p in self.problems],
        }

    def __str__(self) -> str:
        """A short human summary."""
        head = "ok" if self.ok else f"{len(self.problems)} problem(s)"
        counted = ", ".join(f"{k}={v}" for k, v in sorted(self.counts.items()))
        lines = [f"integrity check: {head} ({counted})"]
        lines += [f"  {p.kind}: {p.table} {p.row}: {p.detail}" for p in self.problems]
        lines += [f"  ... {n} {k} problems in all" for k, n in sorted(self.truncated.items())]
        return "\n".join(lines)


@attrs.frozen(kw_only=True)
class RebuildReport:
    """What `rebuild()` wrote: the pairs re-derived, the subjects whose flags it set, the triggers it put back."""

    pairs: int
    """(subject, list) pairs whose periods differed from a replay of their events."""
    flags_set: int = 0
    """Subjects whose has-aliases / has-identifiers flags disagreed with their rows."""
    triggers_restored: int = 0
    """Triggers keeping those flags that were missing."""
    indexes_built: int = 0
    """Indexes a bulk load had dropped and not built again (a load that never reached its end)."""

    def to_dict(self) -> dict[str, int]:
        """A JSON-ready mapping."""
        return attrs.asdict(self)

    def __str__(self) -> str:
        """A short human summary."""
        text = f"rebuilt the status periods of {self.pairs} (subject, list) pair(s)"
        if self.flags_set or self.triggers_restored:
            text += (f"; set the alias/identifier flags of {self.flags_set} subject(s) from their rows"
                     f" and put back {self.triggers_restored} missing flag trigger(s)")
        if self.indexes_built:
            text += f"; built {self.indexes_built} index(es) a bulk load had put off"
        return text


@attrs.frozen(kw_only=True)
class UpgradeResult:
    """The schema revision before and after `upgrade()`."""

    before: str | None
    after: str


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.per_kind: dict[str, int] = {}

    def add(self, kind: str, table: str, row: object, detail: str) -> None:
        n = self.per_kind.get(kind, 0) + 1
        self.per_kind[kind] = n
        if n <= _MAX_PER_KIND:
            self.problems.append(Problem(kind=kind, table=table, row=str(row), detail=detail))

    def truncated(self) -> dict[str, int]:
        return {k: n for k, n in self.per_kind.items() if n > _MAX_PER_KIND}


# (table, id column, column, target table, target column, nullable)
_REFERENCES: tuple[tuple[Any, Any, Any, Any, Any], ...] = (
    (EventTable, EventTable.c.id, EventTable.c.subject_pk, SubjectTable, SubjectTable.c.pk),
    (EventTable, EventTable.c.id, EventTable.c.list_id, ListTable, ListTable.c.id),
    (EventTable, EventTable.c.id, EventTable.c.batch_id, BatchTable, BatchTable.c.id),
    (EventTable, EventTable.c.id, EventTable.c.corrects_id, EventTable, EventTable.c.id),
    (RetractionTable, RetractionTable.c.id, RetractionTable.c.event_id, EventTable, EventTable.c.id),
    (RetractionTable, RetractionTable.c.id, RetractionTable.c.batch_id, BatchTable, BatchTable.c.id),
    (PeriodTable, PeriodTable.c.id, PeriodTable.c.subject_pk, SubjectTable, SubjectTable.c.pk),
    (PeriodTable, PeriodTable.c.id, PeriodTable.c.list_id, ListTable, ListTable.c.id),
    (PeriodTable, PeriodTable.c.id, PeriodTable.c.event_id, EventTable, EventTable.c.id),
    (SubjectTable, SubjectTable.c.pk, SubjectTable.c.batch_id, BatchTable, BatchTable.c.id),
    (SubjectNameTable, SubjectNameTable.c.id, SubjectNameTable.c.subject_pk, SubjectTable, SubjectTable.c.pk),
    (
        SubjectIdentifierTable,
        SubjectIdentifierTable.c.id,
        SubjectIdentifierTable.c.subject_pk,
        SubjectTable,
        SubjectTable.c.pk,
    ),
    (PublicationTable, PublicationTable.c.id, PublicationTable.c.list_id, ListTable, ListTable.c.id),
    (
        PublicationEntryTable,
        PublicationEntryTable.c.id,
        PublicationEntryTable.c.publication_id,
        PublicationTable,
        PublicationTable.c.id,
    ),
    (
        PublicationEntryTable,
        PublicationEntryTable.c.id,
        PublicationEntryTable.c.subject_pk,
        SubjectTable,
        SubjectTable.c.pk,
    ),
)


def _orphans(conn: Connection, out: _Collector) -> None:
    for table, ident, column, target, target_col in _REFERENCES:
        target_alias = target.alias("t")
        stmt = (
            select(ident, column)
            .where(
                column.is_not(None),
                ~exists().where(target_alias.c[target_col.key] == column),
            )
            .limit(_MAX_PER_KIND + 1)
        )
        for row_id, value in conn.execute(stmt):
            out.add(
                "orphan",
                table.name,
                row_id,
                f"{column.key}={value!r} points at no {target.name} row",
            )


def _citations(conn: Connection, out: _Collector) -> int:
    """
    Report events that cite nothing, or whose `citations` text does not decode; return how many citations there are.

    Every event's text is decoded as the readers decode it (each distinct text once).
    """
    cited = 0
    stmt = select(EventTable.c.id, EventTable.c.citations).order_by(EventTable.c.id)
    result = conn.execution_options(yield_per=REPLAY_CHUNK).execute(stmt)
    for event_id, stored in result:
        try:
            found = aggregates.citations(stored, event_id)
        except StoreError as exc:
            out.add("corrupt-citations", "event", event_id, str(exc))
            continue
        if not found:
            out.add("unsourced-event", "event", event_id, "the event cites no source")
        cited += len(found)
    return cited


def _grouped(rows: Iterator[Any]) -> Iterator[tuple[tuple[int, str], list[Any]]]:
    """Consecutive rows with the same (subject_pk, list_id)."""
    current: tuple[int, str] | None = None
    group: list[Any] = []
    for row in rows:
        pair = (row["subject_pk"], row["list_id"])
        if pair != current:
            if current is not None:
                yield current, group
            current, group = pair, []
        group.append(row)
    if current is not None:
        yield current, group


def _replay(conn: Connection, out: _Collector, counts: dict[str, int]) -> None:
    """Compare each pair's current periods with a replay, a range of subject keys at a time."""
    top = int(conn.scalar(select(func.max(SubjectTable.c.pk))) or 0)
    top = max(top, int(conn.scalar(select(func.max(PeriodTable.c.subject_pk))) or 0))
    top = max(top, int(conn.scalar(select(func.max(EventTable.c.subject_pk))) or 0))
    pairs = 0
    for lo in range(0, top + 1, REPLAY_CHUNK):
        hi = lo + REPLAY_CHUNK
        events: dict[tuple[int, str], list[Any]] = defaultdict(list)
        stmt = _live_events_stmt().where(EventTable.c.subject_pk >= lo, EventTable.c.subject_pk < hi)
        for row in conn.execute(stmt).mappings():
            events[(row["subject_pk"], row["list_id"])].append(row)
        periods: dict[tuple[int, str], list[Any]] = defaultdict(list)
        stmt2 = select(PeriodTable).where(
            PeriodTable.c.recorded_to == FOREVER_TIME, PeriodTable.c.subject_pk >= lo, PeriodTable.c.subject_pk < hi
        )
        for row in conn.execute(stmt2).mappings():
            periods[(row["subject_pk"], row["list_id"])].append(row)
        for pair in sorted(set(events) | set(periods)):
            pairs += 1
            _compare(pair, events.get(pair, []), periods.get(pair, []), out)
    counts["pairs"] = pairs


def _compare(
    pair: tuple[int, str], ev_rows: list[Any], pr_rows: list[Any], out: _Collector
) -> None:
    where = f"subject_pk={pair[0]} list={pair[1]}"
    events = [convert.event_from_row(r, r["subject_key"]) for r in ev_rows]
    try:
        derived = derive_periods(events)
    except TransitionError as exc:
        out.add("invalid-history", "event", where, str(exc))
        return
    ids = [e.id for e in events]
    want = sorted((p.content(ids) for p in derived), key=repr)
    have = sorted(coalesce(content(r) for r in pr_rows), key=repr)  # either stored form (`coalesce`)
    if want != have:
        missing = len(set(want) - set(have))
        extra = len(set(have) - set(want))
        out.add(
            "period-mismatch",
            "status_period",
            where,
            f"current periods disagree with a replay of {len(events)} event(s): "
            f"{missing} expected row(s) missing, {extra} unexpected row(s)",
        )


def check(store: Store) -> IntegrityReport:
    """
    Check the store's integrity; report problems, never raise on bad data.

    Raises:
        StoreError: the store cannot be read at all.

    """
    out = _Collector()
    counts: dict[str, int] = {}
    with store.read() as conn:
        for name, table in (
            ("events", EventTable),
            ("periods", PeriodTable),
            ("retractions", RetractionTable),
            ("subjects", SubjectTable),
            ("batches", BatchTable),
        ):
            counts[name] = int(conn.scalar(select(func.count()).select_from(table)) or 0)
        counts["current_periods"] = int(
            conn.scalar(
                select(func.count())
                .select_from(PeriodTable)
                .where(PeriodTable.c.recorded_to == FOREVER_TIME)
            )
            or 0
        )
        _orphans(conn, out)
        counts["sources"] = _citations(conn, out)
        _replay(conn, out, counts)
        _overlaps(conn, out)
        if not guard_in_force(conn):
            out.add("missing-guard", "status_period", "-",
                    "the overlap guard (SQLite trigger / PostgreSQL triggers) is missing")
        _flags(conn, out)
        by_load = deferred.recorded(conn)
        for name in deferred.missing(conn):
            why = "dropped by a bulk load (under way, or one that did not end)" if name in by_load else "missing"
            out.add("missing-index", deferred.table_of(name), name,
                    f"{why}: answers are right but slower; db rebuild builds it")
    return IntegrityReport(problems=tuple(out.problems), counts=counts, truncated=out.truncated())


def _flags(conn: Connection, out: _Collector) -> None:
    """Subjects whose has-aliases / has-identifiers flags disagree with their rows, and missing flag triggers."""
    for pk, key, detail in flags.disagreeing(conn, _MAX_PER_KIND + 1):
        out.add("flag-mismatch", "subject", pk, f"{key!r}: {detail}")
    if not flags.installed(conn):
        out.add("missing-flag-triggers", "subject", "-",
                "the triggers keeping subject.has_aliases / has_identifiers are missing")


def _overlaps(conn: Connection, out: _Collector) -> None:
    """Current periods of one pair that overlap in valid and known time (the exclusion rule)."""
    a = PeriodTable.alias("a")
    b = PeriodTable.alias("b")
    stmt = (
        select(a.c.id, b.c.id)
        .where(
            a.c.subject_pk == b.c.subject_pk,
            a.c.list_id == b.c.list_id,
            a.c.id < b.c.id,
            a.c.recorded_to == FOREVER_TIME,
            b.c.recorded_to == FOREVER_TIME,
            and_(a.c.valid_from < b.c.valid_to, b.c.valid_from < a.c.valid_to),
            and_(a.c.known_from < b.c.known_to, b.c.known_from < a.c.known_to),
        )
        .limit(_MAX_PER_KIND + 1)
    )
    for left, right in conn.execute(stmt):
        out.add(
            "period-overlap",
            "status_period",
            f"{left},{right}",
            "two current periods of one subject on one list overlap",
        )


def rebuild(store: Store) -> RebuildReport:
    """
    Re-derive the status periods from the events, writing only where they differ.

    A first pass (one read transaction) compares every pair's current
    periods with a replay of its events; a second, in one new batch, closes
    the differing pairs' current rows (recorded_to = the batch's time) and
    writes their replay, so `as_recorded_at` before the rebuild still answers
    as before. In the same batch, subjects' has-aliases / has-identifiers
    flags that disagree with their rows are set from the rows, and missing
    triggers that keep them are put back. A store whose periods and flags are
    right is left untouched: running it twice writes nothing the second time.
    Events are read a range of subjects at a time, so memory follows the
    range, not the store. Reports the pairs rebuilt and the flags set.

    Raises:
        ReadOnlyError: the store was opened read-only.
        TransitionError: a stored history is invalid (nothing is changed).

    """
    if store.read_only:
        raise ReadOnlyError("the store was opened read-only")
    with store.read() as conn:
        indexes_missing = bool(deferred.missing(conn))
    built: tuple[str, ...] = ()
    if indexes_missing:  # first: the replay below reads faster with them
        built = store._in_write_transaction(deferred.restore)  # noqa: SLF001 - the store's own
    with store.read() as conn:
        differing = sorted(_differing_pairs(conn))
        missing = len(flags.TRIGGERS) - len(flags.present(conn))
        flags_wrong = bool(missing) or bool(flags.disagreeing(conn, 1))
    if not differing and not flags_wrong:
        return RebuildReport(pairs=0, indexes_built=len(built))
    flags_set = 0
    with store.writer(kind="rebuild", note="designations db rebuild") as w:
        conn = w.connection
        ctx = w._ctx  # noqa: SLF001 - the store's own writer context
        if flags_wrong:
            flags.install(conn)
            flags_set = flags.repair(conn)
        _rederive(ctx, differing)
    return RebuildReport(pairs=len(differing), flags_set=flags_set, triggers_restored=missing,
                         indexes_built=len(built))


def _rederive(ctx: WriteContext, pairs: Sequence[tuple[int, str]]) -> None:
    """Supersede the current periods of `pairs` by a replay of their live events, as a write re-derives a pair."""
    for chunk in batched(pairs, REPLAY_CHUNK):
        live = period_writes.supersede(ctx.conn, set(chunk), ctx.recorded_at)
        rows: list[tuple[Any, ...]] = []
        for pair in chunk:
            history = live.get(pair, [])
            rows.extend(period_writes.period_tuples(ctx, pair, history, [e.id for e in history]))
        ctx.inserter.insert("status_period", rows)


def _differing_pairs(conn: Connection) -> set[tuple[int, str]]:
    """The (subject, list) pairs whose current periods are not what their events give."""
    differing: set[tuple[int, str]] = set()
    for lo, hi in _subject_ranges(conn):
        current: dict[tuple[int, str], list[tuple[Any, ...]]] = {}
        found = conn.execute(select(PeriodTable).where(
            PeriodTable.c.recorded_to == FOREVER_TIME, PeriodTable.c.subject_pk >= lo, PeriodTable.c.subject_pk < hi))
        for row in found.mappings():
            current.setdefault((int(row["subject_pk"]), str(row["list_id"])), []).append(content(row))
        derived: dict[tuple[int, str], list[tuple[Any, ...]]] = {}
        stmt = _live_events_stmt().where(EventTable.c.subject_pk >= lo, EventTable.c.subject_pk < hi)
        for pair, group in _grouped(iter(conn.execute(stmt).mappings())):
            history = [convert.event_from_row(r, r["subject_key"]) for r in group]
            ids = [e.id for e in history]
            derived[pair] = [p.content(ids) for p in derive_periods(history)]
        for pair in current.keys() | derived.keys():
            if sorted(coalesce(current.get(pair, [])), key=repr) != sorted(derived.get(pair, []), key=repr):
                differing.add(pair)
    return differing


def _subject_ranges(conn: Connection) -> Iterator[tuple[int, int]]:
    """[lo, hi) ranges of subject keys covering every event and period, `REPLAY_CHUNK` wide."""
    top = max(
        int(conn.scalar(select(func.max(SubjectTable.c.pk))) or 0),
        int(conn.scalar(select(func.max(PeriodTable.c.subject_pk))) or 0),
        int(conn.scalar(select(func.max(EventTable.c.subject_pk))) or 0),
    )
    for lo in range(0, top + 1, REPLAY_CHUNK):
        yield lo, lo + REPLAY_CHUNK


def _live_events_stmt() -> Any:  # noqa: ANN401 - a Select
    retracted = exists().where(RetractionTable.c.event_id == EventTable.c.id)
    return (
        select(EventTable, SubjectTable.c.key.label("subject_key"))
        .join(SubjectTable, SubjectTable.c.pk == EventTable.c.subject_pk)
        .where(~retracted)
        .order_by(EventTable.c.subject_pk, EventTable.c.list_id, EventTable.c.id)
    )


def upgrade(store: Store, prepare: Callable[[], None] | None = None) -> UpgradeResult:
    """Bring the store's schema to the library's head revision (re-deriving periods where needed)."""
    with store.engine.connect() as conn:
        before = migrate.revision(conn)
    migrate.upgrade(store.engine)
    if prepare is not None:
        prepare()
    if before is not None and not store.read_only:
        if before < _AMENDMENTS_SPLIT_PERIODS:
            rebuild(store)  # periods derived before 0005 do not start at amendments
        else:
            _rederive_for_new_days(store, before)
    return UpgradeResult(before=before, after=migrate.HEAD)


_AMENDMENTS_SPLIT_PERIODS = "0005"
"""The revision from which amendments start status periods of their own."""
_SCOPE_SINCE = "0012"
"""The revision from which a period says when its designation took its current scope (`scope_since`)."""
_SINCE_EARLIEST = "0013"
"""The revision from which a period says how early its state may have begun (`since_earliest`)."""


def _rederive_for_new_days(store: Store, before: str) -> None:
    """
    Re-derive, in one batch, the pairs whose periods gain a day the revisions after `before` added.

    Every other period written before keeps NULL in the new columns, which
    already means what a replay would write: `scope_since` differs from
    `state_since` only where a pair's live events have more than one scope
    (0012), and `since_earliest` is set only where one is in force on a day
    known only as a window (0013).
    """
    with store.read() as conn:
        pairs = set(_pairs_with_mixed_scopes(conn)) if before < _SCOPE_SINCE else set()
        if before < _SINCE_EARLIEST:
            pairs.update(_pairs_with_windows(conn))
    if pairs:
        with store.writer(kind="rebuild", note=f"schema {before} to {migrate.HEAD}: periods re-derived") as w:
            _rederive(w._ctx, sorted(pairs))  # noqa: SLF001 - the store's own writer context


def _pairs_with_mixed_scopes(conn: Connection) -> list[tuple[int, str]]:
    """The pairs whose live events have more than one scope, among the subjects with a part (`ix_event_part`)."""
    e = EventTable.c
    retracted = exists().where(RetractionTable.c.event_id == e.id)
    pairs: list[tuple[int, str]] = []
    parted = conn.scalars(select(e.subject_pk).where(text(PART_SCOPE)).distinct()).all()
    for chunk in distinct_batches(parted):
        stmt = (select(e.subject_pk, e.list_id).where(e.subject_pk.in_(chunk), ~retracted)
                .group_by(e.subject_pk, e.list_id).having(func.count(distinct(e.scope)) > 1))
        pairs.extend((int(pk), str(list_id)) for pk, list_id in conn.execute(stmt))
    return pairs


def _pairs_with_windows(conn: Connection) -> list[tuple[int, str]]:
    """The pairs with a live event in force on a day known only as a window (one scan of the events)."""
    e = EventTable.c
    retracted = exists().where(RetractionTable.c.event_id == e.id)
    stmt = select(e.subject_pk, e.list_id).where(e.effective_from < e.effective_to, ~retracted).distinct()
    return [(int(pk), str(list_id)) for pk, list_id in conn.execute(stmt)]
