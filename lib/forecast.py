"""Will the target be met? lib.status.forecast_attainment on one series, guarded, and said in words.

Guards (Tentang explains them): only official values (never simulated), only the points since the last
series break, at least MIN_POINTS of them, and only against a target the record holds (where targets carry
a `dasar`, only peraturan or dokumen ones). The target is the one that applies at the latest value
(lib.scorecard.pick_target). Series breaks are passed in; documented_breaks holds the ones docs/sumber-data.md
names until the record holds a table of them.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from lib import i18n, scorecard, status

MIN_POINTS = 3  # a straight line through two points is a change, not a trend
BINDING_BASES = ("peraturan", "dokumen")
TERCAPAI, DIPERKIRAKAN, TIDAK, KURANG = "sudah", "diperkirakan", "tidak", "kurang"
# docs/sumber-data.md §5: Kota Mamuju's CPI changed base year in January 2020 (2012 -> 2018) and January 2024
# (2018 -> 2022); values of different base years are not one series.
_INFLATION_BREAKS = (date(2020, 1, 1), date(2024, 1, 1))


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


def documented_breaks(indikator: str, wilayah: str) -> tuple[date, ...]:
    """Series breaks named in docs/sumber-data.md (the inflation CPI base years of Kota Mamuju)."""
    return _INFLATION_BREAKS if indikator.startswith("INF-") and wilayah == "76.02" else ()


def _binding(targets: pd.DataFrame) -> pd.DataFrame:
    return targets[targets["dasar"].isin(BINDING_BASES)] if "dasar" in targets.columns else targets


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


def outlook(series: pd.DataFrame, targets: pd.DataFrame, arah: str, breaks: Iterable[date] = ()) -> Outlook | None:
    """The forecast for one (indikator, wilayah) series (queries.series rows) against its targets
    (queries.targets rows); None when no target applies."""
    points = _segment(series, breaks)
    targets = _binding(targets)
    if points.empty or targets.empty:
        return None
    target = scorecard.pick_target(targets, points["tanggal"].iloc[-1])
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
