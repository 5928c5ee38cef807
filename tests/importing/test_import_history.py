"""
Specs for history across formats and publications: UK Sanctions List, OFAC non-SDN, FtM deltas and end dates.

These import into a real store, so they run on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
from pathlib import Path

import pendulum
import pytest
from sqlalchemy import inspect, select, update

import designations
from designations.dates import DateWindow, Precision
from designations.errors import StoreError
from designations.formats.diff import Seen
from designations.formats.diff import decode as decode_seen
from designations.formats.diff import encode as encode_seen
from designations.store.schema import EventTable, PublicationEntryTable, RetractionTable

from ..dumps import logical_dump

FIXTURES = Path(__file__).parents[1] / "fixtures"
UK_SL_T1 = FIXTURES / "uk-sl/UK-Sanctions-List_2026-02-13.csv"
UK_SL_T2 = FIXTURES / "uk-sl/UK-Sanctions-List_2026-03-20.csv"


@pytest.fixture
def reg(store_url):
    """An empty store of this pass's engine (a copy of the session's template), on this machine's clock."""
    registry = designations.open(store_url, seeds=False)
    yield registry
    registry.close()


def live(registry, list_prefix: str = "") -> set[str]:
    """Keys of the events not retracted, on lists whose id starts with `list_prefix`."""
    gone = select(RetractionTable.c.event_id).where(RetractionTable.c.event_id == EventTable.c.id).exists()
    with registry.store.engine.connect() as conn:
        return set(conn.scalars(select(EventTable.c.key).where(
            EventTable.c.list_id.startswith(list_prefix), ~gone)))


# UK Sanctions List ---------------------------------------------------------------------


def test_uk_sl_second_publication_removes_amends_and_lists(reg):
    """UK SL t1 then t2: the delisting, the new alias and the new designation, each dated."""
    first = reg.import_file(UK_SL_T1)
    second = reg.import_file(UK_SL_T2)
    events = live(reg, "uk-")

    assert {"LISTED": 12} == dict(first.events)
    assert {"LISTED": 1, "REMOVED": 1, "AMENDED": 1} == dict(second.events)
    assert "import:uk-hmt-isil-al-qaida:9105:REMOVED:2026-02-14/2026-03-20" in events
    assert "import:uk-hmt-isil-al-qaida:9104:AMENDED:2026-03-05" in events
    assert "import:uk-hmt-counter-terrorism-international:9111:LISTED:2026-03-10" in events


def test_uk_sl_continues_a_conlist_history(reg, tmp_path):
    """A ConList publication then the UK Sanctions List: same list ids and keys, nobody removed."""
    header = (FIXTURES / "uk-conlist/ConList_2020-01-10.csv").read_text(
        encoding="cp1252").splitlines()[1]
    rows = [
        "EXAMPLE EXCHANGE,,,,,,,,,,,,,,,,,,,,,,,Entity,Primary name,Afghanistan,29/06/2012,12/01/2022,9101",
        "Example Hawala,,,,,,,,,,,,,,,,,,,,,,,Entity,AKA,Afghanistan,29/06/2012,12/01/2022,9101",
        "SAMPLE,Abdul,,,,,,,,,,,,,,,,,,,,,,Individual,Primary name,Afghanistan,25/01/2001,26/01/2022,9102",
    ]
    conlist = tmp_path / "ConList.csv"
    conlist.write_text("\n".join(["Last Updated,20/01/2026", header, *rows]) + "\n", encoding="cp1252")
    reg.import_file(conlist)
    report = reg.import_file(UK_SL_T1)
    shared = {k.split(":", 2)[2] for k in live(reg, "uk-hmt-afghanistan")}

    assert {"9101:LISTED:2012-06-29", "9102:LISTED:2001-01-25",  # from ConList, kept
            "9101:AMENDED:2026-01-21/2026-02-13",  # the non-latin name ConList had no place for
            "9102:AMENDED:2026-01-21/2026-02-13"} == shared
    assert 0 == report.events.get("REMOVED", 0)
    assert {"uk-hmt-afghanistan"} == {e.list_id for e in reg.history("EXAMPLE EXCHANGE").events}


