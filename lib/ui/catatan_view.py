"""Cell notes on the pages (issue 21): the notes panel beside a cell, the count marks joined to tables at draw
time and the OPD page's inbox. Content comes from lib.screens.catatan; writes go through lib.catatan.rules
(the one writer path), then catatan_data.forget(). Nothing here runs in public mode (catatan_data.shown()).

Forms keep what was typed: a write runs in the submit button's callback, which empties the text only when
the write succeeded; a refusal (NoteError, in Bahasa Indonesia or English) is shown under the form."""
from __future__ import annotations

import logging
from datetime import date, datetime

import pandas as pd
import streamlit as st

from lib.catatan import rules
from lib.catatan.rules import Cell, NoteError
from lib.data import notes
from lib.db import snapshot
from lib.db.connect import default_path
from lib.db.errors import DatabaseError
from lib.present import tables
from lib.present.markdown import plain
from lib.screens import catatan as screen
from lib.screens import reads
from lib.ui import auth, catatan_data, widgets
from lib.ui.state import cursor, database_version, error_text, lang, source, t

LOG = logging.getLogger(__name__)
_MESSAGES = widgets.FormMessages("_catatan_pesan")  # after a write, for the run that follows
INBOX = "kotak"  # the inbox's message slot


def open_counts() -> pd.DataFrame | None:
    """Open notes per cell (lib.data.notes.open_counts) on the current notes file; None in public mode or
    before the first note. Read apart from the figures: joined to their cached tables at draw time."""
    if not catatan_data.shown() or catatan_data.version() is None:
        return None
    return catatan_data.read(notes.open_counts)


def _write(key: str, fields: tuple[str, ...], action) -> None:
    """Run a write (in a callback); on success empty the form's text fields and forget the cached notes."""
    user = auth.current_user()
    if user is None:
        _MESSAGES.say(key, "error", t("catatan.panel.perlu_masuk"))
        return
    try:
        number = action(user)
    except NoteError as exc:
        _MESSAGES.say(key, "error", exc.message(lang()))
        return
    except snapshot.PublishError as exc:  # saved in the record, not yet readable: do not invite a second copy
        for field in fields:
            st.session_state[field] = ""
        catatan_data.forget()
        _MESSAGES.say(key, "error", error_text(exc))
        return
    except DatabaseError as exc:  # the record cannot be written (a file problem): said, the text kept
        _MESSAGES.say(key, "error", error_text(exc))
        return
    for field in fields:
        st.session_state[field] = ""
    catatan_data.forget()
    _MESSAGES.say(key, "ok", t("catatan.panel.tersimpan", nomor=number))


def _tenggat(kind: str, key: str) -> date | None:
    return st.session_state.get(key) if kind == "komitmen" else None


def _add(key: str, cell: Cell) -> None:
    kind = st.session_state[f"{key}_jenis"]
    _write(key, (f"{key}_teks",), lambda user: rules.add(
        default_path(), user, cell, kind, st.session_state[f"{key}_teks"], tenggat=_tenggat(kind, f"{key}_tenggat")))


def _reply(key: str, note_id: int, say: str | None = None) -> None:
    """A reply from the form `key`; its message shown under the form, or at `say` (the inbox, whose row goes
    once answered)."""
    kind = st.session_state.get(f"{key}_jenis") or "pertanyaan"
    _write(say or key, (f"{key}_teks",), lambda user: rules.reply(
        default_path(), user, note_id, st.session_state[f"{key}_teks"], jenis=kind,
        tenggat=_tenggat(kind, f"{key}_tenggat")))


def _act(key: str) -> None:
    choice = st.session_state.get(f"{key}_pilih")
    if not choice:
        return
    action, note_id = choice.split(":")
    note_id, text = int(note_id), st.session_state.get(f"{key}_teks", "")
    path = default_path()
    do = {"selesai": lambda user: rules.done(path, user, note_id, text),
          "tutup": lambda user: rules.close(path, user, note_id, text or None),
          "ubah": lambda user: rules.edit(path, user, note_id, text),
          "tarik": lambda user: rules.withdraw(path, user, note_id, text or None)}[action]
    _write(key, (f"{key}_teks",), do)


