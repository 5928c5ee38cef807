"""Spec: the Australian listed terrorist organisations seed (Criminal Code, Division 102)."""

from designations.dates import parse_date
from designations.model.events import Scope, State
from designations.seed_reader import count_in_force
from tests.seeds.assertions import assert_status, event, events_of, history, shipped, subjects_with

LIST = "au-listed-terrorist-organisations"


def test_first_listing_al_qaida_2002() -> None:
    """Al-Qa'ida was the first organisation listed, on 2002-10-21."""
    assert ("LISTED", "2002-10-21") == history(LIST, "al-qaida")[0]


def test_not_listed_before_first_listing() -> None:
    """On 2002-10-20 al-Qa'ida was not yet listed in Australia."""
    assert_status(LIST, "al-qaida", "2002-10-20", State.NOT_LISTED)


def test_abu_sayyaf_relisted_without_gap() -> None:
    """Abu Sayyaf Group: listed 2002-11-14 and re-listed eight times, each an AMENDED event."""
    kinds = [kind for kind, _ in history(LIST, "abu-sayyaf-group")]

    assert ["LISTED"] + ["AMENDED"] * 8 == kinds


def test_abu_sayyaf_2019_regulation_days() -> None:
    """The 2019 ASG regulations were made 2019-04-04, registered 2019-04-09, in force 2019-04-10."""
    e = event(LIST, "abu-sayyaf-group", "AMENDED", "2019-04-10")

    assert ("2019-04-04", "2019-04-09") == (str(e.decided), str(e.published))


def test_hamas_brigades_part_from_2003() -> None:
    """Only Hamas' Izz al-Din al-Qassam Brigades were listed from 2003-11-09 (scope part)."""
    e = event(LIST, "hamas", "LISTED", "2003-11-09")

    assert (Scope.PART, "Hamas' Izz al-Din al-Qassam Brigades") == (e.scope, e.listed_as)


def test_hamas_whole_from_march_2022() -> None:
    """Hamas was listed in its entirety on 2022-03-04 (AMENDED, scope whole)."""
    e = event(LIST, "hamas", "AMENDED", "2022-03-04")

    assert (Scope.WHOLE, "Hamas") == (e.scope, e.listed_as)


def test_hizballah_eso_then_whole_2021() -> None:
    """Hizballah: the ESO from 2003-06-05 (part), the whole organisation from 2021-12-10 (Minister's release)."""
    expected = (Scope.PART, Scope.WHOLE)

    assert expected == (event(LIST, "hizballah", "LISTED", "2003-06-05").scope,
                        event(LIST, "hizballah", "AMENDED", "2021-12-10").scope)


def test_hizballah_and_the_base_announced_then_listed() -> None:
    """The Base: announced 2021-11-24, in force 2021-12-10; the 24 November day is a kept claim."""
    e = event(LIST, "the-base", "LISTED", "2021-12-10")

    assert ("2021-11-24", True) == (str(e.published), "Conflicting claim" in e.note)


def test_hts_replaces_jabhat_al_nusra_2022() -> None:
    """HTS was listed on 2022-02-17 in place of Jabhat al-Nusra, on the same subject."""
    assert "Hay'at Tahrir al-Sham" == event(LIST, "al-nusrah-front", "AMENDED", "2022-02-17").listed_as


def test_february_2022_new_listings() -> None:
    """Hurras al-Din and the National Socialist Order were first listed on 2022-02-17."""
    assert {"hurras-al-din", "atomwaffen-division"} == subjects_with(LIST, "LISTED", "2022-02-17")


def test_terrorgram_2025() -> None:
    """Terrorgram: regulations signed 2025-06-26, in force 2025-06-27."""
    e = event(LIST, "terrorgram-collective", "LISTED", "2025-06-27")

    assert "2025-06-26" == str(e.decided)


