"""
Writes: one `WriteBatch` in one transaction, validated, append-only.

A batch adds subjects, events and retractions, sets coverage and records a
publication. Every (subject, list) it touches is replayed; an invalid
history raises and the transaction rolls back, leaving the store as it was.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import attrs
import pendulum
from sqlalchemy import Connection, func, insert, select, text, update

from designations.dates import Period
from designations.errors import (
    InvalidRecordError,
    UnknownEventError,
    UnknownListError,
    UnknownSubjectError,
)
from designations.lifecycle import check_sequence, derive
from designations.model import DesignationList, Event, Jurisdiction, Subject
from designations.store import convert
from designations.store.schema import (
    BatchRow,
    CoverageRow,
    EventRow,
    EventSourceRow,
    JurisdictionAliasRow,
    JurisdictionRow,
    ListRow,
    MetaRow,
    PeriodRow,
    PublicationEntryRow,
    PublicationRow,
    RetractionRow,
    SubjectIdentifierRow,
    SubjectNameRow,
    SubjectRow,
)
from designations.store.types import FOREVER_DATE, FOREVER_TIME

__all__ = ["BatchResult", "PublicationRecord", "WriteBatch", "apply_batch"]

_CHUNK = 500
_TICK = dt.timedelta(microseconds=1)


@attrs.frozen(kw_only=True)
class PublicationRecord:
    """An imported publication of a list and its entries (entry key, subject id, fingerprint, listed_on)."""

    list_id: str
    published: pendulum.Date
    sha256: str
    format: str
    path: str = ""
    entries: tuple[tuple[str, str, str, str], ...] = ()


@attrs.frozen(kw_only=True)
class WriteBatch:
    """Everything one transaction writes."""

    kind: str
    note: str = ""
    source_path: str = ""
    sha256: str = ""
    jurisdictions: tuple[Jurisdiction, ...] = ()
    jurisdiction_aliases: tuple[tuple[str, str], ...] = ()
    lists: tuple[DesignationList, ...] = ()
    coverage: tuple[tuple[str, str, tuple[Period, ...]], ...] = ()
    """(list id, origin, periods): replaces that origin's coverage of the list."""
    subjects: tuple[Subject, ...] = ()
    match_reasons: tuple[tuple[str, str], ...] = ()
    events: tuple[Event, ...] = ()
    retractions: tuple[tuple[int, str], ...] = ()
    publications: tuple[PublicationRecord, ...] = ()
    meta: tuple[tuple[str, str], ...] = ()

    @property
    def empty(self) -> bool:
        """Whether the batch would write nothing but its own row."""
        return not (
            self.jurisdictions or self.lists or self.coverage or self.subjects
            or self.events or self.retractions or self.publications or self.meta
        )


@attrs.frozen(kw_only=True)
class BatchResult:
    """What a batch wrote: its id and recorded time, and the new event ids in order."""

    batch_id: int
    recorded_at: dt.datetime
    event_ids: tuple[int, ...]


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def apply_batch(
    conn: Connection, batch: WriteBatch, clock: Callable[[], pendulum.DateTime]
) -> BatchResult:
    """Write `batch` on `conn`, inside the caller's transaction."""
    if conn.dialect.name == "postgresql":
        conn.execute(select(MetaRow.value).where(MetaRow.key == "clock").with_for_update())
    last = conn.scalar(select(BatchRow.recorded_at).order_by(BatchRow.recorded_at.desc()).limit(1))
    now = clock().in_timezone("UTC")
    recorded_at = now if last is None or now > last else last + _TICK
    batch_id = conn.execute(
        insert(BatchRow).returning(BatchRow.id),
        {"recorded_at": recorded_at, "kind": batch.kind, "note": batch.note,
         "source_path": batch.source_path, "sha256": batch.sha256},
    ).scalar_one()
    _upsert_jurisdictions(conn, batch)
    _upsert_lists(conn, batch)
    keys = _upsert_subjects(conn, batch, batch_id)
    retracted = _retract(conn, batch.retractions, batch_id, recorded_at)
    ids, fresh = _insert_events(conn, batch.events, keys, batch_id, recorded_at)
    _rederive(conn, retracted, fresh, batch_id, recorded_at)
    _set_coverage(conn, batch.coverage, recorded_at)
    _record_publications(conn, batch.publications, keys, batch_id)
    for key, value in batch.meta:
        _set_meta(conn, key, value)
    return BatchResult(batch_id=batch_id, recorded_at=recorded_at, event_ids=tuple(ids))


