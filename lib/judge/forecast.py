"""Will the target be met? A straight-line fit with its 95 % interval on one series, guarded, and said in words.

Self-contained (the fit, its interval and the guards live here; lib.judge.status is not used). The rules, which
Tentang (tentang.prakiraan_teks) and the README explain:
- Only official values (never simulated), only the points since the last series break at or before the latest
  value (a change of base year, source or survey family is a putus_seri row: break_dates / series_breaks), at
  least MIN_POINTS of them.
- Only against a documented target (peraturan/dokumen, never a pernyataan) whose year has not passed on `today`:
  lib.judge.targets.status_target(targets, wilayah, today), the target whose period holds today or the next one.
  When every documented target has passed, there is no forecast: LEWAT says what the last one met (the value of
  its own year, or the latest value before it).
- The least-squares slope gets its 95 % interval from the t-distribution (n − 2 degrees of freedom). An interval
  that includes zero is BELUM_JELAS ("tren belum jelas"); one wholly away from the target is TIDAK; one wholly
  towards it gives a range of years: where the lines through the points' mean with the interval's two slopes
  reach the target. A range never starts before the current year.
No target is computed here: every target is a row of the record, chosen by lib.judge.targets.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from lib.judge import targets as target_rules
from lib.text import i18n, periods

MIN_POINTS = 3  # a straight line through two points is a change, not a trend
CONFIDENCE_PCT = 95
HORIZON_YEARS = 100  # a range end further away than this is "more than 100 years", not a year
DAYS_PER_YEAR = 365.25

# Outlook kinds
TERCAPAI = "sudah"  # the latest official value already meets the target ahead
DIPERKIRAKAN = "diperkirakan"  # the slope's interval lies wholly towards the target: a range of years
BELUM_JELAS = "belum jelas"  # the slope's interval includes zero
TIDAK = "tidak"  # the slope's interval lies wholly away from the target
KURANG = "kurang"  # fewer than MIN_POINTS official values since the last break
LEWAT = "lewat"  # every documented target has passed: what the last one met, no forecast

# For LEWAT: which value the passed target is compared with
NILAI_TAHUN, NILAI_SEBELUM, NILAI_SESUDAH = "tahun", "sebelum", "sesudah"

# t(0.975, df): the two-sided 95 % quantile of Student's t (a statistical constant, not a target). Between
# tabulated degrees of freedom the smaller one is used, which widens the interval a little (conservative).
_T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228,
         11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120, 17: 2.110, 18: 2.101, 19: 2.093,
         20: 2.086, 21: 2.080, 22: 2.074, 23: 2.069, 24: 2.064, 25: 2.060, 26: 2.056, 27: 2.052, 28: 2.048,
         29: 2.045, 30: 2.042, 40: 2.021, 60: 2.000, 120: 1.980}
_EPS = 1e-12


def t975(df: int) -> float:
    """The 97.5 % quantile of Student's t with df degrees of freedom (the nearest tabulated df at or below)."""
    if df < 1:
        raise ValueError("df must be at least 1")
    return _T975[max(k for k in _T975 if k <= df)]


@dataclass(frozen=True)
class Break:
    """Where a new series starts (a putus_seri row): its first day, its period label and why."""

    tanggal: date
    label: str | None = None
    keterangan: str | None = None


@dataclass(frozen=True)
class Fit:
    """A least-squares line through (year, value) points: slope per year with its 95 % interval."""

    slope: float
    low: float
    high: float
    x_mean: float  # in years (date ordinal / 365.25)
    y_mean: float


