"""OPD: an OPD head's view — the isu it coordinates, the kecamatan it answers for, how fresh its data is."""
import streamlit as st

from lib import ui

filters = ui.current_filters()
opd = ui.cached("opd_list")
names = dict(zip(opd["kode"], opd["singkatan"] + " — " + opd["nama"]))
choices = list(names)
default = filters.opd if filters.opd in names else choices[0]
code = st.selectbox(ui.t("opd.pilih"), choices, index=choices.index(default), format_func=names.get,
                    key="opd_pilih")
row = opd.set_index("kode").loc[code]
st.title(row["nama"])

coordinated = [c for c in (row["isu_koordinasi"] or "").split(", ") if c]
if coordinated:
    st.subheader(ui.t("opd.koordinator", isu=", ".join(ui.t(f"isu.{c}") for c in coordinated)))
    headlines = ui.province_headlines(filters.until)
    ui.isu_cards(headlines[headlines["isu"].isin(coordinated)])
    freshness = ui.cached("data_freshness", coordinated)
    st.markdown(f"**{ui.t('opd.kesegaran')}**")
    ui.freshness_table(freshness)
else:
    st.caption(ui.t("opd.bukan_koordinator"))

st.subheader(ui.t("opd.wilayah_judul"))
assignments = ui.cached("opd_assignments", code)
regional = assignments[assignments["level"] == "kecamatan"]
if regional.empty:
    ui.empty_state(ui.t("opd.wilayah_kosong"))
else:
    st.dataframe(ui.relabel(regional, "wilayah", "nama", "nama_induk", "sumber"), hide_index=True,
                 width="stretch")
    figures = ui.kecamatan_figures(regional["wilayah"].tolist(), filters.until)
    if figures.empty:
        ui.empty_state(ui.t("opd.angka_kosong"))
    else:
        ui.simulasi_warning(figures, column="_jenis")
        st.dataframe(figures.drop(columns="_jenis"), hide_index=True, width="stretch")
