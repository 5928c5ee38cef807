"""
The name index kept in a file, so a new process screens without rebuilding it.

Building the index means preparing every name of the store (transliteration,
keys, skeletons): on 100,000 subjects that is tens of seconds and hundreds of
megabytes. The file holds the finished index instead, in a layout that is read
in place: one read and one checksum, then every lookup works on views over
the file's bytes, and a name becomes an object only when a query reaches it.

Why this layout:

- **Safe to open.** The file is data only: fixed-size integer arrays, UTF-8
  text and one JSON block, each bounds-checked while read. Nothing in it is
  executed or unpickled, so a damaged or hostile file gives at worst a wrong
  lookup, never code; a file that other users may write is not trusted at all.
- **Keyed.** The file name and header carry a key made of the layout
  revision, `matcher_version()` and the store's data version: new data or a
  new matcher never reads an old index; it builds and writes a new one.
- **Checked.** A SHA-256 digest of the whole file ends it; a file whose digest,
  magic, key or byte order differ is rebuilt.
- **Atomic.** It is written to a temporary file beside its place and renamed
  over it, so a reader sees the old file, the new one, or none.

Layout (little-endian): ``MAGIC``, a u32 header length, the header (JSON: the
key, counts, common words, and each section's offset and length), the
sections (each padded to 8 bytes), then the 32-byte digest of all before it.
Sections: the name records (UTF-8, cut by u32 offsets), the sorted letters of
each name (joined by NUL), an empty section, one byte per name (its word
count), the subject ids (joined by NUL), then six hashed tables.
A hashed table is five sections: key bytes, key offsets, value offsets,
values (i32 positions) and slots (open addressing on CRC-32, linear probing).

A large store's index is built straight into these sections
(`designations.matching.streamed`); `save_index` then copies them under a header.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pathlib
import stat
import struct
import sys
import tempfile
import zlib
from array import array
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, BinaryIO, Final, overload

import attrs

from designations.matching.index import IndexedName, IndexTables, NameIndex, Positions
from designations.matching.match import matcher_version
from designations.matching.score import Prepared
from designations.model import SubjectKind

__all__ = [
    "FORMAT",
    "KEPT_LOOKUPS",
    "Sections",
    "decode_record",
    "encode_record",
    "hashed_sections",
    "index_key",
    "index_over",
    "index_path",
    "load_index",
    "save_index",
]

FORMAT: Final = 3
"""Revision of the file layout; part of the key."""
MAGIC: Final = b"DSGN-NAMEIDX\x00\x01\r\n"
_DIGEST: Final = 32
_FIELD: Final = "\x00"
_WORD: Final = "\x01"
_KINDS: Final = tuple(SubjectKind)

KEPT_LOOKUPS = 1 << 15
"""Most table lookups a read index keeps the answers of (about 8 MB when full); then it forgets them all at once."""


class DamagedIndexError(ValueError):
    """The file is not a whole, current index (it is then rebuilt, never trusted)."""


def index_key(data_version: str) -> str:
    """The key of the index of one data version under this matcher and layout (16 hex digits)."""
    text = f"{FORMAT}\n{matcher_version()}\n{data_version}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def index_path(base: pathlib.Path, key: str) -> pathlib.Path:
    """Where the index with `key` lives for a store at `base`: `<base>.names-<key>.idx`."""
    return base.with_name(f"{base.name}.names-{key}.idx")


# -- reading ------------------------------------------------------------------------------


def load_index(path: pathlib.Path, key: str) -> NameIndex | None:
    """
    The index in `path` if it is whole, current for `key` and trusted; else None.

    A file that is missing, damaged or stale, owned by another user, or
    writable by group or others gives None: the caller builds the index again.
    """
    try:
        with path.open("rb") as fh:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return None
            if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
                return None  # another user's file: rebuilt rather than trusted
            # Read, not mapped: a file cut short under a mapping would kill the process (SIGBUS).
            data = fh.read()
    except OSError:
        return None
    try:
        return _parse(memoryview(data), key)
    except (DamagedIndexError, ValueError, KeyError, TypeError, IndexError, struct.error):
        return None


def _parse(view: memoryview, key: str) -> NameIndex:
    if sys.byteorder != "little":  # pragma: no cover - every supported platform is little-endian
        raise DamagedIndexError("big-endian platform")
    if len(view) < len(MAGIC) + 4 + _DIGEST or bytes(view[:len(MAGIC)]) != MAGIC:
        raise DamagedIndexError("not a name index")
    body = view[:-_DIGEST]
    if hashlib.sha256(body).digest() != view[-_DIGEST:]:
        raise DamagedIndexError("checksum")
    (size,) = struct.unpack_from("<I", view, len(MAGIC))
    start = len(MAGIC) + 4
    header = json.loads(str(view[start:start + size], "utf-8"))
    if not isinstance(header, dict) or header.get("key") != key or header.get("format") != FORMAT:
        raise DamagedIndexError("stale")
    sections: list[memoryview] = []
    end = len(body)
    for offset, length in header["sections"]:
        if not (isinstance(offset, int) and isinstance(length, int) and 0 <= offset <= offset + length <= end):
            raise DamagedIndexError("section out of bounds")
        sections.append(body[offset:offset + length])
    return index_over(sections, int(header["names"]), int(header["tables"]), frozenset(header["common"]))


def index_over(sections: Sequence[memoryview], count: int, tables_count: int, common: frozenset[str],
               source: Sections | None = None) -> NameIndex:
    """An index whose lookups read the given sections in place (a file's, or a streamed build's)."""
    records = _Strings(sections[0], _u32(sections[1]), count)
    names = _Names(records)
    # The sorted letters of every name are read for most candidates (the fuzzy bound): one list of
    # text, split once, costs a few megabytes and saves a decode per candidate.
    bags = str(sections[2], "utf-8").split(_FIELD) if count else []
    if len(bags) != count or len(sections[3]):
        raise DamagedIndexError("letters")
    words = sections[4]
    if len(words) != count:
        raise DamagedIndexError("word counts")
    subject_ids = frozenset(str(sections[5], "utf-8").split(_FIELD)) if len(sections[5]) else frozenset()
    tables = [_Table(sections[6 + 5 * t:11 + 5 * t]) for t in range(tables_count)]
    postings = tables.pop()
    postings.keep_recent()  # blocking keys recur from query to query; exact keys rarely do
    return NameIndex.from_tables(IndexTables(
        names=names, common=common, subject_ids=subject_ids,
        exact=tuple(_ExactMap(t) for t in tables), postings=postings, bags=bags, words=words, source=source))


def _u32(view: memoryview) -> memoryview:
    if len(view) % 4:
        raise DamagedIndexError("array length")
    return view.cast("I")


class _Strings(Sequence[str]):
    """The i-th UTF-8 string of a blob cut by offsets."""

    __slots__ = ("_blob", "_count", "_offsets")

    def __init__(self, blob: memoryview, offsets: memoryview, count: int) -> None:
        if len(offsets) != count + 1 or (count and offsets[-1] > len(blob)):
            raise DamagedIndexError("string table")
        self._blob, self._offsets, self._count = blob, offsets, count

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[str]: ...
    def __getitem__(self, i: int | slice) -> str | Sequence[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._count))]
        offsets = self._offsets
        return str(self._blob[offsets[i]:offsets[i + 1]], "utf-8")


class _Names(Sequence[IndexedName]):
    """Names decoded from their records when a query reaches them (a few recent ones are kept)."""

    __slots__ = ("_kept", "_records")
    _KEEP = 1 << 15

    def __init__(self, records: _Strings) -> None:
        self._records = records
        self._kept: dict[int, IndexedName] = {}

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[IndexedName]:
        for i in range(len(self._records)):
            yield self._decode(i)

    @overload
    def __getitem__(self, i: int) -> IndexedName: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[IndexedName]: ...
    def __getitem__(self, i: int | slice) -> IndexedName | Sequence[IndexedName]:
        held = self._kept.get(i)  # type: ignore[arg-type]  # (a slice is never kept)
        if held is not None:
            return held
        if isinstance(i, slice):
            return [self._decode(j) for j in range(*i.indices(len(self._records)))]
        if len(self._kept) >= self._KEEP:
            self._kept.clear()
        held = self._kept[i] = self._decode(i)
        return held

    def core(self, i: int) -> tuple[str, ...]:
        """The core words of name `i`, read alone from its record (no name is built)."""
        held = self._kept.get(i)
        if held is not None:
            return held.prepared.core
        records = self._records
        offsets = records._offsets  # noqa: SLF001 - as `_decode`
        core = str(records._blob[offsets[i]:offsets[i + 1]], "utf-8").split(_FIELD, 7)[6]  # noqa: SLF001
        return tuple(core.split(_WORD)) if core else ()

    def _decode(self, i: int) -> IndexedName:
        records = self._records
        offsets = records._offsets  # noqa: SLF001 - the reader of its own table, on the hot path
        return decode_record(str(records._blob[offsets[i]:offsets[i + 1]], "utf-8"))  # noqa: SLF001


def decode_record(record: str) -> IndexedName:
    """The name a record holds (see `encode_record`)."""
    sid, kind, name, key, latin, loose, core, skeleton, flags = record.split(_FIELD)
    words = tuple(core.split(_WORD)) if core else ()
    prepared = Prepared(text=name, key=key, latin=latin, loose=loose, core=words,
                        sorted_core=" ".join(sorted(words)), skeleton=skeleton, abjad=flags[2] == "1")
    return IndexedName(sid, _KINDS[int(kind)], name, flags[0] == "1", prepared, flags[1] == "1")


_ABSENT: Final = object()


class _Table(Mapping[str, Sequence[int]]):
    """A hashed table read in place: key -> positions (a view over the file)."""

    __slots__ = ("_count", "_kept", "_keys", "_koff", "_mask", "_slots", "_values", "_voff")

    def __init__(self, parts: Sequence[memoryview]) -> None:
        keys, koff, voff, values, slots = parts
        self._keys, self._koff, self._voff = keys, _u32(koff), _u32(voff)
        if len(values) % 4:
            raise DamagedIndexError("positions")
        self._values = values.cast("i")
        self._slots = _u32(slots)
        self._count = len(self._koff) - 1
        size = len(self._slots)
        if (self._count < 0 or len(self._voff) != self._count + 1 or size & (size - 1) or size <= self._count
                or (self._count and (self._koff[-1] > len(keys) or self._voff[-1] > len(self._values)))):
            raise DamagedIndexError("table")
        # (positions are not range-checked one by one: the digest vouches for what this module wrote)
        self._mask = size - 1
        self._kept: dict[str, Sequence[int] | None] | None = None

    def keep_recent(self) -> None:
        """Keep the answers of recent lookups (forgotten all at once when `KEPT_LOOKUPS` are held)."""
        self._kept = {}

    def _find(self, key: str) -> int:
        raw = key.encode("utf-8", "surrogatepass")
        slots, koff, keys, mask = self._slots, self._koff, self._keys, self._mask
        i = zlib.crc32(raw) & mask
        for _ in range(len(slots)):
            k = slots[i]
            if not k:
                return -1
            k -= 1
            if keys[koff[k]:koff[k + 1]] == raw:
                return k
            i = (i + 1) & mask
        return -1

    def get(self, key: str, default: Any = None) -> Any:  # noqa: ANN401 - as Mapping.get
        """The positions of `key`, or `default`."""
        kept = self._kept
        if kept is not None:
            found = kept.get(key, _ABSENT)  # (one lookup: another thread may clear `kept` meanwhile)
            if found is not _ABSENT:
                return default if found is None else found
        k = self._find(key)
        found = None if k < 0 or k >= self._count else self._values[self._voff[k]:self._voff[k + 1]]
        if kept is not None:
            if len(kept) >= KEPT_LOOKUPS:
                kept.clear()
            kept[key] = found
        return default if found is None else found

    def __getitem__(self, key: str) -> Sequence[int]:
        found: Sequence[int] | None = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and 0 <= self._find(key) < self._count

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        koff, keys = self._koff, self._keys
        for k in range(self._count):
            yield str(keys[koff[k]:koff[k + 1]], "utf-8", "surrogatepass")


class _ExactMap(Mapping[str, Positions]):
    """An exact map over a `_Table`: the positions of a key (as the built index's maps give)."""

    __slots__ = ("_table",)

    def __init__(self, table: _Table) -> None:
        self._table = table

    def get(self, key: str, default: Any = None) -> Any:  # noqa: ANN401 - as Mapping.get
        """The positions of `key`, or `default`."""
        return self._table.get(key, default)

    def __getitem__(self, key: str) -> Positions:
        return self._table[key]

    def __len__(self) -> int:
        return len(self._table)

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)


