"""
Building a large name index straight into its file layout, a part at a time.

Holding every prepared name, its keys and six dictionaries at once costs
hundreds of megabytes on a store of 100,000 subjects. Here the names are
prepared one by one and their records written to a temporary file; then each
hashed table is counted and written in a pass of its own over those records,
so only one table's keys are held at a time. The index that comes back reads
the temporary file in place, and `persist.save_index` copies its sections
under a header: the same bytes as saving the in-memory build of the same rows.
"""

from __future__ import annotations

import mmap
import os
import tempfile
import weakref
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import BinaryIO

from designations.matching import persist
from designations.matching.index import (
    _MAX_WORDS,
    _TAGS,
    IndexedName,
    NameIndex,
    Row,
    _bag,
    _exact_values,
    blocking_keys,
    common_words,
)
from designations.matching.score import prepare
from designations.model import SubjectKind

__all__ = ["build"]

_READ = 1 << 22
"""Bytes of records read back at a time."""
_FIELD = b"\x00"


def build(rows: Sequence[Row]) -> NameIndex | None:
    """
    The index of `rows`, its tables in a temporary file.

    None when a name cannot be stored, or the temporary file cannot be
    written (no space, no temporary directory): the caller builds it in memory.
    """
    try:
        file = tempfile.TemporaryFile(prefix="designations-names-")  # noqa: SIM115 - the index keeps it open
    except OSError:
        return None
    try:
        return _build(rows, file)
    except (persist._NotStorableError, OSError):  # noqa: SLF001 - the layout's own refusal
        file.close()
        return None
    except BaseException:
        file.close()
        raise


class _Writer:
    """Appends sections to a file, each padded to 8 bytes, and keeps their lengths."""

    def __init__(self, file: BinaryIO) -> None:
        self.file = file
        self.lengths: list[int] = []
        self._open = 0

    def write(self, part: bytes) -> None:
        """Add bytes to the current section."""
        self.file.write(part)
        self._open += len(part)

    def close(self) -> None:
        """End the current section."""
        self.file.write(b"\x00" * (-self._open % 8))
        self.lengths.append(self._open)
        self._open = 0

    def section(self, data: bytes) -> None:
        """A whole section at once."""
        self.write(data)
        self.close()


def _build(rows: Sequence[Row], file: BinaryIO) -> NameIndex:
    out = _Writer(file)
    count, offsets, bags, words, subject_ids, common = _records(rows, out)
    out.section(offsets.tobytes())
    out.section(bags)
    out.section(b"")
    out.section(bytes(words))
    if any("\x00" in s for s in subject_ids):
        raise persist._NotStorableError  # noqa: SLF001
    out.section("\x00".join(sorted(subject_ids)).encode())
    del bags, words, subject_ids
    for tag in range(len(_TAGS) + 1):
        for section in _table(file, offsets, count, tag):
            out.section(section)
    file.flush()
    view = memoryview(mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ))
    sections, at = [], 0
    for length in out.lengths:
        sections.append(view[at:at + length])
        at += length + (-length % 8)
    source = persist.Sections(file=file, lengths=tuple(out.lengths), names=count, tables=len(_TAGS) + 1,
                              common=common)
    weakref.finalize(source, file.close)  # the temporary file lives as long as the index that reads it
    return persist.index_over(sections, count, len(_TAGS) + 1, common, source)


