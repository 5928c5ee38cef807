"""`designations db upgrade | check | rebuild`: exit codes 0 ok, 1 problems found, 2 error."""

from __future__ import annotations

import contextlib
import io
import json

from sqlalchemy import text

import designations
from designations.cli import main
from designations.store import migrate

from .conftest import add_lists


def _run(*args: str) -> tuple[int, str, str]:
    """`designations db ARGS...` in process, through the CLI's own entry point: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["db", *args])
    return code, out.getvalue(), err.getvalue()


def test_upgrade_creates_the_schema_then_is_a_no_op(db_url: str) -> None:
    """`db upgrade` on an empty database creates the schema; a second run says it is current."""
    code, out, _ = _run("upgrade", "--url", db_url, "--json")
    assert (code, json.loads(out)) == (0, {"before": None, "after": migrate.HEAD})
    code, out, _ = _run("upgrade", "--url", db_url)
    assert (code, out.strip()) == (0, f"schema already at revision {migrate.HEAD}")


def test_check_passes_then_reports_a_damaged_store(store_url: str) -> None:
    """`db check` exits 0 on a sound store and 1, listing the problem, when a period was tampered with."""
    reg = designations.open(store_url, seeds=False)
    add_lists(reg, "us-fto")
    reg.record("Example Front", "us-fto", "LISTED", effective="2020-01-01", sources=[{"title": "FR"}], create=True)
    code, out, _ = _run("check", "--url", store_url, "--json")
    assert code == 0
    assert json.loads(out)["ok"] is True
    with reg.store.engine.begin() as conn:
        conn.execute(text("UPDATE status_period SET state = 'REMOVED' WHERE state = 'LISTED'"))
    code, out, _ = _run("check", "--url", store_url, "--json")
    report = json.loads(out)
    assert code == 1
    assert [p["kind"] for p in report["problems"]] == ["period-mismatch"]
    code, out, _ = _run("rebuild", "--url", store_url)
    assert code == 0
    assert "1 (subject, list) pair" in out
    assert _run("check", "--url", store_url)[0] == 0
    assert reg.status("Example Front", "us-fto", on="2021-01-01").in_force
    reg.close()


def test_check_reports_indexes_a_bulk_load_left_unbuilt_and_rebuild_builds_them(store_url: str) -> None:
    """Exit 1 naming each index while a bulk load holds them off; `db rebuild` says it built them; then 0."""
    reg = designations.open(store_url, seeds=False)
    add_lists(reg, "us-fto")
    session = reg.bulk_load()
    session.__enter__()  # left open, as a killed load leaves it
    code, out, _ = _run("check", "--url", store_url, "--json")
    assert code == 1
    assert sorted((p["kind"], p["row"]) for p in json.loads(out)["problems"]) == [
        ("missing-index", "ix_event_changes"), ("missing-index", "ix_status_period_snapshot")]
    code, out, _ = _run("rebuild", "--url", store_url)
    assert (code, "built 2 index(es) a bulk load had put off" in out) == (0, True)
    assert _run("check", "--url", store_url)[0] == 0
    session.__exit__(None, None, None)  # the session's own end finds nothing left to build
    assert _run("check", "--url", store_url)[0] == 0
    reg.close()


def test_check_of_a_database_without_schema_is_an_error(db_url: str) -> None:
    """No registry schema: exit 2 with a one-line message."""
    if db_url.startswith("sqlite"):  # SQLite: a store without its revision table; PostgreSQL: the new, empty database
        designations.open(db_url, seeds=False).close()
        reg = designations.open(db_url, seeds=False)
        with reg.store.engine.begin() as conn:
            conn.execute(text("DROP TABLE alembic_version"))
        reg.close()
    code, _, err = _run("check", "--url", db_url)
    assert code == 2
    assert err.startswith("designations: error: ")
    assert len(err.strip().splitlines()) == 1
