"""The `import` and `export` subcommands."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from designations.cli import open_registry
from designations.cli import output as out

__all__ = ["export_command", "import_command"]

_FORMATS = ["auto", "un", "ofac-csv", "ofac-xml", "eu-fsf", "uk-conlist", "uk-sl", "ftm", "generic"]


@click.command("import")
@click.argument("format", type=click.Choice(_FORMATS))
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--published", default=None, metavar="DATE",
              help="Publication date (default: the date inside the file).")
@click.option("--json", "as_json", is_flag=True, help="Print the import report as JSON.")
@click.option("--url", envvar="DESIGNATIONS_DATABASE_URL", default=None,
              help="SQLAlchemy URL of the store (default: the embedded SQLite file).")
def import_command(format: str, path: Path, published: str | None, as_json: bool,
                   url: str | None) -> None:
    """Import an official list file: FORMAT (or auto) and PATH."""
    reg = open_registry(url)
    try:
        report = reg.import_file(path, format=None if format == "auto" else format, published=published)
    finally:
        reg.close()
    for warning in report.warnings:  # on stderr, so a script reading the JSON still sees them
        click.echo(f"warning: {warning}", err=True)
    if as_json:
        click.echo(out.as_json(report.to_dict()))
        return
    if report.duplicate:
        click.echo(f"{report.path}: already imported (sha256 {report.sha256[:12]}); "
                   "nothing recorded")
        return
    counts = ", ".join(f"{k} {v}" for k, v in sorted(report.events.items())) or "no events"
    click.echo(f"{report.path}: {report.format} of {report.published}: {report.entries} entries "
               f"on {len(report.lists)} lists; {counts}; {report.retracted} retracted; "
               f"{report.new_subjects} new subjects ({report.seconds:.1f}s)")


@click.command("export")
@click.option("--format", "format", type=click.Choice(["ftm"]), default="ftm", show_default=True)
@click.option("--out", "out_path", type=click.Path(path_type=Path), default=None,
              help="Write here instead of standard output.")
@click.option("--url", envvar="DESIGNATIONS_DATABASE_URL", default=None,
              help="SQLAlchemy URL of the store (default: the embedded SQLite file).")
def export_command(format: str, out_path: Path | None, url: str | None) -> None:
    """Export the registry as FollowTheMoney entities (JSON lines)."""
    del format
    reg = open_registry(url, read_only=True)
    try:
        if out_path is None:
            reg.export_ftm(sys.stdout)
        else:
            with out_path.open("w", encoding="utf-8") as fh:
                reg.export_ftm(fh)
    finally:
        reg.close()