# -- writing ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Sections:
    """
    The sections of an index file, written already (by `designations.matching.streamed`).

    `file` holds them from its start, each padded to 8 bytes, as they follow the
    header in the index file; `save_index` copies them under a header of its own.
    """

    file: BinaryIO
    lengths: tuple[int, ...]
    names: int
    tables: int
    common: frozenset[str]


def save_index(index: NameIndex, path: pathlib.Path, key: str, *, mode: int = 0o600) -> bool:
    """
    Write `index` to `path` for `key`, atomically; False when it cannot be kept.

    An index whose names hold the layout's separators (NUL, U+0001) is not
    written (they never occur in names a list gives); an unwritable place is
    not an error either: the caller keeps the index in memory.
    """
    source = index.tables().source
    try:
        blob = _serialise(index, key) if source is None else _copied(source, key)
    except _NotStorableError:
        return False
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        digest = hashlib.sha256()
        with os.fdopen(fd, "wb") as fh:
            for part in blob:  # written part by part: the file is never held twice in memory
                digest.update(part)
                fh.write(part)
            fh.write(digest.digest())
            fh.flush()
            os.fsync(fh.fileno())
        pathlib.Path(tmp).chmod(mode & 0o644)  # never writable by group or others: such a file is not trusted
        pathlib.Path(tmp).replace(path)
        tmp = None
    except OSError:
        return False
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                pathlib.Path(tmp).unlink()
    _remove_stale(path)
    return True


