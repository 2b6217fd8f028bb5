"""Since the last apel on Ringkasan (since_summary: the three lines of the first screen; since_apel_section: the
section with its apel picker and details), and the admins' apel form, date and time, on Riwayat."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
import streamlit as st

from lib.apel import meetings
from lib.data import notes
from lib.data.apel import DEFAULT_JAM, list_apel
from lib.db.connect import default_path
from lib.present.markdown import message
from lib.present.since_text import clock_text, moment_text, notes_line
from lib.present.tables import simulated_mark
from lib.screens import since_apel
from lib.text import i18n
from lib.ui import catatan_data
from lib.ui.state import cached_display, lang, source, t
from lib.ui.text import fill
from lib.ui.widgets import empty_state
from lib.users.accounts import User


def apel_list() -> pd.DataFrame:
    """Every recorded apel, newest first (cached)."""
    return source().read(list_apel)


@cached_display
def _apel_choices(today: date) -> tuple[since_apel.ApelChoice, ...]:
    # per day; an apel recorded later today shows once the cache of this snapshot turns (a new record = new key)
    return since_apel.apel_choices(source(), today)


@cached_display
def _since_view(choice: since_apel.ApelChoice, kabupaten: tuple[str, ...]) -> since_apel.SinceView:
    return since_apel.since_view(source(), choice, kabupaten)


def _kabupaten_metric(column, pick: tuple[str, str, str | None]) -> None:
    label, name, detail = pick
    column.caption(label)
    column.markdown(name)
    if detail is not None:
        column.caption(detail)


def since_summary(kabupaten: tuple[str, ...] = ()) -> None:
    """The three-line summary against the last apel, for the first screen of Ringkasan (nothing without an apel)."""
    choices = _apel_choices(date.today())
    if not choices:
        return
    shown = _since_view(choices[0], tuple(kabupaten))
    noted = since_apel.notes_summary(notes_counts(choices[0].moment), lang())
    with st.container(border=True, key="ringkasan_sejak_apel"):
        st.html("<div style='line-height:1.35'>" + "<br>".join((*shown.summary, *((noted,) if noted else ())))
                + "</div>")


def notes_counts(moment: datetime) -> dict | None:
    """Cell notes since the apel (lib.data.notes.counts_since), for the whole province whatever the kabupaten
    filter; None in public mode (nothing is read there)."""
    return catatan_data.read(notes.counts_since, moment)


def _colored(frame: pd.DataFrame, colours: tuple[str, ...]):
    """The changes table with its Perubahan cells in the colour of their word (by arah)."""
    column = t("col.perubahan")
    styles = pd.DataFrame("", index=frame.index, columns=frame.columns)
    styles[column] = [f"color: {c}; font-weight: 600" for c in colours]
    return frame.style.apply(lambda _: styles, axis=None)


def since_apel_section(kabupaten: tuple[str, ...] = (), key: str = "ringkasan_apel") -> None:
    """A compact 'since the last apel' block: apel picker (the last apel first), four figures, details in an
    expander; with kabupaten chosen, only their cells and the province's."""
    st.subheader(t("since.judul"))
    choices = _apel_choices(date.today())
    if not choices:
        empty_state(t("since.kosong"))
        return
    picked = st.selectbox(t("since.pilih"), range(len(choices)), format_func=lambda i: choices[i].label, key=key)
    shown = _since_view(choices[picked], tuple(kabupaten))
    st.caption(shown.caption)
    first, second, third, fourth = st.columns(4)
    first.metric(t("since.status_berubah"), shown.changed)
    counts = shown.counts
    first.caption(t("since.status_rinci", membaik=counts["membaik"], memburuk=counts["memburuk"],
                    baru=counts["baru dinilai"], target=counts["target"]))
    second.metric(t("since.data_baru"), i18n.format_number(shown.new_official, 0, lang()))
    second.caption(t("since.data_rinci", unggahan=shown.new_official_batches, tanda=simulated_mark(lang()),
                     simulasi=i18n.format_number(shown.new_simulated, 0, lang())))
    _kabupaten_metric(third, shown.best)
    _kabupaten_metric(fourth, shown.worst)
    for line in shown.red_lines:  # a red Material icon: the colour of the status, no emoji
        st.markdown(f":red[:material/error:] {line}")
    noted = notes_line(notes_counts(choices[picked].moment), lang())
    if noted:  # counts in our own words only (no user text): safe as Markdown
        st.markdown(f":material/forum: **{t('catatan_brief.judul_ringkas')}** {noted}")
    with st.expander(t("since.rincian")):
        if shown.changes is None:
            st.caption(t("since.tanpa_perubahan"))
        else:
            st.dataframe(_colored(shown.changes, shown.change_colors), hide_index=True, width="stretch")
        if shown.new_data is None:
            st.caption(t("since.tanpa_data"))
        else:
            st.dataframe(shown.new_data, hide_index=True, width="stretch")


def default_hour_text() -> str:
    """The hour read for an apel whose time was not recorded, in the current language ('08.00')."""
    return clock_text(DEFAULT_JAM, lang())


def apel_form(user: User) -> None:
    """The recorded apel with their hour, and for an admin a form to record a new one, date and time (through
    lib.apel.meetings, the uploads' writer)."""
    st.subheader(t("apel.judul"))
    st.caption(t("apel.keterangan", jam=clock_text(DEFAULT_JAM, lang())))
    apels = apel_list()
    shown = apels[["nama", "tempat", "catatan", "sumber", "dicatat_oleh"]].copy()
    shown.insert(0, "waktu", [moment_text(pd.Timestamp(w).to_pydatetime(), lang(), bool(r))
                              for w, r in zip(apels["waktu"], apels["jam_tercatat"])])
    st.dataframe(shown, hide_index=True, width="stretch")
    if user.role != "admin":
        return
    with st.expander(t("apel.tambah")), st.form("riwayat_apel", clear_on_submit=True):
        tanggal = st.date_input(t("apel.tanggal"), value=date.today(), min_value=meetings.FIRST_APEL,
                                max_value=date.today(), format="DD/MM/YYYY", key="riwayat_apel_tanggal")
        jam = st.time_input(t("apel.jam"), value=DEFAULT_JAM, step=timedelta(minutes=5), key="riwayat_apel_jam",
                            help=t("apel.jam_bantuan"))
        nama = st.text_input(t("apel.nama"), key="riwayat_apel_nama")
        tempat = st.text_input(t("apel.tempat"), key="riwayat_apel_tempat")
        catatan = st.text_input(t("apel.catatan"), key="riwayat_apel_catatan")
        if st.form_submit_button(t("apel.simpan"), type="primary"):
            try:
                saved = meetings.add(default_path(), meetings.Apel(tanggal, nama, tempat, catatan, jam),
                                     user_name=user.name)
            except meetings.ApelError as exc:  # it may quote the typed name: text, never Markdown
                st.error(message(exc), icon=":material/block:")
                return
            st.success(fill("apel.tersimpan", nama=saved.nama,
                         tanggal=moment_text(datetime.combine(saved.tanggal, saved.jam), lang())),
                       icon=":material/check_circle:")
