"""What is being done: satgas actions (tindakan) as a list on the isu, Kabupaten and OPD pages."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.data import actions
from lib.text import i18n
from lib.ui.state import cached_by_database, cached_display, cursor, lang, t
from lib.ui.widgets import empty_state


@cached_by_database
def action_list(isu: str | None, opd: str | None, wilayah: tuple[str, ...], with_province: bool) -> pd.DataFrame:
    """lib.data.actions.actions, cached."""
    return actions.actions(cursor(), isu, opd, list(wilayah), with_province)


def _table(found: pd.DataFrame) -> pd.DataFrame:
    amount = [i18n.format_number(v, lang=lang()) + (f" {s}" if isinstance(s, str) else "") if pd.notna(v) else ""
              for v, s in zip(found["jumlah"], found["satuan"])]
    return pd.DataFrame({
        t("col.periode"): found["periode_label"], t("col.judul"): found["judul"],
        t("col.isu"): [t(f"isu.{code}") if isinstance(code, str) else "" for code in found["isu"]],
        t("col.wilayah"): found["nama_wilayah"], t("col.opd"): found["opd_singkatan"].fillna(""),
        t("col.jumlah"): amount, t("col.uraian"): found["uraian"].fillna(""), t("col.sumber"): found["sumber"],
        "URL": found["url"]})


@cached_display
def _shown_table(isu: str | None, opd: str | None, wilayah: tuple[str, ...],
                 with_province: bool) -> pd.DataFrame | None:
    """The table of actions on screen (None when there are none), made once per snapshot, language and filters."""
    found = action_list(isu, opd, wilayah, with_province)
    return None if found.empty else _table(found)


def actions_section(isu: str | None = None, opd: str | None = None, wilayah: tuple[str, ...] = (),
                    with_province: bool = False, on_trend: bool = False) -> None:
    """A heading and the list of actions, newest first (see lib.data.actions.actions for the filters)."""
    st.subheader(t("tindakan.judul"))
    if on_trend:
        st.caption(t("tindakan.penanda"))
    table = _shown_table(isu, opd, tuple(wilayah), with_province)
    if table is None:
        empty_state(t("tindakan.kosong"))
        return
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config={"URL": st.column_config.LinkColumn("URL", display_text="🔗"),
                                t("col.uraian"): st.column_config.TextColumn(width="large")})


def trend_actions(isu: str, wilayah: tuple[str, ...]) -> pd.DataFrame:
    """The isu's actions in those wilayah (and province-wide ones), for markers on its trend chart."""
    return action_list(isu, None, tuple(w for w in wilayah if w != actions.PROVINCE), True)
