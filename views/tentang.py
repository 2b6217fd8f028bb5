"""Tentang: indicator definitions, how statuses are decided, where the data comes from, licences."""
import streamlit as st

from lib import ui
from lib.ui import forecast_view
from lib.ui.notes import data_source_notes

st.title(ui.t("tentang.judul"))
st.markdown(ui.t("tentang.pengantar"))

st.subheader(ui.t("tentang.indikator"))
ui.indicator_definitions()

st.subheader(ui.t("tentang.status"))
st.markdown(ui.t("tentang.status_teks"))
ui.achievement_example()
ui.threshold_table()

forecast_view.forecast_method()

st.subheader(ui.t("tentang.usia"))
st.markdown(ui.t("tentang.usia_teks"))
ui.freshness_rule_table()

st.subheader(ui.t("tentang.data"))
st.markdown(ui.t("tentang.data_teks"))

st.subheader(ui.t("tentang.lisensi"))
ui.attributions()

st.subheader(ui.t("tentang.catatan_sumber"))  # what "Rincian: Catatan sumber data" points to
st.caption(ui.t("tentang.catatan_sumber_bahasa"))
with st.expander(ui.t("tentang.catatan_sumber"), icon=":material/menu_book:"):
    st.markdown(data_source_notes())
