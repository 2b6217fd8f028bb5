"""Since the last apel on Ringkasan (one call: since_apel_section), and the admins' apel form on Riwayat."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from lib.apel import meetings
from lib.data.apel import list_apel
from lib.db.connect import default_path
from lib.screens import since_apel
from lib.text import i18n
from lib.ui.state import cached_display, lang, source, t
from lib.ui.widgets import empty_state
from lib.users.accounts import User


def apel_list() -> pd.DataFrame:
    """Every recorded apel, newest first (cached)."""
    return source().read(list_apel)


@cached_display
def _apel_choices(today: date) -> tuple[dict[int, str], dict[int, date]]:
    return since_apel.apel_choices(source(), today)


@cached_display
def _since_view(tanggal: date, kabupaten: tuple[str, ...]) -> since_apel.SinceView:
    return since_apel.since_view(source(), tanggal, kabupaten)


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
    shown = _since_view(dates[picked], tuple(kabupaten))
    st.caption(shown.caption)
    first, second, third, fourth = st.columns(4)
    first.metric(t("since.status_berubah"), shown.changed)
    first.caption(shown.changed_detail)
    second.metric(t("since.data_baru"), shown.new_values)
    second.caption(shown.new_detail)
    _kabupaten_metric(third, shown.best)
    _kabupaten_metric(fourth, shown.worst)
    for line in shown.red_lines:  # a red Material icon: the colour of the status, no emoji
        st.markdown(f":red[:material/error:] {line}")
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
                st.error(str(exc), icon=":material/block:")
                return
            st.success(t("apel.tersimpan", nama=saved.nama, tanggal=i18n.format_date(saved.tanggal, lang())),
                       icon=":material/check_circle:")