def _remove_stale(path: pathlib.Path) -> None:
    """Remove the other keys' index files of the same store (best effort)."""
    stem = path.name.rsplit(".names-", 1)[0]
    for other in path.parent.glob(f"{stem}.names-*.idx"):
        if other.name != path.name and other.name.rsplit(".names-", 1)[0] == stem:
            with contextlib.suppress(OSError):
                other.unlink()


class _NotStorableError(Exception):
    """A name holds a separator of the layout."""


def encode_record(entry: IndexedName, bag: str) -> str:
    """
    The record of one name: its fields joined by NUL (raises `_NotStorableError` when a field holds a separator).

    `bag` (its sorted letters, a section of its own) is checked here too.
    """
    p = entry.prepared
    fields = (entry.subject_id, _KIND_NUMBERS[entry.kind], entry.name, p.key, p.latin, p.loose,
              _WORD.join(p.core), p.skeleton,
              f"{int(entry.is_primary)}{int(entry.weak)}{int(p.abjad)}")
    if (any(_FIELD in f for f in fields) or any(_WORD in w for w in p.core) or p.text != entry.name
            or _FIELD in bag):
        raise _NotStorableError
    return _FIELD.join(fields)


_KIND_NUMBERS: Final = {kind: str(i) for i, kind in enumerate(_KINDS)}


