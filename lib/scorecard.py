"""Target vs achievement per wilayah: joins latest values, targets and history into statuses (pure pandas).

Rules, in one place:
- The target that applies to a value is the first target whose period ends on or after the value's period
  (the next milestone); past the last target, the last one.
- For `turun` indicators the baseline is the wilayah's earliest value in the series, when it is older than
  the latest value; progress is measured from it (lib.status.achievement_pct) and compared with the
  straight-line path from the baseline date to the target date.
- `naik` indicators are cumulative counts that start from nothing (children intervened, children back in
  school): achievement is the share of the target reached, with no baseline.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from lib import queries, status

ASSESSMENT_COLUMNS = ["target", "target_atas", "target_periode", "target_sumber", "capaian_pct", "status",
                      "warna", "selisih", "membaik", "perubahan", "prakiraan", "prakiraan_tanggal"]


def _as_date(value) -> date | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


def pick_target(targets: pd.DataFrame, as_of: date | None) -> pd.Series | None:
    """The target row that applies at `as_of` (see module doc); None when there is none."""
    if targets.empty or as_of is None:
        return None
    ends = pd.to_datetime(targets["tanggal_akhir"]).dt.date
    ahead = targets[ends >= as_of]
    chosen = ahead.iloc[0] if not ahead.empty else targets.iloc[-1]
    return chosen


def _assess_row(row: pd.Series, targets: pd.DataFrame, history: pd.DataFrame, arah: str) -> dict:
    as_of = _as_date(row.get("tanggal"))
    target = pick_target(targets, as_of)
    out = dict.fromkeys(ASSESSMENT_COLUMNS)
    out["warna"] = status.status_color(None)
    if target is None or pd.isna(row.get("nilai")):
        return out
    upper = target["nilai_atas"] if pd.notna(target["nilai_atas"]) else None
    earlier = history[pd.to_datetime(history["tanggal"]).dt.date < as_of] if arah == status.TURUN else history.iloc[0:0]
    baseline = earlier.iloc[0] if not earlier.empty else None
    base_value = baseline["nilai"] if baseline is not None else None
    base_date = _as_date(baseline["tanggal"]) if baseline is not None else None
    pct = status.achievement_pct(row["nilai"], target["nilai"], arah, baseline=base_value, upper=upper)
    code = status.classify_status(row["nilai"], target["nilai"], arah, baseline=base_value, upper=upper,
                                  baseline_date=base_date, target_date=_as_date(target["tanggal_akhir"]),
                                  as_of=as_of)
    change = status.change_since_previous(row.get("nilai"), row.get("nilai_sebelumnya"), arah,
                                          target=target["nilai"], upper=upper)
    points = [(_as_date(d), v) for d, v in zip(history["tanggal"], history["nilai"])]
    forecast = status.forecast_attainment(points, target["nilai"], arah, upper=upper)
    out.update(target=target["nilai"], target_atas=upper, target_periode=target["periode"],
               target_sumber=target["sumber"], capaian_pct=pct, status=code, warna=status.status_color(code),
               selisih=change.delta if change else None, membaik=change.improved if change else None,
               perubahan=change.direction if change else None,
               prakiraan=forecast.reason, prakiraan_tanggal=forecast.date)
    return out


def assess(latest: pd.DataFrame, targets: pd.DataFrame, history: pd.DataFrame) -> pd.DataFrame:
    """Add target, achievement %, status, colour, change and forecast columns to a latest-values frame.

    latest: queries.latest_values (carries `arah`); targets: queries.targets; history: queries.series.
    """
    target_groups = dict(list(targets.groupby(["indikator", "wilayah"]))) if not targets.empty else {}
    history_groups = dict(list(history.groupby(["indikator", "wilayah"]))) if not history.empty else {}
    rows = []
    for _, row in latest.iterrows():
        key = (row["indikator"], row["wilayah"])
        rows.append(_assess_row(row, target_groups.get(key, targets.iloc[0:0]),
                                history_groups.get(key, history.iloc[0:0]), row["arah"]))
    assessed = pd.DataFrame(rows, columns=ASSESSMENT_COLUMNS, index=latest.index)
    numeric = ["target", "target_atas", "capaian_pct", "selisih"]
    assessed[numeric] = assessed[numeric].apply(pd.to_numeric, errors="coerce")
    return pd.concat([latest, assessed], axis=1)


# The indicator that speaks for each isu: on the province card, and per kabupaten (map and matrix).
HEADLINE_INDICATOR = {"KE": "KE-EKSTREM", "ST": "ST-PREV", "ATS": "ATS-KEMBALI", "PA": "PA-PROP",
                      "INF": "INF-YOY"}
KABUPATEN_INDICATOR = {"KE": "KE-P0", "ST": "ST-PREV", "ATS": "ATS-DATA", "PA": "PA-PROP-BKKBN",
                       "INF": "INF-YOY"}
PROVINCE = "76"


def assessed(con, indikator: list[str], wilayah: list[str], until: date | None = None) -> pd.DataFrame:
    """Latest values of the indicators for the wilayah, assessed against their targets."""
    return assess(queries.latest_values(con, indikator, wilayah, until),
                  queries.targets(con, indikator, wilayah),
                  queries.series(con, indikator, wilayah, until))


def province_headlines(con, until: date | None = None) -> pd.DataFrame:
    """One assessed province-level row per isu (its headline indicator), in isu order."""
    frame = assessed(con, list(HEADLINE_INDICATOR.values()), [PROVINCE], until)
    return frame.assign(isu=frame["indikator"].map({v: k for k, v in HEADLINE_INDICATOR.items()}))


def kabupaten_matrix(con, until: date | None = None) -> pd.DataFrame:
    """Assessed kabupaten-level rows of each isu's kabupaten indicator (the scorecard matrix)."""
    frame = assessed(con, list(KABUPATEN_INDICATOR.values()), queries.wilayah_codes(con, "kabupaten"), until)
    return frame.assign(isu=frame["indikator"].map({v: k for k, v in KABUPATEN_INDICATOR.items()}))


