"""The upload history read back: the batch list, one batch's rows, a live batch of a file, current values.

The write path (lib.ingest.load, lib.ingest.tindakan) asks the same questions on its write connection, under
the writer lock, so that what it decides is what it writes.
"""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from lib.db import record


def batches(con) -> pd.DataFrame:
    """Every unggahan, newest first, with its row counts, current rows and rolled-back flag."""
    return con.execute("""
        SELECT u.id, u.nama_berkas, u.dimuat_oleh, u.dimuat_pada, u.jumlah_baris,
               coalesce(t.baris_terkini, 0) AS baris_terkini, i.indikator, i.periode,
               p.unggahan IS NOT NULL AS dibatalkan, p.dibatalkan_oleh, p.dibatalkan_pada, p.alasan,
               (u.dimuat_oleh = ? AND u.dimuat_pada = ?) AS benih, u.keterangan, u.hash_isi
        FROM unggahan AS u
        LEFT JOIN (SELECT unggahan, string_agg(DISTINCT indikator, ', ' ORDER BY indikator) AS indikator,
                          string_agg(DISTINCT periode, ', ' ORDER BY periode) AS periode
                   FROM capaian GROUP BY unggahan
                   UNION ALL  -- a tindakan batch names the isu it reports on
                   SELECT unggahan, string_agg(DISTINCT coalesce(isu, '-'), ', ' ORDER BY coalesce(isu, '-')),
                          string_agg(DISTINCT periode, ', ' ORDER BY periode)
                   FROM tindakan WHERE unggahan IS NOT NULL GROUP BY unggahan
                   UNION ALL  -- an orang tua asuh batch (issue 23): stunting, the months it reports
                   SELECT unggahan, 'ST', string_agg(DISTINCT strftime(bulan_laporan, '%Y-%m'), ', ')
                   FROM v_asuhan_agregat WHERE unggahan NOT IN (SELECT unggahan FROM capaian)
                   GROUP BY unggahan) AS i ON i.unggahan = u.id
        LEFT JOIN (SELECT unggahan, CAST(sum(n) AS BIGINT) AS baris_terkini FROM (
                       SELECT unggahan, count(*) AS n FROM v_capaian GROUP BY unggahan
                       UNION ALL SELECT unggahan, count(*) FROM v_tindakan WHERE unggahan IS NOT NULL
                       GROUP BY unggahan
                       UNION ALL SELECT unggahan, sum(anak) FROM v_asuhan_agregat  -- orang tua asuh (issue 23)
                       WHERE unggahan NOT IN (SELECT unggahan FROM capaian) GROUP BY unggahan)
                   GROUP BY unggahan) AS t
               ON t.unggahan = u.id
        LEFT JOIN pembatalan AS p ON p.unggahan = u.id
        ORDER BY u.id DESC""", [record.SEED_USER, record.SEED_LOADED_AT]).df()


def batch_rows(con, batch_id: int) -> pd.DataFrame:
    """The rows of one batch in load order: capaian rows, each marked whether it is still the current value,
    or, for a batch of satgas actions, its tindakan rows (marked current unless the batch was rolled back)."""
    values = _value_rows(con, batch_id)
    return values if not values.empty else _action_rows(con, batch_id)


def _action_rows(con, batch_id: int) -> pd.DataFrame:
    return con.execute("""
        SELECT t.id, t.isu, t.opd, t.wilayah, w.nama AS nama_wilayah, t.periode, t.judul, t.jumlah, t.satuan,
               t.sumber, v.id IS NOT NULL AS terkini
        FROM tindakan AS t
        LEFT JOIN wilayah AS w ON w.kode = t.wilayah
        LEFT JOIN v_tindakan AS v ON v.id = t.id
        WHERE t.unggahan = ? ORDER BY t.id""", [batch_id]).df()


