"""Deterministic simulated orang tua asuh rows (issue 23), so the tracker can be seen before any real upload.

Every row made here carries jenis_data = 'simulasi' and is loaded as its own batch by the seed's user: it is
never summed with an official count. No real sponsorship data is published; the shape follows the published
programme (data/seed/kewajiban.csv): ASN groups of provincial OPDs and of the Pemkab, a few organisations,
Rp180.000-185.000 a month for ASN, a few hundred children across the kabupaten, mostly baduta.
Outcomes: a child's height-for-age z-score moves modestly (about +0,02 a month on average, with spread);
after six or more months delivered, a baduta whose latest z-score reaches -2 is reported keluar_stunting.
Anak_ref values are pseudonyms ("SIM-7604-0001"), never a name or a number that looks like a NIK.
"""
from __future__ import annotations

import hashlib
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from lib.db import writes_asuh

RANDOM_SEED = 23
REPORT_MONTH = date(2025, 10, 1)  # the month every simulated row reports the state of
# Children per kabupaten (kabupaten code -> count); a kabupaten the seed lacks is skipped.
CHILDREN = {"76.01": 40, "76.02": 70, "76.03": 45, "76.04": 80, "76.05": 35, "76.06": 40}
# Provincial OPDs whose ASN sponsor (as groups "ASN <OPD>"); those the seed lacks are skipped.
ASN_OPD = ("DINKES", "DINSOS", "DISDIKBUD", "DP3AP2KB", "KETAPANG", "BAPPERIDA", "DPUPR", "BIRO-HUKUM")
# Pemkab ASN groups, one per kabupaten.
ORGANISATIONS = (("Perusahaan A (simulasi)", "perusahaan"), ("Bank B (simulasi)", "bank"),
                 ("Universitas C (simulasi)", "perguruan_tinggi"), ("Yayasan keagamaan D (simulasi)",
                                                                     "organisasi_keagamaan"),
                 ("Organisasi masyarakat E (simulasi)", "organisasi_masyarakat"), ("Perorangan F (simulasi)",
                                                                                   "perorangan"))
MITRA_COLUMNS = ["id", "nama", "jenis", "opd", "kabupaten", "jenis_data"]
ASUHAN_COLUMNS = ["id", "mitra", "anak_ref", "desa", "sasaran", "mulai", "bulan_rencana", "rupiah_per_bulan",
                  "saluran", "bulan_tersalur", "zscore_awal", "zscore_akhir", "hasil", "bulan_laporan",
                  "jenis_data"]


