"""
Specs for how search results and screening reports are iterated, tabulated and shown.

They share the one result interface of every answer (`designations.model.results`):
iterate over the items, count and index them, and tabulate them as records, a
DataFrame or an HTML table, one row per candidate and jurisdiction.
"""

from __future__ import annotations

import pytest

import designations
from designations.model.results import Collection, Table
from designations.screening import Candidate, ScreeningHit, ScreeningReport, SearchResult

from ..core.conftest import SOURCE

TABLE = ("to_records", "to_pandas", "_repr_html_")
COLLECTION = ("__iter__", "__len__", "__getitem__")


@pytest.fixture
def two(taliban: designations.Registry) -> designations.Registry:
    """The Taliban (listed in Russia) and the Pakistani Taliban (listed in the US)."""
    taliban.add_subject("Tehrik-e Taliban Pakistan", id="ttp", aliases=["Taleban Pakistan"])
    taliban.record("ttp", "us-fto", "LISTED", effective="2010-09-01", sources=[SOURCE])
    return taliban


@pytest.mark.parametrize("cls", [SearchResult, ScreeningReport])
def test_search_and_screening_results_use_the_shared_base(cls: type) -> None:
    """Neither class writes its own table or iteration: both take them from the base every answer uses."""
    expected = [getattr(Table, m) for m in TABLE] + [getattr(Collection, m) for m in COLLECTION]

    actual = [getattr(cls, m) for m in TABLE + COLLECTION]

    assert issubclass(cls, Collection)
    assert expected == actual


def test_a_search_result_iterates_counts_and_indexes_its_candidates(two: designations.Registry) -> None:
    """Iteration, `len()` and indexing give the candidates, best first."""
    found = two.search("Taleban", on="2024-06-01", jurisdictions=["RU", "US"])

    assert 2 <= len(found.candidates)
    assert list(found.candidates) == list(found)
    assert len(found.candidates) == len(found)
    assert (found.candidates[0], found.candidates[-1]) == (found[0], found[-1])
    assert list(found.candidates[:1]) == list(found[:1])
    assert all(isinstance(c, Candidate) for c in found)


def test_a_search_result_tabulates_one_row_per_candidate_and_jurisdiction(two: designations.Registry) -> None:
    """Records and the HTML table have a row for each candidate in each jurisdiction asked."""
    found = two.search("Taleban", on="2024-06-01", jurisdictions=["RU", "US"])
    expected = [(c.subject.id, code) for c in found for code in ("RU", "US")]

    records = found.to_records()
    html = found._repr_html_()

    assert expected == [(r["subject_id"], r["jurisdiction"]) for r in records]
    assert len(expected) == html.count("<tr>") - 1  # less the header row
    assert f"{len(found)} candidates for &#x27;Taleban&#x27;" in html


def test_a_search_without_jurisdictions_has_one_row_per_candidate(two: designations.Registry) -> None:
    """With no jurisdiction asked, each candidate is one row whose status columns are empty."""
    found = two.search("Taleban", on="2024-06-01", jurisdictions=[])
    expected = [(c.subject.id, None, None) for c in found]

    actual = [(r["subject_id"], r["jurisdiction"], r["state"]) for r in found.to_records()]

    assert expected == actual


def test_a_screening_report_iterates_one_entry_per_input_name(two: designations.Registry) -> None:
    """Iteration, `len()` and indexing give every name screened, in input order, hit or not."""
    report = two.screen(["Taleban", "Nobody Atall", "Tehrik-e Taliban Pakistan"], on="2024-06-01")
    expected = [(1, "Taleban"), (2, "Nobody Atall"), (3, "Tehrik-e Taliban Pakistan")]

    actual = [(entry.row, entry.query) for entry in report]

    assert expected == actual
    assert 3 == len(report)
    assert (report.results[1], report.results[-1]) == (report[1], report[-1])
    assert all(isinstance(entry, ScreeningHit) for entry in report)


def test_a_screening_report_tabulates_its_hits_with_their_input_row(two: designations.Registry) -> None:
    """Records and the HTML table have a row per hit and jurisdiction, the input row first; names without hits none."""
    report = two.screen(["Taleban", "Nobody Atall", "Tehrik-e Taliban Pakistan"], on="2024-06-01",
                        jurisdictions=["RU", "US"])
    expected = [(entry.row, c.subject.id, code) for entry in report for c in entry.candidates for code in ("RU", "US")]

    records = report.to_records()
    html = report._repr_html_()

    assert {1, 3} == {row for row, _, _ in expected}
    assert expected == [(r["row"], r["subject_id"], r["jurisdiction"]) for r in records]
    assert "row" == next(iter(records[0]))
    assert len(expected) == html.count("<tr>") - 1  # less the header row
    assert "2 of 3 names hit" in html


def test_search_and_screening_frames_hold_the_records_with_days_as_dates(two: designations.Registry) -> None:
    """The DataFrames have the records' rows in order, and `on` as datetime64, as every answer's DataFrame."""
    pd = pytest.importorskip("pandas")
    found = two.search("Taleban", on="2024-06-01", jurisdictions=["RU", "US"])
    report = two.screen(["Taleban", "Nobody Atall"], on="2024-06-01", jurisdictions=["RU", "US"])
    expected = ([(r["subject_id"], r["jurisdiction"]) for r in found.to_records()],
                [(r["row"], r["subject_id"], r["jurisdiction"]) for r in report.to_records()])

    frames = (found.to_pandas(), report.to_pandas())
    actual = (list(zip(frames[0]["subject_id"], frames[0]["jurisdiction"], strict=True)),
              list(zip(frames[1]["row"], frames[1]["subject_id"], frames[1]["jurisdiction"], strict=True)))

    assert expected == actual
    assert all(pd.api.types.is_datetime64_any_dtype(frame["on"]) for frame in frames)
