"""The Kirim admin page's content: who receives what (lib.screens.kirim), read from the record itself (the
subscriptions and outbox are in no published snapshot), under the writer lock for a moment; and the forms that
manage subscriptions: add (the fields and the rules of `python -m lib.kirim add`, through
lib.kirim.subscribe.add_all), stop with a confirmation step, queue a failed delivery again.

Writes run in the buttons' callbacks through lib.kirim.subscribe (the one writer path, lib.db.writer). A refusal
(a rule's message, a busy record) is shown under its form and keeps what was typed; a success empties the
recipient only. Nothing is sent from here: `python -m lib.kirim run` runs outside the app (systemd timer)."""
from __future__ import annotations

import functools
import logging

import pandas as pd
import streamlit as st

from lib.data import deliveries
from lib.db import outbox, snapshot
from lib.db.connect import default_path
from lib.db.errors import DatabaseError
from lib.kirim import rules, subscribe
from lib.kirim.rules import KirimError
from lib.screens import kirim
from lib.text import i18n
from lib.ui import state, widgets
from lib.users import accounts
from lib.users.errors import UserError

LOGGER = logging.getLogger("monitor41.kirim")
_MESSAGES = widgets.FormMessages("_kirim_pesan")  # after a write, for the run that follows
_PENDING = "_kirim_hapus_tunggu"  # session state: the numbers waiting for the removal's confirmation
ADD, REMOVE, RETRY = "tambah", "hapus", "ulang"


def _done(form: str, text: str) -> None:
    """Say a write succeeded, unless its write already said something (saved, but not yet published)."""
    if not _MESSAGES.waiting(form):
        _MESSAGES.say(form, "ok", text)


def _write(form: str, action) -> bool:
    """Run a write (in a callback); its refusal said under the form. True when it was saved."""
    try:
        action()
    except KirimError as exc:
        _MESSAGES.say(form, "error", str(exc))
        return False
    except snapshot.PublishError as exc:  # saved in the record, the notes file not yet republished
        _MESSAGES.say(form, "error", state.error_text(exc))
        return True
    except DatabaseError as exc:  # a busy record or a file problem: nothing saved, the form keeps its values
        _MESSAGES.say(form, "error", state.error_text(exc))
        return False
    return True


def _chosen(key: str, default=None):
    """A widget's value by its key: the language-keyed selectbox of _select first (it holds a change made in the
    same run as the click), then the key itself; default for a widget not drawn on the last run."""
    found = st.session_state
    for name in (f"{key}_{state.lang()}", key):
        if name in found:
            return found[name]
    return default


def _form() -> kirim.Form:
    """The add form's widgets as plain data."""
    channel = _chosen("kirim_saluran") or "email"
    return kirim.Form(
        channel=channel,
        recipient=(_chosen("kirim_akun") or "") if channel == "pengguna" else _chosen("kirim_penerima", ""),
        template=_chosen("kirim_templat", ""), kabupaten=tuple(_chosen("kirim_kab") or ()),
        opd=_chosen("kirim_opd"), isu=_chosen("kirim_isu"), on_publish=_chosen("kirim_terbit", True),
        on_schedule=_chosen("kirim_jadwal", False), schedule_kind=_chosen("kirim_jenis") or "mingguan",
        weekday=_chosen("kirim_hari") or "senin", day_of_month=_chosen("kirim_tanggal") or 1,
        days_before=_chosen("kirim_h", 1), at=_chosen("kirim_jam") or kirim.DEFAULT_TIME,
        contents=tuple(item for item in rules.CONTENTS
                       if _chosen(f"kirim_isi_{item}", item in kirim.DEFAULT_CONTENTS)),
        internal=_chosen("kirim_dalam", False))


def _add(by: str) -> None:
    form = _form()
    made: list[int] = []

    def action() -> None:
        made.extend(subscribe.add_all(default_path(), by=by, **kirim.add_arguments(form)))

    if _write(ADD, action):
        st.session_state["kirim_penerima"] = ""
        st.session_state["kirim_templat"] = ""
        st.session_state["kirim_akun"] = None
        if made:
            text = kirim.created_message(made, form, state.lang())
            if kirim.needs_apel(form) and not _apel_ahead():
                text += " " + state.t("kirim.form.belum_ada_apel")
            _done(ADD, text)


def _apel_ahead() -> bool:
    """Whether an apel ahead is recorded (a record busy for the moment: assumed so, no note)."""
    try:
        return subscribe.upcoming_apel(default_path())
    except DatabaseError as exc:
        LOGGER.warning("Daftar apel tidak terbaca untuk Kirim: %s", exc)
        return True


def _ask_remove() -> None:
    chosen = list(_chosen("kirim_hapus_pilih") or [])
    if chosen:
        st.session_state[_PENDING] = chosen
    else:
        _MESSAGES.say(REMOVE, "error", state.t("kirim.hapus.pilih_dulu"))


def _cancel_remove() -> None:
    st.session_state.pop(_PENDING, None)


