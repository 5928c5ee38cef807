"""
Names as users type them: an acronym the list writes after the name, the name without it, a short form.

The UN lists "Al-Qaida in the Arabian Peninsula (AQAP)"; a compliance officer asks about "AQAP" or
about "Al-Qaida in the Arabian Peninsula". Both name the entry. A name that is only near ("Wagner"
for "Wagner Group") is not answered for: the error says which subject was probably meant.
"""

from __future__ import annotations

import pytest

import designations
from designations.errors import AmbiguousNameError, UnknownSubjectError
from designations.model import State
from designations.names import name_parts

from .conftest import SOURCE

AQAP = "Al-Qaida in the Arabian Peninsula (AQAP)"


@pytest.mark.parametrize(("name", "parts"), [
    (AQAP, ("Al-Qaida in the Arabian Peninsula", "AQAP")),
    ("Ansar al-Shari’a in Tunisia (AAS-T)", ("Ansar al-Shari’a in Tunisia", "AAS-T")),
    ("JAMAAT-UL-AHRAR (JuA)", ("JAMAAT-UL-AHRAR", "JuA")),
    ("Al Aqsa Foundation (Netherlands)", ()),  # a place, not an acronym
    ("NSCN (K)", ()),  # one letter
    ("EL PARA (COMBAT NAME)", ()),  # two words: a note, not an acronym
    ("Communist Party of India (Maoist)", ()),
    ("Ansar al Charia in Libya (ASL))", ()),  # unbalanced: not read
    ("Hamas", ()),
])
def test_a_name_ending_in_its_acronym_has_two_parts(name: str, parts: tuple[str, ...]) -> None:
    """Only a trailing parenthesis of one word with two capitals or more is an acronym."""
    assert parts == name_parts(name)


@pytest.fixture
def aqap(world: designations.Registry) -> designations.Registry:
    """AQAP listed by the US in 2010 under its name with the acronym."""
    world.add_subject(AQAP, id="aqap-entry")
    world.record("aqap-entry", "us-fto", "LISTED", effective="2010-01-19", sources=[SOURCE])
    return world


@pytest.mark.parametrize("asked", ["AQAP", "aqap", "Al-Qaida in the Arabian Peninsula",
                                   "al qaida in the arabian peninsula"])
def test_the_acronym_or_the_name_without_it_finds_the_entry(aqap: designations.Registry, asked: str) -> None:
    """Either part answers, as the whole name does."""
    s = aqap.status(asked, "us-fto", on="2024-01-01")

    assert ("aqap-entry", State.LISTED) == (s.subject.id, s.state)


def test_a_part_two_subjects_share_is_ambiguous(aqap: designations.Registry) -> None:
    """Two entries with the same acronym: the question names both, it does not pick one."""
    aqap.add_subject("Al-Qaida in Egypt (AQAP)", id="other-aqap")

    with pytest.raises(AmbiguousNameError) as caught:
        aqap.status("AQAP", "us-fto", on="2024-01-01")

    assert {"aqap-entry", "other-aqap"} == {key for key, _name in caught.value.candidates}


def test_a_name_of_its_own_comes_before_a_part(aqap: designations.Registry) -> None:
    """A subject whose own name is the acronym is the answer; the part is asked only when no name matches."""
    aqap.add_subject("AQAP", id="plain-aqap")

    assert "plain-aqap" == aqap.status("AQAP", "us-fto", on="2024-01-01").subject.id


def test_search_finds_the_entry_by_its_acronym(aqap: designations.Registry) -> None:
    """The matcher holds the parts too: an exact match on the acronym."""
    found = aqap.search("AQAP", on="2024-01-01")

    assert [("aqap-entry", "AQAP", 1.0)] == [(c.subject.id, c.name, c.score) for c in found.candidates[:1]]


def test_a_short_form_is_suggested_not_answered(world: designations.Registry) -> None:
    """"Wagner" is not "Wagner Group": no answer, but the error says which subject was probably meant."""
    world.add_subject("Wagner Group", id="wagner-group")

    with pytest.raises(UnknownSubjectError) as caught:
        world.status("Wagner", "us-fto", on="2024-01-01")

    assert ("Wagner Group",) == caught.value.suggestions[:1]


def test_a_search_without_candidates_says_the_day_it_was_asked(world: designations.Registry) -> None:
    """No candidate: the result still names the day, and a day that cannot be read is refused."""
    assert "2024-03-01" == world.search("Zzqx Front", on="2024-03-01").on
    with pytest.raises(designations.InvalidDateError):
        world.search("Zzqx Front", on="2024-13-01")
