"""Ringkasan: the Gubernur's briefing — five isu cards, a status map, the kabupaten × isu matrix, small wins."""
import streamlit as st

from lib.data import queries
from lib.ui import asuh_view, briefing, data, deck_view, map_widgets, since_apel_view, state, widgets
from lib.ui import responsive as layout

filters = state.current_filters()
st.title(state.t("ringkasan.judul"))
caption_slot = st.empty()
# Arriving at the page: grey boxes where the first screen will be, filled in place (no blank page, no jump).
since_slot, cards_slot = briefing.placeholders() if layout.fresh_page() else (st.empty(), st.empty())
caption_slot.caption(briefing.caption(filters.kabupaten, filters.until))
with since_slot:  # its one bordered box replaces the placeholder once computed
    since_apel_view.since_summary(filters.kabupaten)  # the first screen: three lines against the last apel
briefing.headline_cards(filters.kabupaten, filters.until, cards_slot)
single = filters.kabupaten[0] if len(filters.kabupaten) == 1 else None
widgets.simulasi_warning(data.headlines(single, filters.until))

matrix = data.kabupaten_matrix(filters.until)
left, right = st.columns([2, 3], gap="medium")
with left:
    st.subheader(state.t("ringkasan.peta"))
    isu = st.radio(state.t("ringkasan.pilih_isu"), options=list(queries.ISU_ORDER), index=1, horizontal=True,
                   format_func=lambda code: state.t(f"isu.{code}"), key="ringkasan_isu")
    map_widgets.status_map(matrix[matrix["isu"] == isu], key="ringkasan_peta")
with right:
    st.subheader(state.t("ringkasan.matriks"))
    with st.container(key="ringkasan_matriks"):  # on a phone the grid gives way to a list per kabupaten
        briefing.status_matrix(filters.until, filters.kabupaten)

st.subheader(state.t("ringkasan.kemenangan"))
briefing.wins_strip(filters.until, filters.kabupaten)
asuh_view.wins_lines(filters.kabupaten)  # orang tua asuh: official rows only; a simulated-only programme says so

since_apel_view.since_apel_section(filters.kabupaten)

deck_view.narrative(filters.until)
with st.container(horizontal=True, key="ringkasan_unduh"):
    deck_view.brief_button(filters.until, filters.kabupaten, key="ringkasan_pdf")
    deck_view.headline_image_buttons(filters.until, key="ringkasan_png")
