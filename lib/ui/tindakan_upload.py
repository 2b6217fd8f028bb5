"""Unggah page, satgas actions: template, upload with every problem at once or a preview, confirm to load
(lib.ingest.tindakan: the same writer, permission rule, history and rollback as value uploads). Messages quote
the file name and cells: they reach Streamlit through lib.present.markdown.message, as text, never Markdown."""
from __future__ import annotations

import streamlit as st

from lib.data import wilayah
from lib.ingest import tindakan
from lib.present import tables
from lib.ui.state import cursor, lang, t
from lib.ui.upload import LIMIT_MB, checked_side_table, file_input, load_side_table
from lib.users.accounts import User


def tindakan_upload_section(user: User) -> None:
    """Download the template; upload a file of actions; see its problems or a preview; load it."""
    st.download_button(t("tindakan.templat"), tindakan.template_csv(), "templat-tindakan.csv", "text/csv",
                       key="tindakan_templat", icon=":material/download:")
    upload = file_input(t("tindakan.berkas", mb=LIMIT_MB), "tindakan_berkas")
    st.caption(t("tindakan.petunjuk"))
    if upload is None:
        return
    checked = checked_side_table(tindakan, user, upload)
    if checked is None:
        return
    rows, data, may_report = checked
    st.success(t("tindakan.pratinjau", n=len(rows)), icon=":material/check_circle:")
    names = wilayah.names_of(cursor(), sorted({r.wilayah for r in rows}))
    st.dataframe(tables.action_table(rows, lang(), names), hide_index=True, width="stretch")
    if st.button(t("tindakan.muat", n=len(rows)), type="primary", key="tindakan_muat"):
        load_side_table(tindakan, user, upload.name, data, may_report,
                        lambda batch: t("tindakan.dimuat", id=batch, n=len(rows)), t("tindakan.sudah"))
