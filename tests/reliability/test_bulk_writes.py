"""
The bulk write path: the fast insert layer, chunked writes in one transaction, streaming rebuild.

Every spec runs on both engines. Rows written in parts must equal what one
write stores; a failure in a late part must leave the store exactly as it
was; ids and PostgreSQL sequences must let the next ordinary write succeed;
a bulk load that lifts the overlap guard must put it back, verified.
"""

from __future__ import annotations

import importlib.util
import pathlib
from collections.abc import Callable
from typing import Any

import pendulum
import pytest
from sqlalchemy import Engine, event, insert, select, text

import designations
from designations.errors import InvalidRecordError
from designations.model import Identifier, Name, Subject
from designations.store import PublicationRecord, WriteBatch, admin, bulk, guard, split_batch, writes
from designations.store.schema import EventTable, PeriodTable
from designations.store.types import FOREVER_DATE, FOREVER_TIME

from ..dumps import logical_dump
from .conftest import add_lists, dump, history

FIXTURES = pathlib.Path(__file__).parents[1] / "fixtures"
Dump = Callable[[Engine], dict[str, list[tuple[Any, ...]]]]



def _batch(n: int = 7) -> WriteBatch:
    """Subjects with aliases and identifiers, events on two lists, a publication with entries."""
    subjects = tuple(
        Subject(id=f"s{i}", name=f"Front number {i}", aliases=(Name(f"Alias {i}"),),
                identifiers=(Identifier("test", f"T-{i}"),))
        for i in range(n)
    )
    events = tuple(e for i in range(n) for lst in ("us-fto", "us-sdgt")[: 1 + i % 2]
                   for e in history(i, lst))
    publication = PublicationRecord(
        list_id="us-fto", published=pendulum.Date(2020, 1, 1), sha256="a" * 64, format="test",
        entries=tuple((f"E{i}", f"s{i}", "f" * 16, "2001-01-10") for i in range(n)),
    )
    return WriteBatch(kind="import", note="parts", subjects=subjects,
                      match_reasons=(("s1", "matched by name"),), events=events,
                      publications=(publication,), meta=(("parts", "yes"),))


def _with_lists(reg: designations.Registry) -> designations.Registry:
    """`reg` with lists us-fto, us-sdgt and us-test."""
    add_lists(reg, "us-fto", "us-sdgt", "us-test")
    return reg


@pytest.mark.parametrize("size", [1, 3, 1000])
def test_parts_write_exactly_what_one_write_writes(
    registry_factory: Callable[[], designations.Registry], size: int
) -> None:
    """The same batch, written whole or as parts of `size` in one writer, gives identical tables."""
    whole, parts = _with_lists(registry_factory()), _with_lists(registry_factory())
    batch = _batch()

    one = whole.store.write(batch)
    with parts.store.writer(kind=batch.kind, note=batch.note) as w:
        ids = [i for part in split_batch(batch, size) for i in w.apply(part)]

    assert list(one.event_ids) == ids
    assert dump(whole.store.engine) == dump(parts.store.engine)
    assert admin.check(parts.store).ok
    whole.close()
    parts.close()


def test_fast_layer_stores_what_sqlalchemy_stores(registry: designations.Registry) -> None:
    """Rows from the insert layer's converted tuples equal rows bound through the ORM column types."""
    add_lists(registry, "us-fto")
    registry.add_subject("Alpha Front", id="alpha")
    registry.add_subject("Bravo Front", id="bravo")
    at = pendulum.datetime(2026, 3, 4, 5, 6, 7, 8, tz="Europe/Moscow")
    day = pendulum.Date(2024, 2, 29)
    with registry.store.engine.begin() as conn:
        pk, other = conn.scalars(text("SELECT pk FROM subject ORDER BY pk")).all()
        batch = conn.scalar(text("SELECT id FROM batch"))
        conn.execute(insert(EventTable), {
            "id": 1, "subject_pk": pk, "list_id": "us-fto", "kind": "LISTED", "effective_from": day,
            "effective_to": day, "precision": "day", "published": None, "known_from": day,
            "instrument": "", "note": "n", "key": "k", "corrects_id": None, "batch_id": batch,
            "recorded_at": at, "decided_from": day, "decided_to": day, "listed_as": "As Listed", "scope": "part",
            "citations": '[["Register","","",null]]'})
        conn.execute(insert(PeriodTable), {
            "subject_pk": pk, "list_id": "us-fto", "state": "LISTED", "certain": True,
            "possible": "LISTED", "valid_from": day, "valid_to": FOREVER_DATE, "known_from": day,
            "known_to": FOREVER_DATE, "recorded_from": at, "recorded_to": FOREVER_TIME,
            "event_id": 1, "event_ids": "1", "state_since": day, "scope_since": day,
            "since_earliest": day})
        ins = bulk.Inserter(conn)
        ins.insert("event", [(2, pk, "us-fto", "LISTED", bulk.date_text(day), bulk.date_text(day),
                              "day", None, bulk.date_text(day), "", "n", "k", None, batch,
                              bulk.time_text(at), bulk.date_text(day), bulk.date_text(day), "As Listed", "part",
                              '[["Register","","",null]]')])
        ins.insert("status_period", [(other, "us-fto", "LISTED", ins.boolean(True), "LISTED",
                                      bulk.date_text(day), bulk.FOREVER_DATE_TEXT,
                                      bulk.date_text(day), bulk.FOREVER_DATE_TEXT,
                                      bulk.time_text(at), bulk.FOREVER_TIME_TEXT, 2, "2", bulk.date_text(day),
                                      bulk.date_text(day), bulk.date_text(day))])
        raw = {t: conn.execute(text(f"SELECT * FROM {t} ORDER BY id")).all()  # noqa: S608
               for t in ("event", "status_period")}
        typed = conn.scalars(select(EventTable.c.recorded_at).order_by(EventTable.c.id)).all()

    expected_event, fast_event = (tuple(r)[1:] for r in raw["event"])
    expected_period, fast_period = (tuple(r)[1:] for r in raw["status_period"])

    assert expected_event == fast_event
    assert expected_period[1:-5] == fast_period[1:-5]  # subject and event ids differ on purpose
    assert expected_period[-3:] == fast_period[-3:]
    assert typed[0] == typed[1] == at


