"""Reading the published snapshot: one Reader per process and record for the app, `reading()` for a CLI read.

A Reader looks at the pointer at most once per CHECK_SECONDS (a stat and a tiny file), opens a newer
snapshot read-only when one appears, and keeps the previous one open for GRACE_SECONDS so a page being
drawn on it finishes there; then it closes it and lets the cleaner delete it. When the record changed
behind the snapshot's back (a file restored by copying, a write by an older program) and no writer is
busy, the Reader publishes a fresh snapshot itself.
"""
from __future__ import annotations

import contextlib
import fcntl
import math
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from lib.db import lock, migrate, snapshot
from lib.db.errors import BusyError, DatabaseError, DatabaseMissingError

CHECK_SECONDS = 1.0
GRACE_SECONDS = 60.0
RETRY_PUBLISH_SECONDS = 10.0


class Handle:
    """One open snapshot: a read-only DuckDB connection and the shared flock that keeps the cleaner off it."""

    def __init__(self, path: Path, record: Path):
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)  # FileNotFoundError: deleted meanwhile, look again
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)
            if os.fstat(fd).st_ino != os.stat(path).st_ino:
                raise FileNotFoundError(path)  # unlinked between our open and our lock
            try:
                self.con = duckdb.connect(str(path), read_only=True)
            except duckdb.Error as exc:
                raise DatabaseError(f"Salinan baca {path} tidak bisa dibuka; terbitkan ulang dengan "
                                    "`.venv/bin/python -m lib.db publish`.") from exc
            try:
                migrate.require_current(self.con, record)
            except BaseException:
                self.con.close()
                raise
        except BaseException:
            os.close(fd)
            raise
        self.fd, self.path, self.version = fd, path, path.name

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A fresh cursor (DuckDB connections are not thread-safe; a cursor per use is)."""
        return self.con.cursor()

    def close(self) -> None:
        """Close the connection and release the flock."""
        with contextlib.suppress(duckdb.Error):
            self.con.close()
        with contextlib.suppress(OSError):
            os.close(self.fd)


def _open_latest(record: Path, snapshots: Path) -> Handle:
    """The pointer's snapshot, opened; reads the pointer again once if that file was just deleted."""
    for _ in range(2):
        pointer = snapshot.read_pointer(snapshots)
        if pointer is None:
            break
        try:
            return Handle(snapshots / pointer.file, record)
        except FileNotFoundError:
            continue
    raise DatabaseError(f"Salinan baca di {snapshots} tidak ditemukan; terbitkan dengan "
                        f"`.venv/bin/python -m lib.db publish --db {record}`.")


class Reader:
    """The latest snapshot of one record, for every session of one process."""

    def __init__(self, record: Path):
        self.record = record
        self.snapshots = snapshot.folder(record)
        self._lock = threading.Lock()
        self._current: Handle | None = None
        self._retired: list[tuple[Handle, float]] = []
        self._checked = -math.inf
        self._seen = -1
        self._publish_after = -math.inf

    def latest(self) -> Handle:
        """The newest snapshot, looking for a newer one at most once per CHECK_SECONDS."""
        with self._lock:
            now = time.monotonic()
            if (self._current is None or now - self._checked >= CHECK_SECONDS
                    or self._seen != snapshot.publications()):
                self._checked, self._seen = now, snapshot.publications()
                self._refresh(now)
            self._close_retired(now)
            return self._current

    def get(self, version: str) -> Handle | None:
        """The snapshot of that version if this process still has it open (a page pinned to it)."""
        with self._lock:
            for handle in [self._current] + [h for h, _ in self._retired]:
                if handle is not None and handle.version == version:
                    return handle
        return None

    def _refresh(self, now: float) -> None:
        pointer = snapshot.read_pointer(self.snapshots)
        if self.record.exists() and not snapshot.is_current(self.record, pointer) and now >= self._publish_after:
            if not snapshot.try_publish(self.record):
                self._publish_after = now + RETRY_PUBLISH_SECONDS
            pointer = snapshot.read_pointer(self.snapshots)
        if pointer is None:
            if self._current is not None:
                return
            if not self.record.exists():
                raise DatabaseMissingError(snapshot.missing_message(self.record))
        elif self._current is not None and self._current.version == pointer.file:
            return
        handle = _open_latest(self.record, self.snapshots)
        if self._current is not None:
            self._retired.append((self._current, now))
        self._current = handle

    def _close_retired(self, now: float) -> None:
        done = [(h, since) for h, since in self._retired if now - since >= GRACE_SECONDS]
        for handle, _ in done:
            handle.close()
        self._retired = [item for item in self._retired if item not in done]
        if done:
            snapshot.clean_unused(self.record)

    def close(self) -> None:
        """Close every snapshot this reader holds (tests, shutdown)."""
        with self._lock:
            for handle in [self._current] + [h for h, _ in self._retired]:
                if handle is not None:
                    handle.close()
            self._current, self._retired = None, []


_READERS: dict[tuple[str, str], Reader] = {}
_READERS_LOCK = threading.Lock()


def reader(record: Path | str) -> Reader:
    """The process's Reader for this record (and snapshot folder)."""
    record = Path(record)
    key = (str(record), str(snapshot.folder(record)))
    with _READERS_LOCK:
        if key not in _READERS:
            _READERS[key] = Reader(record)
        return _READERS[key]


def _open_record_read_only(record: Path, wait: float) -> duckdb.DuckDBPyConnection | None:
    """The record opened read-only; None when a program outside the writer lock kept it for `wait` seconds."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(str(record), read_only=True)
        except duckdb.Error as exc:
            if "lock" not in str(exc).lower():
                raise DatabaseError(f"Database {record} tidak bisa dibaca (izin berkas, atau bukan berkas DuckDB "
                                    "yang utuh). Periksa berkasnya atau pulihkan dari cadangan.") from exc
            if time.monotonic() >= deadline:
                return None
            time.sleep(lock.POLL_SECONDS * 4)


@contextlib.contextmanager
def reading(record: Path | str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for a short read (CLI): the latest snapshot when it is current, else the record
    itself (changed since, or never published) unless a program holds that for writing. Never writes and
    needs no write access anywhere."""
    record = Path(record)
    snapshots = snapshot.folder(record)
    pointer = snapshot.read_pointer(snapshots)
    con = None
    if pointer is None or (record.exists() and not snapshot.is_current(record, pointer)):
        if not record.exists():
            raise DatabaseMissingError(snapshot.missing_message(record))
        con = _open_record_read_only(record, 0 if pointer else lock.wait_seconds())
        if con is None and pointer is None:
            raise BusyError(f"Database {record} sedang ditulis proses lain; coba lagi sebentar lagi.")
    if con is None:
        handle = _open_latest(record, snapshots)
        con, close = handle.con, handle.close
    else:
        close = con.close
        try:
            migrate.require_current(con, record)
        except BaseException:
            close()
            raise
    try:
        yield con
    finally:
        close()
