"""Specs for point-in-time questions over a real store."""

from __future__ import annotations

import pendulum
import pytest
from sqlalchemy import func, select

import designations
from designations.errors import (
    AmbiguousNameError,
    InvalidDateError,
    InvalidRecordError,
    TransitionError,
    UnknownEventError,
    UnknownJurisdictionError,
    UnknownSubjectError,
)
from designations.model import State
from designations.store.schema import metadata

from .conftest import SOURCE


def d(text: str) -> pendulum.Date:
    return pendulum.parse(text, exact=True)  # type: ignore[return-value]


def dump(reg: designations.Registry) -> dict[str, int]:
    """Row counts of every table: what a failed write must leave unchanged."""
    with reg.store.read() as conn:
        return {name: conn.scalar(select(func.count()).select_from(t)) or 0
                for name, t in metadata.tables.items()}


# -- status ---------------------------------------------------------------------------

def test_taliban_listed_in_russia_in_2024(taliban: designations.Registry) -> None:
    """On 2024-06-01 the Taliban were listed in Russia, since 2003-02-14."""
    s = taliban.status("Taliban", "RU", on="2024-06-01")

    assert (State.LISTED, True, d("2003-02-14")) == (s.state, s.in_force, s.since)
    assert "ru-terrorist-organisations" == s.list.id
    assert "Test source" == s.sources[0].title


def test_suspended_is_not_in_force(taliban: designations.Registry) -> None:
    """After 2025-04-17 the ban is suspended: still on the list, not in force."""
    s = taliban.status("Taliban", "RU", on="2025-06-01")

    assert (State.SUSPENDED, False) == (s.state, s.in_force)
    assert not taliban.was_listed("Taliban", "RU", on="2025-06-01")


def test_query_instant_is_read_in_moscow_time(taliban: designations.Registry) -> None:
    """At 22:30 UTC on 16 April it is already 17 April in Moscow: suspended."""
    assert State.SUSPENDED == taliban.status("Taliban", "RU", on="2025-04-16T22:30:00Z").state
    assert State.LISTED == taliban.status("Taliban", "RU", on="2025-04-16T20:30:00Z").state


def test_subject_found_by_alias_in_another_script(taliban: designations.Registry) -> None:
    """A Cyrillic alias, in any case and punctuation, finds the subject."""
    assert "taliban" == taliban.status("движение талибан", "RU", on="2024-01-01").subject.id


def test_jurisdiction_alias_and_list_id(taliban: designations.Registry) -> None:
    """Russia may be asked for by alias or by list id."""
    by_alias = taliban.status("Taliban", "Russia", on="2024-01-01")
    by_list = taliban.status("Taliban", "ru-terrorist-organisations", on="2024-01-01")

    assert (State.LISTED, State.LISTED) == (by_alias.state, by_list.state)


def test_outside_coverage_is_unknown(taliban: designations.Registry) -> None:
    """Before the list's coverage starts, no listing means UNKNOWN, not NOT_LISTED."""
    assert State.UNKNOWN == taliban.status("Taliban", "RU", on="2002-01-01").state


def test_inside_coverage_without_events_is_not_listed(taliban: designations.Registry) -> None:
    """Within coverage, a subject never listed there is NOT_LISTED."""
    s = taliban.status("Taliban", "us-fto", on="2020-01-01")

    assert (State.NOT_LISTED, True) == (s.state, s.certain)


def test_list_without_coverage_is_unknown(taliban: designations.Registry) -> None:
    """A list with no coverage at all can only say UNKNOWN for the unlisted."""
    assert State.UNKNOWN == taliban.status("Taliban", "KZ", on="2020-01-01").state


def test_uncertain_window_answers_possible_states(world: designations.Registry) -> None:
    """Inside the Kazakh removal window the answer is uncertain, never a guess."""
    world.record("Taliban", "kz-terrorist-organisations", "LISTED", effective="2005-03-15", sources=[SOURCE],
                 create=True)
    world.record("Taliban", "kz-terrorist-organisations", "REMOVED", effective="2023-12-29/2024-06-03",
                 sources=[SOURCE], create=True)

    s = world.status("Taliban", "KZ", on="2024-03-01")

    assert (State.UNKNOWN, False, False) == (s.state, s.certain, s.in_force)
    assert frozenset({State.LISTED, State.REMOVED}) == s.possible_states
    assert State.REMOVED == world.status("Taliban", "KZ", on="2024-06-03").state


