"""The one door to DuckDB: connect (read-only for the app) and build the database from data/seed.

Usage: python -m lib.db build [--db PATH] [--scale N]
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from lib import config, periods, simulation

SCHEMA_FILE = Path(__file__).with_name("schema.sql")
# Seed rows carry a fixed load time so that two builds of the same seed are identical.
SEED_LOADED_AT = datetime(2026, 11, 28)
SEED_USER = "seed"
PERIOD_YEARS = (2015, 2030)


class DatabaseError(Exception):
    """Base of every error this module raises; its message is for the user, in Bahasa Indonesia."""


class DatabaseMissingError(DatabaseError):
    """The DuckDB file does not exist yet."""


class SeedError(DatabaseError):
    """A seed file is missing or holds a value the data contract refuses."""


@dataclass(frozen=True)
class BuildReport:
    path: Path
    rows: dict[str, int]


def default_path() -> Path:
    """The database path from the MONITOR41_DB setting."""
    return config.get_path("MONITOR41_DB")


def connect(path: Path | str | None = None, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """Open the database; read-only unless asked. Raises DatabaseMissingError with the fix."""
    path = Path(path) if path else default_path()
    if not path.exists():
        raise DatabaseMissingError(
            f"Berkas database {path} belum ada. Bangun dulu dengan `make run` "
            f"atau `python -m lib.db build --db {path}`."
        )
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        raise DatabaseError(f"Database {path} tidak bisa dibuka: {exc}") from exc


def _check_replaceable(path: Path, force: bool) -> None:
    """Refuse to replace a database that is open elsewhere, or that holds uploads, unless forced."""
    if not path.exists():
        return
    try:
        with duckdb.connect(str(path)) as con:
            uploads = con.execute("SELECT count(*) FROM unggahan WHERE dimuat_oleh <> ?", [SEED_USER]).fetchone()[0]
    except duckdb.Error as exc:
        if "lock" in str(exc).lower():
            raise SeedError(f"Database {path} sedang dipakai proses lain (mis. aplikasi); hentikan dulu, lalu "
                            "bangun ulang.") from exc
        return  # not a database of ours (or damaged): nothing of value to protect
    if uploads and not force:
        raise SeedError(f"Database {path} berisi {uploads} unggahan dari OPD; membangun ulang dari benih akan "
                        "menghapusnya. Salin dulu berkasnya, lalu pakai --force bila memang itu maksudnya.")


def build(path: Path | str | None = None, seed_dir: Path | str | None = None,
          scale: int = 0, simulate: bool = True, force: bool = False) -> BuildReport:
    """Build the database from seed files into a temporary file, then move it into place atomically.

    An existing file that holds uploads is only replaced with force=True (it would lose them).
    """
    path = Path(path) if path else default_path()
    seed_dir = Path(seed_dir) if seed_dir else config.get_path("MONITOR41_SEED_DIR")
    if scale < 0:
        raise SeedError("--scale harus bilangan bulat 0 atau lebih.")
    _check_replaceable(path, force)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    _remove_db_files(tmp)
    try:
        with duckdb.connect(str(tmp)) as con:
            con.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
            _load_seed(con, seed_dir)
            if simulate:
                _append_batch(con, simulation.demo_values(con), "simulasi-demo", "simulasi",
                              "Nilai simulasi untuk demo (lib/simulation.py, benih tetap)")
            for round_no, frame in enumerate(simulation.scale_values(con, scale), start=1):
                _append_batch(con, frame, f"simulasi-skala-{round_no}", "simulasi",
                              f"Baris skala benchmark, putaran {round_no} dari {scale}")
            rows = _count_rows(con)
    except duckdb.Error as exc:
        _remove_db_files(tmp)
        raise SeedError(f"Data benih di {seed_dir} ditolak oleh skema database: {exc}") from exc
    except BaseException:
        _remove_db_files(tmp)
        raise
    _remove_db_files(path)
    tmp.replace(path)
    return BuildReport(path=path, rows=rows)


def _remove_db_files(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        candidate.unlink(missing_ok=True)


def read_seed(seed_dir: Path, name: str, numeric: tuple[str, ...] = ()) -> pd.DataFrame:
    """Read one seed CSV as text (empty cells become NULL), converting the named columns to numbers."""
    file = seed_dir / f"{name}.csv"
    if not file.exists():
        raise SeedError(f"Berkas benih {file} tidak ada.")
    frame = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8")
    frame = frame.apply(lambda col: col.str.strip()).replace("", None)
    for column in numeric:
        converted = pd.to_numeric(frame[column], errors="coerce")
        bad = converted.isna() & frame[column].notna()
        if bad.any():
            line = int(bad.idxmax()) + 2  # header is line 1
            raise SeedError(f"{file.name} baris {line}: kolom {column} berisi "
                            f"'{frame.at[bad.idxmax(), column]}', bukan angka (pakai titik desimal).")
        frame[column] = converted
    return frame


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    columns = ", ".join(frame.columns)
    con.register("_frame", frame)
    try:
        con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _frame")
    except duckdb.Error as exc:
        raise SeedError(f"Tabel {table}: {exc}") from exc
    finally:
        con.unregister("_frame")


def _load_seed(con: duckdb.DuckDBPyConnection, seed_dir: Path) -> None:
    wilayah = read_seed(seed_dir, "wilayah")
    # One level at a time, parents first: the self-reference kode_induk -> kode must find its row.
    for level in ("provinsi", "kabupaten", "kecamatan", "desa"):
        _insert(con, "wilayah", wilayah[wilayah["level"] == level])
    _insert(con, "opd", read_seed(seed_dir, "opd"))
    _insert(con, "isu", read_seed(seed_dir, "isu"))
    _insert(con, "indikator", read_seed(seed_dir, "indikator"))
    _insert(con, "periode", _period_frame())
    _insert(con, "target", read_seed(seed_dir, "target", numeric=("nilai", "nilai_atas")))
    _insert(con, "penanggung_jawab", read_seed(seed_dir, "penanggung_jawab"))
    tindakan = read_seed(seed_dir, "tindakan", numeric=("jumlah",))
    _insert(con, "tindakan", tindakan.assign(id=range(1, len(tindakan) + 1)))
    official = read_seed(seed_dir, "capaian_resmi", numeric=("nilai",))
    _check_choices(official)
    # Comparison values go in first so that the chosen (utama) value is the latest, hence current.
    for choice, label in (("pembanding", "pembanding"), ("utama", "resmi")):
        rows = official[official["pilihan"] == choice].drop(columns="pilihan")
        _append_batch(con, rows, f"capaian_resmi.csv ({label})", "resmi",
                      f"Angka terbitan resmi dari data/seed/capaian_resmi.csv, pilihan {choice}")


def _check_choices(official: pd.DataFrame) -> None:
    bad_choice = ~official["pilihan"].isin(["utama", "pembanding"])
    if bad_choice.any():
        line = int(bad_choice.idxmax()) + 2
        raise SeedError(f"capaian_resmi.csv baris {line}: pilihan harus 'utama' atau 'pembanding'.")
    key = ["indikator", "wilayah", "periode"]
    chosen = official[official["pilihan"] == "utama"]
    doubled = chosen[chosen.duplicated(key, keep=False)]
    if not doubled.empty:
        first = doubled.iloc[0]
        raise SeedError(f"capaian_resmi.csv: lebih dari satu nilai 'utama' untuk {first['indikator']} "
                        f"{first['wilayah']} {first['periode']}; pilih satu, tandai lainnya 'pembanding'.")
    orphans = official[official["pilihan"] == "pembanding"].merge(chosen[key], on=key, how="left",
                                                                 indicator=True)
    orphans = orphans[orphans["_merge"] == "left_only"]
    if not orphans.empty:
        first = orphans.iloc[0]
        raise SeedError(f"capaian_resmi.csv: nilai 'pembanding' {first['indikator']} {first['wilayah']} "
                        f"{first['periode']} tidak punya nilai 'utama'.")


def _period_frame() -> pd.DataFrame:
    rows = [(p.kode, p.jenis, p.mulai, p.akhir, p.label_id, p.label_en) for p in periods.periods_between(*PERIOD_YEARS)]
    return pd.DataFrame(rows, columns=["kode", "jenis", "mulai", "akhir", "label", "label_en"])


def _append_batch(con: duckdb.DuckDBPyConnection, values: pd.DataFrame, file_name: str, jenis: str,
                  note: str) -> None:
    """Append values as one unggahan batch with the seed's user and load time."""
    if values.empty:
        return
    batch_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM unggahan").fetchone()[0]
    columns = ["indikator", "wilayah", "periode", "nilai", "sumber", "url", "catatan"]
    values = values.reindex(columns=columns)
    digest = hashlib.sha256(values.to_csv(index=False).encode("utf-8")).hexdigest()
    con.execute("INSERT INTO unggahan VALUES (?, ?, ?, ?, ?, ?, ?)",
                [batch_id, file_name, digest, SEED_USER, SEED_LOADED_AT, len(values), note])
    _insert(con, "capaian", values.assign(jenis=jenis, dimuat_oleh=SEED_USER,
                                          dimuat_pada=SEED_LOADED_AT, unggahan=batch_id))


