"""Target vs achievement per wilayah: joins latest values, targets and history into statuses (pure pandas).

Rules, in one place:
- The target that judges a value, and the stated figure shown beside it, are chosen by lib.judge.targets
  (documented basis only; the value's own year first, then the next milestone; never an expired target).
- The status follows the decision table in lib.judge.targets (`aturan` names its row): judged only against a
  documented target of the value's own period; otherwise neutral, with the distance to the next target.
- The baseline is the wilayah's earliest value in the series, when it is older than the latest value; the
  gauge's achievement % is progress from it (lib.judge.status.achievement_pct, the one formula), shown as a
  fact beside the verdict, never deciding it. `naik` counts start from 0.
- Data age follows lib.judge.freshness: a lama value keeps its status code, flagged `lama`, and screens mute it.
- The change since the previous period uses the previous value of the latest value's own source where
  the history holds one (lib.data.queries.latest_values); `sumber_sebelumnya` names the other source if not.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from lib.data import queries, responsibility
from lib.judge import freshness, status
from lib.judge import targets as target_rules
from lib.judge.headlines import HEADLINE_INDICATOR, KABUPATEN_INDICATOR
from lib.text import periods

TARGET_COLUMNS = ["target", "target_atas", "target_periode", "target_tahun", "target_sumber", "target_url",
                  "target_dasar", "target_rujukan", "target_cakupan"]
REFERENCE_COLUMNS = ["acuan", "acuan_atas", "acuan_tahun", "acuan_rujukan", "acuan_cakupan"]
ASSESSMENT_COLUMNS = [*TARGET_COLUMNS, *REFERENCE_COLUMNS, "capaian_pct", "baseline", "baseline_periode",
                      "baseline_periode_en",
                      "status", "aturan", "jarak_target", "warna", "lama", "usia_tahun", "usia_bulan", "selisih",
                      "membaik", "perubahan", "putus_seri"]


def _as_date(value) -> date | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


def _target_fields(goal: pd.Series | None, prefix: str) -> dict:
    if goal is None:
        return {}
    upper = goal["nilai_atas"] if pd.notna(goal["nilai_atas"]) else None
    fields = {prefix: goal["nilai"], f"{prefix}_atas": upper, f"{prefix}_tahun": goal["periode_label"],
              f"{prefix}_rujukan": goal["rujukan"], f"{prefix}_cakupan": goal["cakupan"]}
    if prefix == "target":
        fields.update(target_periode=goal["periode"], target_sumber=goal["sumber"], target_url=goal["url"],
                      target_dasar=goal["dasar"])
    return fields


def _age_fields(row: pd.Series, today: date) -> dict:
    age = freshness.age(row.get("tanggal"), row.get("periodisitas") or "tahunan", today, row.get("periode_jenis"))
    if age is None:
        return {"lama": False}
    return {"lama": age.stale, "usia_tahun": age.years, "usia_bulan": age.months}


def _baseline(history: pd.DataFrame, arah: str, as_of: date) -> pd.Series | None:
    # The earliest earlier value of a falling series: where the gauge's progress starts (a naik count from 0).
    if arah != status.TURUN:
        return None
    earlier = history[pd.to_datetime(history["tanggal"]).dt.date < as_of]
    return earlier.iloc[0] if not earlier.empty else None


def _judge(row: pd.Series, goal: pd.Series, history: pd.DataFrame, arah: str, as_of: date) -> dict:
    upper = goal["nilai_atas"] if pd.notna(goal["nilai_atas"]) else None
    baseline = _baseline(history, arah, as_of)
    base_value = baseline["nilai"] if baseline is not None else None
    code = status.classify_status(row["nilai"], goal["nilai"], arah, upper=upper)
    return {"jarak_target": status.distance_to_target(row["nilai"], goal["nilai"], arah, upper),"capaian_pct": status.achievement_pct(row["nilai"], goal["nilai"], arah, baseline=base_value, upper=upper),
            "baseline": base_value, "baseline_periode": baseline["periode_label"] if baseline is not None else None,
            "baseline_periode_en": baseline.get("periode_label_en") if baseline is not None else None,
            "status": code}


def _neutral(row: pd.Series, goal: pd.Series | None, rule: str) -> dict:
    code = status.BELUM_ADA_TARGET_ANTARA if rule == target_rules.TANPA_TARGET_ANTARA else status.BELUM_BISA_DINILAI
    if goal is None:
        return {"status": code}
    upper = goal["nilai_atas"] if pd.notna(goal["nilai_atas"]) else None
    distance = status.distance_to_target(row["nilai"], goal["nilai"], row["arah"], upper)
    return {"status": code, "jarak_target": distance}


def crossed_break(breaks: list[tuple[date, str]], before: object, after: object) -> str | None:
    """The words of the last series break (putus_seri: base year, source or survey family; (start date, words)
    pairs of one series, oldest first) whose new series starts after `before` and by `after`; None without one."""
    before, after = _as_date(before), _as_date(after)
    if before is None or after is None:
        return None
    crossed = [text for start, text in breaks if before < start <= after]
    return crossed[-1] if crossed else None


def break_lists(breaks: pd.DataFrame | None) -> dict[tuple[str, str], list[tuple[date, str]]]:
    """Per (indikator, wilayah): its series breaks (lib.data.queries.series_breaks rows) as (start, words)."""
    found: dict[tuple[str, str], list[tuple[date, str]]] = {}
    for record in ([] if breaks is None else breaks.to_dict("records")):
        found.setdefault((record["indikator"], record["wilayah"]), []).append(
            (_as_date(record["tanggal"]), record["keterangan"]))
    return found


def _assess_row(row: pd.Series, targets: list[dict], history: pd.DataFrame, arah: str, today: date,
                breaks: list[tuple[date, str]] = ()) -> dict:
    as_of = _as_date(row.get("tanggal"))
    out = dict.fromkeys(ASSESSMENT_COLUMNS)
    out["warna"] = status.status_color(None)
    if pd.isna(row.get("nilai")):
        return out
    known = row.get("periode_jenis") != periods.ANNOUNCED
    goal, rule = target_rules.judging_target(targets, row["wilayah"], as_of, today, period_known=known)
    reference = target_rules.reference_target(targets, row["wilayah"], as_of)
    out.update(_target_fields(goal, "target"), **_target_fields(reference, "acuan"), **_age_fields(row, today),
               aturan=rule)
    if rule in target_rules.JUDGING_RULES:
        out.update(_judge(row, goal, history, arah, as_of))
    elif rule != target_rules.TANPA_TARGET:
        out.update(_neutral(row, goal, rule))
    out["warna"] = status.status_color(out["status"]) if out["status"] else status.NO_TARGET_COLOR
    band = goal if goal is not None else reference
    change = status.change_since_previous(row.get("nilai"), row.get("nilai_sebelumnya"), arah,
                                          target=band["nilai"] if band is not None else None,
                                          upper=band["nilai_atas"] if band is not None else None)
    if change is not None:
        out.update(selisih=change.delta, membaik=change.improved, perubahan=change.direction,
                   putus_seri=crossed_break(breaks, row.get("tanggal_sebelumnya"), row.get("tanggal")))
    return out


def assess(latest: pd.DataFrame, targets: pd.DataFrame, history: pd.DataFrame,
           today: date | None = None, breaks: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add target, reference, achievement %, status, age, change and forecast columns to latest values.

    latest: queries.latest_values; targets: queries.targets; history: queries.series; today: the day data
    age is judged on (the real date when None).
    """
    today = today or date.today()
    target_groups: dict[tuple, list[dict]] = {}  # as records: picking a target per value stays cheap
    for record in target_rules.records(targets):
        target_groups.setdefault((record["indikator"], record["wilayah"]), []).append(record)
    history_groups = dict(list(history.groupby(["indikator", "wilayah"]))) if not history.empty else {}
    break_groups = break_lists(breaks)
    rows = []
    for _, row in latest.iterrows():
        key = (row["indikator"], row["wilayah"])
        rows.append(_assess_row(row, target_groups.get(key, []), history_groups.get(key, history.iloc[0:0]),
                                row["arah"], today, break_groups.get(key, [])))
    assessed = pd.DataFrame(rows, columns=ASSESSMENT_COLUMNS, index=latest.index)
    numeric = ["target", "target_atas", "acuan", "acuan_atas", "capaian_pct", "baseline", "jarak_target", "selisih"]
    assessed[numeric] = assessed[numeric].apply(pd.to_numeric, errors="coerce")
    assessed["lama"] = assessed["lama"].fillna(False).astype(bool)
    return pd.concat([latest, assessed], axis=1)