def _serialise(index: NameIndex, key: str) -> list[bytes]:
    tables = index.tables()
    records = [encode_record(entry, bag) for entry, bag in zip(tables.names, tables.bags, strict=True)]
    sids = sorted(tables.subject_ids)
    if any(_FIELD in s for s in sids):
        raise _NotStorableError
    sections: list[bytes] = [*_strings(records), _FIELD.join(tables.bags).encode(), b"", bytes(tables.words),
                             _FIELD.join(sids).encode()]
    hashed: list[Mapping[str, Positions] | Mapping[str, Sequence[int]]] = [*tables.exact, tables.postings]
    for table in hashed:
        sections.extend(_hashed(table))
    head = _head([len(s) for s in sections], key, tables.common, len(records), len(hashed))
    parts = [head]
    for section in sections:
        parts.extend((section, b"\x00" * (-len(section) % 8)))
    return parts


def _copied(source: Sections, key: str) -> Iterator[bytes]:
    """The file's parts: a header for `key`, then the sections `source` holds, read a part at a time."""
    yield _head(source.lengths, key, source.common, source.names, source.tables)
    left = sum(n + (-n % 8) for n in source.lengths)
    fd, offset = source.file.fileno(), 0
    while left > 0:
        part = os.pread(fd, min(left, 1 << 20), offset)
        if not part:
            raise OSError("the streamed sections are shorter than written")
        offset += len(part)
        left -= len(part)
        yield part


