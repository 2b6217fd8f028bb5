"""The Unggah and Riwayat screens' parts: template download, upload check and confirm, batch history and
rollback. Every write goes through lib.ingest (the same code path as `python -m lib.ingest`)."""
from __future__ import annotations

import zlib
from datetime import date

import pandas as pd
import streamlit as st

from lib.access import permissions
from lib.data import reference, uploads, wilayah
from lib.db.connect import default_path
from lib.ingest import load, pipeline, shapes, template
from lib.ingest.batches import already_loaded_message
from lib.ingest.rows import UploadError
from lib.present import downloads, tables
from lib.present.markdown import message
from lib.text.i18n import format_number
from lib.ui.state import cached, cursor, database_version, lang, t
from lib.ui.widgets import empty_state
from lib.users.accounts import User

_CHECK_KEY = "unggah_cek"  # session state: (content hash, name, user, database version) -> the check's result
_MIB = 1024 * 1024
LIMIT_MB = shapes.MAX_UPLOAD_BYTES // _MIB  # Streamlit counts MB as MiB; .streamlit/config.toml holds the same
_JENIS_WORDS = {"tahun": "unggah.jenis.tahun", "semester": "unggah.jenis.semester",
                "triwulan": "unggah.jenis.triwulan", "bulan": "unggah.jenis.bulan", "minggu": "unggah.jenis.minggu"}

def _loadable_indicators(user: User) -> dict[str, str]:
    registry = cached("indicators")
    con = cursor()
    allowed = {code: name for code, name in zip(registry["kode"], registry["nama"])
               if permissions.loadable_wilayah(con, user, code)}
    return {code: f"{code} — {name}" for code, name in allowed.items()}


def _pick(label: str, options: list, key: str, format_func, default=None, radio: bool = False, help=None):
    """One choice from a list (radio for a few, selectbox for many). The widget's key names its options and
    their words (a widget whose options changed under one key keeps showing the old choice in the browser); the last
    choice is remembered under `key` and chosen again while it is still offered."""
    if st.session_state.get(key) in options:
        default = st.session_state[key]
    index = options.index(default) if default in options else 0
    shown = [(option, format_func(option)) for option in options]  # a language switch is a new widget too
    widget_key = f"{key}_{zlib.crc32(repr(shown).encode()):08x}"
    if radio:
        value = st.radio(label, options, index=index, format_func=format_func, key=widget_key, horizontal=True,
                         help=help)
    else:
        value = st.selectbox(label, options, index=index, format_func=format_func, key=widget_key, help=help)
    st.session_state[key] = value
    return value