def test_sonnenkrieg_listed_after_disallowance_period() -> None:
    """The Sonnenkrieg Division: regulations made in March 2021, in force in August 2021 (month only)."""
    assert_status(LIST, "sonnenkrieg-division", "2021-03-23", State.NOT_LISTED)
    assert_status(LIST, "sonnenkrieg-division", "2021-08-15", State.UNKNOWN, certain=False)
    assert_status(LIST, "sonnenkrieg-division", "2021-09-01", State.LISTED)


def test_imu_2015_relisting_conflict_kept() -> None:
    """IMU re-listing of 2015: 3 March is used, the older page's 15 March is a kept claim."""
    assert "Conflicting claim" in event(LIST, "islamic-movement-of-uzbekistan", "AMENDED", "2015-03-03").note


def test_count_on_verification_day() -> None:
    """30 subjects are LISTED on 2024-05-24, as [list.verified] and the Attorney-General's count say."""
    verified = next(lst for lst in shipped().lists if lst.id == LIST).verified

    assert (30, 30) == (verified.count, count_in_force(shipped(), LIST, parse_date("2024-05-24")))


def test_count_before_sonnenkrieg_march_2021() -> None:
    """27 organisations were listed on 2021-03-02, before the IMU and LeJ lapsed and SKD was listed."""
    assert 27 == count_in_force(shipped(), LIST, parse_date("2021-03-02"))


def test_count_after_the_lapses_of_march_2021() -> None:
    """25 in force on 2021-03-24; the Minister's 26 of 22 March 2021 counts SKD, whose regulations were made."""
    assert 25 == count_in_force(shipped(), LIST, parse_date("2021-03-24"))


def test_counts_of_november_and_december_2021() -> None:
    """26 before The Base and Hizballah were announced, 27 on 2021-12-10 (the Minister's count)."""
    counts = [count_in_force(shipped(), LIST, parse_date(day)) for day in ("2021-11-23", "2021-12-10")]

    assert [26, 27] == counts


def test_imu_lapsed_2021() -> None:
    """The Islamic Movement of Uzbekistan's 2018 listing ceased on 2021-03-03 (third anniversary)."""
    assert ("REMOVED", "2021-03-03") == history(LIST, "islamic-movement-of-uzbekistan")[-1]


def test_lashkar_e_jhangvi_listed_2003_and_lapsed_2021() -> None:
    """Lashkar-e-Jhangvi: listed 2003-04-11, re-listed 2005, 2007, 2009, 2012, 2015, 2018-03-03; ceased 2021-03-03."""
    expected = [("LISTED", "2003-04-11"), ("AMENDED", "2005-03-23/2005-04-11"), ("AMENDED", "2007-01-01/2007-06-30"),
                ("AMENDED", "2009-01-01/2009-06-15"), ("AMENDED", "2012-03-08/2012-03-13"),
                ("AMENDED", "2015-03-03/2015-12-31"),
                ("AMENDED", "2018-03-03"), ("REMOVED", "2021-03-03")]

    assert expected == history(LIST, "lashkar-i-jhangvi")


def test_jamiat_ul_ansar_lapsed_2019() -> None:
    """Jamiat ul-Ansar was not re-listed in 2019: not listed on 2019-06-28."""
    assert_status(LIST, "harakat-ul-mujahidin", "2019-06-28", State.REMOVED)


def test_jaish_e_mohammed_still_listed() -> None:
    """Jaish-e-Mohammad was re-listed in 2021 and is listed on 2024-05-24."""
    assert_status(LIST, "jaish-e-mohammed", "2024-05-24", State.LISTED)


def test_jad_lapsed_2021() -> None:
    """Jemaah Anshorut Daulah's 2018 listing ceased on 2021-06-09 (only JMB was re-listed)."""
    assert_status(LIST, "jamaah-ansharut-daulah", "2021-06-09", State.REMOVED)


