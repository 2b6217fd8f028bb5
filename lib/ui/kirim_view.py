"""The Kirim admin page's content: who receives what (lib.screens.kirim), read from the record itself (the
subscriptions and outbox are in no published snapshot), under the writer lock for a moment."""
from __future__ import annotations

import logging

import streamlit as st

from lib.data import deliveries
from lib.db import outbox
from lib.db.connect import default_path
from lib.db.errors import DatabaseError
from lib.screens import kirim
from lib.ui import state

LOGGER = logging.getLogger("monitor41.kirim")


def section() -> None:
    """The table, failures first; a warning when some last delivery failed; how to manage subscriptions."""
    lang = state.lang()
    try:
        with outbox.reading(default_path()) as con:
            frame = deliveries.last_per_subscription(con)
    except DatabaseError as exc:
        LOGGER.warning("Kotak keluar Kirim tidak terbaca: %s", exc)
        st.warning(state.t("kirim.tak_terbaca"), icon=":material/hourglass_empty:")
        return
    if frame.empty:
        st.info(state.t("kirim.kosong"), icon=":material/forward_to_inbox:")
    else:
        failed = kirim.failures(frame)
        if failed:
            st.error(state.t("kirim.ada_gagal", n=failed), icon=":material/error:")
        st.dataframe(kirim.deliveries_table(frame, lang), hide_index=True, width="stretch")
    st.caption(state.t("kirim.cara"))
