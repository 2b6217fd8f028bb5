"""What is being done: satgas actions (tindakan, lib.screens.actions) as a list on the isu, Kabupaten and OPD
pages."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.screens import actions
from lib.ui.state import cached_display, source, t
from lib.ui.widgets import empty_state


@cached_display
def _shown_table(isu: str | None, opd: str | None, wilayah: tuple[str, ...],
                 with_province: bool) -> pd.DataFrame | None:
    """The table of actions on screen (None when there are none), made once per snapshot, language and filters."""
    return actions.action_table(source(), isu, opd, wilayah, with_province)


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
                 column_config={"URL": st.column_config.LinkColumn("URL", display_text=":material/open_in_new:"),
                                t("col.uraian"): st.column_config.TextColumn(width="large")})