def _set_meta(conn: Connection, key: str, value: str) -> None:
    found = conn.scalar(select(MetaRow.key).where(MetaRow.key == key))
    if found is None:
        conn.execute(insert(MetaRow), {"key": key, "value": value})
    else:
        conn.execute(update(MetaRow).where(MetaRow.key == key).values(value=value))


def _upsert_jurisdictions(conn: Connection, batch: WriteBatch) -> None:
    if not batch.jurisdictions and not batch.jurisdiction_aliases:
        return
    have = {r.code: r for r in conn.execute(select(JurisdictionRow))}
    for j in batch.jurisdictions:
        row = have.get(j.code)
        if row is None:
            conn.execute(insert(JurisdictionRow), {"code": j.code, "name": j.name, "timezone": j.timezone})
        elif (row.name, row.timezone) != (j.name, j.timezone):
            conn.execute(
                update(JurisdictionRow).where(JurisdictionRow.code == j.code)
                .values(name=j.name, timezone=j.timezone)
            )
    aliases = {r.alias for r in conn.execute(select(JurisdictionAliasRow.alias))}
    new = {a.casefold(): c for a, c in batch.jurisdiction_aliases if a.casefold() not in aliases}
    if new:
        conn.execute(insert(JurisdictionAliasRow), [{"alias": a, "code": c} for a, c in new.items()])


def _upsert_lists(conn: Connection, batch: WriteBatch) -> None:
    if not batch.lists:
        return
    codes = set(conn.scalars(select(JurisdictionRow.code)))
    have = {r.id: r for r in conn.execute(select(ListRow))}
    for lst in batch.lists:
        if lst.jurisdiction.code not in codes:
            conn.execute(insert(JurisdictionRow), {
                "code": lst.jurisdiction.code, "name": lst.jurisdiction.name,
                "timezone": lst.jurisdiction.timezone})
            codes.add(lst.jurisdiction.code)
        values = {"jurisdiction_code": lst.jurisdiction.code, "name": lst.name,
                  "authority": lst.authority, "legal_basis": lst.legal_basis,
                  "url": lst.url, "tags": ",".join(lst.tags)}
        row = have.get(lst.id)
        if row is None:
            conn.execute(insert(ListRow), {"id": lst.id, **values})
        elif any(getattr(row, k) != v for k, v in values.items()):
            conn.execute(update(ListRow).where(ListRow.id == lst.id).values(**values))


def _subject_pks(conn: Connection, keys: Iterable[str]) -> dict[str, int]:
    wanted = sorted(set(keys))
    found: dict[str, int] = {}
    for chunk in _chunks(wanted):
        for key, pk in conn.execute(select(SubjectRow.key, SubjectRow.pk).where(SubjectRow.key.in_(chunk))):
            found[key] = pk
    return found


def _upsert_subjects(conn: Connection, batch: WriteBatch, batch_id: int) -> dict[str, int]:
    """Insert new subjects, add names and identifiers to known ones; return key -> pk for all referenced."""
    reasons = dict(batch.match_reasons)
    wanted = {s.id for s in batch.subjects} | {e.subject_id for e in batch.events}
    wanted |= {k[1] for p in batch.publications for k in p.entries}
    keys = _subject_pks(conn, wanted)
    new = [s for s in batch.subjects if s.id not in keys]
    if new:
        first = _first_free_id(conn, SubjectRow.pk)
        rows = [{"pk": first + i, "key": s.id, "kind": s.kind.value, "name": s.name, "batch_id": batch_id,
                 "match_reason": reasons.get(s.id, "")} for i, s in enumerate(new)]
        for chunk in _chunks(rows, 2000):
            conn.execute(insert(SubjectRow), list(chunk))
        keys.update({s.id: first + i for i, s in enumerate(new)})
        _sync_sequence(conn, "subject", "pk")
    if not batch.subjects:
        return keys
    pks = [keys[s.id] for s in batch.subjects]
    names: set[tuple[int, str]] = set()
    idents: dict[tuple[str, str], int] = {}
    fresh = {keys[s.id] for s in new}
    old = [pk for pk in pks if pk not in fresh]
    for chunk in _chunks(old):
        stmt = select(SubjectNameRow.subject_pk, SubjectNameRow.value).where(
            SubjectNameRow.subject_pk.in_(chunk))
        names |= {(r[0], r[1]) for r in conn.execute(stmt)}
    all_idents = sorted({i.value for s in batch.subjects for i in s.identifiers})
    for chunk in _chunks(all_idents):
        for scheme, value, pk in conn.execute(
            select(SubjectIdentifierRow.scheme, SubjectIdentifierRow.value, SubjectIdentifierRow.subject_pk)
            .where(SubjectIdentifierRow.value.in_(chunk))
        ):
            idents[(scheme, value)] = pk
    name_rows: list[dict[str, Any]] = []
    ident_rows: list[dict[str, Any]] = []
    for s in batch.subjects:
        pk = keys[s.id]
        for n in (attrs.evolve(s.names[0], primary=True), *s.aliases):
            if (pk, n.value) in names:
                continue
            names.add((pk, n.value))
            name_rows.append({"subject_pk": pk, "value": n.value, "key": n.key, "lang": n.lang,
                              "script": n.script, "is_primary": n.primary, "batch_id": batch_id})
        for ident in s.identifiers:
            owner = idents.get((ident.scheme, ident.value))
            if owner is None:
                idents[(ident.scheme, ident.value)] = pk
                ident_rows.append({"subject_pk": pk, "scheme": ident.scheme, "value": ident.value,
                                   "batch_id": batch_id})
            elif owner != pk:
                msg = (f"identifier {ident.scheme}:{ident.value} of {s.id!r} already "
                       f"belongs to another subject")
                raise InvalidRecordError(msg, field="identifiers")
    for rows, table in ((name_rows, SubjectNameRow), (ident_rows, SubjectIdentifierRow)):
        for chunk in _chunks(rows, 2000):
            conn.execute(insert(table), list(chunk))
    return keys


