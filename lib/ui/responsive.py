"""Layout of the frame for every screen a user has: phones (≤ 640 px), office laptops (1366×768),
projectors (1280×720) and wall screens. CSS only; the widgets live where they belong (lib.ui.state draws
the filters, pages draw their content)."""
from __future__ import annotations

import re

import streamlit as st

from lib.screens.cards import rows_html
from lib.ui.loading import WAIT_STYLE

# Phones say so in their user agent (Android "Mobile", iPhone "Mobile/…"); tablets and desktops do not.
PHONE_AGENT = re.compile(r"Mobi|iPhone|Android.+Mobile", re.IGNORECASE)

# Breakpoints: Streamlit stacks columns below 640 px and collapses an "auto" sidebar below 768 px.
LAYOUT_STYLE = """
<style>
/* Sidebar: the filters first, navigation below, so every filter is in view on a 720 px high projector. */
[data-testid="stSidebarContent"] {display: flex; flex-direction: column;}
[data-testid="stSidebarHeader"] {order: 0;}
[data-testid="stSidebarUserContent"] {order: 1; padding-top: 0; padding-bottom: 0.25rem;}
[data-testid="stSidebarNav"] {order: 2;}
[data-testid="stSidebarUserContent"] [data-testid="stVerticalBlock"] {gap: 0.55rem;}
[data-testid="stSidebarNav"] a {min-height: 1.9rem; line-height: 1.9rem;}
/* The compact filter bar at the top of every page: only where the sidebar starts closed. */
.st-key-m41_filterbar {margin-bottom: -0.5rem;}
@media (min-width: 768px) {.st-key-m41_filterbar {display: none;}}
/* Nothing scrolls the page sideways: wide content scrolls inside its own box. */
[data-testid="stMain"] {overflow-x: hidden;}
[data-testid="stVegaLiteChart"], [data-testid="stDataFrame"] {max-width: 100%; overflow-x: auto;}
.m41-card h3, .m41-card .meta, .m41-win, .m41-legend {overflow-wrap: anywhere;}
/* Isu cards (lib.screens.cards): number, period and age, status chip, target, then the gauge (an SVG image
   that takes its column's width) with its two ends and the words saying what its % is; the source last. */
.m41-card .m41-when {font-size: 0.88rem; color: #33404a; margin-top: 2px;}
.m41-card .m41-chip {margin-top: 4px;}
.m41-gaugebox {max-width: 220px; margin: 8px auto 2px;}
.m41-gauge {display: block; width: 100%; height: auto; margin: 0 auto;}
.m41-ends {display: flex; justify-content: space-between; gap: 4px; font-size: 0.78rem; line-height: 1.2;
           color: #47535c; margin-top: 2px;}
.m41-ends.m41-band {justify-content: center; text-align: center;}
.m41-ends .r {text-align: right;}
.m41-ends b {color: #14212b; font-size: 0.86rem;}
.m41-gauge-words {font-size: 0.86rem; font-weight: 600; color: #14212b; margin-top: 4px; line-height: 1.3;}
.m41-nogauge {margin-left: 0;}
.m41-nogauge .m41-gauge-words {font-weight: 400; color: #33404a; border-left: 3px solid #c5ced6; padding-left: 6px;}
.m41-card .m41-src {font-size: 0.8rem; color: #5b6770; margin-top: 6px; overflow-wrap: anywhere;}
/* An isu page's gauges (lib.charts.gauges.gauge_grid_html): as many side by side as fit, stacked on a phone. */
.m41-gauges {display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 14px 18px;}
.m41-gaugecell {max-width: 240px;}
.m41-gaugelabel {font-weight: 600; font-size: 0.95rem; margin-bottom: 4px; overflow-wrap: anywhere;}
.m41-gaugetarget {font-size: 0.8rem; color: #47535c; margin-top: 2px;}
/* The phone's five statuses in five lines (lib.screens.cards.strip_html): hidden where the cards fit. */
.m41-strip ul {list-style: none; margin: 0; padding: 0; border: 1px solid #d5dde3; border-radius: 8px;}
.m41-strip li {display: grid; grid-template-columns: 1fr auto; align-items: baseline; gap: 2px 8px;
               padding: 5px 10px; border-top: 1px solid #eef1f3; font-size: 0.95rem;}
.m41-strip li:first-child {border-top: none;}
.m41-strip .isu {font-weight: 600;}
.m41-strip .m41-chip {grid-column: 1 / -1; justify-self: start; margin-top: 0; font-size: 0.8rem;}
@media (min-width: 641px) {
  [data-testid="stElementContainer"]:has(.m41-strip) {display: none;}
}
/* Map legends: a column beside the map that names the scale (lib.ui.map_widgets.show_map); on a phone the
   legend wraps below the map. The legend under the kabupaten × isu matrix stays a row. */
.m41-legend-title {flex-basis: 100%; font-weight: 600; font-size: 0.85rem; line-height: 1.25;}
[class*="st-key-m41_peta_"] .m41-legend {flex-direction: column; flex-wrap: nowrap; gap: 5px; width: 8.5rem;
                                          margin: 0; font-size: 0.8rem; line-height: 1.25;}
[class*="st-key-m41_peta_"] .m41-legend > span {display: flex; align-items: flex-start;}
[class*="st-key-m41_peta_"] .m41-legend span.sw {flex: none; margin-top: 1px;}
/* A name on the map (lib.maps.vega) lets the pointer through to its area: hovering or clicking a name is
   hovering or clicking the kabupaten. */
[class*="st-key-m41_peta_"] .mark-text {pointer-events: none;}
@media (max-width: 640px) {
  [class*="st-key-m41_peta_"] {flex-wrap: wrap !important;}  /* (a column would squash the map to its basis) */
  [class*="st-key-m41_peta_"] > [data-testid="stElementContainer"] {flex: 1 1 100% !important;}
  [class*="st-key-m41_peta_"] .m41-legend {width: auto; flex-direction: row; flex-wrap: wrap; gap: 4px 14px;}
}
/* Laptops and projectors (768–1599 px wide, so 1366×768 and 1280×720): a tighter first screen so the
   kabupaten sit under the cards. By width only: a taller window must not re-lay out the page. */
@media (min-width: 768px) and (max-width: 1599px) {
  .block-container {padding: 1rem 1.5rem 2rem !important;}
  .st-key-ringkasan_kartu [data-testid="stCaptionContainer"] {font-size: 0.78rem; line-height: 1.3;}
  .st-key-ringkasan_kartu [data-testid="stVerticalBlock"] {gap: 0.35rem;}
  h3 {font-size: 1.3rem !important; padding: 0.3rem 0 !important;}
  h1 {font-size: 2rem !important; padding: 0.25rem 0 0.5rem !important;}
  .m41-card {height: auto !important; min-height: 190px; padding: 10px 12px 8px !important;}
  .m41-card h3 {font-size: 0.98rem !important;}
  .m41-card .meta {font-size: 0.84rem !important;}
}
/* Phones: compact stacked cards, the matrix as a list, tighter margins. */
.m41-kablist {display: none;}
/* Tables with a card list beside them (lib.ui.responsive.phone_rows): the table on wide screens, the cards on
   a phone. */
[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] ul.m41-rows) {display: none;}
.m41-rows {list-style: none; margin: 0 !important; padding: 0 !important; display: grid; gap: 8px;}
.m41-rows li {margin: 0 !important;}
.m41-rows li {border: 1px solid #d5dde3; border-radius: 8px; padding: 6px 10px; font-size: 0.9rem;
              overflow-wrap: anywhere;}
.m41-rows li b {display: block; margin-bottom: 2px;}
.m41-rows .k {color: #5b6770;}
.m41-rows .m41-chip {margin-top: 0; font-size: 0.82rem;}
@media (max-width: 640px) {
  [class*="st-key-m41_tabel_"] [data-testid="stElementContainer"]:has([data-testid="stDataFrame"]) {display: none;}
  [data-testid="stElementContainer"]:has(> [data-testid="stHtml"] ul.m41-rows) {display: block;}
}
@media (max-width: 640px) {
  .block-container {padding: 3.6rem 0.75rem 3rem !important;}  /* below the header with the sidebar button */
  h1 {font-size: 1.6rem !important;}
  .m41-card {height: auto !important; min-height: 0 !important; padding: 8px 12px 6px !important;}
  .m41-card .big {font-size: 1.6rem !important;}
  .m41-wins {grid-template-columns: 1fr !important;}
  .m41-status {font-size: 1.1rem !important; max-width: 100%; white-space: normal;}
  .st-key-ringkasan_matriks [data-testid="stVegaLiteChart"] {display: none;}
  /* Charts keep a readable width (legends and axis titles whole) and scroll inside their own box. */
  [data-testid="stFullScreenFrame"]:has([data-testid="stVegaLiteChart"]) {overflow-x: auto;}
  [data-testid="stVegaLiteChart"] {min-width: 560px;}
  .m41-gaugebox {max-width: 240px;}
  /* The trend chart fits the phone: its wilayah legend takes as many columns as fit (lib.charts.values). */
  .st-key-isu_tren [data-testid="stVegaLiteChart"] {min-width: 0;}
  /* Maps (lib.maps.vega) fit the projection to the phone's width: nothing to scroll. */
  [class*="st-key-m41_peta_"] [data-testid="stVegaLiteChart"] {min-width: 0;}
  .m41-kablist {display: grid; gap: 8px;}
  /* Status counters (Kabupaten): three to a row, small, instead of one full-width box each. */
  .st-key-m41_counts [data-testid="stHorizontalBlock"] {flex-wrap: wrap !important; gap: 6px !important;}
  .st-key-m41_counts [data-testid="stColumn"] {min-width: calc(33.3% - 6px) !important;
                                               flex: 1 1 calc(33.3% - 6px) !important; width: auto !important;}
  .st-key-m41_counts [data-testid="stMetric"] {padding: 6px 8px !important;}
  .st-key-m41_counts [data-testid="stMetricLabel"] p {font-size: 0.75rem !important; white-space: normal;}
  .st-key-m41_counts [data-testid="stMetricValue"] {font-size: 1.4rem !important;}
}
.m41-kab {border: 1px solid #d5dde3; border-radius: 8px; padding: 6px 10px;}
.m41-kab b {font-size: 1rem;}
.m41-kab summary {display: flex; align-items: center; justify-content: space-between; gap: 8px; cursor: pointer;
                  min-height: 2rem;}
.m41-kab .sqs {display: flex; gap: 4px; margin-left: auto;}
.m41-kab summary::before {content: ""; flex: none; width: 7px; height: 7px; margin: 0 4px 0 2px;
                          border: solid #5b6770; border-width: 0 2px 2px 0; transform: rotate(-45deg);}
.m41-kab[open] summary::before {transform: rotate(45deg);}
.m41-kab summary::-webkit-details-marker {display: none;}
.m41-kabkey {font-size: 0.82rem; color: #47535c;}
.m41-kab .sq {display: inline-block; width: 18px; height: 18px; border-radius: 4px; border: 1px solid #0002;}
.m41-kab ul {list-style: none; margin: 4px 0 0; padding: 0;}
.m41-kab li {display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 2px 8px;
             margin: 0; padding: 3px 0; border-top: 1px solid #eef1f3; font-size: 0.9rem;}
.m41-kab li .m41-chip {margin-top: 0;}
</style>
"""


