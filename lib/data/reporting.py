"""What has been reported, as the data-quality rules (lib.judge.quality) read it: the indicator registry, the
current values per level, and the short names of the reporting wilayah."""
from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from lib.data.queries import ISU_ORDER

REPORTING_LEVELS = ("provinsi", "kabupaten")
_SHORT = "regexp_replace({}.nama, '^Kabupaten ', '')"


def indicator_registry(con: duckdb.DuckDBPyConnection, opd: str | None = None) -> pd.DataFrame:
    """Indicators with their isu and coordinating OPD (optionally of one OPD), in isu order."""
    return con.execute("""
        SELECT ind.kode AS indikator, ind.nama AS nama_indikator,
               coalesce(ind.nama_en, ind.nama) AS nama_indikator_en, ind.isu, ind.satuan, ind.periodisitas,
               i.opd_koordinator AS opd, o.singkatan AS opd_singkatan
        FROM indikator AS ind JOIN isu AS i ON i.kode = ind.isu JOIN opd AS o ON o.kode = i.opd_koordinator
        WHERE ? IS NULL OR i.opd_koordinator = ?
        ORDER BY array_position(?, ind.isu), ind.kode
    """, [opd, opd, list(ISU_ORDER)]).df()


def current_values(con: duckdb.DuckDBPyConnection, today: date, levels: tuple[str, ...]) -> pd.DataFrame:
    """Current values of wilayah of the given levels, for periods ended before today."""
    return con.execute(f"""
        SELECT v.indikator, v.wilayah, {_SHORT.format('w')} AS nama_wilayah, w.level, w.kode_induk AS induk,
               {_SHORT.format('i')} AS nama_induk, v.periode, p.jenis AS jenis_periode, p.mulai,
               p.akhir AS tanggal, v.nilai, v.jenis, v.sumber
        FROM v_capaian AS v JOIN periode AS p ON p.kode = v.periode JOIN wilayah AS w ON w.kode = v.wilayah
        LEFT JOIN wilayah AS i ON i.kode = w.kode_induk
        WHERE list_contains(?, w.level) AND p.akhir < ?
    """, [list(levels), today]).df()


def wilayah_names(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Short names of the province and the kabupaten, keyed by code."""
    return con.execute(f"SELECT kode AS wilayah, {_SHORT.format('w')} AS nama_wilayah FROM wilayah AS w "
                       "WHERE list_contains(?, level)", [list(REPORTING_LEVELS)]).df()
