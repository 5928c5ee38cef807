"""
The `Registry` facade and `open()`: the library's front door.

`open()` connects to a store (the embedded SQLite default, any SQLAlchemy
URL, or `DESIGNATIONS_DATABASE_URL`), creates the schema when empty, and
applies the shipped seeds when they are newer than the store's.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import pathlib
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any, Never, TypeVar

import attrs
import pendulum

from designations import queries, seed_sync
from designations.dates import DateLike, DateWindow, InstantLike, parse_window
from designations.errors import (
    InvalidRecordError,
    SeedConflictWarning,
    StoreError,
    TransitionError,
    UncertainAnswerError,
    UnknownEventError,
    UnknownJurisdictionError,
    UnknownSubjectError,
)
from designations.model import (
    ChangeSet,
    DesignationList,
    Event,
    EventKind,
    History,
    Identifier,
    Name,
    Scope,
    Snapshot,
    Source,
    State,
    Status,
    Statuses,
    Subject,
    SubjectKind,
)
from designations.names import clean_name, normalise, subject_id
from designations.store import BatchResult, StatusReader, Store, WriteBatch, identity, reads

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from designations.importing import ImportReport
    from designations.matching import NameIndex
    from designations.screening import ScreeningReport, SearchResult
    from designations.seed_reader import SeedSet
    from designations.store.admin import IntegrityReport, RebuildReport, UpgradeResult
    from designations.updates import PageResult, UpdateReport

__all__ = ["ENV_URL", "KEEP", "SEEDS_SETTING", "Keep", "Registry", "default_url", "open", "upgrade_store"]

ENV_URL = "DESIGNATIONS_DATABASE_URL"
"""Environment variable naming the store when `open()` gets no URL."""

SEEDS_SETTING = "seeds"
"""Meta key: "off" when the store was created without the shipped seeds."""


def default_url() -> str:
    """`DESIGNATIONS_DATABASE_URL`, else a SQLite file in the user data directory."""
    env = os.environ.get(ENV_URL, "").strip()
    if env:
        return env
    import platformdirs  # noqa: PLC0415 - only needed for the embedded default

    folder = pathlib.Path(platformdirs.user_data_dir("designations", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'designations.db'}"


def open(
    url: str | None = None,
    *,
    seeds: bool | None = None,
    read_only: bool = False,
    clock: Callable[[], pendulum.DateTime] | None = None,
) -> Registry:
    """
    Open a registry.

    Args:
        url: a SQLAlchemy URL; default `DESIGNATIONS_DATABASE_URL` or the
            embedded SQLite file in the user data directory.
        seeds: apply the shipped seeds when the store lacks them or has older
            ones. None (the default) follows the store: a new store gets them,
            and a store created with `seeds=False` keeps without them.
        read_only: refuse every write.
        clock: the source of recorded times (tests pass a fixed clock); by
            default PostgreSQL's server time, or this machine's on SQLite.

    Raises:
        StoreError: the store cannot be reached or has a newer schema.

    """
    store = Store(url or default_url(), read_only=read_only, clock=clock)
    fresh = not read_only and store.is_empty()
    store.ensure_schema()
    reg = Registry(store)
    if read_only:
        return reg
    if fresh and seeds is False:
        reg.write(WriteBatch(kind="setup", meta=((SEEDS_SETTING, "off"),)))
    wanted = seeds if seeds is not None else store.meta(SEEDS_SETTING) != "off"
    if wanted:
        reg.sync_seeds()
    return reg


def upgrade_store(url: str | None = None) -> UpgradeResult:
    """
    Create or upgrade the schema of the store at `url` (default as `open()`), and nothing else.

    Unlike `open()` it applies no seeds and reports the revisions before and after.
    """
    from designations.store import admin  # noqa: PLC0415

    store = Store(url or default_url())
    try:
        return admin.upgrade(store)
    finally:
        store.dispose()


def _sources(value: Iterable[Source | dict[str, Any]] | None) -> tuple[Source, ...]:
    out = []
    for item in value or ():
        if isinstance(item, Source):
            out.append(item)
        elif isinstance(item, dict):
            try:
                out.append(Source(**item))
            except TypeError as exc:
                raise InvalidRecordError(str(exc), field="sources") from exc
        else:
            raise InvalidRecordError(f"not a source: {item!r}", field="sources")
    if not out:
        raise InvalidRecordError("every event needs at least one source", field="sources")
    return tuple(out)


_T = TypeVar("_T")


class Keep(enum.Enum):
    """The type of `KEEP`: a field of `Registry.correct` given no value keeps the event's."""

    KEEP = "keep"


