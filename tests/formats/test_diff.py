"""Specs for snapshot diffing: LISTED, REMOVED, AMENDED, SUSPENDED and REINSTATED, relistings, out-of-order imports."""

from __future__ import annotations

from collections import defaultdict

import attrs
import pendulum
import pytest

from designations.dates import DateWindow, Precision
from designations.errors import StoreError
from designations.formats import un
from designations.formats.diff import (
    EARLIEST,
    PublicationState,
    Seen,
    decode,
    derive,
    diff,
    encode,
    event_key,
    seen,
)
from designations.model import EventKind

D = pendulum.Date


def state(day: str, **entries: Seen) -> PublicationState:
    return PublicationState(published=pendulum.parse(day).date(), entries=entries)


def s(
    fp: str = "a",
    listed: str | None = None,
    amended: tuple[str, ...] = (),
    removed: str | None = None,
) -> Seen:
    return Seen(
        fingerprint=fp,
        listed_on=DateWindow.exact(listed) if listed else None,
        amended_on=tuple(pendulum.parse(a).date() for a in amended),
        removed_on=DateWindow.exact(removed) if removed else None,
    )


def kinds(events) -> dict[tuple[str, str], str]:
    return {(e.entry_key, e.kind.value): str(e.effective) for e in events}


def test_first_publication_uses_official_dates():
    """Entries of the first publication are LISTED on their official date."""
    events = derive("x", [state("2020-01-10", A=s(listed="2019-05-05"))])

    assert {("A", "LISTED"): "2019-05-05"} == kinds(events)


def test_first_publication_without_date_is_a_window_up_to_it():
    """Without an official date, the listing lies somewhere up to the first publication."""
    (event,) = derive("x", [state("2020-01-10", A=s())])

    assert (EARLIEST, D(2020, 1, 10), Precision.RANGE) == (
        event.effective.earliest,
        event.effective.latest,
        event.effective.precision,
    )


def test_new_entry_between_publications():
    """A new entry with no date is LISTED within (t1, t2]."""
    events = derive("x", [state("2020-01-10"), state("2020-06-15", B=s())])

    assert {("B", "LISTED"): "2020-01-11/2020-06-15"} == kinds(events)


def test_new_entry_keeps_its_official_date():
    """A new entry whose official date falls in (t1, t2] keeps it."""
    events = derive("x", [state("2020-01-10"), state("2020-06-15", B=s(listed="2020-04-04"))])

    assert {("B", "LISTED"): "2020-04-04"} == kinds(events)


def test_relisting_with_original_date_gets_the_window():
    """An entry absent after its official date was relisted in (t1, t2], not listed throughout."""
    events = derive("x", [state("2018-10-29"), state("2026-02-27", IR=s(listed="2006-12-23"))])
    (event,) = events

    assert "2018-10-30/2026-02-27" == str(event.effective)
    assert "relisted" in event.note


def test_removal_window():
    """An entry that disappears is REMOVED within (t1, t2] = [t1+1, t2]."""
    events = derive("x", [state("2020-01-10", A=s(listed="2019-01-01")), state("2020-06-15")])

    assert "2020-01-11/2020-06-15" == kinds(events)[("A", "REMOVED")]


def test_end_date_removal():
    """An end date given by the file is the removal date."""
    events = derive("x", [state("2020-01-10", A=s(listed="2019-01-01", removed="2019-12-31"))])

    assert "2019-12-31" == kinds(events)[("A", "REMOVED")]


def test_amendment_uses_the_files_date_in_the_window():
    """A changed fingerprint is AMENDED on the file's amendment date inside (t1, t2]."""
    events = derive(
        "x",
        [
            state("2020-01-10", A=s("a", "2019-01-01")),
            state("2020-06-15", A=s("b", "2019-01-01", amended=("2018-01-01", "2020-03-01"))),
        ],
    )

    assert "2020-03-01" == kinds(events)[("A", "AMENDED")]


def test_amendment_without_date_is_the_window():
    """Without an amendment date in the window, AMENDED is the window."""
    events = derive("x", [state("2020-01-10", A=s("a")), state("2020-06-15", A=s("b"))])

    assert "2020-01-11/2020-06-15" == kinds(events)[("A", "AMENDED")]


def test_unchanged_entry_makes_no_event():
    """An entry present and unchanged in both publications adds nothing."""
    events = derive("x", [state("2020-01-10", A=s()), state("2020-06-15", A=s())])

    assert 1 == len(events)


def test_a_suspension_and_a_reinstatement_between_publications():
    """Shown suspended, then in force again: SUSPENDED and REINSTATED, each within its pair's window."""
    events = derive("x", [state("2020-01-10", A=s(listed="2019-01-01")),
                          state("2020-06-15", A=attrs.evolve(s(listed="2019-01-01"), suspended=True)),
                          state("2021-02-01", A=s(listed="2019-01-01"))])

    assert {("A", "LISTED"): "2019-01-01", ("A", "SUSPENDED"): "2020-01-11/2020-06-15",
            ("A", "REINSTATED"): "2020-06-16/2021-02-01"} == kinds(events)


