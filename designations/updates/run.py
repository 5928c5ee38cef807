"""
`designations update`: fetch each official publication, keep it, and import it through the normal path.

A source answered 304, or serving a file already imported (same SHA-256), is
`unchanged` and records nothing. A new file is archived first (so it can be
audited and imported again), then imported in one transaction, recording its
URL, HTTP date and hash. A failure of one source is reported and the others go
on; nothing of a failed source is written.
"""

from __future__ import annotations

import datetime as dt
import os
import pathlib
import tempfile
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

import attrs
import pendulum

from designations import _html
from designations.errors import DesignationsError, ImportFormatError
from designations.updates.archive import Archive
from designations.updates.fetch import Fetched, Limits, client, fetch
from designations.updates.sources import UpdateSource

if TYPE_CHECKING:
    import httpx

    from designations.importing import ImportReport

__all__ = ["ImportTarget", "SourceResult", "UpdateReport", "update"]


class ImportTarget(Protocol):
    """What an update imports into: a `Registry` is one."""

    def has_publication(self, sha256: str) -> bool:
        """Whether a file with this SHA-256 was imported."""

    def import_file(self, path: str | os.PathLike[str], *, format: str | None = None,
                    published: Any = None, progress: bool | None = None,  # noqa: ANN401 - a DateLike
                    origin: str = "", note: str = "") -> ImportReport:
        """Import one official file in one transaction."""


@attrs.frozen(kw_only=True)
class SourceResult:
    """What happened to one source: unchanged, imported (with counts), skipped or failed (why)."""

    source: str
    url: str
    status: str
    reason: str = ""
    sha256: str = ""
    published: str = ""
    listed: int = 0
    removed: int = 0
    amended: int = 0

    def line(self) -> str:
        """One line for a terminal or a cron mail."""
        if self.status == "imported":
            return (f"{self.source}: imported the publication of {self.published}: {self.listed} listed, "
                    f"{self.removed} removed, {self.amended} amended")
        return f"{self.source}: {self.status}" + (f" ({self.reason})" if self.reason else "")


@attrs.frozen(kw_only=True)
class UpdateReport:
    """Every source's result. `exit_code`: 0 all current, 1 some changed, 2 some failed."""

    results: tuple[SourceResult, ...]

    @property
    def exit_code(self) -> int:
        """The exit code a cron job acts on."""
        if any(r.status == "failed" for r in self.results):
            return 2
        return 1 if any(r.status == "imported" for r in self.results) else 0

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {"exit_code": self.exit_code, "sources": [attrs.asdict(r) for r in self.results]}

    def __str__(self) -> str:
        """One line per source."""
        return "\n".join(r.line() for r in self.results)

    def _repr_html_(self) -> str:
        rows = ({"source": _html.escape(r.source), "status": _html.escape(r.status),
                 "detail": _html.escape(r.line())} for r in self.results)
        return _html.table(rows, ("source", "status", "detail"), caption="designations update")


def _imported(result: ImportReport) -> tuple[int, int, int]:
    events = result.events
    return events.get("LISTED", 0), events.get("REMOVED", 0), events.get("AMENDED", 0)


def update(
    registry: ImportTarget,
    sources: Mapping[str, UpdateSource],
    names: Iterable[str] | None = None,
    *,
    archive: Archive,
    offline: pathlib.Path | None = None,
    if_older_than: dt.timedelta | None = None,
    keep: int | None = None,
    max_age_days: int | None = None,
    limits: Limits | None = None,
    http: httpx.Client | None = None,
    progress: bool | None = None,
    now: Callable[[], pendulum.DateTime] = lambda: pendulum.now("UTC"),
) -> UpdateReport:
    """Update the store from `names` (default every source); see the module docstring."""
    chosen = list(names or sources)
    unknown = [n for n in chosen if n not in sources]
    if unknown:
        known = ", ".join(sorted(sources))
        raise ImportFormatError(f"unknown source(s) {', '.join(unknown)} (known: {known})",
                                path=pathlib.Path("update"), field="source")
    limits = limits or Limits()
    state = archive.state()
    own_client = http is None and offline is None
    http = client(limits) if own_client else http
    results = []
    try:
        for name in chosen:
            source = sources[name]
            seen = dict(state.get(name, {}))  # a copy: a failed source leaves the saved state as it was
            if if_older_than is not None and seen.get("checked_at") and \
                    _age(now(), seen["checked_at"]) < if_older_than:
                results.append(SourceResult(source=name, url=source.url, status="skipped",
                                            reason=f"checked at {seen['checked_at']}"))
                continue
            result = _one(registry, source, seen, archive, offline, http, limits, progress, now)
            if result.status != "failed":
                seen = {**seen, "checked_at": now().isoformat()}
                if result.sha256:
                    seen["sha256"] = result.sha256
                state[name] = seen
                archive.save_state(state)
            results.append(result)
    finally:
        if own_client and http is not None:
            http.close()
    imported = {v["sha256"] for v in state.values() if isinstance(v, dict) and v.get("sha256")}
    archive.prune(keep=keep, max_age_days=max_age_days, now=now(), protect=imported)
    return UpdateReport(results=tuple(results))


