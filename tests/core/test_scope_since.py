"""
When a designation took its scope: an amendment that widens a military wing's entry to the whole organisation.

From 2001 the United Kingdom proscribed Hamas' military wing; from 26 November
2021 an amended entry covered Hamas as a whole. The state (LISTED) began in
2001, so `Status.since` says 2001; `Status.scope_since` says when the
designation took the scope it has on the day asked (`event.scope`), so an
answer never shows "the whole, since 2001".
"""

from __future__ import annotations

import csv
import io
import json
from contextlib import redirect_stdout
from typing import Any

import pendulum
import pytest
from alembic import command
from sqlalchemy import event

import designations
from designations.cli import main
from designations.model import Extent, Relation, Scope, Source, State, Subject
from designations.store import WriteBatch, admin, migrate

from .conftest import SOURCE, current_periods, url_of

WING = "Izz al-Din al-Qassam Brigades"


def _hamas(reg: designations.Registry, *, widened: Scope = Scope.WHOLE, published: str = "2021-11-19") -> None:
    """The wing listed (a part) in 2001, the entry amended to `widened` in 2021, on us-fto."""
    reg.add_subject("Hamas", id="hamas")
    reg.record("hamas", "us-fto", "LISTED", effective="2001-03-29", listed_as=WING, scope=Scope.PART,
               sources=[SOURCE])
    reg.record("hamas", "us-fto", "AMENDED", effective="2021-11-26", published=published,
               listed_as="Hamas", scope=widened, instrument="Amendment Order 2021", sources=[SOURCE])


def test_after_a_widening_amendment_the_whole_is_listed_from_the_amendment_on(world: designations.Registry) -> None:
    """LISTED since the wing's day; the whole since the amendment's day, and the reason says both."""
    _hamas(world)

    s = world.status("Hamas", "us-fto", on="2024-06-01")

    assert (State.LISTED, Extent.WHOLE, True) == (s.state, s.extent, s.in_force)
    assert pendulum.Date(2001, 3, 29) == s.since
    assert pendulum.Date(2021, 11, 26) == s.scope_since
    assert "listed since 2001-03-29 (a part); the whole since 2021-11-26 (Amendment Order 2021)" in s.reason


def test_before_the_amendment_the_part_answers_with_its_own_day(world: designations.Registry) -> None:
    """On a day before the amendment only the wing is listed, since its own day."""
    _hamas(world)

    s = world.status("Hamas", "us-fto", on="2010-06-01")

    assert (Extent.PART, False, True) == (s.extent, s.in_force, s.partly_in_force)
    assert pendulum.Date(2001, 3, 29) == s.since == s.scope_since


def test_an_amendment_that_keeps_the_scope_starts_no_new_scope(world: designations.Registry) -> None:
    """New terms with the same scope: the scope dates from the state's first day, and the reason is as before."""
    _hamas(world, widened=Scope.PART)

    s = world.status("Hamas", "us-fto", on="2024-06-01")

    assert Extent.PART == s.extent
    assert pendulum.Date(2001, 3, 29) == s.since == s.scope_since
    assert "listed since 2001-03-29; current terms since 2021-11-26 (Amendment Order 2021)" in s.reason


def test_an_amendment_that_narrows_the_entry_says_only_a_part_since_its_day(world: designations.Registry) -> None:
    """The whole listed, then the entry narrowed to a part: a part since the amendment."""
    world.add_subject("Front", id="front")
    world.record("front", "us-fto", "LISTED", effective="2005-01-01", sources=[SOURCE])
    world.record("front", "us-fto", "AMENDED", effective="2012-05-01", scope=Scope.PART, listed_as="Front (armed wing)",
                 sources=[SOURCE])

    s = world.status("front", "us-fto", on="2013-01-01")

    assert (Extent.PART, pendulum.Date(2005, 1, 1), pendulum.Date(2012, 5, 1)) == (s.extent, s.since, s.scope_since)
    assert "listed since 2005-01-01 (the whole); only a part since 2012-05-01" in s.reason


