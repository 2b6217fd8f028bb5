"""Riwayat: every load batch (who, when, which file, how many rows); an admin can roll one back."""
import streamlit as st

from lib.ui import auth, since_apel_view, state, upload

user = auth.require_user()
st.title(state.t("riwayat.judul"))
st.caption(state.t("riwayat.keterangan"))
upload.history_section(user)
since_apel_view.apel_form(user)