# OFAC non-SDN --------------------------------------------------------------------------


@pytest.mark.parametrize("consolidated", ["ofac-xml/consolidated_2020-06-20.xml",
                                          "ofac-csv/cons_2020-06-20"])
def test_non_sdn_file_removes_nothing_from_the_sdn_lists(reg, consolidated):
    """SDN, then the non-SDN consolidated list (with an SDGT row): its entries go to us-cons-* lists."""
    reg.import_file(FIXTURES / "ofac-csv/2020-01-10", published="2020-01-10")
    sdn_before = live(reg, "us-")
    report = reg.import_file(FIXTURES / consolidated, published="2020-06-20")

    assert sdn_before == live(reg, "us-") - live(reg, "us-cons-")
    assert 0 == report.events.get("REMOVED", 0)
    assert {"us-cons-ns-plc", "us-cons-sdgt", "us-cons-ukraine-eo13662", "us-cons-fse-ir",
            "us-cons-cmic-eo13959"} == set(report.lists)
    assert {"us-sdgt", "us-cons-ns-plc", "us-cons-sdgt"} <= {
        e.list_id for e in reg.history("ABU ALPHA").events}


@pytest.mark.shared_data
def test_real_non_sdn_after_sdn(reg, shared_data):
    """The real 2019 SDN CSV then the 2024 non-SDN XML: no SDN entry is removed."""
    reg.import_file(shared_data / "ofac/sdn_csv_2019-01-15", published="2019-01-15")
    report = reg.import_file(shared_data / "ofac/xml/consolidated_non_sdn_2024-05-06.xml")

    assert 0 == report.events.get("REMOVED", 0)
    assert all(lst.startswith("us-cons-") for lst in report.lists)


# FtM deltas: DEL of a target -----------------------------------------------------------


def test_delta_del_of_targets_removes_their_sanctions(reg):
    """DEL of a Person, an Organization, a LegalEntity and a Company removes their sanctions only."""
    reg.import_file(FIXTURES / "ftm/entities_2020-01-10.ftm.json", published="2020-01-10")
    report = reg.import_file(FIXTURES / "ftm/entities_2020-09-01.delta.json", published="2020-09-01")
    removed = {k.split(":")[2] for k in live(reg, "ftm-") if ":REMOVED:" in k}

    assert {"REMOVED": 4} == dict(report.events)
    assert {"s1", "s2", "s4", "s6", "s3"} == removed  # s3 ended in 2019, by its endDate


def test_delta_del_of_a_target_leaves_other_lists_alone(reg, tmp_path):
    """The subject of a deleted FtM target keeps its listings on lists not fed by FtM."""
    entities = tmp_path / "entities.ftm.json"
    entities.write_text("".join(json.dumps(x) + "\n" for x in [
        {"id": "sf", "schema": "Sanction", "properties": {"entity": ["pf"], "startDate": ["2019"]},
         "datasets": ["example_list"]},
        {"id": "pf", "schema": "Organization", "caption": "EXAMPLE FRONT", "referents": ["ofac-1001"],
         "properties": {"name": ["EXAMPLE FRONT"]}, "datasets": ["example_list"]},
    ]), encoding="utf-8")
    delta = tmp_path / "entities.delta.json"
    delta.write_text(json.dumps({"op": "DEL", "entity": {"id": "pf"}}) + "\n", encoding="utf-8")
    reg.import_file(FIXTURES / "ofac-csv/2020-01-10", published="2020-01-10")
    reg.import_file(entities, published="2020-01-11")
    report = reg.import_file(delta, published="2020-09-01")
    history = {(e.list_id, e.kind.value) for e in reg.history("EXAMPLE FRONT").events}

    assert {("us-sdgt", "LISTED"), ("us-fto", "LISTED"), ("ftm-example-list", "LISTED"),
            ("ftm-example-list", "REMOVED")} == history
    assert {"REMOVED": 1} == dict(report.events)