def test_a_new_state_starts_its_scope_afresh(world: designations.Registry) -> None:
    """Removed, then listed again as a whole: both days are the new listing's."""
    _hamas(world)
    world.record("hamas", "us-fto", "REMOVED", effective="2023-01-01", sources=[SOURCE])
    world.record("hamas", "us-fto", "LISTED", effective="2024-01-01", sources=[SOURCE])

    s = world.status("hamas", "us-fto", on="2024-06-01")

    assert pendulum.Date(2024, 1, 1) == s.since == s.scope_since


def test_as_known_before_the_amendment_was_published_the_part_is_all_there_is(world: designations.Registry) -> None:
    """Asked as known on a day before the amendment's publication, the wing's listing answers, with its day."""
    _hamas(world, published="2021-12-01")

    s = world.status("hamas", "us-fto", on="2024-06-01", as_known_at="2021-11-30")

    assert (Extent.PART, pendulum.Date(2001, 3, 29)) == (s.extent, s.scope_since)


def test_a_part_asked_about_carries_the_days_of_the_designation_found(world: designations.Registry) -> None:
    """The wing, asked about through its relation to Hamas, shows the designation's two days."""
    _hamas(world)
    wing = Relation(subject_id="wing", kind="part_of", other_id="hamas",
                    sources=(Source(title="Test source", url="https://example.org/source"),))
    world.write(WriteBatch(kind="import", subjects=(Subject(id="wing", name=WING),), relations=(wing,)))

    s = world.status(WING, "us-fto", on="2024-06-01")

    assert (Extent.WHOLE, "hamas") == (s.extent, s.designated.id if s.designated else None)
    assert (pendulum.Date(2001, 3, 29), pendulum.Date(2021, 11, 26)) == (s.since, s.scope_since)


def test_every_form_of_the_answer_carries_the_day(world: designations.Registry) -> None:
    """`to_dict` (the CLI's JSON), a record row and the CLI's text all give `scope_since`."""
    _hamas(world)
    s = world.status("hamas", "us-fto", on="2024-06-01")
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["status", "hamas", "--in", "us-fto", "--on", "2024-06-01", "--url", url_of(world)])

    assert "2021-11-26" == s.to_dict()["scope_since"]
    assert "2021-11-26" == s.to_records()[0]["scope_since"]
    assert 0 == code
    assert "    since 2001-03-29 (the whole since 2021-11-26)" in out.getvalue().splitlines()


@pytest.mark.parametrize("bulk", [False, True], ids=["ordinary", "load-mode"])
def test_each_write_path_stores_the_day(world: designations.Registry, bulk: bool) -> None:
    """Written in one batch, ordinarily or in load mode (COPY on PostgreSQL), the answer is the same."""
    world.add_subject("Hamas", id="hamas")
    events = tuple(
        designations.Event(subject_id="hamas", list_id="us-fto", kind=kind, effective=day, scope=scope,
                           sources=(Source(title="t", url="https://example.org"),))
        for kind, day, scope in (("LISTED", "2001-03-29", Scope.PART), ("AMENDED", "2021-11-26", Scope.WHOLE)))
    world.write(WriteBatch(kind="import", events=events, bulk=bulk))

    s = world.status("hamas", "us-fto", on="2024-06-01")

    assert (pendulum.Date(2001, 3, 29), pendulum.Date(2021, 11, 26)) == (s.since, s.scope_since)
    assert admin.check(world.store).ok


# -- stores written before the day was kept -------------------------------------------


def test_opening_a_store_from_before_re_derives_only_the_pairs_whose_scope_changed(
        world: designations.Registry) -> None:
    """A store at 0011 (no column) is brought up on open; Hamas' periods are written again, no one else's."""
    _hamas(world)
    world.add_subject("Front", id="front")
    world.record("front", "us-fto", "LISTED", effective="2005-01-01", sources=[SOURCE])
    front_before = current_periods(world, "front", "scope_since")
    url = url_of(world)
    world.close()
    store = designations.store.Store(url)
    with store.engine.connect() as conn, conn.begin():
        command.downgrade(migrate.alembic_config(conn), "0011")
    store.dispose()

    reg = designations.open(url, seeds=False)
    try:
        s = reg.status("hamas", "us-fto", on="2024-06-01")

        assert (pendulum.Date(2001, 3, 29), pendulum.Date(2021, 11, 26)) == (s.since, s.scope_since)
        assert front_before == current_periods(reg, "front", "scope_since")
        assert any(row[2] is not None for row in current_periods(reg, "hamas", "scope_since"))
        assert admin.check(reg.store).ok
    finally:
        reg.close()


