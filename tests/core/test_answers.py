"""
Specs of the answers a compliance officer acts on: lists that begin, data that ends,
listed scope, relations, one stated rule per jurisdiction, and an API that cannot be misread.

The world is `tests/fixtures/seeds_answers/` (invented sources, real shapes), loaded
through the seed loader on each engine.
"""

from __future__ import annotations

import pathlib

import pytest

import designations
from designations import Extent, State
from designations.cli import main
from designations.errors import UncertainAnswerError, UnknownSubjectError
from designations.seed_reader import load_seeds

WORLD = pathlib.Path(__file__).parent.parent / "fixtures" / "seeds_answers"
UN_FIXTURES = pathlib.Path(__file__).parent.parent / "fixtures" / "un"
SOURCE = {"title": "Test source", "url": "https://example.org/source"}


@pytest.fixture
def reg(registry: designations.Registry) -> designations.Registry:
    """The answers world on an empty store of this pass's engine (the store at `store_url`)."""
    registry.sync_seeds(load_seeds(WORLD))
    return registry


# --- lists begin ------------------------------------------------------------------------


def test_day_before_the_list_existed_is_not_listed_with_certainty(reg: designations.Registry) -> None:
    """Before the list's first act nobody is on it, and the answer says why."""
    s = reg.status("Taliban", "RU", on="2002-06-01")

    assert (State.NOT_LISTED, True) == (s.state, s.certain)
    assert "did not exist before 2003-03-04" in s.reason


def test_decision_not_yet_in_force_is_not_listed(reg: designations.Registry) -> None:
    """Between a court's decision and its entry into force the group is not listed."""
    s = reg.status("Al-Nusrah Front", "RU", on="2015-01-10")

    assert (State.NOT_LISTED, True) == (s.state, s.certain)


def test_event_keeps_its_three_dates(reg: designations.Registry) -> None:
    """Decided, in force and published are kept apart on the event the answer cites."""
    event = reg.status("Taliban", "RU", on="2010-01-01").event

    assert event is not None
    assert ("2003-02-14", "2003-03-04", "2003-02-14") == (
        str(event.decided), str(event.effective), str(event.published))


# --- coverage ends ----------------------------------------------------------------------


def test_absent_from_a_complete_list_is_not_listed(reg: designations.Registry) -> None:
    """Inside the checked period a subject without events is NOT_LISTED, with the check as basis."""
    s = reg.status("Plain Organisation", "RU", on="2020-01-01")

    assert (State.NOT_LISTED, True) == (s.state, s.certain)
    assert [("verification", "2026-01-01")] == [(b.kind, str(b.until)) for b in s.basis]


def test_within_the_allowance_the_check_still_answers(reg: designations.Registry) -> None:
    """A day after the check but within the list's allowance is still answered."""
    s = reg.status("Plain Organisation", "RU", on="2026-01-20")

    assert State.NOT_LISTED == s.state


def test_after_the_allowance_the_answer_is_unknown(reg: designations.Registry) -> None:
    """Past the check plus its allowance nothing is certain: UNKNOWN, never NOT_LISTED."""
    s = reg.status("Plain Organisation", "RU", on="2026-03-01")

    assert (State.UNKNOWN, State.NOT_LISTED, True) == (s.state, s.last_known, s.stale)
    assert "no data after 2026-01-01" in s.reason


def test_listed_subject_past_the_data_keeps_its_last_known_state(reg: designations.Registry) -> None:
    """A designation past the data's horizon is UNKNOWN with what was last known beside it."""
    s = reg.status("Taliban", "RU", on="2026-06-01")

    assert (State.UNKNOWN, State.SUSPENDED) == (s.state, s.last_known)
    assert not s.in_force


def test_reviewed_events_answer_for_named_subjects_without_completeness(reg: designations.Registry) -> None:
    """A list checked only for its named subjects answers for them until the review plus allowance."""
    assert (State.REMOVED, State.UNKNOWN) == (
        reg.status("Taliban", "KZ", on="2024-12-01").state,
        reg.status("Taliban", "KZ", on="2025-03-01").state,
    )


