"""Which target a value is judged against, and which stated figure is only a reference (pure pandas).

The rules, in one place:
- Only a target whose `dasar` is peraturan or dokumen judges a value (colours a status). A pernyataan (a
  figure an official stated) is a reference line/text: "disampaikan …, bukan target resmi".
- Candidates for (indikator, wilayah) are the wilayah's own targets and the province's (76), both its
  own (`lingkup` daerah) and national ones (`lingkup` nasional). The most specific wins: the wilayah's own,
  then the province's, then the national target.
- The target of the value's own year comes first: a target whose period contains the end of the value's
  period (an annual target holds for every month of its year). Without one, the next milestone: the
  earliest target ending after the value's period. A value later than every target has no target: an
  expired target judges nothing.
- `cakupan` says whose target it is, seen from the value: wilayah (its own), provinsi (inherited from the
  province) or nasional; screens say "target provinsi 2022" / "target nasional 2024".
No target is ever computed: every row comes from the `target` table with its source.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

PROVINCE = "76"
DOCUMENTED = ("peraturan", "dokumen")
PERNYATAAN = "pernyataan"
WILAYAH, PROVINSI, NASIONAL = "wilayah", "provinsi", "nasional"
_SPECIFICITY = {WILAYAH: 0, PROVINSI: 1, NASIONAL: 2}
TARGET_FIELDS = ("nilai", "nilai_atas", "periode", "periode_label", "sumber", "url", "dasar", "rujukan",
                 "tanggal_akhir")


def scope(target: pd.Series | dict, wilayah: str) -> str:
    """Whose target this is for a value of `wilayah`: WILAYAH, PROVINSI or NASIONAL."""
    if target["lingkup"] == "nasional":
        return NASIONAL
    return WILAYAH if target["target_wilayah"] == wilayah else PROVINSI


def _with_scope(targets: pd.DataFrame, wilayah: str) -> pd.DataFrame:
    targets = targets[targets["target_wilayah"].isin([wilayah, PROVINCE])]  # never a sibling's target
    scopes = [scope(r, wilayah) for r in targets[["lingkup", "target_wilayah"]].to_dict("records")]
    return targets.assign(cakupan=scopes, _rank=[_SPECIFICITY[s] for s in scopes])


def _pick(targets: pd.DataFrame, value_end: date) -> pd.Series | None:
    if targets.empty:
        return None
    starts = pd.to_datetime(targets["tanggal_mulai"]).dt.date
    ends = pd.to_datetime(targets["tanggal_akhir"]).dt.date
    own_period = targets[(starts <= value_end) & (ends >= value_end)]
    if not own_period.empty:
        return own_period.sort_values(["_rank", "tanggal_akhir"], kind="stable").iloc[0]
    ahead = targets[ends > value_end]
    if ahead.empty:
        return None
    return ahead.sort_values(["tanggal_akhir", "_rank"], kind="stable").iloc[0]


def status_target(targets: pd.DataFrame, wilayah: str, value_end: date | None) -> pd.Series | None:
    """The documented (peraturan/dokumen) target that judges a value of `wilayah` ending on value_end."""
    if value_end is None or targets.empty:
        return None
    documented = targets[targets["dasar"].isin(DOCUMENTED)]
    return _pick(_with_scope(documented, wilayah), value_end)


def reference_target(targets: pd.DataFrame, wilayah: str, value_end: date | None) -> pd.Series | None:
    """A stated figure (pernyataan) for the value, shown as a reference and never judging it."""
    if value_end is None or targets.empty:
        return None
    stated = targets[targets["dasar"] == PERNYATAAN]
    return _pick(_with_scope(stated, wilayah), value_end)


def chart_lines(targets: pd.DataFrame) -> pd.DataFrame:
    """Target rows to draw on a trend chart (lib.queries.targets rows for the wilayah shown): the province's
    targets, and a kabupaten's own only when it is the single wilayah shown; each once, with `acuan` True
    for a pernyataan (drawn as a labelled reference, never as a target)."""
    if targets.empty:
        return targets.assign(acuan=pd.Series(dtype=bool))
    shown = targets["wilayah"].unique()
    keep = targets["target_wilayah"].eq(PROVINCE) | (len(shown) == 1 and targets["target_wilayah"].eq(shown[0]))
    rows = targets[keep].sort_values(["tanggal_akhir", "lingkup"])
    rows = rows.drop_duplicates(["periode", "target_wilayah", "lingkup"])
    return rows.assign(acuan=rows["dasar"].eq(PERNYATAAN))
