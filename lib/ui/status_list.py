"""The kabupaten × isu scorecard as a list per kabupaten: what a phone shows instead of the grid."""
from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from lib.present import status_text
from lib.text import i18n
from lib.ui.state import lang
from lib.ui.status_display import chip  # the one status chip of the app (muted and aged when lama)


def _item(row: pd.Series) -> str:
    """One isu of a kabupaten: the indicator's heading, its value and period, and the status chip."""
    heading = status_text.isu_heading(row["isu"], row["indikator"], lang())
    value = i18n.format_value(row["nilai"], row["satuan"], lang())
    period = f" ({row['periode_label']})" if pd.notna(row["nilai"]) and pd.notna(row["periode_label"]) else ""
    return (f"<li><span>{html.escape(heading)}: <b>{html.escape(value)}</b>{html.escape(period)}</span>"
            f"{chip(row)}</li>")


def kabupaten_status_list(matrix: pd.DataFrame) -> None:
    """One block per kabupaten: each isu with its value, period and status chip (hidden above 640 px by
    lib.ui.responsive)."""
    st.html(list_html(matrix))


def list_html(matrix: pd.DataFrame) -> str:
    """The list's HTML (row by row it costs ~0,1–0,3 s: lib.ui.briefing makes it once per snapshot)."""
    blocks = []
    for _, rows in matrix.groupby("wilayah", sort=True):
        items = "".join(_item(r) for _, r in rows.iterrows())
        blocks.append(f'<div class="m41-kab"><b>{html.escape(rows["nama"].iloc[0])}</b><ul>{items}</ul></div>')
    return f'<div class="m41-kablist">{"".join(blocks)}</div>'
