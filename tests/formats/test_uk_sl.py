"""Specs for the UK Sanctions List reader (FCDO CSV and XML)."""

from __future__ import annotations

import pendulum
import pytest

from designations.dates import Precision
from designations.errors import ImportFormatError
from designations.formats import _xml, uk, uk_sl
from designations.model import Identifier, SubjectKind

T1 = "uk-sl/UK-Sanctions-List_2026-02-13.csv"
T2_CSV = "uk-sl/UK-Sanctions-List_2026-03-20.csv"
T2_XML = "uk-sl/UK-Sanctions-List_2026-03-20.xml"


def _entries(path):
    return {(e.list_id, e.key): e for e in uk_sl.read(path).entries}


def test_report_date_is_publication_date(fixtures):
    """Line 1 'Report Date: 13-Feb-2026' is the publication date; the XML's is DateGenerated."""
    assert (pendulum.Date(2026, 2, 13), pendulum.Date(2026, 3, 20)) == (
        uk_sl.read(fixtures / T1).published, uk_sl.read(fixtures / T2_XML).published)


def test_rows_of_a_unique_id_are_one_entry(fixtures):
    """Name and address rows of one Unique ID make one entry; the primary name is its name."""
    entries = _entries(fixtures / T1)
    exchange = entries[("uk-hmt-afghanistan", "9101")]

    assert 12 == len(entries)
    assert "EXAMPLE EXCHANGE" == exchange.name
    assert ["Example Hawala", "صرافی نمونه"] == [a.value for a in exchange.aliases]


def test_name_variations_and_non_latin_names_are_aliases(fixtures):
    """A 'Primary name variation' and the non-latin script name are aliases; Name 1 comes first."""
    person = _entries(fixtures / T1)[("uk-hmt-afghanistan", "9102")]

    assert ("Abdul SAMPLE", ["Abdul SAMPEL", "عبدالله سمپل"], SubjectKind.PERSON) == (
        person.name, [a.value for a in person.aliases], person.kind)


@pytest.mark.parametrize(("regime", "conlist"), [
    ("The Afghanistan (Sanctions) (EU Exit) Regulations 2020", "Afghanistan"),
    ("The ISIL (Da'esh) and Al-Qaida (United Nations Sanctions) (EU Exit) Regulations 2019",
     "The ISIL (Da'esh) and Al-Qaida organisations"),
    ("The Counter-Terrorism (International Sanctions) (EU Exit) Regulations 2019",
     "Counter-Terrorism (International)"),
    ("The Counter-Terrorism (Sanctions) (EU Exit) Regulations 2019", "Counter-Terrorism (Domestic)"),
    ("The Russia (Sanctions) (EU Exit) Regulations 2019", "Russia"),
    ("The Iran (Sanctions) (Nuclear) (EU Exit) Regulations 2019", "Iran (Nuclear)"),
    ("The Global Human Rights Sanctions Regulations 2020", "Global Human Rights"),
])
def test_regimes_share_the_conlist_list_ids(tmp_path, regime, conlist):
    """A statutory regime name gets the list id ConList's name for the same regime gets."""
    expected = uk.list_id(conlist, path=tmp_path, line=None)

    assert expected == uk_sl.list_id(regime, path=tmp_path, line=None)


def test_terrorism_regimes_are_distinct_lists(fixtures):
    """The fixture's entries fall on five lists, one per regime."""
    assert {"uk-hmt-afghanistan", "uk-hmt-isil-al-qaida", "uk-hmt-counter-terrorism-international",
            "uk-hmt-counter-terrorism-domestic", "uk-hmt-russia"} == {
        list_id for list_id, _key in _entries(fixtures / T1)}


def test_unknown_regime_is_refused(tmp_path):
    """Text that is neither a ConList regime nor a sanctions regulation's name is an error."""
    with pytest.raises(ImportFormatError, match="unknown regime") as info:
        uk_sl.list_id("Martian Regime", path=tmp_path, line=7)

    assert ("Regime Name", 7) == (info.value.field, info.value.line)


def test_keyed_by_ofsi_group_id_else_unique_id(fixtures):
    """The OFSI Group ID (ConList's Group ID) is the key; a ship without one keeps its Unique ID."""
    entries = _entries(fixtures / T1)

    assert "Ivan IVANOV-OBRAZETS" == entries[("uk-hmt-russia", "9110")].name
    assert SubjectKind.VESSEL == entries[("uk-hmt-russia", "RUS0102")].kind


def test_identifiers(fixtures):
    """Unique ID, OFSI Group ID and the UN reference number become identifiers."""
    entry = _entries(fixtures / T1)[("uk-hmt-isil-al-qaida", "9103")]

    assert (Identifier("uk-sl", "AQD0101"), Identifier("uk-hmt", "9103"),
            Identifier("un", "QDe.901")) == entry.identifiers


def test_dates(fixtures):
    """Date Designated is the listing date; Last Updated values are amendment dates."""
    entry = _entries(fixtures / T2_CSV)[("uk-hmt-isil-al-qaida", "9104")]

    assert ("2014-09-23", (pendulum.Date(2026, 3, 5),)) == (str(entry.listed_on), entry.amended_on)


