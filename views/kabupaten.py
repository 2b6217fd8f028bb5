"""Kabupaten: one kabupaten's 4+1 scorecard and the OPDs that answer for its kecamatan."""
import streamlit as st

from lib import ui

filters = ui.current_filters()
kabupaten = ui.cached("kabupaten")
names = dict(zip(kabupaten["kode"], kabupaten["nama"]))
choices = list(names)
default = filters.kabupaten[0] if filters.kabupaten else choices[0]
code = st.selectbox(ui.t("kabupaten.pilih"), choices, index=choices.index(default), format_func=names.get,
                    key="kabupaten_pilih")

st.title(ui.t("kabupaten.judul", nama=names[code]))
st.caption(ui.t("kabupaten.keterangan"))

card, shown = ui.wilayah_scorecard(code, filters.until)
if card.empty or card["nilai"].isna().all():
    ui.empty_state(ui.t("kabupaten.kosong"))
else:
    ui.status_summary(card)
    ui.simulasi_warning(card)
    ui.scorecard_dataframe(shown)
    ui.download_buttons(shown, f"rapor-{names[code]}", card, key="kabupaten_unduh")

st.subheader(ui.t("kabupaten.opd_judul"))
responsible = ui.cached("responsible_opd", code)
if responsible.empty:
    ui.empty_state(ui.t("kabupaten.opd_kosong"))
else:
    st.dataframe(ui.relabel(responsible, "kecamatan", "nama_kecamatan", "opd", "nama_opd", "isu", "sumber"),
                 hide_index=True, width="stretch")
