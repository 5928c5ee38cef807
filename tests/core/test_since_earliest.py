"""
A state that began on a day known only as a window: answers give the window, not its last day.

Russia's Supreme Court banned the Taliban on 14 February 2003; no source read
pins the day the decision entered into force, only that the list was published
on 28 July 2006. The ban is certain from 2006-07-28 (`Status.since`), but it may
have begun on any day from 2003-02-15 (`Status.since_earliest`): an answer that
said "listed since 2006-07-28" made the ban three years younger than it is.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout

import pendulum
import pytest
from alembic import command
from sqlalchemy import text

import designations
from designations import lifecycle
from designations.cli import main
from designations.dates import DateWindow, Precision
from designations.model import Event, EventKind, Source, State
from designations.store import WriteBatch, admin, migrate

from .conftest import SOURCE, current_periods, url_of

D = pendulum.Date


def _banned_in_a_window(reg: designations.Registry) -> None:
    """Listed in force some day in 2003-02-15..2006-07-28, amended in 2010, suspended in 2025 (on us-fto)."""
    reg.add_subject("Taliban", id="taliban")
    reg.record("taliban", "us-fto", "LISTED", effective="2003-02-15/2006-07-28", decided="2003-02-14",
               published="2006-07-28", instrument="Decision of 14 February 2003", sources=[SOURCE])


def _event(kind: str, earliest: pendulum.Date, latest: pendulum.Date | None = None, n: int = 0) -> Event:
    window = (DateWindow.exact(earliest) if latest is None
              else DateWindow(earliest=earliest, latest=latest, precision=Precision.RANGE))
    return Event(subject_id="x", list_id="l", kind=EventKind[kind], effective=window, id=n,
                 sources=(Source(title="t", url="https://example.org"),))


# -- the rule ---------------------------------------------------------------------------


def test_a_state_set_in_a_window_may_have_begun_on_the_window_s_first_day() -> None:
    """The timeline: certain from the window's last day, begun no earlier than its first; later runs keep it."""
    segments = lifecycle.timeline([_event("LISTED", D(2003, 2, 15), D(2006, 7, 28), 1),
                                   _event("AMENDED", D(2010, 1, 1), n=2), _event("SUSPENDED", D(2025, 4, 17), n=3)])

    assert [(s.state, s.since, s.since_earliest) for s in segments] == [
        (State.UNKNOWN, D(2003, 2, 15), None),
        (State.LISTED, D(2006, 7, 28), D(2003, 2, 15)),
        (State.LISTED, D(2006, 7, 28), D(2003, 2, 15)),  # new terms, the same state
        (State.SUSPENDED, D(2025, 4, 17), None),
    ]


def test_a_state_set_on_a_known_day_has_no_earlier_day() -> None:
    """Every act exact: `since_earliest` stays None."""
    segments = lifecycle.timeline([_event("LISTED", D(2003, 2, 15), n=1), _event("REMOVED", D(2024, 1, 1), n=2)])

    assert all(s.since_earliest is None for s in segments)


def test_a_relisting_dates_from_its_own_window_not_from_the_listing_before_it() -> None:
    """Listed, removed and listed again in overlapping windows: the new listing began no earlier than its window."""
    segments = lifecycle.timeline([_event("LISTED", D(2001, 1, 1), n=1),
                                   _event("REMOVED", D(2010, 1, 1), D(2010, 12, 31), 2),
                                   _event("LISTED", D(2010, 6, 1), D(2011, 6, 30), 3)])
    last = segments[-1]

    assert (State.LISTED, D(2011, 6, 30), D(2010, 6, 1)) == (last.state, last.since, last.since_earliest)


def test_an_amendment_in_its_own_window_leaves_the_listing_s_window() -> None:
    """Listed in one window, amended in a later overlapping one: the state dates from the listing's window."""
    segments = lifecycle.timeline([_event("LISTED", D(2003, 2, 15), D(2006, 7, 28), 1),
                                   _event("AMENDED", D(2004, 1, 1), D(2008, 1, 1), 2)])
    last = segments[-1]

    assert (State.LISTED, D(2003, 2, 15)) == (last.state, last.since_earliest)


# -- answers ----------------------------------------------------------------------------


