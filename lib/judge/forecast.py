"""Will the target be met? lib.judge.status.forecast_attainment on one series, guarded, and said in words.

Guards (Tentang explains them): only official values (never simulated), only the points since the last
series break, at least MIN_POINTS of them, and only against a target the record holds (where targets carry
a `dasar`, only peraturan or dokumen ones). The target is the one lib.judge.targets.status_target chooses for the
latest value (its own year and the most specific scope; never a pernyataan, never an expired target). Series
breaks come from the record's putus_seri table (lib.data.queries.series_breaks rows, see break_dates).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from lib.judge import status
from lib.judge import targets as target_rules
from lib.text import i18n

MIN_POINTS = 3  # a straight line through two points is a change, not a trend
TERCAPAI, DIPERKIRAKAN, TIDAK, KURANG = "sudah", "diperkirakan", "tidak", "kurang"


@dataclass(frozen=True)
class Outlook:
    kind: str  # TERCAPAI, DIPERKIRAKAN, TIDAK or KURANG
    points: int
    first_label: str | None = None
    last_label: str | None = None
    last_value: float | None = None
    target: float | None = None
    target_upper: float | None = None
    target_year: int | None = None
    year: int | None = None  # the forecast year, for DIPERKIRAKAN


def break_dates(breaks: pd.DataFrame, indikator: str, wilayah: str) -> tuple[date, ...]:
    """The dates on which new series of (indikator, wilayah) start (lib.data.queries.series_breaks rows)."""
    if breaks.empty:
        return ()
    mine = breaks[(breaks["indikator"] == indikator) & (breaks["wilayah"] == wilayah)]
    return tuple(pd.to_datetime(mine["tanggal"]).dt.date)


def _segment(series: pd.DataFrame, breaks: Iterable[date]) -> pd.DataFrame:
    """Official values since the last break at or before the latest one, oldest first."""
    points = series[(series["jenis"] == "resmi") & series["nilai"].notna()].copy()
    points["tanggal"] = pd.to_datetime(points["tanggal"]).dt.date
    points = points.sort_values("tanggal")
    if points.empty:
        return points
    last = points["tanggal"].iloc[-1]
    passed = [b for b in breaks if b <= last]
    return points[points["tanggal"] >= max(passed)] if passed else points


def outlook(series: pd.DataFrame, targets: pd.DataFrame, arah: str, wilayah: str,
            breaks: Iterable[date] = ()) -> Outlook | None:
    """The forecast for the series of one (indikator, wilayah) (queries.series rows) against the targets that
    may apply to it (queries.targets rows); None when no documented target judges its latest value."""
    points = _segment(series, breaks)
    if points.empty or targets.empty:
        return None
    target = target_rules.status_target(targets, wilayah, points["tanggal"].iloc[-1])
    if target is None:
        return None
    upper = target["nilai_atas"] if pd.notna(target["nilai_atas"]) else None
    base = dict(points=len(points), first_label=points["periode_label"].iloc[0],
                last_label=points["periode_label"].iloc[-1], last_value=float(points["nilai"].iloc[-1]),
                target=float(target["nilai"]), target_upper=upper,
                target_year=pd.Timestamp(target["tanggal_akhir"]).year)
    if status.is_target_met(base["last_value"], target["nilai"], arah, upper):
        return Outlook(TERCAPAI, **base)
    if len(points) < MIN_POINTS:
        return Outlook(KURANG, **base)
    result = status.forecast_attainment(zip(points["tanggal"], points["nilai"]), target["nilai"], arah, upper=upper)
    if result.reason == status.DIPERKIRAKAN_TERCAPAI:
        return Outlook(DIPERKIRAKAN, **base, year=result.date.year)
    return Outlook(TIDAK, **base)


def _target_text(found: Outlook, satuan: str, lang: str) -> str:
    if found.target_upper is not None:
        return f"{i18n.format_number(found.target, lang=lang)}–{i18n.format_value(found.target_upper, satuan, lang)}"
    return i18n.format_value(found.target, satuan, lang)


def outlook_text(found: Outlook, satuan: str, name: str, lang: str = i18n.DEFAULT_LANG) -> str:
    """The forecast in one sentence ('Dengan laju 2021–2024, target 14% diperkirakan tercapai 2029 — …')."""
    target = _target_text(found, satuan, lang)
    common = dict(mulai=found.first_label, akhir=found.last_label, target=target, tahun_target=found.target_year)
    if found.kind == TERCAPAI:
        return i18n.t("prakiraan.sudah", lang, target=target, tahun_target=found.target_year,
                      nilai=i18n.format_value(found.last_value, satuan, lang), periode=found.last_label)
    if found.kind == KURANG:
        return i18n.t("prakiraan.kurang", lang, nama=name, n=MIN_POINTS, ada=found.points)
    if found.kind == TIDAK:
        return i18n.t("prakiraan.tidak", lang, **common)
    late = found.year - found.target_year
    when = (i18n.t("prakiraan.terlambat", lang, n=late, tahun_target=found.target_year) if late > 0 else
            i18n.t("prakiraan.tepat", lang, tahun_target=found.target_year) if late == 0 else
            i18n.t("prakiraan.lebih_cepat", lang, n=-late, tahun_target=found.target_year))
    return i18n.t("prakiraan.tercapai", lang, **common, tahun=found.year, kapan=when)