def _kind_label(kind: str) -> str:
    return t(f"catatan.panel.jenis.{kind}")


def _chip(text: str, fill: str) -> str:
    return (f"<span style='background:{fill};color:#1f2a30;border-radius:10px;padding:1px 8px;"
            f"font-size:0.85rem;font-weight:600'>{widgets.escape(text)}</span>")


def _kind_form(key: str, kinds: list[str], label: str, submit: str, on_submit, args: tuple,
               message: bool = True) -> None:
    """The form of a new note or a reply: kind, text, due date (used for a komitmen); with message, the
    outcome of its last submit under it (a form in a popover shows it outside instead: the popover may close)."""
    with st.form(key, border=False):
        kind, due = st.columns([3, 2])  # side by side on a wide screen, stacked on a phone
        kind.radio(t("catatan.panel.jenis_label"), kinds, key=f"{key}_jenis", format_func=_kind_label,
                   horizontal=True)
        due.date_input(t("catatan.panel.tenggat_label"), key=f"{key}_tenggat", value=screen.today_default(),
                       format="DD/MM/YYYY", help=t("catatan.panel.tenggat_bantuan"))
        st.text_area(label, key=f"{key}_teks", max_chars=rules.MAX_CHARS, height=90,
                     placeholder=t("catatan.panel.teks_contoh"))
        st.form_submit_button(submit, icon=":material/send:", on_click=on_submit, args=args)
    if message:
        _MESSAGES.show(key)


def _replay(thread: screen.Thread, indikator: str, wilayah: str) -> None:
    """The cell as it was when the thread began, beside today's: one line each (fits a phone)."""
    try:
        table = _replay_table(indikator, wilayah, thread.periode, thread.dibuat, database_version(), lang())
    except Exception:  # noqa: BLE001 - a replay that cannot be read leaves the thread readable
        LOG.exception("Putar ulang catatan #%s gagal", thread.id)
        st.caption(t("catatan.panel.putar_gagal"))
        return
    lines = [f"**{plain(column)}**: {plain(' · '.join(table[column]))}" for column in table.columns[1:]]
    st.caption(f"{t('catatan.panel.putar_judul')}  \n" + "  \n".join(lines))


@st.cache_data(show_spinner=False, ttl=3600, max_entries=200)
def _replay_table(indikator: str, wilayah: str, periode: str, moment: datetime, _version: tuple, lang_code: str):
    """The replay of a note (cached per figures' snapshot: notes never empty a figure cache)."""
    found = notes.replay(cursor(), indikator, wilayah, periode, moment)
    return screen.replay_table(source(), found, indikator, wilayah, moment)


def _thread(thread: screen.Thread, indikator: str, wilayah: str, key: str) -> None:
    with st.expander(thread.title, icon=":material/forum:" if thread.open else ":material/chat_bubble:"):
        for row in thread.notes:
            box = st.columns([1, 14])[1] if row.reply else st.container()
            with box:
                st.html(f"<div style='font-size:0.85rem;color:#47535c'>{widgets.escape(row.head)}</div>"
                        f"{_chip(row.chip, row.fill)}")
                st.markdown(row.teks)
        _replay(thread, indikator, wilayah)
        if thread.may_reply:
            _kind_form(f"{key}_balas", screen.reply_kinds(thread.may_answer), t("catatan.panel.balas_label"),
                       t("catatan.panel.balas_kirim"), _reply, (f"{key}_balas", thread.id))
        choices = {f"{action}:{row.id}": t(f"catatan.panel.aksi.{action}", nomor=row.id) for row in thread.notes
                   for action, allowed in (("selesai", row.may_done), ("tutup", row.may_close),
                                           ("ubah", row.may_edit), ("tarik", row.may_withdraw)) if allowed}
        if choices:
            form = f"{key}_aksi"
            with st.form(form, border=False):
                st.selectbox(t("catatan.panel.aksi_label"), list(choices), key=f"{form}_pilih",
                             format_func=choices.get)
                st.text_input(t("catatan.panel.aksi_teks"), key=f"{form}_teks", max_chars=rules.MAX_CHARS,
                              help=t("catatan.panel.aksi_bantuan"))
                st.form_submit_button(t("catatan.panel.aksi_kirim"), on_click=_act, args=(form,))
            _MESSAGES.show(form)


