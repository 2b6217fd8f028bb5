"""Unggah page, satgas actions: template, upload with every problem at once or a preview, confirm to load
(lib.ingest.tindakan: the same writer, permission rule, history and rollback as value uploads). Messages quote
the file name and cells: they reach Streamlit through lib.present.markdown.message, as text, never Markdown."""
from __future__ import annotations

import streamlit as st

from lib.data import wilayah
from lib.db.connect import default_path
from lib.ingest import load, tindakan
from lib.ingest.rows import UploadError
from lib.present import tables
from lib.present.markdown import message
from lib.ui.state import cursor, lang, t
from lib.ui.upload import LIMIT_MB, file_input, show_problems
from lib.users.accounts import User


def tindakan_upload_section(user: User) -> None:
    """Download the template; upload a file of actions; see its problems or a preview; load it."""
    st.download_button(t("tindakan.templat"), tindakan.template_csv(), "templat-tindakan.csv", "text/csv",
                       key="tindakan_templat", icon=":material/download:")
    upload = file_input(t("tindakan.berkas", mb=LIMIT_MB), "tindakan_berkas")
    st.caption(t("tindakan.petunjuk"))
    if upload is None:
        return
    data = upload.getvalue()
    may_report = tindakan.reporter(cursor(), user)
    try:
        rows, problems = tindakan.check(cursor(), tindakan.read(upload.name, data), may_report, user.opd)
    except UploadError as exc:  # it quotes the file name: shown as text, never Markdown
        st.error(message(exc), icon=":material/block:")
        return
    if problems:
        show_problems(problems)
        return
    st.success(t("tindakan.pratinjau", n=len(rows)), icon=":material/check_circle:")
    names = wilayah.names_of(cursor(), sorted({r.wilayah for r in rows}))
    st.dataframe(tables.action_table(rows, lang(), names), hide_index=True, width="stretch")
    if st.button(t("tindakan.muat", n=len(rows)), type="primary", key="tindakan_muat"):
        _load(user, upload.name, data, may_report, len(rows))


def _load(user: User, name: str, data: bytes, may_report, count: int) -> None:
    try:
        batch = tindakan.load(default_path(), name, data, user_name=user.name, user_opd=user.opd,
                              may_report=may_report)
    except load.BusyError as exc:
        st.warning(message(exc), icon=":material/hourglass_empty:")
        return
    except (load.LoadError, UploadError) as exc:
        st.error(message(exc), icon=":material/block:")
        return
    if batch is None:
        st.info(t("tindakan.sudah"), icon=":material/info:")
    else:
        st.success(t("tindakan.dimuat", id=batch, n=count), icon=":material/check_circle:")