def test_houthis_listed_may_2024() -> None:
    """Ansar Allah (the Houthis) was listed on 23 or 24 May 2024: a window."""
    assert "2024-05-23/2024-05-24" == str(event(LIST, "houthis", "LISTED", "2024-05-23/2024-05-24").effective)


def test_hizballah_eso_relisted_2021() -> None:
    """The ESO re-listing of 2021 was made 2021-04-29, registered 2021-04-30, in force 2021-05-02."""
    e = event(LIST, "hizballah", "AMENDED", "2021-05-02")

    assert ("2021-04-29", "2021-04-30", Scope.PART) == (str(e.decided), str(e.published), e.scope)


def test_asbat_al_ansar_listed_2003() -> None:
    """Asbat al-Ansar was among the six groups listed on 2003-04-11."""
    assert ("LISTED", "2003-04-11") == history(LIST, "asbat-al-ansar")[0]


def test_al_murabitun_replaced_by_jnim_2020() -> None:
    """al-Murabitun: listed 2014-11-05, re-listed 2017-11-03, removed in 2020 when JNIM's listing replaced it."""
    expected = [("LISTED", "2014-11-05"), ("AMENDED", "2017-11-03"), ("REMOVED", "2020-01-01/2020-11-03")]

    assert expected == history(LIST, "al-mourabitoun")


def test_iskp_first_listed_2017() -> None:
    """ISKP was first listed on 2017-11-03 (regulations made 2017-11-02)."""
    e = event(LIST, "islamic-state-in-iraq-and-the-levant-khorasan-isil-k", "LISTED", "2017-11-03")

    assert "2017-11-02" == str(e.decided)


def test_first_listings_of_2002() -> None:
    """JI was first listed on 2002-10-27; ASG, the GIA, JuA and the Salafist Group (AQIM) on 2002-11-14."""
    subjects = ("jemaah-islamiya", "armed-islamic-group", "harakat-ul-mujahidin", "aqim")
    firsts = {s: history(LIST, s)[0] for s in subjects}

    assert {
        "jemaah-islamiya": ("LISTED", "2002-10-27"),
        "armed-islamic-group": ("LISTED", "2002-11-14"),
        "harakat-ul-mujahidin": ("LISTED", "2002-11-14"),
        "aqim": ("LISTED", "2002-11-14"),
    } == firsts


def test_april_2003_batch_lapsed_by_december_2013() -> None:
    """Egyptian Islamic Jihad, the Islamic Army of Aden and Asbat al-Ansar (listed 2003) were off the list by 2014."""
    for subject in ("egyptian-islamic-jihad", "islamic-army-of-aden", "asbat-al-ansar"):
        assert_status(LIST, subject, "2003-04-11", State.LISTED)
        assert_status(LIST, subject, "2014-01-01", State.REMOVED)


def test_eighteen_listed_from_december_2013_list() -> None:
    """18 organisations were listed in early 2014 (December 2013 list; 18 on 14 May 2014 per ABC and AP)."""
    assert (18, 18) == (count_in_force(shipped(), LIST, parse_date("2014-01-01")),
                        count_in_force(shipped(), LIST, parse_date("2014-05-14")))


def test_boko_haram_first_listed_2014() -> None:
    """Boko Haram was first proscribed on 2014-06-26 (National Security); a blog's 20 June is a kept claim."""
    e = event(LIST, "boko-haram", "LISTED", "2014-06-26")

    assert "Conflicting claim" in e.note


def test_coverage_two_periods() -> None:
    """Coverage: 2002-10-21 to 2007-09-20 and 2014-01-01 to 2024-05-24 (cycles sourced, counts matched)."""
    lst = next(lst for lst in shipped().lists if lst.id == LIST)

    assert [("2002-10-21", "2007-09-21"), ("2014-01-01", "2024-05-25")] == [
        (str(p.start), str(p.end)) for p in lst.coverage]


