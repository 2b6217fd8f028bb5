"""Published read-only snapshots of the record: how writers publish them and how everyone else reads them.

After every committed write (under the writer lock, lib.db.lock) the record is copied whole into the snapshot
folder (temp file, fsync, rename), then the pointer file CURRENT and the symlink latest.duckdb switch to it
atomically. App processes, CLI reads and analysts open the latest snapshot READ-ONLY, so any number of them
work beside one brief writer.

Rules that keep a snapshot from lying:
- A publication either ends with the pointer on a complete copy or raises PublishError; its temporary file
  and an unpointed copy are removed on failure, and the next publication (any write, `lib.db publish`, or a
  reader that finds the record newer than its snapshot) tries again.
- The pointer names a plain file of this folder matching NAME_PATTERN, and the copy's size; anything else is
  a damaged pointer: read_pointer returns None, readers never follow it and the next publication rewrites it.
- Readers hold a shared flock on every snapshot they have open. Cleaning deletes only files matching
  NAME_PATTERN / TEMP_PATTERN (never anything else, even when the folder is the data folder), never the
  newest, and a held one only past the ceiling MONITOR41_SNAPSHOT_MAX (its reader keeps its open copy).

Folder: MONITOR41_SNAPSHOT_DIR, else `<record stem>-snapshots` beside the record
(data/monitor41.duckdb -> data/monitor41-snapshots/).
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import logging
import os
import re
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
NAME_PATTERN = re.compile(r"snapshot-\d{8}T\d{12}-[0-9a-f]{6}\.duckdb")
TEMP_PATTERN = re.compile(r"\.tmp-(?:snapshot-\d{8}T\d{12}-[0-9a-f]{6}\.duckdb|CURRENT|latest\.duckdb)")
DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
_published = [0]  # publications by this process: its readers look again at once, not after CHECK_SECONDS


class PublishError(DatabaseError):
    """A snapshot could not be published (disk full, no permission); `why` says so in a few words."""

    def __init__(self, message: str, why: str):
        super().__init__(message)
        self.why = why


def publications() -> int:
    """How many snapshots this process has published (a reader in it looks again when this moves)."""
    return _published[0]


@dataclass(frozen=True)
class Pointer:
    file: str  # name of the newest snapshot in the folder (a plain name matching NAME_PATTERN)
    record: tuple  # the record's signature when it was copied
    published: str
    size: int | None = None  # the copy's size in bytes (None: a pointer written by an older release)


def folder(record: Path | str) -> Path:
    """The snapshot folder of a record."""
    setting = config.get("MONITOR41_SNAPSHOT_DIR")
    record = Path(record)
    return Path(setting) if setting else record.with_name(f"{record.stem}-snapshots")


def ceiling() -> int:
    """How many snapshot files the folder may list at most (MONITOR41_SNAPSHOT_MAX, at least 1)."""
    try:
        return max(1, int(config.get("MONITOR41_SNAPSHOT_MAX")))
    except ValueError:
        return int(config.SETTINGS["MONITOR41_SNAPSHOT_MAX"].default)


def missing_message(record: Path | str) -> str:
    """For operators (CLI, server log): there is no record yet, where it should be and how to build it."""
    return (f"Berkas database {record} belum ada. Bangun dulu dengan `make run` atau "
            f"`.venv/bin/python -m lib.db build --db {record}`.")


def visitor_missing_message(lang: str = "id") -> str:
    """For visitors of the app: the same news without a server path or a command (log missing_message)."""
    from lib.text import i18n

    return i18n.t("salinan.belum_ada", lang)


def is_snapshot_name(name: object) -> bool:
    """Whether name is a plain snapshot file name of this folder (no separator, no '..', our pattern)."""
    return isinstance(name, str) and NAME_PATTERN.fullmatch(name) is not None


def is_own_file(name: str) -> bool:
    """Whether a file of the folder is one this module writes (a snapshot, a temporary, the pointer, the link)."""
    return is_snapshot_name(name) or TEMP_PATTERN.fullmatch(name) is not None or name in (POINTER, LATEST_LINK)


def snapshot_files(snapshots: Path) -> list[Path]:
    """The snapshot files of the folder, oldest first (names sort by publication time)."""
    try:
        names = os.listdir(snapshots)
    except OSError:
        return []
    return [snapshots / name for name in sorted(names) if is_snapshot_name(name)]


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
    """The pointer file's content, or None when nothing was published yet or the pointer is damaged (not
    JSON, or a file name that is not a plain snapshot name of this folder: never followed)."""
    try:
        data = json.loads((snapshots / POINTER).read_text(encoding="utf-8"))
        pointer = Pointer(data["file"], tuple(data["record"]), data["published"], data.get("size"))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not is_snapshot_name(pointer.file) or not (pointer.size is None or isinstance(pointer.size, int)):
        LOGGER.warning("Penunjuk %s rusak (menyebut %r); tidak diikuti.", snapshots / POINTER, pointer.file)
        return None
    return pointer


def is_current(record: Path, pointer: Pointer | None) -> bool:
    """Whether the pointer's snapshot was copied from the record as it is now."""
    return pointer is not None and list(pointer.record) == signature(record)


