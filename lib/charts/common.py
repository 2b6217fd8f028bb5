"""Helpers shared by the chart builders (lib.charts.values, lib.charts.gauges): input checks, texts, empty chart."""
from __future__ import annotations

from typing import Iterable

import altair as alt
import pandas as pd

from lib.charts.theme import MUTED
from lib.text import i18n


class ChartInputError(ValueError):
    """A frame or argument a chart builder cannot draw; the message says what to pass instead."""


def empty_chart(lang: str = "id", *, height: int = 120, font_size: int = 16) -> alt.Chart:
    """A chart that says 'Tidak ada data untuk pilihan ini' instead of raising."""
    frame = pd.DataFrame({"pesan": [i18n.t("chart.empty", lang)]})
    mark = alt.Chart(frame).mark_text(fontSize=font_size, color=MUTED)
    return mark.encode(text="pesan:N").properties(width="container", height=height)


def _has_rows(df: pd.DataFrame | None, columns: Iterable[str], builder: str) -> bool:
    """False for None or an empty frame; raises ChartInputError naming any missing column."""
    if df is None or len(df) == 0:
        return False
    if missing := [c for c in columns if c not in df.columns]:
        raise ChartInputError(f"{builder}: kolom {', '.join(missing)} tidak ada; kolom yang diperlukan: "
                              f"{', '.join(columns)}.")
    return True
