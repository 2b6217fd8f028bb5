"""Unggah page, orang tua asuh: template (CSV and Excel), upload with every problem at once or a summary, confirm
to load (lib.ingest.asuhan: the same writer, permission rule, history and rollback as the other uploads).
The preview sums the file per sponsor and never lists a child's reference back; messages quote the file name and
cells: they reach Streamlit through lib.present.markdown.message, as text, never Markdown."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.ingest import asuhan
from lib.text.i18n import format_number
from lib.ui.state import lang, t
from lib.ui.upload import LIMIT_MB, checked_side_table, file_input, load_side_table
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
    checked = checked_side_table(asuhan, user, upload, "asuh_laporan")
    if checked is None:
        return
    rows, data, may_report = checked
    st.success(t("asuh.pratinjau", n=format_number(len(rows), lang=lang())), icon=":material/check_circle:")
    st.dataframe(summary(rows), hide_index=True, width="stretch")
    if st.button(t("asuh.muat", n=format_number(len(rows), lang=lang())), type="primary", key="asuh_muat"):
        count = format_number(len(rows), lang=lang())
        load_side_table(asuhan, user, upload.name, data, may_report,
                        lambda batch: t("asuh.dimuat", id=batch, n=count), t("asuh.sudah"))


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
