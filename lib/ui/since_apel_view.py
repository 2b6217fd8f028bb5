"""Since the last apel on Ringkasan (one call: since_apel_section), and the admins' apel form on Riwayat."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from lib.apel import meetings
from lib.data import responsibility
from lib.data.apel import list_apel
from lib.db import record
from lib.db.connect import default_path
from lib.judge import scorecard, since_apel, status
from lib.text import i18n
from lib.ui.state import cached_by_database, cached_display, cursor, lang, t
from lib.ui.widgets import empty_state
from lib.users import accounts as users
from lib.users.accounts import User
from lib.users.errors import UserError

MAX_RED_LINES = 5  # the rest are in the details table


@cached_by_database
def apel_list() -> pd.DataFrame:
    """Every recorded apel, newest first."""
    return list_apel(cursor())


def _uploader_opd(names: pd.Series, lang_code: str) -> list[str]:
    """The OPD of each loader name from the users file ('data benih' for the seed, '' when unknown)."""
    try:
        known = {user.name: user.opd or i18n.t(f"auth.peran.{user.role}", lang_code, opd="").strip()
                 for user in users.list_users()}
    except UserError:
        known = {}
    return [i18n.t("since.benih", lang_code) if name == record.SEED_USER else known.get(name, "") for name in names]


@cached_by_database
def comparison(tanggal: date, lang_code: str) -> tuple[str, object, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(mode, history start, status changes with owners, new data with uploader OPD, kabupaten movement); the
    owners' roles and the seed's label in lang_code (cached per language)."""
    con = cursor()
    result = since_apel.compare(con, tanggal)
    changes = result.changes
    red = changes["status_baru"] == status.TIDAK_SESUAI_JALUR
    roles = {role: i18n.t(f"pemilik.{role}", lang_code)
             for role in (responsibility.KOORDINATOR, responsibility.PENANGGUNG_JAWAB)}
    owners = (responsibility.with_owners(con, changes[red], roles) if red.any()
              else changes[red].assign(pemilik=""))
    changes = changes.assign(pemilik=owners["pemilik"].reindex(changes.index).fillna(""))
    new_data = result.new_data.assign(opd_pengunggah=_uploader_opd(result.new_data["dimuat_oleh"], lang_code))
    return result.mode, result.history_start, changes, new_data, result.movement


def _apel_label(row: pd.Series) -> str:
    return f"{i18n.format_date(row['tanggal'], lang())} — {row['nama']}"


def _status_text(code: object, value: object, satuan: str, period: object) -> str:
    if not isinstance(code, str):
        return i18n.status_label(None, lang())
    return f"{i18n.status_label(code, lang())} · {i18n.format_value(value, satuan, lang())} ({period})"


def _kabupaten_pick(movement: pd.DataFrame, best: bool) -> tuple[str, str, str | None]:
    """Label, the kabupaten's name in large type (never cut off like a metric) and its counts (None: none)."""
    pick = movement[movement["saldo"] > 0].head(1) if best else movement[movement["saldo"] < 0].tail(1)
    label = t("since.kab_membaik" if best else "since.kab_memburuk")
    if pick.empty:
        return label, f"#### {t('since.tidak_ada')}", None
    row = pick.iloc[0]
    return (label, f"#### {'▲' if best else '▼'} {row['nama']}",
            t("since.kab_rinci", membaik=row["membaik"], memburuk=row["memburuk"]))


def _change_table(changes: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        t("col.indikator"): changes["nama_indikator"], t("col.wilayah"): changes["nama"],
        t("col.dulu"): [_status_text(*r) for r in zip(changes["status_lama"], changes["nilai_lama"], changes["satuan"],
                                                       changes["periode_label_lama"])],
        t("col.sekarang"): [_status_text(*r) for r in zip(changes["status_baru"], changes["nilai_baru"],
                                                           changes["satuan"], changes["periode_label_baru"])],
        t("col.perubahan"): [t(f"since.arah.{a}") for a in changes["arah"]],
        t("col.pemilik"): changes["pemilik"],
        t("col.jenis"): [t("jenis.simulasi.short") if j == "simulasi" else t("jenis.resmi") for j in changes["jenis_baru"]],
    })


def _new_data_table(new_data: pd.DataFrame) -> pd.DataFrame:
    shown = {t("col.unggahan"): [f"#{i} {n}" for i, n in zip(new_data["unggahan"], new_data["nama_berkas"])]}
    if "dimuat_oleh" in new_data:  # dropped in public mode: no person's name in public
        shown[t("col.dimuat_oleh")] = new_data["dimuat_oleh"]
    shown[t("col.opd_pengunggah")] = new_data["opd_pengunggah"]
    shown[t("col.dimuat_pada")] = [i18n.format_date(d, lang()) for d in new_data["dimuat_pada"]]
    shown[t("col.indikator")] = new_data["indikator"]
    shown[t("col.wilayah")] = new_data["wilayah"]
    shown[t("col.jumlah_nilai")] = new_data["jumlah_nilai"]
    shown[t("col.jenis")] = [t("since.simulasi") if s else t("jenis.resmi") for s in new_data["ada_simulasi"]]
    return pd.DataFrame(shown)


