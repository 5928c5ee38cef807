"""
A relation holds on the days its sources give, and lends a designation only on those days.

The United Kingdom proscribed the PKK in 2001 and TAK as an entry of its own in 2006; from
2020-02-28 the PKK's entry names TAK. Asked about TAK in 2003, the PKK's proscription says
nothing: the list, held complete then, did not name TAK. From 2020 the PKK's entry answers for it.
"""

from __future__ import annotations

import pathlib
import textwrap

import pendulum
import pytest
from alembic import command
from sqlalchemy import inspect

import designations
from designations import Extent, State
from designations.cli import main
from designations.errors import InvalidRecordError, SeedError
from designations.model import Relation, Source
from designations.seed_reader import load_seeds
from designations.store import Store, WriteBatch, migrate

from .conftest import SOURCE, build_world, url_of

CITED = (Source(title="Test source", url="https://example.org/source"),)


def _parts(reg: designations.Registry, **days: str) -> None:
    """A whole (listed since 2001) and a part (never listed itself), related on `days`."""
    reg.add_subject("Whole", id="whole")
    reg.add_subject("Part", id="part")
    reg.record("whole", "us-fto", "LISTED", effective="2001-03-29", sources=[SOURCE])
    reg.write(WriteBatch(kind="seed", relations=(
        Relation(subject_id="part", kind="part_of", other_id="whole", sources=CITED, **days),)))


def test_before_a_relation_holds_the_whole_s_listing_does_not_answer_for_the_part(
        world: designations.Registry) -> None:
    """Before `since` the part is not listed (the list is held complete); from `since` the whole's listing answers."""
    _parts(world, since="2020-02-28")

    before = world.status("part", "US", on="2020-02-27")
    after = world.status("part", "US", on="2020-02-28")

    assert (State.NOT_LISTED, True, None) == (before.state, before.certain, before.designated)
    assert after.designated is not None
    assert (True, Extent.WHOLE, "whole") == (after.in_force, after.extent, after.designated.id)


def test_a_relation_that_ended_no_longer_answers(world: designations.Registry) -> None:
    """From `until` on, the whole's listing is no longer the part's (a wing that split off)."""
    _parts(world, until="2016-07-28")

    assert world.status("part", "US", on="2016-07-27").in_force
    assert State.NOT_LISTED == world.status("part", "US", on="2016-07-28").state


def test_who_lists_keeps_to_the_relation_s_days(world: designations.Registry) -> None:
    """`who_lists` answers for the part through the whole only on the days the relation holds."""
    _parts(world, since="2020-02-28")

    assert {s.jurisdiction: s.state for s in world.who_lists("part", on="2010-01-01")}["US"] is State.NOT_LISTED
    assert {s.jurisdiction: s.in_force for s in world.who_lists("part", on="2021-01-01")}["US"]


def test_changing_a_relation_s_days_keeps_the_earlier_answer_for_a_replay(world: designations.Registry) -> None:
    """The relation's row is closed, not rewritten: replayed before the change, the old days answer."""
    _parts(world)
    first = world.status("part", "US", on="2010-01-01")
    world.write(WriteBatch(kind="seed", relations=(
        Relation(subject_id="part", kind="part_of", other_id="whole", sources=CITED, since="2020-02-28"),)))

    replayed = world.status("part", "US", on="2010-01-01", as_recorded_at=first.receipt.data_version)

    assert (True, True) == (first.in_force, replayed.in_force)
    assert State.NOT_LISTED == world.status("part", "US", on="2010-01-01").state
    assert (pendulum.Date(2020, 2, 28), None) == (world.status("part", "US", on="2021-01-01").via[0].since,
                                                 world.status("part", "US", on="2021-01-01").via[0].until)


def test_a_relation_cannot_end_before_it_begins() -> None:
    """`until` on or before `since` is refused, naming the field."""
    with pytest.raises(InvalidRecordError) as caught:
        Relation(subject_id="part", kind="part_of", other_id="whole", since="2020-01-01", until="2020-01-01")

    assert "until" == caught.value.field