def test_jurisdiction_answer_comes_from_the_list_in_force(world: designations.Registry) -> None:
    """With two US lists, an SDGT designation makes the subject listed in the US."""
    world.record("Taliban", "us-sdgt", "LISTED", effective="2002-01-01", sources=[SOURCE], create=True)

    s = world.status("Taliban", "US", on="2019-01-15")

    assert (State.LISTED, "us-sdgt") == (s.state, s.list.id)
    assert {"us-sdgt", "us-fto"} == {p.list.id for p in s.per_list}
    assert State.NOT_LISTED == next(p for p in s.per_list if p.list.id == "us-fto").state


def test_relisting_cycle(world: designations.Registry) -> None:
    """The Houthis: listed, revoked within a month, listed again in 2025."""
    for kind, day in (("LISTED", "2021-01-19"), ("REMOVED", "2021-02-16"), ("LISTED", "2025-03-04")):
        world.record("Ansarallah", "us-fto", kind, effective=day, sources=[SOURCE], create=True)

    states = [world.status("Ansarallah", "US", on=day).state
              for day in ("2021-01-18", "2021-01-19", "2021-02-15", "2021-02-16", "2024-01-01", "2025-03-04")]

    assert [State.NOT_LISTED, State.LISTED, State.LISTED, State.REMOVED, State.REMOVED, State.LISTED] == states


# -- known time and recorded time ------------------------------------------------------

def test_as_known_at_ignores_later_publications(taliban: designations.Registry) -> None:
    """Known on 2025-01-01, the suspension had not been published: LISTED."""
    s = taliban.status("Taliban", "RU", on="2025-06-01", as_known_at="2025-01-01")

    assert State.LISTED == s.state
    assert "2025-01-01" == s.receipt.as_known_at


def test_as_recorded_at_replays_after_a_correction(taliban: designations.Registry) -> None:
    """A correction is new rows; the answer given before it can be reproduced exactly."""
    before = taliban.status("Taliban", "RU", on="2025-04-17")
    event_id = before.event.id

    corrected = taliban.correct(event_id, effective="2025-04-18", reason="decision entered into force a day later")

    now = taliban.status("Taliban", "RU", on="2025-04-17")
    replay = taliban.status("Taliban", "RU", on="2025-04-17", as_recorded_at=before.receipt.data_version)
    assert (State.SUSPENDED, State.LISTED, State.SUSPENDED) == (before.state, now.state, replay.state)
    assert event_id == corrected.corrects
    assert before.receipt.event_ids == replay.receipt.event_ids


def test_as_recorded_at_replays_after_a_retraction(taliban: designations.Registry) -> None:
    """A retracted event stops counting now, but still counts as recorded before."""
    before = taliban.status("Taliban", "RU", on="2025-06-01")

    taliban.retract(before.event.id, reason="wrong list")

    assert State.LISTED == taliban.status("Taliban", "RU", on="2025-06-01").state
    assert State.SUSPENDED == taliban.status(
        "Taliban", "RU", on="2025-06-01", as_recorded_at=before.receipt.data_version).state
    assert 2 == len(taliban.history("Taliban", as_recorded_at=before.receipt.data_version))
    assert 1 == len(taliban.history("Taliban"))


def test_nothing_is_deleted_by_corrections(taliban: designations.Registry) -> None:
    """Correcting and retracting only add rows to the event table."""
    before = dump(taliban)
    event_id = taliban.status("Taliban", "RU", on="2025-06-01").event.id

    taliban.correct(event_id, effective="2025-04-18")

    after = dump(taliban)
    assert before["event"] + 1 == after["event"]
    assert before["retraction"] + 1 == after["retraction"]


def test_receipt_names_the_events_and_data_version(taliban: designations.Registry) -> None:
    """The receipt carries the event ids the answer rests on and the store's version."""
    s = taliban.status("Taliban", "RU", on="2024-06-01")

    assert (s.event.id,) == s.receipt.event_ids
    assert taliban.data_version() == s.receipt.data_version