@dataclass(frozen=True)
class Outlook:
    kind: str  # TERCAPAI, DIPERKIRAKAN, BELUM_JELAS, TIDAK, KURANG or LEWAT
    points: int  # official values used (since the last break); for LEWAT all official values
    first_label: str | None = None
    last_label: str | None = None
    last_value: float | None = None
    target: float | None = None
    target_upper: float | None = None
    target_year: int | None = None
    target_label: str | None = None
    cakupan: str | None = None  # whose target: lib.judge.targets WILAYAH, PROVINSI or NASIONAL
    year: int | None = None  # DIPERKIRAKAN: the earliest year (never before today's); None = beyond HORIZON_YEARS
    year_late: int | None = None  # DIPERKIRAKAN: the latest year; None = beyond HORIZON_YEARS
    slope_low: float | None = None  # the slope's 95 % interval, per year (DIPERKIRAKAN, BELUM_JELAS, TIDAK)
    slope_high: float | None = None
    broken_at: Break | None = None  # the break the fit starts at (earlier points left out)
    compared: str | None = None  # LEWAT: NILAI_TAHUN, NILAI_SEBELUM or NILAI_SESUDAH
    compared_label: str | None = None
    compared_value: float | None = None
    met: bool | None = None  # LEWAT: whether the compared value meets the passed target
    above: bool | None = None  # LEWAT, band missed: above the band (else below)


def break_dates(breaks: pd.DataFrame, indikator: str, wilayah: str) -> tuple[date, ...]:
    """The dates on which new series of (indikator, wilayah) start (lib.data.queries.series_breaks rows)."""
    return tuple(b.tanggal for b in series_breaks(breaks, indikator, wilayah))


def series_breaks(breaks: pd.DataFrame, indikator: str, wilayah: str) -> tuple[Break, ...]:
    """The breaks of (indikator, wilayah) with their period label and reason (queries.series_breaks rows)."""
    if breaks.empty:
        return ()
    mine = breaks[(breaks["indikator"] == indikator) & (breaks["wilayah"] == wilayah)]
    return tuple(Break(pd.Timestamp(row["tanggal"]).date(), row.get("periode_label"), row.get("keterangan"))
                 for _, row in mine.iterrows())


def _as_breaks(breaks: Iterable[date | Break]) -> list[Break]:
    return [b if isinstance(b, Break) else Break(pd.Timestamp(b).date()) for b in breaks]


def _official(series: pd.DataFrame) -> pd.DataFrame:
    """Official values with a number and a known measurement period, oldest first, `tanggal` (the period's end) as
    a date. A value known only by its announcement day (periode_jenis 'diumumkan') has no place on a time axis."""
    keep = (series["jenis"] == "resmi") & series["nilai"].notna()
    if "periode_jenis" in series:
        keep &= series["periode_jenis"].ne(periods.ANNOUNCED)
    points = series[keep].copy()
    points["tanggal"] = pd.to_datetime(points["tanggal"]).dt.date
    return points.sort_values("tanggal", kind="stable")


def _last_break(points: pd.DataFrame, breaks: Iterable[date | Break]) -> Break | None:
    if points.empty:
        return None
    passed = [b for b in _as_breaks(breaks) if b.tanggal <= points["tanggal"].iloc[-1]]
    return max(passed, key=lambda b: b.tanggal) if passed else None


def _segment(series: pd.DataFrame, breaks: Iterable[date | Break]) -> pd.DataFrame:
    """Official values since the last break at or before the latest one, oldest first."""
    points = _official(series)
    cut = _last_break(points, breaks)
    return points[points["tanggal"] >= cut.tanggal] if cut else points


def fit_line(dates: Iterable[date], values: Iterable[float]) -> Fit | None:
    """Least-squares line of value on time (years) with the 95 % interval of its slope (t, n − 2 df);
    None with fewer than three points or all on one date."""
    x = np.array([d.toordinal() / DAYS_PER_YEAR for d in dates], dtype=float)
    y = np.array([float(v) for v in values], dtype=float)
    if len(x) < 3:
        return None
    x_mean, y_mean = float(x.mean()), float(y.mean())
    sxx = float(((x - x_mean) ** 2).sum())
    if sxx <= _EPS:
        return None
    slope = float(((x - x_mean) * (y - y_mean)).sum() / sxx)
    residuals = y - (y_mean + slope * (x - x_mean))
    df = len(x) - 2
    se = math.sqrt(float((residuals ** 2).sum()) / df / sxx)
    half = t975(df) * se
    return Fit(slope, slope - half, slope + half, x_mean, y_mean)


