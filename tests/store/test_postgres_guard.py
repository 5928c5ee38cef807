"""
PostgreSQL's overlap guard (migration 0010): statement-level triggers in place of the exclusion constraint.

The rule is the constraint's: no two live periods of one subject on one list
overlap in valid, known and recorded time. These specs hold the triggers to
it for inserts (COPY and INSERT), updates, racing transactions, the bulk
load's lifted guard and the migration both ways.
"""

from __future__ import annotations

import threading
from typing import Any

import pendulum
import pytest
from alembic import command
from sqlalchemy import Connection, Engine, insert, select, text, update
from sqlalchemy.exc import DataError, IntegrityError

import designations
from designations.errors import InvalidRecordError
from designations.model import Subject
from designations.store import WriteBatch, admin, bulk, guard, migrate, postgres
from designations.store.schema import PeriodTable
from designations.store.types import FOREVER_DATE, FOREVER_TIME

from ..reliability.conftest import add_lists, dump, history

pytestmark = pytest.mark.postgres_only


def _period(pk: int, **changes: object) -> dict[str, object]:
    row: dict[str, object] = {
        "subject_pk": pk, "list_id": "us-fto", "state": "LISTED", "certain": True, "possible": "LISTED",
        "valid_from": pendulum.Date(2020, 1, 1), "valid_to": FOREVER_DATE,
        "known_from": pendulum.Date(2020, 1, 1), "known_to": FOREVER_DATE,
        "recorded_from": pendulum.datetime(2026, 1, 1, tz="UTC"), "recorded_to": FOREVER_TIME,
        "event_id": None, "event_ids": "",
    }
    row.update(changes)
    return row


@pytest.fixture
def subject_pk(registry: designations.Registry) -> int:
    """A subject on no list yet, and the list `us-fto`."""
    add_lists(registry, "us-fto")
    registry.add_subject("Overlap Org", id="overlap-org")
    with registry.store.read() as conn:
        return int(conn.scalar(text("SELECT pk FROM subject WHERE key = 'overlap-org'")))


def test_an_overlap_error_names_the_rule_both_rows_the_subject_and_the_list(
    registry: designations.Registry, subject_pk: int
) -> None:
    """The refusal says which rule, which two rows, which subject on which list, and their ranges."""
    with registry.store.engine.begin() as conn:
        first = conn.execute(insert(PeriodTable).returning(PeriodTable.c.id), _period(subject_pk)).scalar_one()

    with pytest.raises(IntegrityError) as info, registry.store.engine.begin() as conn:
        conn.execute(insert(PeriodTable), _period(subject_pk, valid_from=pendulum.Date(2021, 1, 1)))

    message = str(info.value.orig)
    assert "ex_status_period_no_overlap" in message
    assert f"rows {first} and {first + 1}" in message
    assert f"subject overlap-org (pk {subject_pk}) on list us-fto" in message
    assert "valid [2021-01-01, 9999-12-31)" in message


def test_the_library_reports_an_overlap_as_an_invalid_record(
    registry: designations.Registry, subject_pk: int
) -> None:
    """Through the store's writer the trigger's refusal is an `InvalidRecordError`; nothing is written."""
    with registry.store.engine.begin() as conn:
        conn.execute(insert(PeriodTable), _period(subject_pk))
    before = dump(registry.store.engine)

    with pytest.raises(InvalidRecordError, match="overlap guard"), registry.store.writer(kind="test") as w:
        w.connection.execute(insert(PeriodTable), _period(subject_pk, known_from=pendulum.Date(2022, 1, 1)))

    assert before == dump(registry.store.engine)


def test_copy_rows_overlapping_each_other_are_refused(registry: designations.Registry, subject_pk: int) -> None:
    """Two rows of one COPY that overlap each other fail the statement (the rule sees the statement's own rows)."""
    since = ("state_since", "scope_since", "since_earliest")
    row = tuple(_period(subject_pk)[c] for c in bulk.COLUMNS["status_period"] if c not in since)
    rows = [(*row, None, None, None), (*row, None, None, None)]

    with pytest.raises(IntegrityError, match="overlap guard"), registry.store.engine.begin() as conn:
        postgres.copy_tuples(conn, "status_period", bulk.COLUMNS["status_period"], rows)


def test_widening_a_row_into_an_overlap_is_refused_and_closing_one_is_not(
    registry: designations.Registry, subject_pk: int
) -> None:
    """An update that makes a row overlap another fails; closing `recorded_to` (the write path's update) passes."""
    with registry.store.engine.begin() as conn:
        ids = conn.execute(insert(PeriodTable).returning(PeriodTable.c.id), [
            _period(subject_pk, valid_to=pendulum.Date(2021, 1, 1)),
            _period(subject_pk, valid_from=pendulum.Date(2021, 1, 1)),
        ]).scalars().all()

    with pytest.raises(IntegrityError, match="overlap guard"), registry.store.engine.begin() as conn:
        conn.execute(update(PeriodTable).where(PeriodTable.c.id == ids[0]).values(valid_to=pendulum.Date(2022, 1, 1)))
    with registry.store.engine.begin() as conn:
        conn.execute(update(PeriodTable).where(PeriodTable.c.id.in_(ids))
                     .values(recorded_to=pendulum.datetime(2026, 6, 1, tz="UTC")))

    with registry.store.read() as conn:
        closed = conn.scalars(select(PeriodTable.c.recorded_to).where(PeriodTable.c.id.in_(ids))).all()
    assert [pendulum.datetime(2026, 6, 1, tz="UTC")] * 2 == closed


def test_a_range_that_ends_before_it_begins_is_refused(registry: designations.Registry, subject_pk: int) -> None:
    """An inverted range is an error, as the constraint's range constructors made it; an empty one is accepted."""
    with pytest.raises(DataError, match="ends before it begins"), registry.store.engine.begin() as conn:
        conn.execute(insert(PeriodTable), _period(subject_pk, valid_to=pendulum.Date(2019, 1, 1)))
    with registry.store.engine.begin() as conn:
        conn.execute(insert(PeriodTable),
                     [_period(subject_pk), _period(subject_pk, valid_to=pendulum.Date(2020, 1, 1))])


@pytest.mark.parametrize(("column", "value", "table"), [
    ("subject_pk", 999_999, "subject"), ("list_id", "no-such-list", "designation_list"), ("event_id", 999_999, "event"),
])
def test_a_period_pointing_at_nothing_is_refused_like_a_foreign_key(
    registry: designations.Registry, subject_pk: int, column: str, value: object, table: str
) -> None:
    """Each reference the foreign keys checked is checked by the guard, with the foreign key's error and name."""
    with pytest.raises(IntegrityError) as info, registry.store.engine.begin() as conn:
        conn.execute(insert(PeriodTable), _period(subject_pk, **{column: value}))

    message = str(info.value.orig)
    assert f'violates foreign key constraint "fk_status_period_{column}_{table}"' in message
    assert f'Key ({column})=({value}) is not present in table "{table}"' in message


def test_a_period_pointing_at_nothing_is_reported_by_db_check(
    registry: designations.Registry, subject_pk: int
) -> None:
    """Written while the guard was gone, a period whose subject does not exist is an `orphan` for `db check`."""
    with registry.store.engine.begin() as conn:
        postgres.drop_guard(conn)
        conn.execute(insert(PeriodTable), _period(subject_pk + 1000))
        postgres.add_guard(conn)

    report = admin.check(registry.store)

    orphans = [p for p in report.problems if p.kind == "orphan"]
    assert [("status_period", f"subject_pk={subject_pk + 1000!r} points at no subject row")] == [
        (p.table, p.detail) for p in orphans]


def _insert_in_thread(
    engine: Engine, row: dict[str, object], started: threading.Event
) -> tuple[threading.Thread, list[Any]]:
    """Insert `row` in a transaction of its own on another thread; the outcome ends up in the returned list."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            with engine.begin() as conn:
                started.set()
                conn.execute(insert(PeriodTable), row)
            outcome.append("committed")
        except IntegrityError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def _holding(conn: Connection) -> bool:
    """Whether another backend waits for a lock this connection holds."""
    pid = conn.scalar(text("SELECT pg_backend_pid()"))
    return bool(conn.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE :pid = ANY(pg_blocking_pids(pid))"),
                            {"pid": pid}))


@pytest.mark.parametrize("first_commits", [True, False])
def test_two_transactions_racing_to_write_overlapping_rows_never_both_commit(
    registry: designations.Registry, subject_pk: int, first_commits: bool
) -> None:
    """The second writer waits for the first at the guard's lock; it fails if the first commits, passes if not."""
    started = threading.Event()
    with registry.store.engine.connect() as first:
        tx = first.begin()
        first.execute(insert(PeriodTable), _period(subject_pk))
        thread, outcome = _insert_in_thread(registry.store.engine, _period(subject_pk, state="REMOVED"), started)
        assert started.wait(30)
        for _ in range(300):  # the second writer reaches the lock and waits there
            if _holding(first):
                break
            threading.Event().wait(0.05)
        assert _holding(first)
        assert thread.is_alive()
        if first_commits:
            tx.commit()
        else:
            tx.rollback()
        thread.join(60)

    with registry.store.read() as conn:
        states = conn.scalars(select(PeriodTable.c.state)).all()
    if first_commits:
        assert isinstance(outcome[0], IntegrityError)
        assert "overlap guard" in str(outcome[0])
        assert ["LISTED"] == states
    else:
        assert ["committed"] == outcome
        assert ["REMOVED"] == states


def test_a_lifted_guard_is_checked_before_the_commit(registry: designations.Registry) -> None:
    """With the guard lifted, an overlap written meanwhile fails the commit, names the rule, and writes nothing."""
    add_lists(registry, "us-fto")
    before = dump(registry.store.engine)

    with (  # noqa: PT012 - the commit raises
        pytest.raises(InvalidRecordError, match=r"overlap guard.*found by the bulk load's check"),
        registry.store.writer(kind="bulk", defer_guard=True) as w,
    ):
        w.apply(WriteBatch(kind="bulk", subjects=(Subject(id="s1", name="Front one"),),
                           events=tuple(history(1, "us-fto")[:1])))
        row = w.connection.execute(text("SELECT * FROM status_period")).mappings().one()
        bulk.Inserter(w.connection).insert("status_period", [tuple(row[c] for c in bulk.COLUMNS["status_period"])])

    assert before == dump(registry.store.engine)
    with registry.store.read() as conn:
        assert guard.guard_in_force(conn)


def test_migration_0010_downgrades_to_the_constraint_and_upgrades_back(registry: designations.Registry) -> None:
    """Downgrading puts the constraint and foreign keys back in place of the triggers; upgrading swaps them again."""
    states = []
    for target in ("0008", migrate.HEAD):
        with registry.store.engine.connect() as conn, conn.begin():
            if target == "0008":
                command.downgrade(migrate.alembic_config(conn), target)
            else:
                command.upgrade(migrate.alembic_config(conn), target)
        with registry.store.read() as conn:
            fks = set(conn.scalars(text("SELECT conname FROM pg_constraint WHERE contype = 'f' "
                                        "AND conrelid = 'status_period'::regclass")))
            states.append((postgres.has_exclusion(conn), postgres.has_guard(conn), len(fks)))

    assert [(True, False, 3), (False, True, 0)] == states