def test_the_answer_gives_the_window_the_state_began_in(world: designations.Registry) -> None:
    """`since` is the first certain day, `since_earliest` the window's first, and the reason says 'a day in'."""
    _banned_in_a_window(world)

    s = world.status("taliban", "us-fto", on="2024-06-01")

    assert (State.LISTED, D(2006, 7, 28), D(2003, 2, 15)) == (s.state, s.since, s.since_earliest)
    assert "listed since a day in 2003-02-15/2006-07-28 (Decision of 14 February 2003)" in s.reason


def test_inside_the_window_the_answer_stays_uncertain(world: designations.Registry) -> None:
    """On a day inside the window nothing is claimed: UNKNOWN, either LISTED or not."""
    _banned_in_a_window(world)

    s = world.status("taliban", "us-fto", on="2004-06-01")

    assert (State.UNKNOWN, False) == (s.state, s.certain)
    assert {State.LISTED, State.NOT_LISTED} == s.possible_states


def test_new_terms_keep_the_window_the_state_began_in(world: designations.Registry) -> None:
    """An amendment on a known day: the reason still dates the listing by its window."""
    _banned_in_a_window(world)
    world.record("taliban", "us-fto", "AMENDED", effective="2010-01-01", instrument="Amendment", sources=[SOURCE])

    s = world.status("taliban", "us-fto", on="2024-06-01")

    assert D(2003, 2, 15) == s.since_earliest
    assert "listed since a day in 2003-02-15/2006-07-28; current terms since 2010-01-01 (Amendment)" in s.reason


def test_a_removal_in_a_window_is_dated_by_its_window(world: designations.Registry) -> None:
    """Kazakhstan's removal of the Taliban, in force some day in 2023-12-19..2024-02-29: 'removed since a day in'."""
    world.add_subject("Taliban", id="taliban")
    world.record("taliban", "us-fto", "LISTED", effective="2005-03-15", sources=[SOURCE])
    world.record("taliban", "us-fto", "REMOVED", effective="2023-12-19/2024-02-29", sources=[SOURCE])

    s = world.status("taliban", "us-fto", on="2024-06-01")

    assert (State.REMOVED, D(2024, 2, 29), D(2023, 12, 19)) == (s.state, s.since, s.since_earliest)
    assert "removed since a day in 2023-12-19/2024-02-29" in s.reason


def test_a_state_begun_on_a_known_day_reads_as_before(world: designations.Registry) -> None:
    """An exact listing: no earlier day, and the reason names the day alone."""
    world.add_subject("Front", id="front")
    world.record("front", "us-fto", "LISTED", effective="2005-01-01", instrument="Order", sources=[SOURCE])

    s = world.status("front", "us-fto", on="2024-06-01")

    assert (D(2005, 1, 1), None) == (s.since, s.since_earliest)
    assert "listed since 2005-01-01 (Order)" in s.reason
    assert s.to_dict()["since_earliest"] is None


def test_every_form_of_the_answer_carries_the_window(world: designations.Registry) -> None:
    """`to_dict` (the CLI's JSON), a record row, the CLI's text and the one-line repr all give it."""
    _banned_in_a_window(world)
    s = world.status("taliban", "us-fto", on="2024-06-01")
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["status", "taliban", "--in", "us-fto", "--on", "2024-06-01", "--url", url_of(world)])

    assert ("2006-07-28", "2003-02-15") == (s.to_dict()["since"], s.to_dict()["since_earliest"])
    assert "2003-02-15" == s.to_records()[0]["since_earliest"]
    assert 0 == code
    assert "    since a day in 2003-02-15/2006-07-28" in out.getvalue().splitlines()
    assert "since a day in 2003-02-15/2006-07-28" in repr(s)


def test_a_snapshot_entry_gives_the_window(world: designations.Registry) -> None:
    """A snapshot's entry, its text, its record and the CLI's CSV carry the window's first day."""
    _banned_in_a_window(world)
    (entry,) = world.snapshot("us-fto", on="2010-01-01").entries
    out = io.StringIO()
    with redirect_stdout(out):
        main(["snapshot", "us-fto", "--on", "2010-01-01", "--csv", "--url", url_of(world)])

    assert (D(2006, 7, 28), D(2003, 2, 15)) == (entry.since, entry.since_earliest)
    assert "a day in 2003-02-15/2006-07-28" == entry.since_text()
    assert "2003-02-15" == world.snapshot("us-fto", on="2010-01-01").to_records()[0]["since_earliest"]
    assert "taliban,Taliban,organisation,us-fto,whole,,2006-07-28,2003-02-15,2006-07-28," in out.getvalue()


