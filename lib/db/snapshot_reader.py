"""Reading the published snapshot: one Reader per process and record for the app, `reading()` for a CLI read.

A Reader looks at the pointer at most once per CHECK_SECONDS (a stat and a tiny file), opens a newer
snapshot read-only when one appears, and lets the previous one go as soon as no query of this process uses
it (no cursor it handed out is still alive) and SETTLE_SECONDS have passed (a page in progress finishes
there): it closes it, releases its flock and lets the cleaner delete it. A timer does this even when no
page runs. When the record changed behind the snapshot's back (a file restored by copying, a write by an
older program) and no writer is busy, the Reader publishes a fresh snapshot itself.

A damaged pointer, a missing snapshot or a truncated one is never shown as a raw DuckDB error: the reader
publishes again from the record (waiting at most REPAIR_WAIT_SECONDS for the writer lock); if it cannot,
it reads the newest intact snapshot of the folder, else the record itself, read-only, and tries again on
its next look.

Switching is gated when a warmer is set (the app sets one: lib.ui.warm): a newer snapshot is opened as
*pending*, the warmer computes the most visited results for it in one background thread, and latest() keeps
handing out the current snapshot until the warm-up is done or WARM_SECONDS have passed, then switches (the
log says "Salinan baca … dipakai"). A pending snapshot is never retired; a newer one supersedes it (the
superseded one is retired like any other, its warm-up stops at its next step); the snapshot switched away
from is retired then and let go by the release rules above. A snapshot this process published itself (an
upload on the Unggah page) is read by this process's next runs as soon as it is warm: they wait for the
warm-up (within the same bound) instead of reading the previous one, so whoever uploaded sees the upload.
"""
from __future__ import annotations

import contextlib
import fcntl
import logging
import math
import os
import threading
import time
import weakref
from collections.abc import Iterator
from pathlib import Path

import duckdb

from lib.db import lock, migrate, snapshot
from lib.db.errors import BusyError, DatabaseError, DatabaseMissingError, SchemaError

LOGGER = logging.getLogger("monitor41.snapshot")
CHECK_SECONDS = 1.0
SETTLE_SECONDS = 2.0
RETRY_PUBLISH_SECONDS = 10.0
REPAIR_WAIT_SECONDS = 1.0
WARM_SECONDS = 20.0  # the longest a warm-up holds readers on the previous snapshot (MONITOR41_WARM_SECONDS)
UNREADABLE = ("Salinan baca data tidak bisa dibuka dan belum bisa diterbitkan ulang; coba lagi sebentar lagi. "
              "Admin: lihat log server, lalu jalankan `python -m lib.db publish`.")


class DamagedError(DatabaseError):
    """A snapshot file that is truncated or not a readable DuckDB file of ours."""


