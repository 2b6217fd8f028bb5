"""Ringkasan, the Gubernur's briefing: the isu cards, the kabupaten × isu matrix (grid and the list a phone
shows) and the small wins, for the chosen kabupaten (the province when none)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from lib.charts import gauges
from lib.judge import headlines as headline_rules
from lib.judge import scorecard
from lib.present import status_text
from lib.present.markdown import plain
from lib.present.quality_tables import period_label
from lib.screens import cards, reads
from lib.screens.source import Source
from lib.text import i18n


@dataclass(frozen=True)
class Matrix:
    """The kabupaten × isu matrix: its cells (one row per kabupaten and isu), the grid drawn from them, the
    caption naming each column's indicator and the same cells as a list per kabupaten (phones)."""
    cells: pd.DataFrame
    chart: object  # an Altair chart (lib.charts.gauges.status_matrix)
    caption: str
    list_html: str


def single_kabupaten(kabupaten: tuple[str, ...]) -> str | None:
    """The kabupaten the cards show: the one chosen, or None (the province) when none or several are."""
    return kabupaten[0] if len(kabupaten) == 1 else None


def headlines(src: Source, kabupaten: tuple[str, ...], until: date | None) -> pd.DataFrame:
    """The rows behind the five isu cards (the province's headline indicators, or one kabupaten's)."""
    return src.read(reads.headlines, single_kabupaten(kabupaten), until)


def caption(src: Source, kabupaten: tuple[str, ...], until: date | None) -> str:
    """The line under the title: whose figures the cards show."""
    single = single_kabupaten(kabupaten)
    if single is None:
        return src.t("ringkasan.keterangan")
    return src.t("ringkasan.keterangan_kabupaten", nama=plain(headlines(src, kabupaten, until)["nama"].iloc[0]))


def headline_cards(src: Source, kabupaten: tuple[str, ...], until: date | None) -> tuple[cards.Card, ...]:
    """The five isu cards of the province (or of the one chosen kabupaten)."""
    return cards.cards(headlines(src, kabupaten, until), src)


def headline_strip(src: Source, kabupaten: tuple[str, ...], until: date | None) -> str:
    """The five statuses in five short lines, for a phone's first screen (lib.screens.cards.strip_html)."""
    return cards.strip_html(headlines(src, kabupaten, until), src.lang)


def kabupaten_matrix(src: Source, until: date | None) -> pd.DataFrame:
    """Each isu's kabupaten indicator for every kabupaten, assessed (the map and the matrix)."""
    return src.read(scorecard.kabupaten_matrix, until)


def matrix(src: Source, until: date | None, kabupaten: tuple[str, ...]) -> Matrix:
    """The matrix of the chosen kabupaten (all when none): one indicator per column, its period in the heading
    or in every cell, colour by status against a documented target only, basis and owners in the tooltip."""
    rows = kabupaten_matrix(src, until)
    total = rows["wilayah"].nunique()
    rows = rows[rows["wilayah"].isin(kabupaten)] if kabupaten else rows
    headings = _column_headings(rows, src.lang)
    indicators = rows.drop_duplicates("isu")
    text = src.t("ringkasan.matriks_keterangan", daftar="; ".join(
        f"{plain(headings[r['isu']])}: {plain(r['nama_indikator'])}" for _, r in indicators.iterrows()))
    # Where a column is not the isu's headline indicator (lib.judge.headlines): say which, and why.
    notes = headline_rules.notes(src.read(headline_rules.substitutes, until), total, src.lang, list(indicators["isu"]))
    text = " ".join([text, *(plain(n) for n in notes.values())])
    cells = _matrix_cells(src, rows, headings)
    return Matrix(cells, gauges.status_matrix(cells, lang=src.lang), text,
                  cards.status_list_html(rows, src.lang))


def _shared_scope(group: pd.DataFrame, lang: str) -> str:
    """'target nasional' when every value of a column is measured against a target of that one scope (said once
    in the heading); '' when the scopes differ (each cell then says its own) or no value has a target."""
    scopes = {status_text.scope_text(r, lang) for _, r in group[group["nilai"].notna()].iterrows()}
    return scopes.pop() if len(scopes) == 1 else ""


def _column_headings(rows: pd.DataFrame, lang: str) -> dict[str, str]:
    """Per isu: the heading of its matrix column, with the period when all its values share one, and the
    target's scope when all share one ('Stunting (2022) — target nasional')."""
    headings = {}
    for isu, group in rows.groupby("isu", sort=False):
        heading = headline_rules.heading(isu, group["indikator"].iloc[0], lang)
        periods = group["periode"].dropna().unique()
        heading = f"{heading} ({period_label(periods[0], lang)})" if len(periods) == 1 else heading
        scope = _shared_scope(group, lang)
        headings[isu] = f"{heading} — {scope}" if scope else heading
    return headings


def _cell_text(row: pd.Series, mixed: bool, scope_in_heading: bool, lang: str) -> str | None:
    if pd.isna(row["nilai"]):
        return None
    value = i18n.format_value(row["nilai"], row["satuan"], lang)
    # The period on a second line: one line of both runs past a cell at 1280 × 720 (lib.charts.gauges breaks lines).
    # Then what qualifies the colour on the cell itself (issue 18): "target provinsi" unless the column's heading
    # says it for every cell, and "lama".
    scope = "" if scope_in_heading else status_text.scope_text(row, lang)
    stale = i18n.t("status.lama", lang) if bool(row.get("lama")) else ""
    lines = [value, f"({period_label(row['periode'], lang)})" if mixed else "", scope, stale]
    return "\n".join(line for line in lines if line)


def _matrix_cells(src: Source, rows: pd.DataFrame, headings: dict[str, str]) -> pd.DataFrame:
    """The matrix cells with their texts and owners."""
    lang = src.lang
    mixed = {isu: g["periode"].dropna().nunique() > 1 for isu, g in rows.groupby("isu", sort=False)}
    shared = {isu: bool(_shared_scope(g, lang)) for isu, g in rows.groupby("isu", sort=False)}
    keys = tuple(zip(rows["isu"], rows["wilayah"]))
    owners = src.read(reads.cell_owners, keys, lang)
    return pd.DataFrame({
        "wilayah_nama": rows["nama"], "isu_nama": [headings[i] for i in rows["isu"]],
        "status": rows["status"],
        "value_text": [_cell_text(r, mixed[r["isu"]], shared[r["isu"]], lang) for _, r in rows.iterrows()],
        "fill": [status_text.status_fill(r) for _, r in rows.iterrows()],
        "keterangan": [status_text.status_line(r, lang) for _, r in rows.iterrows()],
        "target_text": [status_text.basis_text(r, lang) or i18n.MISSING for _, r in rows.iterrows()],
        "periode_text": rows["periode_label"].fillna(i18n.MISSING),
        "change_text": [status_text.change_text(r, lang) or i18n.MISSING for _, r in rows.iterrows()],
        "pemilik": [owners[key] or i18n.MISSING for key in keys]})


def wins_html(src: Source, until: date | None, kabupaten: tuple[str, ...]) -> str | None:
    """The small-wins strip of the chosen kabupaten (the province's when none); None when there are none."""
    wins = src.read(reads.small_wins, until, kabupaten)
    return None if wins.empty else cards.small_wins_html(wins, src.lang)
