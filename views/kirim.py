"""Kirim: who receives which briefing, the last delivery of each subscription, failures first (admins)."""
import streamlit as st

from lib.ui import auth, kirim_view, state

auth.require_user(("admin",))
st.title(state.t("kirim.judul"))
st.caption(state.t("kirim.keterangan"))
kirim_view.section()
