"""
An uncertain answer names the act that makes it uncertain.

The United States revoked the Ansarallah designation in 2021 and designated it again in force on
publication in the Federal Register, a day the sources bound only as 4 or 5 March 2025. Asked about
4 March, the answer is UNKNOWN; it must say that the designation of March 2025 may or may not have
taken effect, not only show the revocation of 2021 as the last act surely in force.
"""

from __future__ import annotations

import json

import pytest

import designations
from designations.cli import main
from designations.model import State

from .conftest import SOURCE, url_of


@pytest.fixture
def houthis(world: designations.Registry) -> tuple[designations.Registry, dict[str, int]]:
    """Listed 2021-01-19, removed 2021-02-16, listed again on a day in 2025-03-04/2025-03-05."""
    world.add_subject("Ansarallah", id="houthis")
    ids = {}
    for kind, effective in (("LISTED", "2021-01-19"), ("REMOVED", "2021-02-16"), ("RELISTED", "2025-03-04/2025-03-05")):
        event = world.record("houthis", "us-fto", "LISTED" if kind == "RELISTED" else kind, effective=effective,
                             instrument=f"{kind.title()} act", sources=[SOURCE])
        assert event.id is not None
        ids[kind] = event.id
    return world, ids


def test_inside_a_window_the_pending_act_is_named(houthis: tuple[designations.Registry, dict[str, int]]) -> None:
    """UNKNOWN, the act whose window holds the day in `pending` and the reason; `event` is still the last sure one."""
    reg, ids = houthis

    s = reg.status("houthis", "us-fto", on="2025-03-04")

    assert (State.UNKNOWN, frozenset({State.LISTED, State.REMOVED})) == (s.state, s.possible_states)
    assert ([ids["RELISTED"]], ids["REMOVED"]) == ([e.id for e in s.pending], s.event.id if s.event else None)
    assert "inside the window of LISTED (in force 2025-03-04/2025-03-05)" in s.reason
    assert ["LISTED"] == [e["kind"] for e in s.to_dict()["pending"]]


def test_outside_any_window_nothing_is_pending(houthis: tuple[designations.Registry, dict[str, int]]) -> None:
    """Before the window opens and once it has closed, the answer is certain and names no pending act."""
    reg, _ids = houthis

    before, after = (reg.status("houthis", "us-fto", on=day) for day in ("2025-03-03", "2025-03-06"))

    assert (State.REMOVED, (), State.LISTED, ()) == (before.state, before.pending, after.state, after.pending)


def test_the_cli_shows_the_pending_act_with_its_source(houthis: tuple[designations.Registry, dict[str, int]],
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """Text: a `pending` line with the act's dates and instrument, then its source; JSON: the events."""
    reg, _ids = houthis
    args = ["status", "houthis", "--in", "us-fto", "--on", "2025-03-04", "--url", url_of(reg)]

    code = main(args)
    text = capsys.readouterr().out
    main([*args, "--json"])
    data = json.loads(capsys.readouterr().out)

    assert 3 == code
    assert "    pending LISTED (in force 2025-03-04/2025-03-05) — Relisted act" in text.splitlines()
    assert "Relisted act" == data["pending"][0]["instrument"]