@pytest.mark.parametrize("bulk", [False, True], ids=["ordinary", "load-mode"])
def test_each_write_path_stores_the_window(world: designations.Registry, bulk: bool) -> None:
    """Written in one batch, ordinarily or in load mode (COPY on PostgreSQL), the answer is the same."""
    world.add_subject("Taliban", id="taliban")
    events = (designations.Event(subject_id="taliban", list_id="us-fto", kind="LISTED",
                                 effective="2003-02-15/2006-07-28",
                                 sources=(Source(title="t", url="https://example.org"),)),)
    world.write(WriteBatch(kind="import", events=events, bulk=bulk))

    s = world.status("taliban", "us-fto", on="2024-06-01")

    assert (D(2006, 7, 28), D(2003, 2, 15)) == (s.since, s.since_earliest)
    assert admin.check(world.store).ok


# -- stores written before the window was kept ----------------------------------------------


def test_opening_a_store_from_before_re_derives_only_the_pairs_with_a_window(world: designations.Registry) -> None:
    """A store at 0012 (no column) is brought up on open; the windowed pair is written again, no other."""
    _banned_in_a_window(world)
    world.add_subject("Front", id="front")
    world.record("front", "us-fto", "LISTED", effective="2005-01-01", sources=[SOURCE])
    front_before = current_periods(world, "front", "since_earliest")
    url = url_of(world)
    world.close()
    store = designations.store.Store(url)
    with store.engine.connect() as conn, conn.begin():
        command.downgrade(migrate.alembic_config(conn), "0012")
    store.dispose()

    reg = designations.open(url, seeds=False)
    try:
        s = reg.status("taliban", "us-fto", on="2024-06-01")

        assert D(2003, 2, 15) == s.since_earliest
        assert front_before == current_periods(reg, "front", "since_earliest")
        assert admin.check(reg.store).ok
    finally:
        reg.close()


@pytest.mark.parametrize(
    ("column", "history", "asked"),
    [("scope_since", "widened", "hamas"), ("since_earliest", "windowed", "taliban")],
)
def test_check_finds_a_lost_day_and_rebuild_restores_it(
        world: designations.Registry, column: str, history: str, asked: str) -> None:
    """A period whose derived day was lost disagrees with its replay: `db check` says so, `db rebuild` mends it."""
    if history == "widened":
        world.add_subject("Hamas", id="hamas")
        world.record("hamas", "us-fto", "LISTED", effective="2001-03-29", listed_as="The wing", scope="part",
                     sources=[SOURCE])
        world.record("hamas", "us-fto", "AMENDED", effective="2021-11-26", scope="whole", sources=[SOURCE])
    else:
        _banned_in_a_window(world)
    kept = current_periods(world, asked, column)
    with world.store.engine.begin() as conn:
        conn.execute(text(f"UPDATE status_period SET {column} = NULL"))  # noqa: S608 - a parametrized column name
    world.close()
    reg = designations.open(url_of(world), seeds=False)
    try:
        found = admin.check(reg.store)
        rebuilt = admin.rebuild(reg.store)

        assert any(row[2] is not None for row in kept)
        assert not found.ok
        assert 1 == rebuilt.pairs
        assert [row[1:] for row in kept] == [row[1:] for row in current_periods(reg, asked, column)]
        assert admin.check(reg.store).ok
    finally:
        reg.close()


# -- the shipped seeds ------------------------------------------------------------------------


def test_the_shipped_seeds_date_russia_s_ban_of_the_taliban_from_its_window(
        seeded_registry: designations.Registry) -> None:
    """Russia: decided 2003-02-14, in force some day up to the list's publication on 2006-07-28."""
    s = seeded_registry.status("Taliban", "RU", on="2024-06-01")
    answer = json.loads(json.dumps(s.to_dict()))

    assert ("LISTED", "2006-07-28", "2003-02-15") == (answer["state"], answer["since"], answer["since_earliest"])
    assert "listed since a day in 2003-02-15/2006-07-28" in s.reason
