"""Deterministic simulated values, for the demo where no publication gives a series, and for benchmarks.

Every value made here is loaded with jenis = 'simulasi'. The generators are calibrated to published
figures so the demo stays plausible:
- Satgas stunting counts per kabupaten per month (June 2023 - June 2024): the six kabupaten add up exactly
  to the published provincial totals of minggu II Agustus 2023 (16.377 sasaran, 9.085 diintervensi,
  1.054 keluar) in August 2023; intervened never exceeds sasaran, keluar never exceeds intervened.
- The same counts per kecamatan, adding up exactly to their kabupaten.
- e-PPGBM prevalence per kecamatan in 2022, averaging exactly to the kabupaten's published figure.
- For the konvergensi page, the same kind of kecamatan rates for the P3KE desil-1 share (July 2024) and BKKBN's
  share of women married under 18, each averaging exactly to its kabupaten's published figure.
"""
from __future__ import annotations

from collections.abc import Iterator

import duckdb
import numpy as np
import pandas as pd

RANDOM_SEED = 41
FIRST_MONTH, LAST_MONTH = "2023-06", "2024-06"
CALIBRATION_PERIOD, CALIBRATION_MONTH = "2023-08-W2", "2023-08"
COUNT_INDICATORS = ("ST-SASARAN", "ST-INTERVENSI", "ST-KELUAR")
SOURCE = "Simulasi Monitor 4+1 (bukan angka resmi)"
ANNOUNCED_SUFFIX = "-diumumkan"  # a period known only by its announcement day (lib.text.periods)
# Kecamatan rates simulated for the konvergensi page (no kecamatan series is published for them): (indikator,
# the period of the kabupaten figures they are calibrated to).
KECAMATAN_RATES = (("KE-DESIL1-PERSEN", "2024-07"), ("PA-PROP-BKKBN", "2023-09-01-diumumkan"))


def _months() -> list[str]:
    return [p.strftime("%Y-%m") for p in pd.period_range(FIRST_MONTH, LAST_MONTH, freq="M")]


def split_integer(total: int, weights: np.ndarray) -> np.ndarray:
    """Split a whole number into parts proportional to weights that add up exactly (largest remainder)."""
    weights = np.asarray(weights, dtype=float)
    if total <= 0 or weights.sum() <= 0:
        return np.zeros(len(weights), dtype=np.int64)
    raw = total * weights / weights.sum()
    parts = np.floor(raw).astype(np.int64)
    order = np.argsort(-(raw - parts), kind="stable")
    parts[order[: total - parts.sum()]] += 1
    return parts


def _official(con: duckdb.DuckDBPyConnection, indikator: str, wilayah: str, periode: str) -> float | None:
    row = con.execute("SELECT nilai FROM v_capaian WHERE indikator = ? AND wilayah = ? AND periode = ? "
                      "AND jenis = 'resmi'", [indikator, wilayah, periode]).fetchone()
    return row[0] if row else None


def _children(con: duckdb.DuckDBPyConnection, level: str) -> pd.DataFrame:
    return con.execute("SELECT kode, kode_induk FROM wilayah WHERE level = ? ORDER BY kode", [level]).df()


def _kabupaten_weights(con: duckdb.DuckDBPyConnection, kabupaten: list[str]) -> np.ndarray:
    """Share of stunted children per kabupaten: the latest official Dinkes count, else equal shares."""
    counts = con.execute(
        "SELECT wilayah, arg_max(nilai, periode) AS nilai FROM v_capaian "
        "WHERE indikator = 'ST-JUMLAH' AND jenis = 'resmi' GROUP BY wilayah").df()
    by_code = dict(zip(counts["wilayah"], counts["nilai"]))
    if not all(code in by_code for code in kabupaten):
        return np.ones(len(kabupaten))
    return np.array([by_code[code] for code in kabupaten], dtype=float)


