"""
One import of a list file, streamed: each part of the file is matched, diffed and written in turn.

An import runs inside one `Store.writer` transaction, in passes:

1. The file's entries, a part at a time: subjects are matched (or minted),
   the part's keys are diffed against the same keys in the neighbouring
   publications of each list (`store.publications`), and the part's subjects,
   derived events, retractions and publication entries are written.
2. For a delta file, the entries of the previous publication that the delta
   neither replaced nor deleted are carried into the new publication, a page
   at a time.
3. The keys a neighbouring publication has and the new one lacks, a page at a
   time: their REMOVED events (and retractions) are written.
4. Coverage of each list, from its first recorded publication on.

Diffing is per entry key (`formats.diff` compares each key's states in
neighbouring publications only), so the passes give the events that one
diff of the whole publication would give, while memory follows the part.
Within one publication the first occurrence of a (list, key) counts; a
repeat is skipped with a warning.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from designations.dates import Period, next_day
from designations.errors import ImportFormatError, StoreError, TransitionError
from designations.formats import Entry, Publication, Tombstone
from designations.formats import diff as _diff
from designations.formats.diff import PublicationState, Seen, decode
from designations.importing.lists import new_lists, source
from designations.importing.matcher import Candidate, Matcher, Resolved
from designations.importing.report import ImportReport
from designations.lifecycle import check_sequence
from designations.model import Event
from designations.store import PublicationRecord, StoreWriter, WriteBatch, reads
from designations.store import publications as stored

if TYPE_CHECKING:
    from sqlalchemy import Connection

__all__ = ["Run", "compatible", "iterate", "progress"]

_WARNINGS = 1000
"""Warnings kept per import (the report shows the first few); the rest are counted."""


def progress(enabled: bool | None, total: int | None = None) -> Any:  # noqa: ANN401
    """A tqdm bar on stderr when it is a terminal (or when asked), else None."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return None
    from tqdm import tqdm  # noqa: PLC0415 - only on a terminal

    return tqdm(total=total, unit=" entries", file=sys.stderr, leave=False)


def iterate(items: Iterable[Any], bar: Any) -> Iterator[Any]:  # noqa: ANN401
    """`items`, ticking `bar` every 500."""
    for n, item in enumerate(items, start=1):
        if bar is not None and n % 500 == 0:
            bar.update(500)
        yield item


def compatible(conn: Connection, items: Sequence[tuple[str, Event]], retracting: Collection[int],
               fresh: Collection[str] = ()) -> tuple[list[Event], list[str]]:
    """
    Keep the derived events that fit each subject's recorded history on the list.

    `items` pairs each event with the entry key it was derived from. A
    subject matched to one with curated (seeded or hand-recorded) events, or
    listed on the same list under another entry, may already have the
    listing; an entry's events that would contradict that history are left
    out, with a warning, rather than failing the import. Entries are taken
    in order, so the outcome does not depend on how the file was cut into
    parts. `fresh` subjects were minted in this part and have no history.
    """
    groups: dict[tuple[str, str], dict[str, list[Event]]] = {}
    for entry_key, e in items:
        groups.setdefault((e.subject_id, e.list_id), {}).setdefault(entry_key, []).append(e)
    existing: dict[tuple[str, str], list[Event]] = {}
    for event in reads.live_events_of(conn, (s for s, _l in groups if s not in fresh)):
        pair = (event.subject_id, event.list_id)
        if pair in groups and event.id not in retracting:
            existing.setdefault(pair, []).append(event)
    kept: list[Event] = []
    dropped: list[str] = []
    for pair, by_entry in groups.items():
        accepted = existing.get(pair, [])
        for entry_key, new in by_entry.items():
            try:
                check_sequence([*accepted, *new])
            except TransitionError as exc:
                dropped.append(f"{len(new)} derived event(s) of {pair[0]} on {pair[1]} "
                               f"(entry {entry_key}) left out: {exc}")
                continue
            accepted = [*accepted, *new]
            kept.extend(new)
    return kept, dropped


