"""Specs for the UN Security Council consolidated list reader."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pendulum
import pytest

from designations.dates import DateWindow
from designations.formats import un
from designations.formats.records import fingerprint
from designations.model import Identifier, Name, SubjectKind


def _entries(path: Path) -> dict[str, un.Entry]:  # type: ignore[name-defined]
    return {e.key: e for e in un.read(path).entries}


def test_publication_date_is_date_generated(fixtures):
    """The publication date is the civil date of the root's dateGenerated."""
    pub = un.read(fixtures / "un/consolidated_2020-01-10.xml")

    assert pendulum.Date(2020, 1, 10) == pub.published


def test_a_publication_instant_in_utc_is_dated_by_its_day_in_new_york(fixtures, tmp_path):
    """`...T00:00:09Z` is the evening before in New York: the list of that file is the previous day's."""
    text = (fixtures / "un/consolidated_2020-01-10.xml").read_text(encoding="utf-8")
    utc = tmp_path / "consolidated.xml"
    utc.write_text(text.replace('dateGenerated="2020-01-10T19:40:35.913-04:00"',
                                'dateGenerated="2020-01-11T00:00:09.554Z"'), encoding="utf-8")

    assert pendulum.Date(2020, 1, 10) == un.read(utc).published


def test_reads_every_individual_and_entity(fixtures):
    """Every INDIVIDUAL and ENTITY becomes one entry keyed by REFERENCE_NUMBER."""
    entries = _entries(fixtures / "un/consolidated_2020-01-10.xml")

    assert 12 == len(entries)
    assert SubjectKind.PERSON == entries["QDi.001"].kind
    assert SubjectKind.ORGANISATION == entries["QDe.001"].kind


def test_list_types_map_to_list_ids(fixtures):
    """UN_LIST_TYPE maps to the registry's list ids."""
    entries = _entries(fixtures / "un/consolidated_2020-01-10.xml")

    assert "un-isil-al-qaida" == entries["QDe.001"].list_id
    assert "un-1988" == entries["TAe.001"].list_id
    assert "un-1718" == entries["KPe.001"].list_id
    assert "un-1737" == entries["IRe.001"].list_id


def test_unknown_list_type_gets_a_slug():
    """An unknown UN_LIST_TYPE maps to un-<slug>."""
    assert "un-new-regime" == un.list_id("New Regime", path=Path("x"), line=1)


def test_listed_on_with_timezone_suffix(fixtures):
    """A LISTED_ON such as 2015-03-27-04:00 is read as that civil date."""
    entries = _entries(fixtures / "un/consolidated_2020-01-10.xml")

    assert DateWindow.exact("2015-03-27") == entries["QDe.003"].listed_on


def test_aliases_and_amendment_dates(fixtures):
    """Aliases come from *_ALIAS/ALIAS_NAME, amendment dates from LAST_DAY_UPDATED/VALUE."""
    entry = _entries(fixtures / "un/consolidated_2020-06-15.xml")["QDe.002"]

    assert ["Sample Battalions", "Brigades of Samples"] == [a.value for a in entry.aliases]
    assert (pendulum.Date(2020, 3, 1),) == entry.amended_on
    assert Identifier("un", "QDe.002") in entry.identifiers


def test_empty_alias_is_no_alias(fixtures):
    """An empty INDIVIDUAL_ALIAS element adds no alias."""
    entries = _entries(fixtures / "un/consolidated_2020-01-10.xml")

    assert () == entries["QDi.002"].aliases


def test_fingerprint_changes_with_aliases(fixtures):
    """An added alias changes the entry's fingerprint."""
    before = _entries(fixtures / "un/consolidated_2020-01-10.xml")["QDe.002"]
    after = _entries(fixtures / "un/consolidated_2020-06-15.xml")["QDe.002"]

    assert before.fingerprint != after.fingerprint


def test_sniff():
    """sniff recognises the CONSOLIDATED_LIST root."""
    assert un.sniff(b'<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="x">')
    assert not un.sniff(b"<sdnList>")


