"""Schema versions of the record: the version stored in the file and the numbered steps that upgrade it.

lib/db/schema.sql always builds the latest schema. A record from an earlier release is brought up to date by
`python -m lib.db migrate`, which applies, in one transaction, every step whose number is above the
record's version and notes each in the table `skema_versi`.

Version 1 is the schema without `skema_versi` (release b515b1e). To change the schema: edit schema.sql
AND append a Step here whose `version` is the next number and whose SQL turns version N-1 into N (e.g.
`ALTER TABLE target ADD COLUMN dasar VARCHAR`). tests/lib/test_migrate.py checks that a version-1 file,
migrated, has the same tables and columns as a fresh build.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from lib import config
from lib.db import seed
from lib.db.errors import DatabaseError, SchemaError
from lib.text import periods


@dataclass(frozen=True)
class Step:
    version: int  # the version this step produces
    description: str  # Indonesian, stored in skema_versi.keterangan
    sql: str
    fill: Callable[[duckdb.DuckDBPyConnection], None] | None = None  # fills new reference data after the SQL


_RELEASE_2_SQL = """
    ALTER TABLE isu ADD COLUMN nama_en VARCHAR;
    ALTER TABLE indikator ADD COLUMN nama_en VARCHAR;
    ALTER TABLE indikator ADD COLUMN satuan_en VARCHAR;
    ALTER TABLE indikator ADD COLUMN definisi_en VARCHAR;
    ALTER TABLE periode ADD COLUMN label_en VARCHAR;

    -- Tables are recreated under their own name (never created as x_baru and renamed): DuckDB keeps a renamed
    -- table's old name in the referenced table's key list until the file is reopened, so a later step in the
    -- same transaction could not drop periode (version 4).
    DROP TABLE target;
    CREATE TABLE target (
        indikator   VARCHAR NOT NULL REFERENCES indikator (kode),
        wilayah     VARCHAR NOT NULL REFERENCES wilayah (kode),
        periode     VARCHAR NOT NULL REFERENCES periode (kode),
        nilai       DOUBLE NOT NULL,
        nilai_atas  DOUBLE,
        lingkup     VARCHAR NOT NULL DEFAULT 'daerah' CHECK (lingkup IN ('daerah', 'nasional')),
        sumber      VARCHAR NOT NULL CHECK (trim(sumber) <> ''),
        url         VARCHAR,
        catatan     VARCHAR,
        dasar       VARCHAR NOT NULL CHECK (dasar IN ('peraturan', 'dokumen', 'pernyataan')),
        rujukan     VARCHAR NOT NULL CHECK (trim(rujukan) <> ''),
        PRIMARY KEY (indikator, wilayah, periode, lingkup)
    );

    CREATE TABLE putus_seri (
        indikator   VARCHAR NOT NULL REFERENCES indikator (kode),
        wilayah     VARCHAR NOT NULL REFERENCES wilayah (kode),
        periode     VARCHAR NOT NULL REFERENCES periode (kode),
        keterangan  VARCHAR NOT NULL,
        sumber      VARCHAR NOT NULL,
        PRIMARY KEY (indikator, wilayah, periode)
    );

    CREATE TEMP TABLE _tindakan_lama AS SELECT * FROM tindakan;
    DROP TABLE tindakan;
    CREATE TABLE tindakan (
        id        BIGINT PRIMARY KEY,
        isu       VARCHAR REFERENCES isu (kode),
        opd       VARCHAR REFERENCES opd (kode),
        wilayah   VARCHAR NOT NULL REFERENCES wilayah (kode),
        periode   VARCHAR NOT NULL REFERENCES periode (kode),
        judul     VARCHAR NOT NULL,
        uraian    VARCHAR,
        jumlah    DOUBLE,
        satuan    VARCHAR,
        sumber    VARCHAR NOT NULL,
        url       VARCHAR,
        dimuat_oleh  VARCHAR NOT NULL,
        dimuat_pada  TIMESTAMP NOT NULL,
        unggahan     BIGINT REFERENCES unggahan (id)
    );
    -- Release-1 actions all came from the seed: loaded by 'seed' when the record was built.
    INSERT INTO tindakan
    SELECT t.*, 'seed', (SELECT coalesce(min(dimuat_pada), TIMESTAMP '2026-11-28') FROM unggahan), NULL
    FROM _tindakan_lama AS t;
    DROP TABLE _tindakan_lama;

    CREATE TABLE apel (
        tanggal       DATE NOT NULL,
        nama          VARCHAR NOT NULL CHECK (trim(nama) <> ''),
        tempat        VARCHAR,
        catatan       VARCHAR,
        sumber        VARCHAR,
        url           VARCHAR,
        dicatat_oleh  VARCHAR NOT NULL,
        dicatat_pada  TIMESTAMP NOT NULL,
        PRIMARY KEY (tanggal, nama)
    );

    CREATE VIEW v_tindakan AS
    SELECT * FROM tindakan WHERE unggahan IS NULL OR unggahan NOT IN (SELECT unggahan FROM pembatalan);
