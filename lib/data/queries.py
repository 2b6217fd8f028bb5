"""One function per question the screens ask, named for its answer. All read SQL lives here.

Each function takes a DuckDB connection or cursor and plain parameters (never formatted into SQL), and
returns a small DataFrame: aggregation happens in DuckDB, so pages and charts get small frames.
"""
from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

ISU_ORDER = ("KE", "ST", "ATS", "PA", "INF")
FAR_FUTURE = date(9999, 12, 31)

# Short display name of a wilayah: "Kabupaten Majene" -> "Majene".
_SHORT_NAME = "regexp_replace(w.nama, '^Kabupaten ', '')"


def _df(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pd.DataFrame:
    return con.execute(sql, params or []).df()


def isu_overview(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The five isu with their coordinating OPD and how many indicators and current values each has."""
    return _df(con, """
        SELECT * FROM (
            SELECT i.kode, i.nama, i.nama_en, o.nama AS opd_koordinator, o.singkatan AS opd_singkatan,
                   count(DISTINCT ind.kode) AS jumlah_indikator,
                   count(v.nilai) FILTER (WHERE v.jenis = 'resmi') AS nilai_resmi,
                   count(v.nilai) FILTER (WHERE v.jenis = 'simulasi') AS nilai_simulasi
            FROM isu AS i
            JOIN opd AS o ON o.kode = i.opd_koordinator
            LEFT JOIN indikator AS ind ON ind.isu = i.kode
            LEFT JOIN v_capaian AS v ON v.indikator = ind.kode
            GROUP BY ALL
        ) ORDER BY array_position(?, kode)
    """, [list(ISU_ORDER)])


def indicators(con: duckdb.DuckDBPyConnection, isu: str | None = None) -> pd.DataFrame:
    """The indicator registry, optionally for one isu, with how many current values each has."""
    return _df(con, """
        SELECT * FROM (
            SELECT ind.*, count(v.nilai) AS jumlah_nilai
            FROM indikator AS ind LEFT JOIN v_capaian AS v ON v.indikator = ind.kode
            WHERE ? IS NULL OR ind.isu = ?
            GROUP BY ALL
        ) ORDER BY array_position(?, isu), kode
    """, [isu, isu, list(ISU_ORDER)])


def kabupaten(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The six kabupaten: Kemendagri code, short name, BPS code."""
    return _df(con, f"SELECT kode, {_SHORT_NAME} AS nama, kode_bps FROM wilayah AS w "
                    "WHERE level = 'kabupaten' ORDER BY kode")


def opd_list(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every OPD with the list of isu it coordinates (an empty list for most: they answer for wilayah)."""
    return _df(con, """
        SELECT o.kode, o.nama, o.singkatan,
               coalesce(list(i.kode ORDER BY i.kode) FILTER (WHERE i.kode IS NOT NULL), []) AS isu_koordinasi
        FROM opd AS o LEFT JOIN isu AS i ON i.opd_koordinator = o.kode
        GROUP BY ALL ORDER BY len(isu_koordinasi) = 0, o.singkatan
    """)


def data_years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Years that hold at least one current value, newest first (the period filter's choices)."""
    rows = con.execute("""
        SELECT DISTINCT year(p.akhir) AS tahun FROM v_capaian AS v JOIN periode AS p ON p.kode = v.periode
        ORDER BY tahun DESC""").fetchall()
    return [int(r[0]) for r in rows]


def wilayah_codes(con: duckdb.DuckDBPyConnection, level: str, parent: str | None = None) -> list[str]:
    """Codes of every wilayah of a level, optionally under one parent."""
    rows = con.execute("SELECT kode FROM wilayah WHERE level = ? AND (? IS NULL OR kode_induk = ?) ORDER BY kode",
                       [level, parent, parent]).fetchall()
    return [r[0] for r in rows]


def latest_values(con: duckdb.DuckDBPyConnection, indikator: list[str], wilayah: list[str],
                  until: date | None = None) -> pd.DataFrame:
    """Per (indikator, wilayah) pair asked for: the latest value up to `until` and the one before it.

    `tanggal` is the last day of the period measured, from which data age counts; `periode_jenis` is that
    period's jenis, 'diumumkan' when the measurement period is unknown and only the announcement day is
    known (then `tanggal` is that day, and the value cannot be judged against a year's target);
    `periode_jenis_sebelumnya` is the same for the previous value.

    Every pair is listed; a pair without data has NULL values (the map's "tidak ada data"). The previous
    value is the previous period's value from the same source as the latest one when the history holds one
    (a comparison value, `pembanding`), else the current value of that period; `sumber_sebelumnya` says
    which, so a change is never computed between two sources without saying so.
    """
    return _df(con, f"""
        WITH ranked AS (
            SELECT v.*, p.label AS periode_label, p.label_en AS periode_label_en, p.akhir AS tanggal,
                   p.jenis AS periode_jenis,
                   row_number() OVER (PARTITION BY v.indikator, v.wilayah
                                      ORDER BY p.akhir DESC, p.mulai DESC) AS urutan
            FROM v_capaian AS v JOIN periode AS p ON p.kode = v.periode
            WHERE list_contains(?, v.indikator) AND list_contains(?, v.wilayah) AND p.akhir <= ?
        ),
        same_source AS (
            SELECT c.indikator, c.wilayah, c.periode, c.sumber, arg_max(c.nilai, c.id) AS nilai
            FROM capaian AS c
            WHERE c.unggahan NOT IN (SELECT unggahan FROM pembatalan)
              AND list_contains(?, c.indikator) AND list_contains(?, c.wilayah)
            GROUP BY ALL
        )
        SELECT ind.kode AS indikator, ind.nama AS nama_indikator, ind.nama_en AS nama_indikator_en, ind.satuan, ind.arah, ind.periodisitas,
               w.kode AS wilayah, {_SHORT_NAME} AS nama, w.level,
               cur.nilai, cur.periode, cur.periode_label, p_cur.mulai AS tanggal_mulai, cur.tanggal, cur.sumber,
               cur.url, cur.jenis,
               coalesce(same.nilai, prev.nilai) AS nilai_sebelumnya, prev.periode_label AS periode_sebelumnya,
               coalesce(same.sumber, prev.sumber) AS sumber_sebelumnya, prev.jenis AS jenis_sebelumnya,
               cur.periode_label_en, prev.periode_label_en AS periode_sebelumnya_en,
               cur.periode_jenis, prev.periode_jenis AS periode_jenis_sebelumnya, prev.tanggal AS tanggal_sebelumnya
        FROM indikator AS ind
        CROSS JOIN wilayah AS w
        LEFT JOIN ranked AS cur ON cur.indikator = ind.kode AND cur.wilayah = w.kode AND cur.urutan = 1
        LEFT JOIN periode AS p_cur ON p_cur.kode = cur.periode
        LEFT JOIN ranked AS prev ON prev.indikator = ind.kode AND prev.wilayah = w.kode AND prev.urutan = 2
        LEFT JOIN same_source AS same ON same.indikator = ind.kode AND same.wilayah = w.kode
             AND same.periode = prev.periode AND same.sumber = cur.sumber
        WHERE list_contains(?, ind.kode) AND list_contains(?, w.kode)
        ORDER BY array_position(?, ind.kode), w.kode
    """, [indikator, wilayah, until or FAR_FUTURE, indikator, wilayah, indikator, wilayah, indikator])


def series(con: duckdb.DuckDBPyConnection, indikator: list[str], wilayah: list[str],
           until: date | None = None) -> pd.DataFrame:
    """Every current value of the indicators for the given wilayah up to `until`, oldest first; `periode_jenis`
    is 'diumumkan' for a value whose measurement period is unknown (`tanggal` = the day it was announced)."""
    return _df(con, f"""
        SELECT v.indikator, v.wilayah, {_SHORT_NAME} AS wilayah_nama, v.periode, p.label AS periode_label,
               p.label_en AS periode_label_en, p.akhir AS tanggal, v.nilai, v.jenis, v.sumber, v.url,
               p.jenis AS periode_jenis
        FROM v_capaian AS v
        JOIN periode AS p ON p.kode = v.periode
        JOIN wilayah AS w ON w.kode = v.wilayah
        WHERE list_contains(?, v.indikator) AND list_contains(?, v.wilayah) AND p.akhir <= ?
        ORDER BY v.indikator, v.wilayah, p.akhir, p.mulai DESC
    """, [indikator, wilayah, until or FAR_FUTURE])


def targets(con: duckdb.DuckDBPyConnection, indikator: list[str], wilayah: list[str]) -> pd.DataFrame:
    """Every target that may apply to each (indikator, wilayah): its own and the province's (76), documented
    and stated alike; lib.judge.targets chooses. `target_wilayah` is where the target is set."""
    return _df(con, """
        WITH wanted AS (
            SELECT i.kode AS indikator, w.wilayah FROM indikator AS i, (SELECT unnest(?) AS wilayah) AS w
            WHERE list_contains(?, i.kode)
        )
        SELECT wanted.indikator, wanted.wilayah, t.wilayah AS target_wilayah, t.periode, p.label AS periode_label,
               t.lingkup, t.nilai, t.nilai_atas, t.sumber, t.url, t.dasar, t.rujukan,
               p.mulai AS tanggal_mulai, p.akhir AS tanggal_akhir
        FROM wanted
        JOIN target AS t ON t.indikator = wanted.indikator AND (t.wilayah = wanted.wilayah OR t.wilayah = '76')
        JOIN periode AS p ON p.kode = t.periode
        ORDER BY wanted.indikator, wanted.wilayah, p.akhir, p.mulai DESC, t.lingkup
    """, [wilayah, indikator])


def series_breaks(con: duckdb.DuckDBPyConnection, indikator: list[str], wilayah: list[str]) -> pd.DataFrame:
    """Where a series changes base or source (table putus_seri), with the date the new series starts."""
    return _df(con, f"""
        SELECT b.indikator, b.wilayah, {_SHORT_NAME} AS wilayah_nama, b.periode, p.label AS periode_label,
               p.mulai AS tanggal, b.keterangan, b.sumber
        FROM putus_seri AS b JOIN periode AS p ON p.kode = b.periode JOIN wilayah AS w ON w.kode = b.wilayah
        WHERE list_contains(?, b.indikator) AND list_contains(?, b.wilayah)
        ORDER BY b.indikator, b.wilayah, p.mulai
    """, [indikator, wilayah])


def responsible_opd(con: duckdb.DuckDBPyConnection, kabupaten_kode: str) -> pd.DataFrame:
    """OPDs that answer for the kecamatan of one kabupaten, with the source of each assignment."""
    return _df(con, """
        SELECT w.kode AS kecamatan, w.nama AS nama_kecamatan, o.singkatan AS opd, o.nama AS nama_opd,
               coalesce(i.nama, 'Semua isu') AS isu, pj.sumber, coalesce(i.nama_en, 'All issues') AS isu_en
        FROM penanggung_jawab AS pj
        JOIN wilayah AS w ON w.kode = pj.wilayah
        JOIN opd AS o ON o.kode = pj.opd
        LEFT JOIN isu AS i ON i.kode = pj.isu
        WHERE w.kode_induk = ?
        ORDER BY w.kode, o.singkatan
    """, [kabupaten_kode])


def opd_assignments(con: duckdb.DuckDBPyConnection, opd: str) -> pd.DataFrame:
    """The wilayah an OPD answers for, and for which isu (NULL isu: all of them)."""
    return _df(con, """
        SELECT pj.wilayah, w.nama, w.level, induk.nama AS nama_induk, pj.isu, pj.sumber
        FROM penanggung_jawab AS pj
        JOIN wilayah AS w ON w.kode = pj.wilayah
        LEFT JOIN wilayah AS induk ON induk.kode = w.kode_induk
        WHERE pj.opd = ?
        ORDER BY pj.wilayah
    """, [opd])


def data_freshness(con: duckdb.DuckDBPyConnection, isu: list[str]) -> pd.DataFrame:
    """Per indicator of the given isu: its latest period with data (`jenis_terakhir` 'diumumkan' when only its
    announcement day is known), and whether that is official."""
    return _df(con, """
        SELECT ind.kode, ind.nama, ind.nama_en, ind.periodisitas, max(p.akhir) AS periode_terakhir,
               arg_max(p.label, p.akhir) AS label_terakhir, arg_max(p.label_en, p.akhir) AS label_terakhir_en,
               arg_max(p.jenis, p.akhir) AS jenis_terakhir,
               bool_or(v.jenis = 'resmi') AS ada_resmi, count(v.nilai) AS jumlah_nilai
        FROM indikator AS ind
        LEFT JOIN v_capaian AS v ON v.indikator = ind.kode
        LEFT JOIN periode AS p ON p.kode = v.periode
        WHERE list_contains(?, ind.isu)
        GROUP BY ALL ORDER BY ind.kode
    """, [isu])


def latest_actions(con: duckdb.DuckDBPyConnection, until: date | None = None) -> pd.DataFrame:
    """The satgas' latest recorded action (table tindakan) per isu up to `until`, with its OPD and period."""
    return _df(con, f"""
        SELECT * FROM (
            SELECT t.isu, t.judul, t.uraian, t.periode, p.label AS periode_label, p.akhir AS tanggal,
                   t.wilayah, {_SHORT_NAME} AS nama_wilayah, o.singkatan AS opd, t.sumber,
                   row_number() OVER (PARTITION BY t.isu ORDER BY p.akhir DESC, p.mulai DESC, t.id DESC) AS urutan
            FROM v_tindakan AS t  -- rolled-back batches are not actions
            JOIN periode AS p ON p.kode = t.periode
            JOIN wilayah AS w ON w.kode = t.wilayah
            LEFT JOIN opd AS o ON o.kode = t.opd
            WHERE t.isu IS NOT NULL AND p.akhir <= ?
        ) WHERE urutan = 1 ORDER BY array_position(?, isu)
    """, [until or FAR_FUTURE, list(ISU_ORDER)])


def kabupaten_coverage(con: duckdb.DuckDBPyConnection, isu: str, until: date | None = None) -> pd.DataFrame:
    """Per indicator of an isu: how many kabupaten have a current value up to `until` (0 = province only)."""
    return _df(con, """
        SELECT ind.kode, count(DISTINCT v.wilayah) FILTER (WHERE w.level = 'kabupaten') AS jumlah_kabupaten
        FROM indikator AS ind
        LEFT JOIN v_capaian AS v ON v.indikator = ind.kode
            AND v.periode IN (SELECT kode FROM periode WHERE akhir <= ?)
        LEFT JOIN wilayah AS w ON w.kode = v.wilayah
        WHERE ind.isu = ?
        GROUP BY ind.kode ORDER BY ind.kode
    """, [until or FAR_FUTURE, isu])
