"""The core subcommands: each a thin call into `Registry` plus rendering."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from designations.cli import open_registry
from designations.cli import output as out

__all__ = ["changes", "demo", "history", "lists", "record", "snapshot", "status", "who"]

_url = click.option("--url", envvar="DESIGNATIONS_DATABASE_URL", default=None,
                    help="SQLAlchemy URL of the store (default: the embedded SQLite file).")
_json = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
_known = click.option("--as-known-at", default=None, metavar="DATE",
                      help="Answer from what had been published by this date.")
_recorded = click.option("--as-recorded-at", default=None, metavar="TIME",
                         help="Answer from exactly what the store held at this time.")


def _emit(as_json: bool, data: Callable[[], Any], text: Callable[[], str]) -> None:
    click.echo(out.as_json(data()) if as_json else out.terminal_safe(text()))


@click.command()
@click.argument("name")
@click.option("--in", "where", required=True, metavar="CODE", help="Jurisdiction code, alias or list id.")
@click.option("--on", default=None, metavar="DATE", help="The day asked about (default today).")
@_known
@_recorded
@_json
@_url
def status(name: str, where: str, on: str | None, as_known_at: str | None,
           as_recorded_at: str | None, as_json: bool, url: str | None) -> int:
    """Status of NAME in a jurisdiction on a day (exit 0 in force, 4 only a part, 1 not, 3 unknown)."""
    reg = open_registry(url)
    s = reg.status(name, where, on=on, as_known_at=as_known_at, as_recorded_at=as_recorded_at)
    _emit(as_json, s.to_dict, lambda: out.status_text(s))
    _warn(out.stale_warnings([s]))
    return out.status_exit_code([s])


def _warn(lines: list[str]) -> None:
    for line in lines:
        click.echo(out.terminal_safe(line), err=True)


@click.command()
@click.argument("name")
@click.option("--on", default=None, metavar="DATE")
@_known
@_recorded
@_json
@_url
def who(name: str, on: str | None, as_known_at: str | None, as_recorded_at: str | None,
        as_json: bool, url: str | None) -> int:
    """Status of NAME in every jurisdiction on a day (exit as for status, over all)."""
    reg = open_registry(url)
    answers = reg.who_lists(name, on=on, as_known_at=as_known_at, as_recorded_at=as_recorded_at)
    _emit(as_json, lambda: [s.to_dict() for s in answers],
          lambda: "\n".join([out.who_summary(answers), *(out.status_text(s) for s in answers)]))
    _warn(out.stale_warnings(answers))
    return out.status_exit_code(answers)


@click.command()
@click.argument("name")
@_known
@_recorded
@_json
@_url
def history(name: str, as_known_at: str | None, as_recorded_at: str | None, as_json: bool,
            url: str | None) -> int:
    """Every event of NAME on every list, in order, with sources."""
    reg = open_registry(url)
    h = reg.history(name, as_known_at=as_known_at, as_recorded_at=as_recorded_at)
    _emit(as_json, h.to_dict, lambda: out.history_text(h))
    return 0


@click.command()
@click.argument("where")
@click.option("--on", default=None, metavar="DATE")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV.")
@_known
@_recorded
@_json
@_url
def snapshot(where: str, on: str | None, as_csv: bool, as_known_at: str | None,
             as_recorded_at: str | None, as_json: bool, url: str | None) -> int:
    """Every subject in force on the lists of WHERE on a day."""
    reg = open_registry(url)
    snap = reg.snapshot(where, on=on, as_known_at=as_known_at, as_recorded_at=as_recorded_at)
    if as_csv:
        click.echo(out.snapshot_csv(snap), nl=False)
    else:
        _emit(as_json, snap.to_dict, lambda: out.snapshot_text(snap))
    _warn(out.basis_warnings(snap.basis))
    return 0


@click.command()
@click.argument("where")
@click.option("--since", required=True, metavar="DATE",
              help="First day (YYYY-MM-DD); a year (2024) or a month (2024-06) starts on its first day.")
@click.option("--until", default=None, metavar="DATE",
              help="Last day, inclusive (default today); a year or a month ends on its last day.")
@_known
@_recorded
@_json
@_url
def changes(where: str, since: str, until: str | None, as_known_at: str | None,
            as_recorded_at: str | None, as_json: bool, url: str | None) -> int:
    """Listings, amendments, suspensions and removals on WHERE's lists in a window."""
    reg = open_registry(url)
    cs = reg.changes(where, since=since, until=until, as_known_at=as_known_at,
                     as_recorded_at=as_recorded_at)
    _emit(as_json, cs.to_dict, lambda: out.changes_text(cs))
    return 0


@click.command(name="lists")
@_json
@_url
def lists(as_json: bool, url: str | None) -> int:
    """Every list in the store: its first day, what its answers rest on (check or publication), coverage."""
    import pendulum  # noqa: PLC0415

    reg = open_registry(url)
    found = reg.lists()
    today = pendulum.today().date()
    _emit(as_json, lambda: [out.list_dict(lst, today) for lst in found], lambda: out.lists_text(found, today))
    return 0


@click.command()
@click.argument("name")
@click.argument("list_id")
@click.argument("kind")
@click.option("--effective", required=True, metavar="DATE", help="YYYY-MM-DD, YYYY-MM, YYYY or A/B.")
@click.option("--published", default=None, metavar="DATE", help="The day it was published or announced.")
@click.option("--decided", default=None, metavar="DATE", help="The day the act was made or decided.")
@click.option("--listed-as", default="", help="The name as the act lists it.")
@click.option("--scope", type=click.Choice(["whole", "part"]), default="whole",
              help="Whether the act designates the whole subject or only a part (e.g. a military wing).")
@click.option("--source-title", required=True)
@click.option("--source-url", default="")
@click.option("--instrument", default="")
@click.option("--note", default="")
@click.option("--create", is_flag=True, help="Create the subject when no subject matches NAME.")
@_json
@_url
def record(name: str, list_id: str, kind: str, effective: str, published: str | None, decided: str | None,
           listed_as: str, scope: str, source_title: str, source_url: str, instrument: str, note: str,
           create: bool, as_json: bool, url: str | None) -> int:
    """Record one sourced event (validated; one transaction). An unknown NAME needs --create."""
    reg = open_registry(url)
    ev = reg.record(name, list_id, kind, effective=effective, published=published, decided=decided,
                    listed_as=listed_as, scope=scope,
                    sources=[{"title": source_title, "url": source_url}],
                    instrument=instrument, note=note, create=create)
    _emit(as_json, ev.to_dict, lambda: f"recorded event {ev.id} ({ev.kind.value} {ev.effective})")
    return 0


@click.command()
@_url
def demo(url: str | None) -> int:
    """The question the project was born from: the Taliban in Russia and everywhere."""
    reg = open_registry(url)
    click.echo(f"store: {reg!r}\n")
    for day in ("2024-06-01", "2025-06-01"):
        s = reg.status("Taliban", "RU", on=day)
        click.echo(out.terminal_safe(out.status_text(s)))
        click.echo(f"    in force: {s.in_force}\n")
    known = reg.status("Taliban", "RU", on="2025-06-01", as_known_at="2025-01-01")
    click.echo("As known on 2025-01-01 (before the suspension was published):")
    click.echo(out.terminal_safe(out.status_text(known)) + "\n")
    click.echo("The Taliban in every seeded jurisdiction on 2025-06-01:")
    for s in reg.who_lists("Taliban", on="2025-06-01"):
        click.echo(out.terminal_safe(out.status_text(s)))
    return 0
