"""What an isu page shows, prepared once per snapshot, public mode, language and filters and shared by every
session (lib.ui.state.cached_display): its frames, the trend chart and caption, the ranking table and the
gauges. Built on every run they were most of a warm isu page (Altair specs, row-by-row texts, Arrow)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from lib.charts import actions as chart_actions
from lib.charts import status as chart_status
from lib.charts import values
from lib.judge import scorecard, targets
from lib.present import status_text, tables
from lib.text import i18n, periods
from lib.ui import actions_view, data
from lib.ui.result_store import Shared
from lib.ui.state import cached, cached_display
from lib.ui.text import fill, plain
from lib.ui.widgets import download_notes, prepared_chart

PROVINCE = "76"


@dataclass(frozen=True)
class Frames:
    """The assessed values of one indicator the page draws from."""
    kabupaten: pd.DataFrame  # every kabupaten (the map colours all six)
    kecamatan: pd.DataFrame | None  # when one kabupaten is chosen and the indicator has kecamatan values
    shown: pd.DataFrame  # province, chosen kabupaten (all when none) and the kecamatan: ranking and gauges
    trend_names: dict[str, str]  # province and chosen kabupaten, code -> name: the trend's lines


@dataclass(frozen=True)
class Trend:
    chart: Shared | None  # None when the series has fewer than 3 points
    points: int
    caption: str


@dataclass(frozen=True)
class Ranking:
    shown: pd.DataFrame  # the table on screen
    export: pd.DataFrame  # the same rows, numbers as numbers, for the downloads
    older_note: str  # "" when every kabupaten value is of the latest period
    notes: list[str]  # the downloads' notes: sources, simulasi


def indicator_choices(isu: str) -> pd.DataFrame:
    """The isu's indicators with data, its headline and kabupaten indicators first."""
    return _indicator_choices(isu)


@cached_display
def _indicator_choices(isu: str) -> pd.DataFrame:
    registry = cached("indicators", isu)
    registry = registry[registry["jumlah_nilai"] > 0]
    first = [scorecard.HEADLINE_INDICATOR[isu], scorecard.KABUPATEN_INDICATOR[isu]]
    return registry.sort_values("kode", key=lambda codes: codes.map(
        lambda c: first.index(c) if c in first else len(first)), kind="stable")


@cached_display
def frames(code: str, until: date | None, kabupaten: tuple[str, ...]) -> Frames:
    """The indicator's province and kabupaten values, narrowed to the chosen kabupaten, with kecamatan."""
    frame = data.assessed((code,), (PROVINCE, *data.wilayah_codes("kabupaten")), until)
    kab_frame = frame[frame["wilayah"] != PROVINCE]
    kecamatan = _drilled_kecamatan(code, until, kabupaten)
    chosen = kab_frame[kab_frame["wilayah"].isin(kabupaten)] if kabupaten else kab_frame
    province = frame[(frame["wilayah"] == PROVINCE) & frame["nilai"].notna()]
    shown = pd.concat([province, chosen] + ([kecamatan] if kecamatan is not None else []))
    trend = pd.concat([province, chosen])
    return Frames(kab_frame, kecamatan, shown, dict(zip(trend["wilayah"], trend["nama"])))


def _drilled_kecamatan(code: str, until: date | None, kabupaten: tuple[str, ...]) -> pd.DataFrame | None:
    """Kecamatan values when exactly one kabupaten is chosen and the indicator has kecamatan data."""
    if len(kabupaten) != 1:
        return None
    codes = tuple(data.wilayah_codes("kecamatan", kabupaten[0]))
    kecamatan = data.assessed((code,), codes, until)
    return kecamatan if kecamatan["nilai"].notna().any() else None


def unit(satuan: str, lang: str) -> str:
    """The unit's label in the language (its code when no string has it)."""
    return i18n.t(f"unit.{satuan}", lang) if f"unit.{satuan}" in i18n.STRINGS else satuan


