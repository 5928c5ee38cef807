"""
Citations stored with their event (migration 0009): a store whose citations are `event_source`
rows upgrades to the very rows and answers of a store written fresh, downgrades back to the same
`event_source` rows, and a row whose citations text is corrupt is an error naming the event.

The 0008 store is built by the migrations in a new database (`db_url`); the store written fresh is a template copy.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, column, insert, inspect, select, table, text

import designations
from designations.errors import StoreError
from designations.model import Event, Source, Subject
from designations.store import Store, WriteBatch, admin, migrate
from designations.store.schema import EventTable, metadata

from .conftest import add_lists, dump

REGISTER = Source(title="Register", url="https://example.org/register")
GAZETTE = Source(title='Gazette "Official" \\ No. 7\n(Ру́сский, 中文, \u2028)', url="https://example.org/g?a=1&b=2",
                 publisher="Ministry of Justice", date="2015-05-02")
ORDER = Source(title="Order 12", publisher="Treasury", date="2012-03-04")
_EVENT_SOURCE = table("event_source", column("id"), column("event_id"), column("position"), column("title"),
                      column("url"), column("publisher"), column("date"))


def _fill(reg: designations.Registry) -> None:
    """Events citing one to three sources (dated or not; quotes, newlines, scripts), a correction, a retraction."""
    add_lists(reg, "us-fto", "us-sdgt")
    subjects = tuple(Subject(id=f"org-{i}", name=f"Organisation {i}") for i in range(12))
    cited = ((REGISTER,), (GAZETTE, REGISTER), (ORDER, GAZETTE, REGISTER))
    events = [Event(subject_id=s.id, list_id="us-fto", kind="LISTED", effective=f"201{i % 5}-01-0{1 + i % 7}",
                    sources=cited[i % 3]) for i, s in enumerate(subjects)]
    events += [Event(subject_id=s.id, list_id="us-fto", kind="REMOVED", effective="2016-05-01",
                     sources=(GAZETTE,)) for s in subjects[:4]]
    reg.write(WriteBatch(kind="import", subjects=subjects, events=tuple(events)))
    ev = reg.record("org-5", "us-sdgt", "LISTED", effective="2012-03-04", sources=[ORDER, REGISTER], create=True)
    reg.correct(ev.id, effective="2012-03-05")  # type: ignore[arg-type]
    wrong = reg.record("org-6", "us-sdgt", "LISTED", effective="2013-01-01", sources=[REGISTER], create=True)
    reg.retract(wrong.id, reason="wrong subject")  # type: ignore[arg-type]


def _source_rows(engine: Engine) -> list[dict[str, Any]]:
    """The `event_source` rows the 0008 schema held for the events of `engine`'s store (decoded with `json`)."""
    with engine.connect() as conn:
        stored = conn.execute(select(EventTable.c.id, EventTable.c.citations).order_by(EventTable.c.id)).all()
    return [{"event_id": event_id, "position": n, "title": c[0], "url": c[1], "publisher": c[2], "date": c[3]}
            for event_id, cited in stored for n, c in enumerate(json.loads(cited))]


def _as_0008_copy(fresh: Engine, url: str) -> list[dict[str, Any]]:
    """A store of schema 0008 at `url` holding `fresh`'s rows, its citations as `event_source` rows; returns those."""
    old = Store(url)
    with old.engine.connect() as conn, conn.begin():
        command.upgrade(migrate.alembic_config(conn), "0008")
    sources = _source_rows(fresh)
    with fresh.connect() as src, old.engine.begin() as dst:
        dst.execute(text("DELETE FROM meta"))
        for tbl in metadata.sorted_tables:
            rows = [dict(r) for r in src.execute(select(tbl).order_by(*tbl.primary_key.columns)).mappings()]
            later = ("citations", "has_aliases", "has_identifiers", "scope_since",
                     "since_earliest")  # of 0009, 0011, 0012, 0013
            if tbl.name == "subject_relation":
                later += ("valid_from", "valid_to")  # of 0014 (other tables have columns of those names)
            for row in rows:
                for name in later:
                    row.pop(name, None)
            if rows:
                dst.execute(insert(tbl), rows)
        # written last position first, so that only `position` (not the row order) can put them in order
        for i, row in enumerate(sorted(sources, key=lambda r: (-r["event_id"], -r["position"])), start=1):
            dst.execute(insert(_EVENT_SOURCE), {**row, "id": i})
    old.dispose()
    return sources


