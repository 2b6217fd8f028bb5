"""Kabupaten: one kabupaten's 4+1 scorecard and the OPDs that answer for its kecamatan (the province's
figures, said so, while no kabupaten is chosen)."""
import streamlit as st

from lib.ui import actions_view, data, screen_tables, state, status_display, text, widgets

PROVINCE = "76"
filters = state.current_filters()
kabupaten = state.cached("kabupaten")
names = dict(zip(kabupaten["kode"], kabupaten["nama"]))
title, picker = st.columns([3, 1], vertical_alignment="bottom")
code = state.page_picker(picker, state.t("kabupaten.pilih"), names, filters.kabupaten[:1], "kabupaten_pilih", "app_kab",
                      all_label=state.t("kabupaten.provinsi"))
title.title(text.fill("kabupaten.judul", nama=names[code]) if code else state.t("kabupaten.judul_provinsi"))
if not code:
    st.info(state.t("kabupaten.tanpa_pilihan"), icon=":material/info:")
st.caption(state.t("kabupaten.keterangan"))

card, _ = data.wilayah_scorecard(code or PROVINCE, filters.until)
if card.empty:
    widgets.empty_state(state.t("kabupaten.kosong"))
else:
    status_display.status_summary(card)
    widgets.simulasi_warning(card)
    shown = screen_tables.wilayah_report(code or PROVINCE, filters.until)
    widgets.scorecard_dataframe(shown)
    widgets.download_buttons(shown, f"rapor-{names.get(code, 'Sulawesi Barat')}", widgets.download_notes(card),
                        key="kabupaten_unduh")

st.subheader(state.t("kabupaten.opd_judul"))
responsible = state.cached("responsible_opd", code) if code else None
if responsible is None:
    widgets.empty_state(state.t("kabupaten.opd_pilih_dulu"))
elif responsible.empty:
    widgets.empty_state(state.t("kabupaten.opd_kosong"))
else:
    st.dataframe(widgets.relabel(responsible, "nama_kecamatan", "opd", "nama_opd", "isu", "sumber"),
                 hide_index=True, width="stretch")

actions_view.actions_section(wilayah=(code,))
