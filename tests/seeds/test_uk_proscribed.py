"""Spec: the UK proscribed organisations seed (Terrorism Act 2000, Schedule 2; see seeds/uk-proscribed.md)."""

from designations.dates import parse_date
from designations.model.events import State
from designations.seed_reader import count_in_force
from tests.seeds.assertions import (
    assert_status,
    event,
    history,
    shipped,
    subjects_of,
    subjects_with,
)

LIST = "uk-proscribed"


def _list():
    """The uk-proscribed list as loaded."""
    return next(item for item in shipped().lists if item.id == LIST)


def test_first_day_is_the_acts_commencement() -> None:
    """The list starts on 2001-02-19, when the Act and its Schedule 2 came into force."""
    assert "2001-02-19" == str(_list().established)


def test_northern_ireland_organisations_listed_from_the_first_day() -> None:
    """The 14 Northern Ireland entries (13 subjects: UDA and UFF share one) are listed on 2001-02-19."""
    expected = 13

    assert expected == len(subjects_with(LIST, "LISTED", "2001-02-19"))


def test_the_ira_is_listed_on_the_first_day() -> None:
    """The Irish Republican Army is listed on the first day."""
    assert_status(LIST, "irish-republican-army", "2001-02-19", State.LISTED)


def test_not_yet_listed_the_day_before() -> None:
    """On 2001-02-18 the Act was not in force: the IRA is not on this list yet."""
    assert_status(LIST, "irish-republican-army", "2001-02-18", State.NOT_LISTED)


def test_twenty_one_added_in_march_2001() -> None:
    """SI 2001/1261 added 21 organisations on 2001-03-29."""
    assert 21 == len(subjects_with(LIST, "LISTED", "2001-03-29"))


def test_fifteen_added_in_october_2005() -> None:
    """SI 2005/2892 added 15 organisations on 2005-10-14."""
    assert 15 == len(subjects_with(LIST, "LISTED", "2005-10-14"))


def test_pmoi_deproscribed_2008() -> None:
    """The PMOI was proscribed on 2001-03-29 and deproscribed on 2008-06-24."""
    expected = [("LISTED", "2001-03-29"), ("REMOVED", "2008-06-24")]

    assert expected == history(LIST, "mek")


def test_pmoi_approval_day_is_a_claim() -> None:
    """Parliament's approval on 2008-06-23 is kept as a claim, not applied."""
    note = event(LIST, "mek", "REMOVED", "2008-06-24").note

    assert "Conflicting claim (medium): effective 2008-06-23" in note


def test_isyf_deproscribed_2016() -> None:
    """The International Sikh Youth Federation was deproscribed on 2016-03-18 (SI 2016/391)."""
    expected = [("LISTED", "2001-03-29"), ("REMOVED", "2016-03-18")]

    assert expected == history(LIST, "international-sikh-youth-federation")


def test_hizballah_widened_in_two_steps() -> None:
    """Hizballah: External Security Organisation 2001, military wing 2008, whole organisation 2019-03-01."""
    expected = [("LISTED", "2001-03-29"), ("AMENDED", "2008-07-16/2008-12-31"), ("AMENDED", "2019-03-01")]

    assert expected == history(LIST, "hizballah")


def test_hizballah_scope_part_then_whole() -> None:
    """The 2001 listing covers a part of Hizballah; SI 2019/406 covers the whole."""
    expected = ("part", "whole")

    assert expected == (event(LIST, "hizballah", "LISTED", "2001-03-29").scope.value,
                        event(LIST, "hizballah", "AMENDED", "2019-03-01").scope.value)


def test_hamas_extended_2021() -> None:
    """Hamas's military wing was proscribed in 2001, and all of Hamas from 2021-11-26."""
    expected = [("LISTED", "2001-03-29"), ("AMENDED", "2021-11-26")]

    assert expected == history(LIST, "hamas")


def test_hamas_scope_whole_from_2021() -> None:
    """The 2021 amendment widens the Hamas listing to the whole organisation."""
    assert "whole" == event(LIST, "hamas", "AMENDED", "2021-11-26").scope.value


