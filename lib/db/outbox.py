"""The write statements of lib.kirim (issue 22): subscriptions and their outbox, each run inside one
lib.db.writer.writing(..., outbox_only=True) block (neither the figures nor the notes change: nothing is published,
the pointers are only stamped; lib.db.snapshot.publish_outbox_write).

Ids are max + 1 read in the same transaction as the insert (as lib.db.writes does). The outbox's unique key
(langganan, slot, penerima) is what keeps a delivery from being queued twice: queue() inserts nothing when the
row exists.
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import duckdb

from lib.db import lock, migrate, snapshot
from lib.db.errors import CONCURRENT, BusyError, DatabaseMissingError
from lib.db.record import kirim_key


def _next_id(con, table: str) -> int:
    return con.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]


def add_subscription(con, row: dict) -> int:
    """Insert one langganan row (its columns by name, without id) and return its id."""
    number = _next_id(con, "langganan")
    columns = ["id", *row]
    try:
        con.execute(f"INSERT INTO langganan ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                    [number, *row.values()])
    except duckdb.ConstraintException as exc:
        raise BusyError(CONCURRENT) from exc
    return number


def remove_subscription(con, number: int, by: str, when: datetime) -> int:
    """Mark a live subscription removed; returns how many rows changed (0: none live with that number)."""
    return con.execute("UPDATE langganan SET dihapus_oleh = ?, dihapus_pada = ? WHERE id = ? AND dihapus_pada IS NULL "
                       "RETURNING id", [by, when, number]).fetchall().__len__()


def queue(con, number: int, slot: str, recipient: str, when: datetime, message: str | None,
          mark: datetime | None, skipped: bool = False) -> int | None:
    """One outbox row (antre, or lewat when nothing is to be sent); None when the occasion is already there."""
    if con.execute("SELECT count(*) FROM kiriman WHERE langganan = ? AND slot = ? AND penerima = ?",
                   [number, slot, recipient]).fetchone()[0]:
        return None
    row_id = _next_id(con, "kiriman")
    con.execute("INSERT INTO kiriman (id, langganan, slot, penerima, tanda, status, pesan, dibuat) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [row_id, number, slot, recipient, mark, "lewat" if skipped else "antre", message, when])
    return row_id


def sent(con, row_id: int, when: datetime) -> None:
    con.execute("UPDATE kiriman SET status = 'terkirim', terkirim = ?, percobaan = percobaan + 1, coba_lagi = NULL "
                "WHERE id = ? AND status = 'antre'", [when, row_id])


def failed(con, row_id: int, error: str, retry_at: datetime | None) -> None:
    """A failed try: queued again for retry_at, or gagal for good when retry_at is None."""
    con.execute("UPDATE kiriman SET status = ?, galat = ?, coba_lagi = ?, percobaan = percobaan + 1 "
                "WHERE id = ? AND status = 'antre'", ["antre" if retry_at else "gagal", error, retry_at, row_id])


def requeue(con, row_id: int) -> int:
    """Put a failed row back in the queue at once (an operator's retry); returns rows changed."""
    return len(con.execute("UPDATE kiriman SET status = 'antre', coba_lagi = NULL, percobaan = 0 WHERE id = ? "
                           "AND status = 'gagal' RETURNING id", [row_id]).fetchall())


@contextlib.contextmanager
def reading(record: Path | str) -> Iterator[duckdb.DuckDBPyConnection]:
    """The record itself, read-only, under the writer lock (subscriptions and outbox are in no snapshot)."""
    record = Path(record)
    if not record.exists():
        raise DatabaseMissingError(snapshot.missing_message(record))
    with lock.writer_lock(record):
        try:
            con = duckdb.connect(str(record), read_only=True)
        except duckdb.Error as exc:
            raise BusyError(f"Database {record} sedang dipakai proses lain; coba lagi sebentar lagi.") from exc
        try:
            migrate.require_current(con, record)
            yield con
        finally:
            con.close()


@contextlib.contextmanager
def one_round(record: Path | str) -> Iterator[None]:
    """Only one round of deliveries at a time per record (a second `run` meanwhile is refused at once)."""
    fd = lock.try_acquire(kirim_key(Path(record)), wait=0)
    if fd is None:
        raise BusyError("Putaran pengiriman lain sedang berjalan; yang ini tidak dijalankan.")
    try:
        yield
    finally:
        os.close(fd)
