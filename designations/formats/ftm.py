"""
FollowTheMoney (OpenSanctions) entities as JSON lines, and their delta files.

Each line is an entity `{"id", "schema", "properties": {name: [values]}, "datasets", …}`,
or, in a delta file, `{"op": "ADD"|"MOD"|"DEL", "entity": {…}}`. A `Sanction`
entity (`authority`, `program`, `country`, `startDate`, `endDate`,
`listingDate`, `status`, `unscId`) points through its `entity` property to
the sanctioned `Person`, `Organization`, `LegalEntity` or `Company`, whose
`name` and `alias` properties hold the names. Dates may be partial (`2024`,
`2024-03`); they become date windows of that precision.

Each sanction is one entry, keyed by the Sanction entity's id, on the list
`ftm-<dataset>` (else `ftm-<authority>`, else `ftm-<country>`). `endDate`
is the entry's end date, which removes it once passed (see `formats.diff`).
A target flagged as such (`target: true` or topic `sanction`) with no
Sanction entity in the file is one undated entry per dataset, keyed by its
own id. Sanctions and their targets may come in any order, so the file is
read twice: first to index the sanctions by target, then to join them.
The index holds no ids, only two sorted arrays of 64-bit target id hashes
and byte offsets (16 bytes a sanction, plus a taken flag); each sanction
line is read again where it is joined, and its target id checked, so a
hash collision costs a read, never a wrong join. A sanction whose target
is not in the file cannot be named and is skipped with a warning on
`Publication.warnings`.

A delta's `DEL` names only an id, not a schema: it removes the entry of
that Sanction, or every `ftm-` listing of the subject holding that id as
its `ftm` identifier (a deleted `Person`, `Organization`, `LegalEntity` or
`Company` takes its sanctions with it).

More information:

* https://followthemoney.tech/explorer/schemata/Sanction/
* https://www.opensanctions.org/docs/bulk/json/
* https://www.opensanctions.org/docs/bulk/delta/
"""

from __future__ import annotations

import hashlib
import heapq
import json
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pendulum

from designations.dates import DateWindow, parse_window
from designations.errors import ImportFormatError, InvalidDateError
from designations.formats._common import clean, file_sha256, names, slug, unique_keys
from designations.formats.records import Entry, Publication, Tombstone
from designations.model.subjects import Identifier, SubjectKind

__all__ = ["FORMAT", "LIST_PREFIX", "list_id", "partial_date", "read", "sniff", "target_hash"]

FORMAT = "ftm"

LIST_PREFIX = "ftm-"
"""Every list id this format makes starts so; a DEL of a target reaches only these lists."""

_KINDS = {"Person": SubjectKind.PERSON, "Vessel": SubjectKind.VESSEL,
          "Airplane": SubjectKind.AIRCRAFT}
_TARGETS = frozenset({"Person", "Organization", "LegalEntity", "Company", "Vessel",
                      "Airplane", "PublicBody"})
_LINE_BITS = 28
_SORT_CHUNK = 1 << 12


def sniff(head: bytes) -> bool:
    """Whether a file starts like FtM JSON lines (an entity or a delta op)."""
    first = head.lstrip(b"\xef\xbb\xbf \r\n\t").split(b"\n", 1)[0]
    if not first.startswith(b"{"):
        return False
    return b'"schema"' in first or (b'"op"' in head[:64] and b'"entity"' in head)


def partial_date(value: str, *, path: Path, line: int, field: str) -> DateWindow:
    """An FtM date (`2024`, `2024-03`, `2024-03-01`, or with a time) as a window."""
    text = value.strip()
    if len(text) > 10 and text[10] in "T ":  # noqa: PLR2004 - length of YYYY-MM-DD
        text = text[:10]
    try:
        return parse_window(text, field=field)
    except InvalidDateError as exc:
        raise ImportFormatError(f"invalid date {value!r}", path=path, line=line,
                                field=field) from exc


