"""Read-only views of the upload history: the batch list, one batch's rows, and how a batch is named.

Used by lib.ingest.load (its messages), the Riwayat page (lib/ui/upload.py) and `python -m lib.ingest
batches`; lib.ingest.load re-exports these names, so loader.batches and the like keep working.
"""
from __future__ import annotations

from datetime import datetime

import pandas as pd

from lib.db import record
from lib.text.i18n import format_date


def already_loaded_message(batch: dict) -> str:
    """'Berkas ini sudah dimuat sebagai unggahan #N pada … oleh …' with what to do instead."""
    return (f"Berkas ini sudah dimuat sebagai unggahan #{batch['id']} pada {when_text(batch['dimuat_pada'])} "
            f"oleh {batch['dimuat_oleh']} ({batch['nama_berkas']}); tidak ada yang ditambahkan. Untuk "
            "mengoreksi nilai, unggah berkas dengan nilai yang sudah diperbaiki.")


def when_text(moment: datetime) -> str:
    """'28 November 2026 pukul 12.32'."""
    return f"{format_date(moment)} pukul {moment:%H.%M}"


def batches(con) -> pd.DataFrame:
    """Every unggahan, newest first, with its row counts, current rows and rolled-back flag."""
    return con.execute("""
        SELECT u.id, u.nama_berkas, u.dimuat_oleh, u.dimuat_pada, u.jumlah_baris,
               coalesce(t.baris_terkini, 0) AS baris_terkini, i.indikator, i.periode,
               p.unggahan IS NOT NULL AS dibatalkan, p.dibatalkan_oleh, p.dibatalkan_pada, p.alasan,
               u.dimuat_oleh = ? AS benih, u.keterangan, u.hash_isi
        FROM unggahan AS u
        LEFT JOIN (SELECT unggahan, string_agg(DISTINCT indikator, ', ' ORDER BY indikator) AS indikator,
                          string_agg(DISTINCT periode, ', ' ORDER BY periode) AS periode
                   FROM capaian GROUP BY unggahan
                   UNION ALL  -- a tindakan batch names the isu it reports on
                   SELECT unggahan, string_agg(DISTINCT coalesce(isu, '-'), ', ' ORDER BY coalesce(isu, '-')),
                          string_agg(DISTINCT periode, ', ' ORDER BY periode)
                   FROM tindakan WHERE unggahan IS NOT NULL GROUP BY unggahan) AS i ON i.unggahan = u.id
        LEFT JOIN (SELECT unggahan, count(*) AS baris_terkini FROM v_capaian GROUP BY unggahan
                   UNION ALL SELECT unggahan, count(*) FROM v_tindakan WHERE unggahan IS NOT NULL
                   GROUP BY unggahan) AS t
               ON t.unggahan = u.id
        LEFT JOIN pembatalan AS p ON p.unggahan = u.id
        ORDER BY u.id DESC""", [record.SEED_USER]).df()


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