def test_the_shipped_seeds_date_the_whole_of_hamas_in_the_united_kingdom_from_2021(
        seeded_registry: designations.Registry) -> None:
    """The seeds: the United Kingdom's entry covers Hamas as a whole from 26 November 2021, the wing from 2001."""
    s = seeded_registry.status("Hamas", "UK", on="2022-01-01")
    answer = json.loads(json.dumps(s.to_dict()))

    assert ("whole", "2001-03-29", "2021-11-26") == (answer["extent"], answer["since"], answer["scope_since"])


# -- snapshots and changes say which entries list only a part -------------------------


def test_a_snapshot_before_the_widening_lists_the_wing_not_the_whole(world: designations.Registry) -> None:
    """The entry names the part it lists; the subject is not counted as designated as a whole."""
    _hamas(world)

    snap = world.snapshot("us-fto", on="2010-06-01")
    (entry,) = snap.entries

    assert (Scope.PART, WING, False) == (entry.scope, entry.listed_as, entry.whole)
    assert f"Hamas (a part: {WING})" == entry.label()
    assert 1 == snap.parts()
    assert ("part", WING, "2001-03-29") == tuple(snap.to_records()[0][k] for k in ("scope", "listed_as", "since"))


def test_a_snapshot_after_the_widening_lists_the_whole_with_the_day_it_took_that_scope(
        world: designations.Registry) -> None:
    """The same entry, after the amendment: the whole, in force since 2001, as a whole since 2021-11-26."""
    _hamas(world)

    (entry,) = world.snapshot("us-fto", on="2024-06-01").entries

    assert (Scope.WHOLE, "", pendulum.Date(2021, 11, 26)) == (entry.scope, entry.listed_as, entry.scope_since)
    assert "2001-03-29 (the whole since 2021-11-26)" == entry.since_text()


def test_the_cli_shows_the_part_in_snapshots_and_changes(world: designations.Registry) -> None:
    """`snapshot` (text and CSV) and `changes` name the part an entry lists."""
    _hamas(world)
    texts = []
    for argv in (["snapshot", "us-fto", "--on", "2010-06-01"], ["snapshot", "us-fto", "--on", "2010-06-01", "--csv"],
                 ["changes", "us-fto", "--since", "2001-01-01", "--until", "2001-12-31"]):
        out = io.StringIO()
        with redirect_stdout(out):
            main([*argv, "--url", url_of(world)])
        texts.append(out.getvalue())
    text_out, csv_out, changes_out = texts

    assert "us-fto on 2010-06-01: 1 in force (1 of them only a part of the subject named)" == text_out.splitlines()[0]
    assert f"Hamas (a part: {WING})" in text_out
    assert f"hamas,Hamas,organisation,us-fto,part,{WING},2001-03-29,,2001-03-29," in csv_out
    assert f"Hamas (a part: {WING}) [us-fto]" in changes_out


def test_a_snapshot_finds_the_part_scoped_events_through_their_own_index(world: designations.Registry) -> None:
    """On SQLite the snapshot's statement for a list's part-scoped events reads the partial index, not the events."""
    if world.store.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's query plan")
    _hamas(world)
    seen: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if "scope = 'part'" in statement:
            seen.append((statement, parameters))

    event.listen(world.store.engine, "before_cursor_execute", keep)
    try:
        world.snapshot("us-fto", on="2010-06-01")
    finally:
        event.remove(world.store.engine, "before_cursor_execute", keep)
    (statement, parameters), = seen
    with world.store.engine.connect() as conn:
        plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters))

    assert "ix_event_part" in plan