def test_absence_from_a_list_never_checked_complete_proves_nothing(reg: designations.Registry) -> None:
    """Without a completeness check, a subject the list never names is UNKNOWN there."""
    s = reg.status("Plain Organisation", "KZ", on="2024-12-01")

    assert (State.UNKNOWN, "none") == (s.state, s.basis[0].kind)


def test_absence_after_the_check_is_unknown_and_warned(
    reg: designations.Registry, store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """After the last check plus allowance, absence is UNKNOWN and the CLI says why."""
    code = main(["status", "Plain Organisation", "--in", "US", "--on", "2021-01-01", "--url", store_url])

    assert 3 == code
    assert "warning: us-test" in capsys.readouterr().err


def test_imported_coverage_ends_at_the_last_publication(registry: designations.Registry) -> None:
    """Two imports cover from the first publication to the last, and a day years later is UNKNOWN."""
    registry.import_file(UN_FIXTURES / "consolidated_2020-01-10.xml")
    registry.import_file(UN_FIXTURES / "consolidated_2020-06-15.xml")
    lst = next(lst for lst in registry.lists() if lst.id == "un-isil-al-qaida")

    assert ["[2020-01-10, 2020-06-16)"] == [str(p) for p in lst.coverage]
    assert State.UNKNOWN == registry.status("QDe.004", "UN", on="2026-06-01").state
    assert "no data after 2020-06-15" in registry.status("QDe.004", "un-isil-al-qaida", on="2026-06-01").reason


def test_cli_warns_when_an_answer_rests_on_old_data(
    reg: designations.Registry, store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI prints a one-line warning for a list older than its allowance, and exits 3."""
    code = main(["status", "Plain Organisation", "--in", "RU", "--on", "2026-03-01", "--url", store_url])

    err = capsys.readouterr().err
    assert 3 == code
    assert "warning: ru-test: no data after 2026-01-01" in err


# --- listed scope -----------------------------------------------------------------------


def test_a_wing_listing_is_not_the_whole_organisation(reg: designations.Registry) -> None:
    """Only the Qassam Brigades were listed until 2021: a part, not Hamas as a whole."""
    s = reg.status("Hamas", "UK", on="2020-01-01")

    assert (State.LISTED, Extent.PART, False, True) == (s.state, s.extent, s.in_force, s.partly_in_force)
    assert "Hamas-Izz al-Din al-Qassem Brigades" == s.listed_as


def test_cli_exit_code_four_means_only_a_part(reg: designations.Registry, store_url: str) -> None:
    """A script tells "a part of it" (exit 4) from "the organisation itself" (exit 0)."""
    part = main(["status", "Hamas", "--in", "UK", "--on", "2020-01-01", "--url", store_url])
    whole = main(["status", "Hamas", "--in", "UK", "--on", "2022-01-01", "--url", store_url])

    assert (4, 0) == (part, whole)


def test_widening_by_amendment_cites_the_order(reg: designations.Registry) -> None:
    """After the 2021 order the whole of Hamas is listed; the answer cites that order and its dates."""
    s = reg.status("Hamas", "UK", on="2022-01-01")

    assert s.event is not None
    assert (True, Extent.WHOLE, "Hamas", "Order 2021") == (s.in_force, s.extent, s.listed_as, s.event.instrument)
    assert ("2001-03-29", "2021-11-25", "2021-11-19") == (str(s.since), str(s.event.decided),
                                                          str(s.event.published))


def test_a_part_is_covered_by_the_listing_of_its_whole(reg: designations.Registry) -> None:
    """A question about the Qassam Brigades finds Hamas's listing, and says through which relation."""
    s = reg.status("Izz al-Din al-Qassam Brigades", "UK", on="2022-01-01")

    assert s.designated is not None
    assert (True, "hamas", "part_of") == (s.in_force, s.designated.id, s.via[0].kind.value)


def test_the_whole_listing_a_part_only_is_not_in_force_for_another_part(reg: designations.Registry) -> None:
    """When the whole's listing covers only a part, it is related, not in force, for a part asked about."""
    s = reg.status("Izz al-Din al-Qassam Brigades", "UK", on="2020-01-01")

    assert (State.LISTED, Extent.RELATED, False) == (s.state, s.extent, s.in_force)


# --- relations --------------------------------------------------------------------------


def test_a_later_name_finds_the_listing_of_the_former(reg: designations.Registry) -> None:
    """Jabhat Fatah al-Sham (renamed from al-Nusrah) is covered by the al-Nusrah listing."""
    s = reg.status("Jabhat Fatah al-Sham", "US", on="2017-01-01")

    assert s.designated is not None
    assert (True, "al-nusrah-front", ("renamed_from",)) == (
        s.in_force, s.designated.id, tuple(r.kind.value for r in s.via))


def test_a_successor_finds_the_chain_but_is_not_itself_in_force(reg: designations.Registry) -> None:
    """HTS (successor of JFS, renamed from al-Nusrah) finds the al-Nusrah listings as related."""
    s = reg.status("Hay'at Tahrir al-Sham", "RU", on="2016-01-01")

    assert s.designated is not None
    assert (State.LISTED, Extent.RELATED, "al-nusrah-front", 2) == (
        s.state, s.extent, s.designated.id, len(s.via))


def test_the_cli_says_which_only_is_designated_a_part_or_a_related_organisation(
        reg: designations.Registry, store_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Exit code 4 either way, but the answer's head says which: a successor is not a part of what it succeeded."""
    related = main(["status", "Hay'at Tahrir al-Sham", "--in", "RU", "--on", "2016-01-01", "--url", store_url])
    related_head = capsys.readouterr().out.splitlines()[0]
    part = main(["status", "Hamas", "--in", "UK", "--on", "2020-01-01", "--url", store_url])
    part_head = capsys.readouterr().out.splitlines()[0]

    assert (4, 4) == (related, part)
    assert related_head.endswith("LISTED (a related organisation only)")
    assert part_head.endswith("LISTED (a part only)")


def test_search_labels_a_related_organisation_s_designation_as_such(
        reg: designations.Registry, store_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`search` groups the jurisdictions where only a related organisation is designated under their own label."""
    main(["search", "Hay'at Tahrir al-Sham", "--in", "RU", "--on", "2016-01-01", "--url", store_url])
    out = capsys.readouterr().out

    assert "RELATED IN FORCE: RU" in out
    assert "PART IN FORCE" not in out


def test_who_lists_follows_relations(reg: designations.Registry) -> None:
    """who_lists answers for a part through its whole as status does."""
    answers = {s.jurisdiction: s for s in reg.who_lists("Izz al-Din al-Qassam Brigades", on="2022-01-01")}

    assert answers["GB"].in_force


# --- one stated rule per jurisdiction ---------------------------------------------------


def test_history_on_one_list_wins_over_a_list_without_coverage(reg: designations.Registry) -> None:
    """Removed from the ISIL list: REMOVED for the UN, though another UN list is not held."""
    s = reg.status("Abu Mohammed al-Jawlani", "UN", on="2025-12-01")

    assert (State.REMOVED, True, "un-isil") == (s.state, s.certain, s.list.id if s.list else None)
    assert "un-other" in s.reason


def test_no_history_and_a_list_not_held_is_unknown(reg: designations.Registry) -> None:
    """Never named anywhere, but one UN list is not held completely: UNKNOWN, naming that list."""
    s = reg.status("Plain Organisation", "UN", on="2020-01-01")

    assert (State.UNKNOWN, "un-other") == (s.state, s.list.id if s.list else None)


def test_jurisdiction_answer_carries_every_list(reg: designations.Registry) -> None:
    """The answer of a jurisdiction of several lists carries each list's answer, the deciding one first."""
    s = reg.status("Abu Mohammed al-Jawlani", "UN", on="2025-12-01")

    assert [("un-isil", State.REMOVED), ("un-other", State.UNKNOWN)] == [
        (p.list.id if p.list else "", p.state) for p in s.per_list]
    assert 2 == len(s.to_records())


# --- an API that cannot be misread ------------------------------------------------------


def test_was_listed_refuses_to_turn_unknown_into_no(reg: designations.Registry) -> None:
    """Inside an uncertainty window was_listed raises instead of answering False."""
    with pytest.raises(UncertainAnswerError) as caught:
        reg.was_listed("Taliban", "KZ", on="2024-01-15")

    assert State.UNKNOWN == caught.value.status.state  # type: ignore[attr-defined]


def test_was_listed_refuses_a_part_for_the_whole(reg: designations.Registry) -> None:
    """Only a part listed is neither yes nor no for the organisation."""
    with pytest.raises(UncertainAnswerError):
        reg.was_listed("Hamas", "UK", on="2020-01-01")


def test_was_listed_answers_certain_questions(reg: designations.Registry) -> None:
    """Certain answers are plain booleans: listed, suspended, absent from a complete list."""
    assert (True, False, False) == (
        reg.was_listed("Taliban", "RU", on="2024-01-15"),
        reg.was_listed("Taliban", "RU", on="2025-06-01"),
        reg.was_listed("Plain Organisation", "RU", on="2024-01-15"),
    )


def test_record_refuses_an_unknown_name_and_suggests(reg: designations.Registry) -> None:
    """A typo is refused with the nearest names, and nothing is written."""
    before = reg.data_version()
    with pytest.raises(UnknownSubjectError) as caught:
        reg.record("Talibn", "ru-test", "LISTED", effective="2024-01-01", sources=[SOURCE])

    assert ("Taliban",) == caught.value.suggestions[:1]
    assert before == reg.data_version()


def test_record_creates_a_subject_only_when_asked(reg: designations.Registry) -> None:
    """With create=True an unknown name becomes a new subject."""
    reg.record("New Front", "kz-test", "LISTED", effective="2024-01-01", sources=[SOURCE], create=True)

    assert "new-front" == reg.subject("New Front").id


def test_cli_record_needs_create(reg: designations.Registry, store_url: str,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI refuses an unknown name (exit 2, with a suggestion) unless --create is given."""
    args = ["record", "Talibn", "kz-test", "LISTED", "--effective", "2024-01-01",
            "--source-title", "t", "--url", store_url]
    refused = main(args)
    err = capsys.readouterr().err
    created = main([*args, "--create"])

    assert (2, 0) == (refused, created)
    assert "did you mean 'Taliban'" in err


def test_unknown_name_suggests_the_nearest(reg: designations.Registry) -> None:
    """Asking about a misspelt name says which subjects were probably meant."""
    with pytest.raises(UnknownSubjectError, match="did you mean 'Taliban'"):
        reg.status("Talibn", "RU", on="2024-01-01")


def test_lists_show_what_answers_rest_on(reg: designations.Registry) -> None:
    """Each list carries its first day, its check and the count it declared."""
    lst = next(lst for lst in reg.lists() if lst.id == "ru-test")

    assert lst.verified is not None
    assert ("2003-03-04", "2026-01-01", 1, 30) == (
        str(lst.established), str(lst.data_until), lst.verified.count, lst.allowance_days)


def test_changes_over_a_year_reads_the_whole_year(reg: designations.Registry) -> None:
    """`since="2021"` and `until="2021"` mean the whole of 2021, not its first day."""
    assert len(reg.changes("UK", since="2021-01-01", until="2021-12-31")) == len(
        reg.changes("UK", since="2021", until="2021")) == 1


def test_changes_with_since_after_until_is_an_error(reg: designations.Registry) -> None:
    """A window that ends before it starts is refused, not answered with nothing."""
    from designations.errors import InvalidDateError  # noqa: PLC0415

    with pytest.raises(InvalidDateError, match="after"):
        reg.changes("UK", since="2022-01-01", until="2021-01-01")
