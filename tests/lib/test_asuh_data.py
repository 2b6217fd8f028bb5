"""Issue 23 items 2 and 4: orang tua asuh storage (schema v8), demo rows, reads and aggregates."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from lib.data import asuh as reads
from lib.db import migrate, record, snapshot
from lib.judge import asuh

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ASUH_OBJECTS = ("mitra", "asuhan", "kewajiban", "v_asuhan_agregat")


def _columns(path, tables=ASUH_OBJECTS):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE table_name IN ? "
                           "ORDER BY ALL", [list(tables)]).fetchall()


def test_a_record_of_the_kirim_release_migrates_to_the_asuh_tables(tiny_db, tiny_seed, tmp_path, monkeypatch):
    (tiny_seed / "kewajiban.csv").write_text(
        "wilayah,opd,pihak,jumlah,jumlah_atas,satuan,periode,uraian,dasar,rujukan,sumber,url\n"
        "76,,ASN Pemprov Sulbar,6000,,sponsor,2023-06,Satu anak per ASN,pernyataan,Pernyataan,ANTARA,\n",
        encoding="utf-8")
    monkeypatch.setenv("MONITOR41_SEED_DIR", str(tiny_seed))
    old = tmp_path / "v7.duckdb"
    old.write_bytes(tiny_db.read_bytes())
    with duckdb.connect(str(old)) as con:  # as release 7 left it: no orang tua asuh
        con.execute("DROP VIEW v_asuhan_agregat")
        for table in ("asuhan", "mitra", "kewajiban"):
            con.execute(f"DROP TABLE {table}")
        con.execute("UPDATE skema_versi SET versi = 7")
        uploads = con.execute("SELECT count(*) FROM unggahan").fetchone()[0]
    done = subprocess.run([sys.executable, "-m", "lib.db", "migrate", "--db", str(old)], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0 and f"dari versi 7 ke {migrate.LATEST}" in done.stdout, done.stderr
    assert migrate.LATEST == 8
    assert _columns(old) == _columns(tiny_db) and len(_columns(old)) > 40
    with duckdb.connect(str(old), read_only=True) as con:
        assert con.execute("SELECT pihak, jumlah FROM kewajiban").fetchall() == [("ASN Pemprov Sulbar", 6000.0)]
        assert con.execute("SELECT count(*) FROM unggahan").fetchone()[0] == uploads  # old records kept


def test_every_asuh_table_is_classified_and_the_demo_rows_are_the_seeds(tiny_db):
    declared = {r.table for r in record.USER_DATA} | set(record.SEED_ONLY)
    assert {"mitra", "asuhan", "kewajiban"} <= declared
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM asuhan").fetchone()[0] > 0  # simulated rows of the build
        assert record.count_user_data(con) == {}  # ... written by the seed: no user data


def test_a_published_snapshot_holds_the_sums_but_no_child_row(tiny_db):
    snap = snapshot.latest_path(tiny_db)
    with duckdb.connect(str(snap), read_only=True) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert "asuhan" not in tables and {"v_asuhan_agregat", "mitra", "kewajiban"} <= tables
        assert con.execute("SELECT count(*) FROM duckdb_columns() WHERE column_name = 'anak_ref'").fetchone() == (0,)
        views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        assert "v_asuhan_agregat" not in views
        from_snapshot = reads.ringkasan_asuhan(con)
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        children = con.execute("SELECT count(*) FROM asuhan").fetchone()[0]
        pd.testing.assert_frame_equal(from_snapshot, reads.ringkasan_asuhan(con), check_dtype=False)
    assert from_snapshot["anak"].sum() == children
    assert not snap.read_bytes().count(b"SIM-7604-")  # not even a freed page holds a child's reference


def test_the_demo_commitments_carry_their_published_sources(demo_con):
    rows = reads.kewajiban(demo_con)
    assert rows["url"].str.startswith("https://").all() and rows["sumber"].str.strip().astype(bool).all()
    assert set(rows["dasar"]) <= {"dokumen", "pernyataan"} and set(rows["jenis_data"]) == {"resmi"}
    facts = {(w, s): (j, a) for w, s, j, a in rows[["wilayah", "satuan", "jumlah", "jumlah_atas"]].itertuples(
        index=False)}
    assert facts[("76", "sponsor")][0] == 6000 and facts[("76.03", "sponsor")][0] == 3000
    assert facts[("76", "rupiah_per_anak_per_bulan")] == (180000, 185000)
    polman = rows[(rows["wilayah"] == "76.04") & (rows["satuan"] == "anak_per_sponsor")]
    assert sorted(polman["jumlah"]) == [1, 5] and polman["url"].str.contains("radarsulbar").all()
    mamuju = rows[(rows["wilayah"] == "76.02") & (rows["satuan"] == "kunjungan_per_bulan")]
    assert len(mamuju) == 1 and "tiap bulan" in mamuju["uraian"].iloc[0]


def test_the_demo_sponsorships_are_simulated_plausible_and_pseudonymous(demo_db):
    with duckdb.connect(str(demo_db), read_only=True) as con:
        children = con.execute("SELECT * FROM asuhan").df()
        sponsors = con.execute("SELECT * FROM mitra").df()
    assert 200 <= len(children) <= 600 and children["desa"].str[:5].nunique() == 6
    assert set(children["jenis_data"]) == {"simulasi"} and set(sponsors["jenis_data"]) == {"simulasi"}
    assert not children["anak_ref"].str.fullmatch(r"\d{16}").any()
    assert children["anak_ref"].is_unique and children["anak_ref"].str.fullmatch(r"SIM-\d{4}-\d{4}").all()
    baduta = children[children["sasaran"] == "baduta"]
    assert baduta["zscore_awal"].between(-6, 6).all() and (baduta["zscore_awal"] < -2).all()
    left = children[children["hasil"] == "keluar_stunting"]
    assert len(left) and (left["bulan_tersalur"] >= 6).all() and (left["zscore_akhir"] >= -2).all()
    change = (baduta["zscore_akhir"] - baduta["zscore_awal"]).round(2)
    assert 0 < (change >= 0.3).mean() < 0.5 and change.mean() > 0  # modest improvement for some
    assert set(sponsors["jenis"]) >= {"asn_opd", "perusahaan", "bank", "perorangan"}


def _add(con, batch, rows, mitra=1, jenis_data="resmi", loaded=datetime(2026, 12, 1)):
    con.execute("INSERT INTO unggahan VALUES (?, 'uji.csv', ?, 'dinkes', ?, ?, NULL)",
                [batch, f"hash-{batch}", loaded, len(rows)])
    for n, (ref, desa, delivered, before, after, outcome) in enumerate(rows):
        con.execute("INSERT INTO asuhan VALUES ((SELECT coalesce(max(id), 0) + 1 FROM asuhan), ?, ?, ?, 'baduta', "
                    "DATE '2025-01-01', 12, 180000, 'TPK', ?, ?, ?, ?, DATE '2025-10-01', ?, ?, 'dinkes', ?)",
                    [mitra, ref, desa, delivered, before, after, outcome, jenis_data, batch, loaded])


@pytest.fixture
def small():
    con = duckdb.connect()
    con.execute(open("lib/db/schema.sql", encoding="utf-8").read())
    con.execute("INSERT INTO mitra VALUES (1, 'ASN Dinkes', 'asn_opd', 'DINKES', NULL, 'resmi', 1, 'dinkes', "
                "TIMESTAMP '2026-12-01')")
    con.execute("INSERT INTO opd VALUES ('DINKES', 'Dinas Kesehatan', 'Dinkes')")
    yield con
    con.close()


def test_the_sums_count_progress_after_six_months_and_the_latest_row_of_a_batch_not_rolled_back(small):
    _add(small, 1, [("A1", "76.04.04.1001", 6, -2.50, -2.20, "berjalan"),   # +0,30 after 6 months: progress
                    ("A2", "76.04.04.1001", 5, -2.50, -1.90, "keluar_stunting"),  # only 5 months: not yet
                    ("A3", "76.04.04.1001", 8, -2.60, -1.95, "keluar_stunting"),  # left stunting
                    ("A4", "76.04.04.1001", 9, -2.60, -2.40, "tetap")])
    first = small.execute("SELECT * FROM v_asuhan_agregat").df().iloc[0]
    assert (first["anak"], first["anak_maju"], first["anak_membaik"], first["anak_keluar"]) == (4, 2, 2, 1)
    assert first["bulan_tersalur"] == 28 and first["rupiah_tersalur"] == 28 * 180000
    _add(small, 2, [("A4", "76.04.04.1001", 10, -2.60, -2.25, "tetap")])  # a later report of A4
    totals = "SELECT CAST(sum(anak) AS INT), CAST(sum(anak_maju) AS INT) FROM v_asuhan_agregat"
    assert small.execute(totals).fetchall() == [(4, 3)]
    assert small.execute("SELECT unggahan, anak FROM v_asuhan_agregat ORDER BY 1").fetchall() == [(1, 3), (2, 1)]
    small.execute("INSERT INTO pembatalan VALUES (2, 'admin', TIMESTAMP '2026-12-02', 'salah')")
    assert small.execute(totals).fetchall() == [(4, 2)]


def _ringkasan(rows):
    columns = reads.RINGKASAN_COLUMNS
    base = dict.fromkeys(columns) | dict.fromkeys(reads.COUNT_COLUMNS, 0) | {"bulan_laporan": date(2025, 10, 1)}
    return pd.DataFrame([base | row for row in rows], columns=columns)


def _kewajiban(rows):
    base = dict.fromkeys(reads.KEWAJIBAN_COLUMNS) | {"jenis_data": "resmi"}
    return pd.DataFrame([base | row for row in rows], columns=reads.KEWAJIBAN_COLUMNS)


def test_official_and_simulated_stay_apart_and_a_commitment_without_data_is_not_zero_delivery():
    summed = _ringkasan([
        {"mitra": 1, "opd": "DINKES", "opd_singkatan": "Dinkes", "kabupaten": "76.04", "nama_kabupaten": "Polman",
         "kecamatan": "76.04.04", "jenis_data": "resmi", "anak": 7, "anak_berjalan": 6, "anak_maju": 2},
        {"mitra": 2, "opd": None, "kabupaten": "76.04", "nama_kabupaten": "Polman", "kecamatan": "76.04.04",
         "jenis_data": "simulasi", "anak": 50, "anak_berjalan": 40, "anak_maju": 9},
        {"mitra": 3, "opd": "DINKES", "opd_singkatan": "Dinkes", "kabupaten": "76.05", "nama_kabupaten": "Majene",
         "kecamatan": "76.05.01", "jenis_data": "resmi", "anak": 3, "anak_berjalan": 0}])
    promised = _kewajiban([
        {"wilayah": "76", "pihak": "ASN Pemprov", "jumlah": 6000, "satuan": "sponsor"},
        {"wilayah": "76.03", "nama_wilayah": "Mamasa", "pihak": "ASN Mamasa", "jumlah": 3000, "satuan": "sponsor"},
        {"wilayah": "76.04", "pihak": "Kepala OPD", "jumlah": 5, "satuan": "anak_per_sponsor"}])
    by_kab = asuh.per_kabupaten(summed, promised).set_index(["kode", "jenis_data"], drop=False)
    assert by_kab.loc[("76.04", "resmi"), "anak"] == 7 and by_kab.loc[("76.04", "simulasi"), "anak"] == 50
    assert by_kab.loc[("76", "resmi"), "anak"] == 10 and by_kab.loc[("76", "resmi"), "komitmen_sponsor"] == 6000
    assert pd.isna(by_kab.loc[("76.04", "resmi"), "komitmen_sponsor"])  # a per-person rule is not a total
    mamasa = by_kab[by_kab["kode"] == "76.03"].iloc[0]
    assert mamasa["komitmen_sponsor"] == 3000 and pd.isna(mamasa["jenis_data"]) and pd.isna(mamasa["anak"])
    assert mamasa["nama"] == "Mamasa"
    by_opd = asuh.per_opd(summed, promised)
    dinkes = by_opd[by_opd["kode"] == "DINKES"].iloc[0]
    assert (dinkes["anak"], dinkes["asuhan_aktif"], dinkes["mitra_aktif"], dinkes["jenis_data"]) == (10, 6, 1, "resmi")
    assert by_opd.iloc[0]["tingkat"] == "provinsi" and by_opd.iloc[0]["komitmen_sponsor"] == 6000
    assert list(asuh.per_kecamatan(summed)["kode"]) == ["76.04.04", "76.04.04", "76.05.01"]


def test_public_sums_hide_every_count_under_five():
    summed = _ringkasan([
        {"mitra": 1, "kabupaten": "76.04", "kecamatan": "76.04.04", "jenis_data": "resmi", "anak": 4,
         "anak_berjalan": 4, "bulan_tersalur": 30, "rupiah_tersalur": 5_400_000, "anak_meninggal": 1},
        {"mitra": 2, "kabupaten": "76.04", "kecamatan": "76.04.05", "jenis_data": "resmi", "anak": 12,
         "anak_berjalan": 0, "bulan_tersalur": 90, "rupiah_tersalur": 16_200_000, "anak_maju": 5}])
    shown = asuh.publik(asuh.per_kecamatan(summed))
    assert list(shown.columns) == asuh.PUBLIC_COLUMNS
    shown = shown.set_index("kode")
    small = shown.loc["76.04.04"]
    assert pd.isna(small["anak"]) and small["anak_disamarkan"] and pd.isna(small["rupiah_tersalur"])
    assert pd.isna(small["anak_meninggal"]) and small["anak_meninggal_disamarkan"] and pd.isna(small["mitra_aktif"])
    large = shown.loc["76.04.05"]
    assert (large["anak"], large["anak_maju"], large["rupiah_tersalur"], large["anak_berjalan"]) == (12, 5, 16_200_000, 0)
    assert not large["anak_disamarkan"] and not large["anak_berjalan_disamarkan"]
    assert large["bulan_tersalur"] == 90 and not large["rupiah_tersalur_disamarkan"]


PUBLIC_READ = """
import sys
from lib.data import asuh as reads
from lib.db.snapshot_reader import reading
from lib.judge import asuh
with reading(sys.argv[1]) as con:
    shown = asuh.publik(asuh.per_kecamatan(reads.ringkasan_asuhan(con)))
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
marks = [c for c in shown.columns if c.endswith("_disamarkan")]
counts = shown[[c.removesuffix("_disamarkan") for c in marks]]
print(len(shown), int(shown[marks].to_numpy().sum()), int(counts.isin([1, 2, 3, 4]).to_numpy().sum()),
      "asuhan" in tables, "anak_ref" in shown.columns)
