"""Spec: the EU terrorist list seed (Common Position 2001/931/CFSP), see seeds/eu-terrorist-list.md."""

from designations.dates import parse_date
from designations.model.events import State
from designations.seed_reader import count_in_force
from tests.seeds.assertions import (
    assert_status,
    event,
    history,
    shipped,
    subjects_with,
)

LIST = "eu-terrorist-list"


def test_first_day_of_the_list() -> None:
    """The list starts on 2001-12-27, the day Common Position 2001/931/CFSP was adopted."""
    first = {"continuity-ira", "ela", "epanastatiki-pirines", "eta", "grapo", "hamas",
             "imad-mughniyeh", "angel-alcalde-linares", "cristina-goiricelaya-gonzalez",
             "kemen-uranga-artola", "loyalist-volunteer-force", "november-17", "orange-volunteers",
             "palestinian-islamic-jihad", "real-ira", "red-hand-defenders", "uda-uff"}

    assert first == subjects_with(LIST, "LISTED", "2001-12-27")


def test_nothing_listed_before_the_list_existed() -> None:
    """On 2001-12-26 nobody is on the list."""
    assert 0 == count_in_force(shipped(), LIST, parse_date("2001-12-26"))


def test_hamas_military_wing_then_whole() -> None:
    """Hamas: the military wing (scope part) from 2001-12-27, the whole organisation from 2003-09-12."""
    listed = event(LIST, "hamas", "LISTED", "2001-12-27")
    widened = event(LIST, "hamas", "AMENDED", "2003-09-12")

    assert ("part", "whole") == (listed.scope.value, widened.scope.value)


def test_hamas_court_rulings_are_amendments() -> None:
    """The 2014 and 2017 court rulings on Hamas are amendments, never removals."""
    kinds = {kind for kind, eff in history(LIST, "hamas") if eff in ("2014-12-17", "2017-07-26")}

    assert {"AMENDED"} == kinds


def test_hamas_listed_after_annulment() -> None:
    """On 2015-06-01, after the annulment, Hamas is still listed."""
    assert_status(LIST, "hamas", "2015-06-01", State.LISTED)


def test_may_2002_update() -> None:
    """The update of 2 May 2002 added the PKK, the PMOI, the DHKP/C, Shining Path, Aum Shinrikyo and the AUC."""
    expected = {"pkk", "mek", "dhkp-c", "shining-path", "aum-shinrikyo", "auc"}

    assert expected == subjects_with(LIST, "LISTED", "2002-05-02")


def test_farc_listed_suspended_removed() -> None:
    """FARC: listed 17/18 June 2002, suspended 2016-09-27, removed 2017-11-14."""
    expected = [
        ("LISTED", "2002-06-17/2002-06-18"), ("SUSPENDED", "2016-09-27"), ("REMOVED", "2017-11-14"),
    ]

    assert expected == history(LIST, "farc")


def test_farc_removal_decided_the_day_before() -> None:
    """The FARC removal was decided on 2017-11-13 and entered into force on publication, 2017-11-14."""
    removal = event(LIST, "farc", "REMOVED", "2017-11-14")

    assert ("2017-11-13", "2017-11-14") == (str(removal.decided), str(removal.published))


def test_farc_suspended_in_2017() -> None:
    """On 2017-01-01 FARC is on the list but the measures are suspended."""
    assert_status(LIST, "farc", "2017-01-01", State.SUSPENDED)


def test_june_2002_update() -> None:
    """The update of 17 June 2002 added FARC, five Palestinian groups, the Holy Land Foundation and Kahane Chai."""
    expected = {"farc", "al-aqsa-martyrs-brigade", "pflp", "pflp-gc", "abu-nidal-organisation",
                "palestine-liberation-front", "holy-land-foundation", "kahane-chai"}

    assert expected == subjects_with(LIST, "LISTED", "2002-06-17/2002-06-18")


def test_pmoi_removed_2009() -> None:
    """The PMOI: listed 2002-05-02; three annulments kept it listed (2006-12-12, 2008-10-23, 2008-12-04).

    The Council removed it on 2009-01-26.
    """
    expected = [("LISTED", "2002-05-02"), ("AMENDED", "2006-12-12"), ("AMENDED", "2008-10-23"),
                ("AMENDED", "2008-12-04"), ("REMOVED", "2009-01-26")]

    assert expected == history(LIST, "mek")


