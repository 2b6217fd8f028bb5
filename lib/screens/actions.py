"""What is being done: satgas actions (tindakan) as the table the isu, Kabupaten and OPD pages show, and as
markers on an isu's trend."""
from __future__ import annotations

import pandas as pd

from lib.charts import markers
from lib.data import actions
from lib.screens import reads
from lib.screens.source import Source


def action_table(src: Source, isu: str | None = None, opd: str | None = None, wilayah: tuple[str, ...] = (),
                 with_province: bool = False) -> pd.DataFrame | None:
    """The actions, newest first, as the table on screen (None when there are none; filters as in
    lib.data.actions.actions)."""
    found = src.read(reads.action_list, isu, opd, tuple(wilayah), with_province)
    if found.empty:
        return None
    t = src.t
    table = pd.DataFrame({
        t("col.periode"): found["periode_label"], t("col.judul"): found["judul"],
        t("col.isu"): [t(f"isu.{code}") if isinstance(code, str) else "" for code in found["isu"]],
        t("col.wilayah"): found["nama_wilayah"], t("col.opd"): found["opd_singkatan"].fillna(""),
        t("col.jumlah"): markers.amount_texts(found, src.lang), t("col.uraian"): found["uraian"].fillna(""),
        t("col.sumber"): found["sumber"], "URL": found["url"]})
    # Public: the free text is withheld (lib.access.privacy), so its columns go; public_note says why.
    return table.drop(columns=[t("col.judul"), t("col.uraian")]) if src.public else table


def public_note(src: Source) -> str | None:
    """Why a public table of actions has no titles or descriptions; None outside public mode."""
    return src.t("tindakan.publik_tanpa_teks") if src.public else None


def trend_actions(src: Source, isu: str, wilayah: tuple[str, ...]) -> pd.DataFrame:
    """The isu's actions in those wilayah (and province-wide ones), for markers on its trend chart."""
    return src.read(reads.action_list, isu, None, tuple(w for w in wilayah if w != actions.PROVINCE), True)