class Handle:
    """One open snapshot: a read-only DuckDB connection and the shared flock that keeps the cleaner off it.

    size: the size the pointer says the file has (None: not checked). A Handle on the record itself (the last
    fallback, `temporary`) takes no flock and is let go at the reader's next look.
    """

    def __init__(self, path: Path, record: Path, size: int | None = None, temporary: bool = False):
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)  # FileNotFoundError: deleted meanwhile, look again
        try:
            if not temporary:
                fcntl.flock(fd, fcntl.LOCK_SH)
                if os.fstat(fd).st_ino != os.stat(path).st_ino:
                    raise FileNotFoundError(path)  # unlinked between our open and our lock
            self.size = os.fstat(fd).st_size
            if size is not None and self.size != size:
                raise DamagedError(f"{path}: {self.size} bita, penunjuk menyebut {size}")
            try:
                self.con = duckdb.connect(str(path), read_only=True)
            except duckdb.Error as exc:
                if not path.exists():
                    raise FileNotFoundError(path) from exc
                raise DamagedError(f"{path}: {exc}") from exc
            try:
                migrate.require_current(self.con, record)
                self.con.execute("SELECT count(*) FROM unggahan").fetchone()  # reads the catalog and a table
            except duckdb.Error as exc:
                self.con.close()
                raise DamagedError(f"{path}: {exc}") from exc
            except BaseException:
                self.con.close()
                raise
        except BaseException:
            os.close(fd)
            raise
        self.fd, self.path, self.version, self.temporary = fd, path, path.name, temporary
        self.opened = time.monotonic()
        self.warmed = threading.Event()  # set when the warm-up of this snapshot finished (lib.ui.warm)
        self._cursors: weakref.WeakSet = weakref.WeakSet()

    @property
    def warm(self) -> bool:
        return self.warmed.is_set()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A fresh cursor (DuckDB connections are not thread-safe; a cursor per use is)."""
        cursor = self.con.cursor()
        self._cursors.add(cursor)
        return cursor

    def in_use(self) -> bool:
        """Whether a cursor handed out is still alive (a query, or a page holding it)."""
        return len(self._cursors) > 0

    def intact(self) -> bool:
        """Whether the file still has the size it was opened with and is still the one at its path."""
        try:
            return os.fstat(self.fd).st_size == self.size and (self.temporary or self.path.exists())
        except OSError:
            return False

    def close(self) -> None:
        """Close the connection and release the flock."""
        with contextlib.suppress(duckdb.Error):
            self.con.close()
        with contextlib.suppress(OSError):
            os.close(self.fd)


def _open_pointed(record: Path, snapshots: Path) -> Handle | None:
    """The pointer's snapshot opened; None when the pointer is absent or damaged or its file missing or
    damaged (logged). Reads the pointer again once if the file was just deleted by a cleaner."""
    for _ in range(2):
        pointer = snapshot.read_pointer(snapshots)
        if pointer is None:
            return None
        try:
            return Handle(snapshots / pointer.file, record, pointer.size)
        except FileNotFoundError:
            continue
        except DamagedError as exc:
            LOGGER.warning("Salinan baca rusak: %s", exc)
            return None
    LOGGER.warning("Salinan baca yang ditunjuk %s tidak ada.", snapshots / snapshot.POINTER)
    return None


def _open_newest_intact(record: Path, snapshots: Path) -> Handle | None:
    """The newest snapshot file of the folder that opens (the pointer being of no use), never the pointer's
    own file when that has not the size the pointer gives (a truncated DuckDB file may still open)."""
    pointer = snapshot.read_pointer(snapshots)
    for path in reversed(snapshot.snapshot_files(snapshots)):
        size = pointer.size if pointer is not None and pointer.file == path.name else None
        try:
            return Handle(path, record, size)
        except (FileNotFoundError, DamagedError):
            continue
        except SchemaError:
            return None
    return None


def open_latest(record: Path, snapshots: Path, record_fallback: bool = True) -> Handle:
    """The pointer's snapshot; when it is damaged or missing, publish again from the record (writer lock
    within REPAIR_WAIT_SECONDS), else the newest intact snapshot of the folder, else (record_fallback) the
    record itself read-only. DatabaseError with a plain message when there is nothing to read."""
    handle = _open_pointed(record, snapshots)
    if handle is not None:
        return handle
    if record.exists() and snapshot.repair(record, REPAIR_WAIT_SECONDS):
        handle = _open_pointed(record, snapshots)
        if handle is not None:
            return handle
    handle = _open_newest_intact(record, snapshots)
    if handle is not None:
        LOGGER.warning("Membaca %s (penunjuk %s tidak bisa dipakai).", handle.path, snapshots / snapshot.POINTER)
        return handle
    if record_fallback and record.exists():
        with contextlib.suppress(FileNotFoundError, DamagedError):
            con = None
            try:
                con = _open_record_read_only(record, 0)  # None: a program outside the writer lock holds it
            except DatabaseError as exc:
                LOGGER.error("%s", exc)  # names the path: the log, not the visitor
            if con is not None:
                con.close()
                return Handle(record, record, temporary=True)
    if not record.exists() and snapshot.read_pointer(snapshots) is None and not snapshot.snapshot_files(snapshots):
        LOGGER.error(snapshot.missing_message(record))
        raise DatabaseMissingError(snapshot.missing_message(record))
    raise DatabaseError(UNREADABLE)


class Reader:
    """The latest snapshot of one record, for every session of one process."""

    def __init__(self, record: Path, clock=time.monotonic):
        self.record = record
        self.snapshots = snapshot.folder(record)
        self._clock = clock
        self._lock = threading.Lock()
        self._current: Handle | None = None
        self._pending: tuple[Handle, float] | None = None  # opened, being warmed, not yet handed out
        self._pending_own = False  # the pending snapshot was published by this process
        self._retired: list[tuple[Handle, float]] = []
        self._checked = -math.inf
        self._seen = -1
        self._publish_after = -math.inf
        self._timer: threading.Timer | None = None
        self._warmer = None
        self._warm_seconds = WARM_SECONDS
        self._worker: threading.Thread | None = None

    def set_warmer(self, warmer, seconds: float = WARM_SECONDS) -> None:
        """Gate switching on a warm-up: warmer(previous_version, new_version, wanted) computes results for the
        new snapshot while latest() still hands out the previous one, for at most `seconds`; wanted() turns
        False when a newer snapshot superseded it. None (or seconds <= 0): switch at once."""
        with self._lock:
            self._warmer, self._warm_seconds = (warmer, seconds) if seconds > 0 else (None, 0.0)

    def latest(self) -> Handle:
        """The snapshot to read now, looking for a newer one at most once per CHECK_SECONDS; with a warmer,
        a newer one only once it is warm (or after the warm-up's bound)."""
        with self._lock:
            now = self._clock()
            own = self._seen != snapshot.publications()
            if self._current is None or now - self._checked >= CHECK_SECONDS or self._current.temporary or own:
                self._checked, self._seen = now, snapshot.publications()
                self._refresh(now, own)
            self._switch_when_warm(now)
            waiting = self._pending if self._pending is not None and self._pending_own else None
            if waiting is None:
                self._release(now)
                return self._current
        handle, since = waiting  # published here: wait for its warm-up (outside the lock), then read it
        handle.warmed.wait(max(0.0, self._warm_seconds - (now - since)))
        with self._lock:
            now = self._clock()
            if self._pending is waiting:
                self._switch_when_warm(now, force=True)
            self._release(now)
            return self._current

    def get(self, version: str) -> Handle | None:
        """The snapshot of that version if this process still has it open (a page pinned to it, or the
        warm-up of a pending one)."""
        with self._lock:
            pending = [self._pending[0]] if self._pending else []
            for handle in [self._current] + pending + [h for h, _ in self._retired]:
                if handle is not None and handle.version == version:
                    return handle
        return None

    def pending(self) -> str | None:
        """The version being warmed, if any."""
        with self._lock:
            return self._pending[0].version if self._pending else None

    def _refresh(self, now: float, own: bool = False) -> None:
        pointer = snapshot.read_pointer(self.snapshots)
        if self.record.exists() and now >= self._publish_after and (
                not snapshot.is_current(self.record, pointer) or not snapshot.is_intact(self.snapshots, pointer)):
            if not snapshot.try_publish(self.record):
                self._publish_after = now + RETRY_PUBLISH_SECONDS
            pointer = snapshot.read_pointer(self.snapshots)
        current = self._current
        usable = current is not None and current.intact() and not current.temporary
        if usable:
            if pointer is not None and current.version == pointer.file:
                self._drop_pending(now)  # the pointer went back to what is read (a pending one is moot)
                return
            if pointer is None and not self.record.exists():
                return  # a replica whose pointer went bad keeps what it reads
            pending = self._pending[0] if self._pending else None
            if pending is not None and pointer is not None and pending.version == pointer.file and pending.intact():
                return  # still warming it
        if pointer is None and current is None and not self.record.exists() \
                and not snapshot.snapshot_files(self.snapshots):
            LOGGER.error(snapshot.missing_message(self.record))
            raise DatabaseMissingError(snapshot.missing_message(self.record))
        handle = open_latest(self.record, self.snapshots)
        if usable and self._warmer is not None and handle is not current and not handle.temporary:
            self._drop_pending(now)  # superseded: its warm-up stops at its next step
            self._pending, self._pending_own = (handle, now), own
            self._start_worker()
            return
        self._drop_pending(now)
        self._use(handle, now)

    def _use(self, handle: Handle, now: float) -> None:
        """Hand out handle from now on; the previous one is retired."""
        current = self._current
        if current is not None and current is not handle:
            self._retired.append((current, now))
        self._current = handle
        if current is not None and current is not handle:
            LOGGER.info("Salinan baca %s dipakai%s.", handle.version, "" if handle.warm else " (belum hangat)")

    def _drop_pending(self, now: float) -> None:
        if self._pending is not None:
            self._retired.append((self._pending[0], now))
            self._pending = None

    def _switch_when_warm(self, now: float, force: bool = False) -> None:
        """Switch to the pending snapshot once it is warm or the warm-up's bound has passed."""
        if self._pending is None:
            return
        handle, since = self._pending
        if handle.warm or force or now - since >= self._warm_seconds:
            if not handle.warm:
                LOGGER.warning("Pemanasan salinan baca %s belum selesai setelah %.0f s; pembaca beralih.",
                               handle.version, self._warm_seconds)
            self._pending = None
            self._use(handle, now)

    def _start_worker(self) -> None:
        """One warm-up thread per reader: it warms the pending snapshot, then the next one if a newer came."""
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._warm_loop, name="monitor41-warm", daemon=True)
            self._worker.start()

    def _warm_loop(self) -> None:
        while True:
            with self._lock:
                if self._pending is None or self._pending[0].warm or self._warmer is None:
                    self._worker = None
                    return
                handle, warmer = self._pending[0], self._warmer
                previous = self._current.version if self._current is not None else None

            def wanted(handle=handle) -> bool:
                with self._lock:
                    return self._pending is not None and self._pending[0] is handle

            try:
                warmer(previous, handle.version, wanted)
            except Exception:  # a warm-up never takes a reader down: the page computes what is missing
                LOGGER.exception("Pemanasan salinan baca %s gagal", handle.version)
            handle.warmed.set()

    def _release(self, now: float) -> None:
        """Close retired snapshots no query uses any more; a timer comes back for those still in use."""
        done = [(h, since) for h, since in self._retired
                if not h.in_use() and (h.temporary or now - since >= SETTLE_SECONDS)]
        for handle, _ in done:
            handle.close()
        self._retired = [item for item in self._retired if item not in done]
        if done:
            snapshot.clean_unused(self.record)
        current = self._current
        if current is not None and current.temporary and now - current.opened >= SETTLE_SECONDS \
                and not current.in_use():
            current.close()  # the record itself: never kept open past a page (it would hold writers off)
            self._current = None
        current = self._current
        if (self._retired or (current is not None and current.temporary)) and self._timer is None:
            self._timer = threading.Timer(SETTLE_SECONDS / 2, self._on_timer)
            self._timer.daemon = True
            self._timer.start()

    def _on_timer(self) -> None:
        with self._lock:
            self._timer = None
            self._release(self._clock())

    def close(self) -> None:
        """Close every snapshot this reader holds (tests, shutdown)."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            pending = [self._pending[0]] if self._pending else []
            for handle in [self._current] + pending + [h for h, _ in self._retired]:
                if handle is not None:
                    handle.close()
            self._current, self._pending, self._retired = None, None, []


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
    """A read-only connection for a short read (CLI): the latest snapshot when it is current and intact,
    else the record itself (changed since, never published, or the snapshot damaged and not republished)
    unless a program holds that for writing. Never needs write access; repairs a damaged snapshot when it
    can take the writer lock at once."""
    record = Path(record)
    snapshots = snapshot.folder(record)
    pointer = snapshot.read_pointer(snapshots)
    con = None
    if pointer is None or (record.exists() and not snapshot.is_current(record, pointer)):
        if record.exists():
            con = _open_record_read_only(record, 0 if pointer else lock.wait_seconds())
            if con is None and pointer is None and not snapshot.snapshot_files(snapshots):
                raise BusyError(f"Database {record} sedang ditulis proses lain; coba lagi sebentar lagi.")
        elif pointer is None and not snapshot.snapshot_files(snapshots):
            raise DatabaseMissingError(snapshot.missing_message(record))
    if con is None:
        handle = _open_pointed(record, snapshots)
        if handle is None and record.exists() and snapshot.repair(record, 0):
            handle = _open_pointed(record, snapshots)  # republished at once: no writer was busy
        if handle is None and record.exists():
            con = _open_record_read_only(record, lock.wait_seconds())
        if handle is None and con is None:
            handle = open_latest(record, snapshots, record_fallback=False)
    if con is None:
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
