"""Orang tua asuh (issue 23): commitments against delivery, per OPD, kabupaten and kecamatan (pure pandas).

Input: lib.data.asuh.ringkasan_asuhan (sums per mitra × kecamatan × sasaran × jenis_data) and
lib.data.asuh.kewajiban (the published commitments). Rules, in one place:
- Official (jenis_data 'resmi') and simulated rows are never added together: jenis_data is part of every key.
  A place with a commitment but no sponsorship rows gets one row with jenis_data None and no counts (no data
  is not zero delivery).
- Per OPD: sponsorships of the OPD's ASN (mitra.opd). The province row (tingkat 'provinsi', kode '76') sums
  every provincial OPD's ASN; its commitment is the province's ('ASN Pemprov Sulbar', 6.000 sponsors).
- Per kabupaten: sponsorships of children living there, whoever sponsors them; the province row sums all.
- Commitments: satuan 'sponsor' -> komitmen_sponsor (one child each), 'anak' -> komitmen_anak, of the place
  (kewajiban.wilayah, or kewajiban.opd for an OPD) and with no OPD for a place. Rules per person
  (anak_per_sponsor), amounts and visits are not totals and are not summed here.
- asuhan_aktif = sponsorships still running (hasil 'berjalan'); mitra_aktif = sponsors with one or more.
- anak_maju (lib/db/schema.sql v_asuhan_agregat): >= 6 months delivered and the z-score up by >= 0,3 or
  left stunting.
- Public (publik): every count from 1 to SMALL_COUNT - 1 is hidden ("< 5", its *_disamarkan mark True), and
  the child-months and rupiah of a row whose children are hidden with it; commitments (published) stay.
"""
from __future__ import annotations

import pandas as pd

from lib.access.privacy import SMALL_COUNT
from lib.data.asuh import COUNT_COLUMNS, PROVINCE

OPD, KABUPATEN, KECAMATAN, PROVINSI = "opd", "kabupaten", "kecamatan", "provinsi"
DELIVERY_COLUMNS = ["asuhan_aktif", "mitra_aktif", *COUNT_COLUMNS]
REKAP_COLUMNS = ["tingkat", "kode", "nama", "jenis_data", "komitmen_sponsor", "komitmen_anak", *DELIVERY_COLUMNS,
                 "bulan_laporan"]
SUPPRESSIBLE = [c for c in DELIVERY_COLUMNS if c not in ("bulan_tersalur", "rupiah_tersalur")]
OUTCOMES = ["anak_berjalan", "anak_keluar", "anak_tetap", "anak_pindah", "anak_meninggal"]
# Figures computed from the children of a row: hidden with its children.
DERIVED = {"bulan_tersalur": "anak", "rupiah_tersalur": "anak"}
PUBLIC_COLUMNS = [*REKAP_COLUMNS, *(f"{c}_disamarkan" for c in DELIVERY_COLUMNS)]


