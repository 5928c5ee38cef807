"""The driver-level fast path answers exactly as the general path does."""

from __future__ import annotations

import itertools

import attrs
import pytest

import designations
from designations import queries
from designations.model import Identifier, Name, Source, Status


def general(reg: designations.Registry, subject: str, where: str, on: str, known: str | None) -> Status:
    """The answer through the general (SQLAlchemy) path."""
    times = reg._question_times(on, known, None)
    with reg.store.read() as conn:
        times = attrs.evolve(times, version=times.data_version(conn))
        return queries.status(conn, reg._catalogue_at(conn, times), subject, where, times)


@pytest.mark.parametrize(
    ("on", "known"),
    list(itertools.product(["2002-01-01", "2003-02-14", "2024-06-01", "2025-04-16T22:30:00Z", "2025-06-01"],
                           [None, "2025-01-01"])),
)
def test_fast_path_equals_general_path(taliban: designations.Registry, on: str, known: str | None) -> None:
    """Status by subject id on one list is the same, field for field (subject, event, sources), on both paths."""
    taliban.status("taliban", "RU", on="2020-01-01")  # warms the catalogue, enabling the fast path

    fast = taliban._fast_status("taliban", "RU", taliban._question_times(on, known, None))

    assert fast is not None
    slow = general(taliban, "taliban", "RU", on, known)
    assert slow == fast
    assert slow.to_dict() == fast.to_dict()
    assert fast.subject.aliases  # the details came along


def test_fast_path_declines_after_a_write(taliban: designations.Registry) -> None:
    """A write elsewhere changes the data version; the fast path then steps aside."""
    taliban.status("taliban", "RU", on="2020-01-01")
    version, cat = taliban._catalogue
    taliban.add_subject("Another Front")
    taliban._catalogue = (version, cat)  # a stale cache, as another process's write would leave it

    assert taliban._fast_status("taliban", "RU", taliban._question_times("2024-06-01", None, None)) is None


@pytest.mark.parametrize("ref", ["Taliban", "движение талибан", "TALEBAN"])
def test_fast_path_resolves_names_and_aliases(taliban: designations.Registry, ref: str) -> None:
    """A name or alias naming exactly one subject takes the fast path and answers the same."""
    taliban.status("taliban", "RU", on="2020-01-01")

    fast = taliban._fast_status(ref, "RU", taliban._question_times("2025-06-01", None, None))

    assert fast is not None
    assert general(taliban, ref, "RU", "2025-06-01", None) == fast


def test_fast_path_carries_every_detail(world: designations.Registry) -> None:
    """Identifiers, aliases with language and script, a dated window and several citations survive the fast path."""
    world.add_subject("Example Front", id="example-front", kind="person",
                      aliases=[Name("Фронт", lang="ru", script="Cyrl"), Name("EF")],
                      identifiers=[Identifier("un", "QDe.999"), Identifier("ofac", "12345")])
    world.record("example-front", "us-fto", "LISTED", effective="2021-03", published="2021-04-02",
                 instrument="86 FR 1234", note="first listing",
                 sources=[Source(title="Federal Register", url="https://example.org/fr", publisher="OFR",
                                 date="2021-04-02"),
                          Source(title="Press release", url="https://example.org/pr")], create=True)
    world.status("example-front", "us-fto", on="2020-01-01")  # warms the catalogue

    for on in ("2021-02-28", "2021-03-15", "2021-06-01"):
        fast = world._fast_status("example-front", "us-fto", world._question_times(on, None, None))
        assert fast is not None
        assert general(world, "example-front", "us-fto", on, None) == fast
    assert fast.event is not None
    assert [s.title for s in fast.sources] == ["Federal Register", "Press release"]
    assert [i.value for i in fast.subject.identifiers] == ["QDe.999", "12345"]
    assert fast.subject.aliases[0] == Name("Фронт", lang="ru", script="Cyrl")


def test_fast_path_equals_general_path_on_the_seeds(seeded_registry: designations.Registry) -> None:
    """
    Seeded subjects in every jurisdiction (several lists each) and on every list, on several days.

    Every subject listed on more than one list, and every seventh of the others (deterministically):
    the shapes of history repeat, and every pair costs two full answers.
    """
    reg = seeded_registry
    reg.status("taliban", "RU", on="2020-01-01")
    _version, cat = reg._catalogue
    places = [*cat.codes(), *sorted(cat.lists)]
    with reg.store.read() as conn:
        keys = [k for (k,) in conn.exec_driver_sql("SELECT key FROM subject ORDER BY key")]
        spread = {k for (k,) in conn.exec_driver_sql(
            "SELECT s.key FROM subject s JOIN event e ON e.subject_pk = s.pk "
            "GROUP BY s.key HAVING COUNT(DISTINCT e.list_id) > 1")}
    subjects = [k for i, k in enumerate(keys) if k in spread or i % 7 == 0]
    multi = [code for code in cat.codes() if len(cat.resolve(code)[1]) > 1]
    assert multi  # the seeds have jurisdictions with several lists: the combining is exercised
    answered = 0
    related = [s for s in subjects if s in cat.relations]  # answered with their relatives: the general path
    plain = [s for s in subjects if s not in cat.relations]
    for subject in plain:
        for where in places:
            for on in ("2001-09-11", "2021-02-01", "2025-06-01"):
                fast = reg._fast_status(subject, where, reg._question_times(on, None, None))
                assert fast is not None, (subject, where, on)
                assert general(reg, subject, where, on, None) == fast, (subject, where, on)
                answered += 1
    assert answered == len(plain) * len(places) * 3
    assert all(reg._fast_status(s, "US", reg._question_times("2021-02-01", None, None)) is None for s in related)