def _met(value: float, target: float, arah: str, upper: float | None) -> bool:
    if arah == "naik":
        return value >= target
    if arah == "turun":
        return value <= target
    return upper is not None and target <= value <= upper  # band edges count as inside


def _goal_and_sign(last_value: float, target: float, arah: str, upper: float | None) -> tuple[float, int]:
    """The level the line must reach and the slope sign that moves towards it (band: the nearest edge)."""
    if arah == "naik":
        return target, 1
    if arah == "turun":
        return target, -1
    return (upper, -1) if last_value > upper else (target, 1)


def _crossing(fit: Fit, slope: float, goal: float, last_x: float, last_value: float) -> float:
    """Where (in years) the line through the points' mean with `slope` reaches goal; a line that crossed before
    the latest point while the latest value has not is carried on from the latest value instead."""
    x = fit.x_mean + (goal - fit.y_mean) / slope
    return x if x >= last_x else last_x + (goal - last_value) / slope


def _year(x_years: float) -> int:
    return date.fromordinal(max(1, round(x_years * DAYS_PER_YEAR))).year


def _num(x) -> float | None:
    return None if x is None or pd.isna(x) else float(x)


def _target_base(target: pd.Series) -> dict:
    return dict(target=float(target["nilai"]), target_upper=_num(target["nilai_atas"]),
                target_year=pd.Timestamp(target["tanggal_akhir"]).year,
                target_label=target.get("periode_label") or str(pd.Timestamp(target["tanggal_akhir"]).year),
                cakupan=target.get("cakupan"))


def outlook(series: pd.DataFrame, targets: pd.DataFrame, arah: str, wilayah: str,
            breaks: Iterable[date | Break] = (), today: date | None = None) -> Outlook | None:
    """The forecast for the series of one (indikator, wilayah) (queries.series rows) against the targets that
    may apply to it (queries.targets rows) as of `today` (the screen passes the real date); None without an
    official value or without any documented target."""
    today = today or date.today()
    official = _official(series)
    if official.empty or targets.empty:
        return None
    ahead = target_rules.status_target(targets, wilayah, today)
    if ahead is None:
        return _passed(official, targets, arah, wilayah, today)
    points = _segment(series, breaks)
    base = dict(points=len(points), first_label=points["periode_label"].iloc[0],
                last_label=points["periode_label"].iloc[-1], last_value=float(points["nilai"].iloc[-1]),
                broken_at=_last_break(official, breaks), **_target_base(ahead))
    target, upper = base["target"], base["target_upper"]
    if arah == "rentang" and upper is None:
        return None  # a band without its upper edge judges nothing (lib.judge.status refuses it too)
    if _met(base["last_value"], target, arah, upper):
        return Outlook(TERCAPAI, **base)
    fit = fit_line(points["tanggal"], points["nilai"]) if len(points) >= MIN_POINTS else None
    if fit is None:
        return Outlook(KURANG, **base)
    interval = dict(slope_low=fit.low, slope_high=fit.high)
    if fit.low <= 0 <= fit.high:
        return Outlook(BELUM_JELAS, **base, **interval)
    goal, sign = _goal_and_sign(base["last_value"], target, arah, upper)
    if fit.slope * sign < 0:
        return Outlook(TIDAK, **base, **interval)
    last_x = points["tanggal"].iloc[-1].toordinal() / DAYS_PER_YEAR
    fast, slow = (fit.high, fit.low) if abs(fit.high) >= abs(fit.low) else (fit.low, fit.high)
    now = today.toordinal() / DAYS_PER_YEAR
    early_x, late_x = (_crossing(fit, slope, goal, last_x, base["last_value"]) for slope in (fast, slow))
    early = None if early_x - now > HORIZON_YEARS else max(_year(early_x), today.year)
    late = None if early is None or late_x - now > HORIZON_YEARS else max(_year(late_x), early)
    return Outlook(DIPERKIRAKAN, **base, **interval, year=early, year_late=late)