# The indicator that speaks for each isu, on the province card and per kabupaten: lib.judge.headlines.
PROVINCE = "76"


# A count shown as a share of another count of the same wilayah and period: a fact on screen, never a target.
SHARE_OF = {"ATS-KEMBALI": "ATS-JUMLAH", "ST-INTERVENSI": "ST-SASARAN"}


def with_shares(con, frame: pd.DataFrame, until: date | None = None) -> pd.DataFrame:
    """Add `bagian_penyebut` and `bagian_nama`: the SHARE_OF count of the same wilayah and period, if loaded."""
    frame = frame.assign(bagian_penyebut=float("nan"), bagian_nama=None, bagian_nama_en=None)
    wanted = frame[frame["indikator"].isin(list(SHARE_OF)) & frame["nilai"].notna()]
    if wanted.empty:
        return frame
    denominators = queries.series(con, sorted({SHARE_OF[c] for c in wanted["indikator"]}),
                                  wanted["wilayah"].unique().tolist(), until)
    registry = queries.indicators(con).set_index("kode")
    names, names_en = registry["nama"], registry["nama_en"].fillna(registry["nama"])
    lookup = dict(zip(zip(denominators["indikator"], denominators["wilayah"], denominators["periode"]),
                      denominators["nilai"]))
    found = {}
    for index, code, wilayah, periode in zip(wanted.index, wanted["indikator"], wanted["wilayah"], wanted["periode"]):
        key = (SHARE_OF[code], wilayah, periode)
        if key in lookup:
            found[index] = (SHARE_OF[code], lookup[key])
    # one assignment per column: a .loc write per row costs more than the whole query
    index = list(found)
    frame.loc[index, "bagian_penyebut"] = [value for _, value in found.values()]
    frame.loc[index, "bagian_nama"] = [names.get(other) for other, _ in found.values()]
    frame.loc[index, "bagian_nama_en"] = [names_en.get(other) for other, _ in found.values()]
    return frame


