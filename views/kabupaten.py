"""Kabupaten: one kabupaten's 4+1 scorecard and the OPDs that answer for its kecamatan (the province's
figures, said so, while no kabupaten is chosen)."""
import streamlit as st

from lib import ui
from lib.ui import actions_view

PROVINCE = "76"
filters = ui.current_filters()
kabupaten = ui.cached("kabupaten")
names = dict(zip(kabupaten["kode"], kabupaten["nama"]))
title, picker = st.columns([3, 1], vertical_alignment="bottom")
code = ui.page_picker(picker, ui.t("kabupaten.pilih"), names, filters.kabupaten[:1], "kabupaten_pilih", "app_kab",
                      all_label=ui.t("kabupaten.provinsi"))
title.title(ui.fill("kabupaten.judul", nama=names[code]) if code else ui.t("kabupaten.judul_provinsi"))
if not code:
    st.info(ui.t("kabupaten.tanpa_pilihan"), icon=":material/info:")
st.caption(ui.t("kabupaten.keterangan"))

card, _ = ui.wilayah_scorecard(code or PROVINCE, filters.until)
if card.empty:
    ui.empty_state(ui.t("kabupaten.kosong"))
else:
    ui.status_summary(card)
    ui.simulasi_warning(card)
    shown = ui.wilayah_report(code or PROVINCE, filters.until)
    ui.scorecard_dataframe(shown)
    ui.download_buttons(shown, f"rapor-{names.get(code, 'Sulawesi Barat')}", ui.download_notes(card),
                        key="kabupaten_unduh")

st.subheader(ui.t("kabupaten.opd_judul"))
responsible = ui.cached("responsible_opd", code) if code else None
if responsible is None:
    ui.empty_state(ui.t("kabupaten.opd_pilih_dulu"))
elif responsible.empty:
    ui.empty_state(ui.t("kabupaten.opd_kosong"))
else:
    st.dataframe(ui.relabel(responsible, "nama_kecamatan", "opd", "nama_opd", "isu", "sumber"),
                 hide_index=True, width="stretch")

actions_view.actions_section(wilayah=(code,))