def test_placeholder_day_is_a_month_window(fixtures, tmp_path):
    """'dd/06/2012' (the FCDO's unknown day) is June 2012, a month window."""
    path = tmp_path / "list.csv"
    path.write_text((fixtures / T1).read_text(encoding="utf-8").replace("29/06/2012", "dd/06/2012"),
                    encoding="utf-8")
    entry = _entries(path)[("uk-hmt-afghanistan", "9101")]

    assert (Precision.MONTH, "2012-06") == (entry.listed_on.precision, str(entry.listed_on))


def test_xml_reads_as_the_csv(fixtures):
    """The XML of a publication gives the same entries as its CSV."""
    def strip(entries):
        return {k: (e.name, e.aliases, e.identifiers, e.programs, e.listed_on, e.amended_on, e.kind)
                for k, e in entries.items()}

    assert strip(_entries(fixtures / T2_CSV)) == strip(_entries(fixtures / T2_XML))


def test_the_second_publication_delists_amends_and_adds(fixtures):
    """Between the two fixtures: AQD0103 goes, AQD0102 gains an alias, CTI0105 comes."""
    t1, t2 = _entries(fixtures / T1), _entries(fixtures / T2_CSV)

    assert {("uk-hmt-isil-al-qaida", "9105")} == set(t1) - set(t2)
    assert {("uk-hmt-counter-terrorism-international", "9111")} == set(t2) - set(t1)
    assert (t1[("uk-hmt-isil-al-qaida", "9104")].fingerprint
            != t2[("uk-hmt-isil-al-qaida", "9104")].fingerprint)


def test_sniff():
    """Both layouts are recognised; ConList is not."""
    assert (True, True, False) == (
        uk_sl.sniff(b"Report Date: 13-Feb-2026\r\nLast Updated,Unique ID,OFSI Group ID"),
        uk_sl.sniff(b'<?xml version="1.0"?>\n<Designations>\n'),
        uk_sl.sniff(b"Last Updated,10/01/2020\nName 6,Name 1,Group ID"))


RUSSIA = "The Russia (Sanctions) (EU Exit) Regulations 2019"
AFGHANISTAN = "The Afghanistan (Sanctions) (EU Exit) Regulations 2020"


def _write_xml(path, designations):
    """Write a UK Sanctions List XML of (Unique ID, OFSI Group ID, regime) designations."""
    parts = ['<?xml version="1.0" encoding="utf-8"?>\n<Designations>\n',
             "<DateGenerated>20/03/2026</DateGenerated>\n"]
    for unique_id, group_id, regime_name in designations:
        parts.append(
            f"<Designation><DateDesignated>01/02/2020</DateDesignated>"
            f"<UniqueID>{unique_id}</UniqueID><OFSIGroupID>{group_id}</OFSIGroupID>"
            f"<Names><Name><Name6>NAME {unique_id}</Name6><NameType>Primary Name</NameType></Name>"
            f"</Names><RegimeName>{regime_name}</RegimeName>"
            f"<IndividualEntityShip>Entity</IndividualEntityShip></Designation>\n")
    parts.append("</Designations>\n")
    path.write_text("".join(parts), encoding="utf-8")
    return path


def test_shared_group_id_falls_back_to_unique_id_in_xml(tmp_path):
    """Two XML designations sharing an OFSI Group ID on one list are keyed by their Unique IDs."""
    path = _write_xml(tmp_path / "list.xml", [("RUS1", "500", RUSSIA), ("AFG1", "500", AFGHANISTAN),
                                        ("RUS2", "500", RUSSIA)])

    assert [("uk-hmt-russia", "RUS1"), ("uk-hmt-afghanistan", "500"),
            ("uk-hmt-russia", "RUS2")] == [(e.list_id, e.key) for e in uk_sl.read(path).entries]


def test_shared_group_id_falls_back_to_unique_id_in_csv(tmp_path):
    """Two CSV designations sharing an OFSI Group ID on one list are keyed by their Unique IDs."""
    path = tmp_path / "list.csv"
    path.write_text(
        "Unique ID,OFSI Group ID,Name 6,Name type,Regime Name,Date Designated,Designation Type\n"
        f"RUS1,500,ONE,Primary Name,{RUSSIA},01/02/2020,Entity\n"
        f"AFG1,500,TWO,Primary Name,{AFGHANISTAN},01/02/2020,Entity\n"
        f"RUS2,500,THREE,Primary Name,{RUSSIA},01/02/2020,Entity\n", encoding="utf-8")

    assert [("uk-hmt-russia", "RUS1"), ("uk-hmt-afghanistan", "500"),
            ("uk-hmt-russia", "RUS2")] == [(e.list_id, e.key) for e in uk_sl.read(path).entries]


def test_xml_entries_stream(tmp_path, monkeypatch):
    """The first XML entry comes after one pass over the keys, before the second reads on."""
    path = _write_xml(tmp_path / "list.xml", [(f"RUS{i}", str(i), RUSSIA) for i in range(50)])
    counts = []
    stream = _xml.stream

    def counted(*args, **kwargs):
        counts.append(0)
        mine = len(counts) - 1
        for node in stream(*args, **kwargs):
            counts[mine] += _xml.local(node.element.tag) == "Designation"
            yield node

    monkeypatch.setattr(_xml, "stream", counted)
    entries = iter(uk_sl.read(path).entries)

    assert "0" == next(entries).key
    assert [0, 50, 1] == counts
