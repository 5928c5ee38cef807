"""
Reads: `select()` builders for point-in-time answers.

A status lookup is one indexed query on `status_period` for all three
times at once (valid day, known day, recorded instant).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, cast

import attrs
import pendulum
from sqlalchemy import (
    ARRAY,
    Connection,
    CursorResult,
    Integer,
    RowMapping,
    Text,
    any_,
    bindparam,
    case,
    false,
    func,
    or_,
    select,
    text,
    type_coerce,
)
from sqlalchemy import cast as sql_cast

from designations.batching import IN_LIMIT, batched, distinct_batches
from designations.dates import Period
from designations.model import (
    DesignationList,
    Event,
    EventKind,
    Identifier,
    Jurisdiction,
    Name,
    Relation,
    Scope,
    SnapshotEntry,
    Subject,
    SubjectKind,
)
from designations.model.results import window_opening
from designations.names import MAX_NAME_LENGTH, name_parts, normalise
from designations.store import aggregates, convert, list_details
from designations.store.schema import (
    PART_SCOPE,
    BatchTable,
    CoverageTable,
    EventTable,
    JurisdictionAliasTable,
    JurisdictionTable,
    ListTable,
    PeriodTable,
    PublicationTable,
    RelationTable,
    RetractionTable,
    SubjectIdentifierTable,
    SubjectNameTable,
    SubjectTable,
)

__all__ = [
    "change_rows",
    "changed_subject_pks",
    "data_version",
    "events_for",
    "find_subjects",
    "has_publication",
    "has_user_events",
    "jurisdiction_aliases",
    "jurisdictions",
    "live_events_of",
    "load_lists",
    "missing_lists",
    "part_histories",
    "related_subjects",
    "relations_of",
    "seed_key_states",
    "snapshot_rows",
    "subject_pks",
    "subjects_by_pk",
    "suggestions",
]


# Hot-path statements are built once: building a select() costs more than running it.
_DATA_VERSION = select(func.max(BatchTable.c.recorded_at)).where(BatchTable.c.recorded_at <= bindparam("at"))
_SUBJECTS = select(SubjectTable).where(SubjectTable.c.pk.in_(bindparam("pks", expanding=True)))
_NAMES = (select(SubjectNameTable).where(SubjectNameTable.c.subject_pk.in_(bindparam("pks", expanding=True)))
          .order_by(SubjectNameTable.c.id))
_IDENTS = (select(SubjectIdentifierTable)
           .where(SubjectIdentifierTable.c.subject_pk.in_(bindparam("pks", expanding=True)))
           .order_by(SubjectIdentifierTable.c.id))
_BY_KEY = (select(SubjectTable.c.pk, SubjectTable.c.key, SubjectTable.c.name)
           .where(SubjectTable.c.key == bindparam("ref")))
def data_version(conn: Connection, at: pendulum.DateTime) -> str:
    """The recorded time of the last batch at or before `at`, ISO 8601, or '' when empty."""
    last = conn.scalar(_DATA_VERSION, {"at": at})
    if last is None:
        return ""
    if isinstance(last, str):  # func.max loses the column type on SQLite
        last = dt.datetime.fromisoformat(last)
    if last.tzinfo is None:
        last = last.replace(tzinfo=dt.UTC)
    return str(pendulum.instance(last).in_timezone("UTC").isoformat())


def load_lists(conn: Connection, at: pendulum.DateTime) -> dict[str, DesignationList]:
    """Every list the store held at `at`, with its jurisdiction and its coverage as recorded then."""
    juris = jurisdictions(conn)
    coverage: dict[str, list[Period]] = defaultdict(list)
    stmt = select(CoverageTable).where(CoverageTable.c.recorded_from <= at, CoverageTable.c.recorded_to > at)
    for c in conn.execute(stmt).mappings():
        coverage[c["list_id"]].append(Period(c["valid_from"], convert.open_end(c["valid_to"])))
    last = dict(conn.execute(
        select(PublicationTable.c.list_id, func.max(PublicationTable.c.published))
        .join(BatchTable, BatchTable.c.id == PublicationTable.c.batch_id)
        .where(BatchTable.c.recorded_at <= at).group_by(PublicationTable.c.list_id)
    ).all())
    out: dict[str, DesignationList] = {}
    for r in conn.execute(select(ListTable).order_by(ListTable.c.id)).mappings():
        details = list_details.decode(r)
        if not list_details.recorded_by(r, details, at):
            continue  # a list first recorded later did not exist at `at`
        out[r["id"]] = list_details.list_from_row(
            r, juris[r["jurisdiction_code"]], sorted(coverage[r["id"]], key=lambda p: p.start),
            last_published=_as_date(last.get(r["id"])), at=at, details=details,
        )
    return out


def _as_date(value: object) -> pendulum.Date | None:
    """A day from an aggregate (SQLite returns MAX() of a date column as text)."""
    if value is None:
        return None
    if isinstance(value, str):
        return pendulum.Date.fromisoformat(value[:10])
    if isinstance(value, dt.date):
        return pendulum.Date(value.year, value.month, value.day)
    msg = f"not a day: {value!r}"
    raise TypeError(msg)


def relations_of(conn: Connection, at: pendulum.DateTime) -> list[Relation]:
    """Every subject relation as recorded at `at` (few: they come from curated data)."""
    import json  # noqa: PLC0415

    subject, other = SubjectTable.alias("s"), SubjectTable.alias("o")
    stmt = (
        select(subject.c.key.label("s_key"), RelationTable.c.kind, other.c.key.label("o_key"),
               RelationTable.c.note, RelationTable.c.sources, RelationTable.c.list_id,
               RelationTable.c.valid_from, RelationTable.c.valid_to)
        .join(subject, subject.c.pk == RelationTable.c.subject_pk)
        .join(other, other.c.pk == RelationTable.c.other_pk)
        .where(RelationTable.c.recorded_from <= at, RelationTable.c.recorded_to > at)
        .order_by(RelationTable.c.id)
    )
    out = []
    for r in conn.execute(stmt).mappings():
        try:
            cited = json.loads(r["sources"]) if r["sources"] else []
        except json.JSONDecodeError as exc:
            from designations.errors import StoreError  # noqa: PLC0415

            msg = f"corrupt stored citations of a relation of {r['s_key']!r}: {exc}"
            raise StoreError(msg) from exc
        out.append(Relation(subject_id=r["s_key"], kind=r["kind"], other_id=r["o_key"], note=r["note"],
                            list_id=r["list_id"] or "", since=r["valid_from"], until=r["valid_to"],
                            sources=convert.sources_from_json(cited, field="subject_relation.sources")))
    return out


def jurisdiction_aliases(conn: Connection) -> dict[str, str]:
    """Alias (case-folded) -> jurisdiction code."""
    return dict(conn.execute(select(JurisdictionAliasTable.c.alias, JurisdictionAliasTable.c.code)).all())


def subjects_by_pk(conn: Connection, pks: Iterable[int]) -> dict[int, Subject]:
    """Full subjects (names and identifiers) for the given primary keys."""
    out: dict[int, Subject] = {}
    for batch in distinct_batches(pks):
        chunk = {"pks": batch}
        rows = {r["pk"]: r for r in conn.execute(_SUBJECTS, chunk).mappings()}
        names: dict[int, list[RowMapping]] = defaultdict(list)
        for n in conn.execute(_NAMES, chunk).mappings():
            names[n["subject_pk"]].append(n)
        idents: dict[int, list[RowMapping]] = defaultdict(list)
        for n in conn.execute(_IDENTS, chunk).mappings():
            idents[n["subject_pk"]].append(n)
        for pk, row in rows.items():
            out[pk] = convert.subject_from_rows(row, names[pk], idents[pk])
    return out


def seed_key_states(conn: Connection) -> dict[str, tuple[tuple[int, ...], bool]]:
    """
    Each seed event key: the ids of its live events, and whether a user took it over.

    A user takes a seed key over by correcting its event (the correction keeps
    the key, in a batch that is not a seed batch) or by retracting it.
    """
    retraction_batch = BatchTable.alias("rb")
    event_batch = BatchTable.alias("eb")
    stmt = (
        select(EventTable.c.id, EventTable.c.key, event_batch.c.kind, retraction_batch.c.kind)
        .join(event_batch, event_batch.c.id == EventTable.c.batch_id)
        .outerjoin(RetractionTable, RetractionTable.c.event_id == EventTable.c.id)
        .outerjoin(retraction_batch, retraction_batch.c.id == RetractionTable.c.batch_id)
        .where(EventTable.c.key.like("seed:%"))
        .order_by(EventTable.c.id)
    )
    live: dict[str, list[int]] = defaultdict(list)
    taken: dict[str, bool] = defaultdict(bool)
    for event_id, key, made_by, retracted_by in conn.execute(stmt):
        taken[key] |= made_by != "seed" or (retracted_by is not None and retracted_by != "seed")
        if retracted_by is None:
            live[key].append(event_id)
        else:
            live.setdefault(key, [])
    return {key: (tuple(ids), taken[key]) for key, ids in live.items()}


def has_user_events(conn: Connection) -> bool:
    """Whether any event or retraction was written by something other than a seed batch."""
    user_batches = select(BatchTable.c.id).where(BatchTable.c.kind != "seed")
    return bool(
        conn.scalar(select(EventTable.c.id).where(EventTable.c.batch_id.in_(user_batches)).limit(1))
        or conn.scalar(select(RetractionTable.c.id).where(RetractionTable.c.batch_id.in_(user_batches)).limit(1)))


def has_publication(conn: Connection, sha256: str) -> bool:
    """Whether a publication with this file hash was imported."""
    return conn.scalar(select(PublicationTable.c.id).where(PublicationTable.c.sha256 == sha256).limit(1)) is not None


def subject_pks(conn: Connection, keys: Iterable[str]) -> dict[str, int]:
    """Primary keys of the subjects with these ids."""
    out: dict[str, int] = {}
    for batch in distinct_batches(keys):
        out.update(conn.execute(
            select(SubjectTable.c.key, SubjectTable.c.pk).where(SubjectTable.c.key.in_(batch))).all())
    return out


def live_events_of(conn: Connection, subjects: Iterable[str]) -> list[Event]:
    """The unretracted events of these subjects on every list, without their sources."""
    retracted = select(RetractionTable.c.event_id).where(RetractionTable.c.event_id == EventTable.c.id).exists()
    out: list[Event] = []
    for batch in distinct_batches(subjects):
        stmt = (select(EventTable, SubjectTable.c.key.label("subject_key"))
                .join(SubjectTable, SubjectTable.c.pk == EventTable.c.subject_pk)
                .where(SubjectTable.c.key.in_(batch), ~retracted))
        out.extend(convert.event_from_row(row, row["subject_key"]) for row in conn.execute(stmt).mappings())
    return out


def missing_lists(conn: Connection, wanted: Iterable[str]) -> list[str]:
    """Those of the `wanted` list ids the store does not have, sorted."""
    ids = set(wanted)
    have: set[str] = set()
    for batch in distinct_batches(ids):
        have.update(conn.scalars(select(ListTable.c.id).where(ListTable.c.id.in_(batch))))
    return sorted(ids - have)


def jurisdictions(conn: Connection) -> dict[str, Jurisdiction]:
    """Every jurisdiction the store has, by code."""
    return {r.code: Jurisdiction(r.code, r.name, r.timezone) for r in conn.execute(select(JurisdictionTable))}


def related_subjects(conn: Connection, at: pendulum.DateTime) -> tuple[list[Relation], dict[str, Subject]]:
    """The relations recorded at `at` and every subject taking part in one, by id."""
    relations = relations_of(conn, at)
    if not relations:
        return [], {}
    pks = subject_pks(conn, {r.subject_id for r in relations} | {r.other_id for r in relations})
    found = subjects_by_pk(conn, pks.values())
    return relations, {s.id: s for s in found.values()}


def suggestions(conn: Connection, ref: str, limit: int = 3) -> list[str]:
    """
    The names nearest to `ref` (for "did you mean"), among names sharing its first letters.

    A name is near when it is spelt almost alike ("Talibn": Taliban) or when one holds every word
    of the other ("Wagner": Wagner Group; "Taliban movement": Taliban), the short form users type.
    """
    from rapidfuzz import fuzz, process  # noqa: PLC0415 - only on the error path

    key = normalise(ref)
    if len(key) < 2:  # noqa: PLR2004 - two letters narrow the candidates enough
        return []
    stmt = (select(SubjectNameTable.c.key, SubjectTable.c.name)
            .join(SubjectTable, SubjectTable.c.pk == SubjectNameTable.c.subject_pk)
            .where(SubjectNameTable.c.key.like(key[:2].replace("%", "").replace("_", "") + "%")).limit(20_000))
    names: dict[str, str] = {}
    for k, primary in conn.execute(stmt):
        names.setdefault(k, primary)
    found = process.extract(key, list(names), scorer=functools.partial(_nearness, spelling=fuzz.ratio),
                            limit=limit * 4, score_cutoff=70)
    out: list[str] = []
    for k, _score, _i in found:
        if names[k] not in out:
            out.append(names[k])
    return out[:limit]


def _nearness(a: str, b: str, *, spelling: Callable[[str, str], float], **_: object) -> float:
    """
    How near two name keys are, 0-100: their `spelling` score, or one holding every word of the other.

    A name holding the other's words scores 80-90, the more the nearer their lengths, so that
    "Wagner" suggests "Wagner Group" before a long name that also has the word.
    """
    words_a, words_b = set(a.split()), set(b.split())
    held = 0.0
    if words_a and words_b and (words_a <= words_b or words_b <= words_a):
        held = 80.0 + 10.0 * min(len(a), len(b)) / max(len(a), len(b))
    return max(spelling(a, b), held)


def find_subjects(conn: Connection, ref: str) -> tuple[str, list[tuple[int, str, str]]]:
    """
    Subjects matching `ref` as (how, [(pk, key, name)]).

    Tried in order: subject id, identifier value, normalised name or alias, then a part of a
    name that ends in its acronym (`_by_name_part`: "AQAP" or the name without it).
    """
    exact = conn.execute(_BY_KEY, {"ref": ref}).all()
    if exact:
        return "id", [tuple(r) for r in exact]
    by_ident = conn.execute(
        select(SubjectTable.c.pk, SubjectTable.c.key, SubjectTable.c.name)
        .join(SubjectIdentifierTable, SubjectIdentifierTable.c.subject_pk == SubjectTable.c.pk)
        .where(SubjectIdentifierTable.c.value == ref.strip())
        .distinct()
    ).all()
    if by_ident:
        return "identifier", [tuple(r) for r in by_ident]
    key = normalise(ref)
    if not key:
        return "name", []
    by_name = conn.execute(
        select(SubjectTable.c.pk, SubjectTable.c.key, SubjectTable.c.name)
        .join(SubjectNameTable, SubjectNameTable.c.subject_pk == SubjectTable.c.pk)
        .where(SubjectNameTable.c.key == key)
        .distinct()
        .order_by(SubjectTable.c.key)
    ).all()
    if by_name:
        return "name", [tuple(r) for r in by_name]
    return "name part", _by_name_part(conn, key)


def _by_name_part(conn: Connection, key: str) -> list[tuple[int, str, str]]:
    """
    Subjects with a name that ends in its acronym, where `key` is the name without it or the acronym.

    Asked only when no name has the key itself: the candidates are the names that begin or
    end with the key's words, and `names.name_parts` decides (the same rule the matcher's index uses).
    """
    if len(key) >= MAX_NAME_LENGTH:  # no stored name is longer (and SQLite refuses a LIKE pattern of 50,000 bytes)
        return []
    n = SubjectNameTable.c  # (a key holds only letters, digits and single spaces: nothing for LIKE to escape)
    rows = conn.execute(
        select(SubjectTable.c.pk, SubjectTable.c.key, SubjectTable.c.name, n.value)
        .join(SubjectNameTable, n.subject_pk == SubjectTable.c.pk)
        .where(or_(n.key.like(f"{key} %"), n.key.like(f"% {key}")))
    ).all()
    found = {pk: (pk, subject, name) for pk, subject, name, value in rows
             if any(normalise(part) == key for part in name_parts(value))}
    return sorted(found.values(), key=lambda r: r[1])


def _among_pks(make: Callable[[Any], Any]) -> dict[str, Any]:
    """
    A statement over a set of primary keys, per dialect: `make(condition)` with the set as the condition.

    SQLite takes the keys as lists of up to `IN_LIMIT` parameters; PostgreSQL as one array
    (`= ANY`), so that thousands of keys make one statement. The array is sent as its text
    form and cast by the server: psycopg dumps a list of ints element by element, which for
    23,684 keys cost a third of the statement's time (`_pg_keys`).
    """
    return {"sqlite": make(lambda column: column.in_(bindparam("pks", expanding=True))),
            "postgresql": make(lambda column: column == any_(sql_cast(bindparam("pks", type_=Text()), ARRAY(Integer))))}


def _pg_keys(keys: Iterable[int]) -> str:
    """Integer keys as a PostgreSQL array literal (`{1,2,3}`): each is made an int first, so only digits go in."""
    return "{" + ",".join(map(str, map(int, keys))) + "}"


def _over_pks(conn: Connection, statements: dict[str, Any], pks: Iterable[int]) -> list[Any]:
    """The rows of one of `_among_pks`'s statements for the keys `pks`."""
    keys = sorted(set(pks))
    if not keys:
        return []
    if conn.dialect.name == "postgresql":
        return _driver_rows(conn.execute(statements["postgresql"], {"pks": _pg_keys(keys)}))
    rows: list[Any] = []
    for batch in batched(keys, IN_LIMIT):
        rows.extend(_driver_rows(conn.execute(statements["sqlite"], {"pks": batch})))
    return rows


