"""Orang tua asuh (issue 23): sponsors, their sponsorships summed, and the published commitments. Reads only.

The child-level table `asuhan` never leaves the record (lib.db.snapshot.PRIVATE_TABLES): a published snapshot
holds v_asuhan_agregat, its sums per mitra × kecamatan × sasaran × jenis_data, as a table of that name, and
these reads use only that, so they work on a snapshot and on the record alike. Official (jenis_data 'resmi')
and simulated rows come apart in every frame; nothing here adds them up.
"""
from __future__ import annotations

import pandas as pd

PROVINCE = "76"
MITRA_COLUMNS = ["id", "nama", "jenis", "opd", "opd_singkatan", "kabupaten", "nama_kabupaten", "jenis_data"]
COUNT_COLUMNS = ["anak", "anak_berjalan", "bulan_tersalur", "rupiah_tersalur", "anak_6_bulan", "anak_membaik",
                 "anak_keluar", "anak_maju", "anak_tetap", "anak_pindah", "anak_meninggal"]
RINGKASAN_COLUMNS = ["mitra", "nama_mitra", "jenis_mitra", "opd", "opd_singkatan", "mitra_kabupaten", "kabupaten",
                     "nama_kabupaten", "kecamatan", "nama_kecamatan", "sasaran", "jenis_data", *COUNT_COLUMNS,
                     "bulan_laporan", "dimuat_pada"]
KEWAJIBAN_COLUMNS = ["id", "wilayah", "nama_wilayah", "opd", "opd_singkatan", "pihak", "jumlah", "jumlah_atas",
                     "satuan", "periode", "uraian", "dasar", "rujukan", "sumber", "url", "jenis_data"]


def mitra(con, kabupaten: str | None = None, opd: str | None = None) -> pd.DataFrame:
    """Sponsors (MITRA_COLUMNS) by name; optionally those of one kabupaten (the mitra's own kabupaten, or a
    sponsorship of a child living there) or of one OPD (its ASN)."""
    return con.execute("""
        SELECT m.id, m.nama, m.jenis, m.opd, o.singkatan AS opd_singkatan, m.kabupaten,
               regexp_replace(w.nama, '^Kabupaten ', '') AS nama_kabupaten, m.jenis_data
        FROM mitra AS m
        LEFT JOIN opd AS o ON o.kode = m.opd
        LEFT JOIN wilayah AS w ON w.kode = m.kabupaten
        WHERE (?::VARCHAR IS NULL OR m.kabupaten = ?
               OR m.id IN (SELECT mitra FROM v_asuhan_agregat WHERE kabupaten = ?))
          AND (?::VARCHAR IS NULL OR m.opd = ?)
        ORDER BY m.jenis_data, m.nama, m.id
    """, [kabupaten, kabupaten, kabupaten, opd, opd]).df()[MITRA_COLUMNS]


def ringkasan_asuhan(con, kabupaten: str | None = None, opd: str | None = None) -> pd.DataFrame:
    """Sponsorships summed per mitra × kecamatan (where the child lives) × sasaran × jenis_data
    (RINGKASAN_COLUMNS; the counts of COUNT_COLUMNS are the current state of each sponsorship, rolled-back
    batches left out); optionally of children in one kabupaten, or of one OPD's ASN sponsors."""
    return con.execute("""
        SELECT a.mitra, m.nama AS nama_mitra, m.jenis AS jenis_mitra, m.opd, o.singkatan AS opd_singkatan,
               m.kabupaten AS mitra_kabupaten, a.kabupaten,
               regexp_replace(k.nama, '^Kabupaten ', '') AS nama_kabupaten, a.kecamatan,
               c.nama AS nama_kecamatan, a.sasaran, a.jenis_data,
               a.anak, a.anak_berjalan, a.bulan_tersalur, a.rupiah_tersalur, a.anak_6_bulan, a.anak_membaik,
               a.anak_keluar, a.anak_maju, a.anak_tetap, a.anak_pindah, a.anak_meninggal,
               a.bulan_laporan, a.dimuat_pada
        FROM v_asuhan_agregat AS a
        JOIN mitra AS m ON m.id = a.mitra
        LEFT JOIN opd AS o ON o.kode = m.opd
        LEFT JOIN wilayah AS k ON k.kode = a.kabupaten
        LEFT JOIN wilayah AS c ON c.kode = a.kecamatan
        WHERE (?::VARCHAR IS NULL OR a.kabupaten = ?) AND (?::VARCHAR IS NULL OR m.opd = ?)
        ORDER BY a.jenis_data, a.kabupaten, a.kecamatan, m.nama, a.sasaran
    """, [kabupaten, kabupaten, opd, opd]).df()[RINGKASAN_COLUMNS]


def kewajiban(con, kabupaten: str | None = None, opd: str | None = None,
              with_province: bool = False) -> pd.DataFrame:
    """Published commitments (KEWAJIBAN_COLUMNS), province first, then by kabupaten and period; optionally of
    one kabupaten (with_province adds the province's own) or of one OPD."""
    return con.execute("""
        SELECT k.id, k.wilayah, regexp_replace(w.nama, '^Kabupaten ', '') AS nama_wilayah, k.opd,
               o.singkatan AS opd_singkatan, k.pihak, k.jumlah, k.jumlah_atas, k.satuan, k.periode, k.uraian,
               k.dasar, k.rujukan, k.sumber, k.url, k.jenis_data
        FROM kewajiban AS k
        LEFT JOIN wilayah AS w ON w.kode = k.wilayah
        LEFT JOIN opd AS o ON o.kode = k.opd
        WHERE (?::VARCHAR IS NULL OR k.wilayah = ? OR (? AND k.wilayah = ?))
          AND (?::VARCHAR IS NULL OR k.opd = ?)
        ORDER BY k.wilayah <> ?, k.wilayah, k.periode, k.id
    """, [kabupaten, kabupaten, with_province, PROVINCE, opd, opd, PROVINCE]).df()[KEWAJIBAN_COLUMNS]
