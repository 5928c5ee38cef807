"""
Find or mint the subject of each entry: identifiers first, then a strict normalised name.

The matcher reads from the store only what one part of an import needs:
the owners of the part's identifiers, the subjects whose primary name has
one of the part's name keys, and the identifier schemes those subjects
hold. Subjects minted by earlier parts of the same import are already in
the store (one transaction), so memory follows the part, not the file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, NamedTuple

import attrs

from designations.formats import Tombstone
from designations.formats._common import key as _key
from designations.model import Identifier, Name, Subject, SubjectKind
from designations.names import SUBJECT_ID_LENGTH, subject_id
from designations.store import identity

if TYPE_CHECKING:
    from sqlalchemy import Connection

__all__ = ["Candidate", "Matcher", "Resolved"]

_SUFFIXED_ID_LENGTH = SUBJECT_ID_LENGTH + 20
"""
Longest id minted with an identifier suffix (when a subject's readable id is taken).

`SUBJECT_ID_LENGTH` bounds the readable base; the suffix adds a dash and at
least the identifier's first 19 characters (more after a shorter base), well
inside the 200 characters a subject id may have. Stores hold ids cut at this
length, so it stays: an import mints the ids an earlier release would have.
"""


class Candidate(NamedTuple):
    """What the matcher looks at in an entry (or a generic event row)."""

    name: str
    kind: SubjectKind
    aliases: tuple[Name, ...]
    identifiers: tuple[Identifier, ...]


@attrs.frozen(kw_only=True)
class Resolved:
    """One part's subjects: the id per candidate, the values to write, the match reasons."""

    ids: tuple[str, ...]
    subjects: tuple[Subject, ...]
    reasons: tuple[tuple[str, str], ...]
    new: frozenset[str]


class Matcher:
    """Resolves candidates a part at a time against the store; counts how each was matched."""

    def __init__(self, conn: Connection) -> None:
        """Match on `conn`, the import's own transaction (it sees the parts already written)."""
        self.conn = conn
        self.counts: Counter[str] = Counter()
        self.new = 0

    def resolve(self, candidates: Sequence[Candidate]) -> Resolved:
        """The subject of each candidate, minting a subject where nothing matches."""
        by_ident = self.owners({(i.scheme, i.value) for c in candidates for i in c.identifiers})
        by_name = self._named({_key(c.name) for c in candidates})
        schemes = self._schemes({k for keys in by_name.values() for k in keys})
        free = self._free({subject_id(c.name) for c in candidates  # those an identifier does not match
                           if not any((i.scheme, i.value) in by_ident for i in c.identifiers)})
        subjects: dict[str, Subject] = {}
        reasons: dict[str, str] = {}
        new: set[str] = set()
        ids: list[str] = []
        for c in candidates:
            found = next((by_ident[(i.scheme, i.value)] for i in c.identifiers
                          if (i.scheme, i.value) in by_ident), None)
            reason = "identifier"
            if found is None:
                mine = {i.scheme for i in c.identifiers}
                owners = {o for o in by_name.get(_key(c.name), set())
                          if not schemes.get(o, set()) & mine}
                if len(owners) == 1:
                    found, reason = next(iter(owners)), "name"
            if found is None:
                found, reason = self._mint(c.name, c.identifiers, free), "new"
                new.add(found)
                by_name.setdefault(_key(c.name), set()).add(found)
            self.counts[reason] += 1
            if reason != "new" and found not in reasons:
                reasons[found] = f"matched by {reason}"
            own = tuple(i for i in c.identifiers
                        if by_ident.setdefault((i.scheme, i.value), found) == found)
            schemes.setdefault(found, set()).update(i.scheme for i in own)
            old = subjects.get(found)
            if old is None:
                subjects[found] = Subject(id=found, kind=c.kind, name=c.name, aliases=c.aliases,
                                          identifiers=own)
            else:
                names = (Name(c.name), *c.aliases) if c.name != old.name else c.aliases
                extra = tuple(a for a in dict.fromkeys(names)
                              if a not in old.aliases and a.value != old.name)
                idents = tuple(i for i in own if i not in old.identifiers)
                if extra or idents:
                    subjects[found] = attrs.evolve(old, aliases=old.aliases + extra,
                                                   identifiers=old.identifiers + idents)
            ids.append(found)
        self.new += len(new)
        return Resolved(ids=tuple(ids), subjects=tuple(subjects.values()),
                        reasons=tuple(reasons.items()), new=frozenset(new))

    def owners(self, pairs: Collection[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """(scheme, value) -> key of the subject holding that identifier, for those held."""
        return identity.identifier_owners(self.conn, pairs)

    def deleted(self, tombstones: Sequence[Tombstone], warnings: list[str]) -> set[tuple[str, str]]:
        """
        The (subject, list-id prefix) pairs whose listings a delta's DELs of entities remove.

        A deleted entity is found by its identifier. When its subject also holds
        other identifiers of that scheme (two source entities matched as one),
        which listings were the deleted entity's is unknown, so none go but its
        own keyed entries, and a warning says so.
        """
        targets = [t for t in tombstones if t.target is not None]
        held_by = self.owners({(t.target.scheme, t.target.value) for t in targets if t.target})
        if not held_by:
            return set()
        held = Counter(identity.identifier_counts(self.conn, held_by.values()))
        out: set[tuple[str, str]] = set()
        for t in targets:
            assert t.target is not None  # noqa: S101 - filtered above
            owner = held_by.get((t.target.scheme, t.target.value))
            if owner is None:
                continue
            if held[(owner, t.target.scheme)] == 1:
                out.add((owner, t.scope))
            else:
                warnings.append(f"DEL of {t.key!r} (line {t.line}): subject {owner!r} holds other "
                                f"{t.target.scheme} ids too; only entries keyed {t.key!r} removed")
        return out

    def _named(self, keys: Collection[str]) -> dict[str, set[str]]:
        return identity.primary_name_owners(self.conn, keys)

    def _schemes(self, subjects: Collection[str]) -> dict[str, set[str]]:
        return identity.identifier_schemes(self.conn, subjects)

    def _free(self, candidates: Collection[str]) -> dict[str, bool]:
        """Whether each candidate id is still free in the store."""
        taken = identity.taken_ids(self.conn, candidates)
        return {c: c not in taken for c in candidates}

    def _is_free(self, candidate: str, free: dict[str, bool]) -> bool:
        if candidate not in free:
            free[candidate] = not identity.id_taken(self.conn, candidate)
        return free[candidate]

    def _mint(self, name: str, identifiers: tuple[Identifier, ...], free: dict[str, bool]) -> str:
        base = subject_id(name)
        candidate = base
        if not self._is_free(candidate, free) and identifiers:
            candidate = f"{base}-{subject_id(identifiers[0].value)}"[:_SUFFIXED_ID_LENGTH]
        n = 1
        while not self._is_free(candidate, free):
            n += 1
            candidate = f"{base}-{n}"
        free[candidate] = False
        return candidate
