"""Where the 4+1 meet: per kecamatan, in how many isu it lies in the province's worst fifth. Pure pandas.

Rules, in one place:
- Counted isu: KE, ST, ATS and PA. Inflation is measured per kabupaten: it is context beside the count,
  never counted per kecamatan.
- Per isu one ranking indicator: the first, in the order headline indicator, kabupaten indicator, then the
  isu's other indicators by code, that is a rate (RATE_UNITS: a share of people, never a count of children —
  a big kecamatan is not worse because it is big), has a direction (naik or turun) and has values for at
  least MIN_KECAMATAN kecamatan in its latest period with kecamatan values. Only that period's values count.
- An isu whose best rate covers fewer kecamatan is "tidak cukup data kecamatan"; one with only counts at
  kecamatan level is "hanya jumlah" (its indicator named); one with nothing is "tanpa data". None of them is
  in any kecamatan's denominator.
- Worst fifth: a relative position, not a target verdict. Of the N kecamatan with a value, the ceil(N / 5)
  worst by the indicator's direction (turun: highest, naik: lowest); every kecamatan tied with the last of
  them is in too. The position is province-wide: a kabupaten filter narrows what is shown, never the ranking.
- Per kecamatan: k = isu placing it in the worst fifth, m = counted isu with a value for it ("k dari m isu
  yang ada datanya", never "dari 5"); the isu resting on simulated values are listed apart, so a count that
  rests on them says so.
- The hotspot list: kecamatan with k >= 1, those with no satgas action recorded there first, then k highest,
  then k / m highest, then by code.
"""
from __future__ import annotations

import math
from datetime import date

import pandas as pd

from lib.judge import freshness, headlines

COUNTED_ISU = ("KE", "ST", "ATS", "PA")
CONTEXT_ISU = "INF"
RATE_UNITS = ("persen",)
MIN_KECAMATAN = 5
SHARE = 5  # the worst fifth: ceil(N / SHARE) kecamatan
DIRECTIONS = ("naik", "turun")
DIPAKAI, KURANG, HANYA_JUMLAH, TANPA_DATA = "dipakai", "kurang", "hanya_jumlah", "tanpa_data"
SIMULASI = "simulasi"

BASIS_COLUMNS = ["isu", "keadaan", "indikator", "nama_indikator", "satuan", "arah", "periodisitas",
                 "jumlah_wilayah", "jumlah_terburuk", "batas", "periode", "periode_label", "periode_jenis",
                 "tanggal", "jenis", "sumber", "usia_bulan", "usia_tahun", "lama"]
ENGLISH_COLUMNS = ["nama_indikator_en", "periode_label_en"]  # kept beside their twins for i18n.localized
HOTSPOT_COLUMNS = ["wilayah", "nama", "kode_induk", "nama_induk", "isu_terburuk", "isu_ada_data", "isu_simulasi",
                   "jumlah_isu", "jumlah_isu_data", "jumlah_simulasi", "kombinasi"]


def preference(isu: str, codes: list[str]) -> list[str]:
    """The isu's indicators in the order a ranking indicator is chosen: headline, kabupaten indicator, others
    by code."""
    first = [headlines.HEADLINE_INDICATOR.get(isu), headlines.KABUPATEN_INDICATOR.get(isu)]
    return sorted(dict.fromkeys(codes), key=lambda c: (first.index(c) if c in first else len(first), c))


def _basis_row(isu: str, state: str, rows: pd.DataFrame | None, today: date) -> dict:
    row = dict.fromkeys(BASIS_COLUMNS)
    row.update(isu=isu, keadaan=state, jumlah_wilayah=0, jumlah_terburuk=0)
    if rows is None or rows.empty:
        return row
    first = rows.iloc[0]
    row.update({c: first[c] for c in ("indikator", "nama_indikator", "satuan", "arah", "periodisitas", "periode",
                                      "periode_label", "periode_jenis", "tanggal")})
    row.update({c: first[c] for c in ENGLISH_COLUMNS if c in rows})
    row["jumlah_wilayah"] = int(rows["wilayah"].nunique())
    row["jenis"] = SIMULASI if (rows["jenis"] == SIMULASI).any() else "resmi"
    if "sumber" in rows:  # the source most of its values come from
        row["sumber"] = rows["sumber"].mode().iloc[0] if rows["sumber"].notna().any() else None
    if state == DIPAKAI:
        values = rows.drop_duplicates("wilayah")["nilai"]
        worst = values[worst_fifth(values, first["arah"])]
        row["jumlah_terburuk"] = len(worst)
        row["batas"] = float(worst.min() if first["arah"] == "turun" else worst.max())
    age = freshness.age(first["tanggal"], first["periodisitas"], today, first["periode_jenis"])
    if age is not None:
        row.update(usia_bulan=age.months, usia_tahun=age.years, lama=age.stale)
    return row