"""


def _insert_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    columns = ", ".join(frame.columns)
    con.register("_seed_frame", frame)
    try:
        con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _seed_frame")
    finally:
        con.unregister("_seed_frame")


def _fill_release_2(con: duckdb.DuckDBPyConnection) -> None:
    """Reference data of release 2 from data/seed: English names, English period labels, targets with their
    basis (targets are reference data from published sources, never uploaded, so the seed's set replaces the
    release-1 set, which had no basis), series breaks and the sourced apel dates."""
    seed_dir = config.get_path("MONITOR41_SEED_DIR")
    for table, columns in (("isu", ("nama_en",)), ("indikator", ("nama_en", "satuan_en", "definisi_en"))):
        frame = seed.read_seed(seed_dir, table)
        present = [c for c in columns if c in frame.columns]  # an older seed may lack some English columns
        if present:
            assignments = ", ".join(f"{c} = ?" for c in present)
            con.executemany(f"UPDATE {table} SET {assignments} WHERE kode = ?",
                            frame[[*present, "kode"]].astype(object).where(frame[[*present, "kode"]].notna(),
                                                                           None).values.tolist())
    codes = [row[0] for row in con.execute("SELECT kode FROM periode").fetchall()]
    con.executemany("UPDATE periode SET label_en = ? WHERE kode = ?",
                    [[periods.parse_period(code).label_en, code] for code in codes])
    _insert_frame(con, "target", seed.read_seed(seed_dir, "target", numeric=("nilai", "nilai_atas")))
    if (seed_dir / "putus_seri.csv").exists():
        _insert_frame(con, "putus_seri", seed.read_seed(seed_dir, "putus_seri"))
    built = con.execute("SELECT coalesce(min(dimuat_pada), TIMESTAMP '2026-11-28') FROM unggahan").fetchall()[0][0]
    apel = seed.read_seed(seed_dir, "apel").drop(columns=["jam"], errors="ignore")  # jam: version 4
    _insert_frame(con, "apel", apel.assign(dicatat_oleh="seed", dicatat_pada=built))


# ---- Version 4 (issue 18 item 5): the apel is a moment, its date and its time ------------------------------
# `jam` is the hour the apel began, on the same clock as unggahan.dimuat_pada (the server's local time, naive);
# "since the apel" means loaded strictly after tanggal + jam. Rows recorded before this version have no
# hour: jam stays NULL and is read as lib.data.apel.DEFAULT_JAM (08:00), the screens saying it was not
# recorded; a seeded apel whose hour the seed knows gets it from data/seed/apel.csv.
_APEL_TIME_SQL = "ALTER TABLE apel ADD COLUMN jam TIME;"


def _fill_apel_time(con: duckdb.DuckDBPyConnection) -> None:
    """The hour of each seeded apel whose hour the seed records (data/seed/apel.csv, column jam)."""
    frame = seed.read_seed(config.get_path("MONITOR41_SEED_DIR"), "apel")
    if "jam" not in frame.columns:
        return
    known = frame[frame["jam"].notna()]
    con.executemany("UPDATE apel SET jam = CAST(? AS TIME) WHERE tanggal = CAST(? AS DATE) AND nama = ? "
                    "AND dicatat_oleh = 'seed'", known[["jam", "tanggal", "nama"]].values.tolist())
# ---- end of version 4 ---------------------------------------------------------------------------------------


# --- Periods as measured (issue 18): the announcement-day periode jenis, and the seed rows re-keyed. ---------------
# The seed's values whose period code changed to the period measured (Susenas March/September, BPS extreme poverty
# in March, Dinsos data per month) or, when the data year is unknown, to the day it was announced. An upgraded
# record re-keys its own seed rows (dimuat_oleh 'seed') the same way; OPD uploads are never touched.
MEASURED_PERIODS: tuple[tuple[str, str, str, str], ...] = (
    *((ind, "76", old, new) for ind, old, new in (
        ("ATS-DATA", "2023-07", "2023-07-21-diumumkan"), ("ATS-DATA", "2023-08", "2023-08-20-diumumkan"),
        ("KE-EKSTREM", "2022", "2022-03"), ("KE-EKSTREM", "2023", "2023-03"), ("KE-EKSTREM", "2024", "2024-03"),
        ("KE-JIWA", "2022", "2023-03-10-diumumkan"), ("KE-JIWA", "2023", "2023-03"),
        ("KE-MISKIN-JIWA", "2019-S1", "2019-03"), ("KE-MISKIN-JIWA", "2020-S1", "2020-03"),
        ("KE-MISKIN-JIWA", "2022-S2", "2022-09"), ("KE-MISKIN-JIWA", "2024-S1", "2024-03"),
        ("KE-MISKIN-JIWA", "2024-S2", "2024-09"), ("KE-MISKIN-JIWA", "2025-S1", "2025-03"),
        ("KE-MISKIN-JIWA", "2025-S2", "2025-09"),
        ("KE-P0", "2022-S2", "2022-09"), ("KE-P0", "2023-S1", "2023-03"), ("KE-P0", "2024-S1", "2024-03"),
        ("KE-P0", "2024-S2", "2024-09"), ("KE-P0", "2025-S1", "2025-03"), ("KE-P0", "2025-S2", "2025-09"),
        ("KE-P0-DESA", "2023-S1", "2023-03"), ("KE-P0-DESA", "2024-S1", "2024-03"),
        ("KE-P0-DESA", "2025-S1", "2025-03"), ("KE-P0-DESA", "2025-S2", "2025-09"),
        ("KE-P0-KOTA", "2023-S1", "2023-03"), ("KE-P0-KOTA", "2024-S1", "2024-03"),
        ("KE-P0-KOTA", "2025-S1", "2025-03"), ("KE-P0-KOTA", "2025-S2", "2025-09"),
        ("KE-P1", "2025-S1", "2025-03"), ("KE-P2", "2025-S1", "2025-03"),
    )),
    *(("KE-JIWA", wil, "2024", "2024-03") for wil in ("76", "76.01", "76.02", "76.03", "76.04", "76.05", "76.06")),
    *(("KE-KK", wil, "2023", "2023-12") for wil in ("76.01", "76.02", "76.03", "76.04", "76.05", "76.06")),
    *(("KE-KK", wil, "2023", "2023-07") for wil in ("76.01.01", "76.01.02")),
    *(("KE-MISKIN-JIWA", wil, "2021-S1", "2021-03")
      for wil in ("76", "76.01", "76.02", "76.03", "76.04", "76.05", "76.06")),
    *(("KE-P0", wil, f"{year}-S1", f"{year}-03") for wil, year in (
        ("76.01", 2022), ("76.03", 2017), ("76.03", 2018), ("76.03", 2021), ("76.03", 2022), ("76.04", 2021),
        ("76.04", 2022), ("76.04", 2024), ("76.04", 2025), ("76.05", 2022))),
    *(("PA-PROP-BKKBN", wil, "2023", "2023-09-01-diumumkan")
      for wil in ("76", "76.01", "76.02", "76.03", "76.04", "76.05", "76.06")),
    *(("ST-KELUARGA-SASARAN", wil, "2023-02", "2023-02-23-diumumkan")
      for wil in ("76.01", "76.02", "76.03", "76.04", "76.05", "76.06")),
)

_PERIODE_SQL = """
    CREATE TABLE periode (
        kode    VARCHAR PRIMARY KEY,
        jenis   VARCHAR NOT NULL
            CHECK (jenis IN ('tahun', 'semester', 'triwulan', 'bulan', 'minggu', 'diumumkan')),
        mulai   DATE NOT NULL,
        akhir   DATE NOT NULL,
        label   VARCHAR NOT NULL,
        label_en VARCHAR
    )"""


def _rebuild_periode(con: duckdb.DuckDBPyConnection) -> None:
    """Widen periode.jenis to allow 'diumumkan'. DuckDB cannot alter a CHECK, nor drop a table other tables
    reference, so the views and the tables referencing periode are set aside (their own stored DDL, whatever
    columns other steps gave them), periode is created anew, and everything is put back row for row."""
    views = con.execute("SELECT view_name, sql FROM duckdb_views() WHERE NOT internal "
                        "AND database_name = current_database() ORDER BY view_oid").fetchall()
    tables = con.execute("SELECT table_name, sql FROM duckdb_tables() WHERE database_name = current_database() "
                         "ORDER BY table_oid").fetchall()
    dependents = [(name, sql) for name, sql in tables
                  if name != "periode" and "REFERENCES periode(" in sql.replace(" (", "(")]
    for name, _ in reversed(views):
        con.execute(f"DROP VIEW {name}")
    for name, _ in [*dependents, ("periode", "")]:
        con.execute(f"CREATE TEMP TABLE _lama_{name} AS SELECT * FROM {name}")
        con.execute(f"DROP TABLE {name}")
    con.execute(_PERIODE_SQL)
    for name, sql in [("periode", ""), *dependents]:
        if sql:
            con.execute(sql)
        con.execute(f"INSERT INTO {name} SELECT * FROM _lama_{name}")
        con.execute(f"DROP TABLE _lama_{name}")
    for _, sql in views:
        con.execute(sql)


def _fill_measured_periods(con: duckdb.DuckDBPyConnection) -> None:
    """Announcement-day periods for the record's years, then the seed rows re-keyed to the period measured."""
    _rebuild_periode(con)
    first, last = con.execute("SELECT min(year(mulai)), max(year(akhir)) FROM periode").fetchall()[0]
    if first is not None:
        frame = pd.DataFrame([(p.kode, p.jenis, p.mulai, p.akhir, p.label_id, p.label_en)
                              for p in periods.announced_periods(first, last)],
                             columns=["kode", "jenis", "mulai", "akhir", "label", "label_en"])
        _insert_frame(con, "periode", frame)
    con.executemany("UPDATE capaian SET periode = ? WHERE indikator = ? AND wilayah = ? AND periode = ? "
                    "AND dimuat_oleh = 'seed' AND jenis = 'resmi' AND ? IN (SELECT kode FROM periode)",
                    [[new, ind, wil, old, new] for ind, wil, old, new in MEASURED_PERIODS])


