"""The writer lock: one inter-process lock (flock on a file beside the record) that every write takes.

Uploads, rollbacks, builds, restores, migrations and snapshot publication all hold it for the length of
their write, so at most one process has the record open read-write at any time. flock locks belong to an
open file description, so two threads of one process that each take the lock also exclude each other.
A writer that finds the lock taken waits up to MONITOR41_WRITE_WAIT seconds, then gives up with a
"coba lagi" message (BusyError).
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from lib import config
from lib.db.errors import BusyError, DatabaseError

POLL_SECONDS = 0.05
BUSY_MESSAGE = ("Database sedang ditulis proses lain (unggahan, pembatalan, build atau pencadangan); tunggu "
                "sebentar lalu coba lagi. Tidak ada yang tersimpan.")


def lock_path(record: Path) -> Path:
    """The lock file beside the record: data/monitor41.duckdb -> data/monitor41.duckdb.lock."""
    return record.with_name(record.name + ".lock")


def wait_seconds() -> float:
    """How long a writer waits for the lock (MONITOR41_WRITE_WAIT)."""
    try:
        return max(0.0, float(config.get("MONITOR41_WRITE_WAIT").replace(",", ".")))
    except ValueError:
        return float(config.SETTINGS["MONITOR41_WRITE_WAIT"].default)


def _open(path: Path) -> int:
    # Read-only when it exists: flock needs no write access, so any user who may write the record may lock.
    try:
        return os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, 0o664)


def try_acquire(record: Path, wait: float) -> int | None:
    """The locked descriptor, or None when another holder kept the lock for `wait` seconds."""
    fd = _open(lock_path(record))
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                return None
            time.sleep(POLL_SECONDS)


@contextlib.contextmanager
def writer_lock(record: Path | str, wait: float | None = None) -> Iterator[None]:
    """Hold the writer lock of the record; BusyError after waiting `wait` (default MONITOR41_WRITE_WAIT)."""
    fd = try_acquire(Path(record), wait_seconds() if wait is None else wait)
    if fd is None:
        raise BusyError(BUSY_MESSAGE)
    try:
        yield
    finally:
        os.close(fd)  # closing the last descriptor releases the lock


def _is_lock_conflict(exc: Exception) -> bool:
    return "lock" in str(exc).lower()


def open_rw(record: Path, wait: float | None = None):
    """Open the record read-write (the caller holds the writer lock), waiting out a program outside it.

    A program that does not take the writer lock (an analyst's DuckDB CLI on the record itself, an old app
    process) holds DuckDB's own file lock: wait up to `wait` seconds, then BusyError.
    """
    import duckdb  # here: lib.db.lock itself needs no DuckDB

    deadline = time.monotonic() + (wait_seconds() if wait is None else wait)
    while True:
        try:
            return duckdb.connect(str(record))
        except duckdb.Error as exc:
            if not _is_lock_conflict(exc):
                raise DatabaseError(f"Database {record} tidak bisa dibuka untuk ditulis (izin berkas, ruang disk, "
                                    "atau berkas rusak). Periksa berkasnya; tidak ada yang tersimpan.") from exc
            if time.monotonic() >= deadline:
                raise BusyError(f"Database {record} sedang dipakai proses lain di luar aplikasi (mis. DuckDB CLI "
                                "yang membuka berkas rekaman); tutup program itu, lalu coba lagi. Analis membuka "
                                "salinan baca (lihat README). Tidak ada yang tersimpan.") from exc
            time.sleep(POLL_SECONDS * 4)
