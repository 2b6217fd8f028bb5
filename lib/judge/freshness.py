"""Data age: when a value is *lama* (stale), and how old it is in words — the one rule, per periodicity.

A value is lama when `today` is past the end of its period by more than its indicator's periodicity allows
(the stale_after column of lib.text.periods.PERIODICITIES: tahunan 2 years, semesteran 12 months, triwulanan
6 months, bulanan 3 months, mingguan 8 weeks).

Age counts from the last day of the period the source *measured* (Susenas March 2024: 31 March 2024, not the end
of 2024). A value whose measurement period is unknown (periode jenis 'diumumkan') counts from the day it was
announced, and is never current: it is lama whatever its age, so it is never coloured or counted as current.

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
    announced: bool = False  # only the announcement day is known: counted from it, never current


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


def is_announced(periode_jenis: Any) -> bool:
    """Whether a period jenis (queries' `periode_jenis`) says only the announcement day is known."""
    return isinstance(periode_jenis, str) and periode_jenis == periods.ANNOUNCED


def is_stale(period_end: Any, periodisitas: str, today: dt.date, periode_jenis: str | None = None) -> bool:
    """Whether a value whose period ended on period_end is lama on `today` (False without a date); a value
    whose measurement period is unknown (periode_jenis 'diumumkan') is always lama."""
    limit = stale_after(period_end, periodisitas)
    return limit is not None and (today > limit or is_announced(periode_jenis))


def age(period_end: Any, periodisitas: str, today: dt.date, periode_jenis: str | None = None) -> Age | None:
    """Stale flag and age of a value, from the end of the period measured (or the announcement day when
    periode_jenis is 'diumumkan'); None without a date."""
    end = _as_date(period_end)
    if end is None:
        return None
    months = max((today.year - end.year) * 12 + today.month - end.month, 0)
    return Age(stale=is_stale(end, periodisitas, today, periode_jenis), years=max(today.year - end.year, 0),
               months=months, announced=is_announced(periode_jenis))


def periods_late(latest_end: object, periodisitas: str, today: dt.date) -> int | None:
    """Whole reporting periods missed since the latest data, allowing one period for publication."""
    if latest_end is None or pd.isna(latest_end):
        return None
    end = pd.Timestamp(latest_end).date()
    months = (today.year - end.year) * 12 + (today.month - end.month)
    return max(int(months // periods.periodicity(periodisitas).months) - 1, 0)


def due_date(latest_end: object, periodisitas: str) -> dt.date | None:
    """The day the report after the latest one fell due: one period for the next period to end and one for its
    publication after the latest period's end (periods_late counts late periods from it)."""
    if latest_end is None or pd.isna(latest_end):
        return None
    months = periods.periodicity(periodisitas).months
    step = (pd.DateOffset(months=int(2 * months)) if float(months).is_integer()
            else pd.Timedelta(days=round(2 * months * 30.4375)))
    return (pd.Timestamp(latest_end) + step).date()