def template_section(user: User) -> None:
    """Choose an indicator the user may report, the wilayah level and the period from lists; download its Excel
    template holding only the rows this user may fill at that level."""
    choices = _loadable_indicators(user)
    if not choices:
        empty_state(t("unggah.tanpa_indikator"))
        return
    code = st.selectbox(t("unggah.indikator"), list(choices), format_func=choices.get, key="unggah_indikator")
    con = cursor()
    by_level = template.levels_for(con, permissions.loadable_wilayah(con, user, code))
    level_words = {level: t("unggah.tingkat_pilihan", tingkat=t(f"level.{level}"),
                            n=format_number(len(codes), lang=lang())) for level, codes in by_level.items()}
    level = _pick(t("unggah.tingkat"), list(by_level), "unggah_tingkat", radio=True, format_func=level_words.get,
                  default="kabupaten", help=t("unggah.tingkat_help"))
    periodicity = cached("indicators").set_index("kode").loc[code, "periodisitas"]
    kinds = list(template.period_jenis_choices(periodicity))
    jenis = kinds[0]
    if len(kinds) > 1:
        kind_words = {kind: t(_JENIS_WORDS[kind]) for kind in kinds}
        jenis = _pick(t("unggah.jenis_periode"), kinds, "unggah_jenis_periode", radio=True,
                      format_func=kind_words.get,
                      help=t("unggah.jenis_periode_help", jenis=t(_JENIS_WORDS[kinds[0]]).lower()))
    today = date.today()
    offered = template.period_choices(con, jenis, today)
    if not offered:
        empty_state(t("unggah.tanpa_periode"))
        return
    labels = {period.kode: period.label(lang()) for period in offered}
    period = _pick(t("unggah.periode"), list(labels), "unggah_periode", format_func=labels.get,
                   default=template.default_period(offered, jenis, today), help=t("unggah.periode_help"))
    rows = by_level[level]
    try:
        data = template.write_template(con, code, period, rows)
    except template.TemplateError as exc:
        st.error(message(exc), icon=":material/warning:")
        return
    st.download_button(t("unggah.unduh_templat", periode=labels[period], tingkat=t(f"level.{level}"),
                         n=format_number(len(rows), lang=lang())),
                       data, template.file_name(code, period, level), key="unggah_templat",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:")


def _css_text(text: str) -> str:
    """Text as a quoted CSS string (for `content:`)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _uploader_style(key: str) -> str:
    """CSS for one uploader: Streamlit's English button, drop hint, size line and refusal give way to ours."""
    scope = f".st-key-{key} [data-testid='stFileUploaderDropzone']"
    return (f"<style>{scope} [data-testid='stFileUploaderDropzoneInstructions'] {{display: none;}}"
            f"{scope} button [data-testid='stMarkdownContainer'] p {{font-size: 0;}}"
            f"{scope} button [data-testid='stMarkdownContainer'] p::after "
            f"{{content: {_css_text(t('unggah.pilih_berkas'))}; font-size: 0.875rem;}}"
            f"{scope} > div:not([data-testid]) > span {{font-size: 0;}}"
            f"{scope} > div:not([data-testid]) > span::after "
            f"{{content: {_css_text(t('unggah.lepas_berkas'))}; font-size: 0.875rem;}}"
            # A file the browser refused (too large, wrong type) gets a red chip and an English tooltip: say why.
            f"{scope} [data-testid='stFileChips']:has([aria-invalid='true'])::after "
            f"{{content: {_css_text(t('unggah.berkas_ditolak', mb=LIMIT_MB))}; flex-basis: 100%; "
            "font-size: 0.875rem; color: #a4161a; padding: 0.25rem 0.5rem;}"
            # … and its hover tooltip (a portal outside the widget, only used for refused files) says it too.
            "[data-testid='stTooltipErrorContent'] {font-size: 0;}"
            f"[data-testid='stTooltipErrorContent']::after {{content: {_css_text(t('unggah.berkas_ditolak_singkat', mb=LIMIT_MB))}; "
            "font-size: 0.875rem;}</style>")


def file_input(label: str, key: str):
    """A .csv/.xlsx uploader whose limit is the enforced one and whose texts are in the UI language."""
    st.html(_uploader_style(key))
    upload = st.file_uploader(label, type=["csv", "xlsx"], key=key, max_upload_size=LIMIT_MB)
    st.caption(t("unggah.batas_berkas", mb=LIMIT_MB))
    return upload


def show_problems(problems: list, download_key: str | None = None) -> None:
    """Every problem of a refused file at once, in a table; with download_key, a CSV of them too."""
    st.error(t("unggah.ditolak", n=len(problems)), icon=":material/block:")
    table = tables.problem_table(problems, lang())
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        t("unggah.kol_masalah"): st.column_config.TextColumn(width="large"),
        t("unggah.kol_perbaikan"): st.column_config.TextColumn(width="large")})
    if download_key is None:
        return
    st.download_button(t("unggah.unduh_laporan"), downloads.to_csv_bytes(table), "laporan-masalah.csv",
                       "text/csv", key=download_key, icon=":material/download:")


