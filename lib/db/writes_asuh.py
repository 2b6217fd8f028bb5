"""The write statements of orang tua asuh loads (issue 23): sponsors and sponsorships, inside one
lib.db.writer.writing() block (or the build's connection). Ids are max + 1 read in the same transaction, as in
lib.db.writes; a writer outside the lock that took an id meanwhile turns into BusyError, never a partial write.
"""
from __future__ import annotations

import duckdb
import pandas as pd

from lib.db.errors import CONCURRENT, BusyError

MITRA_COLUMNS = ["nama", "jenis", "opd", "kabupaten", "jenis_data", "unggahan", "dimuat_oleh", "dimuat_pada"]
ASUHAN_COLUMNS = ["mitra", "anak_ref", "desa", "sasaran", "mulai", "bulan_rencana", "rupiah_per_bulan", "saluran",
                  "bulan_tersalur", "zscore_awal", "zscore_akhir", "hasil", "bulan_laporan", "jenis_data",
                  "unggahan", "dimuat_oleh", "dimuat_pada"]


def _append(con, table: str, frame: pd.DataFrame) -> list[int]:
    """Insert frame under the next ids of table; the ids given, in frame order."""
    first_id = con.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchall()[0][0]
    frame = frame.copy()
    frame.insert(0, "id", range(first_id, first_id + len(frame)))
    columns = ", ".join(frame.columns)
    con.register("_asuh_frame", frame)
    try:
        con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _asuh_frame")
    except duckdb.ConstraintException as exc:  # a writer outside this process's lock took the ids meanwhile
        raise BusyError(CONCURRENT) from exc
    finally:
        con.unregister("_asuh_frame")
    return list(frame["id"])


def add_mitra(con, rows: list[tuple]) -> list[int]:
    """Append sponsors, each a tuple in MITRA_COLUMNS order; their new ids."""
    return _append(con, "mitra", pd.DataFrame(rows, columns=MITRA_COLUMNS)) if rows else []


def add_asuhan(con, rows: list[tuple]) -> None:
    """Append sponsorship reports, each a tuple in ASUHAN_COLUMNS order."""
    if rows:
        _append(con, "asuhan", pd.DataFrame(rows, columns=ASUHAN_COLUMNS).astype(
            {"zscore_awal": "float64", "zscore_akhir": "float64"}))
