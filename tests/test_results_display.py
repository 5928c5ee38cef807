"""Specs for how answers show themselves: repr, HTML for Jupyter, records and DataFrames."""

from __future__ import annotations

import sys

import pytest

import designations
from designations import _html
from designations.dates import Period
from designations.errors import MissingExtraError
from designations.model import DesignationList, Jurisdiction
from designations.model.results import Statuses
from designations.store import WriteBatch

RU = Jurisdiction("RU", "Russian Federation", "Europe/Moscow")
KZ = Jurisdiction("KZ", "Kazakhstan", "Asia/Almaty")
LISTS = (
    DesignationList(id="ru-terrorist-organisations", jurisdiction=RU,
                    name="Federal list <of> terrorist organisations",
                    coverage=(Period("2003-01-01"),)),
    DesignationList(id="kz-terrorist-organisations", jurisdiction=KZ, name="KZ list",
                    coverage=(Period("2004-01-01"),)),
)
SOURCE = {"title": "Supreme Court & decision", "url": "https://example.org/decision"}


@pytest.fixture
def reg(registry: designations.Registry) -> designations.Registry:
    """The Taliban in Russia (listed, suspended) and Kazakhstan (listed, removed in a window)."""
    registry.write(WriteBatch(
        kind="seed", jurisdictions=(RU, KZ), lists=LISTS,
        coverage=tuple((lst.id, "seed", lst.coverage) for lst in LISTS),
    ))
    registry.add_subject("Taliban", id="taliban")
    registry.record("taliban", "ru-terrorist-organisations", "LISTED", effective="2003-02-14",
                    published="2003-02-14", sources=[SOURCE], instrument="Decision <GKPI03-116>", create=True)
    registry.record("taliban", "ru-terrorist-organisations", "SUSPENDED", effective="2025-04-17",
                    published="2025-04-17", sources=[SOURCE], create=True)
    registry.record("taliban", "kz-terrorist-organisations", "LISTED", effective="2005-03-15",
                    sources=[SOURCE], create=True)
    registry.record("taliban", "kz-terrorist-organisations", "REMOVED",
                    effective="2023-12-29/2024-06-03", sources=[SOURCE], create=True)
    return registry


# -- repr ---------------------------------------------------------------------------


def test_status_repr_names_subject_list_day_and_state(reg: designations.Registry) -> None:
    """A status reads as one line: who, where, when, what, since when."""
    s = reg.status("Taliban", "RU", on="2025-06-01")

    expected = ("<Status 'Taliban' ru-terrorist-organisations on 2025-06-01: "
                "SUSPENDED since 2025-04-17>")
    assert expected == repr(s)


def test_uncertain_status_repr_lists_the_possible_states(reg: designations.Registry) -> None:
    """Inside a date window the repr says what the state could be."""
    s = reg.status("Taliban", "KZ", on="2024-03-01")

    assert "UNKNOWN" in repr(s)
    assert "possible=['LISTED', 'REMOVED']" in repr(s)


def test_history_repr_has_one_line_per_event(reg: designations.Registry) -> None:
    """A history shows its size, then each event's date, list and kind."""
    lines = repr(reg.history("Taliban")).splitlines()

    assert "<History 'Taliban': 4 events" == lines[0]
    assert 5 == len(lines)
    assert "2023-12-29/2024-06-03" in lines[3]
    assert "REMOVED" in lines[3]


def test_snapshot_and_changes_reprs_name_their_entries(reg: designations.Registry) -> None:
    """Snapshots and change sets list the subjects they hold."""
    snap = repr(reg.snapshot("RU", on="2010-01-01"))
    changes = repr(reg.changes("RU", since="2025-01-01", until="2025-12-31"))

    assert snap.startswith("<Snapshot RU on 2010-01-01: 1 in force")
    assert "Taliban" in snap
    assert changes.startswith("<ChangeSet RU 2025-01-01..2025-12-31: SUSPENDED=1")
    assert "Taliban" in changes


# -- HTML ---------------------------------------------------------------------------


def test_status_html_is_a_table_with_escaped_text(reg: designations.Registry) -> None:
    """The HTML is one table, user text is escaped, sources are links."""
    html = reg.status("Taliban", "RU", on="2024-06-01")._repr_html_()

    assert html.startswith("<table")
    assert html.endswith("</table>")
    assert "Decision &lt;GKPI03-116&gt;" in html
    assert "<GKPI03-116>" not in html
    assert '<a href="https://example.org/decision"' in html
    assert "Supreme Court &amp; decision" in html


