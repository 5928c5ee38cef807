"""Spec: New Zealand's own terrorist designations seed (Terrorism Suppression Act 2002, s. 22)."""

from designations.model.events import State
from tests.seeds.assertions import (
    assert_status,
    event,
    history,
    shipped,
    subjects_with,
)

LIST = "nz-designated-terrorist-entities"


def test_first_designations_of_2010_02_10() -> None:
    """The first designations of entities not listed by the UN were made on 2010-02-10."""
    assert {"al-shabaab", "farc", "pkk", "eta"} == subjects_with(LIST, "LISTED", "2010-02-10")


def test_eta_renewed_four_times_then_expired() -> None:
    """ETA: designated 2010, renewed 2013, 2016, 2019 and 2021, expired 2024-12-14."""
    expected = [
        ("LISTED", "2010-02-10"), ("AMENDED", "2013-02-11"), ("AMENDED", "2016-02-02"),
        ("AMENDED", "2019-01-30"), ("AMENDED", "2021-12-14"), ("REMOVED", "2024-12-14"),
    ]

    assert expected == history(LIST, "eta")


def test_boko_haram_designation_lapsed_2017() -> None:
    """Boko Haram's s. 22 designation of 2014-03-04 expired on 2017-03-04."""
    assert [("LISTED", "2014-03-04"), ("REMOVED", "2017-03-04")] == history(LIST, "boko-haram")


def test_hamas_military_wing_then_whole() -> None:
    """Hamas: only the Qassam Brigades from 2010, the whole organisation from early 2024."""
    whole = event(LIST, "hamas", "AMENDED", "2024-01-18/2024-02-29")

    assert ("part", "whole") == (event(LIST, "hamas", "LISTED", "2010-10-11").scope.value, whole.scope.value)


def test_hizbollah_whole_from_2024_11_20() -> None:
    """The Islamic Resistance designation was replaced by one of the whole of Hizbollah on 2024-11-20."""
    amended = event(LIST, "hizballah", "AMENDED", "2024-11-20")

    assert ("whole", "Hizbollah") == (amended.scope.value, amended.listed_as)


def test_islamic_resistance_designated_2010_10_11_then_whole_hizbollah() -> None:
    """Hizbollah: its military wing designated 2010-10-11 (Police), the whole organisation 2024-11-20."""
    assert [("LISTED", "2010-10-11"), ("AMENDED", "2024-11-20")] == history(LIST, "hizballah")


def test_islamic_resistance_date_from_police() -> None:
    """The 2010-10-11 designation of the Islamic Resistance rests on the Police OIA response."""
    listed = event(LIST, "hizballah", "LISTED", "2010-10-11")

    police = "https://fyi.org.nz/request/29268/response/117820/attach/html/4/OIA%20Response%20IR%2001%2024%2042699.pdf.html"

    assert ("part", "2010-10-11", police) == (listed.scope.value, str(listed.decided), listed.sources[0].url)


def test_maute_group_renewed_2021_03_21() -> None:
    """The Maute Group designation (2018) was renewed on 2021-03-21 (Gazette 2021-go1007)."""
    assert [("LISTED", "2018-03-21/2018-05-08"), ("AMENDED", "2021-03-21")] == history(LIST, "maute-group")


def test_proud_boys_lapsed_2025() -> None:
    """The Proud Boys: designated 2022-06-20 (gazetted 2022-06-27), lapsed 2025-06-20."""
    assert [("LISTED", "2022-06-20"), ("REMOVED", "2025-06-20")] == history(LIST, "proud-boys")


def test_proud_boys_still_designated_the_day_before_expiry() -> None:
    """On 2025-06-19 the Proud Boys designation is still in force."""
    assert_status(LIST, "proud-boys", "2025-06-19", State.LISTED)


def test_tarrant_review_keeps_designation() -> None:
    """Tarrant's designation was found still justified on review on 2023-08-01."""
    assert_status(LIST, "brenton-tarrant", "2024-01-01", State.LISTED)


def test_partial_list_claims_no_coverage() -> None:
    """The seed is partial: no verified count and no coverage."""
    listed = next(x for x in shipped().lists if x.id == LIST)

    assert (None, ()) == (listed.verified, listed.coverage)
