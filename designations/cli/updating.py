"""`designations update` and `designations watch`: keep the store current, and know when the seeds need work."""

from __future__ import annotations

import datetime as dt
import re

import click

from designations.cli import open_registry
from designations.cli import output as out
from designations.errors import InvalidRecordError

__all__ = ["update_command", "watch_command"]

_AGE = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def _age(text: str | None, option: str) -> dt.timedelta | None:
    if text is None:
        return None
    found = _AGE.match(text)
    if not found:
        raise InvalidRecordError(f"{text!r} is not an age such as 12h, 1d or 2w", field=option)
    return dt.timedelta(**{_UNITS[found.group(2)]: int(found.group(1))})


def _pairs(values: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        name, sep, url = value.partition("=")
        if not sep or not name.strip() or not url.strip():
            raise InvalidRecordError(f"{value!r} is not SOURCE=URL", field="--source-url")
        out[name.strip()] = url.strip()
    return out


@click.command("update")
@click.argument("sources", nargs=-1, metavar="[SOURCE]...")
@click.option("--source-url", "source_urls", multiple=True, metavar="SOURCE=URL",
              help="Fetch SOURCE from URL instead of its official address (repeatable).")
@click.option("--config", type=click.Path(dir_okay=False, exists=True), default=None,
              help='TOML file with [sources.<name>] url = "...".')
@click.option("--archive", type=click.Path(file_okay=False), default=None,
              help="Where downloads are kept (default: beside a SQLite store, or DESIGNATIONS_ARCHIVE).")
@click.option("--offline", type=click.Path(file_okay=False, exists=True), default=None,
              help="Import from this folder of downloaded files instead of the network.")
@click.option("--if-older-than", default=None, metavar="AGE", help="Skip sources checked within AGE (12h, 1d).")
@click.option("--keep", type=click.IntRange(min=1), default=None, help="Keep the N newest files per source.")
@click.option("--max-age", default=None, metavar="AGE", help="Prune archived files older than AGE (the last stays).")
@click.option("--timeout", type=click.FloatRange(min=1), default=60.0, show_default=True, help="Seconds per request.")
@click.option("--retries", type=click.IntRange(min=0, max=10), default=3, show_default=True)
@click.option("--backoff", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Seconds before the first retry, doubled at each further one.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--url", envvar="DESIGNATIONS_DATABASE_URL", default=None,
              help="SQLAlchemy URL of the store (default: the embedded SQLite file).")
def update_command(
    sources: tuple[str, ...], source_urls: tuple[str, ...], config: str | None, archive: str | None,
    offline: str | None, if_older_than: str | None, keep: int | None, max_age: str | None, timeout: float,
    retries: int, backoff: float, as_json: bool, url: str | None,
) -> int:
    """
    Fetch the official publications (un, ofac, uk, eu) and import what is new.

    Exit 0 when every source was current, 1 when some changed (a cron job can
    notify), 2 when one failed (the others are still updated).
    """
    reg = open_registry(url)
    age = _age(max_age, "--max-age")
    report = reg.update(sources or None, source_urls=_pairs(source_urls), config=config, archive=archive,
                        offline=offline, if_older_than=_age(if_older_than, "--if-older-than"), keep=keep,
                        max_age_days=age.days if age is not None else None, timeout=timeout, retries=retries,
                        backoff=backoff)
    click.echo(out.as_json(report.to_dict()) if as_json else out.terminal_safe(str(report)))
    return int(report.exit_code)


@click.command("watch")
@click.argument("lists", nargs=-1, metavar="[LIST]...")
@click.option("--archive", type=click.Path(file_okay=False), default=None,
              help="Where the pages' text is kept between looks (default: as for update).")
@click.option("--timeout", type=click.FloatRange(min=1), default=30.0, show_default=True, help="Seconds per page.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--url", envvar="DESIGNATIONS_DATABASE_URL", default=None,
              help="SQLAlchemy URL of the store (default: the embedded SQLite file).")
def watch_command(lists: tuple[str, ...], archive: str | None, timeout: float, as_json: bool,
                  url: str | None) -> int:
    """
    Fetch each curated list's official page and say which changed since the last look.

    Exit 0 when none changed, 1 when some did (the seeds need a look), 2 when a page could not be fetched.
    It never changes the data.
    """
    import attrs  # noqa: PLC0415

    reg = open_registry(url, read_only=False)
    results = reg.watch(lists or None, archive=archive, timeout=timeout)
    if as_json:
        click.echo(out.as_json([attrs.asdict(r) for r in results]))
    else:
        click.echo(out.terminal_safe("\n".join(r.line() for r in results) or "no list names an official page"))
    if any(r.status == "unreachable" for r in results):
        return 2
    return 1 if any(r.status == "changed" for r in results) else 0
