"""
A sourced absence: where the store does not hold a whole list, a source can still say a subject is not on it.

Russia's list is held complete only until 2015, so "is Hamas listed in Russia?" was UNKNOWN for every
later day. Russia's Prosecutor General wrote in October 2023 that no court had ruled on Hamas, and
nothing enters that list without a court's decision: the answer is NOT_LISTED, with that source, on
the days the list's reviewed events vouch for, and as known only from the source's day.
"""

from __future__ import annotations

import json
import pathlib
import textwrap

import attrs
import pendulum
import pytest
from sqlalchemy import text

import designations
from designations.cli import main
from designations.errors import SeedError, StoreError
from designations.model import Absence, DesignationList, Source, State
from designations.seed_reader import load_seeds
from designations.store import WriteBatch

from .conftest import LISTS, SOURCE, url_of

LETTER = Source(title="Prosecutor General's letter, as reported", url="https://example.org/letter")
KZ = next(lst for lst in LISTS if lst.id == "kz-terrorist-organisations")


def _with_absence(reg: designations.Registry, lst: DesignationList = KZ, on: str = "2023-10-25") -> None:
    """`lst` (held complete nowhere) with Hamas absent on `on`, by a source."""
    reg.add_subject("Hamas", id="hamas")
    absent = Absence(subject_id="hamas", on=pendulum.Date.fromisoformat(on), sources=(LETTER,),
                     note="no court decision")
    reg.write(WriteBatch(kind="seed", lists=(attrs.evolve(lst, absent=(absent,)),),
                         coverage=((lst.id, "seed", lst.coverage),) if lst.coverage else ()))


def test_a_sourced_absence_answers_not_listed_with_its_source(world: designations.Registry) -> None:
    """NOT_LISTED, certain, with the source and its day in the reason, where absence alone proved nothing."""
    world.add_subject("Front", id="front")
    _with_absence(world)

    s = world.status("hamas", "KZ", on="2024-06-01")
    other = world.status("front", "KZ", on="2024-06-01")

    assert (State.NOT_LISTED, True, (LETTER,)) == (s.state, s.certain, s.sources)
    assert "a source of 2023-10-25 says it was not listed (no court decision)" in s.reason
    assert State.UNKNOWN == other.state


def test_it_holds_on_earlier_days_too(world: designations.Registry) -> None:
    """The subject's history on the list was checked and it has none: NOT_LISTED before the source's day as well."""
    _with_absence(world)

    assert State.NOT_LISTED == world.status("hamas", "KZ", on="2010-01-01").state


def test_as_known_before_the_source_it_is_unknown(world: designations.Registry) -> None:
    """Known from the source's day: asked as known before it, the answer is still UNKNOWN."""
    _with_absence(world)

    before = world.status("hamas", "KZ", on="2024-06-01", as_known_at="2023-10-01")
    after = world.status("hamas", "KZ", on="2024-06-01", as_known_at="2023-11-01")

    assert (State.UNKNOWN, State.NOT_LISTED) == (before.state, after.state)


def test_past_what_the_list_vouches_for_it_is_the_last_known_state(world: designations.Registry) -> None:
    """After the list's reviewed days and allowance, UNKNOWN, with NOT_LISTED as the last known state."""
    reviewed = attrs.evolve(KZ, reviewed=pendulum.Date(2024, 1, 1), allowance_days=31)
    _with_absence(world, reviewed)

    s = world.status("hamas", "KZ", on="2025-01-01")

    assert (State.UNKNOWN, State.NOT_LISTED) == (s.state, s.last_known)


def test_a_later_listing_answers_from_its_day(world: designations.Registry) -> None:
    """Absent in 2023, listed in 2025: NOT_LISTED before the listing, LISTED after it."""
    _with_absence(world)
    world.record("hamas", "kz-terrorist-organisations", "LISTED", effective="2025-02-01", sources=[SOURCE])

    states = [world.status("hamas", "KZ", on=day).state for day in ("2024-06-01", "2025-06-01")]

    assert [State.NOT_LISTED, State.LISTED] == states


def test_the_store_keeps_the_absence_and_refuses_a_corrupt_one(world: designations.Registry) -> None:
    """Opened again, the list has the absence; stored text that is not one is an error naming the list."""
    _with_absence(world)
    again = designations.open(url_of(world), seeds=False)
    try:
        lst = next(lst for lst in again.lists() if lst.id == KZ.id)
    finally:
        again.close()
    with world.store.engine.begin() as conn:
        conn.execute(text("UPDATE designation_list SET details = :d WHERE id = :i"),
                     {"d": '{"absent": [{"subject": "hamas"}]}', "i": KZ.id})
    broken = designations.open(url_of(world), seeds=False)

    assert (("hamas", "2023-10-25", (LETTER,)),) == tuple((a.subject_id, str(a.on), a.sources) for a in lst.absent)
    with pytest.raises(StoreError, match="corrupt details of list 'kz-terrorist-organisations'"):
        broken.lists()
    broken.close()


