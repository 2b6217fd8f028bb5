"""Who owns the red cells: the OPD page's list of off-track cells its OPD owns, across isu."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from lib.judge import scorecard
from lib.text import i18n
from lib.ui.state import cached_by_database, cursor, lang, t
from lib.ui.widgets import empty_state


@cached_by_database
def owned_red_cells(opd: str, until: date | None) -> pd.DataFrame:
    """Off-track province headlines and kabupaten-matrix cells that the OPD owns, with its role."""
    con = cursor()
    cells = pd.concat([scorecard.province_headlines(con, until), scorecard.kabupaten_matrix(con, until)],
                      ignore_index=True)
    return scorecard.red_cells_owned(cells, con, opd)


def owned_red_cells_section(opd: str, until: date | None) -> None:
    """A heading and the table of red cells the OPD owns (empty state when none)."""
    st.subheader(t("opd.merah_judul"))
    found = owned_red_cells(opd, until)
    if found.empty:
        empty_state(t("opd.merah_kosong"))
        return
    st.dataframe(pd.DataFrame({
        t("col.wilayah"): found["nama"], t("col.indikator"): found["nama_indikator"],
        t("col.nilai"): [i18n.format_value(v, s, lang()) for v, s in zip(found["nilai"], found["satuan"])],
        t("col.periode"): found["periode_label"], t("col.isu"): [t(f"isu.{code}") for code in found["isu"]],
        t("col.peran"): [t(f"peran.{p}") for p in found["peran"]],
    }), hide_index=True, width="stretch")
