"""An isu page's trend: the chart of the province and the chosen kabupaten with targets, series breaks and
action markers, its caption, and the 'will the target be met?' lines under it (lib.judge.forecast)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from lib.charts import markers, values
from lib.data import queries
from lib.judge import forecast, targets
from lib.present import status_text
from lib.present.markdown import fill, plain
from lib.screens import actions, isu, reads
from lib.screens.source import Source
from lib.text import i18n, periods

TREND_HEIGHT = 320  # px of plot: at least lib.charts.values.MIN_TREND_HEIGHT


@dataclass(frozen=True)
class Trend:
    chart: object  # an Altair chart; None when the series has fewer than 3 points
    points: int
    caption: str


def trend(src: Source, isu_code: str, code: str, until: date | None, kabupaten: tuple[str, ...]) -> Trend:
    """The trend of the province and every kabupaten, the province and the chosen kabupaten emphasised (the
    rest thin and faded, for context), with targets and breaks of the emphasised ones and action markers."""
    lang = src.lang
    indicator = isu.indicator_choices(src, isu_code).set_index("kode").loc[code]
    emphasised = tuple(isu.frames(src, code, until, kabupaten).trend_names)
    if not kabupaten:  # none chosen: the province stands out, the kabupaten are its context
        emphasised = tuple(w for w in emphasised if w == isu.PROVINCE)
    wilayah = (isu.PROVINCE, *src.read(queries.wilayah_codes, "kabupaten"))
    history = src.read(reads.series, (code,), wilayah, until)
    if len(history) < 3:
        return Trend(None, len(history), "")
    goals = targets.chart_lines(src.read(reads.targets, (code,), emphasised))
    goals = goals.assign(label=[status_text.line_label(g, lang) for _, g in goals.iterrows()])
    breaks = src.read(reads.series_breaks, (code,), emphasised)
    periodicity = indicator["periodisitas"]
    chart = markers.trend_with_actions(
        history, goals, unit_label=isu.unit(indicator["satuan"], lang), lang=lang,
        value_format=",.0f" if indicator["satuan"] in i18n.COUNT_UNITS else ",.2~f",
        time_format="%Y" if periods.PERIODICITIES[periodicity].per_year <= 2 else "%b %Y",  # years, or halves
        max_gap_days=periods.max_gap_days(periodicity), breaks=breaks, emphasis=emphasised,
        height=TREND_HEIGHT, actions=actions.trend_actions(src, isu_code, emphasised))
    return Trend(chart, len(history), _caption(history, breaks, lang))


def _caption(history: pd.DataFrame, breaks: pd.DataFrame, lang: str) -> str:
    """Latest sources (three at most), the latest period, the simulasi mark, series breaks and the gap note."""
    latest = history.sort_values("tanggal")["periode_label"].iloc[-1]
    sources = list(dict.fromkeys(history.sort_values("tanggal", ascending=False)["sumber"]))
    shown_sources = sources[:3] + ([i18n.t("caption.sumber_lain", lang, n=len(sources) - 3)]
                                   if len(sources) > 3 else [])
    caption = plain(values.chart_caption(shown_sources, latest, (history["jenis"] == "simulasi").any(), lang))
    if not breaks.empty:
        caption += " " + fill("putus_seri.catatan", lang, daftar="; ".join(
            f"{b['wilayah_nama']} {b['periode_label']}: {b['keterangan']}" for _, b in breaks.iterrows()))
    return caption + " " + i18n.t("isu.celah", lang)


def _name(registry: pd.Series, lang: str) -> str:
    """The indicator's name in the page's language (English where the record has one)."""
    english = registry.get("nama_en")
    return english if lang == "en" and isinstance(english, str) and english else registry["nama"]


def forecast_lines(con, indikator: str, wilayah: tuple[str, ...], names: tuple[str, ...], lang: str,
                   today: date) -> list[str]:
    """One sentence per wilayah that has a documented target, with its caveat: '**<wilayah>**: Target … (a read:
    needs the record's own, unlocalised, columns). `today` decides which targets have passed: the screen passes
    the real date, so no forecast names a year already past."""
    registry = queries.indicators(con).set_index("kode").loc[indikator]
    history = queries.series(con, [indikator], list(wilayah))
    if lang == "en":
        history = history.assign(periode_label=history["periode_label_en"].fillna(history["periode_label"]))
    goals = queries.targets(con, [indikator], list(wilayah))
    breaks = queries.series_breaks(con, [indikator], list(wilayah))
    lines = []
    for code, name in zip(wilayah, names):
        found = forecast.outlook(history[history["wilayah"] == code], goals[goals["wilayah"] == code],
                                 registry["arah"], code, forecast.series_breaks(breaks, indikator, code), today)
        if found is not None:
            text = forecast.outlook_text(found, registry["satuan"], _name(registry, lang), lang)
            lines.append(f"**{name}**: {text}")
    return lines


def forecast_section(src: Source, code: str, until: date | None, kabupaten: tuple[str, ...],
                     today: date | None = None) -> list[str]:
    """The forecast lines for the trend's wilayah (province and chosen kabupaten) as of today (the real date
    unless a test passes another)."""
    names = isu.frames(src, code, until, kabupaten).trend_names
    return src.read(forecast_lines, code, tuple(names), tuple(names.values()), src.lang, today or date.today())
