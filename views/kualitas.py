"""Kualitas data: who has not reported, which series are late, which latest figures stand out for review."""
from datetime import date

import streamlit as st

from lib.judge import quality
from lib.present import quality_tables
from lib.text import i18n
from lib.ui import auth, data, state, text, widgets

auth.require_user()
filters = state.current_filters()
as_of = quality.reference_date(filters.until, date.today())
windows = list(quality.WINDOWS)
st.title(state.t("kualitas.judul"))
intro, picker = st.columns([3, 1], vertical_alignment="bottom")
about = state.t("kualitas.keterangan", tanggal=i18n.format_date(as_of, filters.lang))
intro.caption(about)
window = picker.selectbox(state.t("kualitas.jendela"), windows, index=windows.index(quality.DEFAULT_WINDOW),
                          format_func=lambda key: state.t(f"kualitas.jendela.{key}"), key="kualitas_jendela",
                          help=state.t("kualitas.jendela_help"))

opd = state.cached("opd_list").set_index("kode")
if filters.opd and not len(opd.loc[filters.opd, "isu_koordinasi"]):
    widgets.empty_state(text.fill("kualitas.bukan_koordinator", opd=opd.loc[filters.opd, "singkatan"]))
    st.stop()
share = {"min_value": 0, "max_value": 100, "format": "%d%%"}

st.subheader(state.t("kualitas.lengkap_judul"))
st.caption(state.t("kualitas.lengkap_keterangan"))
summary = data.quality_completeness(filters.opd, filters.kabupaten, as_of, window)
if summary.empty:
    widgets.empty_state(state.t("kualitas.tanpa_indikator"))
else:
    widgets.simulasi_warning(summary)
    for title, matrix in quality_tables.completeness_matrices(summary, filters.lang):
        st.markdown(f"**{text.plain(title)}**")
        st.dataframe(matrix, hide_index=True, height=min(35 * len(matrix) + 38, 760), column_config={
            matrix.columns[0]: st.column_config.TextColumn(width="large", pinned=True),
            **{c: st.column_config.ProgressColumn(c, width="small", **share) for c in matrix.columns[1:]}})
    st.markdown(f"**{state.t('kualitas.rincian')}**")
    gaps = quality_tables.gaps_table(summary, filters.lang)
    if gaps.empty:
        widgets.empty_state(state.t("kualitas.semua_lengkap"))
    else:
        st.dataframe(gaps, hide_index=True, column_config={
            state.t("kualitas.col.porsi"): st.column_config.ProgressColumn(**share)})
    widgets.download_buttons(gaps, "kelengkapan-laporan", [about], "kualitas_lengkap",
                        export=quality_tables.completeness_export(summary))

st.subheader(state.t("kualitas.tepat_judul"))
st.caption(state.t("kualitas.tepat_keterangan"))
late = data.quality_timeliness(filters.opd, filters.kabupaten, as_of)
if late.empty:
    widgets.empty_state(state.t("kualitas.tanpa_indikator"))
else:
    shown = quality_tables.timeliness_shown(late, filters.lang)
    st.dataframe(shown, hide_index=True)
    widgets.download_buttons(shown, "ketepatan-waktu", [about], "kualitas_tepat", export=late)

st.subheader(state.t("kualitas.pencilan_judul"))
st.caption(state.t("kualitas.pencilan_keterangan", n=quality.MIN_POINTS,
                ambang=i18n.format_number(quality.OUTLIER_THRESHOLD, 1, filters.lang)))
found = data.quality_outliers(filters.opd, filters.kabupaten, as_of)
if found.empty:
    widgets.empty_state(state.t("kualitas.pencilan_kosong"))
else:
    widgets.simulasi_warning(found)
    shown = quality_tables.outliers_shown(found, filters.lang)
    st.dataframe(shown, hide_index=True, column_config={state.t("col.indikator"): st.column_config.TextColumn(
        width="medium")})
    widgets.download_buttons(shown, "angka-perlu-diperiksa", [about, *widgets.download_notes(found)], "kualitas_pencilan",
                        export=found)
