"""
What a reader yields: one `Entry` per listing, inside a `Publication`.

An entry is one subject's listing on one list, as one publication shows it.
Its `key` is the list's own stable id for the listing (UN REFERENCE_NUMBER,
OFAC ent_num, UK Group ID, EU logical id, FtM entity id), so successive
publications of the same list can be compared entry by entry.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path

import attrs
import pendulum

from designations.dates import DateWindow
from designations.formats._common import key
from designations.model.events import EventKind
from designations.model.subjects import Identifier, Name, SubjectKind

__all__ = ["Entry", "GenericEvent", "Publication", "Tombstone", "fingerprint"]


def fingerprint(name: str, aliases: Iterable[Name], programs: Iterable[str]) -> str:
    """
    The sha256 of what an AMENDED event is about: the name, the aliases and the programs.

    Built from normalised match keys, so re-spacing or re-casing a name is
    not an amendment.
    """
    parts = [key(" ".join(name.split())), *sorted({key(a.value) for a in aliases}), "|",
             *sorted(set(programs))]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


@attrs.frozen(kw_only=True)
class Entry:
    """
    One subject's listing on one list in one publication.

    `removed_on` is a removal the file reports as done (an EU delisting).
    `end_date` is when the listing ends or ended (FtM `endDate`), which may
    lie after the publication; it removes the entry only once it has passed.
    `status` is the file's own word for the listing (FtM `active`, `expired`).
    """

    key: str
    list_id: str
    kind: SubjectKind
    name: str
    aliases: tuple[Name, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    programs: tuple[str, ...] = ()
    listed_on: DateWindow | None = None
    amended_on: tuple[pendulum.Date, ...] = ()
    removed_on: DateWindow | None = None
    end_date: DateWindow | None = None
    status: str = ""
    line: int | None = None
    compared: tuple[Name, ...] | None = None
    """The aliases as the file lists them, when the reader derives more (split fields, original-script
    names): the fingerprint is of these, so reading a file better never looks like an amendment."""

    @property
    def fingerprint(self) -> str:
        """The sha256 of normalised name, sorted alias keys and programs."""
        return fingerprint(self.name, self.aliases if self.compared is None else self.compared, self.programs)


@attrs.frozen(kw_only=True)
class Tombstone:
    """
    A delta file's deletion (`{"op": "DEL"}`): of the listing keyed `key` on every list.

    A delta names only the deleted id, which may also be a sanctioned entity
    rather than a listing. `target` is that id as a subject identifier: the
    listings of the subject holding it, on the lists whose ids start with
    `scope`, go too.
    """

    key: str
    line: int | None = None
    target: Identifier | None = None
    scope: str = ""


@attrs.frozen(kw_only=True)
class GenericEvent:
    """One row of the generic event format: an event on a user-curated list."""

    list_id: str
    subject_id: str
    subject_name: str
    kind: SubjectKind
    event: EventKind
    effective: DateWindow
    published: pendulum.Date | None = None
    source_title: str = ""
    source_url: str = ""
    aliases: tuple[Name, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    line: int | None = None


@attrs.frozen(kw_only=True, eq=False)
class Publication:
    """
    One publication of one or more lists, as read from one file.

    `entries` streams: it is a one-shot iterator, read it once (call `read`
    again for a second pass). `lists` maps each program or list type the
    format knows to the registry's list id. `complete` is False for delta
    files, where an absent entry says nothing (only a `Tombstone` removes),
    and for the generic format, whose rows are `events` rather than entries.
    `warnings` fills up while the entries are read (rows that were skipped).
    """

    format: str
    path: Path
    sha256: str
    published: pendulum.Date | None
    lists: Mapping[str, str]
    entries: Iterable[Entry | Tombstone]
    complete: bool = True
    events: Iterable[GenericEvent] = ()
    warnings: list[str] = attrs.field(factory=list)