# ---- Version 6 (issue 21): catatan sel, notes pinned to a cell and what happened to them since -------------
def _catatan_sql() -> str:
    """The two note tables exactly as schema.sql creates them (one text, so the two never differ)."""
    schema = (Path(__file__).with_name("schema.sql")).read_text(encoding="utf-8")
    start = schema.index("CREATE TABLE catatan (")
    end = schema.index(");", schema.index("CREATE TABLE catatan_peristiwa (")) + 2
    return schema[start:end]
# ---- end of version 6 ---------------------------------------------------------------------------------------


# ---- Version 7 (issue 22): kirim, subscriptions to briefings and their outbox --------------------------------
def _kirim_sql() -> str:
    """The two kirim tables exactly as schema.sql creates them."""
    schema = (Path(__file__).with_name("schema.sql")).read_text(encoding="utf-8")
    start = schema.index("CREATE TABLE langganan (")
    end = schema.index(");", schema.index("CREATE TABLE kiriman (")) + 2
    return schema[start:end]
# ---- end of version 7 ---------------------------------------------------------------------------------------


# ---- Version 8 (issue 23): orang tua asuh, sponsors, sponsorships, commitments ------------------------------
def _asuh_sql() -> str:
    """The three orang tua asuh tables and their aggregate view exactly as schema.sql creates them."""
    schema = (Path(__file__).with_name("schema.sql")).read_text(encoding="utf-8")
    start = schema.index("CREATE TABLE mitra (")
    end = schema.index(";", schema.index("CREATE VIEW v_asuhan_agregat AS")) + 1
    return schema[start:end]


