"""
`designations timeline NAME --out FILE`: draw a subject's designation timeline.

Writes the picture of `designations.plot.plot_timeline` (PNG, SVG or PDF by
the file's suffix) and prints where. Exit codes: 0 written, 2 any error
(unknown or ambiguous name, bad date, matplotlib missing, file not
writable), with one line on stderr.
"""

from __future__ import annotations

import pathlib

import click

from designations.cli import open_registry
from designations.cli import output as out

__all__ = ["timeline_command"]

_SUFFIXES = (".png", ".svg", ".pdf")


@click.command(name="timeline")
@click.argument("name")
@click.option("--out", "out_path", required=True, metavar="FILE",
              type=click.Path(dir_okay=False, writable=True, path_type=pathlib.Path),
              help="Where to write the picture: .png, .svg or .pdf.")
@click.option("--on", default=None, metavar="DATE",
              help="Right edge of the picture (default today).")
@click.option("--as-known-at", default=None, metavar="DATE",
              help="Draw only from what had been published by this date.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--url", envvar="DESIGNATIONS_DATABASE_URL", default=None,
              help="SQLAlchemy URL of the store (default: the embedded SQLite file).")
def timeline_command(
    name: str, out_path: pathlib.Path, on: str | None,
    as_known_at: str | None, as_json: bool, url: str | None,
) -> int:
    """Draw NAME's status on every list that named it, over time, into FILE."""
    if not str(out_path).strip() or not out_path.name:
        raise click.ClickException("--out needs a file name, such as timeline.png")
    if out_path.suffix.lower() not in _SUFFIXES:
        msg = (f"{out_path}: the picture format is taken from the file name's ending, "
               f"which must be one of {', '.join(_SUFFIXES)}")
        raise click.ClickException(msg)
    reg = open_registry(url)
    fig = reg.plot_timeline(name, out=out_path, on=on, as_known_at=as_known_at)
    rows = len(fig.axes[0].get_yticks()) if fig.axes else 0
    if as_json:
        click.echo(out.as_json({"subject": name, "out": str(out_path), "lists": rows}))
    else:
        click.echo(f"wrote {out_path} ({rows} lists)")
    return 0
