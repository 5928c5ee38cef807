"""
A list's own fields in recorded time: a replayed answer rests on the list as the store held it then.

A list row is updated in place when a curator moves its review day or its check. An answer given
before the update and replayed `as_recorded_at` must come out the same: the update keeps the
values it replaced, with the instant they stopped being current.
"""

from __future__ import annotations

import attrs
import pendulum
import pytest
from sqlalchemy import text

import designations
from designations.errors import StoreError
from designations.model import State
from designations.store import WriteBatch

from .conftest import LISTS, SOURCE, url_of

KZ = next(lst for lst in LISTS if lst.id == "kz-terrorist-organisations")
ASKED = {"on": "2025-01-01"}


def _reviewed(reg: designations.Registry, day: pendulum.Date) -> None:
    reg.write(WriteBatch(kind="seed", lists=(attrs.evolve(KZ, reviewed=day, allowance_days=31),)))


def test_a_replay_rests_on_the_review_day_recorded_then(world: designations.Registry) -> None:
    """Reviewed to 2024-01-01: 2025 is past the data (UNKNOWN). Reviewed later: LISTED. Replayed: UNKNOWN again."""
    world.add_subject("Front", id="front")
    world.record("front", "kz-terrorist-organisations", "LISTED", effective="2020-01-01", sources=[SOURCE])
    _reviewed(world, pendulum.Date(2024, 1, 1))
    before = world.status("front", "KZ", **ASKED)
    _reviewed(world, pendulum.Date(2025, 6, 1))
    after = world.status("front", "KZ", **ASKED)

    replayed = world.status("front", "KZ", as_recorded_at=before.receipt.data_version, **ASKED)

    assert (State.UNKNOWN, State.LISTED, State.UNKNOWN) == (before.state, after.state, replayed.state)
    assert (pendulum.Date(2024, 1, 1), pendulum.Date(2025, 6, 1)) == (
        replayed.list.reviewed if replayed.list else None, after.list.reviewed if after.list else None)


def test_a_write_that_changes_none_of_them_keeps_nothing(world: designations.Registry) -> None:
    """The same list written again adds no past value (seed syncs repeat it on every release)."""
    _reviewed(world, pendulum.Date(2024, 1, 1))
    with world.store.engine.connect() as conn:
        once = conn.scalar(text("SELECT details FROM designation_list WHERE id = :i"), {"i": KZ.id})
    _reviewed(world, pendulum.Date(2024, 1, 1))
    with world.store.engine.connect() as conn:
        twice = conn.scalar(text("SELECT details FROM designation_list WHERE id = :i"), {"i": KZ.id})

    assert once == twice


NEW = designations.DesignationList(
    id="xx-new-list", jurisdiction=designations.Jurisdiction(code="XX", name="Example", timezone="UTC"),
    name="A list added later", authority="Example authority", legal_basis="Example act",
)


def test_a_list_recorded_later_did_not_exist_in_a_replay_before_it(world: designations.Registry) -> None:
    """Replayed before a list was first recorded, the store had no such list (nor its jurisdiction); later, it had."""
    world.add_subject("Front", id="front")
    before = world.status("front", "KZ", **ASKED)
    world.write(WriteBatch(kind="seed", lists=(NEW,)))
    added = world.status("front", "XX", **ASKED).receipt.data_version

    with pytest.raises(designations.UnknownJurisdictionError):
        world.status("front", "XX", as_recorded_at=before.receipt.data_version, **ASKED)
    with pytest.raises(designations.UnknownJurisdictionError):
        world.snapshot(NEW.id, as_recorded_at=before.receipt.data_version, **ASKED)
    replayed_who = world.who_lists("front", as_recorded_at=before.receipt.data_version, **ASKED)
    assert "XX" not in {s.jurisdiction for s in replayed_who}
    assert world.status("front", "XX", as_recorded_at=added, **ASKED).list == world.status("front", "XX", **ASKED).list


def test_a_list_keeps_the_instant_it_was_first_recorded(world: designations.Registry) -> None:
    """An update of the list (a later review) leaves its first record where it was."""
    world.add_subject("Front", id="front")
    world.write(WriteBatch(kind="seed", lists=(NEW,)))
    first = world.data_version()
    world.write(WriteBatch(kind="seed", lists=(attrs.evolve(NEW, reviewed=pendulum.Date(2025, 6, 1)),)))

    replayed = world.status("front", "XX", as_recorded_at=first, **ASKED)

    assert replayed.list is not None
    assert replayed.list.reviewed is None


@pytest.mark.parametrize(("details", "named"), [
    ('{"history": [{"until": 5}]}', "history"),
    ('{"recorded_from": 5}', "recorded_from"),
])
def test_corrupt_details_are_an_error_naming_the_list(world: designations.Registry, details: str, named: str) -> None:
    """Kept values or a first-record instant not as written make a replay fail loudly, not answer from a guess."""
    world.add_subject("Front", id="front")
    before = world.status("front", "KZ", **ASKED)
    with world.store.engine.begin() as conn:
        conn.execute(text("UPDATE designation_list SET details = :d WHERE id = :i"), {"d": details, "i": KZ.id})
    broken = designations.open(url_of(world), seeds=False)
    try:
        with pytest.raises(StoreError, match=f"corrupt details of list 'kz-terrorist-organisations': {named}"):
            broken.status("front", "KZ", as_recorded_at=before.receipt.data_version, **ASKED)
    finally:
        broken.close()
