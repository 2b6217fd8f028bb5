"""Kualitas data: who has not reported, which series are late, which latest figures stand out for review."""
from datetime import date

import streamlit as st

from lib.judge import quality
from lib.present.markdown import plain
from lib.screens import kualitas
from lib.ui import auth, state, widgets

auth.require_user()
filters = state.current_filters()
source = state.source()
as_of = quality.reference_date(filters.until, date.today())
windows = list(quality.WINDOWS)
st.title(state.t("kualitas.judul"))
intro, picker = st.columns([3, 1], vertical_alignment="bottom")
about = kualitas.about(as_of, filters.lang)
intro.caption(about)
window = picker.selectbox(state.t("kualitas.jendela"), windows, index=windows.index(quality.DEFAULT_WINDOW),
                          format_func=lambda key: state.t(f"kualitas.jendela.{key}"), key="kualitas_jendela",
                          help=state.t("kualitas.jendela_help"))

if note := kualitas.not_coordinator(source, filters.opd):
    widgets.empty_state(note)
    st.stop()
share = {"min_value": 0, "max_value": 100, "format": "%d%%"}

st.subheader(state.t("kualitas.lengkap_judul"))
st.caption(state.t("kualitas.lengkap_keterangan"))
complete = kualitas.completeness(source, filters.opd, filters.kabupaten, as_of, window)
if complete.summary.empty:
    widgets.empty_state(state.t("kualitas.tanpa_indikator"))
else:
    widgets.simulasi_warning(complete.summary)
    for title, matrix in complete.matrices:
        st.markdown(f"**{plain(title)}**")
        st.dataframe(matrix, hide_index=True, height=min(35 * len(matrix) + 38, 760), column_config={
            matrix.columns[0]: st.column_config.TextColumn(width="large", pinned=True),
            **{c: st.column_config.ProgressColumn(c, width="small", **share) for c in matrix.columns[1:]}})
    st.markdown(f"**{state.t('kualitas.rincian')}**")
    if complete.gaps.empty:
        widgets.empty_state(state.t("kualitas.semua_lengkap"))
    else:
        st.dataframe(complete.gaps, hide_index=True, column_config={
            state.t("kualitas.col.porsi"): st.column_config.ProgressColumn(**share)})
    widgets.download_buttons(complete.gaps, "kelengkapan-laporan", [about], "kualitas_lengkap", export=complete.export)

st.subheader(state.t("kualitas.tepat_judul"))
st.caption(state.t("kualitas.tepat_keterangan"))
late = kualitas.timeliness(source, filters.opd, filters.kabupaten, as_of)
if late.found.empty:
    widgets.empty_state(state.t("kualitas.tanpa_indikator"))
else:
    st.dataframe(late.shown, hide_index=True)
    widgets.download_buttons(late.shown, "ketepatan-waktu", late.notes, "kualitas_tepat", export=late.found)

st.subheader(state.t("kualitas.pencilan_judul"))
st.caption(kualitas.outliers_caption(filters.lang))
found = kualitas.outliers(source, filters.opd, filters.kabupaten, as_of)
if found.found.empty:
    widgets.empty_state(state.t("kualitas.pencilan_kosong"))
else:
    widgets.simulasi_warning(found.found)
    st.dataframe(found.shown, hide_index=True, column_config={state.t("col.indikator"): st.column_config.TextColumn(
        width="medium")})
    widgets.download_buttons(found.shown, "angka-perlu-diperiksa", found.notes, "kualitas_pencilan", export=found.found)
