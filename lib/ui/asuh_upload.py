"""Unggah page, orang tua asuh: template (CSV and Excel), upload with every problem at once or a summary, confirm
to load (lib.ingest.asuhan: the same writer, permission rule, history and rollback as the other uploads).
The preview sums the file per sponsor and never lists a child's reference back; messages quote the file name and
cells: they reach Streamlit through lib.present.markdown.message, as text, never Markdown."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.db.connect import default_path
from lib.ingest import asuhan, load
from lib.ingest.pipeline import RejectedError
from lib.ingest.rows import UploadError
from lib.present.markdown import message
from lib.text.i18n import format_number
from lib.ui.state import cursor, lang, t
from lib.ui.upload import LIMIT_MB, file_input, show_problems
from lib.users.accounts import User

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def asuh_upload_section(user: User) -> None:
    """Download the template; upload a file of sponsorships; see its problems or a summary; load it."""
    st.caption(t("asuh.unggah_keterangan"))
    with st.container(horizontal=True):
        st.download_button(t("asuh.templat_xlsx"), asuhan.template_xlsx(), "templat-orang-tua-asuh.xlsx", XLSX_MIME,
                           key="asuh_templat_xlsx", icon=":material/download:", on_click="ignore")
        st.download_button(t("asuh.templat_csv"), asuhan.template_csv(), "templat-orang-tua-asuh.csv", "text/csv",
                           key="asuh_templat_csv", icon=":material/download:", on_click="ignore")
    upload = file_input(t("asuh.berkas", mb=LIMIT_MB), "asuh_berkas")
    st.caption(t("asuh.petunjuk"))
    if upload is None:
        return
    data = upload.getvalue()
    may_report = asuhan.reporter(cursor(), user)
    try:
        rows, problems = asuhan.check(cursor(), asuhan.read(upload.name, data), may_report, user.opd)
    except UploadError as exc:  # it quotes the file name: shown as text, never Markdown
        st.error(message(exc), icon=":material/block:")
        return
    if problems:
        show_problems(problems, "asuh_laporan")
        return
    st.success(t("asuh.pratinjau", n=format_number(len(rows), lang=lang())), icon=":material/check_circle:")
    st.dataframe(summary(rows), hide_index=True, width="stretch")
    if st.button(t("asuh.muat", n=format_number(len(rows), lang=lang())), type="primary", key="asuh_muat"):
        _load(user, upload.name, data, may_report, len(rows))


def summary(rows: list) -> pd.DataFrame:
    """The file per sponsor: sponsorships, desa, child-months and rupiah delivered, children progressed — no child's
    reference (lib.ingest.asuhan.AsuhanRow)."""
    frame = pd.DataFrame([{"mitra": r.mitra_nama, "desa": r.desa, "bulan": r.bulan_tersalur,
                           "rupiah": r.bulan_tersalur * r.rupiah_per_bulan} for r in rows])
    grouped = frame.groupby("mitra", sort=True).agg(asuhan=("desa", "size"), desa=("desa", "nunique"),
                                                   bulan=("bulan", "sum"), rupiah=("rupiah", "sum")).reset_index()
    language = lang()
    return pd.DataFrame({
        t("asuh.col.mitra"): grouped["mitra"],
        t("asuh.col.asuhan"): [format_number(n, lang=language) for n in grouped["asuhan"]],
        t("asuh.col.desa"): [format_number(n, lang=language) for n in grouped["desa"]],
        t("asuh.col.bulan_tersalur"): [format_number(n, lang=language) for n in grouped["bulan"]],
        t("asuh.col.rupiah_tersalur"): [t("asuh.rupiah", n=format_number(n, 0, language)) for n in grouped["rupiah"]]})


def _load(user: User, name: str, data: bytes, may_report, count: int) -> None:
    try:
        batch = asuhan.load(default_path(), name, data, user_name=user.name, user_opd=user.opd,
                            may_report=may_report)
    except load.BusyError as exc:
        st.warning(message(exc), icon=":material/hourglass_empty:")
        return
    except RejectedError as exc:  # the record changed since the check: every problem again
        show_problems(list(exc.problems))
        return
    except (load.LoadError, UploadError) as exc:
        st.error(message(exc), icon=":material/block:")
        return
    if batch is None:
        st.info(t("asuh.sudah"), icon=":material/info:")
    else:
        st.success(t("asuh.dimuat", id=batch, n=format_number(count, lang=lang())), icon=":material/check_circle:")