def assessed(con, indikator: list[str], wilayah: list[str], until: date | None = None,
             today: date | None = None) -> pd.DataFrame:
    """Latest values of the indicators for the wilayah, assessed against their targets (with shares)."""
    frame = assess(queries.latest_values(con, indikator, wilayah, until),
                   queries.targets(con, indikator, wilayah),
                   queries.series(con, indikator, wilayah, until), today,
                   queries.series_breaks(con, indikator, wilayah))
    return with_shares(con, frame, until)


def province_headlines(con, until: date | None = None, today: date | None = None) -> pd.DataFrame:
    """One assessed province-level row per isu (its headline indicator), in isu order."""
    frame = assessed(con, list(HEADLINE_INDICATOR.values()), [PROVINCE], until, today)
    return frame.assign(isu=frame["indikator"].map({v: k for k, v in HEADLINE_INDICATOR.items()}))


def kabupaten_matrix(con, until: date | None = None, today: date | None = None) -> pd.DataFrame:
    """Assessed kabupaten-level rows of each isu's kabupaten indicator (the scorecard matrix)."""
    frame = assessed(con, list(KABUPATEN_INDICATOR.values()), queries.wilayah_codes(con, "kabupaten"), until, today)
    return frame.assign(isu=frame["indikator"].map({v: k for k, v in KABUPATEN_INDICATOR.items()}))


def small_wins(con, until: date | None = None, limit: int = 6, *, kabupaten: list[str] | None = None,
               today: date | None = None) -> pd.DataFrame:
    """The largest current improvements since the previous period, across indicators.

    Only official, current (not lama) values whose previous value is official too and of the same series (no
    putus_seri between them: another survey or base year is not a win); with `kabupaten` given
    only those kabupaten, else the province and every kabupaten. Each change is between the two values of
    one source where the history holds both (lib.data.queries.latest_values).
    """
    codes = queries.indicators(con)["kode"].tolist()
    wilayah = list(kabupaten) if kabupaten else [PROVINCE, *queries.wilayah_codes(con, "kabupaten")]
    frame = assessed(con, codes, wilayah, until, today)
    wins = frame[(frame["perubahan"] == status.MEMBAIK) & (frame["jenis"] == "resmi")
                 & (frame["jenis_sebelumnya"] == "resmi") & ~frame["lama"] & frame["putus_seri"].isna()].copy()
    wins["perubahan_relatif"] = (wins["selisih"].abs() / wins["nilai_sebelumnya"].abs()).where(
        wins["nilai_sebelumnya"] != 0)
    return wins.sort_values("perubahan_relatif", ascending=False).head(limit)


def kabupaten_headlines(con, kabupaten: str, until: date | None = None, today: date | None = None) -> pd.DataFrame:
    """One assessed row per isu for one kabupaten (each isu's kabupaten indicator), in isu order."""
    frame = assessed(con, list(KABUPATEN_INDICATOR.values()), [kabupaten], until, today)
    return frame.assign(isu=frame["indikator"].map({v: k for k, v in KABUPATEN_INDICATOR.items()}))


def red_cells_owned(cells: pd.DataFrame, con, opd: str) -> pd.DataFrame:
    """The current off-track rows of an assessed frame (with isu and wilayah) that the OPD owns, with its role
    (`peran`) and whether that role is only inferred from the wilayah's kecamatan (`disimpulkan`). A lama
    value is not a current red cell: it is left out (its status is history, not today's task)."""
    stale = cells["lama"].fillna(False).astype(bool) if "lama" in cells else pd.Series(False, index=cells.index)
    red = cells[cells["status"].isin(status.MISSES) & ~stale]
    frames = responsibility.owners_of(con, zip(red["isu"], red["wilayah"]))
    roles, inferred = [], []
    for isu, wilayah in zip(red["isu"], red["wilayah"]):
        found = frames[(isu, wilayah)]
        match = found[found["opd"] == opd]
        roles.append(match["peran"].iloc[0] if not match.empty else None)
        inferred.append(bool(match["disimpulkan"].iloc[0]) if not match.empty else False)
    red = red.assign(peran=roles, disimpulkan=inferred)
    return red[red["peran"].notna()].reset_index(drop=True)
