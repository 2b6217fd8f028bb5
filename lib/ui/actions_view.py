"""What is being done: satgas actions (tindakan, lib.screens.actions) as a list on the isu, Kabupaten and OPD
pages."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.screens import actions
from lib.ui.state import cached_display, source, t
from lib.ui.widgets import MISSING_CELL, empty_state, full_height, text_widths


@cached_display
def _shown_table(isu: str | None, opd: str | None, wilayah: tuple[str, ...],
                 with_province: bool) -> pd.DataFrame | None:
    """The table of actions on screen (None when there are none), made once per snapshot, language and filters."""
    return actions.action_table(source(), isu, opd, wilayah, with_province)


ACTION_ROW_HEIGHT = 86  # four wrapped lines: an action's description is a sentence or two
PUBLIC_ROW_HEIGHT = 35  # one line: public mode shows no title or description (lib.access.privacy)


def actions_section(isu: str | None = None, opd: str | None = None, wilayah: tuple[str, ...] = (),
                    with_province: bool = False, on_trend: bool = False) -> None:
    """A heading and the list of actions, newest first (see lib.data.actions.actions for the filters)."""
    st.subheader(t("tindakan.judul"))
    if on_trend:
        st.caption(t("tindakan.penanda"))
    if note := actions.public_note(source()):
        st.caption(note)
    table = _shown_table(isu, opd, tuple(wilayah), with_province)
    if table is None:
        empty_state(t("tindakan.kosong"))
        return
    # Key columns first at fixed widths, so period to description are in view at 1280 px (long titles and
    # descriptions wrap); the column the page already filters on (its isu, its OPD) is left out.
    order = [t("col.periode"), t("col.judul"), t("col.wilayah"), t("col.opd"), t("col.jumlah"), t("col.uraian"),
             t("col.isu"), t("col.sumber"), "URL"]
    order = [c for c in order if not (isu and c == t("col.isu")) and not (opd and c == t("col.opd"))]
    row_height = PUBLIC_ROW_HEIGHT if note else ACTION_ROW_HEIGHT  # public: no description to wrap
    st.dataframe(table, hide_index=True, width="stretch", placeholder=MISSING_CELL, column_order=order,
                 row_height=row_height, height=full_height(min(len(table), 8), row_height),
                 column_config={"URL": st.column_config.LinkColumn("URL", display_text=":material/open_in_new:",
                                                                   width=60),
                                **text_widths({t("col.periode"): 90, t("col.judul"): 190, t("col.wilayah"): 115,
                                               t("col.opd"): 95, t("col.jumlah"): 125, t("col.uraian"): 300})})
