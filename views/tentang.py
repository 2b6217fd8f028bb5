"""Tentang: indicator definitions, how statuses are decided, where the data comes from, licences."""
import streamlit as st

from lib.ui import screen_tables, since_apel_view, state, status_display, widgets
from lib.ui.source_notes import data_source_notes

st.title(state.t("tentang.judul"))
st.markdown(state.t("tentang.pengantar"))

st.subheader(state.t("tentang.indikator"))
widgets.indicator_definitions()

st.subheader(state.t("tentang.status"))
st.markdown(state.t("tentang.status_teks"))
status_display.achievement_example()
status_display.decision_table()

status_display.forecast_method()

st.subheader(state.t("tentang.utama"))
st.markdown(state.t("tentang.utama_teks"))
st.dataframe(screen_tables.headline_table(), hide_index=True, width="stretch")

st.subheader(state.t("tentang.pemilik"))
st.markdown(screen_tables.owners_text())

st.subheader(state.t("tentang.usia"))
st.markdown(state.t("tentang.usia_teks"))
status_display.freshness_rule_table()

st.subheader(state.t("tentang.data"))
st.markdown(state.t("tentang.data_teks"))

st.subheader(state.t("since.tentang_judul"))  # issue 18: one meaning per mark; since the apel, truthfully
st.markdown(state.t("since.tentang_teks", jam=since_apel_view.default_hour_text()))

st.subheader(state.t("tentang.lisensi"))
widgets.attributions()

st.subheader(state.t("tentang.catatan_sumber"))  # what "Rincian: Catatan sumber data" points to
st.caption(state.t("tentang.catatan_sumber_bahasa"))
with st.expander(state.t("tentang.catatan_sumber"), icon=":material/menu_book:"):
    st.markdown(data_source_notes())
