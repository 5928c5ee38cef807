"""
An ended entry that named the subject is the subject's own past on that list.

The United States designated the al-Nusrah Front in 2014, named Hay'at Tahrir al-Sham in the entry in 2018
and revoked it in 2025. Asked about HTS after the revocation, the answer is REMOVED with that entry, not
NOT_LISTED: "never on the list" would hide that HTS was designated, by name, for seven years.
"""

from __future__ import annotations

import designations
from designations.model import Extent, Relation, Source, State, Subject
from designations.store import WriteBatch

from .conftest import SOURCE

NAMED = "al-Nusrah Front, aka Hay'at Tahrir al-Sham (ANF/HTS)"


def _nusrah(reg: designations.Registry, *, removal_names_hts: bool = True) -> None:
    """ANF listed in 2014, HTS named in 2018, the designation revoked in 2025; HTS succeeded ANF."""
    reg.add_subject("Al-Nusrah Front", id="anf")
    succeeded = Relation(subject_id="hts", kind="successor_of", other_id="anf",
                         sources=(Source(title="Test source", url="https://example.org/source"),))
    reg.write(WriteBatch(kind="import", subjects=(Subject(id="hts", name="Hay'at Tahrir al-Sham"),),
                         relations=(succeeded,)))
    reg.record("anf", "us-fto", "LISTED", effective="2014-05-15", listed_as="Al-Nusrah Front", sources=[SOURCE])
    reg.record("anf", "us-fto", "AMENDED", effective="2018-06-01", listed_as=NAMED, sources=[SOURCE])
    reg.record("anf", "us-fto", "REMOVED", effective="2025-07-08", listed_as=NAMED if removal_names_hts else "",
               sources=[SOURCE])


def test_after_the_revocation_the_entry_that_named_it_answers(world: designations.Registry) -> None:
    """REMOVED, through the entry that named HTS, with that entry's day: not 'not on the list'."""
    _nusrah(world)

    s = world.status("hts", "us-fto", on="2026-01-01")

    assert (State.REMOVED, Extent.WHOLE, "anf") == (s.state, s.extent, s.designated.id if s.designated else None)
    assert (False, False) == (s.in_force, s.partly_in_force)
    assert "2025-07-08" == str(s.since)


def test_while_the_entry_named_it_the_entry_is_in_force_for_it(world: designations.Registry) -> None:
    """From the amendment that named HTS to the revocation, HTS's answer is the entry's: in force."""
    _nusrah(world)

    assert world.status("hts", "us-fto", on="2020-01-01").in_force


def test_an_ended_entry_whose_removal_does_not_name_it_leaves_not_listed(world: designations.Registry) -> None:
    """A relative's revoked entry is the subject's past only if the removal names it: else NOT_LISTED stays."""
    _nusrah(world, removal_names_hts=False)

    s = world.status("hts", "us-fto", on="2026-01-01")

    assert State.NOT_LISTED == s.state


def test_the_shipped_seeds_answer_hts_after_the_us_and_un_removals(seeded_registry: designations.Registry) -> None:
    """The seeds: HTS REMOVED in the United States (2025-07-08) and at the UN (2026-02-27), not NOT_LISTED."""
    us = seeded_registry.status("Hay'at Tahrir al-Sham", "us-fto", on="2026-01-01")
    un = seeded_registry.status("Hay'at Tahrir al-Sham", "un-isil-al-qaida", on="2026-03-05")

    assert (State.REMOVED, "2025-07-08") == (us.state, str(us.since))
    assert (State.REMOVED, "2026-02-27") == (un.state, str(un.since))