# -- history, who, snapshot, changes ---------------------------------------------------

def test_history_lists_every_event_in_order(taliban: designations.Registry) -> None:
    """History has every event on every list, in effective order, with sources."""
    taliban.record("Taliban", "kz-terrorist-organisations", "LISTED", effective="2005-03-15", sources=[SOURCE],
                   create=True)

    h = taliban.history("Taliban")

    assert [("ru-terrorist-organisations", "2003-02-14"), ("kz-terrorist-organisations", "2005-03-15"),
            ("ru-terrorist-organisations", "2025-04-17")] == [(e.list_id, str(e.effective)) for e in h]
    assert all(e.sources for e in h)


def test_who_lists_answers_for_every_jurisdiction(taliban: designations.Registry) -> None:
    """who_lists gives one answer per jurisdiction that has lists."""
    answers = {s.jurisdiction: s.state for s in taliban.who_lists("Taliban", on="2025-06-01")}

    assert {"RU": State.SUSPENDED, "US": State.NOT_LISTED, "KZ": State.UNKNOWN} == answers


def test_snapshot_lists_those_in_force(world: designations.Registry) -> None:
    """A snapshot holds the subjects listed that day, not the suspended or removed."""
    for name, kind, day in (("A", "LISTED", "2001-01-01"), ("B", "LISTED", "2001-01-01"),
                            ("B", "SUSPENDED", "2005-01-01"), ("C", "LISTED", "2011-01-01")):
        world.record(name, "ru-terrorist-organisations", kind, effective=day, sources=[SOURCE], create=True)

    snap = world.snapshot("RU", on="2010-01-01")

    assert ["A"] == [e.subject.name for e in snap]


def test_changes_in_a_window(world: designations.Registry) -> None:
    """Changes returns the events effective in the window, grouped by kind."""
    for kind, day in (("LISTED", "2021-01-19"), ("REMOVED", "2021-02-16"), ("LISTED", "2025-03-04")):
        world.record("Ansarallah", "us-fto", kind, effective=day, sources=[SOURCE], create=True)

    cs = world.changes("US", since="2021-01-01", until="2021-12-31")

    assert {"LISTED": 1, "REMOVED": 1} == {k: len(v) for k, v in cs.by_kind().items()}


# -- writes and bad input -----------------------------------------------------------------

def test_forbidden_transition_writes_nothing(taliban: designations.Registry) -> None:
    """Reinstating a listing that was never suspended is refused and leaves the store as it was."""
    before = dump(taliban)

    with pytest.raises(TransitionError) as info:
        taliban.record("Taliban", "ru-terrorist-organisations", "REINSTATED", effective="2010-01-01",
                       sources=[SOURCE], create=True)

    assert ("taliban", "ru-terrorist-organisations") == (info.value.subject, info.value.list_id)
    assert before == dump(taliban)


def test_event_before_listing_is_refused(world: designations.Registry) -> None:
    """A removal dated before the only listing does not follow from anything."""
    world.record("X Front", "us-fto", "LISTED", effective="2010-01-01", sources=[SOURCE], create=True)

    with pytest.raises(TransitionError):
        world.record("X Front", "us-fto", "REMOVED", effective="2009-01-01", sources=[SOURCE], create=True)


def test_record_requires_a_source(world: designations.Registry) -> None:
    """Every event cites a source."""
    before = dump(world)

    with pytest.raises(InvalidRecordError, match="source"):
        world.record("X Front", "us-fto", "LISTED", effective="2010-01-01", sources=[], create=True)

    assert before == dump(world)


def test_unknown_list_is_refused(world: designations.Registry) -> None:
    """Recording on a list the store does not have is an error naming it."""
    with pytest.raises(UnknownJurisdictionError, match="xx-nope"):
        world.record("X Front", "xx-nope", "LISTED", effective="2010-01-01", sources=[SOURCE], create=True)


@pytest.mark.parametrize("bad", ["2024-02-30", "31/12/2024"])
def test_bad_effective_date_is_refused(world: designations.Registry, bad: str) -> None:
    """Impossible or non-ISO effective dates are errors."""
    with pytest.raises(InvalidDateError, match="effective"):
        world.record("X Front", "us-fto", "LISTED", effective=bad, sources=[SOURCE], create=True)