def _one(  # noqa: PLR0917 - one source's whole story
    registry: ImportTarget, source: UpdateSource, seen: dict[str, Any], archive: Archive,
    offline: pathlib.Path | None, http: httpx.Client | None, limits: Limits, progress: bool | None,
    now: Callable[[], pendulum.DateTime],
) -> SourceResult:
    archive.root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=archive.root, prefix=".download-") as tmp:
        target = pathlib.Path(tmp) / source.filename
        try:
            got = _get(source, target, seen, offline, http, limits=limits, progress=progress)
        except DesignationsError as exc:
            return SourceResult(source=source.name, url=source.url, status="failed", reason=str(exc))
        if got.status == "unchanged":
            seen.update(etag=got.etag or seen.get("etag", ""), last_modified=got.last_modified
                        or seen.get("last_modified", ""))
            stale = _archived_but_not_imported(registry, archive, source.name, seen.get("sha256", ""))
            if stale is not None:  # this archive served another store: import the kept copy here
                return _import(registry, source, stale, attrs.evolve(got, sha256=seen["sha256"]))
            why = "not modified (304)" if offline is None else "the mirror holds the file imported last"
            return SourceResult(source=source.name, url=source.url, status="unchanged", reason=why)
        suffix = pathlib.Path(source.filename).suffix
        record = {"url": got.url, "fetched_at": now().isoformat(), "size": got.size,
                  "http_date": got.http_date.isoformat() if got.http_date else None}
        kept = archive.put(source.name, got.path or target, got.sha256, suffix, record)
        seen.update(etag=got.etag, last_modified=got.last_modified)
        return _import(registry, source, kept, got)


def _archived_but_not_imported(registry: ImportTarget, archive: Archive, source: str,
                               sha256: str) -> pathlib.Path | None:
    """The archived copy of the last file seen, when this store has not imported it."""
    if not sha256 or registry.has_publication(sha256):
        return None
    for entry in reversed(archive.entries(source)):
        kept: pathlib.Path = archive.root / str(entry["file"])
        if entry.get("sha256") == sha256 and kept.exists():
            return kept
    return None


def _get(source: UpdateSource, target: pathlib.Path, seen: dict[str, Any], offline: pathlib.Path | None,
         http: httpx.Client | None, *, limits: Limits, progress: bool | None) -> Fetched:
    if offline is None:
        assert http is not None  # noqa: S101 - made by update()
        return fetch(http, source, target, etag=seen.get("etag", ""), last_modified=seen.get("last_modified", ""),
                     limits=limits, progress=progress)
    mirrored = offline / source.filename
    if not mirrored.is_file():
        raise ImportFormatError(f"no {source.filename} in the mirror", path=offline, field="offline")
    import hashlib  # noqa: PLC0415
    import shutil  # noqa: PLC0415

    shutil.copyfile(mirrored, target)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    if digest == seen.get("sha256"):
        return Fetched(status="unchanged", url=mirrored.as_uri())
    modified = pendulum.from_timestamp(mirrored.stat().st_mtime, tz="UTC")
    return Fetched(status="fetched", url=mirrored.as_uri(), path=target, sha256=digest,
                   size=target.stat().st_size, http_date=modified)


def _import(registry: ImportTarget, source: UpdateSource, kept: pathlib.Path, got: Fetched) -> SourceResult:
    note = f"fetched from {got.url}" + (f"; HTTP date {got.http_date.isoformat()}" if got.http_date else "")
    try:
        try:
            report = registry.import_file(kept, format=source.format, origin=got.url, note=note)
        except ImportFormatError as exc:
            if exc.field != "published" or got.http_date is None:  # the file itself gives no date
                raise
            report = registry.import_file(kept, format=source.format, origin=got.url, note=note,
                                          published=got.http_date.date().isoformat())
    except DesignationsError as exc:
        return SourceResult(source=source.name, url=source.url, status="failed", reason=str(exc),
                            sha256=got.sha256)
    if report.duplicate:
        return SourceResult(source=source.name, url=source.url, status="unchanged",
                            reason="this file was imported before", sha256=got.sha256,
                            published=str(report.published))
    listed, removed, amended = _imported(report)
    return SourceResult(source=source.name, url=source.url, status="imported", sha256=got.sha256,
                        published=str(report.published), listed=listed, removed=removed, amended=amended)


def _age(now: pendulum.DateTime, then: str) -> dt.timedelta:
    """How long ago the ISO instant `then` was."""
    return dt.datetime.fromtimestamp(now.timestamp(), dt.UTC) - dt.datetime.fromisoformat(then)
