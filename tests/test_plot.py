"""Specs for the timeline picture and the `designations timeline` command."""

from __future__ import annotations

import json
import pathlib
import sys

import pytest

import designations
from designations.errors import MissingExtraError

from .cli.runner import Ran, invoke
from .core.conftest import SOURCE, taliban, world  # noqa: F401 - fixtures shared with the core specs

pytest.importorskip("matplotlib", reason="the timeline needs the `plot` extra (matplotlib)")

from matplotlib.figure import Figure

from designations.plot import plot_timeline


@pytest.fixture
def reg(taliban: designations.Registry) -> designations.Registry:  # noqa: F811 - the fixture
    """The Taliban listed, then suspended, in Russia; listed, then removed in a window, in KZ."""
    taliban.record("Taliban", "kz-terrorist-organisations", "LISTED", effective="2005-03-15",
                   sources=[SOURCE], create=True)
    taliban.record("Taliban", "kz-terrorist-organisations", "REMOVED",
                   effective="2023-12-29/2024-06-03", sources=[SOURCE], create=True)
    return taliban


def legend_texts(fig: object) -> list[str]:
    """The labels of the figure's legend."""
    legend = fig.axes[0].get_legend()
    assert legend is not None
    return [t.get_text() for t in legend.get_texts()]


def test_writes_a_png(reg: designations.Registry, tmp_path: pathlib.Path) -> None:
    """`out=` writes a non-empty PNG file."""
    out = tmp_path / "taliban.png"

    plot_timeline(reg, "Taliban", out=out)

    assert out.stat().st_size > 0
    assert b"\x89PNG" == out.read_bytes()[:4]


def test_one_row_per_list_labelled_with_jurisdiction_and_name(reg: designations.Registry) -> None:
    """Each list that named the subject gets one row, labelled 'CODE · name', first listed first."""
    fig = plot_timeline(reg, "Taliban", on="2025-06-01")

    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]

    assert ["RU · RU federal list", "KZ · KZ list"] == labels


def test_legend_names_states_and_event_kinds(reg: designations.Registry) -> None:
    """The legend explains the colours, the hatching and each kind of event drawn."""
    texts = legend_texts(plot_timeline(reg, "Taliban", on="2025-06-01"))

    assert "listed (in force)" in texts
    assert "suspended (not in force)" in texts
    assert "date uncertain (window)" in texts
    assert {"event: listed", "event: suspended", "event: removed"} <= set(texts)
    assert "on 2025-06-01" in texts


def test_a_part_listed_is_drawn_apart_from_the_whole(reg: designations.Registry) -> None:
    """A military wing's listing is a paler bar, never the whole's red, until the whole is listed (legend too)."""
    from matplotlib.colors import to_hex  # noqa: PLC0415

    from designations.plot import COLOURS, PART_COLOUR  # noqa: PLC0415

    reg.add_subject("Hamas", id="hamas")
    reg.record("hamas", "us-fto", "LISTED", effective="2001-03-29", listed_as="Qassam Brigades", scope="part",
               sources=[SOURCE])
    reg.record("hamas", "us-fto", "AMENDED", effective="2021-11-26", listed_as="Hamas", scope="whole",
               sources=[SOURCE])

    fig = plot_timeline(reg, "hamas", on="2024-01-01")
    bars = [(to_hex(c.get_facecolor()[0]), c.get_paths()[0].get_extents().x0) for c in fig.axes[0].collections]

    whole = COLOURS[designations.State.LISTED]
    assert (PART_COLOUR != whole, [PART_COLOUR, whole]) == (True, [c for c, _x in sorted(bars, key=lambda b: b[1])])
    assert "a part only (military wing)" in legend_texts(fig)
    assert "a part only (military wing)" not in legend_texts(plot_timeline(reg, "Taliban", on="2025-06-01"))


