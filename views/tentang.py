"""Tentang: indicator definitions, how statuses are decided, where the data comes from, licences."""
import streamlit as st

from lib import ui

st.title(ui.t("tentang.judul"))
st.markdown(ui.t("tentang.pengantar"))

st.subheader(ui.t("tentang.indikator"))
indicators = ui.cached("indicators")
st.dataframe(ui.relabel(indicators, "kode", "nama", "satuan", "arah", "periodisitas", "definisi", "sumber",
                        "jumlah_nilai"), hide_index=True, width="stretch", height=420,
             column_config={ui.t("col.definisi"): st.column_config.TextColumn(width="large"),
                            ui.t("col.nama"): st.column_config.TextColumn(width="medium")})

st.subheader(ui.t("tentang.status"))
st.markdown(ui.t("tentang.status_teks"))
ui.threshold_table()

st.subheader(ui.t("tentang.data"))
st.markdown(ui.t("tentang.data_teks"))

st.subheader(ui.t("tentang.lisensi"))
ui.attributions()