def panel(key: str, isu: str, indikator: str, wilayah: str, periode: str, title: str) -> None:
    """The notes panel of one cell (indikator × wilayah; new notes on periode): its threads and the forms the
    visitor may use. Nothing in public mode."""
    if not catatan_data.shown():
        return
    src = source()
    user = auth.current_user()
    answering = screen.may_answer(src, user, isu, wilayah)
    frame = catatan_data.read(notes.cell_notes, indikator, wilayah) if catatan_data.version() else None
    routed = user.opd if user is not None else None
    found = screen.threads(frame, user, answering, lang(), routed) if frame is not None and not frame.empty else ()
    with st.container(border=True, key=f"m41_catatan_{key}"):
        st.markdown(f"**:material/forum: {t('catatan.panel.judul')}** · {plain(title)}")
        if rules.may_write(user):
            with st.popover(t("catatan.panel.tulis"), icon=":material/add_comment:"):
                _kind_form(f"{key}_baru", screen.kinds(answering), t("catatan.panel.teks_label"),
                           t("catatan.panel.kirim"), _add, (f"{key}_baru", Cell(indikator, wilayah, periode)),
                           message=False)
            _MESSAGES.show(f"{key}_baru")
        elif user is None:
            st.page_link("views/unggah.py", label=t("catatan.panel.masuk"), icon=":material/login:")
        else:
            st.caption(t("catatan.panel.hanya_baca"))
        if not found:
            st.caption(t("catatan.panel.kosong"))
        for thread in found:
            _thread(thread, indikator, wilayah, f"{key}_{thread.id}")


def rapor_section(wilayah: str, card: pd.DataFrame, key: str) -> None:
    """The notes panel of a rapor's cell (Kabupaten page): an indicator of the wilayah, worst first."""
    if not catatan_data.shown() or card.empty:
        return
    counts = open_counts()
    ordered = tables.sort_worst_first(card)
    choices = screen.indicator_choices(ordered, counts, wilayah, lang())
    if st.session_state.get(f"{key}_indikator") not in choices:  # first visit, or another wilayah chosen
        # open on a cell people are talking about, else the worst
        talked = screen.first_marked(counts, list(choices), wilayah)
        st.session_state[f"{key}_indikator"] = talked or next(iter(choices))
    code = st.selectbox(t("catatan.panel.pilih_indikator"), list(choices), format_func=choices.get,
                        key=f"{key}_indikator")
    row = ordered.set_index("indikator").loc[code]
    panel(key, code.split("-")[0], code, wilayah, str(row["periode"]),
          f"{row['nama']} · {row['nama_indikator']} ({row['periode_label']})")


def opd_section(opd: str, until: date | None) -> None:
    """The notes panel of a cell the OPD owns and is off track (the OPD page's to-do cells), worst first,
    opening on the first with open notes."""
    if not catatan_data.shown():
        return
    src = source()
    cells = src.read(reads.owned_red_cells, opd, until)
    if cells.empty:
        return
    counts = open_counts()
    cells = tables.sort_worst_first(cells)
    choices = screen.red_cell_choices(cells, counts, lang())
    key = "opd_catatan_sel"
    if st.session_state.get(key) not in choices:  # first visit, or another OPD chosen
        st.session_state[key] = next((k for k in choices if screen.mark(counts, *k.split("|"), lang())),
                                     next(iter(choices)))
    chosen = st.selectbox(t("catatan.panel.pilih_sel"), list(choices), format_func=choices.get, key=key)
    indikator, wilayah = chosen.split("|")
    row = cells[(cells["indikator"] == indikator) & (cells["wilayah"] == wilayah)].iloc[0]
    panel(f"opd_{opd}", str(row["isu"]), indikator, wilayah, str(row["periode"]),
          f"{row['nama']} · {row['nama_indikator']} ({row['periode_label']})")