def _value_rows(con, batch_id: int) -> pd.DataFrame:
    return con.execute("""
        SELECT c.id, c.indikator, c.wilayah, w.nama AS nama_wilayah, c.periode, c.nilai, c.sumber, c.catatan,
               c.jenis, v.unggahan IS NOT NULL AS terkini
        FROM capaian AS c
        LEFT JOIN wilayah AS w ON w.kode = c.wilayah
        LEFT JOIN v_capaian AS v ON v.indikator = c.indikator AND v.wilayah = c.wilayah
              AND v.periode = c.periode AND v.unggahan = c.unggahan
        WHERE c.unggahan = ? ORDER BY c.id""", [batch_id]).df()


def live_batch_with_hash(con, content_hash: str) -> dict | None:
    """The latest batch with this content hash that is not rolled back, as a dict, or None."""
    cur = con.execute(
        "SELECT id, nama_berkas, dimuat_oleh, dimuat_pada, jumlah_baris FROM unggahan "
        "WHERE hash_isi = ? AND id NOT IN (SELECT unggahan FROM pembatalan) ORDER BY id DESC LIMIT 1",
        [content_hash])
    row = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], row)) if row else None


def current_values(con, keys: list[tuple[str, str, str]]) -> dict[tuple, tuple]:
    """{(indikator, wilayah, periode): (nilai, sumber, jenis)} of v_capaian for those of keys that have one."""
    if not keys:
        return {}
    lists = [list(column) for column in zip(*keys)]
    found = con.execute(
        "SELECT v.indikator, v.wilayah, v.periode, v.nilai, v.sumber, v.jenis FROM v_capaian AS v "
        "JOIN (SELECT DISTINCT unnest(?::VARCHAR[]) AS indikator, unnest(?::VARCHAR[]) AS wilayah, "
        "unnest(?::VARCHAR[]) AS periode) AS k USING (indikator, wilayah, periode)", lists).fetchall()
    return {tuple(r[:3]): tuple(r[3:]) for r in found}


def batch_state(con, batch_id: int) -> tuple | None:
    """(written by the seed, dibatalkan_oleh, dibatalkan_pada) of one batch (the last two None unless rolled back).
    A seed batch is one loaded by 'seed' at the seed's fixed load time (lib.db.record's rule)."""
    return con.execute(
        "SELECT u.dimuat_oleh = ? AND u.dimuat_pada = ?, p.dibatalkan_oleh, p.dibatalkan_pada FROM unggahan AS u "
        "LEFT JOIN pembatalan AS p ON p.unggahan = u.id WHERE u.id = ?",
        [record.SEED_USER, record.SEED_LOADED_AT, batch_id]).fetchone()


def batches_since(con, by_load: bool, loaded_after: datetime, period_end_after: date) -> pd.DataFrame:
    """Batches holding current values that arrived since (by_load: loaded strictly after loaded_after; otherwise
    of a period ending after period_end_after), with who loaded them, which indicators and wilayah, and their
    official and simulated values counted apart (jumlah_resmi, jumlah_simulasi)."""
    return con.execute("""
        SELECT u.id AS unggahan, u.nama_berkas, u.dimuat_oleh, u.dimuat_pada, count(*) AS jumlah_nilai,
               count(*) FILTER (WHERE v.jenis = 'resmi') AS jumlah_resmi,
               count(*) FILTER (WHERE v.jenis = 'simulasi') AS jumlah_simulasi,
               string_agg(DISTINCT v.indikator, ', ' ORDER BY v.indikator) AS indikator,
               string_agg(DISTINCT regexp_replace(w.nama, '^Kabupaten ', ''), ', ') AS wilayah,
               count(DISTINCT v.wilayah) AS jumlah_wilayah, bool_or(v.jenis = 'simulasi') AS ada_simulasi
        FROM v_capaian AS v
        JOIN unggahan AS u ON u.id = v.unggahan
        JOIN periode AS p ON p.kode = v.periode
        JOIN wilayah AS w ON w.kode = v.wilayah
        WHERE CASE WHEN ? THEN v.dimuat_pada > ? ELSE p.akhir > ? END
        GROUP BY ALL ORDER BY u.dimuat_pada DESC, u.id DESC
    """, [by_load, loaded_after, period_end_after]).df()