def choose(values: pd.DataFrame, today: date, isu: tuple[str, ...] = COUNTED_ISU) -> pd.DataFrame:
    """One row per counted isu (BASIS_COLUMNS, and the ENGLISH_COLUMNS values has): its ranking indicator and state (module doc), how many
    kecamatan have a value, how many are in the worst fifth and the value where it starts (`batas`), the period, whether any value is simulated, and the data's age on `today`.

    values: lib.data.convergence.kecamatan_values (isu, indikator, satuan, arah, wilayah, nilai, jenis, period
    columns)."""
    rows = []
    for code in isu:
        mine = values[(values["isu"] == code) & values["nilai"].notna()]
        by_indicator = {k: g for k, g in mine.groupby("indikator", sort=False)}
        order = preference(code, list(by_indicator))
        rates = [k for k in order if by_indicator[k]["satuan"].iloc[0] in RATE_UNITS
                 and by_indicator[k]["arah"].iloc[0] in DIRECTIONS]
        enough = [k for k in rates if by_indicator[k]["wilayah"].nunique() >= MIN_KECAMATAN]
        if enough:
            rows.append(_basis_row(code, DIPAKAI, by_indicator[enough[0]], today))
        elif rates:
            best = max(rates, key=lambda k: by_indicator[k]["wilayah"].nunique())
            rows.append(_basis_row(code, KURANG, by_indicator[best], today))
        elif order:
            best = max(order, key=lambda k: by_indicator[k]["wilayah"].nunique())
            rows.append(_basis_row(code, HANYA_JUMLAH, by_indicator[best], today))
        else:
            rows.append(_basis_row(code, TANPA_DATA, None, today))
    return pd.DataFrame(rows, columns=BASIS_COLUMNS + [c for c in ENGLISH_COLUMNS if c in values])


def worst_fifth(values: pd.Series, arah: str) -> pd.Series:
    """True for the values in the worst fifth (module doc: ceil(N / 5) worst, ties with the last included);
    NaN values are never in it. arah: 'turun' (lower is better) or 'naik'."""
    if arah not in DIRECTIONS:
        raise ValueError(f"arah {arah!r} tidak bisa diperingkat; yang bisa: {', '.join(DIRECTIONS)}")
    present = values.dropna()
    flagged = pd.Series(False, index=values.index)
    if present.empty:
        return flagged
    worst_first = present.sort_values(ascending=arah == "naik")
    cutoff = worst_first.iloc[math.ceil(len(present) / SHARE) - 1]
    chosen = present >= cutoff if arah == "turun" else present <= cutoff
    flagged[chosen[chosen].index] = True
    return flagged


def flags(values: pd.DataFrame, basis: pd.DataFrame) -> pd.DataFrame:
    """One row per (isu, kecamatan) with a value of the isu's ranking indicator (isu with keadaan dipakai):
    isu, indikator, wilayah, nilai, jenis and `terburuk` (in the province's worst fifth)."""
    parts = []
    for _, b in basis[basis["keadaan"] == DIPAKAI].iterrows():
        mine = values[(values["indikator"] == b["indikator"]) & values["nilai"].notna()]
        mine = mine.drop_duplicates("wilayah")
        parts.append(mine[["wilayah", "nilai", "jenis"]].assign(isu=b["isu"], indikator=b["indikator"],
                                                                 terburuk=worst_fifth(mine["nilai"], b["arah"])))
    if not parts:
        return pd.DataFrame(columns=["isu", "indikator", "wilayah", "nilai", "jenis", "terburuk"])
    return pd.concat(parts, ignore_index=True)[["isu", "indikator", "wilayah", "nilai", "jenis", "terburuk"]]


