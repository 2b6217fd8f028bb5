"""Data quality: who has not reported (completeness), how late each series is (timeliness), and which latest
values stand out for review (outliers). Parameterised SQL reads, pandas for the rest; `today` is always passed in.

Decisions:
- Expected to report: the province (76), always, and a kabupaten only for indicators it has ever reported
  (up to `today`), so a series that exists for the province alone (or, like the CPI, for two kabupaten) does
  not flag the others. Kecamatan and desa have no reporting duty here (sparse, mostly simulated).
- Present = a current value in v_capaian for the period, or for a finer measured period inside it (a week for
  its month, Susenas March for its year or semester); a value known only by its announcement day fills no period.
- The completeness window ends at the last period completed before `today`; that one may still await
  publication, which timeliness allows for (freshness.periods_late grants one period).
- Outliers are the latest value of each (indikator, wilayah) of the levels the screens show, judged against
  its own earlier values and against its siblings (same indicator, period and parent). Siblings are compared
  only for rates: head counts follow population size.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from lib.data import reporting
from lib.db.connect import Connection
from lib.judge import freshness
from lib.text import i18n, periods

PROVINCE = "76"
REVIEW_LEVELS = ("provinsi", "kabupaten", "kecamatan")
OUTLIER_THRESHOLD = 3.5  # |robust z| at or above this is flagged (Iglewicz & Hoaglin's cut-off)
MIN_POINTS = 4  # fewest earlier values or siblings a robust z is computed from
MAX_HISTORY = 24  # only the most recent earlier values count as a wilayah's history
MAD_TO_SD = 1.4826  # scales the median absolute deviation to a standard deviation for normal data
# The spread never falls below 5% of the median's size, nor below 1 (head counts) or 0.1 (anything else):
# a near-constant series must not turn a small move into a huge score.
SPREAD_FLOOR_SHARE, SPREAD_FLOOR = 0.05, (1.0, 0.1)
ON_TIME, LATE, NEVER = "tepat waktu", "terlambat", "belum pernah"
HISTORY, NEIGHBOURS = "riwayat", "tetangga"


@dataclass(frozen=True)
class Window:
    """How far back completeness looks: months for monthly/weekly series, years for the rest."""

    frequent_months: int = 12
    infrequent_years: int = 3

    def count(self, periodisitas: str) -> int:
        """Number of periods of this periodicity in the window."""
        facts = periods.periodicity(periodisitas)
        months = self.frequent_months if facts.frequent else 12 * self.infrequent_years
        return max(round(months / facts.months), 1)


WINDOWS = {"pendek": Window(6, 2), "standar": Window(12, 3), "panjang": Window(24, 5)}
DEFAULT_WINDOW = "standar"


def reference_date(until: date | None, today: date) -> date:
    """The day quality is judged on: today, or the day after the year filter's last day if that is earlier."""
    return min(until + timedelta(days=1), today) if until else today


def expected_periods(periodisitas: str, today: date, window: Window = Window()) -> list:
    """The window's periods of a periodicity, oldest first, ending at the last one completed before today."""
    jenis = periods.jenis_for_periodicity(periodisitas)
    found = [periods.previous_period(periods.period_of_date(today, jenis).kode)]
    while len(found) < window.count(periodisitas):
        found.append(periods.previous_period(found[-1].kode))
    return found[::-1]


def expected_wilayah(registry: pd.DataFrame, values: pd.DataFrame, kabupaten: tuple[str, ...] = ()) -> pd.DataFrame:
    """(indikator, wilayah) pairs expected to report: the province, plus kabupaten that ever reported it."""
    ever = values.loc[values["level"] == "kabupaten", ["indikator", "wilayah"]]
    pairs = pd.concat([pd.DataFrame({"indikator": registry["indikator"], "wilayah": PROVINCE}), ever])
    pairs = pairs[pairs["indikator"].isin(registry["indikator"])].drop_duplicates()
    if kabupaten:  # a kabupaten filter narrows the view to those kabupaten (the province drops out)
        pairs = pairs[pairs["wilayah"].isin(kabupaten)]
    return pairs.sort_values(["indikator", "wilayah"]).reset_index(drop=True)


@functools.lru_cache(maxsize=8192)
def _slot(code: str, periodisitas: str) -> str | None:
    """The periodicity's period a value's period counts for: its own, or the one holding a finer measured
    period (a week for its month, Susenas March for its year or semester); None for a coarser period or an
    announcement day (its measurement period is unknown)."""
    holder = periods.periodicity_period(code, periodisitas)
    return holder.kode if holder else None