def test_events_after_the_right_edge_are_left_out(reg: designations.Registry) -> None:
    """With `on` before the suspension, the suspension is neither drawn nor in the legend."""
    texts = legend_texts(plot_timeline(reg, "Taliban", on="2024-01-01"))

    assert "event: suspended" not in texts


def test_as_known_at_draws_from_what_was_published(reg: designations.Registry) -> None:
    """Known as at 2025-01-01 the Russian suspension had not been published."""
    fig = plot_timeline(reg, "Taliban", on="2025-06-01", as_known_at="2025-01-01")

    assert "event: suspended" not in legend_texts(fig)
    assert "as known at 2025-01-01" in fig.axes[0].get_title(loc="left")


def test_draws_into_given_axes(reg: designations.Registry) -> None:
    """`ax=` draws into the caller's axes and returns their figure."""
    fig = Figure()
    ax = fig.add_subplot()

    assert fig is plot_timeline(reg, "Taliban", ax=ax)
    assert 2 == len(ax.get_yticks())


def test_unknown_subject_raises(reg: designations.Registry) -> None:
    """A name that matches nobody raises the registry's lookup error."""
    with pytest.raises(designations.UnknownSubjectError):
        plot_timeline(reg, "Nobody at all")


def test_without_matplotlib_names_the_extra(reg: designations.Registry,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Without matplotlib, MissingExtraError names the `plot` extra."""
    monkeypatch.setitem(sys.modules, "matplotlib", None)

    with pytest.raises(MissingExtraError) as caught:
        plot_timeline(reg, "Taliban")

    assert "plot" == caught.value.extra
    assert "designations[plot]" in str(caught.value)


# -- the command line -------------------------------------------------------------------


def run(url: str, *args: str) -> Ran:
    """`designations ARGS --url URL` with no standard input, in this process."""
    return invoke(*args, "--url", url)


def test_cli_timeline_writes_the_picture(reg: designations.Registry,
                                         tmp_path: pathlib.Path) -> None:
    """`designations timeline NAME --out FILE` writes the PNG, says so and exits 0."""
    out = tmp_path / "taliban.png"

    result = run(reg.store.url, "timeline", "Taliban", "--out", str(out), "--on", "2025-06-01")

    assert 0 == result.returncode, result.stderr
    assert out.stat().st_size > 0
    assert f"wrote {out} (2 lists)" == result.stdout.strip()


def test_cli_timeline_json(reg: designations.Registry, tmp_path: pathlib.Path) -> None:
    """`--json` prints where the picture went and how many lists it shows."""
    out = tmp_path / "taliban.svg"

    result = run(reg.store.url, "timeline", "Taliban", "--out", str(out), "--json")

    assert 0 == result.returncode, result.stderr
    assert {"subject": "Taliban", "out": str(out), "lists": 2} == json.loads(result.stdout)
    assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")


@pytest.mark.parametrize(("args", "message"), [
    (("Nobody at all",), "no subject matches"),
    (("Taliban", "--on", "2025-13-01"), "invalid date"),
])
def test_cli_timeline_errors_exit_2_with_one_line(
    reg: designations.Registry, tmp_path: pathlib.Path, args: tuple[str, ...], message: str,
) -> None:
    """Bad names and dates exit 2 with one line on stderr and no file."""
    out = tmp_path / "x.png"

    result = run(reg.store.url, "timeline", *args, "--out", str(out))

    assert 2 == result.returncode
    assert 1 == len(result.stderr.strip().splitlines())
    assert message in result.stderr
    assert not out.exists()


def test_cli_timeline_refuses_unknown_picture_formats(reg: designations.Registry,
                                                      tmp_path: pathlib.Path) -> None:
    """An --out suffix other than .png, .svg or .pdf is an error (exit 2)."""
    result = run(reg.store.url, "timeline", "Taliban", "--out", str(tmp_path / "x.txt"))

    assert 2 == result.returncode
    assert "must be one of .png, .svg, .pdf" in result.stderr