@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("name", "count", "published"),
    [
        ("consolidated_2018-08-24.xml", 1098, "2018-08-24"),
        ("consolidated_2018-10-29.xml", 1093, "2018-10-29"),
        ("consolidated_2026-02-27.xml", 1003, "2026-02-26"),  # generated 2026-02-27T00:00:09Z: 19:00 in New York
    ],
)
def test_real_publications(shared_data, name, count, published):
    """The three real UN publications read completely, with their dates."""
    pub = un.read(shared_data / "un" / name)
    entries = list(pub.entries)

    assert (count, published) == (len(entries), pub.published.isoformat())


@pytest.mark.shared_data
def test_real_timezone_suffixes(shared_data):
    """The 2026 file's SSi.001 carries a suffixed LISTED_ON that still reads as a day."""
    entries = _entries(shared_data / "un/consolidated_2026-02-27.xml")

    assert entries["SSi.001"].listed_on is not None
    assert "un-1988" == entries["TAe.012"].list_id
    assert "HAQQANI NETWORK (HQN)" == entries["TAe.012"].name


@pytest.mark.shared_data
def test_real_list_sizes(shared_data):
    """The 2026 file holds 140 Taliban (1988) and 121 Iran entries."""
    counts = Counter(
        e.list_id for e in un.read(shared_data / "un/consolidated_2026-02-27.xml").entries
    )

    assert (140, 121) == (counts["un-1988"], counts["un-1737"])


def test_original_script_names_are_kept_with_their_script(fixtures):
    """NAME_ORIGINAL_SCRIPT becomes an alias tagged with its script (Arabic, Cyrillic), so it can be searched."""
    entries = _entries(fixtures / "un/original_script_2024-05-01.xml")

    assert Name("كابا لامدا", script="Arab") in entries["QDi.901"].aliases
    assert Name("Фронт Мю Ню", script="Cyrl") in entries["QDe.901"].aliases


def test_an_alias_field_holding_several_names_gives_each(fixtures):
    """'Abu Kappa; Kappa al-Lambdi' is two aliases, not one name no one would type."""
    aliases = {a.value for a in _entries(fixtures / "un/original_script_2024-05-01.xml")["QDi.901"].aliases}

    assert {"Abu Kappa", "Kappa al-Lambdi"} <= aliases
    assert "Abu Kappa; Kappa al-Lambdi" not in aliases


def test_reading_more_names_from_a_file_is_not_an_amendment(fixtures):
    """The fingerprint is of the aliases as listed: split fields and original-script names leave it unchanged."""
    entry = _entries(fixtures / "un/original_script_2024-05-01.xml")["QDi.901"]
    as_listed = fingerprint(entry.name, (Name("Abu Kappa; Kappa al-Lambdi"), Name("Kappa")), entry.programs)

    assert entry.fingerprint == as_listed


@pytest.mark.shared_data
def test_real_list_keeps_its_377_original_script_names(shared_data):
    """The 2026-02-27 list gives 377 names in their original script (366 Arabic, 11 Cyrillic): every one is kept."""
    path = shared_data / "un/consolidated_2026-02-27.xml"
    given = {}
    for block in re.findall(r"<(?:INDIVIDUAL|ENTITY)>.*?</(?:INDIVIDUAL|ENTITY)>", path.read_text(encoding="utf-8"),
                            flags=re.DOTALL):
        ref = re.search(r"<REFERENCE_NUMBER>([^<]+)<", block)
        original = re.search(r"<NAME_ORIGINAL_SCRIPT>([^<]+)<", block)
        if ref and original and original[1].strip():
            given[ref[1].strip()] = " ".join(original[1].split())
    entries = _entries(path)
    given = {ref: text for ref, text in given.items() if text.casefold() != entries[ref].name.casefold()}  # one repeats
    kept = {ref: next(a for a in entries[ref].aliases if a.value == text) for ref, text in given.items()}

    assert len(given) == 377
    assert Counter(a.script for a in kept.values()) == {"Arab": 366, "Cyrl": 11}


def test_latin_spellings_an_alias_note_gives_are_aliases(fixtures):
    """An original-script alias whose NOTE lists its Latin spellings gives each spelling as an alias."""
    aliases = {a.value: a for a in _entries(fixtures / "un/alias_notes_2024-06-01.xml")["QDi.911"].aliases}

    assert {"Tau al-Phai", "Taw al-Fai", "Sheikh Tau the Phaian"} <= aliases.keys()
    assert Name("شيخ تاو الفاي", script="Arab") == aliases["شيخ تاو الفاي"]