def test_an_entry_first_seen_suspended_is_listed_then_suspended():
    """First seen suspended: LISTED on its date, SUSPENDED some day from then up to the publication."""
    events = derive("x", [state("2026-01-10", A=attrs.evolve(s(listed="2003-02-14"), suspended=True))])

    assert {("A", "LISTED"): "2003-02-14", ("A", "SUSPENDED"): "2003-02-14/2026-01-10"} == kinds(events)


def test_a_suspended_entry_that_disappears_is_removed_only():
    """Suspended, then gone: REMOVED, with no reinstatement in between."""
    events = derive("x", [state("2020-01-10", A=attrs.evolve(s(listed="2019-01-01"), suspended=True)),
                          state("2020-06-15")])

    assert {"LISTED", "SUSPENDED", "REMOVED"} == {kind for _key, kind in kinds(events)}


def test_the_suspension_mark_is_stored_and_read_back():
    """`!` ends the stored text of an entry shown suspended; texts stored before the mark read as in force."""
    shown = attrs.evolve(s(listed="2019-01-01", amended=("2020-03-01",)), suspended=True)

    assert "2019-01-01+2020-03-01!" == encode(shown)
    assert shown == decode("a", encode(shown))
    assert not decode("a", "2019-01-01").suspended
    with pytest.raises(StoreError):
        decode("a", "2019-01-01!+2020-03-01")


def test_event_keys_are_deterministic():
    """Keys are import:<list>:<entry>:<kind>:<window>."""
    expected = "import:x:A:LISTED:2019-05-05"

    assert expected == event_key("x", "A", EventKind.LISTED, DateWindow.exact("2019-05-05"))


def test_newer_publication_adds_only_new_events():
    """Importing t2 after t1 yields exactly the pair's events and retracts nothing."""
    t1 = state("2020-01-10", A=s(), B=s())
    t2 = state("2020-06-15", A=s(), C=s())
    changes = diff("x", [t1], t2)

    assert ({("C", "LISTED"), ("B", "REMOVED")}, ()) == (
        {(e.entry_key, e.kind.value) for e in changes.events},
        changes.retract,
    )


def test_older_publication_is_placed_between_its_neighbours():
    """Importing t2 after t1 and t3 retracts the (t1, t3) events that t2 narrows."""
    t1 = state("2020-01-10", A=s())
    t3 = state("2020-12-31", B=s())
    before = {e.key for e in derive("x", [t1, t3])}
    t2 = state("2020-06-15", B=s())
    changes = diff("x", [t1, t3], t2)
    after = (before - set(changes.retract)) | {e.key for e in changes.events}

    assert after == {e.key for e in derive("x", [t1, t2, t3])}
    assert {
        "import:x:A:REMOVED:2020-01-11/2020-12-31",
        "import:x:B:LISTED:2020-01-11/2020-12-31",
    } == set(changes.retract)


def test_oldest_publication_imported_last():
    """A publication older than all known ones rewrites the first-seen listings."""
    t2 = state("2020-06-15", A=s())
    t1 = state("2020-01-10", A=s())
    changes = diff("x", [t2], t1)

    assert ("import:x:A:LISTED:0001-01-01/2020-06-15",) == changes.retract
    assert {"import:x:A:LISTED:0001-01-01/2020-01-10"} == {e.key for e in changes.events}


@pytest.mark.shared_data
def test_real_un_iran_relisting(shared_data):
    """IRi.002 (listed 2006-12-23) is back in 2026 after being absent in 2018: a window, not 2006."""
    states = []
    for name in ("consolidated_2018-10-29.xml", "consolidated_2026-02-27.xml"):
        pub = un.read(shared_data / "un" / name)
        by_list: dict[str, dict[str, Seen]] = defaultdict(dict)
        for e in pub.entries:
            by_list[e.list_id][e.key] = seen(e)
        states.append(PublicationState(published=pub.published, entries=by_list["un-1737"]))
    events = {e.entry_key: e for e in diff("un-1737", states[:1], states[1]).events}

    assert "2018-10-30/2026-02-26" == str(events["IRi.002"].effective)  # the 2026 file is of 2026-02-26 in New York


@pytest.mark.shared_data
def test_real_un_removals_2018(shared_data):
    """Eight Iraq entities disappear between the two 2018 publications."""
    states = []
    for name in ("consolidated_2018-08-24.xml", "consolidated_2018-10-29.xml"):
        pub = un.read(shared_data / "un" / name)
        entries = {e.key: seen(e) for e in pub.entries if e.list_id == "un-1518"}
        states.append(PublicationState(published=pub.published, entries=entries))
    removed = {
        e.entry_key
        for e in diff("un-1518", states[:1], states[1]).events
        if e.kind is EventKind.REMOVED
    }

    assert {
        "IQe.057",
        "IQe.109",
        "IQe.120",
        "IQe.126",
        "IQe.143",
        "IQe.168",
        "IQe.187",
        "IQe.193",
    } == removed
