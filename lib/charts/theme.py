"""The monitor41 Altair theme and the Vega number/date locale: importing this module registers and enables it."""
from __future__ import annotations

import altair as alt
from babel.dates import get_day_names

from lib.judge import status as st
from lib.text import i18n

THEME_NAME = "monitor41"
# The family Streamlit itself loads ("Source Sans"), so charts and page share one typeface.
FONT = "'Source Sans', 'Source Sans Pro', 'Source Sans 3', 'Segoe UI', Roboto, Arial, sans-serif"
INK, MUTED, GRID, TRACK, TARGET_COLOR = "#14212b", "#5c6670", "#e6e9ec", "#e3e6ea", "#3d4852"
BAND_COLOR = st.STATUS_COLORS[st.TERCAPAI]
# Okabe–Ito: stays distinguishable for colour-blind viewers and on a washed-out projector.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000", "#999999"]
# One fixed colour per wilayah, keyed by its code, on every chart, filter and page: a kabupaten keeps its colour
# whichever others are shown. The province is the ink colour (drawn boldest); the six kabupaten take the
# Okabe–Ito hues. A wilayah not listed here (a kecamatan) takes the grey of OTHER_WILAYAH_COLOR.
PROVINCE_CODE = "76"
WILAYAH_COLORS = {PROVINCE_CODE: INK, "76.01": "#56B4E9", "76.02": "#0072B2", "76.03": "#E69F00",
                  "76.04": "#D55E00", "76.05": "#009E73", "76.06": "#CC79A7"}
OTHER_WILAYAH_COLOR = "#8a949c"
NUMBER_LOCALES = {
    "id": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["Rp", ""]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["Rp", ""]},
}
# d3 time-format patterns: dateTime (%c), date (%x), time (%X).
TIME_PATTERNS = {"id": ("%A, %e %B %Y %X", "%d/%m/%Y", "%H:%M:%S"), "en": ("%a %b %e %X %Y", "%m/%d/%Y", "%I:%M:%S %p")}


def locale_config(lang: str = "id") -> dict:
    """Vega number and time locale for lang (id: 1.234,5 and 'Agu 2023'; en: 1,234.5 and 'Aug 2023')."""
    i18n.check_lang(lang)
    sunday_first = [6, 0, 1, 2, 3, 4, 5]  # babel counts days from Monday, d3 from Sunday
    days = get_day_names("wide", context="stand-alone", locale=lang)
    short_days = get_day_names("abbreviated", context="stand-alone", locale=lang)
    date_time, date, time = TIME_PATTERNS[lang]
    return {"number": dict(NUMBER_LOCALES[lang]), "time": {
        "dateTime": date_time, "date": date, "time": time, "periods": ["AM", "PM"],
        "days": [days[d] for d in sunday_first], "shortDays": [short_days[d] for d in sunday_first],
        "months": [i18n.month_name(m, lang) for m in range(1, 13)],
        "shortMonths": [i18n.month_name(m, lang, "abbreviated") for m in range(1, 13)],
    }}


@alt.theme.register(THEME_NAME, enable=True)
def monitor41_theme() -> alt.theme.ThemeConfig:
    """House theme: projector-sized type, light grid, Okabe–Ito palette, white background, id locale."""
    axis = {"labelFontSize": 14, "titleFontSize": 16, "labelColor": INK, "titleColor": INK,
            "titleFontWeight": 600, "gridColor": GRID, "domainColor": "#b8c0c8", "tickColor": "#b8c0c8"}
    return {"config": {
        "font": FONT, "background": "white", "view": {"stroke": None}, "padding": 8,
        "axis": axis, "axisX": {"grid": False}, "axisY": {"gridDash": [2, 3]},
        "legend": {"labelFontSize": 14, "titleFontSize": 15, "orient": "bottom", "labelLimit": 360,
                   "symbolSize": 140, "labelColor": INK, "titleColor": INK},
        "header": {"labelFontSize": 15, "titleFontSize": 16},
        "title": {"fontSize": 18, "subtitleFontSize": 14, "color": INK, "anchor": "start"},
        "text": {"fontSize": 14, "color": INK}, "range": {"category": PALETTE},
        "locale": locale_config("id"),
    }}


def localize(chart: alt.TopLevelMixin, lang: str = "id") -> alt.TopLevelMixin:
    """A copy of chart with lang's number/date locale on its top level; call last, just before rendering."""
    return chart.configure(locale=locale_config(lang))