def test_pmoi_listed_between_the_annulment_and_the_removal() -> None:
    """On 2009-01-01 (after the judgment of 2008-12-04, before the Council's act of 2009-01-26) the PMOI is listed."""
    assert_status(LIST, "mek", "2009-01-01", State.LISTED)


def test_pmoi_2006_ruling_keeps_its_old_key() -> None:
    """The 2006 ruling's day was corrected from the month 2006-12; its event key is kept."""
    ruling = event(LIST, "mek", "AMENDED", "2006-12-12")

    assert "seed:eu-terrorist-list:mek:AMENDED:2006-12" == ruling.key


def test_pkk_amendment_2018() -> None:
    """The PKK court rulings (2008-04-03, 2018-11-15, 2021-04-22) are amendments, never removals."""
    expected = [("LISTED", "2002-05-02"), ("AMENDED", "2008-04-03"), ("AMENDED", "2018-11-15"),
                ("AMENDED", "2021-04-22")]

    assert expected == history(LIST, "pkk")


def test_hizballah_military_wing_is_a_part() -> None:
    """Only Hizballah's military wing is listed, from 25/26 July 2013 (scope part)."""
    listed = event(LIST, "hizballah", "LISTED", "2013-07-25/2013-07-26")

    assert ("part", "2013-07-25") == (listed.scope.value, str(listed.decided))


def test_italian_groups_removed_june_2007() -> None:
    """Three Italian groups were removed by the review adopted on 2007-06-28 and published on 2007-06-29."""
    expected = {"nuclei-territoriali-antimperialisti", "nuclei-di-iniziativa-proletaria-rivoluzionaria",
                "nuclei-di-iniziativa-proletaria"}

    assert expected == subjects_with(LIST, "REMOVED", "2007-06-28/2007-06-29")


def test_iranian_plotters_2011() -> None:
    """Five Iranians were listed on 2011-10-21 over the plot against the Saudi ambassador."""
    expected = {"manssor-arbabsiar", "ali-gholam-shakuri", "qasem-soleimani", "hamed-abdollahi",
                "abdul-reza-shahlai"}

    assert expected == subjects_with(LIST, "LISTED", "2011-10-21")


def test_dalokay_sanli_removed_2022() -> None:
    """Dalokay Sanli was removed at the review of 2022-02-03."""
    assert_status(LIST, "dalokay-sanli", "2022-02-03", State.REMOVED)


def test_hamas_leaders_removed_at_an_unknown_review() -> None:
    """On 2025-01-01 the removal of Mohammed Deif lies inside its window: the status is unknown."""
    assert_status(LIST, "mohammed-deif", "2025-01-01", State.UNKNOWN, certain=False)


def test_the_base_2024() -> None:
    """The Base was listed on 2024-07-26."""
    assert [("LISTED", "2024-07-26")] == history(LIST, "the-base")


def test_irgc_2026() -> None:
    """The IRGC was listed on 2026-02-19."""
    assert [("LISTED", "2026-02-19")] == history(LIST, "irgc")


def test_count_when_deif_and_issa_joined() -> None:
    """On 2023-12-07 the list held 13 persons and 21 groups (34), on 2023-12-08 36."""
    counts = [count_in_force(shipped(), LIST, parse_date(d)) for d in ("2023-12-07", "2023-12-08")]

    assert [34, 36] == counts


def test_verified_count() -> None:
    """On 2026-02-19 the list holds 13 persons and 23 groups and entities: 36."""
    assert 36 == count_in_force(shipped(), LIST, parse_date("2026-02-19"))


def test_count_from_coverage_start() -> None:
    """On 2022-02-03, after Dalokay Sanli's removal, the list held 13 persons and 21 groups (34)."""
    assert 34 == count_in_force(shipped(), LIST, parse_date("2022-02-03"))


def test_eln_listed_april_2004() -> None:
    """The ELN was listed by the act of 2 April 2004, published on 3 April 2004."""
    assert [("LISTED", "2004-04-02/2004-04-03")] == history(LIST, "eln")


