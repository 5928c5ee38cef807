"""Specs for import_file: history from successive publications, written in one transaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import MetaData, select

import designations
from designations.errors import ImportFormatError

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture
def reg(registry):
    """An empty store of this pass's engine (a copy of the session's template)."""
    return registry


def dump(registry) -> dict[str, list[tuple]]:
    meta = MetaData()
    meta.reflect(registry.store.engine)
    with registry.store.engine.connect() as conn:
        return {
            name: sorted(map(tuple, conn.execute(select(table)).all()), key=repr)
            for name, table in meta.tables.items()
        }


def keys(registry, list_id: str) -> set[str]:
    with registry.store.engine.connect() as conn:
        from designations.store.schema import EventTable, RetractionTable  # noqa: PLC0415

        gone = select(RetractionTable.c.event_id).where(RetractionTable.c.event_id == EventTable.c.id).exists()
        return set(conn.scalars(select(EventTable.c.key).where(EventTable.c.list_id == list_id, ~gone)))


def test_two_publications_give_listed_removed_amended(reg):
    """t1 then t2: LISTED for all of t1, then REMOVED, AMENDED and LISTED with windows."""
    first = reg.import_file(FIXTURES / "un/consolidated_2020-01-10.xml")
    second = reg.import_file(FIXTURES / "un/consolidated_2020-06-15.xml")
    events = keys(reg, "un-isil-al-qaida")

    assert {"LISTED": 12} == dict(first.events)
    assert {"LISTED": 2, "REMOVED": 1, "AMENDED": 1} == dict(second.events)
    assert "import:un-isil-al-qaida:QDe.008:REMOVED:2020-01-11/2020-06-15" in events
    assert "import:un-isil-al-qaida:QDe.002:AMENDED:2020-03-01" in events
    assert "import:un-isil-al-qaida:QDe.009:LISTED:2020-04-04" in events


def test_relisting_window_on_import(reg):
    """IRi.002, first seen after a publication without it, is LISTED within the window."""
    reg.import_file(FIXTURES / "un/consolidated_2020-01-10.xml")
    reg.import_file(FIXTURES / "un/consolidated_2020-06-15.xml")

    assert "import:un-1737:IRi.002:LISTED:2020-01-11/2020-06-15" in keys(reg, "un-1737")


def test_same_file_twice_records_nothing(reg):
    """Importing a file already imported is a duplicate and writes nothing."""
    reg.import_file(FIXTURES / "un/consolidated_2020-01-10.xml")
    before = dump(reg)
    again = reg.import_file(FIXTURES / "un/consolidated_2020-01-10.xml")

    assert again.duplicate
    assert before == dump(reg)


def test_older_after_newer_is_placed_in_time(store_url_factory, reg):
    """
    Importing t2 before t1 ends with the same live events as importing them in order.

    Only the day of an AMENDED event may differ: the store keeps no amendment
    dates of t2's entries, so when t2 is re-paired with t1 the window is used.
    """
    reg.import_file(FIXTURES / "un/consolidated_2020-06-15.xml")
    report = reg.import_file(FIXTURES / "un/consolidated_2020-01-10.xml")
    in_order = designations.open(store_url_factory(), seeds=False)
    in_order.import_file(FIXTURES / "un/consolidated_2020-01-10.xml")
    in_order.import_file(FIXTURES / "un/consolidated_2020-06-15.xml")

    assert report.retracted > 0
    for list_id in ("un-isil-al-qaida", "un-1988", "un-1737"):
        exact = {k for k in keys(in_order, list_id) if ":AMENDED:" not in k}
        got = {k for k in keys(reg, list_id) if ":AMENDED:" not in k}
        amended = {k.split(":")[2] for k in keys(in_order, list_id) if ":AMENDED:" in k}
        amended_got = {k.split(":")[2] for k in keys(reg, list_id) if ":AMENDED:" in k}
        assert (exact, amended) == (got, amended_got)
    in_order.close()


def test_bad_file_leaves_the_store_as_it_was(reg):
    """A file failing halfway writes nothing at all."""
    reg.import_file(FIXTURES / "un/consolidated_2020-01-10.xml")
    before = dump(reg)
    with pytest.raises(ImportFormatError):
        reg.import_file(FIXTURES / "bad/un_missing_name.xml", format="un")

    assert before == dump(reg)


def test_history_across_lists_by_identifier(reg):
    """OFAC ent_num 1001 on us-sdgt and us-fto is one subject with events on both lists."""
    reg.import_file(FIXTURES / "ofac-csv/2020-01-10", published="2020-01-10")
    history = reg.history("EXAMPLE FRONT")

    assert {"us-sdgt", "us-fto"} == {e.list_id for e in history.events}


def test_history_across_formats_by_identifier(reg):
    """The OFAC XML of the same entries matches the CSV subjects by their ofac identifier."""
    reg.import_file(FIXTURES / "ofac-csv/2020-01-10", published="2020-01-10")
    report = reg.import_file(FIXTURES / "ofac-xml/sdn_2020-06-15.xml")

    assert 0 < report.matches.get("identifier", 0)


def test_csv_needs_a_publication_date(reg):
    """A format without an inside date needs published=."""
    with pytest.raises(ImportFormatError, match="published"):
        reg.import_file(FIXTURES / "ofac-csv/2020-01-10")


def test_coverage_starts_at_first_publication(reg):
    """After an import the list is covered from its first publication on."""
    reg.import_file(FIXTURES / "un/consolidated_2020-06-15.xml")
    reg.import_file(FIXTURES / "un/consolidated_2020-01-10.xml")
    lists = {lst.id: lst for lst in reg.lists()}

    assert "2020-01-10" == lists["un-1988"].coverage[0].start.isoformat()


def test_ftm_delta_after_entities(reg):
    """An FtM delta removes DEL'd sanctions and adds new ones on top of the last state."""
    reg.import_file(FIXTURES / "ftm/entities_2020-01-10.ftm.json", published="2020-01-10")
    report = reg.import_file(FIXTURES / "ftm/entities_2020-06-15.delta.json", published="2020-06-15")

    assert {"LISTED": 1, "REMOVED": 1, "AMENDED": 1} == dict(report.events)


def test_generic_events(reg):
    """Generic rows are recorded as events on the user's list."""
    report = reg.import_file(FIXTURES / "generic/events.csv", published="2020-07-01")

    assert {"LISTED": 3, "REMOVED": 1} == dict(report.events)


@pytest.mark.shared_data
def test_real_uk_removals(reg):
    """UK 2014 then 2018: FARC is removed from uk-hmt-terrorism within the window."""
    shared = Path(__file__).parents[2] / ".." / "shared" / "data" / "uk_ofsi"
    if not shared.is_dir():
        pytest.skip("../shared/data is not present")
    reg.import_file(shared / "ConList_2014-04-02_terrorism_afghanistan_alqaida_extract.csv")
    report = reg.import_file(shared / "ConList_2018-04-13_terrorism_afghanistan_extract.csv")

    assert report.events.get("REMOVED", 0) > 0


def test_export_import_round_trip(tmp_path, store_url_factory, reg):
    """export_ftm then import into a fresh store gives the same listing dates per subject."""
    import io  # noqa: PLC0415


    reg.import_file(FIXTURES / "un/consolidated_2020-01-10.xml")
    buffer = io.StringIO()
    reg.export_ftm(buffer)
    path = tmp_path / "export.ftm.json"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    fresh = designations.open(store_url_factory(), seeds=False)
    fresh.import_file(path, published="2021-01-01")
    before = {e.effective for e in reg.history("SAMPLE BRIGADES").events}
    after = {e.effective for e in fresh.history("SAMPLE BRIGADES").events}
    fresh.close()

    assert before == after


def test_a_suspension_survives_the_export_import_round_trip(tmp_path, store_url_factory, seeded_registry):
    """Russia's suspended ban of the Taliban, exported as a `suspended` Sanction, is SUSPENDED again once imported."""
    import io  # noqa: PLC0415

    buffer = io.StringIO()
    seeded_registry.export_ftm(buffer)
    path = tmp_path / "export.ftm.json"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    fresh = designations.open(store_url_factory(), seeds=False)
    try:
        fresh.import_file(path, published="2026-06-01")
        kinds = [e.kind.value for e in fresh.history("Taliban").events if e.list_id == "ftm-ru-terrorist-organisations"]
        answer = fresh.status("Taliban", "ftm-ru-terrorist-organisations", on="2026-06-01")
    finally:
        fresh.close()

    assert ["LISTED", "SUSPENDED"] == kinds
    assert "SUSPENDED" == answer.state.value


def _through_a_pipe(tmp_path: Path, source: Path, name: str) -> tuple[Path, object]:
    """A named pipe that a thread fills with `source`'s bytes (as `<(cat file)` does)."""
    import os  # noqa: PLC0415
    import threading  # noqa: PLC0415

    fifo = tmp_path / name
    os.mkfifo(fifo)

    def feed() -> None:
        with fifo.open("wb") as out:
            out.write(source.read_bytes())

    thread = threading.Thread(target=feed, daemon=True)
    thread.start()
    return fifo, thread


def test_import_from_a_pipe_hashes_the_bytes_read(reg, tmp_path):
    """Two different files through a pipe are two publications, each with its own file's hash."""
    import hashlib  # noqa: PLC0415

    first_file = FIXTURES / "un" / "consolidated_2020-01-10.xml"
    second_file = FIXTURES / "un" / "consolidated_2020-06-15.xml"
    fifo, thread = _through_a_pipe(tmp_path, first_file, "first")
    first = reg.import_file(fifo, format="un")
    thread.join(5)
    fifo, thread = _through_a_pipe(tmp_path, second_file, "second")
    second = reg.import_file(fifo, format="un")
    thread.join(5)

    assert (False, False) == (first.duplicate, second.duplicate)
    assert [hashlib.sha256(f.read_bytes()).hexdigest() for f in (first_file, second_file)] == [
        first.sha256, second.sha256]


def test_published_must_be_a_day(reg):
    """`published="2025"` is refused, naming the field, instead of being read as 1 January."""
    from designations.errors import InvalidDateError  # noqa: PLC0415

    with pytest.raises(InvalidDateError, match="published"):
        reg.import_file(FIXTURES / "un" / "consolidated_2020-01-10.xml", published="2025")


def test_generic_history_error_names_the_file_and_line(reg, tmp_path):
    """A generic file whose events break a history is refused naming the line of the offending event."""
    events = tmp_path / "events.csv"
    events.write_text(
        "list_id,subject_id,subject_name,kind,event,effective,published,source_title,source_url,aliases\n"
        "xx-w,1,Example Front,organisation,LISTED,2019-05-01,2019-06-01,G,https://example.org/g,\n"
        "xx-w,1,Example Front,organisation,LISTED,2019-07-01,2019-06-01,G,https://example.org/g,\n",
        encoding="utf-8")

    with pytest.raises(ImportFormatError) as caught:
        reg.import_file(events, format="generic", published="2021-01-15")

    assert (3, True) == (caught.value.line, str(caught.value.path).endswith("events.csv"))


@pytest.mark.parametrize("size", [0, -5, 2.5, True, "100"])
def test_a_part_size_that_is_not_a_positive_whole_number_is_refused(reg, size):
    """`part_size` counts entries: anything else is refused before the file is read, and nothing is written."""
    with pytest.raises(ImportFormatError, match="part_size"):
        reg.import_file(FIXTURES / "un/consolidated_2020-01-10.xml", part_size=size)
    assert reg.lists() == ()
