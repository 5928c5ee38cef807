"""
`designations db ...`: schema upgrade, integrity check and rebuild of a store.

Exit codes: 0 done (check: no problem), 1 check found problems, 2 any error
(one line on stderr, no traceback).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click

from designations.errors import DesignationsError

__all__ = ["db_group"]

F = TypeVar("F", bound=Callable[..., Any])

_URL_HELP = (
    "SQLAlchemy URL of the store (default: $DESIGNATIONS_DATABASE_URL, else the embedded store)."
)


def _url_option(func: F) -> F:
    return click.option("--url", envvar="DESIGNATIONS_DATABASE_URL", default=None, help=_URL_HELP)(
        func
    )


class _Failure(click.ClickException):
    """A db command's error: one line (`designations: error: ...` through `main()`), exit code 2."""

    exit_code = 2


def _fail(exc: BaseException) -> NoReturn:
    raise _Failure(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc


@click.group("db")
def db_group() -> None:
    """Administer a store: schema upgrades, integrity checks, rebuilds."""


@db_group.command("upgrade")
@_url_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def upgrade_command(url: str | None, as_json: bool) -> None:
    """Bring the store's schema to this library's revision (creates it when empty)."""
    import designations  # noqa: PLC0415

    try:
        result = designations.upgrade_store(url)
    except DesignationsError as exc:
        _fail(exc)
    if as_json:
        click.echo(json.dumps({"before": result.before, "after": result.after}))
    elif result.before == result.after:
        click.echo(f"schema already at revision {result.after}")
    else:
        click.echo(f"schema upgraded from {result.before or 'empty'} to {result.after}")


@db_group.command("check")
@_url_option
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def check_command(url: str | None, as_json: bool) -> int:
    """Check that every status period agrees with a replay of its events, and no row is orphaned."""
    import designations  # noqa: PLC0415

    try:
        reg = designations.open(url, read_only=True)
        try:
            report = reg.check()
        finally:
            reg.close()
    except DesignationsError as exc:
        _fail(exc)
    except Exception as exc:  # noqa: BLE001 - the CLI never shows a traceback
        _fail(exc)
    click.echo(json.dumps(report.to_dict(), default=str) if as_json else str(report))
    return 0 if report.ok else 1


@db_group.command("rebuild")
@_url_option
def rebuild_command(url: str | None) -> None:
    """Re-derive every status period from the events (old rows are closed, not deleted); mend flags and indexes."""
    import designations  # noqa: PLC0415

    try:
        reg = designations.open(url, seeds=False)
        try:
            report = reg.rebuild()
        finally:
            reg.close()
    except DesignationsError as exc:
        _fail(exc)
    click.echo(str(report))


if __name__ == "__main__":  # pragma: no cover - `python -m designations.cli.db`
    sys.exit(db_group.main(standalone_mode=False) or 0)
