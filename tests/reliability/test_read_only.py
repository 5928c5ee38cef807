"""
Read-only mode: `designations.open(url, read_only=True)` answers questions and
refuses every write with `ReadOnlyError`; SQLite opens the file read-only and
PostgreSQL works with a role that may only SELECT.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url

import designations
from designations.errors import ReadOnlyError, StoreError
from designations.store import WriteBatch, admin

from .conftest import add_lists, dump

SOURCE = [{"title": "Register"}]


def _fill(url: str) -> int:
    reg = designations.open(url, seeds=False)
    add_lists(reg, "us-fto")
    ev = reg.record("Example Front", "us-fto", "LISTED", effective="2020-01-01", sources=SOURCE, create=True)
    reg.close()
    assert ev.id is not None
    return ev.id


def _writes(event_id: int) -> dict[str, Callable[[designations.Registry], Any]]:
    return {
        "record": lambda r: r.record(
            "Example Front", "us-fto", "REMOVED", effective="2021-01-01", sources=SOURCE, create=True
        ),
        "record-new-subject": lambda r: r.record(
            "New Org", "us-fto", "LISTED", effective="2021-01-01", sources=SOURCE, create=True
        ),
        "retract": lambda r: r.retract(event_id, reason="test"),
        "correct": lambda r: r.correct(event_id, effective="2020-01-02"),
        "add_subject": lambda r: r.add_subject("Another Org"),
        "write-batch": lambda r: r.write(WriteBatch(kind="x", meta=(("k", "v"),))),
        "rebuild": lambda r: admin.rebuild(r.store),
        "bulk_load": lambda r: r.bulk_load().__enter__(),
    }


@pytest.mark.parametrize("operation", sorted(_writes(0)))
def test_read_only_registry_refuses_every_write(store_url: str, operation: str) -> None:
    """Each write API raises ReadOnlyError and the store is unchanged."""
    event_id = _fill(store_url)
    reg = designations.open(store_url, read_only=True)
    before = dump(reg.store.engine)
    with pytest.raises(ReadOnlyError):
        _writes(event_id)[operation](reg)
    assert dump(reg.store.engine) == before
    reg.close()


def test_read_only_registry_answers_questions(store_url: str) -> None:
    """Queries work read-only."""
    _fill(store_url)
    reg = designations.open(store_url, read_only=True)
    assert reg.status("Example Front", "us-fto", on="2020-06-01").in_force
    assert len(reg.snapshot("us-fto", on="2020-06-01")) == 1
    assert len(reg.history("Example Front").events) == 1
    assert admin.check(reg.store).ok
    reg.close()


def test_read_only_open_of_an_empty_database_is_a_clear_error(db_url: str) -> None:
    """Read-only cannot create a schema: StoreError says so."""
    if db_url.startswith("sqlite"):
        with pytest.raises(StoreError, match="no such file"):
            designations.open(db_url, read_only=True)
        return
    with pytest.raises(StoreError, match="no registry schema"):
        designations.open(db_url, read_only=True)


@pytest.mark.sqlite_only
def test_sqlite_file_is_opened_read_only_by_the_os(store_url: str) -> None:
    """Even raw SQL through a read-only SQLite engine cannot write."""
    _fill(store_url)
    reg = designations.open(store_url, read_only=True)
    assert str(reg.store.engine.url.database).endswith("?mode=ro")
    with pytest.raises(Exception, match=r"readonly|read-only"), reg.store.engine.begin() as conn:
        conn.execute(text("INSERT INTO meta (key, value) VALUES ('x', 'y')"))
    reg.close()


@pytest.mark.postgres_only
def test_postgresql_role_with_only_select_can_read(store_url: str) -> None:
    """A role granted only SELECT opens the store read-only and answers; a writable open still cannot write."""
    _fill(store_url)
    reg = designations.open(store_url, seeds=False)
    database = make_url(store_url).database
    role = f"reader_{database}"
    with reg.store.engine.connect() as conn:
        conn.execute(text("COMMIT"))
        conn.execute(text(f"CREATE ROLE {role} LOGIN"))
        conn.execute(text(f"GRANT CONNECT ON DATABASE {database} TO {role}"))
        conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {role}"))
        conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}"))
        conn.execute(text("COMMIT"))
    reg.close()
    reader_url = make_url(store_url).set(username=role).render_as_string(hide_password=False)
    try:
        ro = designations.open(reader_url, read_only=True)
        assert ro.status("Example Front", "us-fto", on="2020-06-01").in_force
        with pytest.raises(ReadOnlyError):
            ro.record("Example Front", "us-fto", "REMOVED", effective="2021-01-01", sources=SOURCE, create=True)
        ro.close()
        rw = designations.open(reader_url, seeds=False)  # permissions, not the flag, refuse here
        with pytest.raises(ReadOnlyError, match="permission denied"):
            rw.record("Example Front", "us-fto", "REMOVED", effective="2021-01-01", sources=SOURCE, create=True)
        assert rw.status("Example Front", "us-fto", on="2021-06-01").in_force
        rw.close()
    finally:
        admin_reg = designations.open(store_url, seeds=False)
        with admin_reg.store.engine.connect() as conn:
            conn.execute(text("COMMIT"))
            conn.execute(text(f"DROP OWNED BY {role}"))
            conn.execute(text(f"DROP ROLE {role}"))
            conn.execute(text("COMMIT"))
        admin_reg.close()


def test_read_only_is_enforced_by_the_driver_even_for_a_read_write_uri(store_url: str) -> None:
    """`read_only=True` opens the file read-only whatever mode the URI asks for: raw SQL cannot write."""
    import sqlalchemy  # noqa: PLC0415

    if not store_url.startswith("sqlite"):
        pytest.skip("a SQLite URI; PostgreSQL sessions are read-only at the server (next spec)")
    path = store_url.removeprefix("sqlite:///")
    reg = designations.open(f"sqlite:///file:{path}?mode=rw&uri=true", read_only=True)

    with pytest.raises(sqlalchemy.exc.OperationalError), reg.store.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO meta (key, value) VALUES ('x', 'y')")
    reg.close()


def test_postgresql_read_only_sessions_refuse_raw_writes(store_url: str) -> None:
    """A read-only PostgreSQL registry's sessions are read-only at the server."""
    import sqlalchemy  # noqa: PLC0415

    if not store_url.startswith("postgresql"):
        pytest.skip("runs in the PostgreSQL pass")
    reg = designations.open(store_url, read_only=True)

    with pytest.raises(sqlalchemy.exc.DBAPIError), reg.store.engine.connect() as conn:
        _insert_and_commit(conn)
    reg.close()


def _insert_and_commit(conn: Connection) -> None:
    """Write one row through raw SQL and commit it: what a read-only session must refuse."""
    conn.exec_driver_sql("INSERT INTO meta (key, value) VALUES ('x', 'y')")
    conn.commit()
