"""Ringkasan's sections, prepared once per snapshot, public mode, language and filters and shared by every
session (lib.ui.state.cached_display): the isu cards, the kabupaten × isu matrix (grid, and the list a phone
shows) and the small wins. Made on every run they were most of a warm Ringkasan."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from lib.charts import status as chart_status
from lib.present import status_text
from lib.present.quality_tables import period_label
from lib.text import i18n
from lib.ui.data import cell_owners, headlines, kabupaten_matrix, small_wins
from lib.ui.map_widgets import status_legend
from lib.ui.result_store import Shared
from lib.ui.state import cached_display, lang, t
from lib.ui.status_display import Card, card, draw_cards, small_wins_html
from lib.ui.status_list import list_html
from lib.ui.text import plain
from lib.ui.widgets import empty_state, prepared_chart, show_prepared


@dataclass(frozen=True)
class Matrix:
    chart: Shared  # the grid
    caption: str  # which indicator each column shows
    list_html: str  # the same cells as a list per kabupaten (phones)


def headline_cards(kabupaten: str | None, until: date | None) -> None:
    """The five isu cards of the province (or of one kabupaten)."""
    draw_cards(_cards(kabupaten, until))


@cached_display
def _cards(kabupaten: str | None, until: date | None) -> tuple[Card, ...]:
    return tuple(card(row) for _, row in headlines(kabupaten, until).iterrows())


def status_matrix(until: date | None, kabupaten: tuple[str, ...]) -> None:
    """The kabupaten × isu scorecard matrix of the chosen kabupaten (all when none): one indicator per column,
    its period in the heading or in every cell, colour by status against a documented target only, muted
    when lama; basis and owners in the tooltip. Under it the legend, and the list that replaces it on a phone."""
    shown = _matrix(until, kabupaten)
    show_prepared(shown.chart)
    status_legend()
    st.caption(shown.caption)
    st.html(shown.list_html)


@cached_display
def _matrix(until: date | None, kabupaten: tuple[str, ...]) -> Matrix:
    matrix = kabupaten_matrix(until)
    matrix = matrix[matrix["wilayah"].isin(kabupaten)] if kabupaten else matrix
    headings = _column_headings(matrix)
    indicators = matrix.drop_duplicates("isu")
    caption = t("ringkasan.matriks_keterangan", daftar="; ".join(
        f"{plain(headings[r['isu']])}: {plain(r['nama_indikator'])}" for _, r in indicators.iterrows()))
    chart = chart_status.status_matrix(_matrix_cells(matrix, headings), lang=lang())
    return Matrix(prepared_chart(chart, lang()), caption, list_html(matrix))


def _column_headings(matrix: pd.DataFrame) -> dict[str, str]:
    """Per isu: the heading of its matrix column, with the period when all its values share one."""
    headings = {}
    for isu, group in matrix.groupby("isu", sort=False):
        heading = status_text.isu_heading(isu, group["indikator"].iloc[0], lang())
        periods = group["periode"].dropna().unique()
        headings[isu] = f"{heading} ({period_label(periods[0], lang())})" if len(periods) == 1 else heading
    return headings


def _cell_text(row: pd.Series, mixed: bool) -> str | None:
    if pd.isna(row["nilai"]):
        return None
    value = i18n.format_value(row["nilai"], row["satuan"], lang())
    # The period on a second line: one line of both runs past a cell at 1280 × 720 (lib.charts.status breaks lines).
    return f"{value}\n({period_label(row['periode'], lang())})" if mixed else value


def _matrix_cells(matrix: pd.DataFrame, headings: dict[str, str]) -> pd.DataFrame:
    """The matrix cells with their texts and owners."""
    mixed = {isu: g["periode"].dropna().nunique() > 1 for isu, g in matrix.groupby("isu", sort=False)}
    keys = tuple(zip(matrix["isu"], matrix["wilayah"]))
    owners = cell_owners(keys, lang())
    return pd.DataFrame({
        "wilayah_nama": matrix["nama"], "isu_nama": [headings[i] for i in matrix["isu"]],
        "status": matrix["status"],
        "value_text": [_cell_text(r, mixed[r["isu"]]) for _, r in matrix.iterrows()],
        "fill": [status_text.status_fill(r) for _, r in matrix.iterrows()],
        "keterangan": [status_text.status_line(r, lang()) for _, r in matrix.iterrows()],
        "target_text": [status_text.basis_text(r, lang()) or i18n.MISSING for _, r in matrix.iterrows()],
        "periode_text": matrix["periode_label"].fillna(i18n.MISSING),
        "change_text": [status_text.change_text(r, lang()) or i18n.MISSING for _, r in matrix.iterrows()],
        "pemilik": [owners[key] or i18n.MISSING for key in keys]})


def wins_strip(until: date | None, kabupaten: tuple[str, ...]) -> None:
    """The small-wins strip of the chosen kabupaten (the province's when none)."""
    html = _wins_html(until, kabupaten)
    if html is None:
        empty_state(t("ringkasan.kemenangan_kosong"))
    else:
        st.html(html)


@cached_display
def _wins_html(until: date | None, kabupaten: tuple[str, ...]) -> str | None:
    wins = small_wins(until, kabupaten)
    return None if wins.empty else small_wins_html(wins)