@cached_display
def trend(isu: str, code: str, until: date | None, kabupaten: tuple[str, ...], lang: str) -> Trend:
    """The trend of the province and the chosen kabupaten with targets, breaks and action markers."""
    indicator = _indicator_choices(isu).set_index("kode").loc[code]
    names = frames(code, until, kabupaten).trend_names
    wilayah = tuple(names)
    history = data.series((code,), wilayah, until)
    if len(history) < 3:
        return Trend(None, len(history), "")
    goals = targets.chart_lines(data.targets((code,), wilayah))
    goals = goals.assign(label=[status_text.line_label(g, lang) for _, g in goals.iterrows()])
    breaks = data.series_breaks((code,), wilayah)
    periodicity = indicator["periodisitas"]
    chart = chart_actions.trend_with_actions(
        history, goals, unit_label=unit(indicator["satuan"], lang), lang=lang,
        value_format=",.0f" if indicator["satuan"] in i18n.COUNT_UNITS else ",.2~f",
        time_format="%Y" if periodicity in ("tahunan", "semesteran") else "%b %Y",
        max_gap_days=periods.max_gap_days(periodicity), breaks=breaks,
        actions=actions_view.trend_actions(isu, wilayah))
    return Trend(prepared_chart(chart, lang), len(history), _trend_caption(history, breaks, lang))


def _trend_caption(history: pd.DataFrame, breaks: pd.DataFrame, lang: str) -> str:
    """Latest sources (three at most), the latest period, the simulasi mark, series breaks and the gap note."""
    latest = history.sort_values("tanggal")["periode_label"].iloc[-1]
    sources = list(dict.fromkeys(history.sort_values("tanggal", ascending=False)["sumber"]))
    shown_sources = sources[:3] + ([i18n.t("caption.sumber_lain", lang, n=len(sources) - 3)]
                                   if len(sources) > 3 else [])
    caption = plain(values.chart_caption(shown_sources, latest, (history["jenis"] == "simulasi").any(), lang))
    if not breaks.empty:
        caption += " " + fill("putus_seri.catatan", daftar="; ".join(
            f"{b['wilayah_nama']} {b['periode_label']}: {b['keterangan']}" for _, b in breaks.iterrows()))
    return caption + " " + i18n.t("isu.celah", lang)


@cached_display
def ranking(code: str, until: date | None, kabupaten: tuple[str, ...], lang: str) -> Ranking:
    """The ranking table (and its download twin), the older-values note and the download notes."""
    shown_frame = frames(code, until, kabupaten).shown
    shown, export = tables.ranking_table(shown_frame, lang)
    note = status_text.older_values_text(shown_frame[shown_frame["wilayah"] != PROVINCE], lang)
    return Ranking(shown, export, note or "", download_notes(shown_frame))


@cached_display
def gauges(code: str, until: date | None, kabupaten: tuple[str, ...], lang: str) -> Shared | None:
    """Achievement gauges for the shown values a documented target judges; None when there are none."""
    shown = frames(code, until, kabupaten).shown
    with_target = shown[shown["capaian_pct"].notna()]
    if with_target.empty:
        return None
    return prepared_chart(chart_status.gauge_grid(_gauge_frame(with_target, lang), columns=4, lang=lang,
                                                  width=200), lang)


def _gauge_frame(with_target: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One gauge per row: label (with period and simulasi mark), achievement, status, value, target, muted."""
    simulated = f" · 🧪 {i18n.t('jenis.simulasi.short', lang)}"
    return pd.DataFrame({
        "label": [f"{n} ({p})" + (simulated if j == "simulasi" else "")
                  for n, p, j in zip(with_target["nama"], with_target["periode_label"], with_target["jenis"])],
        "achievement_pct": with_target["capaian_pct"], "status": with_target["status"],
        "value_text": [tables.value_text(v, s, lang, h) for v, s, h in zip(
            with_target["nilai"], with_target["satuan"], with_target.get("disamarkan", [False] * len(with_target)))],
        "target_text": [status_text.target_text(r, lang) for _, r in with_target.iterrows()],
        "muted": with_target["lama"].astype(bool)})
