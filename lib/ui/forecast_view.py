"""The 'will the target be met?' lines under an isu page's trend (lib.judge.forecast in words)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.data import queries
from lib.judge import forecast
from lib.ui.state import cached_by_database, cursor, lang, t


def _name(registry: pd.Series, lang_code: str) -> str:
    """The indicator's name in the page's language (English where the record has one)."""
    english = registry.get("nama_en")
    return english if lang_code == "en" and isinstance(english, str) and english else registry["nama"]


@cached_by_database
def forecast_lines(indikator: str, wilayah: tuple[str, ...], names: tuple[str, ...], lang_code: str) -> list[str]:
    """One sentence per wilayah that has a target: '<wilayah>: Dengan laju …'."""
    con = cursor()
    registry = queries.indicators(con).set_index("kode").loc[indikator]
    history = queries.series(con, [indikator], list(wilayah))
    targets = queries.targets(con, [indikator], list(wilayah))
    breaks = queries.series_breaks(con, [indikator], list(wilayah))
    lines = []
    for code, name in zip(wilayah, names):
        found = forecast.outlook(history[history["wilayah"] == code], targets[targets["wilayah"] == code],
                                 registry["arah"], code, forecast.break_dates(breaks, indikator, code))
        if found is not None:
            lines.append(f"**{name}**: {forecast.outlook_text(found, registry['satuan'], _name(registry, lang_code), lang_code)}")
    return lines


def forecast_section(indicator: pd.Series, wilayah: dict[str, str]) -> None:
    """The forecast lines of the indicator for the given wilayah (code -> name), under a small heading."""
    lines = forecast_lines(indicator.name, tuple(wilayah), tuple(wilayah.values()), lang())
    if lines:
        st.markdown(f"**{t('prakiraan.judul')}**")
        for line in lines:
            st.caption(line)


def forecast_method() -> None:
    """Tentang: how the forecast is made and its limits."""
    st.subheader(t("tentang.prakiraan"))
    st.markdown(t("tentang.prakiraan_teks", n=forecast.MIN_POINTS))
