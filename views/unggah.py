"""Unggah data: download a template, upload it, see every problem at once or a preview, confirm to load."""
import streamlit as st

from lib import ui
from lib.ui import auth, tindakan_upload, upload

user = auth.require_user(("admin", "opd"))
st.title(ui.t("unggah.judul"))
st.caption(ui.t("unggah.keterangan"))

template_tab, upload_tab, actions_tab = st.tabs([ui.t("unggah.tab_templat"), ui.t("unggah.tab_unggah"),
                                                 ui.t("tindakan.tab")])
with template_tab:
    upload.template_section(user)
with upload_tab:
    upload.upload_section(user)
with actions_tab:
    tindakan_upload.tindakan_upload_section(user)
