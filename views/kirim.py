"""Kirim: who receives which briefing, the last delivery of each subscription, failures first; add, stop and
retry (admins; the page is not in a public deployment's navigation)."""
import streamlit as st

from lib.ui import auth, kirim_view, state

admin = auth.require_user(("admin",))
st.title(state.t("kirim.judul"))
st.caption(state.t("kirim.keterangan"))
kirim_view.section(admin.name)