def _remove(by: str) -> None:
    numbers = st.session_state.pop(_PENDING, [])
    if numbers and _write(REMOVE, lambda: subscribe.remove_all(default_path(), numbers, by)):
        st.session_state[f"kirim_hapus_pilih_{state.lang()}"] = []
        _done(REMOVE, state.t("kirim.hapus.selesai", nomor=", ".join(map(str, numbers))))


def _retry() -> None:
    number = _chosen("kirim_ulang_pilih")
    if number is not None and _write(RETRY, lambda: subscribe.retry(default_path(), number)):
        _done(RETRY, state.t("kirim.ulang.selesai", nomor=number))


def _read() -> tuple[pd.DataFrame, list[dict], pd.DataFrame] | None:
    """Who receives what, the live subscriptions and the outbox; None (said on the page) when the record is busy."""
    try:
        with outbox.reading(default_path()) as con:
            return (deliveries.last_per_subscription(con), deliveries.live_subscriptions(con),
                    deliveries.outbox(con))
    except DatabaseError as exc:
        LOGGER.warning("Kotak keluar Kirim tidak terbaca: %s", exc)
        st.warning(state.t("kirim.tak_terbaca"), icon=":material/hourglass_empty:")
        return None


def _choices() -> kirim.Choices:
    try:
        names = [user.name for user in accounts.list_users()]
    except UserError as exc:  # the users file cannot be read: no account to pick, the rest of the form works
        LOGGER.warning("Berkas akun tidak terbaca untuk Kirim: %s", exc)
        names = []
    return kirim.choices(state.source(), names)


def section(by: str) -> None:
    """The table, failures first (a warning when some last delivery failed); the add form; stopping and
    retrying when there is something to stop or retry; how delivery runs. `by`: the signed-in admin's name."""
    lang = state.lang()
    choices = _choices()
    found = _read()
    if found is not None:
        frame, subs, sent = found
        if frame.empty:
            st.info(state.t("kirim.kosong"), icon=":material/forward_to_inbox:")
        else:
            failed = kirim.failures(frame)
            if failed:
                st.error(state.t("kirim.ada_gagal", n=failed), icon=":material/error:")
            st.dataframe(kirim.deliveries_table(frame, lang, choices.kabupaten), hide_index=True, width="stretch")
    _add_form(choices, by)
    if found is not None:
        _remove_form(subs, choices.kabupaten, by)
        _retry_form(kirim.failed_deliveries(sent, lang))
    st.caption(state.t("kirim.cara"))


def _words(keys: dict[str, str]):
    """The words of each choice in this run's language, bound now (a widget's format_func may be called after
    the run)."""
    lang = state.lang()
    return lambda code: i18n.t(keys[code], lang)


def _select(box, label: str, options, key: str, format_func, index: int | None = 0, **options_):
    """A selectbox of translated choices: its widget key carries the language (a language switch is a new widget;
    under one key the browser keeps showing the old words), its choice is kept under `key` across the switch
    (the key _form reads)."""
    options = list(options)
    chosen = st.session_state.get(key)
    value = box.selectbox(label, options, index=options.index(chosen) if chosen in options else index,
                          format_func=format_func, key=f"{key}_{state.lang()}", **options_)
    st.session_state[key] = value
    return value


def _recipient(channel: str, choices: kirim.Choices, box) -> None:
    if channel == "pengguna":
        box.selectbox(state.t("kirim.form.akun"), choices.accounts, index=None, key="kirim_akun",
                      placeholder=state.t("kirim.form.akun_pilih" if choices.accounts else "kirim.form.akun_tidak_ada"),
                      help=state.t("kirim.form.akun_bantuan"))
    else:
        label, example = kirim.RECIPIENT_KEYS[channel]
        box.text_input(state.t(label), key="kirim_penerima", max_chars=subscribe.MAX_TEXT,
                       placeholder=state.t(example))


def _schedule() -> None:
    kind_box, day_box, time_box = st.columns(3)
    kind = _select(kind_box, state.t("kirim.form.jenis"), kirim.SCHEDULE_KINDS, "kirim_jenis",
                   _words(kirim.SCHEDULE_KEYS))
    if kind == "mingguan":
        _select(day_box, state.t("kirim.form.hari"), rules.DAYS, "kirim_hari", _words(kirim.DAY_KEYS))
    elif kind == "bulanan":
        day_box.selectbox(state.t("kirim.form.tanggal"), kirim.MONTH_DAYS, key="kirim_tanggal",
                          help=state.t("kirim.form.tanggal_bantuan"))
    elif kind == "apel":
        _select(day_box, state.t("kirim.form.sebelum_apel"), kirim.DAYS_BEFORE_APEL, "kirim_h",
                functools.partial(kirim.days_before_label, lang=state.lang()), index=1)
    time_box.time_input(state.t("kirim.form.jam"), value=kirim.DEFAULT_TIME, key="kirim_jam")