def _present(values: pd.DataFrame, registry: pd.DataFrame) -> pd.DataFrame:
    """(indikator, wilayah, periode) with a value for that period of the indicator's periodicity."""
    frame = values.merge(registry[["indikator", "periodisitas"]], on="indikator")
    slots = [_slot(code, p) for code, p in zip(frame["periode"], frame["periodisitas"])]
    frame = frame.assign(periode=pd.Series(slots, index=frame.index, dtype=object))
    frame = frame[frame["periode"].notna()].assign(simulasi=frame["jenis"] == "simulasi")
    return frame.groupby(["indikator", "wilayah", "periode"], as_index=False)["simulasi"].all().assign(ada=True)


def completeness_grid(registry: pd.DataFrame, values: pd.DataFrame, today: date,
                      window: Window = Window(), kabupaten: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per expected (indikator, period, wilayah) of the window, with whether a value is present."""
    slots = pd.DataFrame([(p, period.kode, period.mulai) for p in registry["periodisitas"].unique()
                          for period in expected_periods(p, today, window)],
                         columns=["periodisitas", "periode", "mulai"])
    grid = (registry.assign(urutan=range(len(registry))).merge(slots, on="periodisitas")
            .merge(expected_wilayah(registry, values, kabupaten), on="indikator")
            .merge(_present(values, registry), on=["indikator", "wilayah", "periode"], how="left"))
    grid[["ada", "simulasi"]] = grid[["ada", "simulasi"]].eq(True)  # simulasi: present only as simulated
    return grid.sort_values(["urutan", "mulai", "wilayah"]).drop(columns="urutan").reset_index(drop=True)


def completeness(con: Connection, today: date, opd: str | None = None,
                 window: Window = Window(), kabupaten: tuple[str, ...] = ()) -> pd.DataFrame:
    """Tidy completeness: opd, indikator, periode, wilayah, nama_wilayah, ada (bool), and labels."""
    registry = reporting.indicator_registry(con, opd)
    values = reporting.current_values(con, today, reporting.REPORTING_LEVELS)
    grid = completeness_grid(registry, values, today, window, kabupaten)
    return grid.merge(reporting.wilayah_names(con), on="wilayah", how="left")


def completeness_summary(grid: pd.DataFrame) -> pd.DataFrame:
    """Per OPD × indikator × periode: wilayah expected and reporting (of which simulated), share, names missing."""
    keys = ["opd", "opd_singkatan", "isu", "indikator", "nama_indikator", "nama_indikator_en", "periodisitas",
            "periode", "mulai"]
    if grid.empty:
        return pd.DataFrame(columns=[*keys, "diharapkan", "ada", "simulasi", "jenis", "porsi", "belum_lapor"])
    summary = grid.groupby(keys, sort=False).agg(diharapkan=("ada", "size"), ada=("ada", "sum"),
                                                 simulasi=("simulasi", "sum"))
    summary["jenis"] = np.where(summary["simulasi"] > 0, "simulasi", "resmi")
    missing = grid[~grid["ada"]].groupby(keys, sort=False)["nama_wilayah"].agg(list).reindex(summary.index)
    summary["porsi"] = summary["ada"] / summary["diharapkan"]
    summary["belum_lapor"] = [names if isinstance(names, list) else [] for names in missing]
    return summary.reset_index()


def latest_per_series(values: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The latest value of each (indikator, wilayah), and up to MAX_HISTORY values before it."""
    ordered = values.sort_values(["indikator", "wilayah", "tanggal", "mulai"], kind="stable")
    back = ordered.groupby(["indikator", "wilayah"]).cumcount(ascending=False)
    return ordered[back == 0], ordered[(back > 0) & (back <= MAX_HISTORY)]


def timeliness_frame(registry: pd.DataFrame, values: pd.DataFrame, today: date,
                     kabupaten: tuple[str, ...] = ()) -> pd.DataFrame:
    """Per expected (indikator, wilayah): latest period, periods late, status; the latest first."""
    latest, _ = latest_per_series(values)
    frame = (expected_wilayah(registry, values, kabupaten).merge(registry, on="indikator")
             .merge(latest[["indikator", "wilayah", "periode", "tanggal"]], on=["indikator", "wilayah"], how="left"))
    late = pd.array([freshness.periods_late(end, p, today) for end, p in zip(frame["tanggal"], frame["periodisitas"])],
                    dtype="Int64")
    frame = frame.assign(terlambat=late, status=np.select([late.isna(), late.fillna(0) > 0], [NEVER, LATE], ON_TIME))
    order = frame.assign(_rank=frame["status"].map({LATE: 0, NEVER: 1, ON_TIME: 2}), _late=-late.fillna(0))
    return frame.loc[order.sort_values(["_rank", "_late", "indikator", "wilayah"]).index].reset_index(drop=True)


def timeliness(con: Connection, today: date, opd: str | None = None,
               kabupaten: tuple[str, ...] = ()) -> pd.DataFrame:
    """Timeliness of every expected (indikator, wilayah): tepat waktu / terlambat / belum pernah."""
    values = reporting.current_values(con, today, reporting.REPORTING_LEVELS)
    frame = timeliness_frame(reporting.indicator_registry(con, opd), values, today, kabupaten)
    return frame.merge(reporting.wilayah_names(con), on="wilayah", how="left")


def robust_flags(latest: pd.DataFrame, comparison: pd.DataFrame, reason: str,
                 threshold: float = OUTLIER_THRESHOLD) -> pd.DataFrame:
    """Latest values whose robust z against their comparison values (keyed by indikator, wilayah) is large."""
    keys = ["indikator", "wilayah"]
    deviation = (comparison["nilai"] - comparison.groupby(keys)["nilai"].transform("median")).abs()
    stats = comparison.assign(dev=deviation).groupby(keys, as_index=False).agg(
        pembanding=("nilai", "median"), mad=("dev", "median"), jumlah_pembanding=("nilai", "size"))
    rows = latest.merge(stats[stats["jumlah_pembanding"] >= MIN_POINTS], on=keys)
    counts = rows["satuan"].isin(i18n.COUNT_UNITS) if "satuan" in rows else False
    floor = np.maximum(SPREAD_FLOOR_SHARE * rows["pembanding"].abs(), np.where(counts, *SPREAD_FLOOR))
    rows = rows.assign(skor=(rows["nilai"] - rows["pembanding"]) / np.maximum(MAD_TO_SD * rows["mad"], floor),
                       alasan=reason)
    return rows[rows["skor"].abs() >= threshold].drop(columns="mad")


def history_outliers(values: pd.DataFrame, threshold: float = OUTLIER_THRESHOLD) -> pd.DataFrame:
    """Latest values far from the wilayah's own earlier values (at least MIN_POINTS of them)."""
    latest, history = latest_per_series(values)
    return robust_flags(latest, history[["indikator", "wilayah", "nilai"]], HISTORY, threshold)


def neighbour_outliers(values: pd.DataFrame, threshold: float = OUTLIER_THRESHOLD) -> pd.DataFrame:
    """Latest values of rates far from their siblings' (same indicator, period and parent; MIN_POINTS+)."""
    latest, _ = latest_per_series(values)
    rates = ~latest["satuan"].isin(i18n.COUNT_UNITS) if "satuan" in latest else True
    latest = latest[latest["induk"].notna() & rates]
    siblings = values[["indikator", "induk", "periode", "wilayah", "nilai"]].rename(columns={"wilayah": "saudara"})
    pairs = latest[["indikator", "wilayah", "induk", "periode"]].merge(siblings, on=["indikator", "induk", "periode"])
    pairs = pairs[pairs["saudara"] != pairs["wilayah"]]
    return robust_flags(latest, pairs[["indikator", "wilayah", "nilai"]], NEIGHBOURS, threshold)


def find_outliers(values: pd.DataFrame, threshold: float = OUTLIER_THRESHOLD) -> pd.DataFrame:
    """Both checks, strongest first: indikator, wilayah, periode, nilai, jenis, alasan, skor, pembanding, …"""
    found = pd.concat([history_outliers(values, threshold), neighbour_outliers(values, threshold)],
                      ignore_index=True)
    return found.sort_values("skor", key=abs, ascending=False, kind="stable").reset_index(drop=True)


def outliers(con: Connection, today: date, opd: str | None = None,
             kabupaten: tuple[str, ...] = ()) -> pd.DataFrame:
    """Latest values to review (province, kabupaten, kecamatan), optionally of one OPD or some kabupaten."""
    registry = reporting.indicator_registry(con, opd)[["indikator", "nama_indikator", "satuan", "isu"]]
    found = find_outliers(reporting.current_values(con, today, REVIEW_LEVELS).merge(registry, on="indikator"))
    inside = [not kabupaten or any(w == k or w.startswith(k + ".") for k in kabupaten) for w in found["wilayah"]]
    return found.loc[inside].reset_index(drop=True)
