"""Kabupaten: one kabupaten's 4+1 scorecard and the OPDs that answer for its kecamatan."""
import streamlit as st

from lib import ui
from lib.ui import actions_view

filters = ui.current_filters()
kabupaten = ui.cached("kabupaten")
names = dict(zip(kabupaten["kode"], kabupaten["nama"]))
title, picker = st.columns([3, 1], vertical_alignment="bottom")
code = ui.page_picker(picker, ui.t("kabupaten.pilih"), names, filters.kabupaten[:1], "kabupaten_pilih", "app_kab")
title.title(ui.fill("kabupaten.judul", nama=names[code]))
st.caption(ui.t("kabupaten.keterangan"))

card, history = ui.wilayah_scorecard(code, filters.until)
if card.empty:
    ui.empty_state(ui.t("kabupaten.kosong"))
else:
    ui.status_summary(card)
    ui.simulasi_warning(card)
    shown = ui.scorecard_dataframe(card, history)
    ui.download_buttons(shown, f"rapor-{names[code]}", ui.download_notes(card), key="kabupaten_unduh")

st.subheader(ui.t("kabupaten.opd_judul"))
responsible = ui.cached("responsible_opd", code)
if responsible.empty:
    ui.empty_state(ui.t("kabupaten.opd_kosong"))
else:
    st.dataframe(ui.relabel(responsible, "nama_kecamatan", "opd", "nama_opd", "isu", "sumber"),
                 hide_index=True, width="stretch")

actions_view.actions_section(wilayah=(code,))