def mark(indikator: str, wilayah: str) -> str:
    """The open-notes mark of one cell ('' without, and in public mode), for a line of text."""
    return screen.mark(open_counts(), indikator, wilayah, lang()) if catatan_data.shown() else ""


def marked(shown: pd.DataFrame, card: pd.DataFrame, wilayah: str) -> pd.DataFrame:
    """A rapor table (rows: card worst first) with the open-notes column joined at draw time."""
    if not catatan_data.shown():
        return shown
    ordered = tables.sort_worst_first(card)
    return screen.with_marks(shown, [(code, wilayah) for code in ordered["indikator"]], open_counts(), lang())


def _open_cell(row: screen.InboxRow) -> None:
    """Before the rerun: the isu page's filters (kabupaten, indicator) set to the cell."""
    st.session_state["app_kab"] = list(row.kabupaten)
    widgets.open_indicator(row.indikator)


def _inbox_row(row: screen.InboxRow, key: str, answer: bool) -> None:
    with st.container(border=True):
        st.html(f"<div><b>{widgets.escape(row.text)}</b><br>"
                f"{_chip(row.detail, screen.OVERDUE_FILL if row.overdue else screen.STATE_FILLS['terbuka'])}</div>")
        st.markdown(row.teks)
        left, right = st.columns([1, 1], vertical_alignment="center") if answer else (None, st.container())
        if answer:
            with left.popover(t("catatan.kotak.jawab"), icon=":material/reply:"):
                _kind_form(f"{key}_balas", screen.reply_kinds(True), t("catatan.panel.balas_label"),
                           t("catatan.panel.balas_kirim"), _reply, (f"{key}_balas", row.id, INBOX), message=False)
        if right.button(t("catatan.kotak.buka"), key=f"{key}_buka", type="tertiary",
                        icon=":material/arrow_forward:", on_click=_open_cell, args=(row,)):
            st.switch_page(row.page, query_params={"indikator": row.indikator,
                                                   **({"kab": ",".join(row.kabupaten)} if row.kabupaten else {})})


def inbox(opd: str) -> None:
    """The OPD page's inbox: "Pertanyaan untuk Anda" (oldest first), "Komitmen Anda" (overdue first) and "Anda
    disebut" (notes that @mention the OPD or the signed-in clerk, newest first), with
    an answer form for a signed-in admin or a clerk of the OPD. Nothing in public mode."""
    if not catatan_data.shown():
        return
    if catatan_data.version() is None:
        return
    src = source()
    user = auth.current_user()
    answer = rules.may_write(user) and (user.role == "admin" or user.opd == opd)
    questions = screen.inbox_questions(src, catatan_data.read(notes.inbox_questions, opd))
    commitments = screen.inbox_commitments(src, catatan_data.read(notes.inbox_commitments, opd))
    listed = {row.id for row in questions + commitments}
    named = [catatan_data.read(notes.mentions, name) for name in
             (opd, *([user.name] if user is not None and user.opd == opd else []))]
    mentioned = screen.inbox_mentions(src, pd.concat(named, ignore_index=True).drop_duplicates("id"), listed)
    if not questions and not commitments and not mentioned:
        st.caption(t("catatan.kotak.kosong"))
        _MESSAGES.show(INBOX)
        return
    st.subheader(t("catatan.kotak.judul"))
    _MESSAGES.show(INBOX)
    st.markdown(f"**{t('catatan.kotak.pertanyaan', n=len(questions))}**")
    if not questions:
        st.caption(t("catatan.kotak.tanpa_pertanyaan"))
    for row in questions:
        _inbox_row(row, f"kotak_{row.id}", answer)
    st.markdown(f"**{t('catatan.kotak.komitmen', n=len(commitments))}**")
    if not commitments:
        st.caption(t("catatan.kotak.tanpa_komitmen"))
    for row in commitments:
        _inbox_row(row, f"kotak_{row.id}", False)
    if mentioned:
        st.markdown(f"**{t('catatan.kotak.disebut', n=len(mentioned))}**")
        for row in mentioned:
            _inbox_row(row, f"kotak_disebut_{row.id}", False)
