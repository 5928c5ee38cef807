"""Spec: the US Foreign Terrorist Organizations seed (State Department table, Federal Register notices)."""

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

LIST = "us-fto"


def test_thirty_designations_of_1997() -> None:
    """The 30 designations of 1997-10-08 are 29 subjects (Kach and Kahane Chai are one)."""
    assert 29 == len(subjects_with(LIST, "LISTED", "1997-10-08"))


def test_three_lapsed_in_1999() -> None:
    """FPMR/D, the DFLP and the Khmer Rouge were not redesignated on 1999-10-08."""
    expected = {"manuel-rodriguez-patriotic-front-dissidents", "dflp", "khmer-rouge"}

    assert expected == subjects_with(LIST, "REMOVED", "1999-10-08")


def test_al_qaida_added_1999() -> None:
    """Al-Qa'ida was designated on 1999-10-08."""
    assert [("LISTED", "1999-10-08")] == history(LIST, "al-qaida")


def test_islamic_state_first_designation_2004() -> None:
    """The Islamic State was first designated as Jama'at al-Tawhid wa'al-Jihad on 2004-10-15."""
    assert "Jama'at al-Tawhid wa'al-Jihad" == event(LIST, "islamic-state", "LISTED", "2004-10-15").listed_as


def test_islamic_state_renamed_isil_2014() -> None:
    """The 2014 amendment made ISIL the primary name, announced 2014-05-14."""
    amended = event(LIST, "islamic-state", "AMENDED", "2014-05-14/2014-05-15")

    assert ("Islamic State of Iraq and the Levant", "2014-05-14") == (amended.listed_as, amended.published.isoformat())


def test_al_nusrah_front_amended_twice_then_removed() -> None:
    """Al-Nusrah Front: listed 2014-05-15, JFS and HTS aliases added 2016 and 2018, revoked 2025-07-08."""
    expected = [
        ("LISTED", "2014-05-15"), ("AMENDED", "2016-11-14"),
        ("AMENDED", "2018-06-01"), ("REMOVED", "2025-07-08"),
    ]

    assert expected == history(LIST, "al-nusrah-front")


def test_hts_revocation_three_dates() -> None:
    """The HTS revocation was signed 2025-06-23, announced 2025-07-07 and in force 2025-07-08."""
    removed = event(LIST, "al-nusrah-front", "REMOVED", "2025-07-08")

    assert ("2025-06-23", "2025-07-07") == (str(removed.decided), removed.published.isoformat())


def test_isis_k_2016() -> None:
    """ISIS-Khorasan was designated on 2016-01-14."""
    assert [("LISTED", "2016-01-14")] == history(LIST, "islamic-state-in-iraq-and-the-levant-khorasan-isil-k")


def test_houthis_listed_removed_listed_again() -> None:
    """The Houthis: in force 2021-01-19, revoked 2021-02-16, designated again in March 2025."""
    expected = [("LISTED", "2021-01-19"), ("REMOVED", "2021-02-16"), ("LISTED", "2025-03-04/2025-03-05")]

    assert expected == history(LIST, "houthis")


def test_houthis_not_in_force_in_2022() -> None:
    """Between the 2021 revocation and the 2025 re-designation the Houthis are REMOVED."""
    assert_status(LIST, "houthis", "2022-06-01", State.REMOVED)


def test_eight_cartels_2025_02_20() -> None:
    """Eight cartels and gangs were designated effective 2025-02-20."""
    expected = {"tren-de-aragua", "ms-13", "sinaloa-cartel", "cjng", "carteles-unidos",
                "cartel-del-noreste", "gulf-cartel", "la-nueva-familia-michoacana"}

    assert expected == subjects_with(LIST, "LISTED", "2025-02-20")


def test_cartels_signed_before_publication() -> None:
    """The cartel designations were signed on 2025-02-06, two weeks before they took effect."""
    assert "2025-02-06" == str(event(LIST, "sinaloa-cartel", "LISTED", "2025-02-20").decided)