def _driver_rows(result: CursorResult[Any]) -> list[Any]:
    """
    A result's rows as the driver returns them, in one fetch (none of `_among_pks`' columns needs converting).

    Iterating the result instead fetches row by row: for 23,684 subjects on
    PostgreSQL that took a third of a `changes` call's Python time.
    """
    try:
        return cast("list[Any]", result.cursor.fetchall())
    finally:
        result.close()


_ALIASES = _among_pks(lambda among: select(
    SubjectNameTable.c.subject_pk, SubjectNameTable.c.value, SubjectNameTable.c.lang, SubjectNameTable.c.script,
    SubjectNameTable.c.weak,
).where(among(SubjectNameTable.c.subject_pk), SubjectNameTable.c.is_primary == false())
 .order_by(SubjectNameTable.c.subject_pk, SubjectNameTable.c.id))
_IDENTIFIERS = _among_pks(lambda among: select(
    SubjectIdentifierTable.c.subject_pk, SubjectIdentifierTable.c.scheme, SubjectIdentifierTable.c.value,
).where(among(SubjectIdentifierTable.c.subject_pk))
 .order_by(SubjectIdentifierTable.c.subject_pk, SubjectIdentifierTable.c.id))


def _subject_details(
    conn: Connection, alias_pks: Iterable[int], identifier_pks: Iterable[int],
) -> tuple[dict[int, tuple[Name, ...]], dict[int, tuple[Identifier, ...]]]:
    """The aliases (in id order) of the subjects `alias_pks`, and the identifiers of `identifier_pks`."""
    names: dict[int, list[Name]] = defaultdict(list)
    for pk, value, lang, script, weak in _over_pks(conn, _ALIASES, alias_pks):
        names[pk].append(aggregates.make_alias(value, lang, script, False, bool(weak)))  # noqa: FBT003 - positional builder
    idents: dict[int, list[Identifier]] = defaultdict(list)
    for pk, scheme, value in _over_pks(conn, _IDENTIFIERS, identifier_pks):
        idents[pk].append(aggregates.make_identifier(scheme, value))
    return {k: tuple(v) for k, v in names.items()}, {k: tuple(v) for k, v in idents.items()}