def test_one_order_removes_one_and_adds_four() -> None:
    """SI 2017/1325 removed Hezb-e Islami Gulbuddin and added four groups on 2017-12-22."""
    expected = (
        {"hezb-e-islami-gulbuddin"},
        {"al-ashtar-brigades", "al-mukhtar-brigades", "hasm", "liwa-al-thawra"},
    )

    assert expected == (subjects_with(LIST, "REMOVED", "2017-12-22"),
                        subjects_with(LIST, "LISTED", "2017-12-22"))


def test_hig_listed_2005_removed_2017() -> None:
    """Hezb-e Islami Gulbuddin was proscribed on 2005-10-14 and deproscribed on 2017-12-22."""
    expected = [("LISTED", "2005-10-14"), ("REMOVED", "2017-12-22")]

    assert expected == history(LIST, "hezb-e-islami-gulbuddin")


def test_jnim_2019() -> None:
    """JNIM was proscribed on 2019-03-01 by SI 2019/406 (made 2019-02-28)."""
    found = event(LIST, "jnim", "LISTED", "2019-03-01")

    assert ("2019-02-28", True) == (str(found.decided), "SI 2019/406" in found.instrument)


def test_wagner_group_2023() -> None:
    """The Wagner Group was proscribed on 2023-09-15 (SI 2023/1003)."""
    assert [("LISTED", "2023-09-15")] == history(LIST, "wagner-group")


def test_hizb_ut_tahrir_2024() -> None:
    """Hizb ut-Tahrir was proscribed on 2024-01-19."""
    assert [("LISTED", "2024-01-19")] == history(LIST, "hizb-ut-tahrir")


def test_terrorgram_2024() -> None:
    """The Terrorgram collective was proscribed on 2024-04-26."""
    assert [("LISTED", "2024-04-26")] == history(LIST, "terrorgram-collective")


def test_three_groups_of_july_2025() -> None:
    """Palestine Action, the Maniacs Murder Cult and the Russian Imperial Movement: in force 2025-07-05."""
    expected = {"palestine-action", "maniacs-cult-of-murder", "russian-imperial-movement"}

    assert expected == subjects_with(LIST, "LISTED", "2025-07-05")


def test_palestine_action_still_listed_after_the_high_court_ruling() -> None:
    """The High Court's ruling of 2026-02-13 kept the proscription in force pending appeal (AMENDED)."""
    assert_status(LIST, "palestine-action", "2026-02-14", State.LISTED)


def test_nusrah_front_treated_as_al_qaida_name_2013() -> None:
    """Al-Nusrah Front was treated as a name of al-Qa'ida from 2013-07-19."""
    assert_status(LIST, "al-nusrah-front", "2013-07-19", State.LISTED)


def test_hts_listed_as_al_qaida_name_in_2017() -> None:
    """Hay'at Tahrir al-Sham was treated as a name of al-Qa'ida from 2017 and deproscribed in 2025."""
    expected = [("LISTED", "2017"), ("REMOVED", "2025-11-10/2025-11-11")]

    assert expected == history(LIST, "hay-at-tahrir-al-sham")


def test_hts_still_proscribed_the_day_the_order_was_laid() -> None:
    """On 2025-10-21 the deproscription order was only laid: HTS is still listed."""
    assert_status(LIST, "hay-at-tahrir-al-sham", "2025-10-21", State.LISTED)


def test_hts_removed_after_the_order_came_into_force() -> None:
    """By 2025-11-12 the revocation order is in force."""
    assert_status(LIST, "hay-at-tahrir-al-sham", "2025-11-12", State.REMOVED)


def test_hts_in_force_day_uncertain() -> None:
    """The revocation came into force on 2025-11-10 or 2025-11-11: on 2025-11-10 the status is unknown."""
    assert_status(LIST, "hay-at-tahrir-al-sham", "2025-11-10", State.UNKNOWN, certain=False)


