"""Specs on the shipped seeds, asked through the registry: the questions the project was born from."""

from __future__ import annotations

import subprocess
import sys

import pendulum
import pytest

import designations
from designations.model import State


def d(text: str) -> pendulum.Date:
    return pendulum.parse(text, exact=True)  # type: ignore[return-value]


def test_taliban_in_russia(seeded_registry: designations.Registry) -> None:
    """
    Listed on 2024-06-01 (decided 2003-02-14; certainly in force from 2006-07-28, the first official
    publication, since no source pins its entry into force); suspended since 2025-04-17 on 2025-06-01.
    """
    before = seeded_registry.status("Taliban", "RU", on="2024-06-01")
    after = seeded_registry.status("Taliban", "RU", on="2025-06-01")

    assert before.event is not None
    assert (State.LISTED, d("2006-07-28"), "2003-02-14") == (before.state, before.since, str(before.event.decided))
    assert (State.SUSPENDED, d("2025-04-17")) == (after.state, after.since)
    assert before.sources
    assert after.sources


def test_taliban_as_known_before_the_suspension(seeded_registry: designations.Registry) -> None:
    """From what had been published by 2025-01-01, the ban was in force on 2025-06-01."""
    assert seeded_registry.was_listed("Taliban", "RU", on="2025-06-01", as_known_at="2025-01-01")


def test_taliban_in_kazakhstan_inside_the_removal_window(seeded_registry: designations.Registry) -> None:
    """Between the last Taliban sentence (2023-12-19) and the end of February 2024 the Kazakh answer is uncertain."""
    s = seeded_registry.status("Taliban", "KZ", on="2024-01-10")

    assert (State.UNKNOWN, False) == (s.state, s.certain)
    assert {State.LISTED, State.REMOVED} <= s.possible_states


def test_taliban_removed_in_kazakhstan_by_march_2024(seeded_registry: designations.Registry) -> None:
    """The President said in February 2024 that the Taliban had been removed: by March the answer is certain."""
    s = seeded_registry.status("Taliban", "KZ", on="2024-03-01")

    assert (State.REMOVED, True) == (s.state, s.certain)


def test_taliban_removed_in_kyrgyzstan_by_september_2024(seeded_registry: designations.Registry) -> None:
    """By 2024-09-06 the Taliban were off the Kyrgyz list."""
    assert State.REMOVED == seeded_registry.status("Taliban", "KG", on="2024-09-06").state


def test_houthis_cycle_on_the_fto_list(seeded_registry: designations.Registry) -> None:
    """Designated 2021-01-19, revoked 2021-02-16, designated again 2025-03-04."""
    states = [seeded_registry.status("Ansarallah", "us-fto", on=day).state
              for day in ("2021-01-20", "2021-03-01", "2025-03-05")]

    assert [State.LISTED, State.REMOVED, State.LISTED] == states


def test_fto_day_boundary_is_new_york(seeded_registry: designations.Registry) -> None:
    """03:00 UTC on 2021-01-19 is still 2021-01-18 in Washington: not yet designated."""
    assert not seeded_registry.was_listed("Ansarallah", "us-fto", on="2021-01-19T03:00:00Z")
    assert seeded_registry.was_listed("Ansarallah", "us-fto", on="2021-01-19T06:00:00Z")


def test_subject_by_un_reference_number(seeded_registry: designations.Registry) -> None:
    """A UN reference number finds its subject."""
    assert State.LISTED == seeded_registry.status("QDe.004", "UN", on="2020-01-01").state


def test_changes_on_the_us_list_in_2022(seeded_registry: designations.Registry) -> None:
    """The five FTO revocations of 20 May 2022 are changes of 2022."""
    cs = seeded_registry.changes("US", since="2022-01-01", until="2022-12-31")

    assert 5 <= len([e for e in cs.by_kind().get("REMOVED", []) if str(e.effective) == "2022-05-20"])


def test_snapshot_of_the_fto_list(seeded_registry: designations.Registry) -> None:
    """On 2020-01-01 the seeded FTO snapshot has al-Qa'ida and not the MEK (revoked 2012)."""
    names = {e.subject.id for e in seeded_registry.snapshot("us-fto", on="2020-01-01")}

    assert "al-qaida" in names
    assert "mek" not in names
    assert "houthis" not in names  # revoked 2021-02-16, not yet designated again


def test_every_seeded_event_has_a_source(seeded_registry: designations.Registry) -> None:
    """No seeded event lacks a citation."""
    for lst in seeded_registry.lists():
        for event in seeded_registry.changes(lst.id, since="1900-01-01", until="2100-01-01"):
            assert event.sources, event


@pytest.mark.slow
def test_demo_command_answers_the_taliban_question(seeded_registry: designations.Registry) -> None:
    """`designations demo` (what `make demo` runs) prints the Russian answers with sources."""
    result = subprocess.run(
        [sys.executable, "-m", "designations", "demo", "--url", seeded_registry.store.url],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120, check=False,
    )

    assert 0 == result.returncode, result.stderr
    assert "LISTED" in result.stdout
    assert "SUSPENDED" in result.stdout
    assert "kommersant" in result.stdout


def test_hts_on_the_un_list_is_the_al_nusrah_entry_that_names_it(seeded_registry: designations.Registry) -> None:
    """
    Before the entry named HTS (2018-06-05) only a related organisation is designated; from then the entry
    is HTS's own (in force); from the Committee's removal on 2026-02-27 nothing is in force.
    """
    named_later = seeded_registry.status("Hay'at Tahrir al-Sham", "un-isil-al-qaida", on="2017-06-01")
    named = seeded_registry.status("Hay'at Tahrir al-Sham", "un-isil-al-qaida", on="2020-01-01")
    removed = seeded_registry.status("Hay'at Tahrir al-Sham", "un-isil-al-qaida", on="2026-03-01")

    assert (named_later.in_force, named_later.partly_in_force) == (False, True)
    assert (named.in_force, named.designated.id if named.designated else None) == (True, "al-nusrah-front")
    assert (removed.in_force, removed.partly_in_force) == (False, False)


def test_aqap_by_its_acronym_and_by_its_name_without_it(seeded_registry: designations.Registry) -> None:
    """The UN names the entry 'Al-Qaida in the Arabian Peninsula (AQAP)': either part finds it."""
    by_acronym = seeded_registry.status("AQAP", "UN", on="2024-01-01")
    by_name = seeded_registry.status("Al-Qaida in the Arabian Peninsula", "US", on="2024-01-01")

    assert {"al-qaida-in-the-arabian-peninsula-aqap"} == {by_acronym.subject.id, by_name.subject.id}
    assert (True, True) == (by_acronym.in_force, by_name.in_force)


def test_the_houthis_on_the_day_their_redesignation_took_effect(seeded_registry: designations.Registry) -> None:
    """In force on publication in the Federal Register, 4 or 5 March 2025: on the 4th the answer names that act."""
    s = seeded_registry.status("Houthis", "US", on="2025-03-04")

    assert (State.UNKNOWN, ["LISTED"]) == (s.state, [e.kind.value for e in s.pending])
    assert "2025-03-04/2025-03-05" in s.reason


def test_new_zealand_dates_the_whole_of_hamas_by_its_window(seeded_registry: designations.Registry) -> None:
    """The snapshot, like the status, says the whole since a day in 2024-01-18/2024-02-29 (announced 29 February)."""
    entry = next(e for e in seeded_registry.snapshot("NZ", on="2024-06-01").entries if e.subject.id == "hamas")

    assert "2010-10-11 (the whole since a day in 2024-01-18/2024-02-29)" == entry.since_text()