def _without_jit(conn: Connection) -> None:
    """
    On PostgreSQL, run this transaction's statements without JIT compilation.

    A statement that reads many rows with correlated aggregates is costed high enough
    for the planner to compile it, and compiling took longer than running it (1.8 s
    against 1.5 s for a 100,000-member snapshot).
    """
    version = conn.dialect.server_version_info or ()
    if conn.dialect.name == "postgresql" and version >= (11,):
        conn.exec_driver_sql("SET LOCAL jit = off")


_KINDS = {k.value: k for k in SubjectKind}


def snapshot_rows(
    conn: Connection, list_id: str, day: pendulum.Date, kday: pendulum.Date, at: pendulum.DateTime
) -> list[SnapshotEntry]:
    """
    The LISTED periods of one list on one day, as entries ordered by subject name (case-folded), then subject.

    One scan: each period row with its subject, and whether the subject has
    aliases or identifiers (either of its flags, `store.flags`: one column
    instead of two saved PostgreSQL's driver a tenth of the fetch of 100,000
    rows); the aliases and identifiers of those that do follow by primary key.
    """
    stmt = (
        select(PeriodTable.c.subject_pk, _SINCE_RAW, PeriodTable.c.event_id, SubjectTable.c.key,
               SubjectTable.c.name, SubjectTable.c.kind,
               or_(SubjectTable.c.has_aliases, SubjectTable.c.has_identifiers),
               type_coerce(PeriodTable.c.scope_since, Text()), type_coerce(PeriodTable.c.since_earliest, Text()))
        .join(SubjectTable, SubjectTable.c.pk == PeriodTable.c.subject_pk)
        .where(PeriodTable.c.list_id == list_id, PeriodTable.c.state == "LISTED",
               PeriodTable.c.valid_from <= day, PeriodTable.c.valid_to > day,
               PeriodTable.c.known_from <= kday, PeriodTable.c.known_to > kday,
               PeriodTable.c.recorded_from <= at, PeriodTable.c.recorded_to > at)
    )
    _without_jit(conn)
    result = conn.execute(stmt)
    rows = cast("list[Any]", result.cursor.fetchall())  # the driver's rows as they are: no column needs converting
    result.close()
    entries, pks, keys, detailed, rescoped = _entries(rows, list_id)
    if detailed:
        subject, kinds = aggregates.make_subject, _KINDS
        pks_detailed = [r[0] for _, r in detailed]
        names, idents = _subject_details(conn, pks_detailed, pks_detailed)
        for position, (pk, _since, _event, key, name, kind, _detailed, _scope_since, _earliest) in detailed:
            entries[position] = attrs.evolve(
                entries[position], subject=subject(key, kinds[kind], name, names.get(pk, ()), idents.get(pk, ())))
    _mark_parts(conn, list_id, entries)
    if rescoped:
        _date_scope_windows(conn, entries, rescoped)
    if len(set(keys)) == len(keys):  # no two names fold alike: the names alone give the order
        order = sorted(range(len(entries)), key=keys.__getitem__)
    else:
        order = sorted(range(len(entries)), key=pks.__getitem__)  # by subject, then (stably) by name
        order.sort(key=keys.__getitem__)
    return [entries[i] for i in order]