def _entries(conn: Connection, pubs: Sequence[stored.Stored],
             keys: Collection[str]) -> dict[int, dict[str, tuple[Seen, str]]]:
    """Publication id -> entry key -> (what it showed, subject id), for `keys` only."""
    out: dict[int, dict[str, tuple[Seen, str]]] = {}
    for pub, rows in stored.entries(conn, pubs, keys).items():
        seen = out[pub] = {}
        for key, row in rows.items():
            try:
                seen[key] = (decode(row.fingerprint, row.dates_seen), row.subject)
            except StoreError as exc:
                raise StoreError(f"publication {pub}, entry {key!r}: {exc}") from exc
    return out


class Run:
    """The passes of one import of a snapshot or delta publication; see the module docstring."""

    def __init__(self, writer: StoreWriter, publication: Publication, bar: Any,  # noqa: ANN401
                 part: int) -> None:
        """Import `publication` through `writer`, `part` entries at a time."""
        assert publication.published is not None  # noqa: S101 - checked by import_file
        self.writer = writer
        self.conn = writer.connection
        self.publication = publication
        self.day = publication.published
        self.bar = bar
        self.part = max(1, part)
        self.source = source(publication)
        self.matcher = Matcher(self.conn)
        self.places: dict[str, stored.Place] = {}
        self.lists = stored.list_ids(self.conn)
        self.counts: Counter[str] = Counter()
        self.retracted = 0
        self.entries = 0
        self.notes: list[str] = []
        self.unnoted = 0
        self.tombstones: list[Tombstone] = []

    def run(self) -> ImportReport:
        """All passes; returns the report (timing is added by the caller)."""
        pending: list[Entry] = []
        for item in iterate(self.publication.entries, self.bar):
            if isinstance(item, Tombstone):
                self.tombstones.append(item)
                continue
            self.entries += 1
            pending.append(item)
            if len(pending) >= self.part:
                self._entries(pending)
                pending = []
        self._entries(pending)
        if not self.entries and not self.tombstones:
            raise ImportFormatError("no entries: the file fits the format but lists nobody",
                                    path=self.publication.path, field="entries")
        if not self.publication.complete:
            self._carry_over()
        for list_id in self._recorded():
            self._absent(list_id)
        return self._finish()

    # passes ------------------------------------------------------------------------------

    def _entries(self, batch: Sequence[Entry]) -> None:
        """Pass 1: one part of the file's entries."""
        batch = self._unique(batch)
        if not batch:
            return
        resolved = self.matcher.resolve(
            [Candidate(e.name, e.kind, e.aliases, e.identifiers) for e in batch])
        states: dict[str, dict[str, Seen]] = {}
        owners: dict[str, dict[str, str]] = {}
        for e, subject in zip(batch, resolved.ids, strict=True):
            states.setdefault(e.list_id, {})[e.key] = _diff.seen(e)
            owners.setdefault(e.list_id, {})[e.key] = subject
        self._write(states, owners, resolved=resolved)

    def _carry_over(self) -> None:
        """Pass 2 (delta files): the previous publication's entries the delta leaves standing."""
        dead = {t.key for t in self.tombstones}
        gone = self.matcher.deleted(self.tombstones, self.publication.warnings)
        candidates = set(self.places)
        if self.tombstones:
            candidates |= stored.published_list_ids(self.conn, other_than_batch=self.writer.batch_id)
        for list_id in sorted(candidates):
            gone_here = {s for s, scope in gone if list_id.startswith(scope)}
            if list_id in self.places:
                base = self.places[list_id].prev
            else:
                found = stored.place(self.conn, list_id, self.day, self.writer.batch_id)
                base = found.latest
                if base is None or not stored.touches(self.conn, base.id, dead, gone_here):
                    continue
                self._check_delta(found)
                self.places[list_id] = found
                self._write({list_id: {}}, {list_id: {}})  # the new publication's row
            if base is None:
                continue
            new_id = self._new_id(list_id)
            after: str | None = None
            while page := stored.absent_keys(self.conn, base.id, missing_from=new_id,
                                             after=after, limit=self.part):
                after = page[-1]
                old = _entries(self.conn, [base], page)[base.id]
                kept = {k: v for k, v in old.items() if k not in dead and v[1] not in gone_here}
                if kept:
                    self._write({list_id: {k: s for k, (s, _o) in kept.items()}},
                                {list_id: {k: o for k, (_s, o) in kept.items()}})

    def _absent(self, list_id: str) -> None:
        """Pass 3: keys a neighbouring publication has and the new one lacks."""
        place = self.places[list_id]
        new_id = self._new_id(list_id)
        visited: list[int] = []
        for neighbour in place.neighbours:
            after: str | None = None
            while page := stored.absent_keys(self.conn, neighbour.id, missing_from=new_id,
                                             skip=visited, after=after, limit=self.part):
                after = page[-1]
                self._write({list_id: {}}, {list_id: {}}, absent={list_id: page}, record=False)
            visited.append(neighbour.id)

    def _coverage(self, list_id: str) -> Period:
        """From the list's first publication to its last (this one included), and no further."""
        place = self.places[list_id]
        first = min(place.first or self.day, self.day)
        last = max(place.latest.published if place.latest is not None else self.day, self.day)
        return Period(first, next_day(last))

    def _finish(self) -> ImportReport:
        """Pass 4: coverage, and the report."""
        recorded = self._recorded()
        coverage = tuple((list_id, "import", (self._coverage(list_id),)) for list_id in recorded)
        self.writer.apply(WriteBatch(kind="import", coverage=coverage))
        notes = self.notes[:20]
        if self.unnoted:
            notes.append(f"... and {self.unnoted} more warnings")
        pub = self.publication
        assert pub.published is not None  # noqa: S101
        return ImportReport(
            path=str(pub.path), format=pub.format, sha256=pub.sha256, published=pub.published,
            entries=self.entries, lists=tuple(recorded), events=dict(self.counts),
            retracted=self.retracted, new_subjects=self.matcher.new,
            matches=dict(self.matcher.counts),
            warnings=tuple(pub.warnings[:20]) + tuple(notes),
        )

    # one part ----------------------------------------------------------------------------

    def _write(self, states: Mapping[str, Mapping[str, Seen]],
               owners: Mapping[str, Mapping[str, str]], *, resolved: Resolved | None = None,
               absent: Mapping[str, Collection[str]] | None = None, record: bool = True) -> None:
        """Diff the given keys of each list, and write the part: subjects, events, entries."""
        jurisdictions, lists = new_lists(self.conn, set(states) - self.lists)
        self.lists.update(lst.id for lst in lists)
        derived: list[tuple[str, Event]] = []
        retracting: list[int] = []
        records: list[PublicationRecord] = []
        for list_id in sorted(states):
            place = self._place(list_id)
            new, own = states[list_id], owners[list_id]
            events, retract = self._derive(place, new, own, (absent or {}).get(list_id, ()))
            gone = stored.retractable(self.conn, list_id, retract)
            events, earlier = self._same_keys(list_id, events, set(gone))
            derived.extend(events)
            retracting.extend(gone)
            retracting.extend(earlier)
            if record:
                records.append(PublicationRecord(
                    list_id=list_id, published=self.day, sha256=self.publication.sha256,
                    format=self.publication.format, path=str(self.publication.path),
                    entries=tuple((k, own[k], s.fingerprint, _diff.encode(s, self.day))
                                  for k, s in sorted(new.items()))))
        kept, dropped = compatible(self.conn, derived, set(retracting),
                                   resolved.new if resolved else ())
        for note in dropped:
            self._note(note)
        self.counts.update(e.kind.value for e in kept)
        self.retracted += len(retracting)
        reason = f"superseded by the publication of {self.day}"
        self.writer.apply(WriteBatch(
            kind="import", jurisdictions=jurisdictions, lists=lists,
            subjects=resolved.subjects if resolved else (),
            match_reasons=resolved.reasons if resolved else (),
            events=tuple(kept), retractions=tuple((i, reason) for i in retracting),
            publications=tuple(records)))

    def _same_keys(self, list_id: str, events: list[tuple[str, Event]],
                   gone: set[int]) -> tuple[list[tuple[str, Event]], list[int]]:
        """
        Events whose key is already recorded: kept only when this publication makes them known earlier.

        An older publication imported after a newer one derives again what the newer one
        derived; the recorded event is superseded only where it was published later, so
        that the import order never changes what was known when.
        """
        if not events:
            return events, []
        recorded = stored.live_by_key(self.conn, list_id, [e.key for _k, e in events])
        kept: list[tuple[str, Event]] = []
        superseded: list[int] = []
        for entry_key, e in events:
            found = recorded.get(e.key)
            if found is None or found[0] in gone:
                kept.append((entry_key, e))
            elif e.published is not None and (found[1] is None or e.published < found[1]):
                superseded.append(found[0])
                kept.append((entry_key, e))
        return kept, superseded

    def _derive(self, place: stored.Place, new: Mapping[str, Seen], owners: Mapping[str, str],
                absent: Collection[str]) -> tuple[list[tuple[str, Event]], tuple[str, ...]]:
        """The events of the keys in `new` and `absent`, from their neighbouring states only."""
        neighbours = place.neighbours
        old = _entries(self.conn, neighbours, [*new, *absent]) if neighbours else {}
        states = [PublicationState(published=n.published,
                                   entries={k: v[0] for k, v in old[n.id].items()})
                  for n in neighbours]
        changes = _diff.diff(place.list_id, states, PublicationState(
            published=self.day, entries=new, sha256=self.publication.sha256))
        out: list[tuple[str, Event]] = []
        for d in changes.events:
            if "is after the publication date" in d.note:
                self._note(f"{place.list_id} entry {d.entry_key}: {d.note}")
            subject = owners.get(d.entry_key) or next(
                (old[n.id][d.entry_key][1] for n in reversed(neighbours) if d.entry_key in old[n.id]),
                "")
            if subject:
                out.append((d.entry_key, Event(
                    subject_id=subject, list_id=place.list_id, kind=d.kind,
                    effective=d.effective, published=d.published, sources=(self.source,),
                    note=d.note, key=d.key)))
        return out, changes.retract

    # helpers -----------------------------------------------------------------------------

    def _place(self, list_id: str) -> stored.Place:
        place = self.places.get(list_id)
        if place is None:
            place = stored.place(self.conn, list_id, self.day, self.writer.batch_id)
            if not self.publication.complete:
                self._check_delta(place)
            self.places[list_id] = place
        return place

    def _check_delta(self, place: stored.Place) -> None:
        """A delta applies to the latest publication, so it must be newer than it."""
        if place.latest is not None and place.latest.published >= self.day:
            raise ImportFormatError(
                f"a delta file must be newer than the last publication of {place.list_id} "
                f"({place.latest.published})", path=self.publication.path, field="published")

    def _new_id(self, list_id: str) -> int | None:
        return self.writer.publication_id(list_id, self.day, self.publication.sha256)

    def _recorded(self) -> list[str]:
        """The lists this import has recorded a publication of."""
        return [i for i in sorted(self.places) if self._new_id(i) is not None]

    def _unique(self, batch: Sequence[Entry]) -> list[Entry]:
        """`batch` without (list, key) pairs seen before in this publication."""
        out: list[Entry] = []
        seen: set[tuple[str, str]] = set()
        by_list: dict[str, list[str]] = {}
        for e in batch:
            if (e.list_id, e.key) in seen:
                self._repeat(e)
                continue
            seen.add((e.list_id, e.key))
            by_list.setdefault(e.list_id, []).append(e.key)
            out.append(e)
        again: set[tuple[str, str]] = set()
        for list_id, keys in by_list.items():
            pub_id = self._new_id(list_id)
            if pub_id is not None:
                again.update((list_id, k) for k in stored.present(self.conn, pub_id, keys))
        if not again:
            return out
        for e in out:
            if (e.list_id, e.key) in again:
                self._repeat(e)
        return [e for e in out if (e.list_id, e.key) not in again]

    def _repeat(self, e: Entry) -> None:
        self._note(f"entry {e.key!r} on {e.list_id} appears again (line {e.line}); "
                   "the first occurrence counts")

    def _note(self, text: str) -> None:
        if len(self.notes) < _WARNINGS:
            self.notes.append(text)
        else:
            self.unnoted += 1
