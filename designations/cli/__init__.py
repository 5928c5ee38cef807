"""
The `designations` command line.

Exit codes, for every command that answers a status: 0 a designation is in
force, 1 it is not (never listed, suspended, removed), 3 unknown (outside
coverage, or inside an uncertainty window), 2 any error, reported as one
line on stderr without a traceback.
"""

from __future__ import annotations

import gc
import importlib
import sys
from typing import Any

import click

from designations.errors import DesignationsError

__all__ = [
    "EXIT_ERROR",
    "EXIT_IN_FORCE",
    "EXIT_NOT_IN_FORCE",
    "EXIT_PART_IN_FORCE",
    "EXIT_UNKNOWN",
    "cli",
    "console",
    "main",
    "open_registry",
]

EXIT_IN_FORCE = 0
EXIT_NOT_IN_FORCE = 1
EXIT_ERROR = 2
EXIT_UNKNOWN = 3
EXIT_PART_IN_FORCE = 4
"""Only a part of the subject (a military wing) or a related organisation is designated."""

_LAZY = {
    "status": "designations.cli.commands:status",
    "history": "designations.cli.commands:history",
    "who": "designations.cli.commands:who",
    "snapshot": "designations.cli.commands:snapshot",
    "changes": "designations.cli.commands:changes",
    "lists": "designations.cli.commands:lists",
    "demo": "designations.cli.commands:demo",
    "record": "designations.cli.commands:record",
    "screen": "designations.cli.screening:screen_command",
    "search": "designations.cli.searching:search_command",
    "import": "designations.cli.importing:import_command",
    "export": "designations.cli.importing:export_command",
    "timeline": "designations.cli.plotting:timeline_command",
    "db": "designations.cli.db:db_group",
    "update": "designations.cli.updating:update_command",
    "watch": "designations.cli.updating:watch_command",
}


class _LazyGroup(click.Group):
    """A group whose subcommands are imported only when used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        del ctx
        return sorted(name for name in _LAZY if self._load(name) is not None)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        del ctx
        return self._load(cmd_name)

    @staticmethod
    def _load(name: str) -> click.Command | None:
        target = _LAZY.get(name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        try:
            loaded = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name == module:
                return None
            raise
        cmd = getattr(loaded, attr, None)
        return cmd if isinstance(cmd, click.Command) else None


_OPENED: list[Any] = []
"""Registries opened by the running command: `main()` closes them when it returns."""


def open_registry(url: str | None, *, read_only: bool = False) -> Any:  # noqa: ANN401 - Registry
    """Open the registry named by `--url` (or the default) for a command (closed when the command ends)."""
    import designations  # noqa: PLC0415

    reg = designations.open(url, read_only=read_only)
    _OPENED.append(reg)
    return reg


def _close_opened() -> None:
    while _OPENED:
        _OPENED.pop().close()


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="designations", message="%(prog)s %(version)s")
def cli() -> None:
    """Point-in-time answers about terrorist designations across jurisdictions."""


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; errors become exit code 2 with one line on stderr."""
    try:
        return _run(argv)
    finally:
        _close_opened()


def _run(argv: list[str] | None) -> int:
    try:
        result = cli.main(args=argv, prog_name="designations", standalone_mode=False)
    except DesignationsError as exc:
        click.echo(f"designations: error: {exc}", err=True)
        return EXIT_ERROR
    except click.exceptions.Abort:
        click.echo("designations: aborted", err=True)
        return EXIT_ERROR
    except click.ClickException as exc:
        click.echo(f"designations: error: {exc.format_message()}", err=True)
        return EXIT_ERROR
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except (OSError, UnicodeError) as exc:
        click.echo(f"designations: error: {exc}", err=True)
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - scripts get exit 2 and one line, never a traceback
        click.echo(f"designations: internal error: {type(exc).__name__}: {exc}", err=True)
        return EXIT_ERROR
    return result if isinstance(result, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


def console() -> None:
    """
    Console-script entry point (`designations`, `python -m designations`): exit with `main()`'s code.

    The process is the command's own, and everything imported by now lives as long as it does:
    `gc.freeze()` moves those objects out of the collector's view, so the first full collection
    of a command (tens of milliseconds, scanning every class and function of SQLAlchemy, pendulum
    and this package) is not spent on them. Collection stays on for what the command allocates.
    The library itself never touches the collector; `main()` (used in process) does not either.
    """
    gc.freeze()
    sys.exit(main())
