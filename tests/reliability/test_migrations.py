"""
Schema migrations: the shipped Alembic revisions create the models' schema,
upgrade an older store without losing a row, refuse a newer store, and the
engine-specific overlap guard (exclusion constraint / trigger) works.

Specs that build their store through the migrations (or without them) take
`db_url`, a new database; the others take a copy of the migrated template.
"""

from __future__ import annotations

from typing import Any

import pendulum
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import insert, select, text
from sqlalchemy.exc import IntegrityError

import designations
from designations.errors import SchemaTooNewError, StoreError
from designations.model import Event, Source, Subject
from designations.store import Store, WriteBatch, admin, migrate, postgres
from designations.store.schema import MetaTable, PeriodTable, metadata
from designations.store.types import FOREVER_DATE, FOREVER_TIME

from .conftest import add_lists, dump

SOURCE = (Source(title="Register", url="https://example.org/register"),)


def _upgrade_to(store: Store, target: str) -> None:
    with store.engine.connect() as conn, conn.begin():
        command.upgrade(migrate.alembic_config(conn), target)


def _fill(reg: designations.Registry) -> None:
    add_lists(reg, "us-fto", "us-sdgt")
    subjects = tuple(
        Subject(id=f"org-{i}", name=f"Organisation {i}", aliases=(f"Org {i}",)) for i in range(30)
    )
    events = [
        Event(
            subject_id=s.id, list_id="us-fto", kind="LISTED", effective="2010-01-01", sources=SOURCE
        )
        for s in subjects
    ]
    events += [
        Event(
            subject_id=s.id,
            list_id="us-fto",
            kind="REMOVED",
            effective="2015-05-01",
            sources=SOURCE,
        )
        for s in subjects[:10]
    ]
    reg.write(WriteBatch(kind="import", subjects=subjects, events=tuple(events)))
    ev = reg.record(
        "org-20", "us-sdgt", "LISTED", effective="2012-03-04", sources=[{"title": "FR"}], create=True
    )
    reg.correct(ev.id, effective="2012-03-05")
    wrong = reg.record(
        "org-21", "us-sdgt", "LISTED", effective="2013-01-01", sources=[{"title": "FR"}], create=True
    )
    reg.retract(wrong.id, reason="wrong subject")


def test_head_creates_exactly_the_models_schema(db_url: str) -> None:
    """After `upgrade` the database matches `schema.py` (tables, columns, indexes, constraint names)."""
    store = Store(db_url)
    migrate.upgrade(store.engine)
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    store.dispose()
    expected_missing: list[str] = []
    if store.dialect == "postgresql":  # the guard's function checks these references instead (migration 0010)
        expected_missing = sorted(name for *_, name in postgres.REFERENCES)
    missing = sorted(d[1].name for d in diffs if d[0] == "add_fk" and d[1].table.name == "status_period")
    other = [d for d in diffs if not (d[0] == "add_fk" and d[1].table.name == "status_period")]
    assert (other, missing) == ([], expected_missing)


_ADDED_IN_0005 = {
    "event": ("decided_from", "decided_to", "listed_as", "scope"),
    "designation_list": ("established", "allowance_days", "verified_on", "verified_count", "reviewed", "details"),
    "status_period": ("state_since",),
}