def _head(lengths: Sequence[int], key: str, common: frozenset[str], names: int, tables: int) -> bytes:
    """The header, padded to where the first section starts; it leaves room for itself, 64 bytes at a time."""
    start = len(MAGIC) + 4 + 256 + 16 * len(common) + sum(map(len, common)) + 24 * len(lengths)
    while True:
        layout, offset = [], start + (-start % 8)
        for length in lengths:
            layout.append([offset, length])
            offset += length + (-length % 8)
        header = json.dumps({"format": FORMAT, "key": key, "matcher": matcher_version(), "names": names,
                             "common": sorted(common), "tables": tables, "sections": layout}).encode()
        head = MAGIC + struct.pack("<I", len(header)) + header
        if len(head) <= layout[0][0]:
            return head + b"\x00" * (layout[0][0] - len(head))
        start += 64


def _strings(values: Sequence[str]) -> tuple[bytes, bytes]:
    """A blob and its u32 offsets."""
    offsets = array("I", [0])
    parts = []
    total = 0
    for value in values:
        raw = value.encode("utf-8", "surrogatepass")
        parts.append(raw)
        total += len(raw)
        offsets.append(total)
    return b"".join(parts), offsets.tobytes()


def _hashed(table: Mapping[str, Positions] | Mapping[str, Sequence[int]]) -> list[bytes]:
    """The five sections of a hashed table: keys, key offsets, value offsets, values, slots."""
    raw_keys = [k.encode("utf-8", "surrogatepass") for k in table]
    voff, values = array("I", [0]), array("i")
    for k in table:
        held = table[k]
        if isinstance(held, int):
            values.append(held)
        else:
            values.extend(held)
        voff.append(len(values))
    return hashed_sections(raw_keys, voff, values)


def hashed_sections(raw_keys: Sequence[bytes], voff: array[int], values: array[int]) -> list[bytes]:
    """The five sections of a hashed table from its keys (UTF-8, in order) and their positions, cut by `voff`."""
    koff = array("I", [0])
    total = 0
    for raw in raw_keys:
        total += len(raw)
        koff.append(total)
    size = 8
    while size < 2 * len(raw_keys):
        size *= 2
    slots = array("I", bytes(4 * size))
    mask = size - 1
    for n, raw in enumerate(raw_keys):
        i = zlib.crc32(raw) & mask
        while slots[i]:
            i = (i + 1) & mask
        slots[i] = n + 1
    return [b"".join(raw_keys), koff.tobytes(), voff.tobytes(), values.tobytes(), slots.tobytes()]
