"""The write statements of uploads, rollbacks, apel and cell notes (catatan), each run inside one
lib.db.writer.writing() block.

Ids are max + 1 read in the same transaction as the insert: the writer lock serialises our writers, and a
writer outside the lock that took the id meanwhile turns into BusyError ("coba lagi"), never a partial write.
"""
from __future__ import annotations

import contextlib
from datetime import date, datetime, time

import duckdb
import pandas as pd

from lib.db.errors import CONCURRENT, BusyError

CAPAIAN_COLUMNS = ["indikator", "wilayah", "periode", "nilai", "sumber", "catatan", "jenis", "dimuat_oleh",
                   "dimuat_pada", "unggahan"]
TINDAKAN_COLUMNS = ["isu", "opd", "wilayah", "periode", "judul", "uraian", "jumlah", "satuan", "sumber", "url",
                    "dimuat_oleh", "dimuat_pada", "unggahan"]


def add_batch(con, file_name: str, content_hash: str, user_name: str, when: datetime, rows: int,
              note: str) -> int:
    """Insert one unggahan row under the next id and return that id."""
    batch_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM unggahan").fetchone()[0]
    try:
        con.execute("INSERT INTO unggahan VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [batch_id, file_name, content_hash, user_name, when, rows, note])
    except duckdb.ConstraintException as exc:  # a writer outside this process's lock took the id meanwhile
        raise BusyError(CONCURRENT) from exc
    return batch_id


def _insert_frame(con, table: str, frame: pd.DataFrame) -> None:
    """INSERT every row of frame (its columns named as the table's) into table."""
    view = f"_{table}_rows"
    con.register(view, frame)
    try:
        columns = ", ".join(frame.columns)
        con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {view}")
    finally:
        with contextlib.suppress(duckdb.Error):  # an aborted transaction refuses even this
            con.unregister(view)


def add_values(con, rows: list[tuple]) -> None:
    """Append capaian rows, each a tuple in CAPAIAN_COLUMNS order (ids from the capaian_id sequence)."""
    _insert_frame(con, "capaian", pd.DataFrame(rows, columns=CAPAIAN_COLUMNS))


def add_actions(con, rows: list[tuple]) -> None:
    """Append tindakan rows, each a tuple in TINDAKAN_COLUMNS order, under the next ids."""
    # fetchall, not fetchone: register() refuses a connection with a result left unread
    first_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM tindakan").fetchall()[0][0]
    frame = pd.DataFrame(rows, columns=TINDAKAN_COLUMNS)
    frame.insert(0, "id", range(first_id, first_id + len(frame)))
    _insert_frame(con, "tindakan", frame)


def add_rollback(con, batch_id: int, user_name: str, when: datetime, reason: str) -> None:
    """Record that a batch is rolled back (its rows stay in capaian / tindakan)."""
    con.execute("INSERT INTO pembatalan VALUES (?, ?, ?, ?)", [batch_id, user_name, when, reason])


def add_apel(con, tanggal: date, jam: time, nama: str, tempat: str | None, catatan: str | None, user_name: str,
             when: datetime) -> None:
    """Record one apel, its date and time (no sumber or url: those are for seeded apel)."""
    con.execute("INSERT INTO apel (tanggal, jam, nama, tempat, catatan, dicatat_oleh, dicatat_pada) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)", [tanggal, jam, nama, tempat, catatan, user_name, when])


NOTE_COLUMNS = ["induk", "jenis", "isu", "indikator", "wilayah", "periode", "snapshot", "teks", "dibuat", "penulis",
                "opd_penulis", "opd_tujuan", "tenggat", "opd_komitmen", "sebutan"]
NOTE_EVENT_COLUMNS = ["catatan", "jenis", "status", "teks", "oleh", "opd", "pada"]


def _next_id(con, table: str) -> int:
    return con.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchall()[0][0]


def add_note(con, note: dict) -> int:
    """Append one catatan row (note: NOTE_COLUMNS -> value; sebutan a list) under the next id; return the id.
    The rules (lib.catatan.rules) have checked every value in this same transaction."""
    note_id = _next_id(con, "catatan")
    columns = ["id", *NOTE_COLUMNS]
    try:
        con.execute(f"INSERT INTO catatan ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                    [note_id, *(note.get(c) for c in NOTE_COLUMNS)])
    except duckdb.ConstraintException as exc:  # a writer outside this process's lock took the id meanwhile
        raise BusyError(CONCURRENT) from exc
    return note_id


def add_note_event(con, catatan: int, jenis: str, oleh: str, opd: str | None, pada: datetime,
                   status: str | None = None, teks: str | None = None) -> int:
    """Append one catatan_peristiwa row (jenis 'teks' a new version, 'status' a state change, 'tarik' a
    withdrawal) under the next id; return the id."""
    event_id = _next_id(con, "catatan_peristiwa")
    try:
        con.execute("INSERT INTO catatan_peristiwa (id, catatan, jenis, status, teks, oleh, opd, pada) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [event_id, catatan, jenis, status, teks, oleh, opd, pada])
    except duckdb.ConstraintException as exc:
        raise BusyError(CONCURRENT) from exc
    return event_id
