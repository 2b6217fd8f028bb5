"""Riwayat: every load batch (who, when, which file, how many rows); an admin can roll one back."""
import streamlit as st

from lib import ui
from lib.ui import auth, since_apel, upload

user = auth.require_user()
st.title(ui.t("riwayat.judul"))
st.caption(ui.t("riwayat.keterangan"))
upload.history_section(user)
since_apel.apel_form(user)