_SEEDS = """
[list]
id = "kz-terrorist-organisations"
jurisdiction = "KZ"
name = "KZ list"
established = "2004-10-15"
established_sources = ["s"]

[sources.s]
title = "A source"
url = "https://example.org/s"

[[event]]
subject = "hamas"
kind = "LISTED"
effective = "2020-01-01"
sources = ["s"]
confidence = "high"

[[absent]]
subject = "{subject}"
on = "{on}"
sources = ["s"]
"""


@pytest.mark.parametrize(("subject", "on", "message"), [
    ("nobody", "2019-01-01", "unknown subject 'nobody'"),
    ("hamas", "2021-01-01", "'hamas' LISTED from 2020-01-01, not absent on 2021-01-01"),
    ("hamas", "2001-01-01", "before the list existed"),
])
def test_seeds_refuse_an_absence_they_contradict(tmp_path: pathlib.Path, subject: str, on: str, message: str) -> None:
    """An unknown subject, a day its own events have it listed, a day before the list: refused, file and key named."""
    (tmp_path / "jurisdictions.toml").write_text(textwrap.dedent("""
        [[jurisdiction]]
        code = "KZ"
        name = "Kazakhstan"
        timezone = "Asia/Almaty"
    """), encoding="utf-8")
    (tmp_path / "subjects.toml").write_text(textwrap.dedent("""
        [[subject]]
        id = "hamas"
        kind = "organisation"
        name = "Hamas"
    """), encoding="utf-8")
    (tmp_path / "kz-terrorist-organisations.toml").write_text(_SEEDS.format(subject=subject, on=on), encoding="utf-8")

    with pytest.raises(SeedError, match=message) as caught:
        load_seeds(tmp_path)

    assert "kz-terrorist-organisations.toml" in str(caught.value)
    assert "absent[0]" in str(caught.value)