@dataclass(frozen=True)
class SinceView:
    """The block's texts and tables for one apel and kabupaten choice, ready to draw."""
    caption: str
    changed: int
    changed_detail: str
    new_values: str
    new_detail: str
    best: tuple[str, str, str | None]
    worst: tuple[str, str, str | None]
    red_lines: tuple[str, ...]
    changes: pd.DataFrame | None  # None: no status changed
    new_data: pd.DataFrame | None  # None: no new data


@cached_display
def _apel_choices(today: date) -> tuple[dict[int, str], dict[int, date]]:
    """Recorded apel up to today, newest first: labels and dates by position."""
    apels = apel_list()
    apels = apels[apels["tanggal"].dt.date <= today].reset_index(drop=True)
    return ({i: _apel_label(row) for i, row in apels.iterrows()},
            {i: row["tanggal"].date() for i, row in apels.iterrows()})


@cached_display
def since_view(tanggal: date, kabupaten: tuple[str, ...]) -> SinceView:
    """What changed since the apel of that date; with kabupaten chosen, only their cells and the province's."""
    mode, start, changes, new_data, movement = comparison(tanggal, lang())
    if kabupaten:
        changes = changes[changes["wilayah"].isin((scorecard.PROVINCE, *kabupaten))]
        movement = movement[movement["wilayah"].isin(kabupaten)]
    when = i18n.format_date(tanggal, lang())
    counts = changes["arah"].value_counts()
    red = changes[changes["status_baru"] == status.TIDAK_SESUAI_JALUR]
    return SinceView(
        t("since.riwayat", tanggal=when) if mode == since_apel.RIWAYAT
        else t("since.pendekatan", tanggal=when, mulai=i18n.format_date(start, lang())),
        len(changes), t("since.status_rinci", membaik=counts.get(since_apel.MEMBAIK, 0),
                        memburuk=counts.get(since_apel.MEMBURUK, 0), baru=counts.get(since_apel.BARU, 0)),
        i18n.format_number(new_data["jumlah_nilai"].sum(), lang=lang()), t("since.data_rinci", unggahan=len(new_data)),
        _kabupaten_pick(movement, best=True), _kabupaten_pick(movement, best=False),
        tuple(t("since.merah", indikator=row.nama_indikator, wilayah=row.nama, pemilik=row.pemilik)
              for row in red.head(MAX_RED_LINES).itertuples()),
        None if changes.empty else _change_table(changes), None if new_data.empty else _new_data_table(new_data))


def _kabupaten_metric(column, pick: tuple[str, str, str | None]) -> None:
    label, name, detail = pick
    column.caption(label)
    column.markdown(name)
    if detail is not None:
        column.caption(detail)


def since_apel_section(kabupaten: tuple[str, ...] = (), key: str = "ringkasan_apel") -> None:
    """A compact 'since the last apel' block: apel picker, four figures, details in an expander; with
    kabupaten chosen, only their cells and the province's."""
    st.subheader(t("since.judul"))
    labels, dates = _apel_choices(date.today())
    if not labels:
        empty_state(t("since.kosong"))
        return
    picked = st.selectbox(t("since.pilih"), list(labels), format_func=labels.get, key=key)
    shown = since_view(dates[picked], tuple(kabupaten))
    st.caption(shown.caption)
    first, second, third, fourth = st.columns(4)
    first.metric(t("since.status_berubah"), shown.changed)
    first.caption(shown.changed_detail)
    second.metric(t("since.data_baru"), shown.new_values)
    second.caption(shown.new_detail)
    _kabupaten_metric(third, shown.best)
    _kabupaten_metric(fourth, shown.worst)
    for line in shown.red_lines:
        st.markdown(line)
    with st.expander(t("since.rincian")):
        if shown.changes is None:
            st.caption(t("since.tanpa_perubahan"))
        else:
            st.dataframe(shown.changes, hide_index=True, width="stretch")
        if shown.new_data is None:
            st.caption(t("since.tanpa_data"))
        else:
            st.dataframe(shown.new_data, hide_index=True, width="stretch")


def apel_form(user: User) -> None:
    """The recorded apel, and for an admin a form to record a new one (through lib.apel.meetings, the uploads' writer)."""
    st.subheader(t("apel.judul"))
    st.caption(t("apel.keterangan"))
    apels = apel_list()
    st.dataframe(apels[["tanggal", "nama", "tempat", "catatan", "sumber", "dicatat_oleh"]].assign(
        tanggal=[i18n.format_date(d, lang()) for d in apels["tanggal"]]), hide_index=True, width="stretch")
    if user.role != "admin":
        return
    with st.expander(t("apel.tambah")), st.form("riwayat_apel", clear_on_submit=True):
        tanggal = st.date_input(t("apel.tanggal"), value=date.today(), min_value=meetings.FIRST_APEL,
                                max_value=date.today(), format="DD/MM/YYYY", key="riwayat_apel_tanggal")
        nama = st.text_input(t("apel.nama"), key="riwayat_apel_nama")
        tempat = st.text_input(t("apel.tempat"), key="riwayat_apel_tempat")
        catatan = st.text_input(t("apel.catatan"), key="riwayat_apel_catatan")
        if st.form_submit_button(t("apel.simpan"), type="primary"):
            try:
                saved = meetings.add(default_path(), meetings.Apel(tanggal, nama, tempat, catatan), user_name=user.name)
            except meetings.ApelError as exc:
                st.error(str(exc), icon="⛔")
                return
            st.success(t("apel.tersimpan", nama=saved.nama, tanggal=i18n.format_date(saved.tanggal, lang())),
                       icon="✅")