def test_ltte_court_ruling_is_an_amendment() -> None:
    """The General Court's annulment of 2014-10-16 kept the LTTE listed (AMENDED)."""
    assert_status(LIST, "ltte", "2015-01-01", State.LISTED)


def test_italian_groups_added_may_2004() -> None:
    """Eight groups proposed by Italy were added by the update of 2004-05-18."""
    expected = {"nuclei-territoriali-antimperialisti", "nuclei-di-iniziativa-proletaria",
                "red-brigades-pcc", "brigata-xx-luglio", "cooperativa-artigiana-fuoco-ed-affini",
                "ccccc", "solidarieta-internazionale", "informal-anarchist-federation"}

    assert expected == subjects_with(LIST, "LISTED", "2004-05-18")


def test_epanastatikos_agonas_added_june_2007() -> None:
    """Epanastatikos Agonas was added by the review adopted on 2007-06-28."""
    listed = event(LIST, "epanastatikos-agonas", "LISTED", "2007-06-28/2007-06-29")

    assert "2007-06-28" == str(listed.decided)


def test_hofstadgroep_and_bouyeri_december_2006() -> None:
    """The Hofstadgroep and Mohammed Bouyeri were listed in the week before 2006-12-28."""
    expected = {"hofstadgroep", "mohammed-bouyeri"}

    assert expected == subjects_with(LIST, "LISTED", "2006-12-18/2006-12-28")


def test_bouyeri_still_listed_2026() -> None:
    """Mohammed Bouyeri is still listed on 2026-02-19."""
    assert_status(LIST, "mohammed-bouyeri", "2026-02-19", State.LISTED)


def test_sison_removed_after_court_judgment() -> None:
    """Jose Maria Sison left the list between the judgment of 2009-09-30 and 2009-12-11."""
    assert [("LISTED", "2002-10-28/2002-10-30"), ("REMOVED", "2009-09-30/2009-12-11")] == history(
        LIST, "jose-maria-sison")


def test_eta_leaders_on_the_list_of_december_2007() -> None:
    """Mikel Albisu and Soledad Iparraguirre were on the list published on 2007-12-22."""
    assert_status(LIST, "mikel-albisu", "2007-12-22", State.LISTED)
    assert_status(LIST, "maria-soledad-iparraguirre", "2007-12-22", State.LISTED)


def test_eta_removal_window_after_july_2017() -> None:
    """ETA's removal lies between July 2017 and 2022-02-03: listed on 2017-07-01, removed on 2022-02-03."""
    assert_status(LIST, "eta", "2017-07-01", State.LISTED)
    assert_status(LIST, "eta", "2022-02-03", State.REMOVED)


def test_khalistan_zindabad_force_by_march_2006() -> None:
    """The Khalistan Zindabad Force was on the list as updated on 2006-03-21."""
    assert_status(LIST, "khalistan-zindabad-force", "2006-03-22", State.LISTED)


def test_stichting_al_aqsa_rulings() -> None:
    """Stichting Al-Aqsa: listed by Decision 2003/480/EC of 2003-06-27; rulings of 2007, 2010, 2012 kept it on."""
    expected = [("LISTED", "2003-06-27/2003-06-30"), ("AMENDED", "2007-07-11"), ("AMENDED", "2010-09-09"),
                ("AMENDED", "2012-11-15"), ("REMOVED", "2012-11-16/2022-02-03")]

    assert expected == history(LIST, "stichting-al-aqsa")


def test_stichting_al_aqsa_listed_after_the_2010_annulment() -> None:
    """On 2011-01-01, after the General Court's annulment of 2010-09-09, the foundation is still listed."""
    assert_status(LIST, "stichting-al-aqsa", "2011-01-01", State.LISTED)


def test_fahas_listed_october_2002() -> None:
    """Sofiane Fahas was named from Decision 2002/848/EC of 2002-10-28 and still in 2008."""
    assert_status(LIST, "sofiane-fahas", "2008-07-15", State.LISTED)
    assert "2002-10-28" == str(event(LIST, "sofiane-fahas", "LISTED", "2002-10-28/2002-10-30").decided)


def test_ltte_listed_after_the_2017_ruling() -> None:
    """The Court of Justice's judgment of 2017-07-26 on the LTTE is an amendment: listed on 2018-01-01."""
    assert_status(LIST, "ltte", "2018-01-01", State.LISTED)
