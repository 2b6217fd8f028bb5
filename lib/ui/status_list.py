"""The kabupaten × isu scorecard as a list per kabupaten: what a phone shows instead of the grid."""
from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from lib import i18n
from lib.ui.state import lang, t
from lib.ui.widgets import _chip, _chip_text  # the one status chip of the app


def _status_chip(row: pd.Series) -> str:
    if pd.isna(row["nilai"]):
        return _chip(None)
    return _chip_text(t("chart.tanpa_target")) if pd.isna(row["status"]) else _chip(row["status"])


def kabupaten_status_list(matrix: pd.DataFrame) -> None:
    """One block per kabupaten: each isu with its value and status chip (hidden above 640 px by lib.ui.layout)."""
    blocks = []
    for _, rows in matrix.groupby("wilayah", sort=True):
        items = "".join(
            f"<li><span>{html.escape(t('isu.' + r['isu']))}: "
            f"<b>{html.escape(i18n.format_value(r['nilai'], r['satuan'], lang()))}</b></span>"
            f"{_status_chip(r)}</li>"
            for _, r in rows.iterrows())
        blocks.append(f'<div class="m41-kab"><b>{html.escape(rows["nama"].iloc[0])}</b><ul>{items}</ul></div>')
    st.html(f'<div class="m41-kablist">{"".join(blocks)}</div>')