def checked_side_table(table, user: User, upload, report_key: str | None = None):
    """A side-table file (`table`: lib.ingest.tindakan or lib.ingest.asuhan) read and every row checked:
    (rows, data, may_report), or None once its refusal or its problems are shown."""
    data = upload.getvalue()
    may_report = table.reporter(cursor(), user)
    try:
        rows, problems = table.check(cursor(), table.read(upload.name, data), may_report, user.opd)
    except UploadError as exc:  # it quotes the file name: shown as text, never Markdown
        st.error(message(exc), icon=":material/block:")
        return None
    if problems:
        show_problems(problems, report_key)
        return None
    return rows, data, may_report


def load_side_table(table, user: User, name: str, data: bytes, may_report, loaded, already: str) -> None:
    """Load a checked side-table file as one batch; `loaded(batch)` is the success text, `already` the note for
    a file loaded before. Busy, changed (every problem again) or refused: said, nothing loaded."""
    try:
        batch = table.load(default_path(), name, data, user_name=user.name, user_opd=user.opd,
                           may_report=may_report)
    except load.BusyError as exc:
        st.warning(message(exc), icon=":material/hourglass_empty:")
        return
    except pipeline.RejectedError as exc:  # the record changed since the check: every problem again
        show_problems(list(exc.problems))
        return
    except (load.LoadError, UploadError) as exc:
        st.error(message(exc), icon=":material/block:")
        return
    if batch is None:
        st.info(already, icon=":material/info:")
    else:
        st.success(loaded(batch), icon=":material/check_circle:")


def upload_section(user: User) -> None:
    """Upload a file, see every problem at once or a preview of what will change, then confirm to load."""
    upload = file_input(t("unggah.berkas", mb=LIMIT_MB), "unggah_berkas")
    if upload is None:
        st.caption(t("unggah.petunjuk"))
        return
    data = upload.getvalue()
    report = _checked(user, upload.name, data)
    if isinstance(report, str):
        st.error(message(report), icon=":material/block:")
        return
    for notice in report.notices:
        st.info(message(notice), icon=":material/info:")
    if report.problems:
        show_problems(report.problems, "unggah_laporan")
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
        st.info(message(already_loaded_message(preview.already_loaded)), icon=":material/info:")
        return
    counts = pd.Series([c.status for c in preview.changes]).value_counts()
    st.success(t("unggah.pratinjau", baru=int(counts.get(load.NEW, 0)), berubah=int(counts.get(load.CHANGED, 0)),
                 sama=int(counts.get(load.SAME, 0))), icon=":material/check_circle:")
    units = {code: satuan for code, _, satuan, *_ in reference.indicator_rows(cursor())}  # stored, not translated
    names = wilayah.names_of(cursor(), sorted({c.wilayah for c in preview.changes}))
    st.dataframe(tables.change_table(preview.changes, lang(), names, units), hide_index=True,
                 width="stretch")
    to_load = int(counts.get(load.NEW, 0) + counts.get(load.CHANGED, 0))
    if to_load == 0:
        st.info(t("unggah.tidak_ada_perubahan"), icon=":material/info:")
        return
    if st.button(t("unggah.muat", n=to_load), type="primary", key="unggah_muat"):
        _load(user, name, data)


def _load(user: User, name: str, data: bytes) -> None:
    try:
        result = pipeline.load_file(default_path(), name, data, user_name=user.name,
                                  may_load=permissions.checker(cursor(), user))
    except load.BusyError as exc:
        st.warning(message(exc), icon=":material/hourglass_empty:")
        return
    except load.LoadError as exc:
        st.error(message(exc), icon=":material/block:")
        return
    st.session_state.pop(_CHECK_KEY, None)  # the record changed: the next look at this file checks it afresh
    st.success(message(result.message), icon=":material/check_circle:")


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
                st.error(t("riwayat.alasan_wajib"), icon=":material/warning:")
                return
            try:
                load.rollback(default_path(), batch_id, user_name=user.name, reason=reason)
            except load.LoadError as exc:
                st.error(message(exc), icon=":material/block:")
                return
            st.success(t("riwayat.dibatalkan", id=batch_id), icon=":material/check_circle:")
