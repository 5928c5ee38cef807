"""
A subject's designation timeline as a picture: one row per list.

`plot_timeline(registry, "Taliban")` draws, for every list that ever named
the subject, the periods in which the designation was in force (listed) and
suspended, hatches the windows in which the sources leave the date of a
change open, and marks each event. The periods come from the subject's
history through `designations.lifecycle.timeline`, the same replay the store
uses, so the picture and the answers of `status` agree.

matplotlib is an optional extra (`pip install 'designations[plot]'`),
imported only when a plot is drawn.
"""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from designations import lifecycle
from designations.dates import DateLike, Precision, as_local_date, utc_now
from designations.errors import MissingExtraError
from designations.model import DesignationList, Event, EventKind, History, Scope, State

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["COLOURS", "PART_COLOUR", "plot_timeline"]

COLOURS: dict[State, str] = {
    State.LISTED: "#c0392b",
    State.SUSPENDED: "#e69f00",
    State.UNKNOWN: "#7f7f7f",
}
"""Fill colour per state; REMOVED and NOT_LISTED periods are left empty."""
PART_COLOUR = "#f2b8b0"
"""Fill of a period in which only a part of the subject was listed (a military wing): never the whole's red."""

_MARKERS: dict[EventKind, str] = {
    EventKind.LISTED: "^",
    EventKind.AMENDED: "D",
    EventKind.SUSPENDED: "s",
    EventKind.REINSTATED: ">",
    EventKind.REMOVED: "v",
}
_AFTER: dict[EventKind, State] = {
    EventKind.LISTED: State.LISTED,
    EventKind.AMENDED: State.LISTED,
    EventKind.REINSTATED: State.LISTED,
    EventKind.SUSPENDED: State.SUSPENDED,
}
"""The state an event leaves behind (REMOVED leaves nothing to colour)."""
_BAR = 0.44
_CLOSE_DAYS = 3 * 365
"""Event labels closer than this on one row alternate above and below the bar."""
_LABEL_WIDTH = 40


class _Registry(Protocol):
    """What a timeline needs from a `designations.Registry`."""

    def history(self, subject: str, *, as_known_at: DateLike | None = None) -> History: ...


def _require_matplotlib() -> None:
    try:
        import matplotlib as mpl  # noqa: F401, PLC0415 - optional extra
    except ImportError as exc:
        raise MissingExtraError("plot", "matplotlib") from exc


def _day(value: dt.date) -> dt.date:
    """Strip a pendulum date down to a plain `datetime.date`."""
    return dt.date(value.year, value.month, value.day)


def _x(day: dt.date) -> float:
    """Place a day on matplotlib's date axis (days since its epoch)."""
    from matplotlib import dates as mdates  # noqa: PLC0415 - optional extra

    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def _event_label(event: Event) -> str:
    window = event.effective
    if window.precision in (Precision.DAY, Precision.MONTH, Precision.YEAR):
        return str(window)
    return f"{window.earliest:%Y-%m} to {window.latest:%Y-%m}"


def _row_label(list_id: str, found: DesignationList | None) -> str:
    if found is None:
        return list_id
    name = textwrap.shorten(found.name, width=2 * _LABEL_WIDTH, placeholder="…")
    wrapped = textwrap.fill(name, width=_LABEL_WIDTH)
    return f"{found.jurisdiction.code} · {wrapped}"


def _rows(history: History) -> list[tuple[str, list[Event]]]:
    """Group the subject's events by list, lists in order of their first event."""
    rows: dict[str, list[Event]] = {}
    for event in lifecycle.order(history.events):
        rows.setdefault(event.list_id, []).append(event)
    return list(rows.items())


def _draw_row(ax: Axes, y: float, events: Sequence[Event], end: dt.date) -> bool:
    """Bars for the periods of one list, then markers and date labels for its events; True if a part was listed."""
    parts = False
    for seg in lifecycle.timeline(events):
        start = _day(seg.start)
        stop = min(_day(seg.end), end) if seg.end is not None else end
        if start >= stop:
            continue
        span = (_x(start), _x(stop) - _x(start))
        if not seg.certain:
            before = _AFTER.get(seg.setter.kind) if seg.setter is not None else None
            base = COLOURS.get(before or State.UNKNOWN, COLOURS[State.UNKNOWN])
            ax.broken_barh([span], (y - _BAR / 2, _BAR), facecolors=base, alpha=0.35,
                           edgecolor="#333333", hatch="////", linewidth=0.6)
        elif seg.state in (State.LISTED, State.SUSPENDED):
            part = seg.state is State.LISTED and seg.setter is not None and seg.setter.scope is Scope.PART
            parts = parts or part
            ax.broken_barh([span], (y - _BAR / 2, _BAR),
                           facecolors=PART_COLOUR if part else COLOURS[seg.state], edgecolor="none")
    last_x: float | None = None
    flip = False
    for event in events:
        lo, hi = _day(event.effective.earliest), _day(event.effective.latest)
        if lo > end:
            continue
        x_lo, x_hi = _x(lo), _x(hi)
        mid = (x_lo + x_hi) / 2
        if hi > lo:
            ax.plot([x_lo, x_hi], [y, y], color="#222222", linewidth=1.0, zorder=3)
            for cap in (x_lo, x_hi):
                ax.plot([cap, cap], [y - 0.08, y + 0.08], color="#222222", linewidth=1.0, zorder=3)
        ax.plot([mid], [y], marker=_MARKERS[event.kind], markersize=8, color="white",
                markeredgecolor="#222222", markeredgewidth=1.2, linestyle="none", zorder=4)
        close = last_x is not None and mid - last_x < _CLOSE_DAYS
        flip = not flip if close else False
        offset = _BAR / 2 + 0.08
        # near the right edge, end the label at the event so it stays clear of the "on" line
        near_end = _x(end) - x_hi < _CLOSE_DAYS / 2
        ax.annotate(_event_label(event),
                    (x_hi if near_end else mid, y + offset if flip else y - offset),
                    ha="right" if near_end else "center", va="top" if flip else "bottom",
                    fontsize=8, color="#222222", zorder=5)
        last_x = mid
    return parts