def _as_0004(store: Store) -> None:
    """Turn a head store into the 0004 schema: drop what 0005 added and stamp 0004 (the old writer is gone)."""
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE subject_relation"))
        conn.execute(text("DROP INDEX ix_event_part"))  # 0012's partial index reads `event.scope`
        for table, columns in _ADDED_IN_0005.items():
            for column in columns:
                conn.execute(text(f"ALTER TABLE {table} DROP COLUMN {column}"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0004'"))


def _dump_0004(engine: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables 0004 had, in its columns; status periods: the current ones, without ids."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            if table.name == "subject_relation":
                continue
            cols = [c for c in table.c if c.name not in _ADDED_IN_0005.get(table.name, ())]
            if table.name == "status_period":
                cols = [c for c in cols if c.name not in ("id", "recorded_from")]
                rows = conn.execute(select(*cols).where(table.c.recorded_to == FOREVER_TIME)).all()
            else:
                rows = conn.execute(select(*cols)).all()
            out[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return out


def test_store_filled_before_0005_upgrades_keeping_every_record(db_url: str) -> None:
    """A filled store of revision 0004 keeps every row when upgraded to head (periods re-derived), and answers."""
    store = Store(db_url)
    migrate.upgrade(store.engine)
    reg = designations.Registry(store)
    _fill(reg)
    _as_0004(store)
    with store.engine.connect() as conn:
        assert "0004" == migrate.revision(conn)
    before = _dump_0004(store.engine)
    store.dispose()

    reg = designations.open(db_url, seeds=False)
    after = _dump_0004(reg.store.engine)
    with reg.store.engine.connect() as conn:
        assert migrate.revision(conn) == migrate.HEAD
    after["meta"] = [row for row in after["meta"] if row[0] != "clock"]  # added by open()
    assert before == after  # no amendment in these histories: the periods stand, nothing is re-derived
    assert sum(len(rows) for rows in after.values()) > 100
    assert admin.check(reg.store).ok
    assert reg.status("org-3", "us-fto", on="2011-01-01").in_force
    assert not reg.status("org-3", "us-fto", on="2016-01-01").in_force
    assert reg.status("org-20", "us-sdgt", on="2012-03-05").in_force
    reg.close()


def test_interim_store_without_alembic_is_stamped_and_upgraded(db_url: str) -> None:
    """A store made by the pre-Alembic code (meta.schema_revision = 0001) upgrades to head."""
    store = Store(db_url)
    metadata.create_all(store.engine)
    with store.engine.begin() as conn:
        conn.execute(insert(MetaTable), {"key": "schema_revision", "value": "0001"})
    store.dispose()
    reg = designations.open(db_url, seeds=False)
    with reg.store.engine.connect() as conn:
        assert migrate.revision(conn) == migrate.HEAD
        assert conn.scalar(text("SELECT count(*) FROM meta WHERE key = 'schema_revision'")) == 0
    reg.close()


@pytest.mark.parametrize("read_only", [False, True])
def test_store_from_a_newer_library_is_refused_on_open(store_url: str, read_only: bool) -> None:
    """A store stamped with a revision this library does not know raises SchemaTooNewError on open."""
    store = Store(store_url)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    store.dispose()
    with pytest.raises(SchemaTooNewError) as info:
        designations.open(store_url, seeds=False, read_only=read_only)
    assert info.value.found == "0099"
    assert "newer" in str(info.value)


def test_older_store_opened_read_only_asks_for_an_upgrade(db_url: str) -> None:
    """A read-only open cannot upgrade, so an older schema is a clear error naming the command."""
    store = Store(db_url)
    _upgrade_to(store, "0001")
    store.dispose()
    with pytest.raises(StoreError, match="designations db upgrade"):
        designations.open(db_url, seeds=False, read_only=True)


def test_upgrade_twice_is_a_no_op(registry: designations.Registry) -> None:
    """Upgrading a current store changes nothing."""
    _fill(registry)
    before = dump(registry.store.engine)
    result = admin.upgrade(registry.store)
    assert (result.before, result.after) == (migrate.HEAD, migrate.HEAD)
    assert dump(registry.store.engine) == before


def _period(**changes: object) -> dict[str, object]:
    row: dict[str, object] = {
        "subject_pk": 1,
        "list_id": "us-fto",
        "state": "LISTED",
        "certain": True,
        "possible": "LISTED",
        "valid_from": pendulum.Date(2020, 1, 1),
        "valid_to": FOREVER_DATE,
        "known_from": pendulum.Date(2020, 1, 1),
        "known_to": FOREVER_DATE,
        "recorded_from": pendulum.datetime(2026, 1, 1, tz="UTC"),
        "recorded_to": FOREVER_TIME,
        "event_id": None,
        "event_ids": "",
    }
    row.update(changes)
    return row


def _overlap_setup(registry: designations.Registry) -> None:
    add_lists(registry, "us-fto")
    registry.add_subject("Overlap Org", id="overlap-org")


def test_overlapping_status_periods_are_rejected_by_the_database(
    registry: designations.Registry,
) -> None:
    """Two rows of one subject and list overlapping in valid, known and recorded time: the engine refuses."""
    _overlap_setup(registry)
    with registry.store.engine.begin() as conn:
        conn.execute(insert(PeriodTable), _period())
    with pytest.raises(IntegrityError) as info, registry.store.engine.begin() as conn:
        conn.execute(
            insert(PeriodTable), _period(valid_from=pendulum.Date(2021, 1, 1), state="REMOVED")
        )
    if registry.store.dialect == "postgresql":
        assert "ex_status_period_no_overlap" in str(info.value)
    else:
        assert "status_period overlap" in str(info.value)


@pytest.mark.parametrize(
    "change",
    [
        {"valid_from": pendulum.Date(2010, 1, 1), "valid_to": pendulum.Date(2020, 1, 1)},
        {"known_from": pendulum.Date(2010, 1, 1), "known_to": pendulum.Date(2020, 1, 1)},
        {
            "recorded_from": pendulum.datetime(2025, 1, 1, tz="UTC"),
            "recorded_to": pendulum.datetime(2026, 1, 1, tz="UTC"),
        },
        {"list_id": "us-sdgt"},
    ],
)
def test_periods_apart_in_any_one_time_are_accepted(
    registry: designations.Registry, change: dict[str, object]
) -> None:
    """Rows that are adjacent (half-open) in valid, known or recorded time, or on another list, are fine."""
    _overlap_setup(registry)
    add_lists(registry, "us-sdgt")
    with registry.store.engine.begin() as conn:
        conn.execute(insert(PeriodTable), _period())
        conn.execute(insert(PeriodTable), _period(**change))


@pytest.mark.postgres_only
def test_overlap_guard_triggers_are_installed_on_postgresql(registry: designations.Registry) -> None:
    """PostgreSQL has the guard's two triggers (migration 0010) in place of the exclusion constraint."""
    from designations.store import postgres  # noqa: PLC0415

    with registry.store.engine.connect() as conn:
        assert postgres.has_guard(conn)
        assert not postgres.has_exclusion(conn)
        assert conn.scalar(text("SELECT 1 FROM pg_extension WHERE extname = 'btree_gist'")) == 1


@pytest.mark.sqlite_only
def test_overlap_trigger_is_installed_on_sqlite(registry: designations.Registry) -> None:
    """SQLite has the BEFORE INSERT overlap trigger after the migrations."""
    with registry.store.engine.connect() as conn:
        found = conn.scalar(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
    assert found == "tr_status_period_no_overlap"
