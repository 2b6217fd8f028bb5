"""OPD: an OPD head's view — the isu it coordinates, the wilayah it answers for, how fresh its data is."""
import streamlit as st

from lib.ui import actions_view, data, overview, owners_view, state, status_display, text, widgets

filters = state.current_filters()
opd = state.cached("opd_list")
names = dict(zip(opd["kode"], opd["singkatan"] + " — " + opd["nama"]))
title, picker = st.columns([3, 1], vertical_alignment="bottom")
code = state.page_picker(picker, state.t("opd.pilih"), names, [filters.opd] if filters.opd else [], "opd_pilih", "app_opd",
                      all_label=state.t("opd.semua"))
if not code:  # nothing chosen: say so and list every OPD, rather than silently showing the first one
    title.title(state.t("opd.judul_semua"))
    st.info(state.t("opd.tanpa_pilihan"), icon=":material/info:")
    overview.opd_overview(opd)
    st.stop()
row = opd.set_index("kode").loc[code]
title.title(text.plain(row["nama"]))

coordinated = list(row["isu_koordinasi"])
if coordinated:
    st.subheader(state.t("opd.koordinator", isu=", ".join(state.t(f"isu.{c}") for c in coordinated)))
    headlines = data.headlines(None, filters.until)
    cards, freshness = st.columns([1, 3], gap="large")
    with cards:
        status_display.isu_cards(headlines[headlines["isu"].isin(coordinated)])
    with freshness:
        st.markdown(f"**{state.t('opd.kesegaran')}**")
        widgets.freshness_table(state.cached("data_freshness", coordinated))
else:
    st.caption(state.t("opd.bukan_koordinator"))

owners_view.owned_red_cells_section(code, filters.until)

st.subheader(state.t("opd.wilayah_judul"))
assignments = state.cached("opd_assignments", code)
if assignments.empty:
    widgets.empty_state(state.t("opd.wilayah_kosong"))
else:
    st.dataframe(widgets.assignment_table(assignments), hide_index=True, width="stretch")
    kecamatan = assignments.loc[assignments["level"] == "kecamatan", "wilayah"].tolist()
    if kecamatan:
        st.markdown(f"**{state.t('opd.angka_judul')}**")
        figures = data.kecamatan_figures(tuple(kecamatan), filters.until)
        if figures.empty:
            widgets.empty_state(state.t("opd.angka_kosong"))
        else:
            widgets.simulasi_warning(figures)
            st.dataframe(widgets.kecamatan_table(figures), hide_index=True, width="stretch")

actions_view.actions_section(opd=code)