def _passed(official: pd.DataFrame, targets: pd.DataFrame, arah: str, wilayah: str, today: date) -> Outlook | None:
    """No target ahead: what the last documented target that has passed met (LEWAT), or None without one."""
    mine = targets[targets["dasar"].isin(target_rules.DOCUMENTED)
                   & targets["target_wilayah"].isin([wilayah, target_rules.PROVINCE])]
    ends = pd.to_datetime(mine["tanggal_akhir"]).dt.date
    gone = mine[ends < today]
    if gone.empty:
        return None
    target = target_rules.status_target(gone, wilayah, max(pd.to_datetime(gone["tanggal_akhir"]).dt.date))
    if target is None:
        return None
    start, end = pd.Timestamp(target["tanggal_mulai"]).date(), pd.Timestamp(target["tanggal_akhir"]).date()
    own = official[(official["tanggal"] >= start) & (official["tanggal"] <= end)]
    before, after = official[official["tanggal"] < start], official[official["tanggal"] > end]
    if not own.empty:
        compared, row = NILAI_TAHUN, own.iloc[-1]
    elif not before.empty:
        compared, row = NILAI_SEBELUM, before.iloc[-1]
    else:
        compared, row = NILAI_SESUDAH, after.iloc[0]
    base = _target_base(target)
    value = float(row["nilai"])
    met = _met(value, base["target"], arah, base["target_upper"])
    return Outlook(LEWAT, points=len(official), first_label=official["periode_label"].iloc[0],
                   last_label=official["periode_label"].iloc[-1], last_value=float(official["nilai"].iloc[-1]),
                   **base, compared=compared, compared_label=row["periode_label"], compared_value=value, met=met,
                   above=None if met or base["target_upper"] is None else value > base["target_upper"])


# --- words -------------------------------------------------------------------------------------------------------

def _target_text(found: Outlook, satuan: str, lang: str) -> str:
    """'Target provinsi 18,61% (2024)' / 'Sasaran nasional 1,5–3,5% (2026)': whose target, its value and year."""
    band = found.target_upper is not None
    scope = found.cakupan or target_rules.WILAYAH
    kind = i18n.t(f"target.{'sasaran' if band else 'cakupan'}.{scope}", lang)
    value = (f"{i18n.format_number(found.target, lang=lang)}–{i18n.format_value(found.target_upper, satuan, lang)}"
             if band else i18n.format_value(found.target, satuan, lang))
    return f"{kind} {value} ({found.target_label})"


def _span(found: Outlook) -> str:
    return found.first_label if found.first_label == found.last_label else f"{found.first_label}–{found.last_label}"


def _rate(x: float, satuan: str, lang: str) -> str:
    """A slope per year: two decimals, or a whole count (one decimal below ten) for a count unit."""
    decimals = (1 if abs(x) < 10 else 0) if satuan in i18n.COUNT_UNITS else 2
    return i18n.format_delta(x, satuan, lang, decimals=decimals)


def caveat(found: Outlook, satuan: str, lang: str = i18n.DEFAULT_LANG) -> str:
    """The note that stands next to a forecast sentence: which official points, the slope's 95 % interval and
    which earlier points a series break left out ('(3 titik resmi 2021–2024; …)')."""
    count_key = "prakiraan.catatan_titik_1" if found.points == 1 else "prakiraan.catatan_titik"
    parts = [i18n.t(count_key, lang, n=found.points, rentang=_span(found))]
    if found.slope_low is not None:
        parts.append(i18n.t("prakiraan.catatan_interval", lang, persen=CONFIDENCE_PCT,
                            bawah=_rate(found.slope_low, satuan, lang), atas=_rate(found.slope_high, satuan, lang)))
    if found.broken_at is not None:
        cut = found.broken_at
        parts.append(i18n.t("prakiraan.catatan_putus", lang, periode=cut.label or found.first_label) +
                     (f": {cut.keterangan}" if cut.keterangan else ""))
    return f"({'; '.join(parts)})"


