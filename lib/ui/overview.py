"""Overviews a page shows while its own filter is empty (all OPD), instead of silently picking one."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.ui.state import t


def opd_overview(opd: pd.DataFrame) -> None:
    """Every OPD with the isu it coordinates (queries.opd_list), coordinators first."""
    isu = [", ".join(t(f"isu.{code}") for code in codes) for codes in opd["isu_koordinasi"]]
    table = pd.DataFrame({t("opd.col.singkatan"): opd["singkatan"], t("opd.col.nama"): opd["nama"],
                          t("opd.col.isu"): isu})
    st.dataframe(table, hide_index=True, width="stretch")
