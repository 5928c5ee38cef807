"""
What one write transaction carries (`WriteBatch`) and what it gives back (`BatchResult`).

These are plain values: building a batch touches no database, so importers,
the seed loader and the registry build them and hand them to `Store.write`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import attrs
import pendulum

from designations.batching import batched
from designations.dates import Period
from designations.model import DesignationList, Event, Jurisdiction, Relation, Subject

__all__ = ["BatchResult", "PublicationRecord", "WriteBatch", "split_batch"]


@attrs.frozen(kw_only=True)
class PublicationRecord:
    """
    An imported publication of a list and its entries (entry key, subject id, fingerprint, dates seen).

    Within one writer, records of the same list, date and sha256 are one
    publication: a later part's entries are added to it, so a large
    publication can be written a part at a time.
    """

    list_id: str
    published: pendulum.Date
    sha256: str
    format: str
    path: str = ""
    entries: tuple[tuple[str, str, str, str], ...] = ()


@attrs.frozen(kw_only=True)
class WriteBatch:
    """Everything one transaction writes."""

    kind: str
    note: str = ""
    source_path: str = ""
    sha256: str = ""
    jurisdictions: tuple[Jurisdiction, ...] = ()
    jurisdiction_aliases: tuple[tuple[str, str], ...] = ()
    lists: tuple[DesignationList, ...] = ()
    coverage: tuple[tuple[str, str, tuple[Period, ...]], ...] = ()
    """(list id, origin, periods): replaces that origin's coverage of the list."""
    subjects: tuple[Subject, ...] = ()
    match_reasons: tuple[tuple[str, str], ...] = ()
    events: tuple[Event, ...] = ()
    retractions: tuple[tuple[int, str], ...] = ()
    publications: tuple[PublicationRecord, ...] = ()
    meta: tuple[tuple[str, str], ...] = ()
    relations: tuple[Relation, ...] | None = None
    """The complete set of subject relations, replacing the stored one; None leaves it as it is."""
    bulk: bool = False
    """
    Load mode for large batches: on SQLite the overlap rule is checked once, set-wise,
    before the commit instead of by the trigger row by row (the same rule, the same
    error, nothing written on failure). PostgreSQL keeps its guard triggers (set-wise per statement).
    """

    @property
    def empty(self) -> bool:
        """Whether the batch would write nothing but its own row."""
        return not (
            self.jurisdictions or self.lists or self.coverage or self.subjects
            or self.events or self.retractions or self.publications or self.meta
            or self.relations is not None
        )


@attrs.frozen(kw_only=True)
class BatchResult:
    """What a batch wrote: its id and recorded time, and the new event ids in order."""

    batch_id: int
    recorded_at: dt.datetime
    event_ids: tuple[int, ...]


def split_batch(batch: WriteBatch, size: int = 20_000) -> Iterator[WriteBatch]:
    """
    `batch` as parts for one `Store.writer`: the same rows, ids and order as one write.

    Lists come first, then subjects, then events cut only where the
    (subject, list) pair changes (so a pair stays in one part when its events
    are adjacent), then coverage, publications and settings. Each part holds
    about `size` subjects or events, so the writer's memory follows `size`.
    """
    if batch.jurisdictions or batch.jurisdiction_aliases or batch.lists:
        yield WriteBatch(kind=batch.kind, jurisdictions=batch.jurisdictions,
                         jurisdiction_aliases=batch.jurisdiction_aliases, lists=batch.lists, bulk=batch.bulk)
    reasons = dict(batch.match_reasons)
    for chunk in batched(batch.subjects, size):
        yield WriteBatch(kind=batch.kind, subjects=tuple(chunk), match_reasons=tuple(
            (s.id, reasons[s.id]) for s in chunk if s.id in reasons), bulk=batch.bulk)
    retractions = batch.retractions
    start = 0
    events = batch.events
    for end in range(1, len(events) + 1):
        if end < len(events) and (end - start < size or (
                events[end].subject_id, events[end].list_id)
                == (events[end - 1].subject_id, events[end - 1].list_id)):
            continue
        yield WriteBatch(kind=batch.kind, events=events[start:end], retractions=retractions, bulk=batch.bulk)
        retractions, start = (), end
    if retractions or batch.coverage or batch.publications or batch.meta or batch.relations is not None:
        yield WriteBatch(kind=batch.kind, retractions=retractions, coverage=batch.coverage,
                         publications=batch.publications, meta=batch.meta, relations=batch.relations,
                         bulk=batch.bulk)
