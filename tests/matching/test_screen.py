"""Specs for designations.matching.match and designations.screening over a registry."""

from __future__ import annotations

import pytest

import designations
from designations.matching import NameIndex, match_name, matcher_version, screen_names
from designations.matching.index import common_words
from designations.matching.score import prepare
from designations.screening import ScreeningReport, SearchResult, screen, search

ROWS = [
    ("taliban", "organisation", "Taliban", True),
    ("taliban", "organisation", "Taleban", False),
    ("ttp", "organisation", "Tehrik-e-Taliban Pakistan", True),
    ("omar", "person", "Mohammed Omar", True),
]


def test_match_name_keeps_best_name_per_subject() -> None:
    """Each subject appears once, with its best-scoring name."""
    expected = [("taliban", "Taliban", 1.0, "exact")]

    actual = [(m.subject_id, m.name, m.score, m.reason)
              for m in match_name(NameIndex.build(ROWS), "Taliban", threshold=0.9)]

    assert expected == actual


def test_screen_names_yields_one_result_per_input_in_order() -> None:
    """Screening returns the matches of every input name, repeated names included."""
    expected = [("taliban",), (), ("omar",), ("taliban",)]

    actual = [tuple(m.subject_id for m in r) for r in
              screen_names(NameIndex.build(ROWS), ["Талибан", "John Smith", "Omar, Mohammed", "Талибан"])]

    assert expected == actual


def test_matcher_version_names_the_libraries() -> None:
    """The matcher version names the algorithm, rapidfuzz and anyascii."""
    expected = ["designations.matching/8", "rapidfuzz", "anyascii"]

    actual = [p for p in expected if p in matcher_version()]

    assert expected == actual


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> designations.Registry:
    path = tmp_path_factory.mktemp("screening") / "t.db"
    return designations.open(f"sqlite:///{path}")


def test_search_returns_candidates_with_statuses(registry: designations.Registry) -> None:
    """A search ranks the Taliban first for "Taleban", with a status per jurisdiction asked."""
    result = search(registry, "Taleban", on="2024-06-01", jurisdictions=["RU", "US"])
    expected = ("taliban", ("RU", "US"))

    actual = (result.candidates[0].subject.id,
              tuple(s.jurisdiction for s in result.candidates[0].statuses))

    assert isinstance(result, SearchResult)
    assert expected == actual


def test_screen_report_carries_matcher_and_receipts(registry: designations.Registry) -> None:
    """A report names the matcher and the data version, and gives each answer's receipt."""
    report = screen(registry, ["Талибан", "John Smith"], on="2024-06-01", jurisdictions=["RU"])
    expected = (matcher_version(), registry.data_version(), 1)

    actual = (report.matcher, report.data_version, len(report.hits))

    assert isinstance(report, ScreeningReport)
    assert expected == actual
    assert report.to_dict()["receipts"]


def test_screen_uses_each_rows_own_day(registry: designations.Registry) -> None:
    """A (name, day) row is answered on its own day, not the batch's."""
    report = screen(registry, [("Taliban", "2001-01-01")], on="2024-06-01", jurisdictions=["RU"])
    expected = "2001-01-01"

    actual = report.results[0].on

    assert expected == actual


def test_screen_since_skips_unchanged_subjects(registry: designations.Registry) -> None:
    """With since= in the future no subject has changed, so nothing is hit."""
    expected = ()

    actual = screen(registry, ["Taliban"], since="2999-01-01").hits

    assert expected == actual


def test_records_have_one_row_per_hit_and_jurisdiction(registry: designations.Registry) -> None:
    """to_records gives one row per input name, hit and jurisdiction."""
    report = screen(registry, ["Taliban"], on="2024-06-01", jurisdictions=["RU", "US"])
    expected = [("Taliban", "RU"), ("Taliban", "US")]

    actual = [(r["query"], r["jurisdiction"]) for r in report.to_records()
              if r["subject_id"] == "taliban"]

    assert expected == actual


def test_a_contained_name_gives_way_to_the_subject_the_query_names_in_full() -> None:
    """'Tehrik-e Taliban Pakistan' is TTP (matched exactly), not the Taliban it contains."""
    index = NameIndex.build([("taliban", "organisation", "Taliban", True),
                             ("ttp", "organisation", "Tehrik-e Taliban Pakistan", True),
                             ("boko-haram", "organisation", "Boko Haram", True)])

    assert [m.subject_id for m in match_name(index, "Tehrik-e Taliban Pakistan", threshold=0.6)] == ["ttp"]
    assert [(m.subject_id, m.reason) for m in match_name(index, "Boko Haram Trading Company", threshold=0.6)] == [
        ("boko-haram", "contains")]


def test_a_person_named_only_by_common_name_parts_is_no_hit_alone() -> None:
    """'Muhammad Hassan': both words are in many listed people's names, so no person is a hit on them alone."""
    people = [("p1", "Muhammad Hassan"), ("p2", "Muhammad Ali Hassan"), ("p3", "Hassan Muhammad Omar"),
              ("p4", "Ali Muhammad"), ("p5", "Hassan Nasrallah")]
    index = NameIndex.build([(sid, "person", name, True) for sid, name in people])

    assert set(prepare("Muhammad Hassan").core) <= index.common
    assert match_name(index, "Muhammad Hassan", threshold=0.9) == ()
    assert match_name(index, "Muhammad Hassan", threshold=0.6)[0].subject_id == "p1"
    assert [m.subject_id for m in match_name(index, "Hassan Nasrallah", threshold=0.9)] == ["p5"]


def test_two_common_name_parts_rare_together_name_someone() -> None:
    """'Hassan Ghul': each word is common, but chance would give both to no listed person, so the name is a hit."""
    people = [("p0", "Hassan Ghul"), *((f"h{i}", f"Hassan Umar {w}") for i, w in enumerate(("Zaid", "Bakr"))),
              *((f"g{i}", f"Ghul Agha {w}") for i, w in enumerate(("Ishaq", "Rahim"))),
              *((f"x{i}", f"Karim {w} Saad") for i, w in enumerate(("Tariq", "Nabil", "Sami", "Fuad", "Rafiq")))]
    index = NameIndex.build([(sid, "person", name, True) for sid, name in people])

    assert {"hasan", "gul"} <= index.common
    assert "gul hasan" not in index.common  # 3 people of 10 have each word: 3 * 3 / 10 < 1
    assert [m.subject_id for m in match_name(index, "Hassan Ghul", threshold=0.9)] == ["p0"]


def test_common_pairs_are_counted_by_chance() -> None:
    """A pair of common words is common when chance gives both to a listed person: the product of counts over people."""
    expected = frozenset({"muhamad", "hasan", "gul", "hasan muhamad", "gul muhamad"})  # not "gul hasan": 9 < 10

    actual = common_words({"muhamad": 6, "hasan": 3, "gul": 3, "zaid": 1}, 10)

    assert expected == actual