def _delivery(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Sum the sponsorship rows per keys + jenis_data."""
    if rows.empty:
        return pd.DataFrame(columns=[*keys, "jenis_data", *DELIVERY_COLUMNS, "bulan_laporan"])
    rows = rows.assign(_aktif=rows["mitra"].where(rows["anak_berjalan"] > 0))
    grouped = rows.groupby([*keys, "jenis_data"], dropna=False)
    sums = grouped[COUNT_COLUMNS].sum()
    sums["asuhan_aktif"] = sums["anak_berjalan"]
    sums["mitra_aktif"] = grouped["_aktif"].nunique()
    sums["bulan_laporan"] = grouped["bulan_laporan"].max()
    return sums.reset_index()


def _commitments(kewajiban: pd.DataFrame, key: str) -> pd.DataFrame:
    """komitmen_sponsor and komitmen_anak per key value (the rows' wilayah or opd)."""
    wanted = kewajiban[kewajiban["satuan"].isin(["sponsor", "anak"]) & kewajiban[key].notna()]
    if wanted.empty:
        return pd.DataFrame(columns=["kode", "komitmen_sponsor", "komitmen_anak"])
    table = wanted.pivot_table(index=key, columns="satuan", values="jumlah", aggfunc="sum")
    table = table.reindex(columns=["sponsor", "anak"]).rename(columns={"sponsor": "komitmen_sponsor",
                                                                       "anak": "komitmen_anak"})
    return table.rename_axis("kode").reset_index()


def _assemble(delivered: pd.DataFrame, promised: pd.DataFrame, tingkat: str, names: dict) -> pd.DataFrame:
    frame = delivered.merge(promised, on="kode", how="outer")
    frame["tingkat"] = tingkat
    frame["nama"] = frame["kode"].map(names)
    for column in REKAP_COLUMNS:
        if column not in frame.columns:
            frame[column] = None
    for column in ("komitmen_sponsor", "komitmen_anak"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame[REKAP_COLUMNS]


def _province(ringkasan: pd.DataFrame, promised: pd.DataFrame) -> pd.DataFrame:
    total = _delivery(ringkasan.assign(kode=PROVINCE), ["kode"])
    return _assemble(total, promised[promised["kode"] == PROVINCE], PROVINSI, {})


def per_opd(ringkasan: pd.DataFrame, kewajiban: pd.DataFrame) -> pd.DataFrame:
    """REKAP_COLUMNS per provincial OPD whose ASN sponsor (kode = OPD code, nama = its short name), after the
    province row (every OPD's ASN; the province's commitments without an OPD)."""
    asn = ringkasan[ringkasan["opd"].notna()]
    delivered = _delivery(asn.rename(columns={"opd": "kode"}), ["kode"])
    by_opd = _commitments(kewajiban, "opd")
    names = dict(zip(asn["opd"], asn["opd_singkatan"])) | dict(zip(kewajiban["opd"], kewajiban["opd_singkatan"]))
    province_promise = _commitments(kewajiban[kewajiban["opd"].isna() & (kewajiban["wilayah"] == PROVINCE)],
                                    "wilayah")
    rows = _assemble(delivered, by_opd, OPD, names)
    return pd.concat([_province(asn, province_promise), rows.sort_values(["nama", "jenis_data"])],
                     ignore_index=True)


def per_kabupaten(ringkasan: pd.DataFrame, kewajiban: pd.DataFrame) -> pd.DataFrame:
    """REKAP_COLUMNS per kabupaten where the children live (kode = kabupaten code), after the province row."""
    delivered = _delivery(ringkasan.rename(columns={"kabupaten": "kode"}), ["kode"])
    promised = _commitments(kewajiban[kewajiban["opd"].isna()], "wilayah")
    names = dict(zip(ringkasan["kabupaten"], ringkasan["nama_kabupaten"])) | dict(
        zip(kewajiban["wilayah"], kewajiban["nama_wilayah"]))
    rows = _assemble(delivered, promised[promised["kode"] != PROVINCE], KABUPATEN, names)
    return pd.concat([_province(ringkasan, promised), rows.sort_values(["kode", "jenis_data"])], ignore_index=True)


def per_kecamatan(ringkasan: pd.DataFrame) -> pd.DataFrame:
    """REKAP_COLUMNS per kecamatan where the children live (no commitments are published per kecamatan)."""
    delivered = _delivery(ringkasan.rename(columns={"kecamatan": "kode"}), ["kode"])
    names = dict(zip(ringkasan["kecamatan"], ringkasan["nama_kecamatan"]))
    empty = pd.DataFrame(columns=["kode", "komitmen_sponsor", "komitmen_anak"])
    return _assemble(delivered, empty, KECAMATAN, names).sort_values(["kode", "jenis_data"], ignore_index=True)


def _mark(frame: pd.DataFrame, index, column: str) -> bool:
    """Hide one cell (NaN, its mark True); True when it was shown."""
    if frame.at[index, f"{column}_disamarkan"]:
        return False
    frame.at[index, column] = float("nan")
    frame.at[index, f"{column}_disamarkan"] = True
    return True


def _smallest_shown(frame: pd.DataFrame, indexes, column: str):
    """The index among indexes whose column is shown and smallest above zero, or None."""
    shown = [(frame.at[i, column], i) for i in indexes
             if not frame.at[i, f"{column}_disamarkan"] and frame.at[i, column] > 0]
    return min(shown)[1] if shown else None


def _complete_row(frame: pd.DataFrame, index) -> bool:
    """The outcomes of a row add up to its children: one hidden alone would follow by subtraction."""
    if frame.at[index, "anak_disamarkan"]:
        return any([_mark(frame, index, c) for c in OUTCOMES])
    if sum(bool(frame.at[index, f"{c}_disamarkan"]) for c in OUTCOMES) != 1:
        return False
    candidates = [c for c in OUTCOMES if not frame.at[index, f"{c}_disamarkan"] and frame.at[index, c] > 0]
    if not candidates:
        return False
    return _mark(frame, index, min(candidates, key=lambda c: frame.at[index, c]))


def _complete_total(frame: pd.DataFrame) -> bool:
    """The province row is the sum of the others (per jenis_data): one row hidden alone would follow."""
    changed = False
    for jenis, rows in frame.groupby("jenis_data", dropna=True):
        if not (rows["tingkat"] == PROVINSI).any():
            continue
        parts = rows.index[rows["tingkat"] != PROVINSI]
        for column in DELIVERY_COLUMNS:
            if sum(bool(frame.at[i, f"{column}_disamarkan"]) for i in parts) == 1:
                other = _smallest_shown(frame, parts, column)
                if other is not None:
                    changed |= _mark(frame, other, column)
    return changed


def publik(rekap: pd.DataFrame) -> pd.DataFrame:
    """The public form of a rekap (PUBLIC_COLUMNS): counts 1..SMALL_COUNT-1 hidden (NaN, *_disamarkan True),
    the child-months and rupiah of a row whose children are hidden hidden with them, and a second count
    hidden wherever one hidden count would follow by subtraction (the outcomes of a row add up to its
    children; the province row adds up the others)."""
    frame = rekap.copy().reset_index(drop=True)
    for column in DELIVERY_COLUMNS:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
        frame[f"{column}_disamarkan"] = False
    for column in SUPPRESSIBLE:
        for index in frame.index[frame[column].between(1, SMALL_COUNT - 1)]:
            _mark(frame, index, column)
    for _ in range(len(frame) * len(DELIVERY_COLUMNS) + 1):  # until nothing more follows
        changed = False
        for index in frame.index:
            changed |= _complete_row(frame, index)
            for column, source in DERIVED.items():
                if frame.at[index, f"{source}_disamarkan"]:
                    changed |= _mark(frame, index, column)
            if frame.at[index, "anak_berjalan_disamarkan"] != frame.at[index, "asuhan_aktif_disamarkan"]:
                changed |= _mark(frame, index, "anak_berjalan") | _mark(frame, index, "asuhan_aktif")
        changed |= _complete_total(frame)
        if not changed:
            break
    return frame[PUBLIC_COLUMNS]