def _add_form(choices: kirim.Choices, by: str) -> None:
    """Add a subscription: recipient, scope, triggers (with the schedule's pickers), content, public or not."""
    with st.container(border=True, key="m41_kirim_tambah"):
        st.subheader(state.t("kirim.form.judul"))
        channel_box, recipient_box = st.columns([1, 2])
        channel = _select(channel_box, state.t("kirim.form.saluran"), kirim.CHANNELS, "kirim_saluran",
                          _words(kirim.CHANNEL_KEYS))
        _recipient(channel, choices, recipient_box)
        if channel == "whatsapp":
            st.text_input(state.t("kirim.form.templat"), key="kirim_templat", max_chars=subscribe.MAX_TEXT,
                          placeholder="ringkasan_monitor41", help=state.t("kirim.form.templat_bantuan"))
        kab_box, opd_box, isu_box = st.columns(3)
        kab_box.multiselect(state.t("kirim.form.kabupaten"), list(choices.kabupaten), key="kirim_kab",
                            format_func=lambda c: choices.kabupaten.get(c, c), select_all=False,
                            placeholder=state.t("kirim.form.kabupaten_semua"))
        opd_box.selectbox(state.t("kirim.form.opd"), list(choices.opd), index=None, key="kirim_opd",
                          format_func=lambda c: choices.opd.get(c, c), placeholder=state.t("kirim.form.opd_semua"),
                          help=state.t("kirim.form.opd_bantuan"))
        _select(isu_box, state.t("kirim.form.isu"), choices.isu, "kirim_isu", lambda c: choices.isu.get(c, c),
                index=None, placeholder=state.t("kirim.form.isu_semua"))
        st.markdown(f"**{state.t('kirim.form.pemicu')}**")
        publish_box, schedule_box = st.columns(2)
        publish_box.checkbox(state.t("kirim.form.terbit"), value=True, key="kirim_terbit",
                             help=state.t("kirim.form.terbit_bantuan"))
        if schedule_box.checkbox(state.t("kirim.form.jadwal"), key="kirim_jadwal",
                                 help=state.t("kirim.form.jadwal_bantuan")):
            _schedule()
        st.markdown(f"**{state.t('kirim.form.isi')}**")
        for item, box in zip(rules.CONTENTS, st.columns(len(rules.CONTENTS))):
            box.checkbox(state.t(kirim.CONTENT_KEYS[item]), value=item in kirim.DEFAULT_CONTENTS, key=f"kirim_isi_{item}")
        if channel == "pengguna":
            st.caption(state.t("kirim.form.dalam_akun"))
        else:
            st.checkbox(state.t("kirim.form.dalam"), key="kirim_dalam", help=state.t("kirim.form.dalam_bantuan"))
        st.button(state.t("kirim.form.tambah"), icon=":material/add:", type="primary", key="kirim_tambah",
                  on_click=_add, args=(by,))
        _MESSAGES.show(ADD)


def _remove_form(subs: list[dict], names: dict[str, str], by: str) -> None:
    """Stop subscriptions: pick them, then confirm (their outbox stays)."""
    if not subs and not _MESSAGES.waiting(REMOVE):
        return
    labels = {sub["id"]: kirim.subscription_label(sub, names, state.lang()) for sub in subs}
    with st.container(border=True, key="m41_kirim_hapus"):
        st.subheader(state.t("kirim.hapus.judul"))
        if labels:
            st.multiselect(state.t("kirim.hapus.pilih"), list(labels), key=f"kirim_hapus_pilih_{state.lang()}",
                           format_func=lambda n: labels.get(n, str(n)), on_change=_cancel_remove,
                           placeholder=state.t("kirim.hapus.pilih_placeholder"), select_all=False)
        pending = [n for n in st.session_state.get(_PENDING, []) if n in labels]
        if pending:
            st.warning(state.t("kirim.hapus.yakin", nomor=", ".join(map(str, pending))), icon=":material/warning:")
            yes_box, no_box = st.columns(2)
            yes_box.button(state.t("kirim.hapus.ya"), icon=":material/delete:", type="primary", key="kirim_hapus_ya",
                           on_click=_remove, args=(by,))
            no_box.button(state.t("kirim.hapus.batal"), key="kirim_hapus_batal", on_click=_cancel_remove)
        elif labels:
            st.button(state.t("kirim.hapus.tombol"), icon=":material/cancel_schedule_send:", key="kirim_hapus",
                      on_click=_ask_remove)
        _MESSAGES.show(REMOVE)


def _retry_form(failed: dict[int, str]) -> None:
    """Queue a delivery that failed for good again (the cause fixed); the next round sends it."""
    if not failed and not _MESSAGES.waiting(RETRY):
        return
    with st.container(border=True, key="m41_kirim_ulang"):
        st.subheader(state.t("kirim.ulang.judul"))
        if failed:
            _select(st, state.t("kirim.ulang.pilih"), failed, "kirim_ulang_pilih", lambda n: failed.get(n, str(n)))
            st.button(state.t("kirim.ulang.tombol"), icon=":material/replay:", key="kirim_ulang", on_click=_retry)
        _MESSAGES.show(RETRY)
