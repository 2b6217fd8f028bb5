"""Reads of lib.kirim (issue 22): subscriptions (langganan) and their outbox (kiriman), from the record.

These tables are never in a published snapshot (lib.db.snapshot.PRIVATE_TABLES), so every function takes a
connection to the record itself: the one lib.db.writer.writing() gives `python -m lib.kirim run`, or a read-only
one (lib.db.connect) for `list` and `outbox`.
"""
from __future__ import annotations

from datetime import datetime

import pandas as pd

SUBSCRIPTION_COLUMNS = ["id", "saluran", "penerima", "kabupaten", "opd", "isu", "isi", "pemicu", "jadwal", "publik",
                        "templat", "dibuat_oleh", "dibuat_pada", "tanda_awal", "dihapus_oleh", "dihapus_pada"]


def _as_dict(row: tuple) -> dict:
    """A langganan row as a dict of plain values: NULL as None, kabupaten and isi as lists."""
    found = dict(zip(SUBSCRIPTION_COLUMNS, row))
    found["kabupaten"] = list(found["kabupaten"] or [])
    found["isi"] = list(found["isi"] or [])
    return found


def live_subscriptions(con, include_removed: bool = False) -> list[dict]:
    """The live subscriptions (removed ones too when asked) as dicts of plain values (see _as_dict), oldest
    first."""
    where = "" if include_removed else "WHERE dihapus_pada IS NULL"
    return [_as_dict(row) for row in con.execute(
        f"SELECT {', '.join(SUBSCRIPTION_COLUMNS)} FROM langganan {where} ORDER BY id").fetchall()]


def subscription(con, number: int) -> dict | None:
    """One subscription as a dict of plain values, or None."""
    found = con.execute(f"SELECT {', '.join(SUBSCRIPTION_COLUMNS)} FROM langganan WHERE id = ?", [number]).fetchall()
    return _as_dict(found[0]) if found else None


def newest_load(con) -> datetime | None:
    """The newest moment anything entered the figures (a batch, a rollback, an action, an apel: the times
    lib.db.history.snapshot_at cuts at), read from a snapshot or the record: where "changed since" is measured
    from the next time."""
    return con.execute("SELECT greatest((SELECT max(dimuat_pada) FROM unggahan), (SELECT max(dimuat_pada) FROM "
                       "capaian), (SELECT max(dibatalkan_pada) FROM pembatalan), (SELECT max(dimuat_pada) FROM "
                       "tindakan), (SELECT max(dicatat_pada) FROM apel))").fetchone()[0]


def last_mark(con, number: int) -> datetime | None:
    """The newest load time judged for a terbit subscription so far (its last terbit row), else None."""
    return con.execute("SELECT max(tanda) FROM kiriman WHERE langganan = ? AND slot LIKE 'terbit:%'",
                       [number]).fetchone()[0]


def has_slot(con, number: int, slot: str) -> bool:
    """Whether the outbox already holds a row for this subscription and occasion (whatever its state)."""
    return con.execute("SELECT count(*) FROM kiriman WHERE langganan = ? AND slot = ?", [number, slot]).fetchone()[0] > 0


def due(con, now: datetime) -> list[dict]:
    """Queued deliveries whose time has come (never tried, or their backoff over), oldest first."""
    columns = ["id", "langganan", "slot", "penerima", "pesan", "percobaan"]
    return [dict(zip(columns, row)) for row in con.execute(
        f"SELECT {', '.join(columns)} FROM kiriman WHERE status = 'antre' AND (coba_lagi IS NULL OR coba_lagi <= ?) "
        "ORDER BY id", [now]).fetchall()]


def outbox(con, include_skipped: bool = False, limit: int = 200) -> pd.DataFrame:
    """The outbox, failures first, then queued, then newest; 'lewat' rows (nothing new) only when asked."""
    where = "" if include_skipped else "WHERE k.status <> 'lewat'"
    return con.execute(
        "SELECT k.id, k.langganan, l.saluran, k.penerima, k.slot, k.status, k.percobaan, k.coba_lagi, k.galat, "
        f"k.dibuat, k.terkirim FROM kiriman AS k LEFT JOIN langganan AS l ON l.id = k.langganan {where} "
        "ORDER BY CASE k.status WHEN 'gagal' THEN 0 WHEN 'antre' THEN 1 ELSE 2 END, k.id DESC LIMIT ?",
        [limit]).df()


def last_per_subscription(con) -> pd.DataFrame:
    """Who receives what: each live subscription with its last delivery (not counting 'lewat'), failures first."""
    return con.execute(
        "SELECT l.id, l.saluran, l.penerima, l.kabupaten, l.opd, l.isu, l.pemicu, l.jadwal, l.isi, k.status, "
        "k.slot, k.galat, coalesce(k.terkirim, k.dibuat) AS waktu FROM langganan AS l LEFT JOIN ("
        "  SELECT *, row_number() OVER (PARTITION BY langganan ORDER BY id DESC) AS urutan FROM kiriman "
        "  WHERE status <> 'lewat') AS k ON k.langganan = l.id AND k.urutan = 1 "
        "WHERE l.dihapus_pada IS NULL "
        "ORDER BY CASE k.status WHEN 'gagal' THEN 0 WHEN 'antre' THEN 1 ELSE 2 END, l.id").df()
