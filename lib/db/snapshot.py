"""Published read-only snapshots of the record: how writers publish them and how everyone else reads them.

After every committed write (under the writer lock, lib.db.lock) the record is copied whole into the snapshot
folder (temp file, fsync, rename), then the pointer file CURRENT and the symlink latest.duckdb switch to it
atomically. App processes, CLI reads and analysts open the latest snapshot READ-ONLY, so any number of them
work beside one brief writer. Readers hold a shared flock on the snapshot they use; a snapshot is deleted
only when it is not the newest and nobody holds it (the cleaner takes an exclusive flock first).

Folder: MONITOR41_SNAPSHOT_DIR, else `<record stem>-snapshots` beside the record
(data/monitor41.duckdb -> data/monitor41-snapshots/).
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import secrets
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from lib import config
from lib.db import lock
from lib.db.errors import DatabaseError

LOGGER = logging.getLogger("monitor41.snapshot")
POINTER = "CURRENT"
LATEST_LINK = "latest.duckdb"
PREFIX, SUFFIX, TMP_PREFIX = "snapshot-", ".duckdb", ".tmp-"
_published = [0]  # publications by this process: its readers look again at once, not after CHECK_SECONDS


def publications() -> int:
    """How many snapshots this process has published (a reader in it looks again when this moves)."""
    return _published[0]


@dataclass(frozen=True)
class Pointer:
    file: str  # name of the newest snapshot in the folder
    record: tuple  # the record's signature when it was copied
    published: str


def folder(record: Path | str) -> Path:
    """The snapshot folder of a record."""
    setting = config.get("MONITOR41_SNAPSHOT_DIR")
    record = Path(record)
    return Path(setting) if setting else record.with_name(f"{record.stem}-snapshots")


def missing_message(record: Path | str) -> str:
    """What to do when there is no record yet."""
    return (f"Berkas database {record} belum ada. Bangun dulu dengan `make run` atau "
            f"`.venv/bin/python -m lib.db build --db {record}`.")


def signature(record: Path) -> list | None:
    """What identifies one state of the record: inode, size and mtime of the file and of its WAL (a write
    not yet checkpointed changes only the WAL). None when the record is absent."""
    try:
        stat = record.stat()
    except FileNotFoundError:
        return None
    try:
        wal = record.with_name(record.name + ".wal").stat()
        wal_state = [wal.st_size, wal.st_mtime_ns]
    except FileNotFoundError:
        wal_state = [0, 0]
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns, *wal_state]


def read_pointer(snapshots: Path) -> Pointer | None:
    """The pointer file's content, or None when nothing was published yet."""
    try:
        data = json.loads((snapshots / POINTER).read_text(encoding="utf-8"))
        return Pointer(data["file"], tuple(data["record"]), data["published"])
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return None


def is_current(record: Path, pointer: Pointer | None) -> bool:
    """Whether the pointer's snapshot was copied from the record as it is now."""
    return pointer is not None and list(pointer.record) == signature(record)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f"{TMP_PREFIX}{path.name}")
    with open(tmp, "w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)


def _switch(snapshots: Path, name: str, record_signature: list) -> None:
    published = datetime.now(timezone.utc).isoformat(timespec="seconds")
    _write_atomically(snapshots / POINTER, json.dumps({"file": name, "record": record_signature,
                                                        "published": published}))
    link_tmp = snapshots / f"{TMP_PREFIX}{LATEST_LINK}"
    link_tmp.unlink(missing_ok=True)
    os.symlink(name, link_tmp)
    os.replace(link_tmp, snapshots / LATEST_LINK)
    _fsync_dir(snapshots)


def _open_source(record: Path, checkpoint: bool):
    """A connection that keeps other programs from writing the file while it is copied (WAL folded in)."""
    if checkpoint:
        try:
            con = lock.open_rw(record, wait=0)
            con.execute("CHECKPOINT")
            return con
        except DatabaseError:
            pass  # e.g. no write permission: a read-only open still proves that nobody writes it
    try:
        return duckdb.connect(str(record), read_only=True)
    except duckdb.Error as exc:
        raise DatabaseError(f"Database {record} tidak bisa dibaca untuk disalin (izin berkas, atau dipegang "
                            "program lain); tidak ada yang disalin.") from exc


def copy_consistent(source: Path, target: Path, final_mode: int = 0o444, checkpoint: bool = True) -> None:
    """Copy a DuckDB file no one writes meanwhile to target: temp file, fsync, rename (the caller holds the
    writer lock of a record)."""
    tmp = target.with_name(TMP_PREFIX + target.name)
    con = _open_source(source, checkpoint)
    try:
        shutil.copyfile(source, tmp)
    finally:
        con.close()
    with open(tmp, "rb+") as copy:
        os.fsync(copy.fileno())
    tmp.chmod(final_mode)  # a snapshot is never opened to write: that would block every reader
    os.replace(tmp, target)
    _fsync_dir(target.parent)


def publish(record: Path | str) -> Path:
    """Copy the record into a new snapshot and switch the pointer to it. The caller holds the writer lock.

    The record is opened here (after the writer closed it) so the signature stored is that of the file as
    it stays, and a program outside the lock cannot write it during the copy.
    """
    record = Path(record)
    snapshots = folder(record)
    snapshots.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    name = f"{PREFIX}{stamp}-{secrets.token_hex(3)}{SUFFIX}"
    copy_consistent(record, snapshots / name)
    _switch(snapshots, name, signature(record))
    _published[0] += 1
    clean(snapshots, keep=name, under_writer_lock=True)
    return snapshots / name


def try_publish(record: Path) -> bool:
    """Publish when the record changed behind the snapshot's back and no writer is busy; never raises."""
    try:
        fd = lock.try_acquire(record, wait=0)
    except OSError:
        return False
    if fd is None:
        return False
    try:
        if not is_current(record, read_pointer(folder(record))):
            publish(record)
        return True
    except (OSError, DatabaseError, duckdb.Error) as exc:
        LOGGER.warning("Salinan baca %s tidak bisa diterbitkan: %s", record, exc)
        return False
    finally:
        os.close(fd)


def clean(snapshots: Path, keep: str, under_writer_lock: bool = False) -> list[str]:
    """Delete snapshots older than `keep` that no reader holds; returns the names deleted."""
    deleted = []
    for path in sorted(snapshots.glob(f"{PREFIX}*{SUFFIX}")):
        if path.name >= keep:
            continue  # names sort by publication time: never touch the newest or a newer one
        with contextlib.suppress(OSError):
            fd = os.open(path, os.O_RDONLY)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                path.unlink()
                deleted.append(path.name)
            except BlockingIOError:
                pass  # a reader still uses it; a later publication or reader cleans it
            finally:
                os.close(fd)
    if under_writer_lock:  # leftovers of a publication that died half-way
        for stale in snapshots.glob(f"{TMP_PREFIX}*"):
            with contextlib.suppress(OSError):
                stale.unlink()
    return deleted


def clean_unused(record: Path) -> None:
    """Delete unused old snapshots when no writer is busy (readers call this when they let one go)."""
    try:
        fd = lock.try_acquire(record, wait=0)
    except OSError:
        return
    if fd is None:
        return
    try:
        pointer = read_pointer(folder(record))
        if pointer:
            clean(folder(record), keep=pointer.file)
    finally:
        os.close(fd)


def latest_path(record: Path | str) -> Path | None:
    """The newest snapshot of the record, or None if none was published."""
    snapshots = folder(record)
    pointer = read_pointer(snapshots)
    return snapshots / pointer.file if pointer else None
