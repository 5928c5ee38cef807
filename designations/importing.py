"""
Importing official list files into a registry: read, diff against what the store knows, write once.

`import_file` reads a publication (see `designations.sources`), compares it
with the publications of the same lists already recorded, and writes the
derived LISTED / REMOVED / AMENDED events, the retractions an out-of-order
publication implies, the subjects (matched across lists by identifier, then
by strict normalised name, with the reason kept), the coverage and the
publication record, all in one transaction. A file whose sha256 is already
recorded is skipped.
"""

from __future__ import annotations

import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pendulum
from sqlalchemy import Connection, select

from designations.dates import DateWindow, Period, parse_window
from designations.errors import (
    DesignationsError,
    ImportFormatError,
    TransitionError,
)
from designations.lifecycle import check_sequence
from designations.model import DesignationList, Event, Identifier, Jurisdiction, Source, Subject
from designations.names import normalise
from designations.sources import GenericEvent, Publication, Tombstone, read
from designations.sources import diff as _diff
from designations.sources._common import key as _key
from designations.sources.diff import PublicationState, Seen
from designations.store import PublicationRecord, WriteBatch, convert, split_batch
from designations.store.schema import (
    EventRow,
    JurisdictionRow,
    ListRow,
    PublicationEntryRow,
    PublicationRow,
    RetractionRow,
    SubjectIdentifierRow,
    SubjectNameRow,
    SubjectRow,
)

if TYPE_CHECKING:
    from designations.registry import Registry

__all__ = ["ImportReport", "decode_seen", "encode_seen", "import_file"]

_JURISDICTIONS = {
    "un": Jurisdiction("UN", "United Nations", "America/New_York"),
    "us": Jurisdiction("US", "United States", "America/New_York"),
    "eu": Jurisdiction("EU", "European Union", "Europe/Brussels"),
    "uk": Jurisdiction("GB", "United Kingdom", "Europe/London"),
}
_URLS = {
    "un": "https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list",
    "ofac-csv": "https://ofac.treasury.gov/sanctions-list-service",
    "ofac-xml": "https://ofac.treasury.gov/sanctions-list-service",
    "eu-fsf": "https://webgate.ec.europa.eu/fsd/fsf",
    "uk-conlist": "https://www.gov.uk/government/publications/financial-sanctions-consolidated-list-of-targets",
    "uk-sl": "https://www.gov.uk/government/publications/the-uk-sanctions-list",
    "ftm": "https://www.opensanctions.org/docs/bulk/",
}
_OTHER = Jurisdiction("ZZ", "Other or unknown jurisdiction", "UTC")


