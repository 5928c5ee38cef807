"""A status question is one lookup: it carries every detail, sees other writers, and agrees with `who_lists`."""

from __future__ import annotations

import itertools
from collections import Counter

import pendulum
import pytest

import designations
from designations.model import Identifier, Name, Relation, Source, State, Subject
from designations.seed_reader import load_seeds
from designations.store import WriteBatch

from ..conftest import Clock


@pytest.mark.parametrize(
    ("on", "known"),
    list(itertools.product(["2002-01-01", "2003-02-14", "2024-06-01", "2025-04-16T22:30:00Z", "2025-06-01"],
                           [None, "2025-01-01"])),
)
def test_status_by_id_carries_the_subject_details(taliban: designations.Registry, on: str, known: str | None) -> None:
    """Status by subject id answers with the subject's aliases, on every day and as known at any day."""
    answer = taliban.status("taliban", "RU", on=on, as_known_at=known)

    assert answer.subject.id == "taliban"
    assert answer.subject.aliases  # the details came along
    assert answer.to_dict()["subject"]["id"] == "taliban"


def test_status_sees_a_write_the_cached_catalogue_missed(taliban: designations.Registry, clock: Clock) -> None:
    """
    Another process's write moves the data version past the cached catalogue; the answer rests on the new version.

    The write relates a new subject to the Taliban: only the new catalogue knows the relation.
    """
    taliban.status("taliban", "RU", on="2020-01-01")  # the catalogue is now cached at this version
    version = taliban.data_version()
    other = designations.open(taliban.store.url, seeds=False, clock=clock)  # another writer on the same store
    wing = Relation(subject_id="taliban-wing", kind="part_of", other_id="taliban",
                    sources=(Source(title="Test source", url="https://example.org/source"),))
    other.write(WriteBatch(kind="import", subjects=(Subject(id="taliban-wing", name="Taliban Wing"),),
                           relations=(wing,)))
    current = other.data_version()
    other.close()

    answer = taliban.status("taliban-wing", "RU", on="2024-06-01")

    assert answer.receipt.data_version != version
    assert current == taliban.data_version()
    assert answer.receipt.data_version == current
    assert (wing,) == answer.via


@pytest.mark.parametrize("ref", ["Taliban", "движение талибан", "TALEBAN"])
def test_status_resolves_names_and_aliases(taliban: designations.Registry, ref: str) -> None:
    """A name or alias naming exactly one subject answers as its id does."""
    expected = taliban.status("taliban", "RU", on="2025-06-01")

    assert expected == taliban.status(ref, "RU", on="2025-06-01")


@pytest.mark.parametrize("ref", ["", "   ", "tali\x00ban", "Tali\ud800ban", 42, None])
def test_a_reference_no_subject_can_have_is_unknown(taliban: designations.Registry, ref: object) -> None:
    """Blank text, a NUL, a lone surrogate or no text at all names no subject: every question says so alike."""
    with pytest.raises(designations.UnknownSubjectError):
        taliban.status(ref, "RU", on="2024-06-01")  # type: ignore[arg-type]
    with pytest.raises(designations.UnknownSubjectError):
        taliban.history(ref)  # type: ignore[arg-type]
    with pytest.raises(designations.UnknownSubjectError):
        taliban.subject(ref)  # type: ignore[arg-type]


def test_status_carries_every_detail(world: designations.Registry) -> None:
    """Identifiers, aliases with language and script, a dated window and several citations reach the answer."""
    world.add_subject("Example Front", id="example-front", kind="person",
                      aliases=[Name("Фронт", lang="ru", script="Cyrl"), Name("EF")],
                      identifiers=[Identifier("un", "QDe.999"), Identifier("ofac", "12345")])
    world.record("example-front", "us-fto", "LISTED", effective="2021-03", published="2021-04-02",
                 instrument="86 FR 1234", note="first listing",
                 sources=[Source(title="Federal Register", url="https://example.org/fr", publisher="OFR",
                                 date="2021-04-02"),
                          Source(title="Press release", url="https://example.org/pr")], create=True)

    answers = [world.status("example-front", "us-fto", on=on) for on in ("2021-02-28", "2021-03-15", "2021-06-01")]

    answer = answers[-1]
    assert answer.event is not None
    assert [s.title for s in answer.sources] == ["Federal Register", "Press release"]
    assert [i.value for i in answer.subject.identifiers] == ["QDe.999", "12345"]
    assert answer.subject.aliases[0] == Name("Фронт", lang="ru", script="Cyrl")
    assert State.LISTED == answer.state
    assert answers[0] == world.status("QDe.999", "us-fto", on="2021-02-28")  # by identifier, the same answer


