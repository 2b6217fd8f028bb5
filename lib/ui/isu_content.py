"""What an isu page shows (lib.screens.isu, lib.screens.isu_trend), prepared once per snapshot, public mode,
language and filters and shared by every session (lib.ui.state.cached_display), charts made ready for
st.vega_lite_chart. Built on every run they were most of a warm isu page (Altair specs, row-by-row texts, Arrow)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd

from lib.charts import gauges as chart_status
from lib.screens import isu, isu_trend
from lib.ui.state import cached_display, lang, source
from lib.ui.widgets import prepared_chart


@cached_display
def header(isu_code: str) -> tuple[str, str]:
    """The page's title and the caption naming the coordinating OPD."""
    return isu.header(source(), isu_code)


def indicator_caption(indicator: pd.Series) -> str:
    """The definition and source under the indicator picker."""
    return isu.indicator_caption(source(), indicator)


@cached_display
def indicator_choices(isu_code: str) -> pd.DataFrame:
    """The isu's indicators with data, its headline and kabupaten indicators first."""
    return isu.indicator_choices(source(), isu_code)


@cached_display
def opening_indicator(isu_code: str, until: date | None) -> str:
    """The indicator the page opens on (lib.screens.isu.opening_indicator)."""
    return isu.opening_indicator(source(), isu_code, indicator_choices(isu_code), until)


@cached_display
def headline_note(isu_code: str, code: str, until: date | None, lang_code: str) -> str | None:
    """What the page says when the indicator shown is not the isu's headline (lib.screens.isu.headline_note)."""
    return isu.headline_note(source(), isu_code, code, until)


@cached_display
def frames(code: str, until: date | None, kabupaten: tuple[str, ...]) -> isu.Frames:
    """The indicator's province and kabupaten values, narrowed to the chosen kabupaten, with kecamatan."""
    return isu.frames(source(), code, until, kabupaten)


@cached_display
def trend(isu_code: str, code: str, until: date | None, kabupaten: tuple[str, ...], lang_code: str) -> isu_trend.Trend:
    """The trend chart (prepared; None under 3 points), its point count and caption."""
    found = isu_trend.trend(source(), isu_code, code, until, kabupaten)
    return found if found.chart is None else replace(found, chart=prepared_chart(found.chart, lang_code))


@cached_display
def forecast_lines(code: str, until: date | None, kabupaten: tuple[str, ...]) -> list[str]:
    """The 'will the target be met?' lines under the trend."""
    return isu_trend.forecast_section(source(), code, until, kabupaten)


@cached_display
def ranking(code: str, until: date | None, kabupaten: tuple[str, ...], lang_code: str) -> isu.Ranking:
    """The ranking table (and its download twin), the older-values note and the download notes."""
    return isu.ranking(source(), code, until, kabupaten)


@cached_display
def gauges(code: str, until: date | None, kabupaten: tuple[str, ...], lang_code: str) -> str | None:
    """Achievement gauges for the shown values a documented target judges, as HTML (as many side by side as
    fit, stacked on a phone); None when there are none."""
    frame = isu.gauge_frame(source(), code, until, kabupaten)
    if frame is None:
        return None
    return chart_status.gauge_grid_html(frame, lang=lang())
