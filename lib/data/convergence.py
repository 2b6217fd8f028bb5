"""The reads of the konvergensi (hotspot) page: kecamatan values per indicator in its latest period, the
kecamatan themselves, and the satgas actions recorded in a kecamatan or one of its desa. Read queries only;
lib.judge.convergence counts."""
from __future__ import annotations

from datetime import date

import pandas as pd

FAR_FUTURE = date(9999, 12, 31)
_SHORT = "regexp_replace({}, '^Kabupaten ', '')"


def kecamatan_values(con, isu: list[str], until: date | None = None) -> pd.DataFrame:
    """Per indicator of the given isu: every kecamatan value of the indicator's latest period that has any
    kecamatan value up to `until` (ordered by the period's end, then its start), with the indicator's unit,
    direction and periodicity and the period's end (`tanggal`, from which data age counts)."""
    return con.execute("""
        WITH kec AS (
            SELECT v.indikator, v.wilayah, v.nilai, v.jenis, v.sumber, v.periode, p.label AS periode_label,
                   p.label_en AS periode_label_en, p.jenis AS periode_jenis, p.akhir AS tanggal, p.mulai
            FROM v_capaian AS v
            JOIN periode AS p ON p.kode = v.periode
            JOIN wilayah AS w ON w.kode = v.wilayah AND w.level = 'kecamatan'
            WHERE p.akhir <= $until AND v.nilai IS NOT NULL
        ),
        latest AS (
            SELECT indikator, arg_max(periode, (tanggal, mulai)) AS periode FROM kec GROUP BY indikator
        )
        SELECT ind.isu, ind.kode AS indikator, ind.nama AS nama_indikator, ind.nama_en AS nama_indikator_en,
               ind.satuan, ind.arah, ind.periodisitas, kec.wilayah, w.nama, kec.nilai, kec.jenis, kec.sumber, kec.periode,
               kec.periode_label, kec.periode_label_en, kec.periode_jenis, kec.tanggal
        FROM kec
        JOIN latest ON latest.indikator = kec.indikator AND latest.periode = kec.periode
        JOIN indikator AS ind ON ind.kode = kec.indikator
        JOIN wilayah AS w ON w.kode = kec.wilayah
        WHERE list_contains($isu, ind.isu)
        ORDER BY ind.isu, ind.kode, kec.wilayah
    """, {"until": until or FAR_FUTURE, "isu": list(isu)}).df()


def desa_isu(con, isu: tuple[str, ...], until: date | None = None) -> list[str]:
    """The isu among those given with any current desa value up to `until`."""
    rows = con.execute("""
        SELECT DISTINCT ind.isu FROM v_capaian AS v
        JOIN wilayah AS w ON w.kode = v.wilayah AND w.level = 'desa'
        JOIN periode AS p ON p.kode = v.periode
        JOIN indikator AS ind ON ind.kode = v.indikator
        WHERE p.akhir <= $until AND list_contains($isu, ind.isu) ORDER BY ind.isu
    """, {"until": until or FAR_FUTURE, "isu": list(isu)}).fetchall()
    return [r[0] for r in rows]


def kecamatan(con) -> pd.DataFrame:
    """Every kecamatan: its code (`wilayah`), name, kabupaten code (`kode_induk`) and short kabupaten name."""
    return con.execute(f"""
        SELECT w.kode AS wilayah, w.nama, w.kode_induk, {_SHORT.format('k.nama')} AS nama_induk
        FROM wilayah AS w JOIN wilayah AS k ON k.kode = w.kode_induk
        WHERE w.level = 'kecamatan' ORDER BY w.kode
    """).df()


def kecamatan_actions(con, until: date | None = None) -> pd.DataFrame:
    """Satgas actions (rolled-back batches excluded) recorded in a kecamatan or in one of its desa up to
    `until`, newest first: the kecamatan's code (`kecamatan`), the place named (`nama_wilayah`), isu, OPD,
    title and period."""
    return con.execute("""
        SELECT CASE w.level WHEN 'kecamatan' THEN w.kode ELSE w.kode_induk END AS kecamatan, t.id, t.isu,
               o.singkatan AS opd_singkatan, t.wilayah, w.nama AS nama_wilayah, w.level, t.judul,
               t.periode, p.label AS periode_label, p.label_en AS periode_label_en, p.akhir AS tanggal
        FROM v_tindakan AS t
        JOIN wilayah AS w ON w.kode = t.wilayah AND w.level IN ('kecamatan', 'desa')
        JOIN periode AS p ON p.kode = t.periode
        LEFT JOIN opd AS o ON o.kode = t.opd
        WHERE p.akhir <= $until
        ORDER BY p.akhir DESC, t.id DESC
    """, {"until": until or FAR_FUTURE}).df()