def _in_order(codes) -> list[str]:
    found = set(codes)
    return [c for c in COUNTED_ISU if c in found]


def hotspots(kecamatan: pd.DataFrame, flagged: pd.DataFrame) -> pd.DataFrame:
    """One row per kecamatan (HOTSPOT_COLUMNS): the isu placing it in the worst fifth (`isu_terburuk`), the
    isu with a value for it (`isu_ada_data`), those of them resting on simulated values (`isu_simulasi`), k
    (`jumlah_isu`), m (`jumlah_isu_data`), how many of the k are simulated (`jumlah_simulasi`) and the combination's codes joined by
    ' + ' ('' when k = 0). Kecamatan order as given.

    kecamatan: wilayah, nama, kode_induk, nama_induk (lib.data.convergence.kecamatan)."""
    grouped = {w: g for w, g in flagged.groupby("wilayah", sort=False)}
    empty = flagged.iloc[0:0]
    rows = []
    for _, k in kecamatan.iterrows():
        mine = grouped.get(k["wilayah"], empty)
        worst = _in_order(mine.loc[mine["terburuk"].astype(bool), "isu"])
        simulated = _in_order(mine.loc[mine["jenis"] == SIMULASI, "isu"])
        rows.append({"wilayah": k["wilayah"], "nama": k["nama"], "kode_induk": k["kode_induk"],
                     "nama_induk": k["nama_induk"], "isu_terburuk": worst, "isu_ada_data": _in_order(mine["isu"]),
                     "isu_simulasi": simulated, "jumlah_isu": len(worst),
                     "jumlah_isu_data": int(mine["isu"].nunique()),
                     "jumlah_simulasi": len([c for c in worst if c in simulated]),
                     "kombinasi": " + ".join(worst)})
    return pd.DataFrame(rows, columns=HOTSPOT_COLUMNS)


def combinations(table: pd.DataFrame) -> pd.DataFrame:
    """How many kecamatan share each combination of worst-fifth isu (k >= 1): kombinasi, jumlah_isu,
    jumlah_wilayah, whether any of its isu rests on simulated values (`ada_simulasi`); most isu first, then
    most kecamatan."""
    hot = table[table["jumlah_isu"] > 0]
    if hot.empty:
        return pd.DataFrame(columns=["kombinasi", "jumlah_isu", "jumlah_wilayah", "ada_simulasi"])
    found = hot.groupby("kombinasi", sort=False).agg(jumlah_isu=("jumlah_isu", "first"),
                                                      jumlah_wilayah=("wilayah", "count"),
                                                      ada_simulasi=("jumlah_simulasi", lambda s: bool((s > 0).any())))
    return found.reset_index().sort_values(["jumlah_isu", "jumlah_wilayah", "kombinasi"],
                                           ascending=[False, False, True], kind="stable").reset_index(drop=True)


def hotspot_list(table: pd.DataFrame, actions: pd.DataFrame) -> pd.DataFrame:
    """The kecamatan with k >= 1, with `jumlah_tindakan` (actions recorded in it or its desa; actions:
    lib.data.convergence.kecamatan_actions), ordered: no action first, then k, then k / m highest, then code."""
    hot = table[table["jumlah_isu"] > 0].copy()
    counted = actions["kecamatan"].value_counts() if not actions.empty else pd.Series(dtype=int)
    hot["jumlah_tindakan"] = hot["wilayah"].map(counted).fillna(0).astype(int)
    hot["_tanpa"] = hot["jumlah_tindakan"] == 0
    hot["_porsi"] = hot["jumlah_isu"] / hot["jumlah_isu_data"].where(hot["jumlah_isu_data"] > 0)
    ordered = hot.sort_values(["_tanpa", "jumlah_isu", "_porsi", "wilayah"], ascending=[False, False, False, True],
                              kind="stable")
    return ordered.drop(columns=["_tanpa", "_porsi"]).reset_index(drop=True)