def test_counts_between_the_checked_days() -> None:
    """Dated counts met by the data: 20 (November 2014), 24 (IS East Asia added), 27 (2 March 2021)."""
    days = ("2014-11-05", "2017-09-12", "2021-03-02")

    assert [20, 24, 27] == [count_in_force(shipped(), LIST, parse_date(day)) for day in days]


def test_twenty_three_listed_mid_2017() -> None:
    """23 organisations were listed before IS East Asia was added in September 2017 (AAP: 'existing list of 23')."""
    assert 23 == count_in_force(shipped(), LIST, parse_date("2017-09-11"))


def test_is_east_asia_first_listed_2017() -> None:
    """IS East Asia: made 2017-09-07, registered 2017-09-11, in force 2017-09-12."""
    e = event(LIST, "islamic-state-in-iraq-and-the-levant-in-south-east-asia-isil-sea-isil-south-east-asia",
              "LISTED", "2017-09-12")

    assert ("2017-09-07", "2017-09-11") == (str(e.decided), str(e.published))


def test_lashkar_e_tayyiba_relisted_2015() -> None:
    """The LeT regulation of 2015 was dated 2015-08-06 and took effect the day after registration."""
    e = event(LIST, "lashkar-e-taiba", "AMENDED", "2015-08-07/2015-12-31")

    assert "2015-08-06" == str(e.decided)


def test_islamic_state_libya_relisted_2019() -> None:
    """IS-Libya: the 2016 regulation ceased and was repealed on 2019-11-29, the day the 2019 one took over."""
    kinds = history(LIST, "islamic-state-in-iraq-and-the-levant-libya")

    assert [("LISTED", "2016-11-29"), ("AMENDED", "2019-11-29"), ("AMENDED", "2022-01-01/2022-11-29")] == kinds


def test_three_relisted_on_1_july_2023() -> None:
    """Islamic State, Boko Haram and ISWAP were re-listed for three years from 2023-07-01."""
    expected = {"islamic-state", "boko-haram", "islamic-state-west-africa-province-iswap"}

    assert expected == subjects_with(LIST, "AMENDED", "2023-07-01")


def test_islamic_state_east_asia_relisted_2023() -> None:
    """IS East Asia: made 2023-08-31, in force 2023-09-12."""
    e = event(LIST, "islamic-state-in-iraq-and-the-levant-in-south-east-asia-isil-sea-isil-south-east-asia",
              "AMENDED", "2023-09-12")

    assert "2023-08-31" == str(e.decided)


def test_aqap_every_three_year_cycle() -> None:
    """AQAP: listed 2010-11-26 and re-listed in 2013, 2016, 2019 and 2022."""
    years = [effective[:4] for _, effective in history(LIST, "al-qaida-in-the-arabian-peninsula-aqap")]

    assert ["2010", "2013", "2016", "2019", "2022"] == years


def test_neo_jmb_count_conflict_kept() -> None:
    """Neo-JMB: in force by November 2021 (counts); the 28 of 4 March 2022 is a kept claim."""
    e = event(LIST, "neo-jamaat-mujahideen-bangladesh", "LISTED", "2021-01-01/2021-11-23")

    assert "Conflicting claim" in e.note


def test_egyptian_islamic_jihad_lapsed_30_march_2009() -> None:
    """EIJ was re-listed in 2007 and not again: its listing expired on 2009-03-30 (PJCIS chair, 15 June 2009)."""
    assert_status(LIST, "egyptian-islamic-jihad", "2009-03-29", State.LISTED)
    assert_status(LIST, "egyptian-islamic-jihad", "2009-03-30", State.REMOVED)


def test_asbat_al_ansar_and_islamic_army_of_aden_relisted_2007_and_2009() -> None:
    """AAA and IAA were re-listed in 2007 and 2009 (PJCIS reviews), so still listed on 2010-12-31."""
    for subject in ("asbat-al-ansar", "islamic-army-of-aden"):
        assert ["LISTED", "AMENDED", "AMENDED", "AMENDED", "REMOVED"] == [k for k, _ in history(LIST, subject)]
        assert_status(LIST, subject, "2010-12-31", State.LISTED)


