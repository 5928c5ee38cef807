"""
Importing official list files into a registry: read, diff against what the store knows, write.

`import_file` reads a publication (see `designations.formats`), compares it
with the publications of the same lists already recorded, and writes the
derived LISTED / REMOVED / AMENDED events, the retractions an out-of-order
publication implies, the subjects (matched across lists by identifier, then
by strict normalised name, with the reason kept), the coverage and the
publication record, all in one transaction. It streams: the file is read,
matched, diffed and written a part at a time (`importing.run`), so memory
follows the part, not the file. A file whose sha256 is already recorded is
skipped.
"""

from __future__ import annotations

import contextlib
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pendulum

from designations.dates import parse_date
from designations.errors import ImportFormatError
from designations.formats import read
from designations.importing.generic import run_generic
from designations.importing.report import ImportReport
from designations.importing.run import Run
from designations.importing.run import progress as _progress
from designations.store import reads

if TYPE_CHECKING:
    from designations.store import Store, StoreWriter

__all__ = ["PART_SIZE", "ImportReport", "import_file"]

PART_SIZE = 5_000
"""Entries (or generic rows) per part by default: what an import holds in memory at once."""


class _AlreadyImported(Exception):  # noqa: N818 - a signal, not an error
    """Raised inside the writer to roll back when another import recorded the file first."""


def _refuse_if_recorded(writer: StoreWriter, sha256: str) -> None:
    """Raise `_AlreadyImported` (rolling `writer` back) when a file with this sha256 is already recorded."""
    if reads.has_publication(writer.connection, sha256):
        raise _AlreadyImported


def import_file(
    store: Store,
    path: str | Path,
    *,
    format: str | None = None,
    published: object = None,
    progress: bool | None = None,
    origin: str = "",
    note: str = "",
    part_size: int = PART_SIZE,
) -> ImportReport:
    """
    Import one list file into `store`, in one transaction (`Registry.import_file` is the front door).

    Args:
        store: an open, writable store.
        path: the file (for `ofac-csv`, `sdn.csv` or its directory).
        format: a name from `designations.formats.FORMATS`, or None / "auto".
        published: the publication date; defaults to the date inside the file.
        progress: show a progress bar (default: only when stderr is a terminal).
        origin: where the file came from (a URL), recorded with the batch instead of the path.
        note: recorded with the batch (the HTTP date of a download, say).
        part_size: entries read, matched and written at a time; memory follows it, and what is
            recorded does not depend on it.

    Returns:
        What was recorded; `duplicate=True` when the file was imported before.

    Raises:
        ImportFormatError: the file does not fit its format (nothing is written).

    .. versionadded:: 0.1.0

    """
    started = time.perf_counter()
    if isinstance(part_size, bool) or not isinstance(part_size, int) or part_size < 1:
        raise ImportFormatError(f"part_size must be a whole number of entries, at least 1, not {part_size!r}",
                                path=Path(str(path)), field="part_size")
    day = parse_date(published, field="published") if published is not None else None  # a day, never a year
    if not isinstance(path, (str, Path)):
        raise ImportFormatError(f"expected a file path, got {type(path).__name__}", path=Path(str(path)))
    try:
        with _spooled(Path(path)) as source:
            return _import(store, source, format, day, started, progress, origin, note, part_size)
    except OSError as exc:  # /proc files, unreadable devices, vanished files: one clear error
        raise ImportFormatError(f"cannot read: {exc.strerror or exc}", path=Path(path)) from exc


def _import(store: Store, path: Path, format: str | None, day: pendulum.Date | None,  # noqa: PLR0917
            started: float, progress: bool | None, origin: str, note: str, part_size: int) -> ImportReport:
    publication = read(path, format, day)
    if publication.published is None:
        raise ImportFormatError("the file gives no publication date; pass --published DATE",
                                path=publication.path, field="published")
    duplicate = ImportReport(path=str(publication.path), format=publication.format,
                             sha256=publication.sha256, published=publication.published,
                             duplicate=True)
    with store.read() as conn:
        if reads.has_publication(conn, publication.sha256):
            return attrs.evolve(duplicate, seconds=time.perf_counter() - started)
    bar = _progress(progress)
    try:
        label = f"{publication.format} {publication.published}" + (f"; {note}" if note else "")
        with store.writer(kind="import", note=label, source_path=origin or str(publication.path),
                          sha256=publication.sha256) as writer:
            _refuse_if_recorded(writer, publication.sha256)  # now that we hold the lock
            if publication.format == "generic":
                report = run_generic(writer, publication, bar, part_size)
            else:
                report = Run(writer, publication, bar, part_size).run()
    except _AlreadyImported:
        return attrs.evolve(duplicate, seconds=time.perf_counter() - started)
    finally:
        if bar is not None:
            bar.close()
    return attrs.evolve(report, seconds=time.perf_counter() - started)


SPOOL_LIMIT = 4 << 30
"""The most a pipe or device may give before the import refuses it (a regular file has no limit)."""


@contextlib.contextmanager
def _spooled(path: Path) -> Iterator[Path]:
    """
    A regular file holding `path`'s bytes: itself, or a private copy of a pipe's or a device's.

    A pipe (`designations import un <(curl ...)`) can be read once, so it is copied
    first: the file hash, the format sniffing and the parse then all read the bytes
    actually received, never an emptied pipe. The copy keeps the name (formats are
    also told by name) and goes when the import ends.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        yield path  # missing: the format reader says so, naming the path
        return
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        yield path
        return
    if not stat.S_ISFIFO(mode):  # a device (/dev/urandom, /dev/zero) never ends: refuse it
        raise ImportFormatError("not a regular file, a directory or a pipe", path=path)
    with tempfile.TemporaryDirectory(prefix="designations-import-") as folder:
        copy = Path(folder) / (path.name or "input")
        size = 0
        with path.open("rb") as src, copy.open("wb") as dst:
            while chunk := src.read(1 << 20):
                size += len(chunk)
                if size > SPOOL_LIMIT:
                    raise ImportFormatError(f"more than {SPOOL_LIMIT} bytes from a pipe or device", path=path)
                dst.write(chunk)
        yield copy

