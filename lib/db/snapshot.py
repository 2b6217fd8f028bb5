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

Cell notes (catatan sel, issue 21) are never in a snapshot: NOTE_TABLES are left out of the copy (the
figures are copied table by table into a fresh file, so not even a freed page of the record's holds a
note's text), and a note write does not publish a snapshot at all: the record's new signature is stamped on
the same snapshot (restamp, when it was current before the write), so no reader reopens and no figure
cache empties. Notes are published apart, after every note write and every publication, into a small notes
file of the same folder (NOTES_PREFIX…, pointer NOTES_POINTER, the same rules: temp file, atomic switch,
temp removed on failure, pointer confined to the folder). The app reads it through reading_notes(); a
public process (MONITOR41_PUBLIC) never opens it (NotesHiddenError).

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
NOTE_TABLES = ("catatan", "catatan_peristiwa")  # never in a snapshot (lib/db/schema.sql, issue 21)
# Never in a snapshot either, nor in the notes file: subscriptions and outbox of lib.kirim (issue 22).
# Orang tua asuh (issue 23): the child-level sponsorships never leave the record either; a snapshot holds
# their sums instead, the view v_asuhan_agregat written as a table of the same name (MATERIALIZED_VIEWS).
PRIVATE_TABLES = (*NOTE_TABLES, "langganan", "kiriman", "asuhan")
MATERIALIZED_VIEWS = ("v_asuhan_agregat",)
NOTES_POINTER, NOTES_PREFIX = "CATATAN", "catatan-"
NOTES_PATTERN = re.compile(r"catatan-\d{8}T\d{12}-[0-9a-f]{6}\.duckdb")
TEMP_PATTERN = re.compile(r"\.tmp-(?:(?:figur-)?snapshot-\d{8}T\d{12}-[0-9a-f]{6}\.duckdb|CURRENT|CATATAN|"
                          r"latest\.duckdb|catatan-\d{8}T\d{12}-[0-9a-f]{6}\.duckdb)")
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
    return (is_snapshot_name(name) or NOTES_PATTERN.fullmatch(name) is not None
            or TEMP_PATTERN.fullmatch(name) is not None or name in (POINTER, LATEST_LINK, NOTES_POINTER))


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
    """A connection that keeps other programs from writing the file while it is copied (WAL folded in). It is
    read-only when another process has the record open to read (its shared lock refuses a writer): a file
    ATTACHed to it is then read-only too unless the ATTACH says READ_WRITE (without it a new copy "does not
    exist", and a write that raced a reader, e.g. a build checking the record for user data, lost its
    publication)."""
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


def _sql_text(path: Path) -> str:
    """A path inside a SQL string literal (ATTACH takes no parameter): quotes doubled."""
    return str(path).replace("'", "''")


def _ident(name: str) -> str:
    """A name as a quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def _table_sql(con, database: str) -> list[tuple[str, str]]:
    return con.execute("SELECT table_name, sql FROM duckdb_tables() WHERE database_name = ? AND schema_name = 'main' "
                       "AND NOT temporary ORDER BY table_oid", [database]).fetchall()


def _fill_table(con, source: str, target: str, table: str) -> None:
    """Copy every row of source.table into target.table; a table referring to itself (wilayah.kode_induk) goes
    in rounds, parents first, since DuckDB checks a foreign key against rows already stored."""
    self_keys = con.execute(
        "SELECT constraint_column_names, referenced_column_names FROM duckdb_constraints() WHERE database_name = ? "
        "AND table_name = ? AND constraint_type = 'FOREIGN KEY' AND referenced_table = ?",
        [source, table, table]).fetchall()
    if not self_keys:
        con.execute(f'INSERT INTO {_ident(target)}.{_ident(table)} SELECT * FROM {_ident(source)}.{_ident(table)}')
        return
    (child,), (parent,) = self_keys[0]
    into = f"{_ident(target)}.{_ident(table)}"
    while True:
        added = con.execute(
            f'INSERT INTO {into} SELECT * FROM {_ident(source)}.{_ident(table)} AS s '
            f'WHERE s.{_ident(parent)} NOT IN (SELECT {_ident(parent)} FROM {into}) '
            f'AND (s.{_ident(child)} IS NULL OR s.{_ident(child)} IN (SELECT {_ident(parent)} FROM {into}))'
        ).fetchall()[0][0]
        if not added:
            return


def copy_figures(record: Path, target: Path) -> None:
    """Copy the record without PRIVATE_TABLES (notes, subscriptions, outbox) to target, read-only (the caller holds the writer lock): DuckDB
    writes the tables, views and sequences into a fresh file beside target, which is then copied like
    copy_consistent (temp file, fsync, rename), so the note tables and their freed pages never reach it.
    On any failure every temporary file is removed and target is untouched."""
    fresh = target.with_name(f"{TMP_PREFIX}figur-{target.name}")
    fresh.unlink(missing_ok=True)
    try:
        con = _open_source(record, checkpoint=True)
        try:
            source = con.execute("SELECT current_database()").fetchall()[0][0]
            con.execute(f"ATTACH '{_sql_text(fresh)}' AS _figur (READ_WRITE)")  # see _open_source
            try:
                con.execute(f'COPY FROM DATABASE {_ident(source)} TO _figur (SCHEMA)')
                for view in MATERIALIZED_VIEWS:  # before the private tables they read are dropped
                    if con.execute("SELECT count(*) FROM duckdb_views() WHERE database_name = '_figur' "
                                   "AND view_name = ?", [view]).fetchone()[0]:
                        con.execute(f"DROP VIEW _figur.{_ident(view)}")
                        con.execute(f"CREATE TABLE _figur.{_ident(view)} AS "
                                    f"SELECT * FROM {_ident(source)}.{_ident(view)} ORDER BY ALL")
                for table, _ in _table_sql(con, source):
                    if table in PRIVATE_TABLES:
                        con.execute(f"DROP TABLE _figur.{_ident(table)}")
                    else:
                        _fill_table(con, source, "_figur", table)
            finally:
                con.execute("DETACH _figur")
        finally:
            con.close()
        copy_consistent(fresh, target, checkpoint=False)
    except duckdb.Error as exc:
        raise DatabaseError(f"Salinan baca {target.name} tidak bisa dibuat dari {record}; tidak ada yang "
                            "diterbitkan.") from exc
    finally:
        fresh.unlink(missing_ok=True)
        fresh.with_name(fresh.name + ".wal").unlink(missing_ok=True)


class NotesHiddenError(DatabaseError):
    """A public process (MONITOR41_PUBLIC) asked for the notes file: it never opens it."""


def _refuse_in_public() -> None:
    if config.get_flag("MONITOR41_PUBLIC"):
        raise NotesHiddenError("Catatan sel tidak pernah dibuka pada instance publik (MONITOR41_PUBLIC=1).")


def read_notes_pointer(snapshots: Path) -> str | None:
    """The name of the current notes file, or None when none was published or the pointer is damaged (a name
    that is not a plain notes file name of this folder is never followed)."""
    try:
        name = json.loads((snapshots / NOTES_POINTER).read_text(encoding="utf-8"))["file"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(name, str) or NOTES_PATTERN.fullmatch(name) is None:
        LOGGER.warning("Penunjuk %s rusak (menyebut %r); tidak diikuti.", snapshots / NOTES_POINTER, name)
        return None
    return name


def notes_current(record: Path | str) -> bool:
    """Whether the notes file was published from the record as it is now (every publication and every note
    write publishes one; a notes publication that failed after a committed note leaves it behind)."""
    snapshots = folder(record)
    try:
        data = json.loads((snapshots / NOTES_POINTER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("record") == signature(Path(record)) \
        and read_notes_pointer(snapshots) is not None


def refresh_notes(record: Path | str) -> bool:
    """Publish the notes file again when it is behind the record and no writer is busy (the writer lock taken
    without waiting); True when it is current afterwards. Never raises (the reason goes to the log)."""
    record = Path(record)
    if not record.exists() or notes_current(record):
        return True
    try:
        fd = lock.try_acquire(record, wait=0)
    except OSError:
        return False
    if fd is None:
        return False
    try:
        if not notes_current(record):
            publish_notes(record)
        return True
    except (OSError, DatabaseError, duckdb.Error) as exc:
        LOGGER.warning("Salinan catatan %s tidak bisa diterbitkan: %s", record, exc)
        return False
    finally:
        os.close(fd)


def notes_path(record: Path | str) -> Path | None:
    """The current published notes file of the record (published again first when it is behind the record and
    no writer is busy), or None; NotesHiddenError in a public process."""
    _refuse_in_public()
    refresh_notes(record)
    snapshots = folder(record)
    name = read_notes_pointer(snapshots)
    return snapshots / name if name and (snapshots / name).is_file() else None


def publish_notes(record: Path | str) -> Path:
    """Copy the record's NOTE_TABLES into a new notes file and switch NOTES_POINTER to it; the caller holds the
    writer lock. PublishError (why in a few words) when it fails: nothing half-written stays."""
    record = Path(record)
    snapshots = folder(record)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    name = f"{NOTES_PREFIX}{stamp}-{secrets.token_hex(3)}{SUFFIX}"
    target, fresh = snapshots / name, snapshots / f"{TMP_PREFIX}{name}"
    try:
        snapshots.mkdir(parents=True, exist_ok=True)
        try:
            fresh.unlink(missing_ok=True)
            # Through the record's own connection (this process may hold it open already: DuckDB shares one
            # instance per file in a process, and refuses to attach a file it has open under another name).
            con = _open_source(record, checkpoint=True)
            try:
                source = con.execute("SELECT current_database()").fetchall()[0][0]
                present = {table for table, _ in _table_sql(con, source)}
                con.execute(f"ATTACH '{_sql_text(fresh)}' AS _catatan (READ_WRITE)")  # see _open_source
                try:
                    for table in NOTE_TABLES:
                        if table in present:
                            con.execute(f"CREATE TABLE _catatan.{_ident(table)} AS "
                                        f"SELECT * FROM {_ident(source)}.{_ident(table)} ORDER BY id")
                finally:
                    con.execute("DETACH _catatan")
            finally:
                con.close()
            with open(fresh, "rb+") as copy:
                os.fsync(copy.fileno())
            fresh.chmod(0o444)
            os.replace(fresh, target)
            _fsync_dir(snapshots)
            _write_atomically(snapshots / NOTES_POINTER, json.dumps(
                {"file": name, "record": signature(record),
                 "published": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                 "size": target.stat().st_size}))
            _fsync_dir(snapshots)
        except BaseException:
            fresh.unlink(missing_ok=True)
            fresh.with_name(fresh.name + ".wal").unlink(missing_ok=True)
            if read_notes_pointer(snapshots) != name:
                target.unlink(missing_ok=True)
            raise
    except OSError as exc:
        why = _why(exc)
        raise PublishError(f"Salinan catatan tidak bisa diterbitkan ({why}); aplikasi masih membaca catatan "
                           "sebelumnya. Bereskan penyebabnya lalu jalankan lagi `python -m lib.db publish`.",
                           why) from exc
    except (duckdb.Error, DatabaseError) as exc:
        LOGGER.error("Salinan catatan %s tidak terbit: %s", record, exc)
        raise PublishError("Salinan catatan tidak bisa diterbitkan (galat berkas); aplikasi masih membaca "
                           "catatan sebelumnya. Jalankan lagi `python -m lib.db publish`.", "galat berkas") from exc
    _clean_notes(snapshots, keep=name)
    return target


def _clean_notes(snapshots: Path, keep: str) -> None:
    """Delete older notes files no reader holds (only names matching NOTES_PATTERN)."""
    with contextlib.suppress(OSError):
        for name in sorted(os.listdir(snapshots)):
            if NOTES_PATTERN.fullmatch(name) and name < keep:
                _delete_unheld(snapshots / name)


def figures_current(record: Path | str) -> bool:
    """Whether the published snapshot was copied from the record as it is now and is intact (a note write
    asks this, under the writer lock, before it writes)."""
    snapshots = folder(record)
    pointer = read_pointer(snapshots)
    return is_current(Path(record), pointer) and is_intact(snapshots, pointer)


def publish_note_write(record: Path | str, figures_were_current: bool) -> None:
    """After a committed note write (the caller holds the writer lock): the figures did not change, so the
    current snapshot is stamped with the record's new signature (no new snapshot, no reader reopens, no
    cache empties) and only the notes file is published. When the snapshot was not current before the write
    (a change not yet published), a full publication is made instead."""
    record = Path(record)
    snapshots = folder(record)
    pointer = read_pointer(snapshots)
    if not figures_were_current or pointer is None:
        publish(record)
        return
    try:
        _switch(snapshots, pointer.file, signature(record), pointer.size)
    except OSError as exc:
        why = _why(exc)
        raise PublishError(f"Salinan baca tidak bisa ditandai ({why}). Jalankan lagi `python -m lib.db publish`.",
                           why) from exc
    publish_notes(record)


def publish_outbox_write(record: Path | str, figures_were_current: bool, notes_were_current: bool) -> None:
    """After a committed write of Kirim's tables (the caller holds the writer lock), which are in neither the
    snapshot nor the notes file: both pointers are stamped with the record's new signature and nothing is
    copied, so a round of deliveries (a write per delivery) never makes a reader reopen a snapshot or a notes
    file, nor empties the app's caches keyed on them. A pointer that was behind before the write is published
    instead (as publish_note_write)."""
    record = Path(record)
    snapshots = folder(record)
    pointer, notes = read_pointer(snapshots), read_notes_pointer(snapshots)
    if not figures_were_current or pointer is None:
        publish(record)  # publishes the notes file too
        return
    stamp = signature(record)
    try:
        _switch(snapshots, pointer.file, stamp, pointer.size)
        if notes_were_current and notes is not None:
            data = json.loads((snapshots / NOTES_POINTER).read_text(encoding="utf-8"))
            _write_atomically(snapshots / NOTES_POINTER, json.dumps({**data, "record": stamp}))
            _fsync_dir(snapshots)
    except (OSError, ValueError) as exc:
        why = _why(exc) if isinstance(exc, OSError) else "penunjuk rusak"
        raise PublishError(f"Salinan baca tidak bisa ditandai ({why}). Jalankan lagi `python -m lib.db publish`.",
                           why) from exc
    if not notes_were_current or notes is None:
        publish_notes(record)


@contextlib.contextmanager
def reading_notes(record: Path | str):
    """A read-only connection to the published notes file (lib.data.notes reads it), held under a shared flock
    so cleaning leaves it alone; when none is published yet (a record older than the notes), an empty
    in-memory one with the same tables. NotesHiddenError in a public process."""
    path = notes_path(record)
    fd = None
    if path is not None:
        try:
            fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
            fcntl.flock(fd, fcntl.LOCK_SH)
            con = duckdb.connect(str(path), read_only=True)
        except (OSError, duckdb.Error):
            if fd is not None:
                os.close(fd)
            fd, path = None, None
    if path is None:
        con = duckdb.connect(":memory:")
        schema = Path(__file__).with_name("schema.sql").read_text(encoding="utf-8")
        for table in NOTE_TABLES:
            start = schema.index(f"CREATE TABLE {table} (")
            con.execute(schema[start:schema.index(");", start) + 2])
    try:
        yield con
    finally:
        con.close()
        if fd is not None:
            os.close(fd)


def notes_version(record: Path | str) -> str | None:
    """The current notes file's name (a cache key for note reads), or None; NotesHiddenError in public."""
    _refuse_in_public()
    return read_notes_pointer(folder(record))


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
            copy_figures(record, target)
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
    publish_notes(record)
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