def _count_rows(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    tables = ["wilayah", "opd", "isu", "indikator", "periode", "target", "capaian", "unggahan",
              "penanggung_jawab", "tindakan"]
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    counts["v_capaian"] = con.execute("SELECT count(*) FROM v_capaian").fetchone()[0]
    return counts


def main(argv: list[str] | None = None) -> int:
    """Command line: `python -m lib.db build [--db PATH] [--scale N]`."""
    parser = argparse.ArgumentParser(prog="python -m lib.db", description="Bangun database Monitor 4+1.")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="bangun database dari data/seed")
    build_cmd.add_argument("--db", type=Path, default=None, help="berkas tujuan (bawaan: MONITOR41_DB)")
    build_cmd.add_argument("--scale", type=int, default=0,
                           help="tambah N kali volume demo sebagai baris simulasi tingkat desa")
    build_cmd.add_argument("--force", action="store_true",
                           help="ganti juga database yang sudah berisi unggahan OPD (unggahan itu hilang)")
    args = parser.parse_args(argv)
    try:
        report = build(args.db, scale=args.scale, force=args.force)
    except DatabaseError as exc:
        print(f"Gagal: {exc}", file=sys.stderr)
        return 1
    summary = ", ".join(f"{table} {count:,}".replace(",", ".") for table, count in report.rows.items())
    print(f"Database dibangun: {report.path}\n{summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