def test_the_cli_answers_without_the_warning_a_bare_absence_gets(world: designations.Registry,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Exit 1 with the source; no 'absence proves nothing' warning, which a subject without a source still gets."""
    outdated = attrs.evolve(KZ, coverage=(designations.Period("2004-10-15", "2015-11-03"),), allowance_days=31,
                            reviewed=pendulum.Date(2026, 1, 1))
    world.add_subject("Front", id="front")
    _with_absence(world, outdated)

    code = main(["status", "hamas", "--in", "KZ", "--on", "2024-06-01", "--url", url_of(world)])
    first = capsys.readouterr()
    main(["status", "front", "--in", "KZ", "--on", "2024-06-01", "--url", url_of(world)])
    second = capsys.readouterr()

    assert 1 == code
    assert "source: Prosecutor General's letter, as reported <https://example.org/letter>" in first.out
    assert ("warning" not in first.err, "absence from it proves nothing" in second.err) == (True, True)


def test_the_shipped_seeds_answer_hamas_and_hizballah_in_russia(seeded_registry: designations.Registry,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Russia's list is held complete only until 2015; sourced absences answer for Hamas and Hizballah after it."""
    hamas = seeded_registry.status("Hamas", "RU", on="2024-06-01")
    hizballah = seeded_registry.status("Hezbollah", "RU", on="2024-06-01")
    main(["lists", "--json", "--url", url_of(seeded_registry)])
    listed = {lst["id"]: lst for lst in json.loads(capsys.readouterr().out)}

    assert (State.NOT_LISTED, State.NOT_LISTED) == (hamas.state, hizballah.state)
    assert "themoscowtimes.com" in hamas.sources[0].url
    assert {"hamas", "hizballah"} <= {a["subject"] for a in listed["ru-terrorist-organisations"]["absent"]}


def test_the_shipped_seeds_answer_the_taliban_on_the_us_fto_list_after_its_last_check(
        seeded_registry: designations.Registry) -> None:
    """Held complete until 2026-01-14; the Taliban (an SDGT, not an FTO) is NOT_LISTED after that by its source."""
    s = seeded_registry.status("Taliban", "US", on="2026-06-01")

    assert (State.NOT_LISTED, "thenationalnews.com") == (s.state, s.sources[0].url.split("/")[2].removeprefix("www."))


def test_history_names_the_lists_a_source_says_it_was_not_on(world: designations.Registry,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """`history` lists the absence beside the events (known from its day), in text and JSON."""
    _with_absence(world)

    h = world.history("hamas")
    earlier = world.history("hamas", as_known_at="2023-01-01")
    main(["history", "hamas", "--url", url_of(world)])
    text_out = capsys.readouterr().out
    main(["history", "hamas", "--json", "--url", url_of(world)])
    data = json.loads(capsys.readouterr().out)

    assert ([KZ.id], ()) == ([list_id for list_id, _ in h.absent], earlier.absent)
    assert f"  not on {KZ.id}: a source of 2023-10-25 says so — {LETTER.title}" in text_out.splitlines()
    assert [(KZ.id, "2023-10-25")] == [(a["list"], a["on"]) for a in data["absent"]]


def test_the_store_says_again_what_it_said_before_and_after_an_absence(world: designations.Registry) -> None:
    """Absences keep their recorded time: answers replayed as recorded before, during and after one agree."""
    world.add_subject("Hamas", id="hamas")
    absent = Absence(subject_id="hamas", on=pendulum.Date(2023, 10, 25), sources=(LETTER,))
    asked = {"on": "2024-06-01"}
    before = world.status("hamas", "KZ", **asked)
    world.write(WriteBatch(kind="seed", lists=(attrs.evolve(KZ, absent=(absent,)),)))
    during = world.status("hamas", "KZ", **asked)
    world.write(WriteBatch(kind="seed", lists=(KZ,)))  # the absence withdrawn
    after = world.status("hamas", "KZ", **asked)

    replayed = [world.status("hamas", "KZ", as_recorded_at=s.receipt.data_version, **asked).state
                for s in (before, during, after)]

    assert [State.UNKNOWN, State.NOT_LISTED, State.UNKNOWN] == [before.state, during.state, after.state]
    assert [State.UNKNOWN, State.NOT_LISTED, State.UNKNOWN] == replayed


def test_an_absence_of_a_subject_the_store_lacks_is_refused_and_nothing_written(world: designations.Registry) -> None:
    """An absence must name a stored subject (one written in the same batch counts); else the batch writes nothing."""
    before = world.data_version()
    nobody = Absence(subject_id="nobody", on=pendulum.Date(2023, 10, 25), sources=(LETTER,))

    with pytest.raises(designations.errors.InvalidRecordError, match=r"list kz-terrorist-organisations: .*'nobody'"):
        world.write(WriteBatch(kind="seed", lists=(attrs.evolve(KZ, absent=(nobody,)),)))
    refused = (world.data_version(), next(lst.absent for lst in world.lists() if lst.id == KZ.id))
    world.write(WriteBatch(kind="seed", subjects=(designations.Subject(id="nobody", name="Nobody Front"),),
                           lists=(attrs.evolve(KZ, absent=(nobody,)),)))

    assert (before, ()) == refused
    assert State.NOT_LISTED == world.status("nobody", "KZ", on="2024-06-01").state


@pytest.mark.parametrize(("subject", "where", "host"), [
    ("Muslim Brotherhood", "GB", "parallelparliament.co.uk"),
    ("Houthis", "GB", "pressreader.com"),
    ("Muslim Brotherhood", "EU", "newssummedup.com"),
    ("Wagner Group", "EU", "riksdagen.se"),
    ("Hamas", "IN", "m.rediff.com"),
    ("Taliban", "IN", "cnbctv18.com"),
    ("Wagner Group", "AU", "aijac.org.au"),
    ("Hamas", "UN", "foxnews.com"),
    ("Hezbollah", "UN", "foxnews.com"),
    ("PKK", "RU", "kurdishdailynews.org"),
    ("Wagner Group", "US", "indianexpress.com"),
    ("Muslim Brotherhood", "CA", "arabnews24.ca"),
    ("Wagner Group", "CA", "kyivindependent.com"),
])
def test_the_shipped_seeds_answer_flagship_subjects_past_each_list_s_last_check(
        seeded_registry: designations.Registry, subject: str, where: str, host: str) -> None:
    """Past the day a list is held complete, a sourced absence answers NOT_LISTED today, with its source first."""
    s = seeded_registry.status(subject, where, on="2026-11-29")

    assert (State.NOT_LISTED, True, host) == (s.state, s.certain, s.sources[0].url.split("/")[2].removeprefix("www."))


def test_the_shipped_seeds_leave_the_houthis_unknown_on_the_eu_list(seeded_registry: designations.Registry) -> None:
    """An EU listing of the Houthis was under discussion when the list was last held complete: no absence, UNKNOWN."""
    assert State.UNKNOWN == seeded_registry.status("Houthis", "EU", on="2026-11-29").state
