"""
Tiny HTML helpers for the `_repr_html_` of result objects in Jupyter.

Only escaping and one compact table: no templates, no styling beyond what
a notebook already gives a `<table>`. Values are escaped with
`html.escape`; URLs become links only when they are http(s).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence

__all__ = ["MAX_ROWS", "cell", "escape", "link", "table"]

MAX_ROWS = 60
"""Rows shown before a table is cut (the first and last halves are kept)."""


def escape(value: object) -> str:
    """`value` as text safe to put inside HTML (None is empty)."""
    if value is None:
        return ""
    return html.escape(str(value), quote=True)


def link(text: object, url: str) -> str:
    """`text` as a link to `url` when it is http(s), else just the escaped text."""
    label = escape(text) or escape(url)
    if url.startswith(("http://", "https://")):
        return f'<a href="{escape(url)}" target="_blank" rel="noopener">{label}</a>'
    return label


def cell(value: object) -> str:
    """One value as cell HTML: booleans as ✓/✗, sequences joined by commas, the rest escaped."""
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, (list, tuple, set, frozenset)):
        return escape(", ".join(str(v) for v in value))
    return escape(value)


def _cut(rows: Sequence[Mapping[str, str]], max_rows: int) -> tuple[list[Mapping[str, str]], int]:
    if len(rows) <= max_rows:
        return list(rows), 0
    head = max_rows // 2
    tail = max_rows - head
    return [*rows[:head], *rows[-tail:]], len(rows) - max_rows


def table(
    rows: Iterable[Mapping[str, str]],
    columns: Sequence[str],
    *,
    caption: str = "",
    max_rows: int = MAX_ROWS,
) -> str:
    """
    Render rows as a compact HTML table.

    Args:
        rows: one mapping per row from column name to cell HTML, already
            escaped (use `cell`, `escape` or `link` to build it).
        columns: the column names, in order; a missing cell is empty.
        caption: plain text shown above the table (escaped here).
        max_rows: more rows than this are cut in the middle, and the
            number left out is said.

    Returns:
        The table's HTML.

    """
    shown, hidden = _cut(list(rows), max_rows)
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = []
    for i, row in enumerate(shown):
        if hidden and i == max_rows // 2:
            body.append(f'<tr><td colspan="{len(columns)}">… {hidden} more rows …</td></tr>')
        body.append("<tr>" + "".join(f"<td>{row.get(c, '')}</td>" for c in columns) + "</tr>")
    if not shown:
        body.append(f'<tr><td colspan="{len(columns)}"><em>none</em></td></tr>')
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return (
        f'<table class="designations">{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )
