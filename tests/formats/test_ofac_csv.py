"""Specs for the OFAC legacy CSV reader (sdn.csv with alt.csv)."""

from __future__ import annotations

from collections import Counter

import pytest

from designations.formats import ofac_csv
from designations.model import SubjectKind


def _entries(path):
    return list(ofac_csv.read(path).entries)


def test_one_entry_per_program_list(fixtures):
    """An entry on [SDGT] [FTO] is one entry on us-sdgt and one on us-fto."""
    entries = [e for e in _entries(fixtures / "ofac-csv/2020-01-10") if e.key == "1001"]

    assert {"us-sdgt", "us-fto"} == {e.list_id for e in entries}


def test_other_programs_map_to_ofac_lists(fixtures):
    """A program other than FTO and SDGT maps to us-ofac-<program>."""
    entries = {e.list_id for e in _entries(fixtures / "ofac-csv/2020-01-10") if e.key == "1011"}

    assert {"us-ofac-sdntk", "us-fto", "us-sdgt"} == entries


def test_programs_are_split():
    """The Program field splits on '] ['."""
    assert ("SDNTK", "FTO", "SDGT") == ofac_csv.programs("SDNTK] [FTO] [SDGT")
    assert ("SDGT", "FTO") == ofac_csv.programs("[SDGT] [FTO]")
    assert () == ofac_csv.programs("-0- ")


def test_aliases_from_alt_csv(fixtures):
    """Aliases come from alt.csv in the same directory."""
    entry = next(e for e in _entries(fixtures / "ofac-csv/2020-01-10") if e.key == "1006")

    assert ["ABU ALPHA"] == [a.value for a in entry.aliases]
    assert SubjectKind.PERSON == entry.kind


def test_cp1252_fallback(fixtures):
    """A file that is not ASCII is read as cp1252."""
    names = {e.name for e in _entries(fixtures / "ofac-csv/2020-01-10")}

    assert "CAF\u00c9 EXEMPLAIRE" in names


def test_cr_and_crlf_records(fixtures):
    """CR-separated (t1) and CRLF-separated (t2) files give the same number of records."""
    t1 = {e.key for e in _entries(fixtures / "ofac-csv/2020-01-10")}
    t2 = {e.key for e in _entries(fixtures / "ofac-csv/2020-06-15")}

    assert (12, 12) == (len(t1), len(t2))


def test_no_publication_date_inside():
    """The CSV carries no date: published stays None unless given."""
    assert ofac_csv.sniff(b'1001,"EXAMPLE FRONT",-0- ,"SDGT",')


@pytest.mark.shared_data
def test_real_2019_snapshot(shared_data):
    """The 2019 SDN CSV: TALIBAN on SDGT only, FARC on FTO, IRGC not yet on FTO."""
    entries = _entries(shared_data / "ofac/sdn_csv_2019-01-15")
    lists = Counter()
    by_key: dict[str, set[str]] = {}
    for e in entries:
        lists[e.list_id] += 1
        by_key.setdefault(e.key, set()).add(e.list_id)

    assert 7379 == len(by_key)
    assert "us-fto" not in by_key["6636"]
    assert "us-sdgt" in by_key["6636"]
    assert {"us-fto", "us-sdgt"} <= by_key["4711"]
    assert "us-fto" not in by_key["10391"]


@pytest.mark.shared_data
def test_real_2025_extract(shared_data):
    """The 2025 extract (17 rows, CRLF) reads completely."""
    keys = {e.key for e in _entries(shared_data / "ofac/sdn_csv_extract_2025")}

    assert 17 == len(keys)


def test_non_sdn_trio_in_official_upper_case(fixtures, tmp_path):
    """CONS_PRIM.CSV with CONS_ALT.CSV (OFAC's own spelling) is the non-SDN list, aliases joined."""
    for name in ("cons_prim.csv", "cons_alt.csv"):
        (tmp_path / name.upper()).write_bytes((fixtures / "ofac-csv/cons_2020-06-20" / name).read_bytes())
    entries = {(e.list_id, e.key): e for e in ofac_csv.read(tmp_path).entries}

    assert ["BANK OF EXAMPLES"] == [a.value for a in entries[("us-cons-fse-ir", "2002")].aliases]
    assert all(list_id.startswith("us-cons-") for list_id, _key in entries)


def test_file_cut_inside_its_last_quoted_field_is_an_error(fixtures, tmp_path):
    """A truncated sdn.csv (cut inside a quoted field) is refused, naming the file and the line."""
    from designations.errors import ImportFormatError  # noqa: PLC0415

    whole = (fixtures / "ofac-csv/2020-01-10/sdn.csv").read_bytes()
    cut = tmp_path / "sdn.csv"
    cut.write_bytes(whole[: whole.rindex(b"Remarks") + 4])

    with pytest.raises(ImportFormatError, match=r"sdn\.csv") as caught:
        _entries(cut)

    assert caught.value.line is not None


def test_missing_alt_csv_is_a_warning(fixtures, tmp_path):
    """Without alt.csv beside it, the aliases are not read and the publication says so."""
    (tmp_path / "sdn.csv").write_bytes((fixtures / "ofac-csv/2020-01-10/sdn.csv").read_bytes())

    publication = ofac_csv.read(tmp_path / "sdn.csv")
    list(publication.entries)

    assert any("alt.csv not found" in w for w in publication.warnings)