def _retract(
    conn: Connection, retractions: Sequence[tuple[int, str]], batch_id: int, recorded_at: dt.datetime
) -> set[tuple[int, str]]:
    if not retractions:
        return set()
    ids = [i for i, _ in retractions]
    found = {r.id: r for r in conn.execute(
        select(EventRow.id, EventRow.subject_pk, EventRow.list_id).where(EventRow.id.in_(ids)))}
    gone = set(conn.scalars(select(RetractionRow.event_id).where(RetractionRow.event_id.in_(ids))))
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
    conn.execute(insert(RetractionRow), rows)
    return {(found[i].subject_pk, found[i].list_id) for i in ids}


def _insert_events(
    conn: Connection,
    events: Sequence[Event],
    keys: dict[str, int],
    batch_id: int,
    recorded_at: dt.datetime,
) -> tuple[list[int], dict[tuple[int, str], list[Event]]]:
    if not events:
        return [], {}
    lists = set(conn.scalars(select(ListRow.id)))
    rows = []
    for e in events:
        if e.subject_id not in keys:
            raise UnknownSubjectError(e.subject_id)
        if e.list_id not in lists:
            raise UnknownListError(e.list_id, sorted(lists))
        if not e.sources:
            msg = f"every event needs at least one source ({e.kind.value} of {e.subject_id!r} on {e.list_id})"
            raise InvalidRecordError(msg, field="sources")
        rows.append(convert.event_values(e, keys[e.subject_id], batch_id, recorded_at))
    first = _first_free_id(conn, EventRow.id)
    ids = list(range(first, first + len(rows)))
    for i, row in zip(ids, rows, strict=True):
        row["id"] = i
    for chunk in _chunks(rows, 2000):
        conn.execute(insert(EventRow), list(chunk))
    _sync_sequence(conn, "event", "id")
    sources = [row for i, e in zip(ids, events, strict=True) for row in convert.source_values(i, e.sources)]
    for chunk in _chunks(sources, 2000):
        conn.execute(insert(EventSourceRow), list(chunk))
    fresh: dict[tuple[int, str], list[Event]] = defaultdict(list)
    for i, e in zip(ids, events, strict=True):
        fresh[(keys[e.subject_id], e.list_id)].append(attrs.evolve(e, id=i, recorded_at=recorded_at))
    return ids, fresh


def _live_events(conn: Connection, pairs: set[tuple[int, str]]) -> dict[tuple[int, str], list[Event]]:
    """The unretracted events of each pair, as lightweight Events (no sources)."""
    out: dict[tuple[int, str], list[Event]] = defaultdict(list)
    subjects = sorted({pk for pk, _ in pairs})
    retracted = select(RetractionRow.event_id).where(RetractionRow.event_id == EventRow.id).exists()
    for chunk in _chunks(subjects):
        names = dict(conn.execute(select(SubjectRow.pk, SubjectRow.key).where(SubjectRow.pk.in_(chunk))).all())
        stmt = select(EventRow).where(EventRow.subject_pk.in_(chunk), ~retracted)
        for row in conn.execute(stmt).mappings():
            pair = (row["subject_pk"], row["list_id"])
            if pair in pairs:
                out[pair].append(convert.event_from_row(row, names[row["subject_pk"]]))
    return out