def _range_text(found: Outlook, lang: str) -> str:
    if found.year is None:
        return i18n.t("prakiraan.rentang_jauh", lang, n=HORIZON_YEARS)
    if found.year_late is None:
        return i18n.t("prakiraan.rentang_terbuka", lang, awal=found.year, n=HORIZON_YEARS)
    if found.year_late == found.year:
        return i18n.t("prakiraan.rentang_satu", lang, awal=found.year)
    return i18n.t("prakiraan.rentang", lang, awal=found.year, akhir=found.year_late)


def _when_text(found: Outlook, lang: str) -> str:
    if found.year_late is not None and found.year_late <= found.target_year:
        return i18n.t("prakiraan.kapan_tepat", lang, tahun_target=found.target_label)
    if found.year is None or found.year > found.target_year:
        return i18n.t("prakiraan.kapan_terlambat", lang, tahun_target=found.target_label)
    return i18n.t("prakiraan.kapan_mungkin", lang, tahun_target=found.target_label)


_PASSED_RESULT = {True: "prakiraan.hasil_tercapai", False: "prakiraan.hasil_tidak",
                  "atas": "prakiraan.hasil_di_atas", "bawah": "prakiraan.hasil_di_bawah"}


def _passed_text(found: Outlook, target: str, satuan: str, lang: str) -> str:
    value = i18n.format_value(found.compared_value, satuan, lang)
    result_key = _PASSED_RESULT[found.met] if found.met or found.above is None else _PASSED_RESULT[
        "atas" if found.above else "bawah"]
    common = dict(target=target, periode=found.compared_label, nilai=value, tahun_target=found.target_label)
    if found.compared == NILAI_TAHUN:
        return i18n.t("prakiraan.lewat", lang, **common, hasil=i18n.t(result_key, lang))
    if found.compared == NILAI_SEBELUM:
        key = "prakiraan.lewat_sebelum_sudah" if found.met else "prakiraan.lewat_sebelum_belum"
        return i18n.t(key, lang, **common)
    return i18n.t("prakiraan.lewat_sesudah", lang, **common)


def outlook_text(found: Outlook, satuan: str, name: str, lang: str = i18n.DEFAULT_LANG) -> str:
    """The forecast in one sentence with its caveat beside it ('Target 14,0% (2030): diperkirakan tercapai antara
    2029 dan 2034 — … (3 titik resmi 2021–2024; interval 95 % laju per tahun: …)')."""
    target = _target_text(found, satuan, lang)
    if found.kind == LEWAT:
        return _passed_text(found, target, satuan, lang)
    if found.kind == TERCAPAI:
        return i18n.t("prakiraan.sudah", lang, target=target,
                      nilai=i18n.format_value(found.last_value, satuan, lang), periode=found.last_label)
    if found.kind == KURANG:
        sentence = i18n.t("prakiraan.kurang", lang, nama=name, target=target, n=MIN_POINTS, ada=found.points)
    elif found.kind == BELUM_JELAS:
        sentence = i18n.t("prakiraan.belum_jelas", lang, target=target, persen=CONFIDENCE_PCT)
    elif found.kind == TIDAK:
        sentence = i18n.t("prakiraan.tidak", lang, target=target, mulai=found.first_label, akhir=found.last_label)
    else:
        sentence = i18n.t("prakiraan.tercapai", lang, target=target, mulai=found.first_label,
                          akhir=found.last_label, rentang=_range_text(found, lang), kapan=_when_text(found, lang))
    return f"{sentence} {caveat(found, satuan, lang)}"