def test_the_original_script_an_alias_note_gives_is_an_alias(fixtures):
    """'original script: ...', 'In Arabic: ...' and 'in Arabic script: ...' at a note's end give that name."""
    entries = _entries(fixtures / "un/alias_notes_2024-06-01.xml")
    person = {a.value: a.script for a in entries["QDi.911"].aliases}
    company = {a.value: a.script for a in entries["QDe.911"].aliases}

    assert (person["Тау Хи"], person["تاو بساي"]) == ("Cyrl", "Arab")
    assert company["شركة فاي"] == "Arab"


def test_spellings_in_a_low_quality_alias_note_are_weak_too(fixtures):
    """The spellings a note gives carry the quality of the alias they spell."""
    aliases = {a.value: a.weak for a in _entries(fixtures / "un/alias_notes_2024-06-01.xml")["QDi.911"].aliases}

    assert (aliases["Abu Omega"], aliases["Abu Omegaa’"]) == (True, True)


def test_a_note_that_is_not_a_list_of_names_gives_no_alias(fixtures):
    """Remarks, passports and places in a note never become names; a mixed list is left whole."""
    entry = _entries(fixtures / "un/alias_notes_2024-06-01.xml")["QDi.911"]
    values = {a.value for a in entry.aliases}

    assert not values & {"nom de guerre", "Abu Sigma", "Passport number", "POB"}
    assert not any(ch.isdigit() for value in values for ch in value)


def test_names_from_notes_are_not_an_amendment(fixtures):
    """The fingerprint stays that of the aliases as listed: reading notes does not change an entry."""
    entry = _entries(fixtures / "un/alias_notes_2024-06-01.xml")["QDe.911"]

    assert entry.fingerprint == fingerprint(entry.name, (Name("Phi Company"),), entry.programs)


@pytest.mark.shared_data
def test_real_list_alias_notes_give_35_aliases_their_other_forms(shared_data):
    """In the 2026-02-27 list, 35 alias notes spell their alias in another script or in Latin: each form is kept."""
    path = shared_data / "un/consolidated_2026-02-27.xml"
    given = []
    for block in re.findall(r"<(?:INDIVIDUAL|ENTITY)>.*?</(?:INDIVIDUAL|ENTITY)>", path.read_text(encoding="utf-8"),
                            flags=re.DOTALL):
        ref = re.search(r"<REFERENCE_NUMBER>([^<]+)<", block)[1].strip()
        for alias, note in re.findall(r"<ALIAS_NAME>([^<]*)</ALIAS_NAME>\s*<NOTE>([^<]*)</NOTE>", block):
            found = un.note_names(alias.strip(), note)
            if found:
                given.append((ref, found))
    entries = _entries(path)
    missing = [(ref, name) for ref, found in given for name in found
               if name not in {a.value for a in entries[ref].aliases}]

    assert (len(given), missing) == (35, [])
    assert {"Yunis al-Mauritani", "Shaykh Yunis the Mauritanian"} <= {a.value for a in entries["QDi.298"].aliases}


def test_an_alias_the_list_calls_low_quality_is_weak(fixtures):
    """QUALITY "Low" marks the alias weak; "Good" and "a.k.a." aliases are not."""
    aliases = {a.value: a.weak for a in _entries(fixtures / "un/original_script_2024-05-01.xml")["QDi.901"].aliases}

    assert aliases["Kappa"] is True
    assert (aliases["Abu Kappa"], aliases["Kappa al-Lambdi"]) == (False, False)


def test_names_in_parentheses_are_names_of_their_own(fixtures):
    """'أبو سيغما (Abu Sigma al-Tauwi; Abu Sigma)' gives three weak aliases, as the UN's "Low" field holds them."""
    aliases = {a.value: a.weak for a in _entries(fixtures / "un/original_script_2024-05-01.xml")["QDi.902"].aliases}

    assert aliases == {"أبو سيغما": True, "Abu Sigma al-Tauwi": True, "Abu Sigma": True}
