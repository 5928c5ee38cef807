"""
`designations search NAME`: ranked candidates for one name, with why each matched and where it is designated.

For people who look names up by hand. Exit codes follow `screen`: 0 a candidate's
designation is in force, 4 only a part (a military wing) or a related organisation,
3 some answer is unknown or uncertain, 1 no candidate is designated, 2 an error.
"""

from __future__ import annotations

from typing import Any

import click

from designations.cli import (
    EXIT_IN_FORCE,
    EXIT_NOT_IN_FORCE,
    EXIT_PART_IN_FORCE,
    EXIT_UNKNOWN,
    open_registry,
)
from designations.cli import output as out

__all__ = ["search_command"]


@click.command("search")
@click.argument("name")
@click.option("--in", "jurisdictions", multiple=True, metavar="CODE",
              help="Jurisdiction to report (repeat; default every one with lists).")
@click.option("--on", default=None, metavar="DATE", help="The day of the statuses (default today).")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000),
              help="Most candidates shown.")
@click.option("--threshold", default=None, type=click.FloatRange(0.0, 1.0),
              help="Lowest score shown (default 0.6: looser than screening's, for looking up by hand).")
@click.option("--contains-threshold", default=None, type=click.FloatRange(0.0, 1.0, min_open=True),
              help="Lowest score of a `contains` candidate, a name holding a listed organisation's whole "
                   "name (scored 0.88); default: --threshold.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--explain", is_flag=True,
              help="Per candidate: the name parts paired and their weights, the Latin reading, the rule, "
                   "and each status with the event and source it rests on.")
@click.option("--url", envvar="DESIGNATIONS_DATABASE_URL", default=None,
              help="SQLAlchemy URL of the store (default: the embedded SQLite file).")
def search_command(
    name: str, jurisdictions: tuple[str, ...], on: str | None, limit: int, threshold: float | None,
    contains_threshold: float | None, as_json: bool, explain: bool, url: str | None,
) -> int:
    """Rank the subjects whose names resemble NAME (any script), with their status in each jurisdiction."""
    reg = open_registry(url)
    result = reg.search(name, on=on, jurisdictions=jurisdictions or None, limit=limit, threshold=threshold,
                        explain=explain, contains_threshold=contains_threshold)
    if as_json:
        click.echo(out.as_json(result.to_dict()))
    else:
        click.echo(out.terminal_safe(_text(result)))
    return _exit_code(result.candidates)


def _text(result: Any) -> str:  # noqa: ANN401 - a designations.screening.SearchResult
    head = (f"{len(result.candidates)} candidate(s) for {result.query!r} on {result.on} "
            f"(score >= {result.threshold:.2f}; {result.matcher})")
    lines = [head]
    for c in result.candidates:
        lines.append(f"  {c.score:.2f}  {c.subject.name} [{c.subject.id}] — matched {c.name!r} ({c.reason})")
        if c.statuses:
            lines.append("        " + out.states_line(c.statuses))
        lines.extend(f"        {line}" for line in c.explain_lines())
    if not result.candidates:
        lines.append("  no subject's name comes close enough")
    return "\n".join(lines)


def _exit_code(candidates: Any) -> int:  # noqa: ANN401 - a tuple of Candidate
    if any(c.in_force for c in candidates):
        return EXIT_IN_FORCE
    if any(c.partly_in_force for c in candidates):
        return EXIT_PART_IN_FORCE
    if any(c.uncertain for c in candidates):
        return EXIT_UNKNOWN
    return EXIT_NOT_IN_FORCE
