"""The command line as a script sees it: exit codes, JSON, one-line errors (in process; one real process)."""

from __future__ import annotations

import csv
import io
import json

import pytest

import designations

from ..core.conftest import SOURCE
from .runner import Ran, invoke, spawn


def run(url: str, *args: str) -> Ran:
    """`designations ARGS --url URL` with no standard input."""
    return invoke(*args, "--url", url)


@pytest.fixture
def url(taliban: designations.Registry) -> str:
    """A store with the Taliban in Russia and an uncertain Kazakh removal."""
    taliban.record("Taliban", "kz-terrorist-organisations", "LISTED", effective="2005-03-15", sources=[SOURCE],
                   create=True)
    taliban.record("Taliban", "kz-terrorist-organisations", "REMOVED", effective="2023-12-29/2024-06-03",
                   sources=[SOURCE], create=True)
    taliban.add_subject("Al-Haramain (Somalia)", id="haramain-so", aliases=["Al-Haramain"])
    taliban.add_subject("Al-Haramain (USA)", id="haramain-us", aliases=["Al Haramain"])
    return taliban.store.url


def test_a_real_process_answers_with_its_exit_code(url: str) -> None:
    """`python -m designations` as its own process, no standard input: the answer and exit code 0."""
    result = spawn("status", "Taliban", "--in", "RU", "--on", "2024-06-01", "--url", url)

    assert (0, "") == (result.returncode, result.stderr)
    assert "LISTED" in result.stdout


def test_status_in_force_exits_0(url: str) -> None:
    """A designation in force exits 0 and says LISTED."""
    result = run(url, "status", "Taliban", "--in", "RU", "--on", "2024-06-01")

    assert 0 == result.returncode
    assert "LISTED" in result.stdout


def test_status_suspended_exits_1(url: str) -> None:
    """A suspended designation is not in force: exit 1."""
    assert 1 == run(url, "status", "Taliban", "--in", "RU", "--on", "2025-06-01").returncode


def test_status_not_listed_exits_1(url: str) -> None:
    """Never listed within coverage: exit 1."""
    assert 1 == run(url, "status", "Taliban", "--in", "US", "--on", "2020-01-01").returncode


def test_status_outside_coverage_exits_3(url: str) -> None:
    """Outside the list's coverage the answer is unknown: exit 3."""
    assert 3 == run(url, "status", "Taliban", "--in", "RU", "--on", "2001-01-01").returncode


def test_status_inside_uncertainty_window_exits_3(url: str) -> None:
    """Inside an uncertainty window the answer is unknown: exit 3, with the possibilities."""
    result = run(url, "status", "Taliban", "--in", "KZ", "--on", "2024-03-01", "--json")

    assert 3 == result.returncode
    data = json.loads(result.stdout)
    assert (False, ["LISTED", "REMOVED"]) == (data["certain"], data["possible_states"])


def test_status_json_carries_receipt(url: str) -> None:
    """--json gives the state, the list, the event, its sources and the receipt."""
    result = run(url, "status", "Taliban", "--in", "RU", "--on", "2025-06-01", "--json")
    data = json.loads(result.stdout)

    assert ("SUSPENDED", False, "ru-terrorist-organisations") == (data["state"], data["in_force"], data["list"])
    assert data["receipt"]["event_ids"]
    assert data["receipt"]["data_version"]
    assert "https://example.org/source" == data["sources"][0]["url"]


def test_as_known_at_option(url: str) -> None:
    """--as-known-at answers from what had been published by then."""
    assert 0 == run(url, "status", "Taliban", "--in", "RU", "--on", "2025-06-01",
                    "--as-known-at", "2025-01-01").returncode


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("status", "Nobody", "--in", "RU", "--on", "2024-01-01"), "no subject"),
        (("status", "al haramain", "--in", "RU", "--on", "2024-01-01"), "haramain-so"),
        (("status", "Taliban", "--in", "RU", "--on", "2024-02-30"), "2024-02-30"),
        (("status", "Taliban", "--in", "XX", "--on", "2024-01-01"), "XX"),
        (("status", "Taliban", "--in", "RU", "--on", "31/12/2024"), "31/12/2024"),
    ],
)
def test_errors_exit_2_with_one_line(url: str, args: tuple[str, ...], needle: str) -> None:
    """Unknown or ambiguous names, bad dates and unknown jurisdictions: exit 2, one line, no traceback."""
    result = run(url, *args)

    assert 2 == result.returncode
    assert 1 == len(result.stderr.strip().splitlines())
    assert needle in result.stderr
    assert "Traceback" not in result.stderr


def test_who_lists_every_jurisdiction(url: str) -> None:
    """who gives one answer per jurisdiction; exit 3 when none is in force and one is uncertain."""
    result = run(url, "who", "Taliban", "--on", "2024-03-01", "--json")
    data = json.loads(result.stdout)

    assert {"RU": "LISTED", "KZ": "UNKNOWN", "US": "NOT_LISTED"} == {d["jurisdiction"]: d["state"] for d in data}
    assert 0 == result.returncode


def test_history_json(url: str) -> None:
    """history lists every event with its list and sources."""
    data = json.loads(run(url, "history", "Taliban", "--json").stdout)

    assert ["LISTED", "LISTED", "REMOVED", "SUSPENDED"] == [e["kind"] for e in data["events"]]


def test_snapshot_csv(url: str) -> None:
    """snapshot --csv writes a header and one row per subject in force."""
    result = run(url, "snapshot", "RU", "--on", "2010-01-01", "--csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))

    assert ["Taliban"] == [r["subject"] for r in rows]


def test_changes_json(url: str) -> None:
    """changes returns the events in the window."""
    data = json.loads(run(url, "changes", "RU", "--since", "2025-01-01", "--until", "2025-12-31", "--json").stdout)

    assert ["SUSPENDED"] == [e["kind"] for e in data["events"]]


def test_lists_json(url: str) -> None:
    """lists names every list with its jurisdiction, time zone and coverage."""
    data = json.loads(run(url, "lists", "--json").stdout)

    assert "Europe/Moscow" == next(d for d in data if d["id"] == "ru-terrorist-organisations")["timezone"]


def test_who_opens_with_one_line_per_answer_kind(url: str) -> None:
    """Before the answers, one line groups the jurisdictions by answer, uncertain ones marked '?'."""
    result = run(url, "who", "Taliban", "--on", "2024-03-01")

    assert "Taliban on 2024-03-01: LISTED: RU; NOT_LISTED: US; UNKNOWN?: KZ" == result.stdout.splitlines()[0]