def _entries(
    rows: list[Any], list_id: str,
) -> tuple[list[SnapshotEntry], list[int], list[str], list[tuple[int, Any]], list[int]]:
    """
    Entries (without details) from `snapshot_rows`' rows, with each one's subject key and sort key.

    Each row is released as its entry is built. The garbage collector starts a
    pass after every 700 allocations net of releases, and every hundredth pass
    or so walks every object: releasing a row for each entry (a Subject and a
    SnapshotEntry) halves how often that happens while entries are built, and
    the passes made while the rows were fetched find only rows (tuples of plain
    values, which the collector stops tracking). The last full pass may then
    fall to the caller's next allocations (benchmarks/bench_snapshot_gc.py
    measures where). Also returns the (position, row) of the entries whose
    subjects have aliases or identifiers, and the positions of those whose
    scope changed within their state (`scope_since` stored).
    """
    day_of, subject, entry, kinds = aggregates.day, aggregates.make_subject, _make_entry, _KINDS
    entries: list[SnapshotEntry] = []
    pks: list[int] = []
    keys: list[str] = []
    detailed: list[tuple[int, Any]] = []
    rescoped: list[int] = []
    days: dict[object, pendulum.Date] = {}  # the days periods began repeat: each is converted once
    for i, row in enumerate(rows):
        rows[i] = None
        pk, since, event_id, key, name, kind, has_details, scope_since, earliest = row
        if has_details:
            detailed.append((i, row))
        began = days.get(since)
        if began is None:
            began = days[since] = cast("pendulum.Date", day_of(since))
        scoped = began
        if scope_since is not None:
            scoped = cast("pendulum.Date", day_of(scope_since))
            rescoped.append(i)
        entries.append(entry(subject(key, kinds[kind], name, (), ()), list_id, began, event_id, Scope.WHOLE, "",
                             scoped, None if earliest is None else day_of(earliest), None))
        pks.append(pk)
        keys.append(name.casefold())
    return entries, pks, keys, detailed, rescoped