def test_the_shipped_seeds_list_the_wing_of_hamas_in_the_united_kingdom_until_2021(
        seeded_registry: designations.Registry) -> None:
    """The United Kingdom's list on 2010-01-01: the entry for Hamas lists the Izz al-Din al-Qassem Brigades."""
    before = {e.subject.id: e for e in seeded_registry.snapshot("UK", on="2010-01-01").entries}
    after = {e.subject.id: e for e in seeded_registry.snapshot("UK", on="2024-01-01").entries}

    assert (Scope.PART, "Hamas-Izz al-Din al-Qassem Brigades") == (before["hamas"].scope, before["hamas"].listed_as)
    assert (Scope.WHOLE, pendulum.Date(2021, 11, 26)) == (after["hamas"].scope, after["hamas"].scope_since)


# -- a widening in force on a day not known exactly -------------------------------------


def _widened_in_a_window(reg: designations.Registry) -> tuple[int, int]:
    """The wing listed in 2010; the whole listed by an amendment in force some day in 2024-01-18..2024-02-29."""
    reg.add_subject("Hamas", id="hamas")
    listed = reg.record("hamas", "us-fto", "LISTED", effective="2010-10-11", listed_as=WING, scope=Scope.PART,
                        sources=[SOURCE])
    widened = reg.record("hamas", "us-fto", "AMENDED", effective="2024-01-18/2024-02-29", published="2024-02-29",
                         listed_as="Hamas", scope=Scope.WHOLE, sources=[SOURCE])
    assert listed.id is not None
    assert widened.id is not None
    return listed.id, widened.id


def test_inside_the_window_of_a_widening_only_the_part_is_claimed(world: designations.Registry) -> None:
    """The state is sure (LISTED), the scope is not: the answer is the wing's, with the amendment pending."""
    listed, widened = _widened_in_a_window(world)

    s = world.status("hamas", "us-fto", on="2024-02-01")

    assert (State.LISTED, True, Extent.PART) == (s.state, s.certain, s.extent)
    assert (False, True) == (s.in_force, s.partly_in_force)
    assert s.event is not None
    assert listed == s.event.id
    assert (listed, widened) == s.receipt.event_ids
    assert "AMENDED (in force 2024-01-18/2024-02-29), whose day is not known exactly" in s.reason
    assert "may already have changed its scope" in s.reason
    assert [widened] == [e.id for e in s.pending]


def test_after_the_window_of_a_widening_the_whole_is_claimed_from_its_last_day(world: designations.Registry) -> None:
    """Once the window has passed, the whole is listed; before it opened, only the wing, and nothing is pending."""
    _widened_in_a_window(world)

    after = world.status("hamas", "us-fto", on="2024-03-01")
    before = world.status("hamas", "us-fto", on="2024-01-01")

    assert (Extent.WHOLE, True, pendulum.Date(2024, 2, 29)) == (after.extent, after.in_force, after.scope_since)
    assert (Extent.PART, 1) == (before.extent, len(before.receipt.event_ids))
    assert "may already" not in before.reason + after.reason


def test_a_widening_in_a_window_is_dated_by_its_window(world: designations.Registry) -> None:
    """After the window: the whole since a day in it, in the reason and on the CLI's line; no 'current terms' twice."""
    _widened_in_a_window(world)
    s = world.status("hamas", "us-fto", on="2024-06-01")
    out = io.StringIO()
    with redirect_stdout(out):
        main(["status", "hamas", "--in", "us-fto", "--on", "2024-06-01", "--url", url_of(world)])

    assert s.reason.endswith(
        "listed since 2010-10-11 (a part); the whole since a day in 2024-01-18/2024-02-29 (amended)")
    assert "    since 2010-10-11 (the whole since a day in 2024-01-18/2024-02-29)" in out.getvalue().splitlines()


