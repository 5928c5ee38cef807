"""
Stored periods in their coalesced form, and stores that hold them a span of knowledge at a time.

The write path stores what `lifecycle.derive` gives: a period repeated by
later states of knowledge is one row. Stores written before that hold such a
period as several rows whose known ranges meet; they answer every question
alike, so `db check` accepts them and `db rebuild` leaves them as they are,
while a real difference is still found and rebuilt.
"""

from __future__ import annotations

import itertools
from typing import Any

import pendulum
import pytest
from sqlalchemy import event, text

import designations
from designations.model import Event, Source, Subject
from designations.store import WriteBatch, admin

from ..reliability.conftest import add_lists

SOURCE = (Source(title="Register", url="https://example.org"),)
DAYS = ("2005-03-01", "2008-05-09", "2012-07-17", "2015-02-02", "2016-11-30")
KINDS = ("LISTED", "AMENDED", "AMENDED", "SUSPENDED", "REINSTATED")
PROBES = ("2004-01-01", "2005-03-01", "2008-05-08", "2010-01-01", "2013-01-01", "2015-06-01", "2020-01-01")


def _write_history(reg: designations.Registry, *, bulk: bool = False) -> None:
    """Subject s1 on us-fto: the scale benchmark's five-event shape, each event known on its day."""
    add_lists(reg, "us-fto")
    events = tuple(Event(subject_id="s1", list_id="us-fto", kind=k, effective=d, sources=SOURCE)
                   for k, d in zip(KINDS, DAYS, strict=True))
    reg.write(WriteBatch(kind="import", subjects=(Subject(id="s1", name="Front one"),), events=events, bulk=bulk))


def _current_rows(reg: designations.Registry) -> list[dict[str, Any]]:
    with reg.store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(text(
            "SELECT * FROM status_period WHERE recorded_to > '9000-01-01' ORDER BY id")).mappings()]


def _answers(reg: designations.Registry) -> list[Any]:
    """The status on every probe day as known on every probe day."""
    return [reg.status("s1", "us-fto", on=on, as_known_at=known) for on in PROBES for known in PROBES]


def _split_at_known_days(reg: designations.Registry) -> int:
    """Store each current period as one row per span between event publication days (the earlier form)."""
    cuts = sorted(DAYS)
    pieces = 0
    with reg.store.engine.begin() as conn:
        for row in _current_rows(reg):
            inside = [d for d in cuts if str(row["known_from"]) < d < str(row["known_to"])]
            if not inside:
                continue
            bounds = [str(row["known_from"]), *inside, str(row["known_to"])]
            conn.execute(text("UPDATE status_period SET known_to = :to WHERE id = :id"),
                         {"to": bounds[1], "id": row["id"]})
            columns = [c for c in row if c != "id"]
            for lo, hi in itertools.pairwise(bounds[1:]):
                values = {**{c: row[c] for c in columns}, "known_from": lo, "known_to": hi}
                conn.execute(text(f"INSERT INTO status_period ({', '.join(columns)}) "  # noqa: S608 - fixed names
                                  f"VALUES ({', '.join(':' + c for c in columns)})"), values)
                pieces += 1
    return pieces


@pytest.mark.parametrize("bulk", [False, True])
def test_a_five_event_history_is_stored_as_nine_periods(registry: designations.Registry, bulk: bool) -> None:
    """The write path stores the coalesced derivation: 9 current rows, not one per span of knowledge (15)."""
    _write_history(registry, bulk=bulk)

    assert 9 == len(_current_rows(registry))
    assert admin.check(registry.store).ok


def test_periods_stored_a_span_at_a_time_answer_alike_and_pass_the_check(registry: designations.Registry) -> None:
    """The earlier form (rows split at every publication day) gives the same answers; check and rebuild accept it."""
    _write_history(registry)
    expected = _answers(registry)

    pieces = _split_at_known_days(registry)

    assert 6 == pieces
    assert 15 == len(_current_rows(registry))
    assert expected == _answers(registry)
    assert admin.check(registry.store).ok
    assert 0 == admin.rebuild(registry.store).pairs
    assert 15 == len(_current_rows(registry))


def test_a_gap_between_stored_pieces_is_still_a_mismatch(registry: designations.Registry) -> None:
    """Pieces whose known ranges do not meet are not merged: check reports the pair and rebuild repairs it."""
    _write_history(registry)
    _split_at_known_days(registry)
    with registry.store.engine.begin() as conn:
        last = conn.execute(text("SELECT max(id) FROM status_period")).scalar_one()
        conn.execute(text("UPDATE status_period SET known_from = date(known_from, '+1 day') WHERE id = :id")
                     if registry.store.engine.dialect.name == "sqlite" else
                     text("UPDATE status_period SET known_from = known_from + 1 WHERE id = :id"), {"id": last})

    report = admin.check(registry.store)

    assert ["period-mismatch"] == [p.kind for p in report.problems]
    assert 1 == admin.rebuild(registry.store).pairs
    assert admin.check(registry.store).ok
    assert 9 == len(_current_rows(registry))


def test_a_snapshot_reads_periods_through_the_list_index(registry: designations.Registry) -> None:
    """SQLite plans the snapshot's period scan on `ix_status_period_snapshot`, the index kept for it."""
    if registry.store.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's query plan")
    _write_history(registry)
    seen: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "status_period" in statement:
            seen.append((statement, parameters))

    event.listen(registry.store.engine, "before_cursor_execute", capture)
    try:
        members = registry.snapshot("us-fto", on=pendulum.Date(2020, 1, 1))
    finally:
        event.remove(registry.store.engine, "before_cursor_execute", capture)
    with registry.store.engine.connect() as conn:
        plans = [" ".join(str(r[-1]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {s}", p))
                 for s, p in seen]

    assert 1 == len(members)
    assert plans
    assert all("ix_status_period_snapshot" in plan for plan in plans)