def _latest_state(registry) -> dict[str, set[str]]:
    """Entry keys of the latest recorded publication of each list."""
    from designations.store.schema import PublicationTable  # noqa: PLC0415

    with registry.store.engine.connect() as conn:
        rows = conn.execute(select(PublicationTable.c.id, PublicationTable.c.list_id, PublicationTable.c.published)
                            .order_by(PublicationTable.c.published, PublicationTable.c.id)).all()
        latest = {row.list_id: row.id for row in rows}
        return {list_id: set(conn.scalars(select(PublicationEntryTable.c.entry_key).where(
            PublicationEntryTable.c.publication_id == pub))) for list_id, pub in latest.items()}


@pytest.mark.shared_data
def test_real_deltas_del_removes_every_listing(reg, shared_data):
    """
    yente t1 then its deltas: the DEL of NK-500Poltergeist takes it off all 22 datasets.

    The record is a copy of AL-QAIDA IN IRAQ (same referents, so one subject):
    the DEL removes only the copy's entries, never its twin's, and says so.
    """
    base = shared_data / "opensanctions"
    reg.import_file(base / "yente_t1/entities.ftm.json", published="2024-05-01")
    for version, day in (("20240527194702-wnk", "2024-05-27"), ("20240528014702-pfh", "2024-05-28")):
        reg.import_file(base / f"yente_t2_deltas/{version}/entities.delta.json", published=day)
    before = _latest_state(reg)
    report = reg.import_file(base / "yente_t2_deltas/20240528074703-npf/entities.delta.json",
                         published="2024-05-29")
    after = _latest_state(reg)

    assert 22 == sum("NK-500Poltergeist" in keys for keys in before.values())
    assert 0 == sum("NK-500Poltergeist" in keys for keys in after.values())
    assert all("NK-2T3S8Hu29ktYnKSTgQp2wL" in after[lst] for lst, keys in before.items()
               if "NK-2T3S8Hu29ktYnKSTgQp2wL" in keys)
    assert any("holds other ftm ids" in w for w in report.warnings)


@pytest.mark.shared_data
def test_real_del_of_a_person_removes_its_sanctions(reg, shared_data, tmp_path):
    """The real sanctions delta, then a DEL of one of its sanctioned persons: its sanctions go."""
    extract = shared_data / "opensanctions/yente_sanctions_delta_2024/entities.delta.extract.json"
    targets: dict[str, set[str]] = {}
    schemas: dict[str, str] = {}
    for line in extract.read_text(encoding="utf-8").splitlines():
        entity = json.loads(line)["entity"]
        if entity.get("schema") == "Sanction":
            for target in entity["properties"].get("entity", ()):
                targets.setdefault(target, set()).add(entity["id"])
        elif entity.get("schema"):
            schemas[entity["id"]] = entity["schema"]
    person = min(t for t in targets if schemas.get(t) == "Person")
    delta = tmp_path / "entities.delta.json"
    delta.write_text(json.dumps({"op": "DEL", "entity": {"id": person}}) + "\n", encoding="utf-8")
    reg.import_file(extract, published="2024-06-01")
    before = live(reg, "ftm-")
    report = reg.import_file(delta, published="2024-06-02")
    removed = {k.split(":")[2] for k in live(reg, "ftm-") - before if ":REMOVED:" in k}

    assert removed == targets[person] - {k.split(":")[2] for k in before if ":REMOVED:" in k}
    assert report.events.get("REMOVED", 0) == len(removed) > 0


# FtM end dates -------------------------------------------------------------------------


def _ftm(path: Path, end: str, status: str) -> Path:
    lines = [
        {"id": "sx", "schema": "Sanction", "properties": {
            "entity": ["px"], "authority": ["Example Authority"], "startDate": ["2021-01-01"],
            "endDate": [end], "status": [status]}, "datasets": ["example_list"]},
        {"id": "px", "schema": "Organization", "caption": "Ending Group",
         "properties": {"name": ["Ending Group"]}, "datasets": ["example_list"]},
    ]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


