"""
Safe, streaming XML for the official list readers.

Parsing goes through `defusedxml`'s parser (the pure-Python ElementTree
parser on expat, with entity declarations and external references
forbidden), so neither a billion-laughs file nor an external-entity file
can expand or reach out. The installed expat (`pyexpat.EXPAT_VERSION`) may
predate 2.7.2, whose own protections the Python docs rely on; defusedxml
refuses every entity declaration before expat expands anything.

Files are fed in chunks; each wanted record element is handed over whole
with the line it starts on, then cleared and detached, so memory stays
bounded by the largest record rather than the file.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

import attrs
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from designations.errors import ImportFormatError

__all__ = ["CHUNK_SIZE", "Node", "child_text", "children", "local", "stream"]

CHUNK_SIZE = 1 << 16
"""Bytes fed to the parser at a time."""

MAX_DEPTH = 64
"""Deepest element nesting accepted: official lists nest under ten; a nesting bomb is refused at once."""

MAX_RUN = 4 << 20
"""Longest stretch of bytes between two markup delimiters (a text or an attribute value) accepted."""


class _TooDeepError(ValueError):
    """Raised from the parser's callback when elements nest deeper than `MAX_DEPTH`."""


@attrs.frozen
class Node:
    """A parsed element and the line its start tag is on; `root` marks the document element."""

    element: Element
    line: int
    path: tuple[str, ...]
    root: bool = False


def local(tag: str) -> str:
    """An element's tag without its namespace: `{ns}sdnEntry` -> `sdnEntry`."""
    return tag.rpartition("}")[2]


def children(element: Element, name: str) -> Iterator[Element]:
    """The direct children named `name`, whatever their namespace."""
    return (child for child in element if local(child.tag) == name)


def child_text(element: Element, name: str) -> str:
    """The stripped text of the first direct child named `name`, or ''."""
    for child in children(element, name):
        return (child.text or "").strip()
    return ""


class _Target:
    """A tree builder that logs, in document order, where elements start and end."""

    def __init__(self) -> None:
        self.builder = TreeBuilder()
        self.parser: Any = None
        self.log: list[tuple[Element, int]] = []
        self.depth = 0

    def start(self, tag: str, attrib: dict[str, str]) -> Element:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _TooDeepError(f"elements nested deeper than {MAX_DEPTH}")
        element = self.builder.start(tag, attrib)
        self.log.append((element, self.parser.parser.CurrentLineNumber))
        return element

    def end(self, tag: str) -> Element:
        self.depth -= 1
        element = self.builder.end(tag)
        self.log.append((element, -1))
        return element

    def data(self, data: str) -> None:
        self.builder.data(data)

    def close(self) -> Element:
        return self.builder.close()


def _error(path: Path, exc: Exception, at: int | None = None) -> ImportFormatError:
    if isinstance(exc, ParseError):
        line, column = exc.position
        reason = str(exc).split(":")[0]
        return ImportFormatError(
            f"not well-formed XML ({reason}, column {column}); truncated or wrong encoding?",
            path=path, line=line, field="xml",
        )
    return ImportFormatError(
        f"unsafe XML refused ({type(exc).__name__}: {exc})", path=path, line=at, field="xml",
    )


def stream(path: Path, wanted: Collection[tuple[str, ...]]) -> Iterator[Node]:
    """
    Yield the document element (on its start) and every complete element at a wanted path.

    `wanted` holds tag paths of local names from the root, e.g.
    `("CONSOLIDATED_LIST", "INDIVIDUALS", "INDIVIDUAL")`. Elements that are
    neither wanted nor inside a wanted element are dropped as soon as they
    end. Raises ImportFormatError with the line for malformed or unsafe XML.
    """
    with path.open("rb") as fh:
        yield from _stream(path, fh, frozenset(wanted))


def _classify(path: tuple[str, ...], wanted: frozenset[tuple[str, ...]]) -> str:
    if path in wanted:
        return "wanted"
    n = len(path)
    if any(len(w) < n and path[: len(w)] == w for w in wanted):
        return "inside"
    return "other"


def _stream(path: Path, fh: IO[bytes], wanted: frozenset[tuple[str, ...]]) -> Iterator[Node]:
    target = _Target()
    parser = DefusedXMLParser(target=target, forbid_dtd=False, forbid_entities=True,
                              forbid_external=True)
    target.parser = parser
    stack: list[tuple[Element, int, tuple[str, ...], str]] = []
    kinds: dict[tuple[str, ...], str] = {}
    done = False
    run = 0
    while not done:
        chunk = fh.read(CHUNK_SIZE)
        last = max(chunk.rfind(b"<"), chunk.rfind(b">"))
        run = run + len(chunk) if last < 0 else len(chunk) - last - 1
        if run > MAX_RUN:
            raise ImportFormatError(f"a text or attribute value longer than {MAX_RUN} bytes",
                                    path=path, line=parser.parser.CurrentLineNumber, field="xml")
        try:
            if chunk:
                parser.feed(chunk)
            else:
                parser.close()
                done = True
        except (ParseError, DefusedXmlException, ValueError) as exc:
            raise _error(path, exc, parser.parser.CurrentLineNumber) from exc
        yield from _drain(target, stack, kinds, wanted)
    if stack:
        raise ImportFormatError("XML ended inside an element", path=path, field="xml")


def _drain(
    target: _Target,
    stack: list[tuple[Element, int, tuple[str, ...], str]],
    kinds: dict[tuple[str, ...], str],
    wanted: frozenset[tuple[str, ...]],
) -> Iterator[Node]:
    log, target.log = target.log, []
    for element, line in log:
        if line >= 0:
            parent_path = stack[-1][2] if stack else ()
            path = (*parent_path, local(element.tag))
            kind = kinds.get(path)
            if kind is None:
                kind = kinds[path] = _classify(path, wanted)
            stack.append((element, line, path, kind))
            if len(stack) == 1:
                yield Node(element, line, path, root=True)
            continue
        closed, start_line, path, kind = stack.pop()
        if kind == "inside":
            continue
        if kind == "wanted":
            yield Node(closed, start_line, path)
        closed.clear()
        if stack:
            with contextlib.suppress(ValueError):
                stack[-1][0].remove(closed)
