"""Which target a value is judged against, and which stated figure is only a reference (pure pandas).

The status decision table, written once (README "Status: tabel keputusan" and Tentang show it; one test per row
in tests/lib/test_decision_table.py). For a value of (indikator, wilayah) ending on `value_end`, seen `today`:

| rule              | when                                                              | status                  |
|-------------------|-------------------------------------------------------------------|-------------------------|
| TAHUN_NILAI       | a documented target for the value's own period (the final one)    | judged: met / not met   |
| TARGET_ANTARA     | the target's year is later; a documented milestone holds the value's period | judged against it |
| TANPA_TARGET_ANTARA | the next target's year is later, no milestone for the value's period | neutral: belum ada target antara (distance, year) |
| TARGET_LEWAT      | the next target's year has passed and the value is older than it  | neutral: belum bisa dinilai (data period, target year) |
| PERIODE_TAK_DIKETAHUI | the value's measurement period is unknown (only its announcement date) | neutral: belum bisa dinilai |
| TANPA_TARGET      | no documented target at or after the value's period               | none: "tanpa target resmi" |

Judged means met / not met (a band: below / inside / above); no target or path is ever computed in code. Other
rules, in one place:
- Only a target whose `dasar` is peraturan or dokumen judges a value. A pernyataan (a figure an official stated,
  e.g. a news quote) is a reference line/text: "disampaikan …, bukan target resmi".
- Candidates for (indikator, wilayah) are the wilayah's own targets and the province's (76), both its own
  (`lingkup` daerah) and national ones (`lingkup` nasional). The most specific wins: the wilayah's own, then the
  province's, then the national target.
- A target holds for every period ending inside its own period (an annual target for every month of its year).
- `cakupan` says whose target it is, seen from the value: wilayah (its own), provinsi (inherited from the
  province) or nasional; every surface says "target provinsi 2022" / "target nasional 2024" on the cell itself.
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


def _day(value) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def records(targets: pd.DataFrame) -> list[dict]:
    """The rows as dicts with their period dates parsed once: status_target and reference_target take either
    form, and a caller judging many values (lib.judge.scorecard.assess) converts once instead of per value."""
    rows = targets.to_dict("records")
    for row in rows:
        row["_mulai"], row["_akhir"] = _day(row["tanggal_mulai"]), _day(row["tanggal_akhir"])
    return rows


def _as_records(targets) -> list[dict]:
    return records(targets) if isinstance(targets, pd.DataFrame) else targets


def _with_scope(rows: list[dict], wilayah: str) -> list[dict]:
    rows = [r for r in rows if r["target_wilayah"] in (wilayah, PROVINCE)]  # never a sibling's target
    return [{**r, "cakupan": (c := scope(r, wilayah)), "_rank": _SPECIFICITY[c]} for r in rows]


def _pick(rows: list[dict], value_end: date) -> pd.Series | None:
    # min() keeps the first of equals, as the stable sort it replaces did
    own_period = [r for r in rows if r["_mulai"] is not None and r["_akhir"] is not None
                  and r["_mulai"] <= value_end <= r["_akhir"]]
    if own_period:
        chosen = min(own_period, key=lambda r: (r["_rank"], r["_akhir"]))
    else:
        ahead = [r for r in rows if r["_akhir"] is not None and r["_akhir"] > value_end]
        if not ahead:
            return None
        chosen = min(ahead, key=lambda r: (r["_akhir"], r["_rank"]))
    return pd.Series({k: v for k, v in chosen.items() if k not in ("_mulai", "_akhir")})


# The rows of the decision table (stored in the assessed frame's `aturan` column).
TAHUN_NILAI, TARGET_ANTARA, TANPA_TARGET_ANTARA = "tahun_nilai", "target_antara", "tanpa_target_antara"
TARGET_LEWAT, PERIODE_TAK_DIKETAHUI, TANPA_TARGET = "target_lewat", "periode_tak_diketahui", "tanpa_target"
RULES = (TAHUN_NILAI, TARGET_ANTARA, TANPA_TARGET_ANTARA, TARGET_LEWAT, PERIODE_TAK_DIKETAHUI, TANPA_TARGET)
JUDGING_RULES = (TAHUN_NILAI, TARGET_ANTARA)


def _series(row: dict) -> pd.Series:
    return pd.Series({k: v for k, v in row.items() if k not in ("_mulai", "_akhir")})


def judging_target(targets: pd.DataFrame | list[dict], wilayah: str, value_end: date | None, today: date,
                   period_known: bool = True) -> tuple[pd.Series | None, str]:
    """The decision-table row for a value of `wilayah` ending on value_end, and the documented target it names
    (the one that judges it, or the next one it is measured against in words); see the module docstring."""
    rows = [r for r in _as_records(targets) if r["dasar"] in DOCUMENTED] if len(targets) else []
    rows = _with_scope(rows, wilayah)
    if value_end is None:
        return None, TANPA_TARGET
    ahead = sorted((r for r in rows if r["_akhir"] is not None and r["_akhir"] > value_end),
                   key=lambda r: (r["_akhir"], r["_rank"]))
    if not period_known:
        return (_series(ahead[0]) if ahead else None), PERIODE_TAK_DIKETAHUI
    own = [r for r in rows if r["_mulai"] is not None and r["_akhir"] is not None
           and r["_mulai"] <= value_end <= r["_akhir"]]
    if own:
        chosen = min(own, key=lambda r: (r["_rank"], r["_akhir"]))
        later = any(r["_mulai"] is not None and r["_mulai"] > chosen["_akhir"] for r in rows)
        return _series(chosen), TARGET_ANTARA if later else TAHUN_NILAI
    if not ahead:
        return None, TANPA_TARGET
    chosen = ahead[0]
    return _series(chosen), TARGET_LEWAT if chosen["_akhir"] < today else TANPA_TARGET_ANTARA


def _choose(targets, wilayah: str, value_end: date | None, basis: tuple[str, ...]) -> pd.Series | None:
    if value_end is None or len(targets) == 0:
        return None
    rows = [r for r in _as_records(targets) if r["dasar"] in basis]
    return _pick(_with_scope(rows, wilayah), value_end) if rows else None


def status_target(targets: pd.DataFrame | list[dict], wilayah: str, value_end: date | None) -> pd.Series | None:
    """The documented (peraturan/dokumen) target that judges a value of `wilayah` ending on value_end."""
    return _choose(targets, wilayah, value_end, DOCUMENTED)


def reference_target(targets: pd.DataFrame | list[dict], wilayah: str, value_end: date | None) -> pd.Series | None:
    """A stated figure (pernyataan) for the value, shown as a reference and never judging it."""
    return _choose(targets, wilayah, value_end, (PERNYATAAN,))


def chart_lines(targets: pd.DataFrame) -> pd.DataFrame:
    """Target rows to draw on a trend chart (lib.data.queries.targets rows for the wilayah shown): the province's
    targets, and a kabupaten's own only when it is the single wilayah shown; each once, with `acuan` True
    for a pernyataan (drawn as a labelled reference, never as a target)."""
    if targets.empty:
        return targets.assign(acuan=pd.Series(dtype=bool))
    shown = targets["wilayah"].unique()
    keep = targets["target_wilayah"].eq(PROVINCE) | (len(shown) == 1 and targets["target_wilayah"].eq(shown[0]))
    rows = targets[keep].sort_values(["tanggal_akhir", "lingkup"])
    rows = rows.drop_duplicates(["periode", "target_wilayah", "lingkup"])
    return rows.assign(acuan=rows["dasar"].eq(PERNYATAAN))