def test_status_agrees_with_who_lists_on_the_seeds(seeded_registry: designations.Registry) -> None:
    """
    Seeded subjects in every jurisdiction (several lists each, relatives considered) on several days.

    `status` in a jurisdiction is `who_lists`'s answer for it. Every subject listed on more
    than one list, every related one, and every seventh of the others (deterministically).
    """
    reg = seeded_registry
    codes = reg.jurisdiction_codes()
    lists_in = Counter(lst.jurisdiction.code for lst in reg.lists())
    related = {end for rel in load_seeds().relations for end in (rel.subject_id, rel.other_id)}
    with reg.store.read() as conn:
        keys = [k for (k,) in conn.exec_driver_sql("SELECT key FROM subject ORDER BY key")]
        spread = {k for (k,) in conn.exec_driver_sql(
            "SELECT s.key FROM subject s JOIN event e ON e.subject_pk = s.pk "
            "GROUP BY s.key HAVING COUNT(DISTINCT e.list_id) > 1")}
    subjects = [k for i, k in enumerate(keys) if k in spread or k in related or i % 7 == 0]
    multi = [code for code in codes if lists_in[code] > 1]
    assert multi  # the seeds have jurisdictions with several lists: the combining is exercised
    assert any(s in related for s in subjects)  # and relatives answer for some
    answered = 0
    for subject in subjects:
        for on in ("2001-09-11", "2021-02-01", "2025-06-01"):
            everywhere = {s.jurisdiction: s for s in reg.who_lists(subject, on=on)}
            for code in codes:
                assert everywhere[code] == reg.status(subject, code, on=on), (subject, code, on)
                answered += 1
    assert answered == len(subjects) * len(codes) * 3


def _example(world: designations.Registry) -> None:
    """A subject with two aliases, two identifiers and an event citing two sources."""
    world.add_subject("Example Front", id="example-front", kind="person",
                      aliases=[Name("Фронт", lang="ru", script="Cyrl"), Name("EF")],
                      identifiers=[Identifier("un", "QDe.999"), Identifier("ofac", "12345")])
    world.add_subject("Plain Front", id="plain-front")
    for sid in ("example-front", "plain-front"):
        world.record(sid, "us-fto", "LISTED", effective="2021-03-02", published="2021-04-02",
                     sources=[Source(title="Federal Register", url="https://example.org/fr", publisher="OFR",
                                     date="2021-04-02"),
                              Source(title="Press release", url="https://example.org/pr")], create=True)


def test_snapshot_carries_aliases_and_identifiers_in_order(world: designations.Registry) -> None:
    """Each snapshot entry's subject has its aliases and identifiers, in the order they were given; none is ()."""
    _example(world)

    snap = world.snapshot("us-fto", on="2021-06-01")

    subjects = {e.subject.id: e.subject for e in snap}
    assert [Name("Фронт", lang="ru", script="Cyrl"), Name("EF")] == list(subjects["example-front"].aliases)
    assert [Identifier("un", "QDe.999"), Identifier("ofac", "12345")] == list(subjects["example-front"].identifiers)
    assert () == subjects["plain-front"].aliases
    assert () == subjects["plain-front"].identifiers


def test_changes_carry_citations_and_subject_details(world: designations.Registry) -> None:
    """Each event of a change set cites its sources in order; its subjects carry their aliases and identifiers."""
    _example(world)

    changed = world.changes("us-fto", since="2021-01-01", until="2021-12-31")

    assert 2 == len(changed.events)
    for event in changed.events:
        assert ["Federal Register", "Press release"] == [s.title for s in event.sources]
        assert [pendulum.Date(2021, 4, 2), None] == [s.date for s in event.sources]
    subjects = {s.id: s for s in changed.subjects}
    assert ["Фронт", "EF"] == [a.value for a in subjects["example-front"].aliases]
    assert ["QDe.999", "12345"] == [i.value for i in subjects["example-front"].identifiers]
    assert () == subjects["plain-front"].aliases


def test_a_question_reads_its_times_once(taliban: designations.Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    """`who_lists` consults every list in three time zones, yet reads `on` and `as_known_at` once each."""
    from designations import queries  # noqa: PLC0415 - the module whose reading is counted

    read: list[object] = []
    original = queries.as_moment

    def counted(value: object, **kwargs: str) -> object:
        read.append(value)
        return original(value, **kwargs)

    monkeypatch.setattr(queries, "as_moment", counted)

    answers = taliban.who_lists("taliban", on="2025-04-16T22:30:00Z", as_known_at="2025-06-01")

    assert ["2025-04-16T22:30:00Z", "2025-06-01"] == sorted(map(str, read))
    assert len({a.jurisdiction for a in answers}) == 3