def list_id(sanction: dict[str, Any], *, path: Path, line: int) -> str:
    """The registry list id of a sanction: `ftm-<dataset|authority|country>`."""
    props = sanction.get("properties") or {}
    for candidate in (*(sanction.get("datasets") or ()), *props.get("authority", ()),
                      *props.get("country", ())):
        tail = slug(str(candidate))[:60].strip("-")
        if tail:
            return f"{LIST_PREFIX}{tail}"
    raise ImportFormatError("unknown program: a Sanction without dataset, authority or country",
                            path=path, line=line, field="authority")


def _parse(raw: bytes, *, path: Path, line: int) -> dict[str, Any]:
    try:
        data = json.loads(raw, object_pairs_hook=unique_keys)
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"wrong encoding ({exc.reason}); expected UTF-8", path=path,
                                line=line, field="encoding") from exc
    except RecursionError as exc:
        raise ImportFormatError("JSON nested too deeply", path=path, line=line, field="json") from exc
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"not JSON ({exc.msg}, column {exc.colno}); truncated file?",
                                path=path, line=line, field="json") from exc
    except ValueError as exc:  # a duplicate key, a number too long to read
        raise ImportFormatError(f"not acceptable JSON ({exc})", path=path, line=line, field="json") from exc
    if not isinstance(data, dict):
        raise ImportFormatError("a line is not a JSON object", path=path, line=line,
                                field="json")
    return data


def _unwrap(data: dict[str, Any], *, path: Path, line: int) -> tuple[str, dict[str, Any]]:
    if "op" in data:
        entity = data.get("entity")
        if not isinstance(entity, dict) or not entity.get("id"):
            raise ImportFormatError("delta op without entity id", path=path, line=line,
                                    field="entity")
        op = str(data["op"]).upper()
        if op not in ("ADD", "MOD", "DEL"):
            raise ImportFormatError(f"unknown delta op {data['op']!r} (ADD, MOD or DEL)", path=path,
                                    line=line, field="op")
        _check_properties(entity, path=path, line=line)
        return op, entity
    if not data.get("id") or not data.get("schema"):
        raise ImportFormatError("entity without id or schema", path=path, line=line,
                                field="schema")
    _check_properties(data, path=path, line=line)
    return "ADD", data


def _check_properties(entity: dict[str, Any], *, path: Path, line: int) -> None:
    """An entity's properties are a mapping of names to lists of values."""
    props = entity.get("properties", {})
    if not isinstance(props, dict) or not all(isinstance(v, list) for v in props.values()):
        raise ImportFormatError("properties must map each name to a list of values", path=path,
                                line=line, field="properties")


def read(path: Path, *, published: pendulum.Date | None = None) -> Publication:
    """Read FtM JSON lines (entities or deltas)."""
    path = Path(path)
    complete = True
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if raw.strip():
                complete = "op" not in _parse(raw, path=path, line=number)
                break
        else:
            raise ImportFormatError("empty file", path=path, line=1, field="json")
    warnings: list[str] = []
    return Publication(format=FORMAT, path=path, sha256=file_sha256(path), published=published,
                       lists={}, entries=_entries(path, warnings), complete=complete,
                       warnings=warnings)


