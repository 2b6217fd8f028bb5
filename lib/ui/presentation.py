"""The Presentasi screen's parts: hall-readable slides, controls and the self-advancing deck state."""
from __future__ import annotations

import html
import time
from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from lib import charts, i18n, slides, status_text
from lib.chart_status import ink_on
from lib.ui.state import lang, t
from lib.ui.status_display import headline_value
from lib.ui.text import plain
from lib.ui.widgets import keep_unit, show_chart

DECK_KEY = "presentasi_deck"
STYLE = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"] {display: none !important;}
.block-container {padding-top: 1rem !important; max-width: 100% !important;}
.m41-slide h1 {font-size: 3.2rem; margin: 0 0 .5rem; line-height: 1.15;}
.m41-slide .sub {font-size: 1.6rem; color: #47535c;}
.m41-grid {display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 18px; margin-top: 1.5rem;}
.m41-tile {border-radius: 14px; background: #f6f8fa; border-top: 12px solid var(--c); padding: 18px;
           min-height: 58vh;}
.m41-tile .name {font-size: clamp(1.4rem, 1.8vw, 2.2rem); font-weight: 700;}
.m41-tile .val {font-size: clamp(2.6rem, 3.6vw, 4.6rem); font-weight: 800; line-height: 1.1; margin: .6rem 0;}
.m41-tile .meta {font-size: clamp(1.1rem, 1.3vw, 1.6rem); color: #47535c;}
.m41-tile .m41-status {font-size: 1.2rem; padding: 2px 12px; margin-top: .6rem;}
.m41-tile .src {font-size: 0.85rem; color: #5b6770; margin-top: .8rem;}
.m41-basis-big {font-size: clamp(1rem, 1.2vw, 1.5rem); color: #33404a; margin-top: .6rem;}
.m41-change-big {font-size: clamp(1.1rem, 1.3vw, 1.6rem); font-weight: 700; margin-top: .4rem;}
.m41-hero .val {font-size: clamp(4rem, 6vw, 8rem); font-weight: 800; line-height: 1;}
.m41-hero .meta {font-size: 1.5rem; color: #47535c; margin-top: .6rem;}
.m41-status {display: inline-block; border-radius: 999px; padding: 4px 18px; font-size: 1.6rem; font-weight: 700;
             background: var(--c); color: var(--ink); margin-top: 1rem;}
.m41-sim-big {display: inline-block; border: 3px dashed #8a5a00; color: #8a5a00; border-radius: 8px;
              padding: 2px 10px; font-size: 1.3rem; font-weight: 800; margin-top: .8rem;}
.m41-winlist li {font-size: 1.7rem; margin: .6rem 0; line-height: 1.3;}
.m41-foot {font-size: 1.1rem; color: #47535c; text-align: right;}
</style>
"""


def presentation_style() -> None:
    """Hide the sidebar and header, and set hall-sized type."""
    st.html(STYLE)


def deck() -> slides.Deck:
    """The slideshow state of this session."""
    if DECK_KEY not in st.session_state:
        st.session_state[DECK_KEY] = slides.Deck(shown_at=time.monotonic())
    return st.session_state[DECK_KEY]


def _move(delta: int) -> None:
    st.session_state[DECK_KEY] = slides.step(deck(), delta, time.monotonic())


def _toggle() -> None:
    st.session_state[DECK_KEY] = slides.toggle(deck(), time.monotonic())


def advance_deck(interval: float) -> slides.Deck:
    """Advance the deck if its slide has had its time, and return it."""
    st.session_state[DECK_KEY] = slides.tick(deck(), time.monotonic(), interval)
    return deck()


def presentation_controls() -> int:
    """Previous / pause-play / next buttons, the interval, and a way back; returns the interval in seconds."""
    cols = st.columns([1.4, 1.2, 1.4, 1.6, 4])
    cols[0].button("◀ " + t("presentasi.sebelumnya"), key="presentasi_prev", on_click=_move, args=(-1,),
                   width="stretch")
    cols[1].button(("⏸ " + t("presentasi.jeda")) if deck().playing else ("▶ " + t("presentasi.putar")),
                   key="presentasi_toggle", on_click=_toggle, width="stretch")
    cols[2].button(t("presentasi.berikutnya") + " ▶", key="presentasi_next", on_click=_move, args=(1,),
                   width="stretch")
    interval = cols[3].selectbox(t("presentasi.interval"), slides.INTERVALS, index=1, key="presentasi_interval",
                                 format_func=lambda s: t("presentasi.detik", n=s), label_visibility="collapsed")
    cols[4].page_link("views/ringkasan.py", label=t("presentasi.keluar"), icon="↩️")
    return interval


def _value(row: pd.Series) -> str:
    return headline_value(row)


def _status_html(row: pd.Series) -> str:
    """The status on a slide: colour (muted when lama), words and the value's age when lama."""
    fill = status_text.status_fill(row)
    ink = "#ffffff" if ink_on(fill) == "white" else "#14212b"
    return (f'<span class="m41-status" style="--c:{fill};--ink:{ink};border-radius:14px">'
            f'{html.escape(status_text.status_line(row, lang()))}</span>')


def _basis_html(row: pd.Series) -> str:
    """Against what: the target's value, year and basis, or the stated reference; and the change."""
    basis = status_text.basis_text(row, lang())
    change = status_text.change_since_text(row, lang(), cite_other=False)
    share = status_text.share_text(row, lang())
    return ((f'<div class="m41-basis-big">{html.escape(share)}</div>' if share else "")
            + (f'<div class="m41-basis-big">{html.escape(basis)}</div>' if basis else "")
            + (f'<div class="m41-change-big" style="color:{status_text.change_color(row)}">'
               f'{html.escape(change)}</div>' if change else ""))


def opening_slide(headlines: pd.DataFrame) -> None:
    """Title, date and the five headline numbers (official figures: the headline indicators have no
    simulated values)."""
    tiles = "".join(
        f'<div class="m41-tile" style="--c:{status_text.status_fill(r)}">'
        f'<div class="name">{html.escape(status_text.isu_heading(r["isu"], r["indikator"], lang()))}</div>'
        f'<div class="val">{keep_unit(_value(r))}</div>'
        f'<div class="meta">{html.escape(str(r["nama_indikator"]))}, '
        f'{html.escape(t("caption.per_periode", periode=r["periode_label"]))}</div>{_status_html(r)}{_basis_html(r)}'
        f'{"<div class=m41-sim-big>" + t("jenis.simulasi") + "</div>" if r["jenis"] == "simulasi" else ""}'
        f'<div class="src">{html.escape(t("caption.sumber"))}: {html.escape(str(r["sumber"]))}</div></div>'
        for _, r in headlines.iterrows())
    st.html(f'<div class="m41-slide"><h1>{html.escape(t("presentasi.judul"))}</h1>'
            f'<div class="sub">{html.escape(i18n.format_date(date.today(), lang()))}</div>'
            f'<div class="m41-grid">{tiles}</div></div>')


def isu_slide(isu: str, headlines: pd.DataFrame, matrix: pd.DataFrame) -> None:
    """One isu: the province figure, its status and source, and the kabupaten ranking."""
    row = headlines[headlines["isu"] == isu].iloc[0]
    left, right = st.columns([2, 3], gap="large")
    sim = f'<div class="m41-sim-big">{t("jenis.simulasi")}</div>' if row["jenis"] == "simulasi" else ""
    left.html(f'<div class="m41-slide m41-hero"><h1>{html.escape(t("isu." + isu))}</h1>'
              f'<div class="val">{keep_unit(_value(row))}</div>'
              f'<div class="meta">{html.escape(str(row["nama_indikator"]))}, '
              f'{html.escape(t("caption.per_periode", periode=row["periode_label"]))}</div>'
              f'{_status_html(row)}{_basis_html(row)}{sim}'
              f'<div class="meta">{html.escape(t("caption.sumber"))}: {html.escape(str(row["sumber"]))}</div></div>')
    kab = matrix[(matrix["isu"] == isu) & matrix["nilai"].notna() & (matrix["jenis"] == "resmi")]
    with right:
        if kab.empty:
            note = html.escape(t("presentasi.tanpa_kabupaten"))
            st.html(f'<div class="m41-slide"><div class="sub">{note}</div></div>')
            return
        heading = status_text.isu_heading(isu, kab["indikator"].iloc[0], lang())
        st.html(f'<div class="m41-slide"><div class="sub">{html.escape(heading)}: '
                f'{html.escape(kab["nama_indikator"].iloc[0])} — {html.escape(t("presentasi.per_kabupaten"))}'
                f'</div></div>')
        unit = t(f"unit.{kab['satuan'].iloc[0]}") if f"unit.{kab['satuan'].iloc[0]}" in i18n.STRINGS else ""
        labelled = kab.assign(nama=kab["nama"] + " (" + kab["periode_label"] + ")",
                              _fill=[status_text.status_fill(r) for _, r in kab.iterrows()])
        chart = charts.ranking_chart(labelled, value_column="nilai", label_column="nama", unit_label=unit,
                                     status_column="status", arah=kab["arah"].iloc[0], lang=lang(), font_size=24,
                                     fill_column="_fill")
        # Hall-sized type: axis and value labels readable from the back of the room.
        show_chart(chart.properties(height=alt.Step(64)).configure_legend(labelFontSize=18, titleFontSize=18))
        notes = [status_text.older_values_text(kab, lang()),
                 "; ".join(dict.fromkeys(b for b in (status_text.basis_text(r, lang()) for _, r in kab.iterrows()) if b)),
                 charts.chart_caption(kab["sumber"], None, False, lang())]
        st.caption(plain(" ".join(n for n in notes if n)))


def closing_slide(wins: pd.DataFrame) -> None:
    """Small wins (current, official figures only: the slideshow is public) and thanks."""
    wins = wins[wins["jenis"] == "resmi"]
    items = "".join(
        f"<li><b>{html.escape(r['nama'])}</b> — {html.escape(r['nama_indikator'])}: "
        f"{html.escape(i18n.format_value(r['nilai_sebelumnya'], r['satuan'], lang()))} → "
        f"{html.escape(_value(r))} ({html.escape(str(r['periode_label']))}) "
        f"<span style=\"color:{status_text.change_color(r)}\">{html.escape(status_text.change_text(r, lang()))}</span>"
        f"</li>"
        for _, r in wins.iterrows())
    st.html(f'<div class="m41-slide"><h1>{html.escape(t("ringkasan.kemenangan"))}</h1>'
            f'<ul class="m41-winlist">{items}</ul>'
            f'<h1 style="margin-top:2rem">{html.escape(t("presentasi.terima_kasih"))}'
            f'</h1></div>')


def slide_footer(index: int, total: int) -> None:
    """Slide number and the public-figures note."""
    st.html(f'<div class="m41-foot">{html.escape(t("presentasi.publik"))} · {index + 1}/{total}</div>')
