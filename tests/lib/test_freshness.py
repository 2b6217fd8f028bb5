"""The data-age rule (lib.judge.freshness): one allowance per periodicity, tested at its edges."""
from datetime import date

import pandas as pd
import pytest

from lib.judge import freshness


@pytest.mark.parametrize("end, periodisitas, last_current", [
    (date(2022, 12, 31), "tahunan", date(2024, 12, 31)),     # two years after the year ended
    (date(2022, 6, 30), "semesteran", date(2023, 6, 30)),    # two semesters
    (date(2023, 9, 30), "triwulanan", date(2024, 3, 30)),    # two quarters (month-end kept by the calendar)
    (date(2023, 8, 31), "bulanan", date(2023, 11, 30)),      # three months; 31 Aug + 3 months = 30 Nov
    (date(2023, 8, 14), "mingguan", date(2023, 10, 9)),      # eight weeks
])
def test_stale_exactly_one_day_after_the_allowance(end, periodisitas, last_current):
    assert freshness.stale_after(end, periodisitas) == last_current
    assert not freshness.is_stale(end, periodisitas, last_current)
    assert freshness.is_stale(end, periodisitas, date.fromordinal(last_current.toordinal() + 1))


def test_age_in_years_and_months_as_shown_on_screen():
    # The case: a 2022 value seen in November 2026 is "data 2022 · 4 tahun lalu".
    age = freshness.age(date(2022, 12, 31), "tahunan", date(2026, 11, 30))
    assert age == freshness.Age(stale=True, years=4, months=47)
    # ATS data of August 2023 (monthly) in November 2026: stale.
    assert freshness.age(date(2023, 8, 31), "bulanan", date(2026, 11, 30)).stale
    # A value of last month is current.
    assert not freshness.age(date(2026, 10, 31), "bulanan", date(2026, 11, 30)).stale


def test_no_date_is_not_stale_and_unknown_periodicity_says_the_valid_ones():
    assert freshness.age(None, "tahunan", date(2026, 1, 1)) is None
    assert freshness.age(pd.NaT, "bulanan", date(2026, 1, 1)) is None  # an indicator without any value
    assert not freshness.is_stale(None, "tahunan", date(2026, 1, 1))
    with pytest.raises(freshness.UnknownPeriodicityError, match="tahunan, semesteran"):
        freshness.is_stale(date(2022, 12, 31), "dekade", date(2026, 1, 1))