def target_hash(target: str) -> int:
    """
    A signed 64-bit hash of a target id, the key of the sanction index; stable across runs.

    The join checks the id on every line it reads, so any function of the id joins rightly:
    one that gives many ids the same key only costs reads.
    """
    digest = hashlib.blake2b(target.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


_Reader = Callable[[int], tuple[dict[str, Any], int]]
"""Packed (offset, line) -> the Sanction entity on that line, and the line."""


def _targets(sanction: dict[str, Any]) -> list[Any]:
    return list((sanction.get("properties") or {}).get("entity", ()))


class _Index:
    """
    The Sanction lines of a file by target: sorted target hashes beside packed (offset, line).

    One slot per (sanction, target) pair. Slots of one hash are in file
    order, and slots of one hash and one line follow the order of that
    line's targets with that hash, so each slot maps back to its target id.
    """

    __slots__ = ("keys", "packed", "taken")

    def __init__(self, keys: array[int], packed: array[int]) -> None:
        self.keys = keys
        self.packed = packed
        self.taken = bytearray(len(keys))

    def take(self, target: str, read: _Reader) -> list[tuple[dict[str, Any], int]]:
        """The sanctions on `target` (with their lines) not taken yet, in file order; now taken."""
        key = target_hash(target)
        lo = bisect_left(self.keys, key)
        hi = bisect_right(self.keys, key, lo)
        found: list[tuple[dict[str, Any], int]] = []
        while lo < hi:
            packed = self.packed[lo]
            end = lo + 1
            if end < hi and self.packed[end] == packed:
                end = bisect_right(self.packed, packed, end, hi)
            if 0 in self.taken[lo:end]:
                sanction, line = read(packed)
                for slot in self._slots(target, key, lo, end, _targets(sanction)):
                    self.taken[slot] = 1
                    found.append((sanction, line))
            lo = end
        return found

    def _slots(self, target: str, key: int, lo: int, end: int, targets: list[Any]) -> list[int]:
        """The untaken slots among lo:end (one line's, of one hash) that stand for `target`."""
        if end - lo == 1:  # the usual case: the one target of that hash on the line
            return [lo] if target in targets and not self.taken[lo] else []
        same = (t for t in targets if target_hash(str(t)) == key)
        return [slot for slot, other in zip(range(lo, end), same, strict=False)
                if other == target and not self.taken[slot]]

    def left(self, read: _Reader) -> dict[Any, int]:
        """Target id -> count of its sanctions never taken, in the order the file first names them."""
        lines = sorted({self.packed[slot] for slot in range(len(self.taken))
                        if not self.taken[slot]})
        counts: dict[Any, int] = {}
        for packed in lines:
            sanction, _line = read(packed)
            seen: dict[int, int] = {}
            for target in _targets(sanction):
                key = target_hash(str(target))
                lo = bisect_left(self.keys, key)
                hi = bisect_right(self.keys, key, lo)
                slot = bisect_left(self.packed, packed, lo, hi) + seen.get(key, 0)
                seen[key] = seen.get(key, 0) + 1
                if slot < hi and self.packed[slot] == packed and not self.taken[slot]:
                    counts[target] = counts.get(target, 0) + 1
        return counts


def _index(path: Path) -> _Index:
    """Every Sanction line of the file by target (see `_Index`)."""
    keys: array[int] = array("q")
    offsets: array[int] = array("q")
    offset = 0
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            here, offset = offset, offset + len(raw)
            if b'"Sanction"' not in raw:
                continue
            op, entity = _unwrap(_parse(raw, path=path, line=number), path=path, line=number)
            if op == "DEL" or entity.get("schema") != "Sanction":
                continue
            packed = (here << _LINE_BITS) | number
            for target in _targets(entity):
                keys.append(target_hash(str(target)))
                offsets.append(packed)
    return _Index(*_sort(keys, offsets))


def _sort(keys: array[int], packed: array[int]) -> tuple[array[int], array[int]]:
    """
    Both arrays ordered by (key, packed), that is by key and then file order.

    Chunks are sorted in place and then merged into new arrays, so the sort
    needs little memory beyond a second copy of the arrays.
    """
    size = len(keys)
    for lo in range(0, size, _SORT_CHUNK):
        hi = min(lo + _SORT_CHUNK, size)
        order = sorted(range(lo, hi), key=keys.__getitem__)  # stable: file order kept
        keys[lo:hi] = array("q", [keys[i] for i in order])
        packed[lo:hi] = array("q", [packed[i] for i in order])
    if size <= _SORT_CHUNK:
        return keys, packed
    runs = [zip(memoryview(keys)[lo:lo + _SORT_CHUNK], memoryview(packed)[lo:lo + _SORT_CHUNK],
                strict=True) for lo in range(0, size, _SORT_CHUNK)]
    out_keys, out_packed = array("q", [0]) * size, array("q", [0]) * size
    for slot, (key, offset) in enumerate(heapq.merge(*runs)):
        out_keys[slot], out_packed[slot] = key, offset
    return out_keys, out_packed


def _entries(path: Path, warnings: list[str]) -> Iterator[Entry | Tombstone]:
    index = _index(path)
    with path.open("rb") as fh, path.open("rb") as sanctions:

        def read(packed: int) -> tuple[dict[str, Any], int]:
            sanctions.seek(packed >> _LINE_BITS)
            line = packed & ((1 << _LINE_BITS) - 1)
            _op, sanction = _unwrap(_parse(sanctions.readline(), path=path, line=line),
                                    path=path, line=line)
            return sanction, line

        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            if b'"DEL"' in raw[:40]:
                op, entity = _unwrap(_parse(raw, path=path, line=number), path=path,
                                     line=number)
                if op == "DEL":
                    yield _tombstone(entity, number)
                    continue
            if b'"Sanction"' in raw and b'"schema": "Sanction"' in raw.replace(b'":"', b'": "'):
                continue
            yield from _joined(path, index, read, raw, number)
        for target, count in index.left(read).items():
            warnings.append(f"{count} sanction(s) on {target!r} skipped: target not in the file")


def _joined(path: Path, index: _Index, read: _Reader, raw: bytes,
            number: int) -> Iterator[Entry | Tombstone]:
    """A line that is no Sanction: its entries (joined or bare), or its tombstone."""
    op, entity = _unwrap(_parse(raw, path=path, line=number), path=path, line=number)
    if op == "DEL":
        yield _tombstone(entity, number)
        return
    sanctions = index.take(str(entity.get("id")), read)
    if entity.get("schema") == "Sanction":
        return
    if not sanctions:
        yield from _bare(path, entity, number)
        return
    for sanction, s_line in sanctions:
        yield _entry(path, entity, number, sanction, s_line)


def _tombstone(entity: dict[str, Any], line: int) -> Tombstone:
    """
    A DEL op: of a Sanction (its entry key) or of a target (its `ftm` identifier).

    A delta's DEL carries only the id, not the schema, so the id stands for both.
    """
    key = str(entity["id"])
    return Tombstone(key=key, line=line, target=Identifier("ftm", key), scope=LIST_PREFIX)


def _bare(path: Path, entity: dict[str, Any], line: int) -> Iterator[Entry]:
    """A sanctioned target without a Sanction entity: one entry per dataset, undated."""
    props = entity.get("properties") or {}
    if entity.get("schema") not in _TARGETS:
        return
    if not (entity.get("target") or "sanction" in props.get("topics", ())):
        return
    for dataset in entity.get("datasets") or ():
        pseudo = {"id": entity["id"], "datasets": [dataset], "properties": {}}
        yield _entry(path, entity, line, pseudo, line)


def _first(props: dict[str, Any], name: str) -> str:
    values = props.get(name) or ()
    return str(values[0]).strip() if values else ""


def _entry(path: Path, entity: dict[str, Any], line: int, sanction: dict[str, Any],
           s_line: int) -> Entry:
    props = entity.get("properties") or {}
    s_props = sanction.get("properties") or {}
    all_names = [str(n) for n in props.get("name", ()) if str(n).strip()]
    if not all_names and entity.get("caption"):
        all_names = [str(entity["caption"])]
    caption = str(entity.get("caption") or "")
    primary = caption if caption in all_names else (all_names[0] if all_names else "")
    name = clean(primary, path=path, line=line, field="name")
    aliases = names([*all_names, *(str(a) for a in props.get("alias", ()))], name)
    listed_text = _first(s_props, "listingDate") or _first(s_props, "startDate")
    end_text = _first(s_props, "endDate")
    identifiers = [Identifier("ftm", str(entity["id"]))]
    identifiers += [Identifier("un", str(v)) for v in s_props.get("unscId", ())]
    for ref in entity.get("referents") or ():
        if str(ref).startswith("ofac-") and str(ref)[5:].isdigit():
            identifiers.append(Identifier("ofac", str(ref)[5:]))
    programs = tuple(str(p) for p in s_props.get("program", ()))
    schema = str(entity.get("schema", ""))
    return Entry(
        key=str(sanction["id"]),
        list_id=list_id(sanction, path=path, line=s_line),
        kind=_KINDS.get(schema, SubjectKind.ORGANISATION),
        name=name, aliases=aliases, identifiers=tuple(dict.fromkeys(identifiers)),
        programs=programs,
        listed_on=partial_date(listed_text, path=path, line=s_line, field="startDate")
        if listed_text else None,
        end_date=partial_date(end_text, path=path, line=s_line, field="endDate")
        if end_text else None,
        status=_first(s_props, "status"),
        line=line,
    )
