"""Building the record from data/seed: into a temporary file, then moved into place under the writer lock.

Command: python -m lib.db build [--force] [--scale N].

One build of a record at a time: a build holds `<record>.build.lock` (an flock, lib.db.lock) from start to
end; a second build waits for it up to MONITOR41_WRITE_WAIT seconds, then refuses with a message. Each
build writes its own temporary file (`<record>.tmp-bangun-<pid>-<random>`), removed when it fails; files
of that pattern left by a build that was killed are removed by the next build.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from lib import config
from lib.db import lock, migrate, record, seed, simulation, simulation_asuh
from lib.db.connect import default_path
from lib.db.errors import BusyError, SeedError
from lib.db.seed import read_seed
from lib.text import periods

SCHEMA_FILE = Path(__file__).with_name("schema.sql")
PERIOD_YEARS = (2015, 2030)
TMP_MARK = ".tmp-bangun-"


@dataclass(frozen=True)
class BuildReport:
    path: Path
    rows: dict[str, int]
    kept_copy: Path | None = None  # the verified copy of the file replaced (--force)


def build_record(path: Path | str | None = None, seed_dir: Path | str | None = None,
          scale: int = 0, simulate: bool = True, force: bool = False) -> BuildReport:
    """Build the record from seed files into a temporary file, then move it into place under the writer lock.

    An existing file is replaced only when it provably holds no user data (checked before building and again
    under the lock, right before the move), or with force=True, which first keeps a verified copy of it.
    """
    path = Path(path) if path else default_path()
    seed_dir = Path(seed_dir) if seed_dir else config.get_path("MONITOR41_SEED_DIR")
    if scale < 0:
        raise SeedError("--scale harus bilangan bulat 0 atau lebih.")
    if not force:
        record.refuse_if_user_data(path, "membangun ulang dari benih")  # fail fast; checked again under the lock
    path.parent.mkdir(parents=True, exist_ok=True)
    with _one_build(path):
        for stale in path.parent.glob(f"{path.name}{TMP_MARK}*"):  # left by a build that was killed
            stale.unlink(missing_ok=True)
        tmp = path.with_name(f"{path.name}{TMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")
        try:
            rows = _build_file(tmp, seed_dir, scale, simulate)
            kept = record.replace(path, tmp, force)
        finally:
            _remove_db_files(tmp)
    return BuildReport(path=path, rows=rows, kept_copy=kept)


@contextlib.contextmanager
def _one_build(path: Path) -> Iterator[None]:
    """Hold the record's build lock (<record>.build.lock); BusyError after MONITOR41_WRITE_WAIT seconds."""
    fd = lock.try_acquire(record.build_key(path), lock.wait_seconds())
    if fd is None:
        raise BusyError(f"Database {path} sedang dibangun oleh proses lain; tunggu sampai selesai, lalu coba "
                        "lagi. Tidak ada yang diubah.")
    try:
        yield
    finally:
        os.close(fd)


def _build_file(tmp: Path, seed_dir: Path, scale: int, simulate: bool) -> dict[str, int]:
    try:
        with duckdb.connect(str(tmp)) as con:
            con.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
            migrate.stamp(con, record.SEED_LOADED_AT)
            _load_seed(con, seed_dir)
            if simulate:
                _append_batch(con, simulation.demo_values(con), "simulasi-demo", "simulasi",
                              "Nilai simulasi untuk demo (lib/db/simulation.py, benih tetap)")
                demo_batch = con.execute("SELECT max(id) FROM unggahan WHERE nama_berkas = 'simulasi-demo'").fetchone()[0]
                simulation_asuh.insert_demo(con, record.SEED_USER, record.SEED_LOADED_AT, demo_batch)
            for round_no, frame in enumerate(simulation.scale_values(con, scale), start=1):
                _append_batch(con, frame, f"simulasi-skala-{round_no}", "simulasi",
                              f"Baris skala benchmark, putaran {round_no} dari {scale}")
            return _count_rows(con)
    except duckdb.Error as exc:
        raise SeedError(f"Data benih di {seed_dir} ditolak oleh skema database: {exc}") from exc


def _remove_db_files(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        candidate.unlink(missing_ok=True)


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
    if (seed_dir / "putus_seri.csv").exists():  # optional: a seed without series breaks has none
        _insert(con, "putus_seri", read_seed(seed_dir, "putus_seri"))
    _insert(con, "penanggung_jawab", read_seed(seed_dir, "penanggung_jawab"))
    tindakan = read_seed(seed_dir, "tindakan", numeric=("jumlah",))
    _insert(con, "tindakan", tindakan.assign(id=range(1, len(tindakan) + 1), dimuat_oleh=record.SEED_USER,
                                             dimuat_pada=record.SEED_LOADED_AT))
    _insert(con, "apel", read_seed(seed_dir, "apel").assign(dicatat_oleh=record.SEED_USER,
                                                            dicatat_pada=record.SEED_LOADED_AT))
    if (seed_dir / "kewajiban.csv").exists():  # optional: the published orang tua asuh commitments
        _insert(con, "kewajiban", seed.kewajiban(seed_dir))
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


def period_frame(first_year: int, last_year: int) -> pd.DataFrame:
    """The periode rows of first_year..last_year: every measured period, then every announcement day."""
    every = [*periods.periods_between(first_year, last_year), *periods.announced_periods(first_year, last_year)]
    rows = [(p.kode, p.jenis, p.mulai, p.akhir, p.label_id, p.label_en) for p in every]
    return pd.DataFrame(rows, columns=["kode", "jenis", "mulai", "akhir", "label", "label_en"])


def _period_frame() -> pd.DataFrame:
    return period_frame(*PERIOD_YEARS)


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
                [batch_id, file_name, digest, record.SEED_USER, record.SEED_LOADED_AT, len(values), note])
    _insert(con, "capaian", values.assign(jenis=jenis, dimuat_oleh=record.SEED_USER,
                                          dimuat_pada=record.SEED_LOADED_AT, unggahan=batch_id))


def _count_rows(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    tables = ["wilayah", "opd", "isu", "indikator", "periode", "target", "capaian", "unggahan",
              "penanggung_jawab", "tindakan", "apel"]
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    counts["v_capaian"] = con.execute("SELECT count(*) FROM v_capaian").fetchone()[0]
    return counts