def test_gia_revoked_2010() -> None:
    """The Armed Islamic Group's designation was revoked on Federal Register publication, 2010-10-15."""
    assert [("LISTED", "1997-10-08"), ("REMOVED", "2010-10-15")] == history(LIST, "armed-islamic-group")


def test_mek_removed_2012() -> None:
    """The MEK was listed in 1997 and revoked on 2012-09-28."""
    assert [("LISTED", "1997-10-08"), ("REMOVED", "2012-09-28")] == history(LIST, "mek")


def test_five_revocations_of_2022() -> None:
    """Five organisations were revoked on 2022-05-20."""
    expected = {"aum-shinrikyo", "eta", "kahane-chai", "gamaa-al-islamiyya",
                "mujahidin-shura-council-jerusalem"}

    assert expected == subjects_with(LIST, "REMOVED", "2022-05-20")


def test_farc_status_uncertain_on_window_day() -> None:
    """On 2021-11-30 the FARC may or may not have been removed yet."""
    assert_status(LIST, "farc", "2021-11-30", State.UNKNOWN, certain=False)


def test_trf_added_to_let() -> None:
    """The Resistance Front was added to LeT's designation (an amendment, not a new FTO) in July 2025."""
    assert [("LISTED", "2001-12-26"), ("AMENDED", "2025-07-17/2025-07-24")] == history(LIST, "lashkar-e-taiba")


def test_lebanese_muslim_brotherhood_2026() -> None:
    """The Lebanese Muslim Brotherhood was designated effective 2026-01-14."""
    assert [("LISTED", "2026-01-14")] == history(LIST, "lebanese-muslim-brotherhood")


def test_taliban_is_not_an_fto() -> None:
    """The Afghan Taliban is an SDGT, never an FTO: the seed has no FTO event for it."""
    assert [] == history(LIST, "taliban")


def test_count_on_verification_day() -> None:
    """94 subjects are LISTED on the verification day, 2026-01-14, as [list.verified] says."""
    verified = next(lst for lst in shipped().lists if lst.id == LIST).verified

    assert (94, 94) == (verified.count, count_in_force(shipped(), LIST, parse_date("2026-01-14")))


def test_lifg_published_with_aqi_amendment() -> None:
    """The LIFG designation and the al-Qa'ida in Iraq amendment were both published on 2004-12-17."""
    expected = ("LISTED", "AMENDED")

    assert expected == (event(LIST, "libyan-islamic-fighting-group", "LISTED", "2004-12-17").kind.value,
                        event(LIST, "islamic-state", "AMENDED", "2004-12-17").kind.value)


def test_17n_revocation_day_unknown() -> None:
    """17 November's revocation is only bounded: in 2010 its status is uncertain."""
    assert_status(LIST, "november-17", "2010-01-01", State.UNKNOWN, certain=False)


def test_japanese_red_army_lapsed_2001() -> None:
    """The Japanese Red Army was not re-certified in October 2001."""
    assert [("LISTED", "1997-10-08"), ("REMOVED", "2001-10-08")] == history(LIST, "japanese-red-army")


def test_designations_after_the_check_answer_from_their_day() -> None:
    """Two Brazilian factions in force from 2026-06-05 (announced 2026-05-28), past the list's check of 2026-01-14."""
    for subject in ("comando-vermelho", "primeiro-comando-da-capital"):
        assert [("LISTED", "2026-06-05")] == history(LIST, subject)
        assert_status(LIST, subject, "2026-06-05", State.LISTED)


def test_the_sudanese_muslim_brotherhood_is_listed_from_2026_03_16() -> None:
    """Announced on 2026-03-09 to take effect on 2026-03-16: LISTED from that day."""
    assert "2026-03-09" == str(event(LIST, "sudanese-muslim-brotherhood", "LISTED", "2026-03-16").published)