def test_chunked_import_is_all_or_nothing(
    registry: designations.Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error in a late part of a file's import leaves the store exactly as it was."""
    registry.import_file(FIXTURES / "ftm" / "entities_2020-01-10.ftm.json",
                          published="2020-01-10")
    before = dump(registry.store.engine)
    calls: list[WriteBatch] = []
    real = writes.apply_part

    def failing(ctx: writes.WriteContext, part: WriteBatch) -> tuple[int, ...]:
        calls.append(part)
        if part.coverage:  # the import's last part
            raise InvalidRecordError("late failure", field="test")
        return real(ctx, part)

    monkeypatch.setattr(writes, "apply_part", failing)

    with pytest.raises(InvalidRecordError, match="late failure"):
        registry.import_file(FIXTURES / "ftm" / "entities_2020-06-15.delta.json",
                             published="2020-06-15", part_size=1)

    assert len(calls) > 3  # several parts were written before the failure
    assert before == dump(registry.store.engine)


def test_chunked_import_equals_one_part(registry_factory: Callable[[], designations.Registry]) -> None:
    """Importing the same publications in parts of one entry or in one part records the same facts."""
    dumps = []
    for size in (1, 10**6):
        reg = registry_factory()
        for name, day in (("entities_2020-01-10.ftm.json", "2020-01-10"),
                          ("entities_2020-06-15.delta.json", "2020-06-15")):
            reg.import_file(FIXTURES / "ftm" / name, published=day, part_size=size)
        assert admin.check(reg.store).ok
        dumps.append(logical_dump(reg.store.engine))
        reg.close()

    assert dumps[0] == dumps[1]
    assert dumps[0]["event"]
    assert dumps[0]["publication_entry"]
    assert dumps[0]["status_period"]


def test_ids_and_sequences_stay_consistent_after_bulk_write(registry: designations.Registry) -> None:
    """After a multi-part write, ordinary writes (explicit and sequence ids alike) still succeed."""
    add_lists(registry, "us-fto", "us-sdgt")
    batch = _batch(5)
    with registry.store.writer(kind="bulk") as w:
        for part in split_batch(batch, 2):
            w.apply(part)

    new = registry.record("Late Front", "us-fto", "LISTED", effective="2020-01-01",
                          sources=[{"title": "Register"}], create=True)
    registry.add_subject("Another Front", aliases=["Another"])
    fixed = registry.correct(new.id, effective="2020-01-02")  # type: ignore[arg-type]

    with registry.store.read() as conn:
        top = conn.scalar(select(EventTable.c.id).order_by(EventTable.c.id.desc()).limit(1))
        total = conn.scalar(text("SELECT count(*) FROM event"))
    assert fixed.id == top == total
    assert admin.check(registry.store).ok


def test_a_pair_split_across_parts_is_still_replayed_whole(registry: designations.Registry) -> None:
    """A (subject, list) pair whose events come in two parts gets one current derivation of all of them."""
    add_lists(registry, "us-fto")
    events = history(1, "us-fto")
    with registry.store.writer(kind="bulk") as w:
        w.apply(WriteBatch(kind="bulk", subjects=(Subject(id="s1", name="Front one"),),
                           events=tuple(events[:2])))
        w.apply(WriteBatch(kind="bulk", events=tuple(events[2:])))

    assert admin.check(registry.store).ok
    assert registry.status("s1", "us-fto", on="2004-06-01").state.value == "LISTED"
    assert registry.status("s1", "us-fto", on="2003-06-01").state.value == "SUSPENDED"


def test_defer_guard_puts_the_guard_back(registry: designations.Registry) -> None:
    """A bulk load that lifts the overlap guard ends with it installed and the store checked."""
    add_lists(registry, "us-fto", "us-sdgt")
    with registry.store.writer(kind="bulk", defer_guard=True) as w:
        assert not guard.guard_in_force(w.connection)
        for part in split_batch(_batch(), 3):
            w.apply(part)

    report = admin.check(registry.store)
    assert report.ok, str(report)
    with registry.store.read() as conn:
        assert guard.guard_in_force(conn)


def test_defer_guard_refuses_an_overlap_and_writes_nothing(registry: designations.Registry) -> None:
    """An overlapping period slipped in while the guard is lifted fails the commit; nothing is written."""
    add_lists(registry, "us-fto")
    before = dump(registry.store.engine)
    ctx_rows: list[tuple[Any, ...]] = []

    with (  # noqa: PT012 - the commit raises
        pytest.raises(InvalidRecordError, match="overlap"),
        registry.store.writer(kind="bulk", defer_guard=True) as w,
    ):
        w.apply(WriteBatch(kind="bulk", subjects=(Subject(id="s1", name="Front one"),),
                           events=tuple(history(1, "us-fto")[:1])))
        conn = w.connection
        row = conn.execute(text("SELECT * FROM status_period")).mappings().one()
        ins = bulk.Inserter(conn)
        ctx_rows.append(tuple(row[c] for c in bulk.COLUMNS["status_period"]))
        ins.insert("status_period", ctx_rows)

    assert before == dump(registry.store.engine)
    with registry.store.read() as conn:
        assert guard.guard_in_force(conn)


def test_check_reports_a_missing_guard(registry: designations.Registry, engine_name: str) -> None:
    """`db check` fails when the overlap guard is gone."""
    add_lists(registry, "us-fto")
    with registry.store.engine.begin() as conn:
        if engine_name == "postgresql":
            from designations.store import postgres  # noqa: PLC0415

            postgres.drop_guard(conn)
        else:
            conn.exec_driver_sql(f"DROP TRIGGER {guard.GUARD_TRIGGER}")

    report = admin.check(registry.store)

    assert ["missing-guard"] == [p.kind for p in report.problems]


def test_guard_ddl_is_the_migrations() -> None:
    """The trigger a bulk load reinstalls is the one migration 0002 created."""
    path = pathlib.Path(writes.__file__).parent / "migrations/versions/0002_postgres_exclusion.py"
    spec = importlib.util.spec_from_file_location("migration_0002", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    assert module.SQLITE_TRIGGER == guard.SQLITE_GUARD_DDL
    assert module.TRIGGER_NAME == guard.GUARD_TRIGGER


def test_rebuild_streams_by_subject_range_and_matches_check(
    registry: designations.Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rebuild reads events a few subjects at a time, and the result passes the integrity check."""
    add_lists(registry, "us-fto", "us-sdgt")
    registry.store.write(_batch(9))
    with registry.store.read() as conn:
        current_before = sorted(
            tuple(r)[1:10] for r in conn.execute(
                select(PeriodTable.c.id, PeriodTable.c.subject_pk, PeriodTable.c.list_id, PeriodTable.c.state,
                       PeriodTable.c.certain, PeriodTable.c.possible, PeriodTable.c.valid_from,
                       PeriodTable.c.valid_to, PeriodTable.c.known_from, PeriodTable.c.known_to)
                .where(PeriodTable.c.recorded_to == FOREVER_TIME)))
    with registry.store.engine.begin() as conn:  # every period wrong: every pair must be rebuilt
        conn.execute(text("UPDATE status_period SET possible = 'LISTED,REMOVED'"))
    monkeypatch.setattr(admin, "REPLAY_CHUNK", 2)
    reads: list[str] = []

    @event.listens_for(registry.store.engine, "before_cursor_execute")
    def _on(conn: object, cursor: object, statement: str, *args: object) -> None:
        if "FROM event JOIN subject" in statement:
            reads.append(statement)

    pairs = admin.rebuild(registry.store).pairs

    with registry.store.read() as conn:
        current_after = sorted(
            tuple(r) for r in conn.execute(
                select(PeriodTable.c.subject_pk, PeriodTable.c.list_id, PeriodTable.c.state,
                       PeriodTable.c.certain, PeriodTable.c.possible, PeriodTable.c.valid_from,
                       PeriodTable.c.valid_to, PeriodTable.c.known_from, PeriodTable.c.known_to)
                .where(PeriodTable.c.recorded_to == FOREVER_TIME)))
    assert 13 == pairs  # 9 subjects, 4 of them on two lists
    assert len(reads) >= 5  # one read per range of two subjects
    assert current_before == current_after
    assert admin.check(registry.store).ok


def test_rebuild_of_a_correct_store_writes_nothing(registry: designations.Registry) -> None:
    """Rebuild is idempotent: run on periods that match their events, it writes no row and no batch."""
    add_lists(registry, "us-fto", "us-sdgt")
    registry.store.write(_batch(9))
    admin.rebuild(registry.store)
    with registry.store.read() as conn:
        rows = conn.scalar(text("SELECT count(*) FROM status_period"))
    version = registry.data_version()

    pairs = admin.rebuild(registry.store).pairs

    with registry.store.read() as conn:
        assert (0, rows, version) == (pairs, conn.scalar(text("SELECT count(*) FROM status_period")),
                                      registry.data_version())