def test_four_groups_of_november_2002_relisted_5_november_2004() -> None:
    """The ASG, JuA, the Armed Islamic Group and the GSPC were first re-listed on 2004-11-05."""
    assert {"abu-sayyaf-group", "harakat-ul-mujahidin", "armed-islamic-group", "aqim"} == subjects_with(
        LIST, "AMENDED", "2004-11-05")


def test_armed_islamic_group_relisted_2006_then_lapsed() -> None:
    """The Armed Islamic Group was re-listed in late 2006; its lapse (from 2008-10-16 on) has no day."""
    assert_status(LIST, "armed-islamic-group", "2008-10-15", State.LISTED)
    assert_status(LIST, "armed-islamic-group", "2010-01-01", State.UNKNOWN, certain=False)


def test_march_2012_relisting_batch() -> None:
    """Ansar al-Islam, the IMU, JeM and LeJ: regulations signed by the Governor-General on 2012-03-08."""
    batch = ("ansar-al-islam", "islamic-movement-of-uzbekistan", "jaish-e-mohammed", "lashkar-i-jhangvi")
    signed = {s for s in batch if any(str(e.decided) == "2012-03-08" for e in events_of(LIST, s))}

    assert 4 == len(signed)


def test_hizballah_eso_relisted_every_cycle_from_2005() -> None:
    """Hizballah's ESO: re-listed 2005, 2007, 2009, 2012, 2015, 2018-05-02 (PJCIS tabling statement, 2021)."""
    years = [eff[:4] for kind, eff in history(LIST, "hizballah") if kind == "AMENDED"][:6]

    assert ["2005", "2007", "2009", "2012", "2015", "2018"] == years


def test_gia_events_keep_their_old_keys() -> None:
    """Corrected dates keep their earlier event keys (the store sees corrections, not new events)."""
    e = event(LIST, "armed-islamic-group", "REMOVED", "2008-10-16/2013-12-31")

    assert "seed:au-listed-terrorist-organisations:armed-islamic-group:REMOVED:2006-01-01/2013-12-31" == e.key


def test_counts_of_the_first_period() -> None:
    """13 UN-based groups by 2003-04-11; PIJ the 17th (2004-05-03); TQJBR the 18th (2005-03-02); 19 (Sept. 2007)."""
    days = ("2003-04-11", "2004-05-03", "2005-03-02", "2007-09-20")

    assert [13, 17, 18, 19] == [count_in_force(shipped(), LIST, parse_date(d)) for d in days]


def test_first_period_states_certain_except_pkk_december_2005() -> None:
    """Inside 2002-10-21..2007-09-20 every state is certain, but the PKK's first days (15-30 December 2005)."""
    assert_status(LIST, "pkk", "2005-12-20", State.UNKNOWN, certain=False)
    assert_status(LIST, "pkk", "2006-01-01", State.LISTED)
    assert_status(LIST, "egyptian-islamic-jihad", "2007-09-20", State.LISTED)


def test_tqjbr_listed_2005_and_relisted_2007() -> None:
    """TQJBR (later AQI, Islamic State): listed 2005-03-02, re-listed 2007-02-17 (Attorney-General's release)."""
    assert [("LISTED", "2005-03-02"), ("AMENDED", "2007-02-17")] == history(LIST, "islamic-state")[:2]


def test_hamas_lashkar_e_tayyiba_pij_relisted_7_october_2005() -> None:
    """The Criminal Code Amendment Regulations 2005 (No. 13) re-listed PIJ, LeT and Hamas Brigades on 2005-10-07."""
    assert {"hamas", "lashkar-e-taiba", "palestinian-islamic-jihad"} == subjects_with(LIST, "AMENDED", "2005-10-07")