"""


def test_a_public_process_reads_the_sums_with_small_counts_hidden_and_no_child_row(tiny_db):
    done = subprocess.run([sys.executable, "-c", PUBLIC_READ, str(tiny_db)], cwd=PROJECT_ROOT, timeout=120,
                          env={**os.environ, "MONITOR41_PUBLIC": "1"}, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    rows, hidden, small, has_table, has_ref = done.stdout.split()
    assert int(rows) >= 2 and int(hidden) >= 1 and small == "0" and has_table == "False" and has_ref == "False"


def test_no_hidden_count_follows_by_subtraction_within_a_row_or_from_the_province_total():
    summed = _ringkasan([
        {"mitra": 1, "kabupaten": "76.04", "nama_kabupaten": "Polman", "kecamatan": "76.04.04", "jenis_data": "resmi",
         "anak": 12, "anak_berjalan": 6, "anak_tetap": 5, "anak_meninggal": 1, "bulan_tersalur": 80,
         "rupiah_tersalur": 14_400_000},
        {"mitra": 1, "kabupaten": "76.05", "nama_kabupaten": "Majene", "kecamatan": "76.05.01", "jenis_data": "resmi",
         "anak": 3, "anak_berjalan": 3, "bulan_tersalur": 20, "rupiah_tersalur": 3_600_000},
        {"mitra": 1, "kabupaten": "76.06", "nama_kabupaten": "Mateng", "kecamatan": "76.06.01", "jenis_data": "resmi",
         "anak": 9, "anak_berjalan": 9, "bulan_tersalur": 50, "rupiah_tersalur": 9_000_000}])
    shown = asuh.publik(asuh.per_kabupaten(summed, _kewajiban([]))).set_index("kode")
    polman, majene, mateng, province = (shown.loc[k] for k in ("76.04", "76.05", "76.06", "76"))
    assert polman["anak_meninggal_disamarkan"] and polman["anak_tetap_disamarkan"]  # 12 - 6 - 5 would give 1
    assert polman["anak"] == 12 and not polman["anak_disamarkan"]
    assert majene["anak_disamarkan"] and pd.isna(majene["rupiah_tersalur"])
    assert mateng["anak_disamarkan"] and mateng["rupiah_tersalur_disamarkan"]  # 24 - 12 would give Majene's 3
    assert province["anak"] == 24 and not province["anak_disamarkan"]
    assert (shown["anak_berjalan_disamarkan"] == shown["asuhan_aktif_disamarkan"]).all()
    parts = shown[shown["tingkat"] != "provinsi"]
    for column in asuh.DELIVERY_COLUMNS:  # never exactly one part hidden under a shown total
        assert parts[f"{column}_disamarkan"].sum() != 1, column
    for _, row in parts[~parts["anak_disamarkan"]].iterrows():  # never exactly one outcome hidden in a row
        assert sum(row[f"{c}_disamarkan"] for c in asuh.OUTCOMES) != 1
