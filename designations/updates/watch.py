"""
`designations watch`: tell a maintainer when a curated list's official page changed.

Each curated list names its official page (`DesignationList.url`). `watch`
fetches it, reduces it to its visible text (scripts, styles and markup
dropped, white space folded) and compares that with the text kept from the
last look (`<archive>/watch/<list-id>.txt`): the changed lines are reported.
The first look records the text. It never changes the registry's data.
"""

from __future__ import annotations

import difflib
import html.parser
import pathlib
import tempfile
from collections.abc import Iterable

import attrs
import httpx

from designations.errors import DesignationsError
from designations.updates.fetch import Limits, client, fetch
from designations.updates.sources import UpdateSource

__all__ = ["PageResult", "page_text", "watch"]


class _Text(html.parser.HTMLParser):
    _SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head"})
    _BREAK = frozenset({"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
                        "table", "ul", "ol", "dt", "dd", "td", "th"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in self._BREAK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self._BREAK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:  # a line break in the HTML source is only a space: blocks make lines
            self.parts.append(" ".join(data.split("\n")))


def page_text(raw: bytes) -> str:
    """The visible text of an HTML (or plain text) page, one non-empty line per block."""
    text = raw.decode("utf-8", errors="replace")
    if "<" in text:  # markup: its blocks make the lines
        parser = _Text()
        parser.feed(text)
        parser.close()
        text = "".join(parser.parts)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line) + "\n"


@attrs.frozen(kw_only=True)
class PageResult:
    """One list's page: `unchanged`, `changed` (with the changed lines), `first` look, or `unreachable`."""

    list_id: str
    url: str
    status: str
    changes: tuple[str, ...] = ()
    reason: str = ""

    def line(self) -> str:
        """One line, then the changed lines indented."""
        head = f"{self.list_id}: {self.status}" + (f" ({self.reason})" if self.reason else "")
        return "\n".join([head, *(f"    {c}" for c in self.changes[:40])])


def watch(pages: Iterable[tuple[str, str]], folder: pathlib.Path, *, http: httpx.Client | None = None,
          limits: Limits | None = None) -> list[PageResult]:
    """Fetch each (list id, page URL) and compare its text with the one kept in `folder`."""
    limits = limits or Limits(retries=1, max_bytes=20 << 20)
    folder.mkdir(parents=True, exist_ok=True)
    own = http is None
    http = http or client(limits)
    out: list[PageResult] = []
    try:
        for list_id, url in pages:
            source = UpdateSource(name=list_id, format="page", url=url, filename=f"{list_id}.html")
            with tempfile.TemporaryDirectory(dir=folder, prefix=".page-") as tmp:
                target = pathlib.Path(tmp) / source.filename
                try:
                    fetch(http, source, target, limits=limits, progress=False, html_ok=True)
                    text = page_text(target.read_bytes())
                except DesignationsError as exc:
                    out.append(PageResult(list_id=list_id, url=url, status="unreachable", reason=str(exc)))
                    continue
            kept = folder / f"{list_id}.txt"
            if not kept.exists():
                kept.write_text(text, encoding="utf-8")
                out.append(PageResult(list_id=list_id, url=url, status="first", reason="text recorded"))
                continue
            before = kept.read_text(encoding="utf-8")
            if before == text:
                out.append(PageResult(list_id=list_id, url=url, status="unchanged"))
                continue
            diff = [line for line in difflib.unified_diff(before.splitlines(), text.splitlines(), lineterm="", n=0)
                    if line[:1] in "+-" and not line.startswith(("+++", "---"))]
            kept.write_text(text, encoding="utf-8")
            out.append(PageResult(list_id=list_id, url=url, status="changed", changes=tuple(diff),
                                  reason=f"{len(diff)} lines differ"))
    finally:
        if own:
            http.close()
    return out