def _records(rows: Sequence[Row], out: _Writer) -> tuple[int, array[int], bytes, bytearray, set[str],
                                                         frozenset[str]]:
    """Prepare each name and write its record: the first section. Returns what the next sections need."""
    raw_prepare = prepare.__wrapped__  # (not through its cache: every name is prepared once here)
    kinds: dict[str, SubjectKind] = {}
    offsets, total = array("I", [0]), 0
    bags, words = bytearray(), bytearray()
    subject_ids: set[str] = set()
    people: dict[str, int] = {}
    vocabulary: dict[str, int] = {}
    pairs = array("Q")  # (person, word) numbers, for the common words
    buffer: list[bytes] = []
    held = 0
    for count, (sid, kind, name, primary, *weak) in enumerate(rows):
        parsed = kinds.get(kind)
        if parsed is None:
            parsed = kinds[kind] = SubjectKind.parse(kind)
        p = raw_prepare(name)
        entry = IndexedName(subject_id=sid, kind=parsed, name=name, is_primary=bool(primary), prepared=p,
                            weak=bool(weak and weak[0]))
        bag = _bag(p)
        raw = persist.encode_record(entry, bag).encode("utf-8", "surrogatepass")
        buffer.append(raw)
        held += len(raw)
        total += len(raw)
        offsets.append(total)
        if count:
            bags += _FIELD
        bags += bag.encode()
        words.append(min(len(p.core), _MAX_WORDS))
        subject_ids.add(sid)
        if parsed is SubjectKind.PERSON:
            person = people.setdefault(sid, len(people))
            pairs.extend(person << 32 | vocabulary.setdefault(w, len(vocabulary)) for w in p.core)
        if held >= _READ:
            out.write(b"".join(buffer))
            buffer, held = [], 0
    out.write(b"".join(buffer))
    out.close()
    return len(offsets) - 1, offsets, bytes(bags), words, subject_ids, _common(pairs, vocabulary, len(people))


def _common(pairs: array[int], vocabulary: dict[str, int], people: int) -> frozenset[str]:
    """The common words (as `index._common_words` counts them) from (person, word) numbers, repeats included."""
    counts = array("I", bytes(4 * len(vocabulary)))
    last = -1
    for pair in sorted(pairs):
        if pair != last:
            counts[pair & 0xFFFFFFFF] += 1
            last = pair
    return common_words({word: counts[n] for word, n in vocabulary.items()}, people)


def _names(file: BinaryIO, offsets: array[int], count: int) -> Iterator[IndexedName]:
    """The names back from their records (the file's start), read a few megabytes at a time."""
    fd, lo = file.fileno(), 0
    while lo < count:
        hi = min(count, max(lo + 1, bisect_right(offsets, offsets[lo] + _READ) - 1))
        base = offsets[lo]
        chunk = os.pread(fd, offsets[hi] - base, base)
        for i in range(lo, hi):
            yield persist.decode_record(chunk[offsets[i] - base:offsets[i + 1] - base].decode("utf-8"))
        lo = hi


def _table(file: BinaryIO, offsets: array[int], count: int, tag: int) -> list[bytes]:
    """
    The five sections of one hashed table: an exact map (`tag` < 5) or the blocking keys.

    Keys are numbered as first met and positions kept in order, as the
    in-memory build's dictionaries hold them.
    """
    numbers: dict[str, int] = {}
    sizes = array("I")
    keys_of, positions = array("i"), array("i")
    for position, entry in enumerate(_names(file, offsets, count)):
        keys: Iterable[str]
        if tag < len(_TAGS):
            value = _exact_values(entry.prepared)[tag]
            keys = (value,) if value else ()
        else:
            keys = blocking_keys(entry.prepared)
        for key in keys:
            n = numbers.get(key)
            if n is None:
                n = numbers[key] = len(numbers)
                sizes.append(0)
            sizes[n] += 1
            keys_of.append(n)
            positions.append(position)
    voff = array("I", [0])
    for size in sizes:
        voff.append(voff[-1] + size)
    del sizes
    cursor = array("I", voff)
    values = array("i", bytes(4 * len(positions)))
    for n, position in zip(keys_of, positions, strict=True):
        values[cursor[n]] = position
        cursor[n] += 1
    del keys_of, positions, cursor
    raw_keys = [key.encode("utf-8", "surrogatepass") for key in numbers]
    del numbers
    return persist.hashed_sections(raw_keys, voff, values)