def test_hts_laying_day_is_a_claim() -> None:
    """Reports that HTS was removed on 2025-10-21 (the laying day) are kept as a claim."""
    note = event(LIST, "hay-at-tahrir-al-sham", "REMOVED", "2025-11-10/2025-11-11").note

    assert "Conflicting claim (low): effective 2025-10-21" in note


def test_nusrah_front_name_not_revoked_in_2025() -> None:
    """The 2025 order revokes only the 2017 HTS order: al-Nusrah Front stays listed as an al-Qa'ida name."""
    assert_status(LIST, "al-nusrah-front", "2025-12-01", State.LISTED)


def test_verified_count_matches_data() -> None:
    """On the verified day (2025-10-21) the data holds 101 listed subjects, as declared."""
    declared = _list().verified

    assert (101, 101) == (count_in_force(shipped(), LIST, declared.on), declared.count)


def test_verified_day() -> None:
    """Completeness is vouched for up to 2025-10-21 (the count reported when the HTS order was revoked)."""
    assert "2025-10-21" == str(_list().verified.on)


def test_count_before_the_2007_order() -> None:
    """On 2007-07-02 the BBC's 58 organisations are 57 subjects here (UDA and UFF share one subject)."""
    assert 57 == count_in_force(shipped(), LIST, parse_date("2007-07-02"))


def test_count_when_national_action_was_the_71st() -> None:
    """On 2016-12-16: 71 international organisations + 13 Northern Ireland subjects + al-Nusrah Front = 85."""
    assert 85 == count_in_force(shipped(), LIST, parse_date("2016-12-16"))


def test_imarat_kavkaz_added_by_si_2013_3172() -> None:
    """Imarat Kavkaz (the one organisation of SI 2013/3172) is listed from a day in 2013-12-11/2014-01-01."""
    assert [("LISTED", "2013-12-11/2014-01-01")] == history(LIST, "imarat-kavkaz")


def test_imarat_kavkaz_not_listed_on_the_commons_debate_day() -> None:
    """On 2013-12-10, when the Commons debated the draft order, Imarat Kavkaz was not yet proscribed."""
    assert_status(LIST, "imarat-kavkaz", "2013-12-10", State.NOT_LISTED)


def test_imarat_kavkaz_listed_in_2014() -> None:
    """By 2014-01-02 Imarat Kavkaz is proscribed."""
    assert_status(LIST, "imarat-kavkaz", "2014-01-02", State.LISTED)


def test_three_groups_of_si_2014_3189() -> None:
    """SI 2014/3189 added three groups on 2014-11-28, the third being Jaysh al Khalifatu Islamiya."""
    expected = {"ansar-al-charia-benghazi", "ajnad-misr", "jaysh-al-khalifatu-islamiya"}

    assert expected == subjects_with(LIST, "LISTED", "2014-11-28")


def test_tak_merged_into_the_pkk_entry_stays_listed() -> None:
    """TAK, separate since 2006, is named in the PKK entry from 2020-02-28 and stays proscribed."""
    expected = [("LISTED", "2006-07-17"), ("AMENDED", "2020-02-28")]

    assert expected == history(LIST, "tak")


def test_islam4uk_names_2010() -> None:
    """The 2010 name-change order (SI 2010/34) applies to Al Ghurabaa from 2010-01-14."""
    found = event(LIST, "al-ghurabaa", "AMENDED", "2010-01-14")

    assert ("2010-01-11", True) == (str(found.decided), "Islam4UK" in found.listed_as)


def test_muslims_against_crusades_day_is_disputed() -> None:
    """Muslims Against Crusades: in force 2011-11-11; a report of a day earlier is kept as a claim."""
    note = event(LIST, "al-ghurabaa", "AMENDED", "2011-11-11").note

    assert "Conflicting claim (low): effective 2011-11-10" in note


def test_at_least_ninety_organisations() -> None:
    """The seed names at least 90 organisations over its history."""
    assert len(subjects_of(LIST)) >= 90
