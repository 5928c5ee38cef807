"""A small world for core specs: Russia, the US (two lists) and Kazakhstan."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

import designations
from designations.dates import Period
from designations.model import DesignationList, Jurisdiction
from designations.store import WriteBatch

RU = Jurisdiction("RU", "Russian Federation", "Europe/Moscow")
US = Jurisdiction("US", "United States", "America/New_York")
KZ = Jurisdiction("KZ", "Kazakhstan", "Asia/Almaty")

LISTS = (
    DesignationList(id="ru-terrorist-organisations", jurisdiction=RU, name="RU federal list",
                    coverage=(Period("2003-01-01"),)),
    DesignationList(id="us-fto", jurisdiction=US, name="Foreign Terrorist Organizations",
                    coverage=(Period("1997-10-08"),)),
    DesignationList(id="us-sdgt", jurisdiction=US, name="Specially Designated Global Terrorists",
                    coverage=(Period("2001-09-23"),)),
    DesignationList(id="kz-terrorist-organisations", jurisdiction=KZ, name="KZ list"),
)

SOURCE = {"title": "Test source", "url": "https://example.org/source"}


def url_of(reg: designations.Registry) -> str:
    """The registry's store URL, password included (to open it again or hand it to the CLI)."""
    return reg.store.engine.url.render_as_string(hide_password=False)


def current_periods(reg: designations.Registry, subject: str, column: str) -> list[tuple[Any, ...]]:
    """The current period rows of `subject`: (id, valid_from, `column`), in id order."""
    if column not in {"scope_since", "since_earliest", "state_since"}:
        raise ValueError(column)
    with reg.store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(
            f"SELECT p.id, p.valid_from, p.{column} FROM status_period p JOIN subject s ON s.pk = p.subject_pk "  # noqa: S608 - a checked column name
            "WHERE s.key = :key AND p.recorded_to > '9000-01-01' ORDER BY p.id"), {"key": subject})]


def build_world(reg: designations.Registry) -> designations.Registry:
    """Create the jurisdictions and lists of the small world in `reg`."""
    reg.write(WriteBatch(
        kind="seed",
        jurisdictions=(RU, US, KZ),
        jurisdiction_aliases=(("Russia", "RU"), ("RUS", "RU"), ("USA", "US")),
        lists=LISTS,
        coverage=tuple((lst.id, "seed", lst.coverage) for lst in LISTS),
    ))
    return reg


@pytest.fixture
def world(registry: designations.Registry) -> designations.Registry:
    """An empty registry (a copy of the session's template) with the small world's lists."""
    return build_world(registry)


@pytest.fixture
def taliban(world: designations.Registry) -> designations.Registry:
    """The small world with the Taliban listed in Russia (2003) and suspended (2025)."""
    world.add_subject("Taliban", id="taliban", aliases=["Движение «Талибан»", "Taleban"])
    world.record("taliban", "ru-terrorist-organisations", "LISTED", effective="2003-02-14",
                 published="2003-02-14", sources=[SOURCE], create=True)
    world.record("taliban", "ru-terrorist-organisations", "SUSPENDED", effective="2025-04-17",
                 published="2025-04-17", sources=[SOURCE], create=True)
    return world