_make_entry = aggregates.builder(SnapshotEntry, "subject", "list_id", "since", "event_id", "scope", "listed_as",
                                 "scope_since", "since_earliest", "scope_since_earliest")
_PARTS = select(EventTable.c.id, EventTable.c.listed_as).where(
    EventTable.c.list_id == bindparam("list_id"), text(PART_SCOPE))
"""The events of a list that designate only a part of their subject (through the partial index `ix_event_part`)."""


def _date_scope_windows(conn: Connection, entries: list[SnapshotEntry], positions: Sequence[int]) -> None:
    """
    Give the entries at `positions` (their scope changed within their state) the window of that change.

    An entry's setting event is the act that changed its scope when its window ends on
    `scope_since` (`model.results.window_opening`, the rule status answers use); read by
    id for these few entries only (one IN list).
    """
    ids = sorted({ev for ev in (entries[i].event_id for i in positions) if ev is not None})
    e = EventTable.c
    stmt = select(e.id, e.effective_from, e.effective_to).where(e.id.in_(ids))
    day = aggregates.day
    windows = {ev_id: (cast("pendulum.Date", day(lo)), cast("pendulum.Date", day(hi)))
               for ev_id, lo, hi in conn.execute(stmt)}
    for i in positions:
        entry = entries[i]
        window = windows.get(entry.event_id)
        opened = window_opening(*window, entry.scope_since) if window is not None else None
        if opened is not None:
            entries[i] = attrs.evolve(entry, scope_since_earliest=opened)


