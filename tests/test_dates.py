"""Target dates: typed the UK way or as ISO dates, stored as ISO dates, refused plainly."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svassess.plan import format_due, parse_due


@pytest.mark.parametrize("typed", ["31/01/2027", "31/1/2027", " 31 / 01 / 2027 ", "31.01.2027",
                                   "31-01-2027", "2027-01-31", "2027/01/31"])
def test_uk_and_iso_dates_are_accepted(typed):
    assert parse_due(typed) == dt.date(2027, 1, 31)


def test_day_comes_before_month():
    assert parse_due("03/04/2027") == dt.date(2027, 4, 3)


def test_nothing_typed_is_no_date():
    assert parse_due("") is None and parse_due("   ") is None


@pytest.mark.parametrize("typed", ["01/31/2027", "31/02/2027", "00/01/2027"])
def test_impossible_dates_say_why(typed):
    with pytest.raises(ValueError, match="not a real date.*day/month/year, e.g. 31/03/2027"):
        parse_due(typed)


@pytest.mark.parametrize("typed", ["next March", "31/01/27", "2027", "31/01/2027/5", "١/٢/٢٠٢٧"])
def test_words_and_short_years_are_refused(typed):
    with pytest.raises(ValueError, match="is not a date; write it as day/month/year"):
        parse_due(typed)


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_what_is_shown_reads_back_as_the_same_date(date):
    assert parse_due(format_due(date)) == date
    assert parse_due(date.isoformat()) == date


def test_no_date_is_shown_as_nothing():
    assert format_due(None) == ""
    assert format_due(dt.date(2027, 3, 1)) == "01/03/2027"