@attrs.frozen(kw_only=True)
class ImportReport:
    """What one import did: events per kind, subjects, the publication and timing."""

    path: str
    format: str
    sha256: str
    published: pendulum.Date
    duplicate: bool = False
    entries: int = 0
    lists: tuple[str, ...] = ()
    events: Mapping[str, int] = attrs.field(factory=dict)
    retracted: int = 0
    new_subjects: int = 0
    matches: Mapping[str, int] = attrs.field(factory=dict)
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (the CLI's `--json`)."""
        return {
            "path": self.path, "format": self.format, "sha256": self.sha256,
            "published": self.published.isoformat(), "duplicate": self.duplicate,
            "entries": self.entries, "lists": list(self.lists), "events": dict(self.events),
            "retracted": self.retracted, "new_subjects": self.new_subjects,
            "matches": dict(self.matches), "warnings": list(self.warnings),
            "seconds": round(self.seconds, 3),
        }


def encode_seen(seen: Seen, published: pendulum.Date | None = None) -> str:
    """The `listed_on` column text of a publication entry (see `sources.diff.encode`)."""
    return _diff.encode(seen, published)


def decode_seen(fingerprint: str, text: str) -> Seen:
    """The inverse of `encode_seen`; older texts (`<listed>`, `<listed>><removed>`) still read."""
    return _diff.decode(fingerprint, text)


def _progress(enabled: bool | None, total: int | None = None) -> Any:  # noqa: ANN401
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return None
    from tqdm import tqdm  # noqa: PLC0415 - only on a terminal

    return tqdm(total=total, unit=" entries", file=sys.stderr, leave=False)


def _iterate(items: Iterable[Any], bar: Any) -> Iterator[Any]:  # noqa: ANN401
    for n, item in enumerate(items, start=1):
        if bar is not None and n % 500 == 0:
            bar.update(500)
        yield item


def _slug(name: str) -> str:
    key = _key(name).replace(" ", "-")
    if not key or not key.isascii():
        from anyascii import anyascii  # noqa: PLC0415

        key = normalise(anyascii(name)).replace(" ", "-") or "subject"
    return key[:100]


class _Matcher:
    """Find or mint the subject of each entry: identifiers first, then a strict name match."""

    def __init__(self, conn: Connection) -> None:
        self.by_ident: dict[tuple[str, str], str] = {}
        for scheme, value, key in conn.execute(
            select(SubjectIdentifierRow.scheme, SubjectIdentifierRow.value, SubjectRow.key)
            .join(SubjectRow, SubjectRow.pk == SubjectIdentifierRow.subject_pk)
        ):
            self.by_ident[(scheme, value)] = key
        names: dict[str, set[str]] = defaultdict(set)
        for name_key, key in conn.execute(
            select(SubjectNameRow.key, SubjectRow.key)
            .join(SubjectRow, SubjectRow.pk == SubjectNameRow.subject_pk)
            .where(SubjectNameRow.is_primary)
        ):
            names[name_key].add(key)
        self.by_name = dict(names)
        self.taken = set(conn.scalars(select(SubjectRow.key)))
        self.schemes: dict[str, set[str]] = defaultdict(set)
        for (scheme, _value), key in self.by_ident.items():
            self.schemes[key].add(scheme)
        self.subjects: dict[str, Subject] = {}
        self.reasons: dict[str, str] = {}
        self.new: set[str] = set()
        self.counts: Counter[str] = Counter()

    def subject_id(self, name: str, kind: Any, aliases: tuple[Any, ...],  # noqa: ANN401
                   identifiers: tuple[Identifier, ...]) -> str:
        found = next((self.by_ident[(i.scheme, i.value)] for i in identifiers
                      if (i.scheme, i.value) in self.by_ident), None)
        reason = "identifier"
        if found is None:
            mine = {i.scheme for i in identifiers}
            owners = {o for o in self.by_name.get(_key(name), set())
                      if not self.schemes.get(o, set()) & mine}
            if len(owners) == 1:
                found, reason = next(iter(owners)), "name"
        if found is None:
            found, reason = self._mint(name, identifiers), "new"
            self.new.add(found)
            self.by_name.setdefault(_key(name), set()).add(found)
        self.counts[reason] += 1
        if reason != "new" and found not in self.reasons:
            self.reasons[found] = f"matched by {reason}"
        own = tuple(i for i in identifiers
                    if self.by_ident.setdefault((i.scheme, i.value), found) == found)
        self.schemes[found].update(i.scheme for i in own)
        old = self.subjects.get(found)
        if old is None:
            self.subjects[found] = Subject(id=found, kind=kind, name=name, aliases=aliases,
                                           identifiers=own)
        elif found in self.new or aliases or own:
            extra = tuple(a for a in aliases if a not in old.aliases)
            idents = tuple(i for i in own if i not in old.identifiers)
            if extra or idents:
                self.subjects[found] = attrs.evolve(old, aliases=old.aliases + extra,
                                                    identifiers=old.identifiers + idents)
        return found

    def deleted(self, tombstones: Iterable[Tombstone],
                warnings: list[str]) -> set[tuple[str, str]]:
        """
        The (subject, list-id prefix) pairs whose listings a delta's DELs of entities remove.

        A deleted entity is found by its identifier. When its subject also holds
        other identifiers of that scheme (two source entities matched as one),
        which listings were the deleted entity's is unknown, so none go but its
        own keyed entries, and a warning says so.
        """
        targets = [t for t in tombstones
                   if t.target is not None and (t.target.scheme, t.target.value) in self.by_ident]
        if not targets:
            return set()
        held = Counter((owner, scheme) for (scheme, _value), owner in self.by_ident.items())
        out: set[tuple[str, str]] = set()
        for t in targets:
            assert t.target is not None  # noqa: S101 - filtered above
            owner = self.by_ident[(t.target.scheme, t.target.value)]
            if held[(owner, t.target.scheme)] == 1:
                out.add((owner, t.scope))
            else:
                warnings.append(f"DEL of {t.key!r} (line {t.line}): subject {owner!r} holds other "
                                f"{t.target.scheme} ids too; only entries keyed {t.key!r} removed")
        return out

    def _mint(self, name: str, identifiers: tuple[Identifier, ...]) -> str:
        base = _slug(name)
        candidate = base
        if candidate in self.taken and identifiers:
            candidate = f"{base}-{_slug(identifiers[0].value)}"[:120]
        n = 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate


_Known = dict[str, list[tuple[PublicationState, dict[str, str]]]]


def _known(conn: Connection, list_ids: Iterable[str]) -> _Known:
    """Recorded publications per list: state and entry key -> subject key."""
    out: dict[str, list[tuple[PublicationState, dict[str, str]]]] = defaultdict(list)
    rows = conn.execute(
        select(PublicationRow.id, PublicationRow.list_id, PublicationRow.published,
               PublicationRow.sha256)
        .where(PublicationRow.list_id.in_(sorted(set(list_ids))))
        .order_by(PublicationRow.list_id, PublicationRow.published, PublicationRow.id)
    ).all()
    latest: dict[tuple[str, object], Any] = {}
    for row in rows:
        latest[(row.list_id, row.published)] = row
    for row in latest.values():
        entries: dict[str, Seen] = {}
        owners: dict[str, str] = {}
        for key, fp, listed, subject in conn.execute(
            select(PublicationEntryRow.entry_key, PublicationEntryRow.fingerprint,
                   PublicationEntryRow.listed_on, SubjectRow.key)
            .join(SubjectRow, SubjectRow.pk == PublicationEntryRow.subject_pk)
            .where(PublicationEntryRow.publication_id == row.id)
        ):
            entries[key] = decode_seen(fp, listed)
            owners[key] = subject
        day = pendulum.Date(row.published.year, row.published.month, row.published.day)
        out[row.list_id].append((PublicationState(published=day, entries=entries,
                                                  sha256=row.sha256), owners))
    return out


def _list_names() -> dict[str, str]:
    from designations.sources import un  # noqa: PLC0415

    names = dict(un.LISTS.values())
    names.update({"us-fto": "Foreign Terrorist Organizations (OFAC program FTO)",
                  "us-sdgt": "Specially Designated Global Terrorists (OFAC program SDGT)",
                  "eu-terrorist-list": "EU terrorist list (CP 2001/931/CFSP)",
                  "uk-hmt-terrorism": "HMT ConList: Terrorism and Terrorist Financing",
                  "uk-hmt-isil-al-qaida": "HMT ConList: ISIL (Da'esh) and Al-Qaida",
                  "uk-hmt-afghanistan": "HMT ConList: Afghanistan"})
    return names


def _derived_name(list_id: str) -> str:
    """A readable name for a list an importer created from a program or regime code."""
    for prefix, label in (("us-cons-", "OFAC Consolidated (non-SDN) list, program "),
                          ("us-", "OFAC SDN list, program "), ("uk-hmt-", "UK financial sanctions regime: ")):
        if list_id.startswith(prefix):
            return label + list_id.removeprefix(prefix).replace("-", " ").upper()
    return list_id


def _ensure_lists(conn: Connection, list_ids: Iterable[str]) -> tuple[
        tuple[Jurisdiction, ...], tuple[DesignationList, ...]]:
    have = set(conn.scalars(select(ListRow.id)))
    codes = {r.code: Jurisdiction(r.code, r.name, r.timezone)
             for r in conn.execute(select(JurisdictionRow))}
    names = _list_names()
    juris: dict[str, Jurisdiction] = {}
    lists: list[DesignationList] = []
    for list_id in sorted(set(list_ids) - have):
        j = _JURISDICTIONS.get(list_id.split("-", 1)[0], _OTHER)
        j = codes.get(j.code, j)
        if j.code not in codes:
            juris[j.code] = j
        lists.append(DesignationList(id=list_id, jurisdiction=j,
                                     name=names.get(list_id) or _derived_name(list_id)))
    return tuple(juris.values()), tuple(lists)


def _retractable(conn: Connection, keys: Iterable[str]) -> list[int]:
    wanted = sorted(set(keys))
    if not wanted:
        return []
    retracted = select(RetractionRow.event_id).where(RetractionRow.event_id == EventRow.id).exists()
    ids: list[int] = []
    for i in range(0, len(wanted), 500):
        ids.extend(conn.scalars(select(EventRow.id).where(
            EventRow.key.in_(wanted[i:i + 500]), ~retracted)))
    return ids


def import_file(
    registry: Registry,
    path: str | Path,
    *,
    format: str | None = None,
    published: object = None,
    progress: bool | None = None,
) -> ImportReport:
    """
    Import one list file into `registry`, in one transaction.

    Args:
        registry: an open, writable registry.
        path: the file (for `ofac-csv`, `sdn.csv` or its directory).
        format: a name from `designations.sources.FORMATS`, or None / "auto".
        published: the publication date; defaults to the date inside the file.
        progress: show a progress bar (default: only when stderr is a terminal).

    Returns:
        What was recorded; `duplicate=True` when the file was imported before.

    Raises:
        ImportFormatError: the file does not fit its format (nothing is written).

    .. versionadded:: 0.1.0

    """
    started = time.perf_counter()
    day = parse_window(published, field="published").earliest if published is not None else None
    publication = read(Path(path), format, day)
    if publication.published is None:
        raise ImportFormatError("the file gives no publication date; pass --published DATE",
                                path=publication.path, field="published")
    store = registry.store
    with store.read() as conn:
        seen_before = conn.scalar(select(PublicationRow.id).where(
            PublicationRow.sha256 == publication.sha256).limit(1))
    if seen_before is not None:
        return ImportReport(path=str(publication.path), format=publication.format,
                            sha256=publication.sha256, published=publication.published,
                            duplicate=True, seconds=time.perf_counter() - started)
    with store.read() as conn:
        batch, report = _build(conn, publication, progress)
    if not batch.empty:
        _write_in_parts(registry, batch)
    return attrs.evolve(report, seconds=time.perf_counter() - started)


_PART = 20_000
"""Subjects or events per part streamed to the store writer (one transaction for the file)."""


def _write_in_parts(registry: Registry, batch: WriteBatch) -> None:
    """Stream `batch` to the store in parts, all in one transaction: all or nothing."""
    with registry.store.writer(kind=batch.kind, note=batch.note, source_path=batch.source_path,
                               sha256=batch.sha256) as writer:
        for part in split_batch(batch, _PART):
            writer.apply(part)
    registry._catalogue = None  # noqa: SLF001 - what `Registry._write` does after a write


def _source(publication: Publication) -> Source:
    title = f"{publication.format} publication of {publication.published} ({publication.path.name})"
    return Source(title=title, url=_URLS.get(publication.format, ""), date=publication.published)


def _build(conn: Connection, publication: Publication,
           progress: bool | None) -> tuple[WriteBatch, ImportReport]:
    assert publication.published is not None  # noqa: S101 - checked by the caller
    matcher = _Matcher(conn)
    bar = _progress(progress)
    try:
        if publication.format == "generic":
            return _build_generic(conn, publication, matcher, bar)
        states: dict[str, dict[str, Seen]] = defaultdict(dict)
        owners: dict[tuple[str, str], str] = {}
        tombstones: list[Tombstone] = []
        count = 0
        for item in _iterate(publication.entries, bar):
            if isinstance(item, Tombstone):
                tombstones.append(item)
                continue
            count += 1
            subject = matcher.subject_id(item.name, item.kind, item.aliases, item.identifiers)
            states[item.list_id][item.key] = _diff.seen(item)
            owners[(item.list_id, item.key)] = subject
    finally:
        if bar is not None:
            bar.close()
    if count == 0 and not tombstones:
        raise ImportFormatError("no entries: the file fits the format but lists nobody",
                                path=publication.path, field="entries")
    known = _known(conn, states.keys())
    if not publication.complete:
        known_all = _known(conn, list(conn.scalars(select(ListRow.id)))) \
            if tombstones else known
        dead = {t.key for t in tombstones}
        # A DEL of a sanctioned entity (not of a listing) removes that subject's listings.
        gone = matcher.deleted(tombstones, publication.warnings)
        for list_id, pubs in known_all.items():
            if not pubs:
                continue
            base_state, base_owners = max(pubs, key=lambda p: p[0].published)
            gone_here = {subject for subject, scope in gone if list_id.startswith(scope)}
            merged = {k: v for k, v in base_state.entries.items()
                      if k not in dead and base_owners.get(k) not in gone_here}
            if list_id not in states and merged == base_state.entries:
                continue
            if base_state.published >= publication.published:
                raise ImportFormatError(
                    f"a delta file must be newer than the last publication of {list_id} "
                    f"({base_state.published})", path=publication.path, field="published")
            merged.update(states.get(list_id, {}))
            states[list_id] = merged
            for key in merged:
                owners.setdefault((list_id, key), base_owners.get(key, ""))
        known.update({k: v for k, v in known_all.items() if k in states})
    return _assemble(conn, publication, matcher, states, owners, known, count)


def _assemble(conn: Connection, publication: Publication, matcher: _Matcher,
              states: Mapping[str, Mapping[str, Seen]], owners: Mapping[tuple[str, str], str],
              known: Mapping[str, list[tuple[PublicationState, dict[str, str]]]],
              count: int) -> tuple[WriteBatch, ImportReport]:
    assert publication.published is not None  # noqa: S101
    source = _source(publication)
    events: list[Event] = []
    retract_keys: list[str] = []
    counts: Counter[str] = Counter()
    records: list[PublicationRecord] = []
    coverage: list[tuple[str, str, tuple[Period, ...]]] = []
    for list_id in sorted(states):
        entries = states[list_id]
        new_state = PublicationState(published=publication.published, entries=entries,
                                     sha256=publication.sha256)
        pubs = known.get(list_id, [])
        old_owners: dict[str, str] = {}
        for _state, own in pubs:
            old_owners.update(own)
        changes = _diff.diff(list_id, [p for p, _o in pubs], new_state)
        for derived in changes.events:
            subject = owners.get((list_id, derived.entry_key)) or old_owners.get(derived.entry_key)
            if not subject:
                continue
            events.append(Event(subject_id=subject, list_id=list_id, kind=derived.kind,
                                effective=derived.effective, published=derived.published,
                                sources=(source,), note=derived.note, key=derived.key))
            counts[derived.kind.value] += 1
        retract_keys.extend(changes.retract)
        records.append(PublicationRecord(
            list_id=list_id, published=publication.published, sha256=publication.sha256,
            format=publication.format, path=str(publication.path),
            entries=tuple((k, owners.get((list_id, k)) or old_owners.get(k, ""), s.fingerprint,
                           encode_seen(s, publication.published))
                     for k, s in sorted(entries.items())),
        ))
        first = min([p.published for p, _o in pubs] + [publication.published])
        coverage.append((list_id, "import", (Period(first),)))
    event_ids = _retractable(conn, retract_keys)
    events, dropped = _compatible(conn, events, set(event_ids))
    counts = Counter(e.kind.value for e in events)
    jurisdictions, lists = _ensure_lists(conn, states.keys())
    needed = {e.subject_id for e in events} | {k[1] for r in records for k in r.entries}
    subjects = tuple(s for sid, s in matcher.subjects.items()
                     if sid in needed or sid in matcher.new)
    batch = WriteBatch(
        kind="import", note=f"{publication.format} {publication.published}",
        source_path=str(publication.path), sha256=publication.sha256,
        jurisdictions=jurisdictions, lists=lists, coverage=tuple(coverage),
        subjects=subjects, match_reasons=tuple(matcher.reasons.items()),
        events=tuple(events),
        retractions=tuple((i, f"superseded by the publication of {publication.published}")
                          for i in event_ids),
        publications=tuple(records),
    )
    report = ImportReport(
        path=str(publication.path), format=publication.format, sha256=publication.sha256,
        published=publication.published, entries=count, lists=tuple(sorted(states)),
        events=dict(counts), retracted=len(event_ids), new_subjects=len(matcher.new),
        matches=dict(matcher.counts),
        warnings=tuple(publication.warnings[:20]) + tuple(dropped[:20]),
    )
    return batch, report


def _compatible(conn: Connection, events: list[Event],
                retracting: set[int]) -> tuple[list[Event], list[str]]:
    """
    Keep the derived events that fit each subject's recorded history on the list.

    A subject matched to one with curated (seeded or hand-recorded) events on
    the same list may already have the listing; derived events that would
    contradict that history are left out, with a warning, rather than failing
    the import.
    """
    by_pair: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for e in events:
        by_pair[(e.subject_id, e.list_id)].append(e)
    subjects = sorted({s for s, _l in by_pair})
    existing: dict[tuple[str, str], list[Event]] = defaultdict(list)
    retracted = select(RetractionRow.event_id).where(RetractionRow.event_id == EventRow.id).exists()
    for i in range(0, len(subjects), 500):
        stmt = (select(EventRow, SubjectRow.key.label("subject_key"))
                .join(SubjectRow, SubjectRow.pk == EventRow.subject_pk)
                .where(SubjectRow.key.in_(subjects[i:i + 500]), ~retracted))
        for row in conn.execute(stmt).mappings():
            pair = (row["subject_key"], row["list_id"])
            if pair in by_pair and row["id"] not in retracting:
                existing[pair].append(convert.event_from_row(row, row["subject_key"]))
    kept: list[Event] = []
    dropped: list[str] = []
    for pair, new in by_pair.items():
        try:
            check_sequence([*existing.get(pair, []), *new])
        except TransitionError as exc:
            dropped.append(f"{len(new)} derived event(s) of {pair[0]} on {pair[1]} left out: {exc}")
            continue
        kept.extend(new)
    return kept, dropped


def _build_generic(conn: Connection, publication: Publication, matcher: _Matcher,
                   bar: Any) -> tuple[WriteBatch, ImportReport]:  # noqa: ANN401
    assert publication.published is not None  # noqa: S101
    events: list[Event] = []
    counts: Counter[str] = Counter()
    list_ids: set[str] = set()
    row: GenericEvent
    for row in _iterate(publication.events, bar):
        identifiers = (Identifier("generic", f"{row.list_id}:{row.subject_id}"), *row.identifiers)
        subject = matcher.subject_id(row.subject_name, row.kind, row.aliases, identifiers)
        source = Source(title=row.source_title or row.source_url, url=row.source_url,
                        date=row.published)
        key = f"generic:{row.list_id}:{row.subject_id}:{row.event.value}:{row.effective}"
        try:
            events.append(Event(subject_id=subject, list_id=row.list_id, kind=row.event,
                                effective=row.effective, published=row.published,
                                sources=(source,), key=key))
        except DesignationsError as exc:
            raise ImportFormatError(str(exc), path=publication.path, line=row.line,
                                    field="event") from exc
        counts[row.event.value] += 1
        list_ids.add(row.list_id)
    if not events:
        raise ImportFormatError("no events in the file", path=publication.path, field="events")
    jurisdictions, lists = _ensure_lists(conn, list_ids)
    batch = WriteBatch(kind="import", note=f"generic {publication.published}",
                       source_path=str(publication.path), sha256=publication.sha256,
                       jurisdictions=jurisdictions, lists=lists,
                       subjects=tuple(matcher.subjects.values()),
                       match_reasons=tuple(matcher.reasons.items()), events=tuple(events),
                       publications=tuple(PublicationRecord(
                           list_id=lid, published=publication.published,
                           sha256=publication.sha256, format="generic",
                           path=str(publication.path)) for lid in sorted(list_ids)))
    report = ImportReport(path=str(publication.path), format="generic",
                          sha256=publication.sha256, published=publication.published,
                          entries=len(events), lists=tuple(sorted(list_ids)),
                          events=dict(counts), new_subjects=len(matcher.new),
                          matches=dict(matcher.counts))
    return batch, report


_ = DateWindow  # re-exported type used in annotations of callers