def apply_layout() -> None:
    """The responsive layout rules shared by every page (see module doc), with the grey placeholders' style."""
    st.html(LAYOUT_STYLE + f"<style>{WAIT_STYLE}</style>")


def filter_bar_wanted() -> bool:
    """Whether to draw the phone filter bar this run: always for a phone; elsewhere not on the session's first
    run. The CSS that hides the bar on wide screens comes with Streamlit's HTML code, which a fresh tab loads
    about a second after its first widgets, so a bar drawn on that first run flashed on desktops. From the
    second run on (any click) a narrow desktop window gets the bar too; the sidebar is there meanwhile."""
    phone = bool(PHONE_AGENT.search(st.context.headers.get("User-Agent") or ""))
    wanted = phone or bool(st.session_state.get("m41_ran"))
    st.session_state["m41_ran"] = True
    return wanted


def phone_rows(frame, title: str, skip: tuple[str, ...] = (), fills: list[str] | None = None,
               status_column: str | None = None) -> None:
    """Beside a table drawn in a container keyed `m41_tabel_…`: the same rows as small cards
    (lib.screens.cards.rows_html; with fills, the status as a coloured chip), which a phone shows instead of
    the table."""
    st.html(rows_html(frame, title, skip, fills, status_column))


def note_page(url_path: str) -> None:
    """Remember which page this run draws, so a page can tell a fresh arrival from a rerun of itself."""
    st.session_state["m41_page_fresh"] = st.session_state.get("m41_page") != url_path
    st.session_state["m41_page"] = url_path


def fresh_page() -> bool:
    """Whether this run arrives at its page (first load or from another page), not a rerun on it: only then
    do placeholders help (on a rerun Streamlit keeps the last drawing in place until the new one comes)."""
    return bool(st.session_state.get("m41_page_fresh", True))