def _root(ax: Axes) -> Figure:
    """Find the top-level figure of `ax` (it may sit in a subfigure)."""
    from matplotlib.figure import Figure  # noqa: PLC0415 - optional extra

    fig = ax.figure
    while not isinstance(fig, Figure):
        fig = fig.figure
    return fig


def _legend(ax: Axes, kinds: set[EventKind], on: dt.date | None, *, parts: bool = False) -> None:
    from matplotlib.lines import Line2D  # noqa: PLC0415 - optional extra
    from matplotlib.patches import Patch  # noqa: PLC0415 - optional extra
    from matplotlib.transforms import offset_copy  # noqa: PLC0415 - optional extra

    handles: list[Any] = [
        Patch(facecolor=COLOURS[State.LISTED], label="listed (in force)"),
        *([Patch(facecolor=PART_COLOUR, label="a part only (military wing)")] if parts else []),
        Patch(facecolor=COLOURS[State.SUSPENDED], label="suspended (not in force)"),
        Patch(facecolor="#dddddd", edgecolor="#333333", hatch="////",
              label="date uncertain (window)"),
        Line2D([], [], color="#bbbbbb", linewidth=1, label="not listed / removed"),
    ]
    handles += [
        Line2D([], [], marker=_MARKERS[k], markersize=8, color="white", markeredgecolor="#222222",
               linestyle="none", label=f"event: {k.value.lower()}")
        for k in EventKind if k in kinds
    ]
    if on is not None:
        handles.append(Line2D([], [], color="#555555", linestyle=":", label=f"on {on}"))
    below_ticks = offset_copy(ax.transAxes, fig=_root(ax), y=-30, units="points")
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0),
              bbox_transform=below_ticks, ncol=4, frameon=False, fontsize=9)


def plot_timeline(
    registry: _Registry,
    subject: str,
    *,
    ax: Axes | None = None,
    out: str | os.PathLike[str] | None = None,
    on: DateLike | None = None,
    as_known_at: DateLike | None = None,
) -> Figure:
    """
    Draw a subject's status on every list that named it, over time.

    One row per list, labelled with its jurisdiction and name; coloured bars
    for the periods in which the designation was listed (in force) or
    suspended, a paler bar where only a part of the subject was listed (a
    military wing: never drawn as the whole), hatched bars where a change
    happened on an unknown day within a window, and a marker (with its date)
    for every event.

    Args:
        registry: an open `designations.Registry`.
        subject: a subject id, identifier, name or alias.
        ax: draw into these axes; default a new figure.
        out: also write the figure to this file (PNG, SVG, PDF by suffix),
            drawn with matplotlib's Agg renderer, so no display is needed.
        on: the right edge of the picture (default today); periods still
            running are drawn up to it, later events are left out.
        as_known_at: draw only from what had been published by then.

    Returns:
        The matplotlib figure (shown inline in Jupyter).

    Raises:
        MissingExtraError: matplotlib is not installed
            (`pip install 'designations[plot]'`).
        UnknownSubjectError, AmbiguousNameError: as for `Registry.history`.

    .. versionadded:: 0.1.0

    """
    _require_matplotlib()
    import matplotlib.dates as mdates  # noqa: PLC0415 - optional extra
    from matplotlib.figure import Figure  # noqa: PLC0415 - optional extra

    history = registry.history(subject, as_known_at=as_known_at)
    end = _day(as_local_date(on, "UTC") if on is not None else utc_now().date())
    rows = _rows(history)
    lists = {lst.id: lst for lst in history.lists}

    if ax is None:
        fig = Figure(figsize=(11, 2.0 + 0.75 * max(len(rows), 1)), layout="constrained")
        ax = fig.add_subplot()
    else:
        fig = _root(ax)
    first = min((_day(e.effective.earliest) for e in history.events), default=end)
    pad = dt.timedelta(days=max(120, (end - first).days // 40))
    parts = False
    for y, (_list_id, events) in enumerate(rows):
        ax.plot([_x(first - pad), _x(end)], [y, y], color="#bbbbbb", linewidth=1, zorder=1)
        parts = _draw_row(ax, y, events, end) or parts

    ax.set_yticks(range(len(rows)), [_row_label(lid, lists.get(lid)) for lid, _ in rows])
    ax.set_ylim(len(rows) - 0.4, -0.6)
    ax.set_xlim(_x(first - pad), _x(end + pad))
    locator = mdates.AutoDateLocator(minticks=5, maxticks=12)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    ax.grid(axis="x", color="#eeeeee", zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    if on is not None:
        ax.axvline(_x(end), color="#555555", linestyle=":", linewidth=1)
    known = f", as known at {as_known_at}" if as_known_at is not None else ""
    ax.set_title(f"{history.subject.name}: designation status by list{known}", loc="left",
                 fontsize=12)
    if not rows:
        ax.text(0.5, 0.5, "no events recorded", transform=ax.transAxes, ha="center")
    drawn = {e.kind for e in history.events if _day(e.effective.earliest) <= end}
    _legend(ax, drawn, end if on is not None else None, parts=parts)

    if out is not None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415

        if fig.canvas is None or type(fig.canvas).__name__ == "FigureCanvasBase":
            FigureCanvasAgg(fig)
        fig.savefig(os.fspath(out), dpi=150)
    return fig