def _mark_parts(conn: Connection, list_id: str, entries: list[SnapshotEntry]) -> None:
    """Mark the entries whose event designates only a part of the subject, with the name the entry lists."""
    parts = dict(conn.execute(_PARTS, {"list_id": list_id}).all())
    if not parts:
        return
    for i, e in enumerate(entries):
        listed = parts.get(e.event_id)
        if listed is not None:
            entries[i] = attrs.evolve(e, scope=Scope.PART, listed_as=listed)
_RANK = case({kind.value: rank for rank, kind in enumerate(EventKind)}, value=EventTable.c.kind)
"""An event kind's place among events of one day (`lifecycle.order`'s: the order `EventKind` declares)."""


def change_rows(
    conn: Connection, list_ids: Sequence[str], since: pendulum.Date, until: pendulum.Date, at: pendulum.DateTime,
) -> tuple[list[Event], dict[int, Subject]]:
    """
    The events on `list_ids` whose effective window meets `[since, until]`, as recorded at `at`, and their subjects.

    Events come in `lifecycle.order` (the database sorts them), each read with
    its citations (a column of its row) in one statement. On SQLite the same
    statement reads each event's subject (key, name, kind, and whether it has
    aliases or identifiers: its flags, `store.flags`); the details of those
    that have some follow by primary key. On PostgreSQL the subjects follow by primary
    key: joined in the statement, it planned a scan of every subject for a few
    hundred events.
    """
    e = EventTable.c
    joined = conn.dialect.name == "sqlite"
    columns = [*(type_coerce(col, Text()) for col in (
                   e.id, e.kind, e.effective_from, e.effective_to, e.precision, e.published, e.instrument, e.note,
                   e.key, e.corrects_id, e.recorded_at, e.decided_from, e.decided_to, e.listed_as, e.scope)),
               e.list_id, e.subject_pk, e.citations]
    if joined:
        columns += [SubjectTable.c.key, SubjectTable.c.name, SubjectTable.c.kind, SubjectTable.c.has_aliases,
                    SubjectTable.c.has_identifiers]
    stmt = select(*columns)
    if joined:
        stmt = stmt.join(SubjectTable, SubjectTable.c.pk == e.subject_pk)
    stmt = (stmt.where(_visible(at), e.list_id.in_(list(list_ids)), e.effective_to >= since, e.effective_from <= until)
            .order_by(e.effective_from, e.effective_to, _RANK, e.id))
    _without_jit(conn)
    result = conn.execute(stmt)
    try:  # the driver's rows as they are: none of these columns needs converting
        return (_events_joined(conn, result.cursor) if joined
                else _events_apart(conn, cast("list[Any]", result.cursor.fetchall())))
    finally:
        result.close()


def _events_apart(conn: Connection, rows: list[Any]) -> tuple[list[Event], dict[int, Subject]]:
    """
    `change_rows`' events from rows without their subjects, and the subjects read by primary key.

    Each row is released as its event is built (`rows` is emptied), as the SQLite
    path and `snapshot_rows` do, so the garbage collector's passes find fewer
    objects. On the 1M-subject store (23,684 events), calls repeated one after
    another took 553-620 ms instead of 660-754 ms; in the benchmark's mix of
    snapshots and changes no difference showed (`scale_postgresql.md`, seventh round).
    """
    subjects = _subjects_from_heads(conn, _over_pks(conn, _SUBJECT_HEADS, {row[16] for row in rows}))
    keys = {pk: s.id for pk, s in subjects.items()}
    build, citations = aggregates.event, aggregates.citations
    events: list[Event] = []
    add = events.append
    for i, row in enumerate(rows):
        rows[i] = None
        (ev_id, kind, eff_from, eff_to, precision, published, instrument, note, key, corrects,
         recorded_at, dec_from, dec_to, listed_as, scope, list_id, pk, src) = row
        add(build(keys[pk], list_id, int(ev_id), kind, eff_from, eff_to, precision, published, instrument,
                  note, key, None if corrects is None else int(corrects), recorded_at, dec_from, dec_to,
                  listed_as, scope, citations(src, ev_id)))
    return events, subjects


def _events_joined(conn: Connection, cursor: Any) -> tuple[list[Event], dict[int, Subject]]:  # noqa: ANN401
    """
    `change_rows`' events and subjects from rows that carry each event's subject.

    Both are built as the rows stream in, one at a time from the cursor, so that no
    row outlives its event. A row freed before the next is made adds nothing to the
    count that starts the garbage collector's passes; rows fetched 5,000 at a time
    did. On the 1M-subject store a call over 23,684 events then made a full pass
    in 3 calls of 7 instead of in every call, and spent a median 10 ms in the
    collector instead of 54 ms (`scale_sqlite.md`). Each row is unpacked once: for
    20,000 events, intermediate tuples cost as much as the events themselves.
    """
    subjects: dict[int, Subject] = {}
    events: list[Event] = []
    add = events.append
    detailed: list[tuple[Any, ...]] = []  # heads of the subjects with aliases or identifiers
    build, citations, subject, kinds = aggregates.event, aggregates.citations, aggregates.make_subject, _KINDS
    for (ev_id, kind, eff_from, eff_to, precision, published, instrument, note, key, corrects, recorded_at,
         dec_from, dec_to, listed_as, scope, list_id, pk, src, subject_key, name, subject_kind,
         has_aliases, has_identifiers) in cursor:
        if pk not in subjects:
            subjects[pk] = subject(subject_key, kinds[subject_kind], name, (), ())
            if has_aliases or has_identifiers:
                detailed.append((pk, subject_key, name, subject_kind, has_aliases, has_identifiers))
        add(build(subject_key, list_id, ev_id, kind, eff_from, eff_to, precision, published, instrument, note,
                  key, corrects, recorded_at, dec_from, dec_to, listed_as, scope, citations(src, ev_id)))
    if detailed:
        subjects.update(_subjects_from_heads(conn, detailed))
    return events, subjects


_SUBJECT_HEADS = _among_pks(lambda among: select(
    SubjectTable.c.pk, SubjectTable.c.key, SubjectTable.c.name, SubjectTable.c.kind,
    SubjectTable.c.has_aliases, SubjectTable.c.has_identifiers,
).where(among(SubjectTable.c.pk)))