def small_wins(con, until: date | None = None, limit: int = 6) -> pd.DataFrame:
    """The largest improvements since the previous period, across indicators, province and kabupaten."""
    codes = queries.indicators(con)["kode"].tolist()
    wilayah = [PROVINCE, *queries.wilayah_codes(con, "kabupaten")]
    frame = assessed(con, codes, wilayah, until)
    wins = frame[frame["perubahan"] == status.MEMBAIK].copy()
    wins["perubahan_relatif"] = (wins["selisih"].abs() / wins["nilai_sebelumnya"].abs()).where(
        wins["nilai_sebelumnya"] != 0)
    return wins.sort_values("perubahan_relatif", ascending=False).head(limit)


def kabupaten_headlines(con, kabupaten: str, until: date | None = None) -> pd.DataFrame:
    """One assessed row per isu for one kabupaten (each isu's kabupaten indicator), in isu order."""
    frame = assessed(con, list(KABUPATEN_INDICATOR.values()), [kabupaten], until)
    return frame.assign(isu=frame["indikator"].map({v: k for k, v in KABUPATEN_INDICATOR.items()}))


def chart_targets(targets: pd.DataFrame) -> pd.DataFrame:
    """The target rows to draw on a trend chart of several wilayah: the ones all share, else the province's.

    Targets inherited from the province are identical for all kabupaten; where one kabupaten has its own
    (Polewali Mandar) or each has its own (sasaran), the province's line is drawn and named as such, and
    where there is no province target nothing is drawn rather than one misleading line.
    """
    if targets.empty:
        return targets
    keys = ["periode", "nilai", "nilai_atas"]
    per_wilayah = targets.groupby("wilayah")[keys].apply(lambda g: tuple(map(tuple, g.fillna(-1).to_numpy())))
    if per_wilayah.nunique() == 1:
        return targets[targets["wilayah"] == targets["wilayah"].iloc[0]]
    return targets[targets["wilayah"] == PROVINCE]