_SUBJECTS = """
[[subject]]
id = "whole"
kind = "organisation"
name = "Whole"

[[subject]]
id = "part"
kind = "organisation"
name = "Part"

[sources.s]
title = "A source"
url = "https://example.org/s"

[[relation]]
subject = "part"
type = "part_of"
other = "whole"
sources = ["s"]
{days}
"""


def _seed_world(tmp_path: pathlib.Path, days: str) -> pathlib.Path:
    (tmp_path / "jurisdictions.toml").write_text(textwrap.dedent("""
        [[jurisdiction]]
        code = "GB"
        name = "United Kingdom"
        timezone = "Europe/London"
    """), encoding="utf-8")
    (tmp_path / "subjects.toml").write_text(_SUBJECTS.format(days=days), encoding="utf-8")
    return tmp_path


def test_seeds_read_a_relation_s_days(tmp_path: pathlib.Path) -> None:
    """`since` and `until` in a `[[relation]]` table become the relation's days."""
    seeds = load_seeds(_seed_world(tmp_path, 'since = "2020-02-28"\nuntil = "2025-05-12"'))

    (relation,) = seeds.relations
    assert (pendulum.Date(2020, 2, 28), pendulum.Date(2025, 5, 12)) == (relation.since, relation.until)


@pytest.mark.parametrize(("days", "message"), [
    ('since = "2020-02-30"', "since"),
    ('since = "2020-02-28"\nuntil = "2019-01-01"', "ends"),
])
def test_seeds_refuse_days_that_cannot_be(tmp_path: pathlib.Path, days: str, message: str) -> None:
    """A day that does not exist, or an end before the beginning: refused, with the file and the relation named."""
    with pytest.raises(SeedError, match=message) as caught:
        load_seeds(_seed_world(tmp_path, days))

    assert "subjects.toml" in str(caught.value)
    assert "relation[0]" in str(caught.value)


def test_the_shipped_seeds_relate_tak_to_the_pkk_on_the_uk_list_only_and_from_2020(
        seeded_registry: designations.Registry) -> None:
    """The UK names TAK in the PKK's entry from 2020-02-28: no UK answer through the PKK before it, none abroad."""
    before = seeded_registry.status("tak", "GB", on="2003-06-01")
    after = seeded_registry.status("tak", "GB", on="2021-06-01")
    us = seeded_registry.status("tak", "US", on="2021-06-01")

    assert (State.NOT_LISTED, None) == (before.state, before.designated)
    assert State.LISTED == after.state
    assert (State.NOT_LISTED, None) == (us.state, us.designated)


def test_history_names_the_relations_through_which_another_designation_answers(
        world: designations.Registry, capsys: pytest.CaptureFixture[str]) -> None:
    """Both ends' histories name the relation, its days and the subject at the other end; JSON and text alike."""
    _parts(world, since="2020-02-28")

    part, whole = world.history("part"), world.history("whole")
    main(["history", "part", "--url", url_of(world)])
    text = capsys.readouterr().out

    assert [(r.kind.value, other.id) for r, other in part.related] == [("part_of", "whole")]
    assert [(r.subject_id, other.id) for r, other in whole.related] == [("part", "part")]
    assert {"relation": "part_of", "other": "whole", "other_name": "Whole", "since": "2020-02-28"}.items() <= \
        part.to_dict()["related"][0].items()
    assert "related: part part_of whole since 2020-02-28 [Whole] — Test source" in text


def test_a_store_of_schema_0013_keeps_its_relations_and_answers_alike_after_the_upgrade(db_url: str) -> None:
    """Down to 0013 the days' columns go; opened again, the store is upgraded and its relation holds on every day."""
    reg = build_world(designations.open(db_url, seeds=False))
    _parts(reg)
    before = reg.status("part", "US", on="2010-01-01")
    reg.close()
    store = Store(db_url)
    with store.engine.connect() as conn, conn.begin():
        command.downgrade(migrate.alembic_config(conn), "0013")
    with store.engine.connect() as conn:
        assert "valid_from" not in {c["name"] for c in inspect(conn).get_columns("subject_relation")}
    store.dispose()

    reg = designations.open(db_url, seeds=False)
    try:
        after = reg.status("part", "US", on="2010-01-01")
        assert (True, True) == (before.in_force, after.in_force)
        assert (None, None) == (after.via[0].since, after.via[0].until)
    finally:
        reg.close()