def _rederive(
    conn: Connection,
    retracted: set[tuple[int, str]],
    fresh: dict[tuple[int, str], list[Event]],
    batch_id: int,
    recorded_at: dt.datetime,
) -> None:
    """Replay every touched pair, check it, and supersede its current period rows."""
    pairs = retracted | set(fresh)
    if not pairs:
        return
    older = retracted | _pairs_with_older_events(conn, fresh, batch_id)
    live = _live_events(conn, older) if older else {}
    for pair, events in fresh.items():
        if pair not in older:
            live[pair] = events
    rows: list[dict[str, Any]] = []
    for pair in sorted(pairs):
        events = live.get(pair, [])
        check_sequence(events)
        for ks in derive(events):
            seg = ks.segment
            pending = [e.id for e in seg.pending if e.id is not None]
            rows.append({
                "subject_pk": pair[0], "list_id": pair[1], "state": seg.state.value,
                "certain": seg.certain,
                "possible": ",".join(sorted(s.value for s in seg.possible)),
                "valid_from": seg.start, "valid_to": seg.end or FOREVER_DATE,
                "known_from": ks.known_from, "known_to": ks.known_to or FOREVER_DATE,
                "recorded_from": recorded_at, "recorded_to": FOREVER_TIME,
                "event_id": seg.setter.id if seg.setter else None,
                "event_ids": ",".join(str(i) for i in ([seg.setter.id] if seg.setter else []) + pending),
            })
    current: list[int] = []
    for chunk in _chunks(sorted({pk for pk, _ in older})):
        found = conn.execute(
            select(PeriodRow.id, PeriodRow.subject_pk, PeriodRow.list_id).where(
                PeriodRow.subject_pk.in_(chunk), PeriodRow.recorded_to == FOREVER_TIME)
        )
        current.extend(i for i, pk, lid in found if (pk, lid) in older)
    for ids in _chunks(current):
        conn.execute(update(PeriodRow).where(PeriodRow.id.in_(ids)).values(recorded_to=recorded_at))
    for chunk in _chunks(rows, 2000):
        conn.execute(insert(PeriodRow), list(chunk))


def _pairs_with_older_events(
    conn: Connection, fresh: dict[tuple[int, str], list[Event]], batch_id: int
) -> set[tuple[int, str]]:
    """The touched pairs that already had events before this batch."""
    found: set[tuple[int, str]] = set()
    for chunk in _chunks(sorted({pk for pk, _ in fresh})):
        stmt = select(EventRow.subject_pk, EventRow.list_id).where(
            EventRow.subject_pk.in_(chunk), EventRow.batch_id != batch_id).distinct()
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
            select(CoverageRow.id, CoverageRow.valid_from, CoverageRow.valid_to).where(
                CoverageRow.list_id == list_id, CoverageRow.origin == origin,
                CoverageRow.recorded_to == FOREVER_TIME)
        ).all()
        have = sorted((r.valid_from, r.valid_to) for r in current)
        want = sorted((p.start, p.end or FOREVER_DATE) for p in periods)
        if have == want:
            continue
        if current:
            conn.execute(update(CoverageRow).where(CoverageRow.id.in_([r.id for r in current]))
                         .values(recorded_to=recorded_at))
        if want:
            conn.execute(insert(CoverageRow), [
                {"list_id": list_id, "valid_from": lo, "valid_to": hi, "origin": origin,
                 "recorded_from": recorded_at, "recorded_to": FOREVER_TIME} for lo, hi in want])


def _record_publications(
    conn: Connection, publications: Sequence[PublicationRecord], keys: dict[str, int], batch_id: int
) -> None:
    for pub in publications:
        pub_id = conn.execute(
            insert(PublicationRow).returning(PublicationRow.id),
            {"list_id": pub.list_id, "published": pub.published, "sha256": pub.sha256,
             "format": pub.format, "path": pub.path, "batch_id": batch_id},
        ).scalar_one()
        rows = [{"publication_id": pub_id, "entry_key": k, "subject_pk": keys[s], "fingerprint": f,
                 "listed_on": lo} for k, s, f, lo in pub.entries]
        for chunk in _chunks(rows, 2000):
            conn.execute(insert(PublicationEntryRow), list(chunk))