def test_unknown_subject(world: designations.Registry) -> None:
    """An unknown name is an UnknownSubjectError (a LookupError)."""
    with pytest.raises(UnknownSubjectError) as info:
        world.status("Nobody at all", "RU", on="2020-01-01")

    assert isinstance(info.value, LookupError)


def test_ambiguous_name_lists_candidates(world: designations.Registry) -> None:
    """A name shared by two subjects raises with both candidates."""
    world.add_subject("Al-Haramain Foundation (Somalia)", id="haramain-so", aliases=["Al-Haramain"])
    world.add_subject("Al-Haramain Foundation (USA)", id="haramain-us", aliases=["Al Haramain"])

    with pytest.raises(AmbiguousNameError) as info:
        world.status("al haramain", "US", on="2020-01-01")

    assert {"haramain-so", "haramain-us"} == {c[0] for c in info.value.candidates}


def test_unknown_jurisdiction(taliban: designations.Registry) -> None:
    """An unknown jurisdiction code is an error listing the known ones."""
    with pytest.raises(UnknownJurisdictionError, match="RU"):
        taliban.status("Taliban", "XX", on="2020-01-01")


def test_bad_query_date(taliban: designations.Registry) -> None:
    """A bad query date is an InvalidDateError."""
    with pytest.raises(InvalidDateError):
        taliban.status("Taliban", "RU", on="2024-02-30")


def test_retracting_unknown_event(world: designations.Registry) -> None:
    """Retracting an event that does not exist is an error."""
    with pytest.raises(UnknownEventError):
        world.retract(999_999, reason="typo")


def test_retracting_twice_is_refused(taliban: designations.Registry) -> None:
    """An event can be retracted once."""
    event_id = taliban.status("Taliban", "RU", on="2025-06-01").event.id
    taliban.retract(event_id, reason="wrong list")

    with pytest.raises(InvalidRecordError):
        taliban.retract(event_id, reason="again")


def test_sql_looking_names_are_stored_verbatim(world: designations.Registry) -> None:
    """Names are data, never SQL."""
    name = "Robert'); DROP TABLE event;--"
    world.record(name, "us-fto", "LISTED", effective="2010-01-01", sources=[SOURCE], create=True)

    assert name == world.status(name, "US", on="2011-01-01").subject.name


def test_read_only_registry_refuses_writes(taliban: designations.Registry) -> None:
    """A registry opened read-only answers but never writes."""
    ro = designations.open(taliban.store.url, read_only=True)

    assert State.LISTED == ro.status("Taliban", "RU", on="2024-06-01").state
    with pytest.raises(designations.errors.ReadOnlyError):
        ro.record("Taliban", "us-fto", "LISTED", effective="2020-01-01", sources=[SOURCE], create=True)


def test_an_unsupported_database_says_so() -> None:
    """A MySQL URL is refused as unsupported, not with advice to install the PostgreSQL driver."""
    from designations.errors import StoreError  # noqa: PLC0415

    with pytest.raises(StoreError, match="unsupported database 'mysql'"):
        designations.open("mysql://user@localhost/registry")


def test_a_bad_published_date_names_the_published_field(world: designations.Registry) -> None:
    """An impossible published date is reported under `published`, not `date`."""
    from designations.errors import InvalidDateError  # noqa: PLC0415

    with pytest.raises(InvalidDateError, match=r"^published:"):
        world.record("taliban", "us-fto", "LISTED", effective="2020-01-01", published="2020-02-30",
                     sources=[{"title": "t"}], create=True)


def test_import_designations_loads_no_optional_machinery() -> None:
    """`import designations` loads no HTTP client, plotting, table, matching or migration code."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    probe = ("import sys, designations; "
             "print(sorted(m for m in ('httpx', 'matplotlib', 'pandas', 'alembic', 'rapidfuzz', "
             "'designations.matching', "
             "'designations.plot', 'designations.updates', 'designations.store.migrate', 'designations.importing') "
             "if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()

    assert "[]" == loaded
