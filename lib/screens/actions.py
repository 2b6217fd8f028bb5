"""What is being done: satgas actions (tindakan) as the table the isu, Kabupaten and OPD pages show, and as
markers on an isu's trend."""
from __future__ import annotations

import pandas as pd

from lib.access import privacy
from lib.data import actions
from lib.screens import reads
from lib.screens.source import Source
from lib.text import i18n


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
        t("col.jumlah"): amounts(found, src.lang), t("col.uraian"): found["uraian"].fillna(""),
        t("col.sumber"): found["sumber"], "URL": found["url"]})
    # Public: the free text is withheld (lib.access.privacy), so its columns go; public_note says why.
    return table.drop(columns=[t("col.judul"), t("col.uraian")]) if src.public else table


def amounts(found: pd.DataFrame, lang: str, empty: str = "") -> list[str]:
    """Each action's amount with its unit ('12.897 anak (data dicek)'); '< 5 anak' where public mode hid a small
    count in a kecamatan or desa (lib.access.privacy); `empty` without an amount."""
    hidden = found["jumlah_disamarkan"].fillna(False) if "jumlah_disamarkan" in found else [False] * len(found)
    shown = []
    for value, unit, small in zip(found["jumlah"], found["satuan"], hidden):
        number = privacy.SUPPRESSED_TEXT if small else (i18n.format_number(value, lang=lang) if pd.notna(value) else None)
        shown.append(empty if number is None else number + (f" {unit}" if isinstance(unit, str) else ""))
    return shown


def public_note(src: Source) -> str | None:
    """Why a public table of actions has no titles or descriptions; None outside public mode."""
    return src.t("tindakan.publik_tanpa_teks") if src.public else None


def trend_actions(src: Source, isu: str, wilayah: tuple[str, ...]) -> pd.DataFrame:
    """The isu's actions in those wilayah (and province-wide ones), for markers on its trend chart."""
    return src.read(reads.action_list, isu, None, tuple(w for w in wilayah if w != actions.PROVINCE), True)
