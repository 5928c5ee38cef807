"""
Specs of the ids the import matcher mints for new subjects.

A new subject gets its name's readable id; when that is taken by a namesake,
the id of its first identifier follows it, and the whole is cut at
`SUBJECT_ID_LENGTH` + 20 characters, as every release has cut it.
"""

from __future__ import annotations

import designations
from designations.importing.matcher import Candidate, Matcher
from designations.model import Identifier, Subject, SubjectKind
from designations.names import SUBJECT_ID_LENGTH, subject_id
from designations.store import WriteBatch

LONG_NAME = "Movement " * 20
"""A name whose readable id is cut at `SUBJECT_ID_LENGTH`."""

PASSPORT = Identifier("test", "ABC-1234567890-1234567890-XYZ")
"""An identifier whose own id (`abc-1234567890-1234567890-xyz`) is 29 characters long."""


def _mint_beside_a_namesake(reg: designations.Registry, name: str, identifier: Identifier) -> str:
    """The id minted for `name` when a subject of that name holding another id of the same scheme is stored."""
    namesake = Subject(id=subject_id(name), name=name, identifiers=(Identifier(identifier.scheme, "OTHER-1"),))
    reg.write(WriteBatch(kind="import", subjects=(namesake,)))
    with reg.store.read() as conn:
        resolved = Matcher(conn).resolve([Candidate(name=name, kind=SubjectKind.ORGANISATION, aliases=(),
                                                    identifiers=(identifier,))])
    assert resolved.new == frozenset(resolved.ids)  # minted, not matched to the namesake
    return resolved.ids[0]


def test_a_taken_id_is_followed_by_the_whole_identifier_after_a_short_name(registry: designations.Registry) -> None:
    """A short name's id keeps the identifier whole: base, dash, the identifier's own id."""
    expected = "front-abc-1234567890-1234567890-xyz"

    actual = _mint_beside_a_namesake(registry, "Front", PASSPORT)

    assert expected == actual


def test_a_long_name_keeps_its_base_and_the_identifiers_first_19_characters(
    registry: designations.Registry,
) -> None:
    """After a base of `SUBJECT_ID_LENGTH` characters, the suffix is a dash and 19 characters: 120 in all."""
    base = subject_id(LONG_NAME)
    expected = (SUBJECT_ID_LENGTH, f"{base}-abc-1234567890-1234")

    actual = (len(base), _mint_beside_a_namesake(registry, LONG_NAME, PASSPORT))

    assert expected == actual
