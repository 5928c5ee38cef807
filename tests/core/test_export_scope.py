"""
The FollowTheMoney export says what a designation covers and whether it is in force.

FtM links a Sanction to one entity. The United Kingdom proscribed Hamas' Izz al-Din al-Qassem Brigades
in 2001 and Hamas as a whole in 2021: the exported Sanction, linked to Hamas, says in its `summary`
that only the Brigades were designated until 2021-11-26; an entry that still lists only a part says so.
A suspension ends nothing, yet the designation is not in force: Russia's ban of the Taliban, suspended
in 2025, is exported as suspended, not active.
"""

from __future__ import annotations

import io
import json
from typing import Any

import designations
from designations.model import Scope

from .conftest import SOURCE


def _sanctions(reg: designations.Registry) -> dict[str, dict[str, Any]]:
    buffer = io.StringIO()
    reg.export_ftm(buffer)
    entities = [json.loads(line) for line in buffer.getvalue().splitlines()]
    return {e["id"]: e["properties"] for e in entities if e["schema"] == "Sanction"}


def test_a_sanction_that_designated_only_a_part_says_so_and_until_when(world: designations.Registry) -> None:
    """Widened to the whole: 'only a part ... until' the amendment's day; still a part: 'designates only a part'."""
    world.add_subject("Hamas", id="hamas")
    world.add_subject("Hizballah", id="hizballah")
    world.add_subject("Front", id="front")
    world.record("hamas", "us-fto", "LISTED", effective="2001-03-29", listed_as="Qassem Brigades",
                 scope=Scope.PART, sources=[SOURCE])
    world.record("hamas", "us-fto", "AMENDED", effective="2021-11-26", listed_as="Hamas", sources=[SOURCE])
    world.record("hizballah", "us-fto", "LISTED", effective="2013-07-25", listed_as="Military Wing",
                 scope=Scope.PART, sources=[SOURCE])
    world.record("front", "us-fto", "LISTED", effective="2010-01-01", sources=[SOURCE])

    sanctions = _sanctions(world)

    assert ["Only a part of the entity was designated (Qassem Brigades) until 2021-11-26."] == \
        sanctions["designations-hamas-us-fto-1"]["summary"]
    assert ["Designates only a part of the entity (Military Wing)."] == \
        sanctions["designations-hizballah-us-fto-1"]["summary"]
    assert "summary" not in sanctions["designations-front-us-fto-1"]


def test_a_suspended_designation_is_exported_as_suspended_not_active(world: designations.Registry) -> None:
    """Suspended now: status 'suspended' and since when; suspended then reinstated: active, with the pause's days."""
    world.add_subject("Movement", id="movement")
    world.add_subject("Front", id="front")
    world.record("movement", "us-fto", "LISTED", effective="2003-02-14", sources=[SOURCE])
    world.record("movement", "us-fto", "SUSPENDED", effective="2025-04-17", sources=[SOURCE])
    world.record("front", "us-fto", "LISTED", effective="2010-01-01", sources=[SOURCE])
    world.record("front", "us-fto", "SUSPENDED", effective="2012-05", sources=[SOURCE])
    world.record("front", "us-fto", "REINSTATED", effective="2013-01-10/2014-03-01", sources=[SOURCE])

    sanctions = _sanctions(world)

    movement, front = sanctions["designations-movement-us-fto-1"], sanctions["designations-front-us-fto-1"]
    assert (["suspended"], ["Suspended since 2025-04-17 (not in force)."]) == (movement["status"], movement["summary"])
    assert (["active"], ["Suspended from 2012-05 until a day in 2013-01-10/2014-03-01."]) == (
        front["status"], front["summary"])
    assert "endDate" not in movement  # a suspension ends nothing: the designation stands