def _months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def demo_mitra(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The simulated sponsors: ASN groups of the seed's provincial OPDs and kabupaten, and six organisations."""
    opd = con.execute("SELECT kode, singkatan FROM opd ORDER BY kode").df()
    names = dict(zip(opd["kode"], opd["singkatan"]))
    kabupaten = con.execute("SELECT kode, nama FROM wilayah WHERE level = 'kabupaten' ORDER BY kode").df()
    rows = [(f"ASN {names[code]} Pemprov Sulbar", "asn_opd", code, None) for code in ASN_OPD if code in names]
    rows += [(f"ASN Pemkab {nama.removeprefix('Kabupaten ')}", "asn_opd", None, kode)
             for kode, nama in zip(kabupaten["kode"], kabupaten["nama"])]
    rows += [(nama, jenis, None, None) for nama, jenis in ORGANISATIONS]
    frame = pd.DataFrame(rows, columns=["nama", "jenis", "opd", "kabupaten"])
    return frame.assign(id=range(1, len(frame) + 1), jenis_data="simulasi")[MITRA_COLUMNS]


def demo_asuhan(con: duckdb.DuckDBPyConnection, mitra: pd.DataFrame) -> pd.DataFrame:
    """A few hundred simulated sponsorships across the seed's kabupaten, reported as of REPORT_MONTH."""
    rng = np.random.default_rng(RANDOM_SEED)
    desa = con.execute("SELECT kode, left(kode, 5) AS kabupaten FROM wilayah WHERE level = 'desa' ORDER BY kode").df()
    provincial = mitra[(mitra["jenis"] == "asn_opd") & mitra["opd"].notna()]["id"].to_numpy()
    organisations = mitra[mitra["jenis"] != "asn_opd"]["id"].to_numpy()
    rows = []
    for kabupaten, count in CHILDREN.items():
        villages = desa.loc[desa["kabupaten"] == kabupaten, "kode"].to_numpy()
        own = mitra.loc[mitra["kabupaten"] == kabupaten, "id"].to_numpy()
        if not len(villages):
            continue
        for number in range(1, count + 1):
            pick = rng.random()
            if pick < 0.45 and len(provincial):
                sponsor, rupiah, channel = rng.choice(provincial), int(rng.choice([180_000, 185_000])), "TPK"
            elif pick < 0.8 and len(own):
                sponsor, rupiah, channel = own[0], int(rng.choice([180_000, 185_000])), "TPK"
            else:
                sponsor = rng.choice(organisations)
                rupiah = int(rng.choice([200_000, 250_000, 300_000]))
                channel = "TPK" if rng.random() < 0.5 else "Puskesmas"
            target = rng.choice(["baduta", "ibu_hamil", "catin"], p=[0.8, 0.15, 0.05])
            planned = int(rng.choice([6, 9, 12])) if target == "baduta" else 9
            # pregnant women and brides-to-be are still being supported (no outcome is measured for them)
            back = int(rng.integers(2, 20)) if target == "baduta" else int(rng.integers(1, planned))
            start = pd.Timestamp(REPORT_MONTH) - pd.DateOffset(months=back)
            elapsed = _months_between(start.date(), REPORT_MONTH)
            delivered = int(max(0, min(planned, elapsed) - (rng.random() < 0.15)))  # a month missed now and then
            before = after = None
            outcome = "berjalan" if delivered < planned else "tetap"
            if target == "baduta":
                before = round(float(np.clip(rng.normal(-2.6, 0.35), -4.5, -2.01)), 2)
                after = round(float(np.clip(before + rng.normal(0.02, 0.025) * delivered, -6, 6)), 2)
                if delivered >= 6 and after >= -2:
                    outcome = "keluar_stunting"
            if rng.random() < 0.03:
                outcome = "pindah"
            rows.append((int(sponsor), f"SIM-{kabupaten.replace('.', '')}-{number:04d}", rng.choice(villages),
                         target, start.date(), planned, rupiah, channel, delivered, before, after, outcome))
    frame = pd.DataFrame(rows, columns=ASUHAN_COLUMNS[1:-2])
    return frame.assign(id=range(1, len(frame) + 1), bulan_laporan=REPORT_MONTH,
                        jenis_data="simulasi")[ASUHAN_COLUMNS]


def insert_demo(con: duckdb.DuckDBPyConnection, loaded_by: str, loaded_at, batch: int | None = None) -> int:
    """Load the simulated sponsors and sponsorships (the seed's user and time) into the given batch (the build
    passes its simulated-values batch, so a demo has as many batches as before), else into a batch of their own;
    returns the sponsorships loaded."""
    mitra = demo_mitra(con)
    asuhan = demo_asuhan(con, mitra)
    if asuhan.empty:
        return 0
    if batch is None:
        batch = con.execute("SELECT coalesce(max(id), 0) + 1 FROM unggahan").fetchone()[0]
        digest = hashlib.sha256((mitra.to_csv(index=False) + asuhan.to_csv(index=False)).encode()).hexdigest()
        con.execute("INSERT INTO unggahan VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [batch, "simulasi-asuh", digest, loaded_by, loaded_at, len(asuhan),
                     "Orang tua asuh simulasi (lib/db/simulation_asuh.py, benih tetap); bukan data resmi"])
    stamp = (batch, loaded_by, loaded_at)
    ids = writes_asuh.add_mitra(con, [(*row, *stamp) for row in mitra[writes_asuh.MITRA_COLUMNS[:5]].itertuples(
        index=False)])
    renumber = dict(zip(mitra["id"], ids))
    asuhan = asuhan.assign(mitra=asuhan["mitra"].map(renumber))
    writes_asuh.add_asuhan(con, [(*row, *stamp) for row in asuhan[writes_asuh.ASUHAN_COLUMNS[:14]].itertuples(
        index=False)])
    return len(asuhan)
