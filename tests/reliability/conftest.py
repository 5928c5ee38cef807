"""Shared helpers for the reliability tests: list setup, table dumps, subprocess workers."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pendulum
import pytest
from sqlalchemy import Engine, event, select

import designations
from designations.dates import Period
from designations.model import DesignationList, Event, Jurisdiction, Source
from designations.store import WriteBatch
from designations.store.schema import metadata

WORKER = pathlib.Path(__file__).with_name("worker.py")
US = Jurisdiction("US", "United States", "America/New_York")
COVERED_FROM = pendulum.Date(2000, 1, 1)


def add_lists(reg: designations.Registry, *list_ids: str) -> None:
    """Create lists (jurisdiction US) covered from 2000-01-01 on."""
    reg.write(
        WriteBatch(
            kind="setup",
            jurisdictions=(US,),
            lists=tuple(DesignationList(id=i, jurisdiction=US, name=i) for i in list_ids),
            coverage=tuple((i, "seed", (Period(COVERED_FROM, None),)) for i in list_ids),
        )
    )


def history(i: int, list_id: str) -> list[Event]:
    """Subject `s<i>`'s events on one list: listed, amended, suspended, and for odd i reinstated; one published late."""
    kinds = ["LISTED", "AMENDED", "SUSPENDED"] + (["REINSTATED"] if i % 2 else [])
    source = (Source(title="Register", url="https://example.org"),)
    return [
        Event(subject_id=f"s{i}", list_id=list_id, kind=kind,
              effective=f"{2001 + k}-0{1 + i % 9}-1{k}" if k != 1 else f"{2001 + k}",
              published=pendulum.Date(2001 + k, 12, 1) if k == 2 else None, sources=source)
        for k, kind in enumerate(kinds)
    ]


def capture_statements(reg: designations.Registry) -> list[str]:
    """A list that receives every SQL statement `reg`'s engine runs from now on."""
    statements: list[str] = []

    @event.listens_for(reg.store.engine, "before_cursor_execute")
    def _on(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    return statements


def dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every registry table, sorted: compare two dumps to prove nothing changed."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            rows = conn.execute(select(table)).all()
            out[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return out


def run_worker(
    *args: str, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run tests/reliability/worker.py to completion."""
    return subprocess.run(
        [sys.executable, str(WORKER), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        check=False,
    )


def spawn_worker(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """Start tests/reliability/worker.py; its stdout is a pipe of lines."""
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def lists_registry(registry: designations.Registry) -> designations.Registry:
    """The empty test registry with lists us-fto, us-sdgt and us-test covered from 2000."""
    add_lists(registry, "us-fto", "us-sdgt", "us-test")
    return registry


@pytest.fixture
def dumper() -> Callable[[Engine], dict[str, list[tuple[Any, ...]]]]:
    """The table dump function."""
    return dump
