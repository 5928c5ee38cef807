"""The generic event format: rows are events already, so they are matched and written a part at a time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from designations.errors import DesignationsError, ImportFormatError, TransitionError
from designations.formats import GenericEvent, Publication
from designations.importing.lists import new_lists
from designations.importing.matcher import Candidate, Matcher
from designations.importing.report import ImportReport
from designations.importing.run import iterate
from designations.model import Event, Identifier, Source
from designations.store import PublicationRecord, StoreWriter, WriteBatch

__all__ = ["run_generic"]


def _event(row: GenericEvent, subject: str, publication: Publication) -> Event:
    source = Source(title=row.source_title or row.source_url, url=row.source_url,
                    date=row.published)
    key = f"generic:{row.list_id}:{row.subject_id}:{row.event.value}:{row.effective}"
    try:
        return Event(subject_id=subject, list_id=row.list_id, kind=row.event,
                     effective=row.effective, published=row.published, sources=(source,), key=key)
    except DesignationsError as exc:
        raise ImportFormatError(str(exc), path=publication.path, line=row.line,
                                field="event") from exc


def run_generic(writer: StoreWriter, publication: Publication, bar: Any,  # noqa: ANN401
                part: int) -> ImportReport:
    """Import a generic event file through `writer`, `part` rows at a time."""
    assert publication.published is not None  # noqa: S101 - checked by import_file
    matcher = Matcher(writer.connection)
    counts: Counter[str] = Counter()
    list_ids: set[str] = set()

    def flush(rows: Sequence[GenericEvent]) -> None:
        if not rows:
            return
        resolved = matcher.resolve([Candidate(
            r.subject_name, r.kind, r.aliases,
            (Identifier("generic", f"{r.list_id}:{r.subject_id}"), *r.identifiers)) for r in rows])
        events = tuple(_event(r, s, publication) for r, s in zip(rows, resolved.ids, strict=True))
        jurisdictions, lists = new_lists(writer.connection, {r.list_id for r in rows} - list_ids)
        list_ids.update(r.list_id for r in rows)
        counts.update(e.kind.value for e in events)
        try:
            writer.apply(WriteBatch(kind="import", jurisdictions=jurisdictions, lists=lists,
                                    subjects=resolved.subjects, match_reasons=resolved.reasons,
                                    events=events))
        except TransitionError as exc:  # name the row that broke the history (nothing is written)
            line = next((r.line for r, e in zip(rows, events, strict=True)
                         if exc.subject in (e.subject_id, r.subject_name) and e.list_id == exc.list_id
                         and e.kind.value == exc.kind and str(e.effective) == str(exc.on)), None)
            raise ImportFormatError(str(exc), path=publication.path, line=line, field="event") from exc

    pending: list[GenericEvent] = []
    for row in iterate(publication.events, bar):
        pending.append(row)
        if len(pending) >= max(1, part):
            flush(pending)
            pending = []
    flush(pending)
    if not counts:
        raise ImportFormatError("no events in the file", path=publication.path, field="events")
    writer.apply(WriteBatch(kind="import", publications=tuple(PublicationRecord(
        list_id=lid, published=publication.published, sha256=publication.sha256,
        format="generic", path=str(publication.path)) for lid in sorted(list_ids))))
    return ImportReport(path=str(publication.path), format="generic",
                        sha256=publication.sha256, published=publication.published,
                        entries=sum(counts.values()), lists=tuple(sorted(list_ids)),
                        events=dict(counts), new_subjects=matcher.new,
                        matches=dict(matcher.counts))