def _fill_kewajiban(con: duckdb.DuckDBPyConnection) -> None:
    """The published commitments of data/seed/kewajiban.csv (reference data, like targets)."""
    seed_dir = config.get_path("MONITOR41_SEED_DIR")
    if (seed_dir / "kewajiban.csv").exists():
        _insert_frame(con, "kewajiban", seed.kewajiban(seed_dir))
# ---- end of version 8 ---------------------------------------------------------------------------------------


STEPS: tuple[Step, ...] = (
    Step(2, "versi skema dicatat di tabel skema_versi", """
        CREATE TABLE IF NOT EXISTS skema_versi (
            versi          INTEGER PRIMARY KEY,
            dipasang_pada  TIMESTAMP NOT NULL,
            keterangan     VARCHAR NOT NULL
        )"""),
    Step(3, "rilis 2: dasar target, putus seri, apel, tindakan dari unggahan, nama dan periode berbahasa Inggris",
         _RELEASE_2_SQL, _fill_release_2),
    Step(4, "apel dengan jam: titik banding 'sejak apel' adalah tanggal dan jam apel", _APEL_TIME_SQL,
         _fill_apel_time),
    # Periods as measured (issue 18); the apel step of the same issue is a separate block.
    Step(5, "periode sesuai yang diukur: jenis 'diumumkan' untuk nilai tanpa tahun data, benih dipindah ke "
            "periode yang diukur (Susenas Maret/September)", "", _fill_measured_periods),
    Step(6, "catatan sel: pertanyaan, penjelasan, komitmen dan koreksi pada sel, dengan riwayatnya", _catatan_sql()),
    Step(7, "kirim: langganan ringkasan dan kotak keluar pengirimannya", _kirim_sql()),
    Step(8, "orang tua asuh: mitra, asuhan anak dan kewajiban yang diumumkan", _asuh_sql(), _fill_kewajiban),
)
LATEST = STEPS[-1].version
BUILT_NOTE = "dibangun dari benih"