def _kabupaten_counts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Monthly cumulative satgas counts per kabupaten, calibrated to the published August 2023 totals."""
    totals = {ind: _official(con, ind, "76", CALIBRATION_PERIOD) for ind in COUNT_INDICATORS}
    if any(value is None for value in totals.values()):
        return pd.DataFrame()
    rng = np.random.default_rng(RANDOM_SEED)
    kabupaten = _children(con, "kabupaten")["kode"].tolist()
    sasaran = split_integer(int(totals["ST-SASARAN"]), _kabupaten_weights(con, kabupaten))
    # Some kabupaten move faster than others; the August split carries that spread.
    pace = rng.uniform(0.8, 1.2, len(kabupaten))
    intervened_aug = np.minimum(split_integer(int(totals["ST-INTERVENSI"]), sasaran * pace), sasaran)
    exited_aug = split_integer(int(totals["ST-KELUAR"]), intervened_aug * rng.uniform(0.8, 1.2, len(kabupaten)))
    rows = []
    for step, month in enumerate(_months()):
        # Cumulative coverage: 1 - (1 - share in August) ** (months since May / 3) reaches August exactly.
        horizon = (step + 1) / 3
        intervened = np.floor(sasaran * (1 - (1 - intervened_aug / sasaran) ** horizon)).astype(np.int64)
        exited = np.minimum(intervened, np.floor(exited_aug * horizon ** 1.3).astype(np.int64))
        if month == CALIBRATION_MONTH:
            intervened, exited = intervened_aug, exited_aug
        for code, values in zip(kabupaten, zip(sasaran, intervened, exited)):
            rows += [(ind, code, month, float(v)) for ind, v in zip(COUNT_INDICATORS, values)]
    return pd.DataFrame(rows, columns=["indikator", "wilayah", "periode", "nilai"])


def split_counts(parent_counts: pd.DataFrame, children: pd.DataFrame, seed: int) -> pd.DataFrame:
    """Split counts of parents to their children with fixed random weights; children add up exactly.

    The same child weights serve every indicator and month, so intervened stays below sasaran.
    """
    rng = np.random.default_rng(seed)
    weights = pd.Series(rng.gamma(4.0, 1.0, len(children)), index=children["kode"])
    by_parent = children.groupby("kode_induk")["kode"].apply(list)
    rows = []
    for (ind, parent, period), total in parent_counts.set_index(["indikator", "wilayah", "periode"])["nilai"].items():
        codes = by_parent.get(parent, [])
        parts = split_integer(int(total), weights[codes].to_numpy())
        rows += [(ind, code, period, float(v)) for code, v in zip(codes, parts)]
    return pd.DataFrame(rows, columns=["indikator", "wilayah", "periode", "nilai"])


def _kecamatan_rates(con: duckdb.DuckDBPyConnection, indikator: str, periode: str, seed: int,
                     least_spread: float = 0.5) -> pd.DataFrame:
    """A percentage per kecamatan for one period: each kabupaten's official figure plus zero-mean noise, kept
    within 0-100 and averaging exactly to the kabupaten's figure (kecamatan of kabupaten without one: none)."""
    official = con.execute("SELECT wilayah, nilai FROM v_capaian WHERE indikator = ? "
                           "AND periode = ? AND jenis = 'resmi' AND length(wilayah) = 5 ORDER BY wilayah",
                           [indikator, periode]).df()
    rng = np.random.default_rng(seed)
    kecamatan = _children(con, "kecamatan")
    rows = []
    for parent, value in zip(official["wilayah"], official["nilai"]):
        codes = kecamatan.loc[kecamatan["kode_induk"] == parent, "kode"].tolist()
        noise = rng.normal(0, max(value * 0.25, least_spread), len(codes))
        values = np.clip(value + noise - noise.mean(), 0.1, 99.9)
        values = np.round(values + (value - values.mean()), 1)  # clipping may shift the mean; restore it
        rows += [(indikator, code, periode, float(v)) for code, v in zip(codes, values)]
    return pd.DataFrame(rows, columns=["indikator", "wilayah", "periode", "nilai"])


def _kecamatan_prevalence(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """e-PPGBM 2022 per kecamatan: the kabupaten figure plus zero-mean noise, kept within 0-100."""
    return _kecamatan_rates(con, "ST-PPGBM", "2022", RANDOM_SEED + 1)


def _kecamatan_convergence(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Rates per kecamatan for the konvergensi page where no kecamatan series is published (KECAMATAN_RATES):
    P3KE desil-1 share (July 2024, the three kabupaten with a figure) and BKKBN's child-marriage share."""
    parts = [_kecamatan_rates(con, indikator, periode, RANDOM_SEED + 10 + i, least_spread=0.05)
             for i, (indikator, periode) in enumerate(KECAMATAN_RATES)]
    return pd.concat(parts, ignore_index=True)


def demo_values(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """All simulated demo values, with source and note, ready to load as one batch."""
    kabupaten = _kabupaten_counts(con)
    parts = [kabupaten, _kecamatan_prevalence(con), _kecamatan_convergence(con)]
    if not kabupaten.empty:
        parts.append(split_counts(kabupaten, _children(con, "kecamatan"), RANDOM_SEED + 2))
    frame = pd.concat([p for p in parts if not p.empty], ignore_index=True)
    if frame.empty:
        return frame
    note = "Simulasi deterministik (lib/db/simulation.py), dikalibrasi ke angka resmi; bukan angka resmi."
    announced = frame["periode"].str.endswith(ANNOUNCED_SUFFIX)
    return frame.assign(sumber=SOURCE, catatan=note).assign(catatan=lambda f: f["catatan"].where(
        ~announced, note + " Periode = tanggal angka kabupaten diumumkan, bukan tahun data."))


def scale_values(con: duckdb.DuckDBPyConnection, scale: int) -> Iterator[pd.DataFrame]:
    """Benchmark rows: desa-level monthly counts, re-reported in rounds, N times the demo volume in all."""
    if scale <= 0:
        return
    wanted = scale * con.execute("SELECT count(*) FROM capaian").fetchone()[0]
    kecamatan_counts = con.execute(
        "SELECT indikator, wilayah, periode, nilai FROM capaian WHERE jenis = 'simulasi' "
        "AND indikator IN ? AND length(wilayah) = 8", [list(COUNT_INDICATORS)]).df()
    if kecamatan_counts.empty:
        return
    desa = _children(con, "desa")
    round_no = 0
    while wanted > 0:
        round_no += 1
        # Each round is a whole corrected re-report (same keys, weights drawn anew), never a partial one,
        # so the current desa values always come from one consistent split.
        frame = split_counts(kecamatan_counts, desa, RANDOM_SEED + 100 + round_no)
        wanted -= len(frame)
        yield frame.assign(sumber=SOURCE, catatan=f"Baris benchmark (--scale), putaran {round_no}")