def test_past_end_date_is_a_removal_on_that_date(reg):
    """An expired sanction (endDate 2019-12-31) is LISTED, then REMOVED effective 2019-12-31."""
    report = reg.import_file(FIXTURES / "ftm/entities_2020-01-10.ftm.json", published="2020-01-10")
    events = [(e.kind.value, str(e.effective)) for e in reg.history("Old Group").events]

    assert [("LISTED", "2010-05-05"), ("REMOVED", "2019-12-31")] == events
    assert 1 == report.events["REMOVED"]


def test_future_end_date_removes_only_once_passed(reg, tmp_path):
    """endDate 2030-01-01 seen in 2025 removes nothing; seen again in 2030-02 it is the removal date."""
    first = reg.import_file(_ftm(tmp_path / "a.ftm.json", "2030-01-01", "active"),
                        published="2025-06-01")
    second = reg.import_file(_ftm(tmp_path / "b.ftm.json", "2030-01-01", "expired"),
                         published="2030-02-01")

    assert "REMOVED" not in first.events
    assert {"REMOVED": 1} == dict(second.events)
    assert ("REMOVED", "2030-01-01") == (reg.history("Ending Group").events[-1].kind.value,
                                         str(reg.history("Ending Group").events[-1].effective))


def test_end_date_encoding_round_trips():
    """The stored text keeps listed, removed, end and the latest amendment date apart."""
    seen = Seen(fingerprint="f", listed_on=DateWindow.exact("2010-05-05"),
                amended_on=(pendulum.Date(2011, 1, 1), pendulum.Date(2012, 2, 2)),
                end_date=DateWindow(pendulum.Date(2019, 1, 1), pendulum.Date(2019, 12, 31),
                                    Precision.YEAR))
    text = encode_seen(seen, pendulum.Date(2020, 1, 1))

    assert "2010-05-05~2019+2012-02-02" == text
    assert (attrs_of(seen, amended=(pendulum.Date(2012, 2, 2),))) == attrs_of(decode_seen("f", text))


def test_every_date_of_a_windowed_entry_is_kept_whole(registry) -> None:
    """Windows on every date (over 32 characters of text) round-trip, and the column holds any length."""
    seen = Seen(fingerprint="f",
                listed_on=DateWindow(pendulum.Date(2001, 1, 1), pendulum.Date(2001, 6, 30), Precision.RANGE),
                removed_on=DateWindow(pendulum.Date(2019, 12, 1), pendulum.Date(2019, 12, 31), Precision.MONTH),
                end_date=DateWindow(pendulum.Date(2019, 1, 1), pendulum.Date(2019, 12, 31), Precision.YEAR),
                amended_on=(pendulum.Date(2012, 2, 2),))
    text = encode_seen(seen, pendulum.Date(2020, 1, 1))

    assert len(text) > 32  # longer than the column was before migration 0003
    assert attrs_of(seen) == attrs_of(decode_seen("f", text))
    column = next(c for c in inspect(registry.store.engine).get_columns("publication_entry")
                  if c["name"] == "dates_seen")
    assert getattr(column["type"], "length", None) is None  # text, not varchar(32)


def attrs_of(seen: Seen, amended=None) -> tuple:
    return (seen.listed_on, seen.removed_on, seen.end_date,
            seen.amended_on if amended is None else amended)


@pytest.mark.parametrize(("text", "listed", "removed"), [
    ("2010-05-05>2019-12-31", "2010-05-05", "2019-12-31"),
    ("2019", "2019", None),
    ("", None, None),
    ("2001-01-01/2001-06-30>2019-12", "2001-01-01/2001-06-30", "2019-12"),
])
def test_old_stored_texts_still_decode(text, listed, removed):
    """Texts written by the earlier encoding (`<listed>` or `<listed>><removed>`) decode as before."""
    seen = decode_seen("f", text)

    assert (listed, removed, None) == (
        str(seen.listed_on) if seen.listed_on else None,
        str(seen.removed_on) if seen.removed_on else None, seen.end_date)