def _subjects_from_heads(conn: Connection, rows: Sequence[Sequence[Any]]) -> dict[int, Subject]:
    """
    Subjects by primary key from their heads (pk, key, name, kind, has aliases, has identifiers).

    Aliases and identifiers are read only for the subjects that have some.
    """
    names, idents = _subject_details(conn, (r[0] for r in rows if r[4]), (r[0] for r in rows if r[5]))
    subject = aggregates.make_subject
    return {pk: subject(key, _KINDS[kind], name, names.get(pk, ()), idents.get(pk, ()))
            for pk, key, name, kind, _a, _i in rows}


_STATE_SINCE = func.coalesce(PeriodTable.c.state_since, PeriodTable.c.valid_from, type_=PeriodTable.c.valid_from.type)
"""The day a period's state began (rows derived before migration 0005 have none: their start)."""
_SINCE_RAW = type_coerce(func.coalesce(PeriodTable.c.state_since, PeriodTable.c.valid_from), Text())
"""`_STATE_SINCE` as the driver returns it (text on SQLite), for answers that convert many at once."""


def _visible(at: pendulum.DateTime) -> Any:  # noqa: ANN401 - a SQL expression
    retracted = (
        select(RetractionTable.c.id)
        .where(RetractionTable.c.event_id == EventTable.c.id, RetractionTable.c.recorded_at <= at)
        .exists()
    )
    return (EventTable.c.recorded_at <= at) & ~retracted


def events_for(
    conn: Connection,
    *,
    at: pendulum.DateTime,
    subject_pk: int | None = None,
    event_ids: Sequence[int] | None = None,
    list_ids: Sequence[str] | None = None,
    since: pendulum.Date | None = None,
    until: pendulum.Date | None = None,
    include_retracted: bool = False,
    with_sources: bool = True,
) -> list[tuple[Event, int]]:
    """Events (with their sources unless `with_sources=False`) as recorded at `at`, with subject pks, in order."""
    stmt = (select(EventTable, SubjectTable.c.key.label("subject_key"))
            .join(SubjectTable, SubjectTable.c.pk == EventTable.c.subject_pk))
    if not include_retracted:
        stmt = stmt.where(_visible(at))
    if subject_pk is not None:
        stmt = stmt.where(EventTable.c.subject_pk == subject_pk)
    if event_ids is not None:
        stmt = stmt.where(EventTable.c.id.in_(list(event_ids)))
    if list_ids is not None:
        stmt = stmt.where(EventTable.c.list_id.in_(list(list_ids)))
    if since is not None:
        stmt = stmt.where(EventTable.c.effective_to >= since)
    if until is not None:
        stmt = stmt.where(EventTable.c.effective_from <= until)
    stmt = stmt.order_by(EventTable.c.effective_from, EventTable.c.effective_to, EventTable.c.id)
    cited = aggregates.citations if with_sources else _uncited
    return [(convert.event_from_row(r, r["subject_key"], cited=cited(r["citations"], r["id"])), r["subject_pk"])
            for r in conn.execute(stmt).mappings()]


def part_histories(conn: Connection, list_ids: Sequence[str], at: pendulum.DateTime) -> list[Event]:
    """
    The events (without citations) of the (subject, list) pairs on `list_ids` that have a part-scoped event.

    Only there can an amendment change a designation's scope. The pairs are
    found through the partial index `ix_event_part`, which holds few rows, so a
    list with none costs one index probe. Events are as recorded at `at`.
    """
    e = EventTable.c
    parted = (select(e.subject_pk, e.list_id).where(e.list_id.in_(list(list_ids)), text(PART_SCOPE))
              .distinct().subquery())
    stmt = (select(EventTable, SubjectTable.c.key.label("subject_key"))
            .join(SubjectTable, SubjectTable.c.pk == e.subject_pk)
            .join(parted, (parted.c.subject_pk == e.subject_pk) & (parted.c.list_id == e.list_id))
            .where(_visible(at)))
    return [convert.event_from_row(r, r["subject_key"], cited=()) for r in conn.execute(stmt).mappings()]


def _uncited(_value: object, _event_id: object) -> tuple[()]:
    """No citations: for callers that asked for events without them."""
    return ()


def changed_subject_pks(conn: Connection, since: pendulum.Date, since_instant: pendulum.DateTime) -> set[int]:
    """Subjects with an event effective on/after `since`, or recorded on/after it."""
    stmt = select(EventTable.c.subject_pk).where(
        or_(EventTable.c.effective_to >= since, EventTable.c.recorded_at >= since_instant)
    ).distinct()
    return set(conn.scalars(stmt))

