"""The Unggah and Riwayat screens' parts: template download, upload check and confirm, batch history and
rollback. Every write goes through lib.ingest (the same code path as `python -m lib.ingest`)."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from lib.access import permissions
from lib.data import uploads
from lib.db.connect import default_path
from lib.ingest import load, pipeline, shapes, template
from lib.ingest.batches import already_loaded_message
from lib.ingest.rows import UploadError
from lib.present import downloads
from lib.present.markdown import message
from lib.text import periods
from lib.ui.state import cached, cursor, database_version, t
from lib.ui.widgets import empty_state
from lib.users.accounts import User

_CHECK_KEY = "unggah_cek"  # session state: (content hash, name, user, database version) -> the check's result

def _loadable_indicators(user: User) -> dict[str, str]:
    registry = cached("indicators")
    con = cursor()
    allowed = {code: name for code, name in zip(registry["kode"], registry["nama"])
               if permissions.loadable_wilayah(con, user, code)}
    return {code: f"{code} — {name}" for code, name in allowed.items()}


def template_section(user: User) -> None:
    """Choose an indicator the user may report and a period; download its Excel template."""
    choices = _loadable_indicators(user)
    if not choices:
        empty_state(t("unggah.tanpa_indikator"))
        return
    code = st.selectbox(t("unggah.indikator"), list(choices), format_func=choices.get, key="unggah_indikator")
    periodicity = cached("indicators").set_index("kode").loc[code, "periodisitas"]
    latest = periods.previous_period(periods.period_of_date(date.today(), periods.jenis_for_periodicity(
        periodicity)).kode)
    period = st.text_input(t("unggah.periode"), value=latest.kode, key="unggah_periode",
                           help=t("unggah.periode_help"))
    try:
        label = periods.parse_period(period).label_id
    except periods.PeriodError as exc:
        st.error(message(exc), icon="⚠️")
        return
    con = cursor()
    wilayah = permissions.loadable_wilayah(con, user, code)
    if user.role == "admin":
        wilayah = template.default_wilayah(con)
    data = template.write_template(con, code, period.strip(), wilayah)
    st.download_button(t("unggah.unduh_templat", periode=label, n=len(wilayah)), data,
                       template.file_name(code, period.strip()), key="unggah_templat",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:")


def _problem_table(problems: list) -> pd.DataFrame:
    return pd.DataFrame({
        t("unggah.kol_baris"): [p.line for p in problems], t("unggah.kol_kolom"): [p.column for p in problems],
        t("unggah.kol_nilai"): [p.value for p in problems], t("unggah.kol_masalah"): [p.message for p in problems],
        t("unggah.kol_perbaikan"): [p.fix for p in problems]})


def _change_table(changes: list) -> pd.DataFrame:
    return pd.DataFrame({
        t("unggah.kol_baris"): [c.line for c in changes], t("col.indikator"): [c.indikator for c in changes],
        t("col.wilayah"): [c.wilayah for c in changes], t("col.periode"): [c.periode for c in changes],
        t("unggah.kol_lama"): [c.lama for c in changes], t("unggah.kol_baru"): [c.baru for c in changes],
        t("col.status"): [t(f"unggah.status.{c.status}") for c in changes],
        t("unggah.kol_sumber_lama"): [(c.sumber_lama or "") + (" 🧪" if c.jenis_lama == "simulasi" else "")
                                      for c in changes]})


def _show_problems(report: pipeline.Report) -> None:
    st.error(t("unggah.ditolak", n=len(report.problems)), icon="⛔")
    table = _problem_table(report.problems)
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        t("unggah.kol_masalah"): st.column_config.TextColumn(width="large"),
        t("unggah.kol_perbaikan"): st.column_config.TextColumn(width="large")})
    st.download_button(t("unggah.unduh_laporan"), downloads.to_csv_bytes(table), "laporan-masalah.csv",
                       "text/csv", key="unggah_laporan", icon=":material/download:")


def upload_section(user: User) -> None:
    """Upload a file, see every problem at once or a preview of what will change, then confirm to load."""
    limit_mb = shapes.MAX_UPLOAD_BYTES // (1024 * 1024)
    upload = st.file_uploader(t("unggah.berkas", mb=limit_mb), type=["csv", "xlsx"], key="unggah_berkas")
    if upload is None:
        st.caption(t("unggah.petunjuk"))
        return
    data = upload.getvalue()
    report = _checked(user, upload.name, data)
    if isinstance(report, str):
        st.error(message(report), icon="⛔")
        return
    for notice in report.notices:
        st.info(message(notice), icon="ℹ️")
    if report.problems:
        _show_problems(report)
        return
    _confirm(user, upload.name, data, report)


def _checked(user: User, name: str, data: bytes) -> pipeline.Report | str:
    """The check of this file (its Report, or the refusal's message), run once per content, name, user and
    database version: Streamlit reruns the page on every click, and a large file must not be read again."""
    key = (pipeline.content_hash(data), name, user.name, database_version())
    kept = st.session_state.get(_CHECK_KEY)
    if kept and kept[0] == key:
        return kept[1]
    try:
        result = pipeline.check_file(cursor(), name, data, permissions.checker(cursor(), user))
    except UploadError as exc:
        result = str(exc)
    st.session_state[_CHECK_KEY] = (key, result)
    return result


def _confirm(user: User, name: str, data: bytes, report: pipeline.Report) -> None:
    preview = report.preview
    if preview.already_loaded:
        st.info(message(already_loaded_message(preview.already_loaded)), icon="ℹ️")
        return
    counts = pd.Series([c.status for c in preview.changes]).value_counts()
    st.success(t("unggah.pratinjau", baru=int(counts.get(load.NEW, 0)), berubah=int(counts.get(load.CHANGED, 0)),
                 sama=int(counts.get(load.SAME, 0))), icon="✅")
    st.dataframe(_change_table(preview.changes), hide_index=True, width="stretch")
    to_load = int(counts.get(load.NEW, 0) + counts.get(load.CHANGED, 0))
    if to_load == 0:
        st.info(t("unggah.tidak_ada_perubahan"), icon="ℹ️")
        return
    if st.button(t("unggah.muat", n=to_load), type="primary", key="unggah_muat"):
        _load(user, name, data)


def _load(user: User, name: str, data: bytes) -> None:
    try:
        result = pipeline.load_file(default_path(), name, data, user_name=user.name,
                                  may_load=permissions.checker(cursor(), user))
    except load.BusyError as exc:
        st.warning(message(exc), icon="⏳")
        return
    except load.LoadError as exc:
        st.error(message(exc), icon="⛔")
        return
    st.session_state.pop(_CHECK_KEY, None)  # the record changed: the next look at this file checks it afresh
    st.success(message(result.message), icon="✅")


def history_section(user: User) -> None:
    """Every batch, newest first; pick one to see its rows; an admin may roll an upload back."""
    batches = uploads.batches(cursor())
    if batches.empty:
        empty_state(t("riwayat.kosong"))
        return
    shown = batches.assign(dibatalkan=batches["dibatalkan"].map({True: t("riwayat.ya"), False: ""}))
    st.dataframe(shown[["id", "nama_berkas", "dimuat_oleh", "dimuat_pada", "jumlah_baris", "baris_terkini",
                        "indikator", "periode", "dibatalkan", "alasan"]].rename(columns=_history_labels()),
                 hide_index=True, width="stretch")
    chosen = st.selectbox(t("riwayat.pilih"), batches["id"].tolist(), key="riwayat_pilih",
                          format_func=lambda i: f"#{i} — {batches.set_index('id').loc[i, 'nama_berkas']}")
    rows = uploads.batch_rows(cursor(), int(chosen))
    st.dataframe(rows.rename(columns={c: t(f"riwayat.baris.{c}") for c in rows.columns}), hide_index=True,
                 width="stretch")
    batch = batches.set_index("id").loc[chosen]
    if user.role == "admin" and not batch["benih"] and not batch["dibatalkan"]:
        _rollback_form(user, int(chosen))


def _history_labels() -> dict[str, str]:
    keys = ("id", "nama_berkas", "dimuat_oleh", "dimuat_pada", "jumlah_baris", "baris_terkini", "indikator",
            "periode", "dibatalkan", "alasan")
    return {key: t(f"riwayat.kol.{key}") for key in keys}


def _rollback_form(user: User, batch_id: int) -> None:
    with st.form("riwayat_batal"):
        st.markdown(t("riwayat.batal_judul", id=batch_id))
        reason = st.text_input(t("riwayat.alasan"), key="riwayat_alasan")
        if st.form_submit_button(t("riwayat.batalkan"), type="primary"):
            if not reason.strip():
                st.error(t("riwayat.alasan_wajib"), icon="⚠️")
                return
            try:
                load.rollback(default_path(), batch_id, user_name=user.name, reason=reason)
            except load.LoadError as exc:
                st.error(message(exc), icon="⛔")
                return
            st.success(t("riwayat.dibatalkan", id=batch_id), icon="✅")
