"""Satgas actions (tindakan): what is being done, per isu, wilayah and OPD. Read queries only."""
from __future__ import annotations

import pandas as pd

PROVINCE = "76"


def actions(con, isu: str | None = None, opd: str | None = None, wilayah: list[str] | None = None,
            with_province: bool = False) -> pd.DataFrame:
    """Actions, newest first; optionally of one isu, one OPD, and in the given wilayah or below them
    (with_province adds the province-wide ones)."""
    roots = list(wilayah or [])
    return con.execute("""
        SELECT t.id, t.isu, t.opd, o.singkatan AS opd_singkatan, t.wilayah,
               regexp_replace(w.nama, '^Kabupaten ', '') AS nama_wilayah, w.level, t.periode,
               p.label AS periode_label, p.label_en AS periode_label_en, p.akhir AS tanggal, t.judul, t.uraian, t.jumlah, t.satuan, t.sumber, t.url
        FROM v_tindakan AS t
        JOIN wilayah AS w ON w.kode = t.wilayah
        JOIN periode AS p ON p.kode = t.periode
        LEFT JOIN opd AS o ON o.kode = t.opd
        WHERE (?::VARCHAR IS NULL OR t.isu = ?) AND (?::VARCHAR IS NULL OR t.opd = ?)
          AND (len(?::VARCHAR[]) = 0 OR (? AND t.wilayah = ?)
               OR list_bool_or([t.wilayah = r OR starts_with(t.wilayah, r || '.') FOR r IN ?::VARCHAR[]]))
        ORDER BY p.akhir DESC, t.id DESC
    """, [isu, isu, opd, opd, roots, with_province, PROVINCE, roots]).df()
