"""
The publications a store has recorded, read a part at a time (for imports).

Diffing a new publication needs, per list, only its neighbours in time (the
latest publication before it, one of the same day, the first after it), and
of those only the entries whose keys the current part holds, or the keys a
neighbour has and the new publication lacks. Both are index lookups on
`publication_entry (publication_id, entry_key)`, so an import never holds
a whole publication in memory.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import attrs
import pendulum
from sqlalchemy import Connection, select

from designations.batching import distinct_batches
from designations.store.schema import (
    EventTable,
    ListTable,
    PublicationEntryTable,
    PublicationTable,
    RetractionTable,
    SubjectTable,
)

__all__ = ["EntryRow", "Place", "Stored", "absent_keys", "entries", "list_ids", "live_by_key", "place",
           "present", "published_list_ids", "retractable", "touches"]


@attrs.frozen
class Stored:
    """A recorded publication: its row id and date."""

    id: int
    published: pendulum.Date


@attrs.frozen(kw_only=True)
class Place:
    """Where a new publication falls among the recorded publications of its list."""

    list_id: str
    prev: Stored | None = None
    same: Stored | None = None
    nxt: Stored | None = None
    first: pendulum.Date | None = None
    latest: Stored | None = None

    @property
    def neighbours(self) -> tuple[Stored, ...]:
        """The publications whose pairs with the new one change: before, same day, after."""
        return tuple(p for p in (self.prev, self.same, self.nxt) if p is not None)


def _day(value: object) -> pendulum.Date:
    d = value  # a datetime.date from the driver
    return pendulum.Date(d.year, d.month, d.day)  # type: ignore[attr-defined]


def place(conn: Connection, list_id: str, day: pendulum.Date, batch_id: int) -> Place:
    """The neighbours of a publication of `day` on `list_id` (the last one of each date counts)."""
    latest: dict[pendulum.Date, int] = {}
    for pub_id, published in conn.execute(
        select(PublicationTable.c.id, PublicationTable.c.published)
        .where(PublicationTable.c.list_id == list_id, PublicationTable.c.batch_id != batch_id)
        .order_by(PublicationTable.c.published, PublicationTable.c.id)
    ):
        latest[_day(published)] = pub_id
    if not latest:
        return Place(list_id=list_id)
    dates = sorted(latest)
    before = [d for d in dates if d < day]
    after = [d for d in dates if d > day]
    return Place(
        list_id=list_id,
        prev=Stored(latest[before[-1]], before[-1]) if before else None,
        same=Stored(latest[day], day) if day in latest else None,
        nxt=Stored(latest[after[0]], after[0]) if after else None,
        first=dates[0],
        latest=Stored(latest[dates[-1]], dates[-1]),
    )


@attrs.frozen
class EntryRow:
    """
    An entry as recorded.

    Its fingerprint, the dates it showed (as `formats.diff.encode` wrote them) and its subject id.
    """

    fingerprint: str
    dates_seen: str
    subject: str


def entries(conn: Connection, pubs: Sequence[Stored], keys: Collection[str]) -> dict[int, dict[str, EntryRow]]:
    """Publication id -> entry key -> the recorded entry, for `keys` only."""
    out: dict[int, dict[str, EntryRow]] = {p.id: {} for p in pubs}
    if not pubs:
        return out
    ids = [p.id for p in pubs]
    for chunk in distinct_batches(keys):
        for pub_id, key, fingerprint, listed, subject in conn.execute(
            select(PublicationEntryTable.c.publication_id, PublicationEntryTable.c.entry_key,
                   PublicationEntryTable.c.fingerprint, PublicationEntryTable.c.dates_seen, SubjectTable.c.key)
            .join(SubjectTable, SubjectTable.c.pk == PublicationEntryTable.c.subject_pk)
            .where(PublicationEntryTable.c.publication_id.in_(ids),
                   PublicationEntryTable.c.entry_key.in_(chunk))
        ):
            out[pub_id][key] = EntryRow(fingerprint, listed, subject)
    return out


def present(conn: Connection, pub_id: int, keys: Collection[str]) -> set[str]:
    """Which of `keys` publication `pub_id` holds."""
    found: set[str] = set()
    for chunk in distinct_batches(keys):
        found.update(conn.scalars(select(PublicationEntryTable.c.entry_key).where(
            PublicationEntryTable.c.publication_id == pub_id,
            PublicationEntryTable.c.entry_key.in_(chunk))))
    return found


def absent_keys(conn: Connection, pub_id: int, *, missing_from: int | None,
                skip: Sequence[int] = (), after: str | None = None, limit: int = 5000) -> list[str]:
    """
    The next `limit` entry keys of publication `pub_id`, in key order after `after`.

    Keys that publication `missing_from` holds, or that any publication in
    `skip` holds (already visited), are left out. Paging by key keeps each
    call an index range scan.
    """
    pe = PublicationEntryTable.alias("pe")
    stmt = select(pe.c.entry_key).where(pe.c.publication_id == pub_id)
    if after is not None:
        stmt = stmt.where(pe.c.entry_key > after)
    for other in ([missing_from] if missing_from is not None else []) + list(skip):
        twin = PublicationEntryTable.alias()
        stmt = stmt.where(~select(twin.c.id).where(
            twin.c.publication_id == other, twin.c.entry_key == pe.c.entry_key).exists())
    return list(conn.scalars(stmt.order_by(pe.c.entry_key).limit(limit)))


def retractable(conn: Connection, list_id: str, keys: Collection[str]) -> list[int]:
    """The ids of the unretracted events on `list_id` with these keys."""
    retracted = select(RetractionTable.c.event_id).where(RetractionTable.c.event_id == EventTable.c.id).exists()
    ids: list[int] = []
    for chunk in distinct_batches(keys):
        ids.extend(conn.scalars(select(EventTable.c.id).where(
            EventTable.c.list_id == list_id, EventTable.c.key.in_(chunk), ~retracted)))
    return ids


def live_by_key(conn: Connection, list_id: str,
                keys: Collection[str]) -> dict[str, tuple[int, pendulum.Date | None]]:
    """The unretracted events on `list_id` with these keys: key -> (id, published)."""
    retracted = select(RetractionTable.c.event_id).where(RetractionTable.c.event_id == EventTable.c.id).exists()
    out: dict[str, tuple[int, pendulum.Date | None]] = {}
    for chunk in distinct_batches(keys):
        for event_id, key, published in conn.execute(
                select(EventTable.c.id, EventTable.c.key, EventTable.c.published)
                .where(EventTable.c.list_id == list_id, EventTable.c.key.in_(chunk), ~retracted)):
            out[key] = (event_id, _day(published) if published is not None else None)
    return out


def touches(conn: Connection, pub_id: int, keys: Collection[str], subjects: Collection[str]) -> bool:
    """Whether publication `pub_id` holds any of `keys`, or any entry of one of `subjects`."""
    if keys and present(conn, pub_id, keys):
        return True
    for chunk in distinct_batches(subjects):
        found = conn.scalar(
            select(PublicationEntryTable.c.id)
            .join(SubjectTable, SubjectTable.c.pk == PublicationEntryTable.c.subject_pk)
            .where(PublicationEntryTable.c.publication_id == pub_id, SubjectTable.c.key.in_(chunk))
            .limit(1))
        if found is not None:
            return True
    return False


def list_ids(conn: Connection) -> set[str]:
    """The ids of every list the store has."""
    return set(conn.scalars(select(ListTable.c.id)))


def published_list_ids(conn: Connection, *, other_than_batch: int) -> set[str]:
    """The lists with a publication recorded by a batch other than `other_than_batch`."""
    return set(conn.scalars(select(PublicationTable.c.list_id).where(
        PublicationTable.c.batch_id != other_than_batch).distinct()))