KEEP = Keep.KEEP
"""The default of every field `Registry.correct` takes: the corrected event keeps that field's value."""
_ATTEMPTS = 5
"""How often a status question is asked again when writes keep moving the store past its catalogue."""


class Registry:
    """Point-in-time answers over one store; see `open()`."""

    def __init__(self, store: Store) -> None:
        """Wrap an open store."""
        self.store = store
        self._catalogue: tuple[str, queries.Catalogue] | None = None
        self._name_index: tuple[str, NameIndex] | None = None
        self._reader = StatusReader(store.engine)

    def __repr__(self) -> str:
        """Where the registry lives."""
        return f"<Registry {self.store.engine.url.render_as_string(hide_password=True)}>"

    # -- plumbing -----------------------------------------------------------------
    def _question_times(self, on: object, as_known_at: object | None,
                        as_recorded_at: object | None) -> queries.QueryTimes:
        """A question's three times, read once (the clock only for a missing `on`)."""
        return queries.QueryTimes.make(on, as_known_at, as_recorded_at, self.store.clock() if on is None else None)

    def _catalogue_at(self, conn: Any, times: queries.QueryTimes) -> queries.Catalogue:  # noqa: ANN401
        """The lists, aliases and relations as of the question (cached per data version unless asked as recorded)."""
        version = times.data_version(conn)
        if times.asked_recorded:
            return self._load_catalogue(conn, times.at)
        if self._catalogue is None or self._catalogue[0] != version:
            self._catalogue = (version, self._load_catalogue(conn, times.at))
        return self._catalogue[1]

    @staticmethod
    def _load_catalogue(conn: Any, at: pendulum.DateTime) -> queries.Catalogue:  # noqa: ANN401
        relations, subjects = reads.related_subjects(conn, at)
        return queries.Catalogue.build(reads.load_lists(conn, at), reads.jurisdiction_aliases(conn),
                                       relations, subjects)

    def write(self, batch: WriteBatch) -> BatchResult:
        """
        Write one batch (lists, subjects, events, retractions...) in one transaction, validated, all or nothing.

        The write every other method uses; tools that build their own batches (a bulk loader, a
        migration of another registry's data) call it directly.
        """
        result = self.store.write(batch)
        self._catalogue = None
        return result

    def bulk_load(self) -> AbstractContextManager[None]:
        """
        A bulk load: `write` many batches with the date-keyed indexes put off, built once at the end.

        Each write inside is still its own transaction, checked as always; the
        1M-subject benchmark's load took 234 s instead of 293 s on SQLite (figures
        in `benchmarks/results/scale_sqlite.md`). `snapshot` and `changes` read
        meanwhile are right but slow. If the process dies inside, `db check`
        reports the missing indexes and `db rebuild` builds them.

            with reg.bulk_load():
                for batch in batches:
                    reg.write(batch)
        """
        return self.store.bulk_load()

    def sync_seeds(self, seeds: SeedSet | None = None) -> BatchResult | None:
        """Apply the shipped seeds if the store's differ; returns None when already current."""
        from designations.seed_files import seeds_digest  # noqa: PLC0415

        held = self.store.meta(seed_sync.SEED_DIGEST_KEY)
        if seeds is None and held is not None and held == seeds_digest():
            return None  # the shipped files are the ones the store holds: nothing to parse
        from designations.seed_reader import load_seeds  # noqa: PLC0415 - parses TOML: only when needed

        seed_set = seeds or load_seeds()
        if self.store.meta(seed_sync.SEED_DIGEST_KEY) == seed_set.digest:  # read again: another process may have seeded
            return None
        with self.store.read() as conn:
            plan = seed_sync.seed_plan(conn, seed_set)
        try:
            result = self.write(plan.batch)
        except (TransitionError, StoreError, InvalidRecordError):
            # Another process applied this release between our read and our write (first opens
            # of a new store race): what it wrote is what we would have. Anything else re-raises.
            if self.store.meta(seed_sync.SEED_DIGEST_KEY) == seed_set.digest:
                return None
            raise
        for conflict in plan.conflicts:  # reported once: the digest is stored, so the next open skips
            warnings.warn(SeedConflictWarning(conflict), stacklevel=2)
        return result

    # -- questions ----------------------------------------------------------------
    def status(
        self, subject: str, where: str, *, on: DateLike | None = None,
        as_known_at: DateLike | None = None, as_recorded_at: InstantLike | None = None,
    ) -> Status:
        """
        The status of `subject` in jurisdiction or on list `where` on day `on`.

        Args:
            subject: a subject id, identifier value (e.g. a UN reference number), name or alias.
            where: a jurisdiction code or alias (RU, Russia), or a list id (us-fto).
            on: the day asked about (default today); an instant is read in the list's time zone.
            as_known_at: answer only from events published by then.
            as_recorded_at: answer from exactly what this store held then.

        Raises:
            UnknownSubjectError: no subject matches `subject`.
            AmbiguousNameError: the name matches several subjects (they are listed).
            UnknownJurisdictionError: `where` is neither a jurisdiction nor a list.
            InvalidDateError: a date or time could not be read.

        """
        times = self._question_times(on, as_known_at, as_recorded_at)
        return self._ask(times, lambda cat, t: queries.status(self._reader, cat, subject, where, t))

    def _ask(self, times: queries.QueryTimes, question: Callable[[queries.Catalogue, queries.QueryTimes], _T]) -> _T:
        """
        Answer a status question against the catalogue of the store's current data version.

        The catalogue is cached per data version; the lookup reads the version in the
        same statement as the answer, and a version the catalogue does not match (a write
        in between, here or in another process) reloads the catalogue and asks again.
        """
        for _attempt in range(_ATTEMPTS):
            cached = None if times.asked_recorded else self._catalogue
            if cached is None:
                with self.store.read() as conn:
                    version = times.data_version(conn)
                    cat = self._catalogue_at(conn, times.at_version(version))
            else:
                version, cat = cached
            try:
                return question(cat, times.at_version(version))
            except queries.CatalogueChanged:
                self._catalogue = None
            except UnknownJurisdictionError:
                if cached is None:
                    raise
                self._catalogue = None  # a list another process added since: look again, fresh
        msg = f"the store changed under {_ATTEMPTS} attempts to answer; ask again"
        raise StoreError(msg)

    def was_listed(
        self, subject: str, where: str, *, on: DateLike | None = None,
        as_known_at: DateLike | None = None, as_recorded_at: InstantLike | None = None,
    ) -> bool:
        """
        Whether a designation of `subject` itself was in force in `where` on `on`.

        Returns True or False only when the answer is certain: suspended,
        removed and never listed (on a list held complete) are False.

        Raises:
            UncertainAnswerError: the status is UNKNOWN (outside what the data
                covers, or inside an event's uncertainty window), or only a part
                of the subject or a related organisation was designated. The
                error's `status` carries the full answer.

        """
        s = self.status(subject, where, on=on, as_known_at=as_known_at, as_recorded_at=as_recorded_at)
        if s.state is State.UNKNOWN:
            raise UncertainAnswerError(s, f"no certain answer for {s.subject.name!r} in {s.jurisdiction} "
                                          f"on {s.on}: {s.reason}")
        if s.partly_in_force:
            raise UncertainAnswerError(s, f"only a part of {s.subject.name!r} (or a related organisation) was "
                                          f"designated in {s.jurisdiction} on {s.on}: {s.reason}")
        return s.in_force

    def who_lists(
        self, subject: str, *, on: DateLike | None = None,
        as_known_at: DateLike | None = None, as_recorded_at: InstantLike | None = None,
    ) -> Statuses:
        """The subject's status in every jurisdiction on `on`, those in force first."""
        times = self._question_times(on, as_known_at, as_recorded_at)
        return Statuses(self._ask(times, lambda cat, t: queries.who_lists(self._reader, cat, subject, t)))

    def history(
        self, subject: str, *, as_known_at: DateLike | None = None,
        as_recorded_at: InstantLike | None = None,
    ) -> History:
        """Every event of the subject on every list, in effective-date order, with sources."""
        times = self._question_times(None, as_known_at, as_recorded_at)
        with self.store.read() as conn:
            return queries.history(conn, self._catalogue_at(conn, times), subject, times)

    def snapshot(
        self, where: str, *, on: DateLike | None = None,
        as_known_at: DateLike | None = None, as_recorded_at: InstantLike | None = None,
    ) -> Snapshot:
        """Every subject whose designation was in force on the lists of `where` on `on`."""
        times = self._question_times(on, as_known_at, as_recorded_at)
        with self.store.read() as conn:
            return queries.snapshot(conn, self._catalogue_at(conn, times), where, times)

    def changes(
        self, where: str, *, since: DateLike, until: DateLike | None = None,
        as_known_at: DateLike | None = None, as_recorded_at: InstantLike | None = None,
    ) -> ChangeSet:
        """The events that took effect on the lists of `where` between `since` and `until` (inclusive)."""
        times = self._question_times(None, as_known_at, as_recorded_at)
        with self.store.read() as conn:
            return queries.changes(conn, self._catalogue_at(conn, times), where, since, until, times)

    # -- catalogue ----------------------------------------------------------------
    def lists(self) -> tuple[DesignationList, ...]:
        """Every list, with its jurisdiction and coverage."""
        times = self._question_times(None, None, None)
        with self.store.read() as conn:
            return tuple(self._catalogue_at(conn, times).lists.values())

    def jurisdiction_codes(self) -> tuple[str, ...]:
        """Codes of the jurisdictions that have lists."""
        times = self._question_times(None, None, None)
        with self.store.read() as conn:
            return self._catalogue_at(conn, times).codes()

    def subject(self, ref: str) -> Subject:
        """A subject by id, identifier, name or alias."""
        with self.store.read() as conn:
            return queries.resolve_subject(conn, ref)[1]

    def data_version(self) -> str:
        """The recorded time of the store's latest write (changes with every write)."""
        with self.store.read() as conn:
            return reads.data_version(conn, queries.LATEST)

    def name_rows(self) -> list[tuple[str, str, str, bool, bool]]:
        """Every name and alias as (subject id, kind, name, is primary, is weak): the matcher's input."""
        with self.store.read() as conn:
            return identity.name_rows(conn)

    def changed_subject_ids(self, since: DateLike) -> set[str]:
        """Subjects with an event effective, or recorded, on or after `since`."""
        from designations.dates import as_utc, parse_date  # noqa: PLC0415

        day = parse_date(since, field="since")
        with self.store.read() as conn:
            pks = reads.changed_subject_pks(conn, day, as_utc(day).start_of("day"))
            return {s.id for s in reads.subjects_by_pk(conn, pks).values()}

    # -- writes -------------------------------------------------------------------
    def add_subject(
        self, name: str, *, id: str | None = None, kind: SubjectKind | str = SubjectKind.ORGANISATION,
        aliases: Sequence[Name | str] = (), identifiers: Sequence[Identifier] = (),
    ) -> Subject:
        """Add a subject (or add names and identifiers to the one with this id)."""
        try:
            name = clean_name(name)
        except ValueError as exc:
            raise InvalidRecordError(str(exc), field="name") from exc
        subject = Subject(id=id or subject_id(name), kind=kind, name=name, aliases=tuple(aliases),
                          identifiers=tuple(identifiers))
        self.write(WriteBatch(kind="subject", subjects=(subject,)))
        return subject

    def record(
        self, subject: str | Subject, list_id: str, kind: EventKind | str, *,
        effective: DateLike, published: DateLike | None = None, decided: DateLike | None = None,
        sources: Iterable[Source | dict[str, Any]] | None = None, instrument: str = "", note: str = "",
        listed_as: str = "", scope: Scope | str = Scope.WHOLE,
        subject_kind: SubjectKind | str = SubjectKind.ORGANISATION, create: bool = False,
    ) -> Event:
        """
        Record one event, validated against the subject's history on that list.

        `subject` is a Subject, or a reference to a known one. A name that
        matches no subject is refused unless `create=True`, which creates a
        subject of `subject_kind` (a typo must not become a permanent subject).
        `decided`, `effective` and `published` are the act's three dates;
        `listed_as` and `scope` the name and extent it designates.
        Written in one transaction.

        Raises:
            UnknownSubjectError: no subject matches and `create` is False (with the nearest names).
            TransitionError: the event does not follow from the state at its date.
            InvalidRecordError: no source, unknown list, bad value.

        """
        target, new = self._subject_for_write(subject, subject_kind, create=create)
        event = Event(subject_id=target.id, list_id=list_id, kind=kind,
                      effective=parse_window(effective, field="effective"), published=published,
                      decided=parse_window(decided, field="decided") if decided is not None else None,
                      listed_as=listed_as, scope=scope,
                      instrument=instrument, note=note, sources=_sources(sources))
        result = self.write(WriteBatch(kind="record", subjects=(target,) if new else (), events=(event,)))
        return attrs.evolve(event, id=result.event_ids[0], recorded_at=result.recorded_at)

    def retract(self, event_id: int, *, reason: str) -> BatchResult:
        """
        Record that event `event_id` was wrong; nothing is deleted.

        Raises:
            UnknownEventError: no event has this id (or it is not an id).
            InvalidRecordError: the event is already retracted or corrected, or the
                reason is empty, not text, or holds a NUL.

        """
        return self.write(WriteBatch(kind="retract", retractions=((_event_id(event_id), _reason(reason)),)))

    def correct(
        self, event_id: int, *, reason: str = "corrected",
        subject_id: str | Keep = KEEP,
        list_id: str | Keep = KEEP,
        kind: EventKind | str | Keep = KEEP,
        effective: DateLike | DateWindow | Keep = KEEP,
        published: DateLike | Keep | None = KEEP,
        decided: DateLike | DateWindow | Keep | None = KEEP,
        listed_as: str | Keep = KEEP,
        scope: Scope | str | Keep = KEEP,
        instrument: str | Keep = KEEP,
        note: str | Keep = KEEP,
        sources: Iterable[Source | dict[str, Any]] | Keep = KEEP,
        **unknown: Never,
    ) -> Event:
        """
        Replace event `event_id` by a copy with the fields given changed, in one transaction.

        The old event is retracted with `reason` and the copy recorded as its
        correction; a field not given (its default, `KEEP`) keeps its value (`published=None` and
        `decided=None` clear theirs). Nothing is overwritten. Any other keyword
        is refused, by a type checker and at run time.

        Raises:
            UnknownEventError: no event has this id, or it was already corrected or retracted.
            TransitionError: the corrected event does not follow from the state at its date.
            InvalidRecordError: a bad value (no source, an empty reason), or a keyword that is not
                a field a correction changes.
            UnknownSubjectError: `subject_id` names no subject.
            UnknownListError: `list_id` names no list.

        """
        given = {"subject_id": subject_id, "list_id": list_id, "kind": kind, "effective": effective,
                 "published": published, "decided": decided, "listed_as": listed_as, "scope": scope,
                 "instrument": instrument, "note": note, "sources": sources}
        if unknown:
            name = min(unknown)
            msg = f"an event has no field {name!r} that a correction changes (one of {', '.join(given)})"
            raise InvalidRecordError(msg, field=name)
        changes: dict[str, Any] = {field: value for field, value in given.items() if value is not KEEP}
        event_id = _event_id(event_id)
        reason = _reason(reason)
        with self.store.read() as conn:
            found = reads.events_for(conn, at=queries.LATEST, event_ids=[event_id])
            if not found and reads.events_for(conn, at=queries.LATEST, event_ids=[event_id],
                                              include_retracted=True):
                raise UnknownEventError(event_id, "it was already corrected or retracted")
        if not found:
            raise UnknownEventError(event_id)
        old = found[0][0]
        if "effective" in changes:
            changes["effective"] = parse_window(changes["effective"], field="effective")
        if "sources" in changes:
            changes["sources"] = _sources(changes["sources"])
        try:
            new = attrs.evolve(old, id=None, recorded_at=None, corrects=event_id, **changes)
        except TypeError as exc:
            raise InvalidRecordError(str(exc)) from exc
        result = self.write(WriteBatch(kind="correct", retractions=((event_id, reason),), events=(new,)))
        return attrs.evolve(new, id=result.event_ids[0], recorded_at=result.recorded_at)

    def _subject_for_write(
        self, subject: str | Subject, kind: SubjectKind | str, *, create: bool = False
    ) -> tuple[Subject, bool]:
        if isinstance(subject, Subject):
            return subject, True
        try:
            clean_name(subject)  # a malformed name never reaches the database, even as a lookup
        except ValueError as exc:
            raise InvalidRecordError(str(exc), field="subject") from exc
        try:
            return self.subject(subject), False
        except UnknownSubjectError:
            if not create:
                raise
            try:
                name = clean_name(subject)
            except ValueError as exc:
                raise InvalidRecordError(str(exc), field="subject") from exc
            return self._new_or_same(name, kind)

    def _new_or_same(self, name: str, kind: SubjectKind | str) -> tuple[Subject, bool]:
        """
        A new subject for `name` under a free id, or the subject another writer just created for it.

        Two processes recording the same new name at once compute the same id: the
        second finds the first's subject under it (same name) and uses it, instead
        of minting `name-2` (the write path merges a subject written twice).
        """
        key = subject_id(name)
        with self.store.read() as conn:
            candidate, n = key, 1
            while (found := reads.find_subjects(conn, candidate))[0] == "id":
                pk = found[1][0][0]
                same = reads.subjects_by_pk(conn, [pk])[pk]
                if normalise(same.name) == normalise(name):
                    return same, False
                n += 1
                candidate = f"{key}-{n}"
        return Subject(id=candidate, kind=kind, name=name), True

    # -- integrations (each in its own module) -------------------------------------
    def search(
        self, name: str, *, on: DateLike | None = None, jurisdictions: Iterable[str] | None = None,
        limit: int = 10, threshold: float | None = None, explain: bool = False,
        contains_threshold: float | None = None,
    ) -> SearchResult:
        """Ranked candidates for a name, with their status on `on`; see `designations.screening.search`."""
        from designations import screening  # noqa: PLC0415

        return screening.search(self, name, on=on, jurisdictions=jurisdictions, limit=limit, threshold=threshold,
                                explain=explain, contains_threshold=contains_threshold)

    def screen(
        self, names_or_rows: Iterable[str | tuple[str, DateLike | None] | Mapping[str, Any]], *,
        on: DateLike | None = None, threshold: float | None = None,
        jurisdictions: Iterable[str] | None = None, since: DateLike | None = None, explain: bool = False,
        contains_threshold: float | None = None,
    ) -> ScreeningReport:
        """Screen a batch of names (or (name, day) pairs, or rows); see `designations.screening.screen`."""
        from designations import screening  # noqa: PLC0415
        from designations.matching import DEFAULT_THRESHOLD  # noqa: PLC0415

        chosen = DEFAULT_THRESHOLD if threshold is None else threshold
        return screening.screen(self, names_or_rows, on=on, threshold=chosen, jurisdictions=jurisdictions,
                                since=since, explain=explain, contains_threshold=contains_threshold)

    def cached_name_index(self, version: str) -> NameIndex | None:
        """
        The name index this registry holds in memory for data version `version` (None: none, or another's).

        `search` and `screen` keep one index per registry: that of the latest data
        version they matched against (see `designations.screening.name_index`).
        """
        held = self._name_index
        return held[1] if held is not None and held[0] == version else None

    def cache_name_index(self, version: str, index: NameIndex) -> None:
        """Hold `index`, the name index of data version `version`, for the next search or screen (one at a time)."""
        self._name_index = (version, index)

    def name_index_base(self) -> pathlib.Path | None:
        """
        Where the persisted name index of this store lives (None: kept in memory only).

        Beside a SQLite store file (`<store>.names-<key>.idx`); for any other store in
        `DESIGNATIONS_CACHE_DIR`, else the user cache directory, under a name made from
        the store's URL without its password.
        """
        url = self.store.engine.url
        database = url.database or ""
        if url.get_backend_name() == "sqlite":
            if database in ("", ":memory:") or "mode=memory" in database:
                return None
            return pathlib.Path(database.removeprefix("file:").partition("?")[0]).resolve()
        import hashlib  # noqa: PLC0415

        import platformdirs  # noqa: PLC0415

        home = os.environ.get("DESIGNATIONS_CACHE_DIR", "").strip() or platformdirs.user_cache_dir(
            "designations", appauthor=False)
        where = hashlib.sha256(url.render_as_string(hide_password=True).encode()).hexdigest()[:16]
        return pathlib.Path(home) / f"store-{where}"

    def import_file(
        self, path: str | os.PathLike[str], *, format: str | None = None, published: DateLike | None = None,
        progress: bool | None = None, origin: str = "", note: str = "", part_size: int | None = None,
    ) -> ImportReport:
        """Import an official list file in one transaction; see `designations.importing.import_file`."""
        from designations import importing  # noqa: PLC0415

        try:
            return importing.import_file(self.store, pathlib.Path(path), format=format, published=published,
                                         progress=progress, origin=origin, note=note,
                                         part_size=importing.PART_SIZE if part_size is None else part_size)
        finally:
            self._catalogue = None

    def has_publication(self, sha256: str) -> bool:
        """Whether a file with this SHA-256 was imported into this store."""
        with self.store.read() as conn:
            return reads.has_publication(conn, sha256)

    def archive_path(self) -> pathlib.Path:
        """
        Where downloaded publications are kept.

        `DESIGNATIONS_ARCHIVE` when set, else beside a SQLite store
        (`<store>.archive/`), else in the user data directory.
        """
        env = os.environ.get("DESIGNATIONS_ARCHIVE", "").strip()
        if env:
            return pathlib.Path(env)
        database = self.store.engine.url.database or ""
        if self.store.engine.dialect.name == "sqlite" and database not in ("", ":memory:"):
            path = pathlib.Path(database.removeprefix("file:").partition("?")[0])
            return path.with_name(path.name + ".archive")
        import platformdirs  # noqa: PLC0415

        return pathlib.Path(platformdirs.user_data_dir("designations", appauthor=False)) / "archive"

    def update(
        self, sources: Iterable[str] | None = None, *, source_urls: Mapping[str, str] | None = None,
        config: str | os.PathLike[str] | None = None, archive: str | os.PathLike[str] | None = None,
        offline: str | os.PathLike[str] | None = None, if_older_than: dt.timedelta | None = None,
        keep: int | None = None, max_age_days: int | None = None, timeout: float = 60.0, retries: int = 3,
        backoff: float = 1.0, max_bytes: int = 1 << 30, progress: bool | None = None,
    ) -> UpdateReport:
        """
        Fetch the official publications (UN, OFAC, UK, EU) and import what is new; see `designations update`.

        Args:
            sources: names among `designations.updates.DEFAULT_SOURCES` (default: all).
            source_urls: a URL per source name, replacing the official one (a mirror).
            config: a TOML file with `[sources.<name>] url = "..."`.
            archive: where downloads are kept (default `archive_path()`).
            offline: a folder holding the files (`un-consolidated.xml`, ...) instead of the network.
            if_older_than: skip a source checked more recently than this.
            keep: prune the archive to the newest `keep` files of each source (the last one always stays).
            max_age_days: prune archived files older than this many days (the last one always stays).
            timeout: seconds each request may take.
            retries: how many times a failed request is tried again.
            backoff: seconds before the first retry, doubled at each further one.
            max_bytes: the largest body accepted.
            progress: a progress bar for downloads (default: only on a terminal).

        Returns:
            Each source's result; `exit_code` is 0 when all were current, 1 when some changed, 2 on a failure.

        Raises:
            InvalidRecordError: an unknown source or a bad URL or config file.

        .. versionadded:: 0.2.0

        """
        from designations import updates  # noqa: PLC0415 - httpx only for updates

        known = updates.configured_sources(pathlib.Path(config) if config else None, source_urls)
        try:
            return updates.update(
                self, known, sources,
                archive=updates.Archive(pathlib.Path(archive) if archive else self.archive_path()),
                offline=pathlib.Path(offline) if offline else None, if_older_than=if_older_than, keep=keep,
                max_age_days=max_age_days,
                limits=updates.Limits(timeout=timeout, retries=retries, backoff=backoff, max_bytes=max_bytes),
                progress=progress,
            )
        finally:
            self._catalogue = None

    def watch(self, lists: Iterable[str] | None = None, *, archive: str | os.PathLike[str] | None = None,
              timeout: float = 30.0, retries: int = 1, backoff: float = 1.0) -> list[PageResult]:
        """
        Fetch the official page of each curated list and report which changed since the last look.

        It never changes the data: a change tells a maintainer that `seeds/` needs a look.

        .. versionadded:: 0.2.0

        """
        from designations import updates  # noqa: PLC0415

        wanted = set(lists) if lists else None
        pages = [(lst.id, lst.url) for lst in self.lists()
                 if lst.url and (wanted is None or lst.id in wanted)]
        folder = (pathlib.Path(archive) if archive else self.archive_path()) / "watch"
        limits = updates.Limits(timeout=timeout, retries=retries, backoff=backoff, max_bytes=20 << 20)
        return updates.watch(pages, folder, limits=limits)

    def upgrade(self) -> UpgradeResult:
        """Bring the store's schema to this library's revision (as `designations db upgrade`)."""
        from designations.store import admin  # noqa: PLC0415

        try:
            return admin.upgrade(self.store)
        finally:
            self._catalogue = None

    def check(self) -> IntegrityReport:
        """Whether every status period agrees with a replay of its events and no row is orphaned."""
        from designations.store import admin  # noqa: PLC0415

        return admin.check(self.store)

    def rebuild(self) -> RebuildReport:
        """Re-derive every status period from the events (old rows are closed, not deleted); reports what it wrote."""
        from designations.store import admin  # noqa: PLC0415

        try:
            return admin.rebuild(self.store)
        finally:
            self._catalogue = None

    def export_ftm(self, out: IO[str]) -> int:
        """Write the registry as FollowTheMoney entities (JSON lines) to `out`; returns how many."""
        from designations.exporting import export_ftm  # noqa: PLC0415

        return export_ftm(self.store, out)

    def plot_timeline(
        self, subject: str, *, ax: Axes | None = None, out: str | os.PathLike[str] | None = None,
        on: DateLike | None = None, as_known_at: DateLike | None = None,
    ) -> Figure:
        """A timeline of the subject's status on every list (the `plot` extra); see `designations.plot`."""
        from designations import plot  # noqa: PLC0415

        return plot.plot_timeline(self, subject, ax=ax, out=out, on=on, as_known_at=as_known_at)

    def close(self) -> None:
        """Release the store's connections."""
        self._reader.close()
        self.store.dispose()


_MAX_ID = 2**31 - 1
"""The largest event id either engine stores (PostgreSQL INTEGER)."""


def _event_id(value: object) -> int:
    """An event id as the store holds them, or UnknownEventError (never a driver overflow)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= _MAX_ID:
        raise UnknownEventError(value)
    return value


def _reason(value: object) -> str:
    """A retraction's reason: non-empty text without NUL (PostgreSQL refuses NUL, so we do everywhere)."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidRecordError("a retraction needs a reason (text)", field="reason")
    if "\x00" in value:
        raise InvalidRecordError("contains a NUL character", field="reason")
    return value

