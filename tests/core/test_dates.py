"""Specs for civil dates, windows, periods and query-time coercion."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest

from designations.dates import (
    DateWindow,
    Period,
    Precision,
    as_local_date,
    as_utc,
    parse_date,
    parse_window,
)
from designations.errors import InvalidDateError


@pytest.mark.parametrize("bad", ["2024-02-30", "31/12/2024", "2024-13-01", "", "yesterday", "2024-1-5"])
def test_parse_date_refuses_impossible_or_foreign_layouts(bad: str) -> None:
    """Impossible dates and non-ISO layouts are errors, never guesses."""
    with pytest.raises(InvalidDateError):
        parse_date(bad)


def test_parse_date_accepts_date_and_datetime() -> None:
    """A date or a datetime gives its calendar day as a pendulum Date."""
    assert pendulum.Date(2024, 2, 29) == parse_date(dt.date(2024, 2, 29))
    assert pendulum.Date(2024, 2, 29) == parse_date(dt.datetime(2024, 2, 29, 23, 0))  # noqa: DTZ001


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("2024", "2024-01-01", "2024-12-31", Precision.YEAR),
        ("2023-12", "2023-12-01", "2023-12-31", Precision.MONTH),
        ("2024-02", "2024-02-01", "2024-02-29", Precision.MONTH),
        ("2023-12-29/2024-06-03", "2023-12-29", "2024-06-03", Precision.RANGE),
        ("2025-04-17", "2025-04-17", "2025-04-17", Precision.DAY),
    ],
)
def test_parse_window_reads_partial_dates(text: str, earliest: str, latest: str, precision: Precision) -> None:
    """A year, a month or two days become the window of days the act may have taken effect."""
    window = parse_window(text)

    assert (parse_date(earliest), parse_date(latest), precision) == (
        window.earliest, window.latest, window.precision)
    assert text == str(window)


def test_reversed_window_is_refused() -> None:
    """A window that ends before it starts is an error."""
    with pytest.raises(InvalidDateError):
        parse_window("2024-06-03/2023-12-29")


def test_period_is_half_open() -> None:
    """A period contains its start day and not its end day."""
    p = Period("2021-01-19", "2021-02-16")

    assert p.contains(parse_date("2021-01-19"))
    assert p.contains(parse_date("2021-02-15"))
    assert not p.contains(parse_date("2021-02-16"))


def test_open_period_runs_on() -> None:
    """A period without end contains every later day."""
    assert Period("2003-02-14").contains(parse_date("9000-01-01"))


def test_empty_period_is_refused() -> None:
    """A period must end after it starts."""
    with pytest.raises(InvalidDateError):
        Period("2021-01-19", "2021-01-19")


def test_instant_is_read_in_the_list_time_zone() -> None:
    """22:30 UTC on 16 April 2025 is already 17 April in Moscow."""
    assert pendulum.Date(2025, 4, 17) == as_local_date("2025-04-16T22:30:00Z", "Europe/Moscow")
    assert pendulum.Date(2025, 4, 17) == as_local_date(
        pendulum.datetime(2025, 4, 16, 22, 30, tz="UTC"), "Europe/Moscow")


def test_midnight_utc_is_the_previous_day_in_new_york() -> None:
    """Midnight UTC on 2021-01-19 is still 2021-01-18 in New York."""
    assert pendulum.Date(2021, 1, 18) == as_local_date("2021-01-19T00:00:00+00:00", "America/New_York")


def test_moscow_offsets_come_from_the_tz_database() -> None:
    """Moscow was UTC+4 in 2012, so 20:30 UTC was already the next day there."""
    assert pendulum.Date(2012, 6, 2) == as_local_date("2012-06-01T20:30:00Z", "Europe/Moscow")
    assert pendulum.Date(2015, 6, 1) == as_local_date("2015-06-01T20:30:00Z", "Europe/Moscow")


def test_plain_dates_and_naive_datetimes_are_local() -> None:
    """A date, or a naive datetime, is taken as the list's own calendar day."""
    assert pendulum.Date(2025, 4, 16) == as_local_date(dt.date(2025, 4, 16), "Europe/Moscow")
    assert pendulum.Date(2025, 4, 16) == as_local_date(
        dt.datetime(2025, 4, 16, 23, 59), "Europe/Moscow")  # noqa: DTZ001


@pytest.mark.parametrize("bad", ["2024-02-30", "31/12/2024", "next week", 12345])
def test_bad_query_dates_are_named(bad: object) -> None:
    """A bad query date raises InvalidDateError naming the field."""
    with pytest.raises(InvalidDateError, match="on"):
        as_local_date(bad, "UTC", field="on")


def test_as_utc_reads_a_day_as_its_end() -> None:
    """As recorded at a day means everything recorded during that day."""
    assert pendulum.datetime(2025, 1, 1, 23, 59, 59, 999999, tz="UTC") == as_utc("2025-01-01")


def test_as_utc_keeps_offsets() -> None:
    """An instant with an offset is converted to UTC."""
    assert pendulum.datetime(2025, 1, 1, 9, tz="UTC") == as_utc("2025-01-01T12:00:00+03:00")


def test_window_exact_is_certain() -> None:
    """A one-day window is certain; a longer one is not."""
    assert DateWindow.exact("2024-01-19").certain
    assert not parse_window("2024").certain


@pytest.mark.parametrize("text", ["2024", "2024-06", "2025-W52", "2025-w52-1", "2025-100"])
def test_a_question_day_must_be_a_day(text: str) -> None:
    """A year, month, week or ordinal day is refused as a question's day, never read as its first day."""
    with pytest.raises(InvalidDateError, match="whole day"):
        as_local_date(text, "Europe/Moscow")


@pytest.mark.parametrize("text", ["2025-04-16 22:30", "2025-04-16T22:30"])
def test_a_time_without_offset_is_read_in_the_list_zone_whatever_the_separator(text: str) -> None:
    """`2025-04-16 22:30` and `2025-04-16T22:30` are the same local time in the list's zone."""
    assert pendulum.Date(2025, 4, 16) == as_local_date(text, "Europe/Moscow")


@pytest.mark.parametrize("text", ["2025-04-16 22:30Z", "2025-04-16T22:30Z", "2025-04-16 22:30+00:00"])
def test_a_time_with_offset_is_converted_to_the_list_zone(text: str) -> None:
    """An instant with an offset is converted: 22:30 UTC is already the 17th in Moscow."""
    assert pendulum.Date(2025, 4, 17) == as_local_date(text, "Europe/Moscow")