@pytest.mark.parametrize("make", [
    lambda r: r.history("Taliban"),
    lambda r: r.snapshot("RU", on="2010-01-01"),
    lambda r: r.changes("KZ", since="2000-01-01", until="2025-12-31"),
    lambda r: Statuses(r.who_lists("Taliban", on="2025-06-01")),
])
def test_every_result_has_an_html_table_with_one_row_per_item(
    reg: designations.Registry, make,
) -> None:
    """History, snapshot, change set and statuses each render one body row per item."""
    result = make(reg)

    html = result._repr_html_()

    assert html.startswith("<table")
    assert len(result) == html.count("<tr>") - 1  # minus the header row


def test_long_tables_are_cut_and_say_how_much() -> None:
    """A table longer than the limit keeps its ends and says how many rows it left out."""
    rows = [{"n": str(i)} for i in range(100)]

    html = _html.table(rows, ["n"], max_rows=10)

    assert "… 90 more rows …" in html
    assert "<td>0</td>" in html
    assert "<td>99</td>" in html
    assert "<td>50</td>" not in html


# -- records and pandas ---------------------------------------------------------------


def test_to_records_gives_plain_dicts(reg: designations.Registry) -> None:
    """Records are dicts of plain values, one per item."""
    s = reg.status("Taliban", "RU", on="2025-06-01")
    h = reg.history("Taliban")

    assert "SUSPENDED" == s.to_records()[0]["state"]
    assert "2025-04-17" == s.to_records()[0]["since"]
    assert ["LISTED", "LISTED", "REMOVED", "SUSPENDED"] == [r["kind"] for r in h.to_records()]


def test_statuses_is_a_tuple_with_a_table_view(reg: designations.Registry) -> None:
    """Statuses behaves as a tuple of Status and adds records and a repr per jurisdiction."""
    answers = reg.who_lists("Taliban", on="2025-06-01")
    many = Statuses(answers)

    assert tuple(answers) == many
    assert answers[0] == many[0]
    assert len(answers) == len(many)
    assert {"RU", "KZ"} == {r["jurisdiction"] for r in many.to_records()}
    assert "RU  ru-terrorist-organisations     SUSPENDED since 2025-04-17" in repr(many)


def test_to_pandas_gives_a_frame_with_dates(reg: designations.Registry) -> None:
    """Each result becomes a DataFrame, one row per item, with day columns as datetimes."""
    pd = pytest.importorskip("pandas")

    status = reg.status("Taliban", "RU", on="2025-06-01").to_pandas()
    history = reg.history("Taliban").to_pandas()
    snap = reg.snapshot("RU", on="2010-01-01").to_pandas()
    changes = reg.changes("KZ", since="2000-01-01", until="2025-12-31").to_pandas()
    who = Statuses(reg.who_lists("Taliban", on="2025-06-01")).to_pandas()

    assert pd.Timestamp("2025-04-17") == status.loc[0, "since"]
    assert 4 == len(history)
    assert ["LISTED", "LISTED", "REMOVED", "SUSPENDED"] == list(history["kind"])
    assert "2023-12-29/2024-06-03" == history.loc[2, "effective"]
    assert pd.api.types.is_datetime64_any_dtype(snap["since"])
    assert ["LISTED", "REMOVED"] == list(changes["kind"])
    assert 2 == len(who)


@pytest.mark.parametrize("make", [
    lambda r: r.status("Taliban", "RU", on="2025-06-01"),
    lambda r: r.history("Taliban"),
    lambda r: r.snapshot("RU", on="2010-01-01"),
    lambda r: r.changes("RU", since="2000-01-01", until="2025-12-31"),
    lambda r: Statuses(r.who_lists("Taliban", on="2025-06-01")),
])
def test_to_pandas_without_pandas_names_the_extra(
    reg: designations.Registry, make, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without pandas, to_pandas raises MissingExtraError naming the `pandas` extra."""
    result = make(reg)
    monkeypatch.setitem(sys.modules, "pandas", None)

    with pytest.raises(MissingExtraError) as caught:
        result.to_pandas()

    assert "pandas" == caught.value.extra
    assert "designations[pandas]" in str(caught.value)
    assert isinstance(caught.value, ImportError)


def test_search_and_screening_results_display(reg: designations.Registry) -> None:
    """Search and screening results have an HTML table and a DataFrame like every other result."""
    found = reg.search("Taleban", on="2024-06-01")
    report = reg.screen(["Taleban", "Nobody Atall"], on="2024-06-01")

    assert "<table" in found._repr_html_()
    assert "<table" in report._repr_html_()
    assert len(found.to_records()) == len(found.to_pandas())
    assert len(report.to_records()) == len(report.to_pandas())