def _answers(reg: designations.Registry) -> list[Any]:
    """What a user reads: statuses, changes over the years, and every subject's history with its citations."""
    out: list[Any] = []
    for i in range(12):
        out.append(reg.status(f"org-{i}", "us-fto", on="2015-06-01"))
        out.append(reg.history(f"org-{i}"))
    out.append(reg.status("org-5", "us-sdgt", on="2013-01-01"))
    out.append(reg.changes("us-fto", since="2010-01-01", until="2016-12-31"))
    out.append(reg.changes("us-sdgt", since="2010-01-01", until="2016-12-31"))
    return out


def test_store_with_event_sources_upgrades_to_the_rows_and_answers_of_a_fresh_store(
    store_url: str, db_url: str
) -> None:
    """Upgraded from 0008, a store holds the rows (citations text included) and answers of one written fresh."""
    fresh = designations.open(store_url, seeds=False)
    _fill(fresh)
    sources = _as_0008_copy(fresh.store.engine, db_url)

    upgraded = designations.open(db_url, seeds=False)

    assert len(sources) > 12
    assert dump(fresh.store.engine) == dump(upgraded.store.engine)
    assert _answers(fresh) == _answers(upgraded)
    assert (REGISTER,) == upgraded.history("org-0").events[0].sources
    assert (ORDER, GAZETTE, REGISTER) == upgraded.history("org-2").events[0].sources
    assert admin.check(upgraded.store).ok
    fresh.close()
    upgraded.close()


def test_downgrade_restores_the_event_source_rows(store_url: str, db_url: str) -> None:
    """Downgraded to 0008, the store holds the `event_source` rows it had; upgraded again, the same store."""
    fresh = designations.open(store_url, seeds=False)
    _fill(fresh)
    sources = _as_0008_copy(fresh.store.engine, db_url)
    upgraded = designations.open(db_url, seeds=False)
    engine = upgraded.store.engine
    before = dump(engine)

    with engine.connect() as conn, conn.begin():
        command.downgrade(migrate.alembic_config(conn), "0008")
    with engine.connect() as conn:
        restored = [dict(r) for r in conn.execute(
            select(_EVENT_SOURCE).order_by(_EVENT_SOURCE.c.event_id, _EVENT_SOURCE.c.position)).mappings()]
        columns = {c["name"] for c in inspect(conn).get_columns("event")}
    as_text = [{**r, "date": None if r["date"] is None else str(r["date"])} for r in restored]
    expected = sorted(sources, key=lambda r: (r["event_id"], r["position"]))
    assert expected == [{k: v for k, v in r.items() if k != "id"} for r in as_text]
    assert "citations" not in columns
    with engine.connect() as conn, conn.begin():
        command.upgrade(migrate.alembic_config(conn), "head")
    assert before == dump(engine)
    fresh.close()
    upgraded.close()


@pytest.mark.parametrize("corrupt", [
    '[["Register","https://example.org/register",""',  # cut short
    '{"title":"Register"}',  # not an array of citations
    '[["Register","https://example.org/register","","2015-13-45"]]',  # not a day
    '[["Register","https://example.org/register"]]',  # fields missing
    '[["Register","https://example.org/register","",null]] trailing',
    "",
])
def test_corrupt_citations_text_is_an_error_naming_the_event(lists_registry: designations.Registry,
                                                             corrupt: str) -> None:
    """Citations text not in the column's JSON fails every answer reading it, naming the event; the check reports it."""
    reg = lists_registry
    ev = reg.record("Alpha Front", "us-fto", "LISTED", effective="2015-01-01", sources=[REGISTER], create=True)
    with reg.store.engine.begin() as conn:
        conn.execute(EventTable.update().where(EventTable.c.id == ev.id).values(citations=corrupt))
    named = f"corrupt citations stored with event {ev.id}"

    with pytest.raises(StoreError, match=named):
        reg.history(ev.subject_id)
    with pytest.raises(StoreError, match=named):
        reg.changes("us-fto", since="2015-01-01", until="2015-12-31")
    with pytest.raises(StoreError, match=named):
        reg.status(ev.subject_id, "us-fto", on="2015-06-01")
    report = admin.check(reg.store)

    assert [("corrupt-citations", "event", str(ev.id))] == [(p.kind, p.table, p.row) for p in report.problems]


def test_event_citing_nothing_is_reported_by_the_check(lists_registry: designations.Registry) -> None:
    """An event whose citations are `[]` (as one upgraded without `event_source` rows) is an unsourced event."""
    reg = lists_registry
    ev = reg.record("Alpha Front", "us-fto", "LISTED", effective="2015-01-01", sources=[REGISTER], create=True)
    with reg.store.engine.begin() as conn:
        conn.execute(EventTable.update().where(EventTable.c.id == ev.id).values(citations="[]"))

    report = admin.check(reg.store)

    assert [("unsourced-event", str(ev.id))] == [(p.kind, p.row) for p in report.problems]
    assert () == reg.history(ev.subject_id).events[0].sources
