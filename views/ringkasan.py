"""Ringkasan: the Gubernur's briefing — five isu cards, a status map, the kabupaten × isu matrix, small wins."""
import streamlit as st

from lib import ui
from lib.ui import since_apel

filters = ui.current_filters()
st.title(ui.t("ringkasan.judul"))
single = filters.kabupaten[0] if len(filters.kabupaten) == 1 else None
headlines = ui.headlines(single, filters.until)
st.caption(ui.fill("ringkasan.keterangan_kabupaten", nama=headlines["nama"].iloc[0]) if single
           else ui.t("ringkasan.keterangan"))
with st.container(key="ringkasan_kartu"):  # lib.ui.layout tightens it on laptop and projector screens
    ui.headline_cards(single, filters.until)
ui.simulasi_warning(headlines)

matrix = ui.kabupaten_matrix(filters.until)
left, right = st.columns([2, 3], gap="medium")
with left:
    st.subheader(ui.t("ringkasan.peta"))
    isu = st.radio(ui.t("ringkasan.pilih_isu"), options=list(ui.ISU_ORDER), index=1, horizontal=True,
                   format_func=lambda code: ui.t(f"isu.{code}"), key="ringkasan_isu")
    ui.status_map(matrix[matrix["isu"] == isu], key="ringkasan_peta")
with right:
    st.subheader(ui.t("ringkasan.matriks"))
    with st.container(key="ringkasan_matriks"):  # on a phone the grid gives way to a list per kabupaten
        ui.status_matrix(filters.until, filters.kabupaten)

st.subheader(ui.t("ringkasan.kemenangan"))
ui.wins_strip(filters.until, filters.kabupaten)

since_apel.since_apel_section(filters.kabupaten)

ui.narrative(filters.until)
with st.container(horizontal=True, key="ringkasan_unduh"):
    ui.brief_button(filters.until, filters.kabupaten, key="ringkasan_pdf")
    ui.headline_image_buttons(filters.until, key="ringkasan_png")
