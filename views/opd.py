"""OPD: an OPD head's view — the isu it coordinates, the wilayah it answers for, how fresh its data is."""
import streamlit as st

from lib import ui
from lib.ui import actions_view, owners_view

filters = ui.current_filters()
opd = ui.cached("opd_list")
names = dict(zip(opd["kode"], opd["singkatan"] + " — " + opd["nama"]))
title, picker = st.columns([3, 1], vertical_alignment="bottom")
code = ui.page_picker(picker, ui.t("opd.pilih"), names, [filters.opd] if filters.opd else [], "opd_pilih", "app_opd",
                      all_label=ui.t("opd.semua"))
if not code:  # nothing chosen: say so and list every OPD, rather than silently showing the first one
    title.title(ui.t("opd.judul_semua"))
    st.info(ui.t("opd.tanpa_pilihan"), icon=":material/info:")
    ui.opd_overview(opd)
    st.stop()
row = opd.set_index("kode").loc[code]
title.title(ui.plain(row["nama"]))

coordinated = list(row["isu_koordinasi"])
if coordinated:
    st.subheader(ui.t("opd.koordinator", isu=", ".join(ui.t(f"isu.{c}") for c in coordinated)))
    headlines = ui.headlines(None, filters.until)
    cards, freshness = st.columns([1, 3], gap="large")
    with cards:
        ui.isu_cards(headlines[headlines["isu"].isin(coordinated)])
    with freshness:
        st.markdown(f"**{ui.t('opd.kesegaran')}**")
        ui.freshness_table(ui.cached("data_freshness", coordinated))
else:
    st.caption(ui.t("opd.bukan_koordinator"))

owners_view.owned_red_cells_section(code, filters.until)

st.subheader(ui.t("opd.wilayah_judul"))
assignments = ui.cached("opd_assignments", code)
if assignments.empty:
    ui.empty_state(ui.t("opd.wilayah_kosong"))
else:
    st.dataframe(ui.assignment_table(assignments), hide_index=True, width="stretch")
    kecamatan = assignments.loc[assignments["level"] == "kecamatan", "wilayah"].tolist()
    if kecamatan:
        st.markdown(f"**{ui.t('opd.angka_judul')}**")
        figures = ui.kecamatan_figures(tuple(kecamatan), filters.until)
        if figures.empty:
            ui.empty_state(ui.t("opd.angka_kosong"))
        else:
            ui.simulasi_warning(figures)
            st.dataframe(ui.kecamatan_table(figures), hide_index=True, width="stretch")

actions_view.actions_section(opd=code)
