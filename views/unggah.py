"""Unggah data: download a template, upload it, see every problem at once or a preview, confirm to load."""
import streamlit as st

from lib.ui import asuh_upload, auth, state, tindakan_upload, upload

user = auth.require_user(("admin", "opd"))
st.title(state.t("unggah.judul"))
st.caption(state.t("unggah.keterangan"))

template_tab, upload_tab, actions_tab, asuh_tab = st.tabs([state.t("unggah.tab_templat"),
                                                           state.t("unggah.tab_unggah"), state.t("tindakan.tab"),
                                                           state.t("asuh.tab")])
with template_tab:
    upload.template_section(user)
with upload_tab:
    upload.upload_section(user)
with actions_tab:
    tindakan_upload.tindakan_upload_section(user)
with asuh_tab:  # orang tua asuh (issue 23); the page is not served in public mode
    asuh_upload.asuh_upload_section(user)