def _has_table(con, name: str) -> bool:
    return con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
                       "AND table_name = ?", [name]).fetchone()[0] > 0


def version_of(con: duckdb.DuckDBPyConnection) -> int | None:
    """The record's schema version: skema_versi's highest, 1 for a record without it, None if not ours."""
    if _has_table(con, "skema_versi"):
        return con.execute("SELECT coalesce(max(versi), 1) FROM skema_versi").fetchone()[0]
    return 1 if _has_table(con, "unggahan") and _has_table(con, "capaian") else None


def stamp(con: duckdb.DuckDBPyConnection, when: datetime) -> None:
    """Note in a freshly built record that it holds the latest schema."""
    con.execute("INSERT INTO skema_versi VALUES (?, ?, ?)", [LATEST, when, BUILT_NOTE])


def require_current(con: duckdb.DuckDBPyConnection, path: Path | str) -> None:
    """SchemaError with the fix unless the file holds this code's schema version."""
    version = version_of(con)
    if version is None:
        raise DatabaseError(f"Berkas {path} bukan database Monitor 4+1 (tabel unggahan/capaian tidak ada). "
                            "Periksa MONITOR41_DB, atau bangun database dengan `python -m lib.db build`.")
    if version < LATEST:
        raise SchemaError(f"Database {path} memakai skema versi {version} dari rilis sebelumnya; aplikasi ini "
                          f"memerlukan versi {LATEST}. Perbarui dengan `.venv/bin/python -m lib.db migrate` "
                          "(salinan cadangan dibuat otomatis), lalu muat ulang halaman.")
    if version > LATEST:
        raise SchemaError(f"Database {path} memakai skema versi {version}, lebih baru dari aplikasi ini (versi "
                          f"{LATEST}). Perbarui aplikasinya (git pull), jangan database-nya.")


def pending(version: int) -> list[Step]:
    """The steps a record of this version still needs, in order."""
    return [step for step in STEPS if step.version > version]


def upgrade(con: duckdb.DuckDBPyConnection, path: Path | str) -> tuple[int, int]:
    """Apply the pending steps in one transaction; returns (version before, version after)."""
    before = version_of(con)
    if before is None:
        require_current(con, path)  # raises: not a record of ours
    if before > LATEST:
        require_current(con, path)
    steps = pending(before)
    if not steps:
        return before, before
    con.execute("BEGIN TRANSACTION")
    try:
        for step in steps:
            if step.sql.strip():
                con.execute(step.sql)
            if step.fill:
                step.fill(con)
            con.execute("INSERT INTO skema_versi VALUES (?, ?, ?)",
                        [step.version, datetime.now().replace(microsecond=0), step.description])
        con.execute("COMMIT")
    except (duckdb.Error, DatabaseError) as exc:
        con.execute("ROLLBACK")
        raise DatabaseError(f"Pembaruan skema {path} gagal pada langkah ke versi {step.version} "
                            f"({step.description}); database tidak diubah.") from exc
    return before, steps[-1].version