def test_old_stored_publication_still_diffs(reg):
    """A store written by the earlier encoding (end date as `>removed`) takes the next delta without new removals."""
    reg.import_file(FIXTURES / "ftm/entities_2020-01-10.ftm.json", published="2020-01-10")
    with reg.store.engine.begin() as conn:
        conn.execute(update(PublicationEntryTable).where(PublicationEntryTable.c.dates_seen == "2010-05-05~2019-12-31")
                     .values(dates_seen="2010-05-05>2019-12-31"))
    report = reg.import_file(FIXTURES / "ftm/entities_2020-06-15.delta.json", published="2020-06-15")

    assert {"LISTED": 1, "REMOVED": 1, "AMENDED": 1} == dict(report.events)


@pytest.mark.parametrize("text", ["2010-13-45", "last spring", "2010-05-05>never", "2010-05-05+2012-02-30"])
def test_damaged_stored_dates_are_an_error_not_an_entry_without_dates(text):
    """Stored text that does not read is damage: decoding it raises, naming the text."""
    with pytest.raises(StoreError, match="stored entry dates"):
        decode_seen("f", text)


def test_an_import_over_damaged_stored_dates_stops_and_writes_nothing(reg):
    """The next import names the publication and entry whose stored dates are damaged, and records nothing."""
    reg.import_file(FIXTURES / "ftm/entities_2020-01-10.ftm.json", published="2020-01-10")
    with reg.store.engine.begin() as conn:
        conn.execute(update(PublicationEntryTable).values(dates_seen="sometime in 2010"))
    before = logical_dump(reg.store.engine)

    with pytest.raises(StoreError, match=r"publication \d+, entry .*stored entry dates 'sometime in 2010'"):
        reg.import_file(FIXTURES / "ftm/entities_2020-06-15.delta.json", published="2020-06-15")
    assert logical_dump(reg.store.engine) == before


# Amendment dates out of order ----------------------------------------------------------


def test_amendment_dates_survive_out_of_order_import(reg, store_url_factory):
    """UN t2 then t1 ends with exactly the events of t1 then t2, AMENDED dates included."""
    reg.import_file(FIXTURES / "un/consolidated_2020-06-15.xml")
    reg.import_file(FIXTURES / "un/consolidated_2020-01-10.xml")
    in_order = designations.open(store_url_factory(), seeds=False)
    try:
        in_order.import_file(FIXTURES / "un/consolidated_2020-01-10.xml")
        in_order.import_file(FIXTURES / "un/consolidated_2020-06-15.xml")
        expected = live(in_order, "un-")
    finally:
        in_order.close()
    amended = {k for k in expected if ":AMENDED:" in k}

    assert {"import:un-isil-al-qaida:QDe.002:AMENDED:2020-03-01"} == amended
    assert expected == live(reg, "un-")


@pytest.mark.shared_data
def test_import_order_does_not_change_what_was_known_when(shared_data: Path, store_url_factory) -> None:
    """Three real UN publications imported in three orders answer every question the same way."""
    names = ["consolidated_2018-08-24.xml", "consolidated_2026-02-27.xml", "consolidated_2018-10-29.xml"]
    answers = []
    for order in (names, sorted(names), sorted(names, reverse=True)):
        reg = designations.open(store_url_factory(), seeds=False)
        for name in order:
            reg.import_file(shared_data / "un" / name)
        answers.append((
            len(reg.snapshot("UN", on="2018-10-29", as_known_at="2018-11-01")),
            len(reg.snapshot("UN", on="2018-10-29")),
            len(reg.snapshot("UN", on="2026-01-01")),
        ))
        reg.close()

    assert answers[0] == answers[1] == answers[2]