def is_intact(snapshots: Path, pointer: Pointer | None) -> bool:
    """Whether the pointer's snapshot is there with the size it was published with (a cheap stat)."""
    if pointer is None:
        return False
    try:
        size = (snapshots / pointer.file).stat().st_size
    except OSError:
        return False
    return pointer.size is None or size == pointer.size


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f"{TMP_PREFIX}{path.name}")
    try:
        with open(tmp, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _switch(snapshots: Path, name: str, record_signature: list, size: int) -> None:
    published = datetime.now(timezone.utc).isoformat(timespec="seconds")
    _write_atomically(snapshots / POINTER, json.dumps({"file": name, "record": record_signature,
                                                        "published": published, "size": size}))
    link_tmp = snapshots / f"{TMP_PREFIX}{LATEST_LINK}"
    link_tmp.unlink(missing_ok=True)
    try:
        os.symlink(name, link_tmp)
        os.replace(link_tmp, snapshots / LATEST_LINK)
    except BaseException:
        link_tmp.unlink(missing_ok=True)
        raise
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
    writer lock of a record). On any failure the temporary file is removed and target is untouched."""
    tmp = target.with_name(TMP_PREFIX + target.name)
    try:
        con = _open_source(source, checkpoint)
        try:
            shutil.copyfile(source, tmp)
        finally:
            con.close()
        with open(tmp, "rb+") as copy:
            os.fsync(copy.fileno())
        tmp.chmod(final_mode)  # a snapshot is never opened to write: that would block every reader
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)


def _why(exc: OSError) -> str:
    if exc.errno in DISK_FULL:
        return "ruang disk penuh"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "tidak ada izin menulis folder salinan baca"
    return f"galat berkas: {exc.strerror or exc}"


def publish(record: Path | str) -> Path:
    """Copy the record into a new snapshot and switch the pointer to it. The caller holds the writer lock.

    The record is opened here (after the writer closed it) so the signature stored is that of the file as
    it stays, and a program outside the lock cannot write it during the copy. PublishError when the copy or
    the switch fails: nothing half-written stays and the pointer still names the previous snapshot.
    """
    record = Path(record)
    snapshots = folder(record)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    name = f"{PREFIX}{stamp}-{secrets.token_hex(3)}{SUFFIX}"
    target = snapshots / name
    try:
        snapshots.mkdir(parents=True, exist_ok=True)
        _remove_temporaries(snapshots)  # leftovers of a publication that died half-way: room first
        try:
            copy_consistent(record, target)
            _switch(snapshots, name, signature(record), target.stat().st_size)
        except BaseException:
            pointer = read_pointer(snapshots)
            if pointer is None or pointer.file != name:
                target.unlink(missing_ok=True)
            raise
    except OSError as exc:
        why = _why(exc)  # no log line here: the caller reports it (a CLI's stderr holds one clear line)
        raise PublishError(f"Salinan baca tidak bisa diterbitkan ({why}); aplikasi masih membaca salinan "
                           "sebelumnya. Bereskan penyebabnya lalu jalankan lagi `python -m lib.db publish`.",
                           why) from exc
    _published[0] += 1
    clean(snapshots, keep=name)
    return target


def _publish_unless_fine(record: Path, wait: float, fine, failed: str) -> bool:
    """Publish when `fine(snapshots, pointer)` says the snapshot will not do, taking the writer lock for at most
    `wait` seconds; True when it was fine or is now published. Never raises (the reason goes to the log)."""
    try:
        fd = lock.try_acquire(record, wait=wait)
    except OSError:
        return False
    if fd is None:
        return False
    try:
        snapshots = folder(record)
        if not fine(snapshots, read_pointer(snapshots)):
            publish(record)
        return True
    except (OSError, DatabaseError, duckdb.Error) as exc:
        LOGGER.warning(failed, record, exc)
        return False
    finally:
        os.close(fd)


def repair(record: Path, wait: float) -> bool:
    """Publish again when the pointer is damaged or its snapshot is missing or truncated, taking the writer
    lock for at most `wait` seconds; True when the pointer names an intact snapshot afterwards. Never raises."""
    def intact(snapshots: Path, pointer: Pointer | None) -> bool:
        if is_intact(snapshots, pointer):
            return True
        LOGGER.warning("Salinan baca %s hilang atau rusak; diterbitkan ulang dari %s.", snapshots, record)
        return False

    return _publish_unless_fine(record, wait, intact, "Salinan baca %s tidak bisa diterbitkan ulang: %s")


def try_publish(record: Path) -> bool:
    """Publish when the record changed behind the snapshot's back and no writer is busy; never raises."""
    return _publish_unless_fine(record, 0, lambda snapshots, pointer: is_current(record, pointer)
                                and is_intact(snapshots, pointer), "Salinan baca %s tidak bisa diterbitkan: %s")


