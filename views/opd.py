"""OPD: an OPD head's view — the isu it coordinates, the wilayah it answers for, how fresh its data is."""
from datetime import date

import streamlit as st

from lib.present.markdown import plain
from lib.screens import opd
from lib.ui import actions_view, screen_tables, state, status_display, widgets

filters = state.current_filters()
source = state.source()
title, picker = st.columns([3, 1], vertical_alignment="bottom")
code = state.page_picker(picker, state.t("opd.pilih"), opd.names(source), [filters.opd] if filters.opd else [],
                         "opd_pilih", "app_opd", all_label=state.t("opd.semua"))
if not code:  # nothing chosen: say so and list every OPD, rather than silently showing the first one
    title.title(state.t("opd.judul_semua"))
    st.info(state.t("opd.tanpa_pilihan"), icon=":material/info:")
    st.dataframe(opd.overview(source), hide_index=True, width="stretch")
    st.caption(opd.owners_coverage(source))
    st.stop()
title.title(plain(opd.opd_list(source).set_index("kode").loc[code, "nama"]))

coordinated = opd.coordinated(source, code)
if coordinated:
    st.subheader(opd.coordinator_heading(source, coordinated))
    cards, freshness = st.columns([1, 3], gap="large")
    with cards:
        status_display.draw_cards(opd.coordinated_cards(source, coordinated, filters.until))
    with freshness:
        st.markdown(f"**{state.t('opd.kesegaran')}**")
        st.dataframe(opd.freshness(source, coordinated, date.today()), hide_index=True, width="stretch")
else:
    st.caption(state.t("opd.bukan_koordinator"))

st.subheader(state.t("opd.merah_judul"))
st.caption(state.t("opd.merah_keterangan"))
red = screen_tables.red_cells(code, filters.until)
if red is None:
    widgets.empty_state(state.t("opd.merah_kosong"))
else:
    st.dataframe(red, hide_index=True, width="stretch")

st.subheader(state.t("opd.wilayah_judul"))
st.caption(opd.owners_coverage(source))  # how many kecamatan have any recorded owner at all
assignments = opd.assignments(source, code)
if assignments.empty:
    widgets.empty_state(state.t("opd.wilayah_kosong"))
else:
    st.dataframe(opd.assignment_table(source, assignments), hide_index=True, width="stretch")
    figures = opd.kecamatan_figures(source, assignments, filters.until)
    if figures is not None:
        st.markdown(f"**{state.t('opd.angka_judul')}**")
        if figures.empty:
            widgets.empty_state(state.t("opd.angka_kosong"))
        else:
            widgets.simulasi_warning(figures)
            st.dataframe(opd.kecamatan_table(source, figures), hide_index=True, width="stretch")

actions_view.actions_section(opd=code)
