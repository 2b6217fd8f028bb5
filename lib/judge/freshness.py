"""Data age: when a value is *lama* (stale), and how old it is in words — the one rule, per periodicity.

A value is lama when `today` is past the end of its period by more than its indicator's periodicity allows
(the stale_after column of lib.text.periods.PERIODICITIES: tahunan 2 years, semesteran 12 months, triwulanan
6 months, bulanan 3 months, mingguan 8 weeks).

The allowance covers the publication lag (SSGI is published a year after its survey, BPS poverty half a
year after Susenas) plus one missed release. A lama value keeps its number; its status is shown muted with
its age ("data 2022 · 4 tahun lalu") and it never counts as a current win or loss. `today` is a parameter so
tests can fix it; the app passes the real date. Pure functions: no I/O.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from lib.text import periods

# Allowed age after the period ended, as (months, days): whole months for calendar periods, days for weeks.
# The facts live in the periodicity table (lib.text.periods.PERIODICITIES); this is the rule's view of them.
ALLOWANCE = {p.kode: p.stale_after for p in periods.PERIODICITIES.values()}


class UnknownPeriodicityError(ValueError):
    """A periodisitas the age rule does not know; the message lists the valid ones."""


@dataclass(frozen=True)
class Age:
    """How old a value is: stale or not, and its age in whole years or months since its period ended."""

    stale: bool
    years: int  # calendar years between the period's end and today (2022 → November 2026: 4)
    months: int  # whole calendar months between the period's end and today


def _as_date(value: Any) -> dt.date | None:
    if value is None or pd.isna(value):  # NaT is a datetime, so test it before trusting the type
        return None
    return pd.Timestamp(value).date()


def stale_after(period_end: Any, periodisitas: str) -> dt.date | None:
    """The last day a value of this period still counts as current; None without a date."""
    if periodisitas not in ALLOWANCE:
        raise UnknownPeriodicityError(
            f"periodisitas {periodisitas!r} tidak dikenal; yang sah: {', '.join(ALLOWANCE)}")
    end = _as_date(period_end)
    if end is None:
        return None
    months, days = ALLOWANCE[periodisitas]
    return (pd.Timestamp(end) + pd.DateOffset(months=months, days=days)).date()


def is_stale(period_end: Any, periodisitas: str, today: dt.date) -> bool:
    """Whether a value whose period ended on period_end is lama on `today` (False without a date)."""
    limit = stale_after(period_end, periodisitas)
    return limit is not None and today > limit


def age(period_end: Any, periodisitas: str, today: dt.date) -> Age | None:
    """Stale flag and age of a value; None without a date."""
    end = _as_date(period_end)
    if end is None:
        return None
    months = max((today.year - end.year) * 12 + today.month - end.month, 0)
    return Age(stale=is_stale(end, periodisitas, today), years=max(today.year - end.year, 0), months=months)


def periods_late(latest_end: object, periodisitas: str, today: dt.date) -> int | None:
    """Whole reporting periods missed since the latest data, allowing one period for publication."""
    if latest_end is None or pd.isna(latest_end):
        return None
    end = pd.Timestamp(latest_end).date()
    months = (today.year - end.year) * 12 + (today.month - end.month)
    return max(int(months // periods.periodicity(periodisitas).months) - 1, 0)
