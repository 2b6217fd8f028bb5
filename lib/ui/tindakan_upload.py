"""Unggah page, satgas actions: template, upload with every problem at once or a preview, confirm to load
(lib.ingest.tindakan: the same writer, permission rule, history and rollback as value uploads)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.db.connect import default_path
from lib.ingest import load, shapes, tindakan
from lib.ingest.rows import UploadError
from lib.ui.state import cursor, t
from lib.ui.upload import _problem_table
from lib.users.accounts import User


def _preview(rows: list[tindakan.ActionRow]) -> pd.DataFrame:
    return pd.DataFrame({
        t("unggah.kol_baris"): [r.line for r in rows], t("col.isu"): [r.isu for r in rows],
        t("col.opd"): [r.opd or "" for r in rows], t("col.wilayah"): [r.wilayah for r in rows],
        t("col.periode"): [r.periode for r in rows], t("col.judul"): [r.judul for r in rows],
        t("col.jumlah"): [r.jumlah for r in rows], t("col.sumber"): [r.sumber for r in rows]})


def tindakan_upload_section(user: User) -> None:
    """Download the template; upload a file of actions; see its problems or a preview; load it."""
    st.download_button(t("tindakan.templat"), tindakan.template_csv(), "templat-tindakan.csv", "text/csv",
                       key="tindakan_templat", icon=":material/download:")
    limit_mb = shapes.MAX_UPLOAD_BYTES // (1024 * 1024)
    upload = st.file_uploader(t("tindakan.berkas", mb=limit_mb), type=["csv", "xlsx"], key="tindakan_berkas")
    st.caption(t("tindakan.petunjuk"))
    if upload is None:
        return
    data = upload.getvalue()
    may_report = tindakan.reporter(cursor(), user)
    try:
        rows, problems = tindakan.check(cursor(), tindakan.read(upload.name, data), may_report, user.opd)
    except UploadError as exc:
        st.error(str(exc), icon="⛔")
        return
    if problems:
        st.error(t("unggah.ditolak", n=len(problems)), icon="⛔")
        st.dataframe(_problem_table(problems), hide_index=True, width="stretch")
        return
    st.success(t("tindakan.pratinjau", n=len(rows)), icon="✅")
    st.dataframe(_preview(rows), hide_index=True, width="stretch")
    if st.button(t("tindakan.muat", n=len(rows)), type="primary", key="tindakan_muat"):
        _load(user, upload.name, data, may_report, len(rows))


def _load(user: User, name: str, data: bytes, may_report, count: int) -> None:
    try:
        batch = tindakan.load(default_path(), name, data, user_name=user.name, user_opd=user.opd,
                              may_report=may_report)
    except load.BusyError as exc:
        st.warning(str(exc), icon="⏳")
        return
    except (load.LoadError, UploadError) as exc:
        st.error(str(exc), icon="⛔")
        return
    if batch is None:
        st.info(t("tindakan.sudah"), icon="ℹ️")
    else:
        st.success(t("tindakan.dimuat", id=batch, n=count), icon="✅")