def test_a_snapshot_dates_a_widening_in_a_window_by_its_window(world: designations.Registry) -> None:
    """A snapshot entry, its text and its CSV say the whole since a day in the window, as the status line does."""
    _widened_in_a_window(world)
    (entry,) = world.snapshot("us-fto", on="2024-06-01").entries
    out = io.StringIO()
    with redirect_stdout(out):
        main(["snapshot", "us-fto", "--on", "2024-06-01", "--csv", "--url", url_of(world)])
    (row,) = csv.DictReader(io.StringIO(out.getvalue()))

    assert (pendulum.Date(2024, 2, 29), pendulum.Date(2024, 1, 18)) == (entry.scope_since, entry.scope_since_earliest)
    assert "2010-10-11 (the whole since a day in 2024-01-18/2024-02-29)" == entry.since_text()
    assert ("2024-02-29", "2024-01-18") == (row["scope_since"], row["scope_since_earliest"])


def test_inside_the_window_of_an_amendment_that_keeps_the_scope_the_new_terms_answer(
        world: designations.Registry) -> None:
    """Only a scope in doubt holds the amendment back: new terms of the same scope answer inside their window."""
    world.add_subject("Front", id="front")
    world.record("front", "us-fto", "LISTED", effective="2010-10-11", sources=[SOURCE])
    amended = world.record("front", "us-fto", "AMENDED", effective="2024-01-18/2024-02-29", sources=[SOURCE])

    s = world.status("front", "us-fto", on="2024-02-01")

    assert s.event is not None
    assert (amended.id, Extent.WHOLE) == (s.event.id, s.extent)
    assert "may already" not in s.reason


# -- changes say what an amendment changed the scope from ---------------------------------


def test_changes_name_the_scope_an_amendment_replaced(world: designations.Registry) -> None:
    """The amendment that widened the wing's entry: `scope_before` is the part, with the name it listed."""
    _hamas(world)

    cs = world.changes("us-fto", since="2021-01-01", until="2021-12-31")
    (amended,) = cs.events
    before = cs.scope_before(amended)

    assert before is not None
    assert (Scope.PART, WING) == (before.scope_before, before.listed_as_before)
    assert ("part", WING) == tuple(cs.to_records()[0][k] for k in ("scope_before", "listed_as_before"))


def test_an_amendment_that_keeps_the_scope_replaced_none(world: designations.Registry) -> None:
    """New terms with the same scope: nothing to say, and the listing itself is never marked."""
    _hamas(world, widened=Scope.PART)

    cs = world.changes("us-fto", since="2001-01-01", until="2021-12-31")

    assert () == cs.rescoped
    assert [None, None] == [r["scope_before"] for r in cs.to_records()]


def test_the_cli_says_from_what_to_what_an_amendment_changed_the_scope(world: designations.Registry) -> None:
    """`changes` text: widened to the whole from the wing; narrowed to a part from the whole."""
    _hamas(world)
    world.add_subject("Front", id="front")
    world.record("front", "us-fto", "LISTED", effective="2005-01-01", sources=[SOURCE])
    world.record("front", "us-fto", "AMENDED", effective="2021-05-01", scope=Scope.PART, listed_as="Front (armed wing)",
                 sources=[SOURCE])
    out = io.StringIO()
    with redirect_stdout(out):
        main(["changes", "us-fto", "--since", "2021-01-01", "--until", "2021-12-31", "--url", url_of(world)])
    lines = out.getvalue().splitlines()

    assert f"Hamas (now the whole; before, a part: {WING}) [us-fto]" in lines[-1]
    assert "Front (now a part: Front (armed wing); before, the whole) [us-fto]" in lines[-2]


def test_the_shipped_seeds_say_the_united_kingdom_widened_its_hamas_entry_in_2021(
        seeded_registry: designations.Registry) -> None:
    """The seeds: the United Kingdom's changes of 2021 hold the amendment from the Qassam Brigades to all of Hamas."""
    cs = seeded_registry.changes("UK", since="2021-01-01", until="2021-12-31")
    marked = [(e.subject_id, r.scope_before, r.listed_as_before) for e in cs.events if (r := cs.scope_before(e))]

    assert [("hamas", Scope.PART, "Hamas-Izz al-Din al-Qassem Brigades")] == marked
