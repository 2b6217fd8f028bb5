"""Kabupaten: one kabupaten's 4+1 scorecard and the OPDs that answer for its kecamatan (the province's
figures, said so, while no kabupaten is chosen)."""
import streamlit as st

from lib.screens import kabupaten
from lib.ui import actions_view, catatan_view, screen_tables, state, status_display, widgets
from lib.ui import responsive as layout

filters = state.current_filters()
names = kabupaten.names(state.source())
title, picker = st.columns([3, 1], vertical_alignment="bottom")
code = state.page_picker(picker, state.t("kabupaten.pilih"), names, filters.kabupaten[:1], "kabupaten_pilih",
                         "app_kab", all_label=state.t("kabupaten.provinsi"))
title.title(kabupaten.title(state.source(), code))
if not code:
    st.info(state.t("kabupaten.tanpa_pilihan"), icon=":material/info:")
st.caption(state.t("kabupaten.keterangan"))

wilayah = code or kabupaten.PROVINCE
card, _ = screen_tables.wilayah_scorecard(wilayah, filters.until)
if card.empty:
    widgets.empty_state(state.t("kabupaten.kosong"))
else:
    status_display.status_summary(screen_tables.wilayah_counts(wilayah, filters.until))
    widgets.simulasi_warning(card)
    report = screen_tables.wilayah_report(wilayah, filters.until)
    shown = catatan_view.marked(report.shown, card, wilayah)  # open-notes marks, joined at draw time
    with st.container(key="m41_tabel_rapor"):  # a phone gets the rows as cards instead (lib.ui.responsive)
        widgets.scorecard_dataframe(shown, report.fills)
        layout.phone_rows(shown, state.t("col.indikator"), fills=report.fills,
                          status_column=state.t("col.status"))
    widgets.download_buttons(report.shown, f"rapor-{names.get(code, 'Sulawesi Barat')}",
                             screen_tables.wilayah_notes(wilayah, filters.until), key="kabupaten_unduh",
                             export=report.export)
    catatan_view.rapor_section(wilayah, card, "kabupaten_catatan")

st.subheader(state.t("kabupaten.opd_judul"))
st.caption(kabupaten.owners_coverage(state.source(), code))
responsible = kabupaten.responsible(state.source(), code)
if responsible is None:
    widgets.empty_state(state.t("kabupaten.opd_pilih_dulu"))
elif responsible.empty:
    widgets.empty_state(state.t("kabupaten.opd_kosong"))
else:
    with st.container(key="m41_tabel_opd"):  # a phone gets the rows as cards instead (lib.ui.responsive)
        st.dataframe(responsible, hide_index=True, width="stretch", placeholder=widgets.MISSING_CELL)
        layout.phone_rows(responsible, state.t("col.nama_kecamatan"))

actions_view.actions_section(wilayah=(code,))