def _remove_temporaries(snapshots: Path) -> None:
    """Delete our temporary files (the caller holds the writer lock, so no publication is under way)."""
    with contextlib.suppress(OSError):
        for name in os.listdir(snapshots):
            if TEMP_PATTERN.fullmatch(name):
                with contextlib.suppress(OSError):
                    (snapshots / name).unlink()


def _delete_unheld(path: Path) -> bool:
    """Delete a snapshot no reader holds (an exclusive flock taken without waiting); False if one does."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        path.unlink()
        return True
    except OSError:
        return False  # BlockingIOError: a reader still uses it; a later publication or reader cleans it
    finally:
        os.close(fd)


def clean(snapshots: Path, keep: str) -> list[str]:
    """Delete snapshots older than `keep` that no reader holds, then, past the ceiling, the oldest ones even
    if held (their readers keep reading their open copy; the space returns when they let go). Only files
    matching NAME_PATTERN are ever deleted. Returns the names deleted."""
    deleted = []
    older = [path for path in snapshot_files(snapshots) if path.name < keep]  # never the newest or a newer one
    for path in older:
        if _delete_unheld(path):
            deleted.append(path.name)
    left = [path for path in older if path.name not in deleted]
    excess = len(snapshot_files(snapshots)) - ceiling()
    for path in left[:max(0, excess)]:
        with contextlib.suppress(OSError):
            path.unlink()
            deleted.append(path.name)
            LOGGER.info("Salinan baca %s dihapus (batas MONITOR41_SNAPSHOT_MAX) walau masih dibaca.", path.name)
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


def remove_all(record: Path | str) -> list[str]:
    """Delete this module's files from the record's snapshot folder (snapshots, temporaries, pointer, link),
    then the folder itself if nothing else is in it; any other file stays. The caller holds the writer lock."""
    snapshots = folder(record)
    removed = []
    with contextlib.suppress(FileNotFoundError):
        for name in sorted(os.listdir(snapshots)):
            path = snapshots / name
            if is_own_file(name) and (path.is_symlink() or path.is_file()):
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                    removed.append(name)
        with contextlib.suppress(OSError):
            snapshots.rmdir()  # only when empty
    return removed


def latest_path(record: Path | str) -> Path | None:
    """The newest snapshot of the record, or None if none was published (or the pointer is damaged)."""
    snapshots = folder(record)
    pointer = read_pointer(snapshots)
    return snapshots / pointer.file if pointer else None
