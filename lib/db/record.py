"""Operations on the record as a whole file: prove it holds no uploads, keep a dated copy, replace, back up,
restore, migrate and remove it. Every one runs under the writer lock and publishes a snapshot after it.

The rule that guards uploads: a record is replaced or deleted without --force only when it can be opened
and read and holds no upload but the seed's. Any doubt (no permission, locked, damaged, not a DuckDB file
of ours) refuses; --force keeps a dated copy beside it first.
"""
from __future__ import annotations

import contextlib
import os
import shutil
from datetime import datetime
from pathlib import Path

import duckdb

from lib.db import lock, migrate, snapshot, writer
from lib.db.errors import DatabaseError, DatabaseMissingError, RecordProtectedError

SEED_USER = "seed"


def _unreadable(path: Path, why: str) -> RecordProtectedError:
    return RecordProtectedError(
        f"Database {path} {why}, jadi tidak bisa dipastikan bebas unggahan OPD; berkas itu TIDAK diganti atau "
        "dihapus. Periksa izin dan isinya (mis. `ls -l`), pindahkan berkasnya bila memang bukan database ini, "
        "atau pakai --force (salinan cadangan berkas lama dibuat lebih dulu).")


def uploads_in(path: Path) -> int:
    """How many non-seed uploads the record holds; RecordProtectedError when that cannot be proven."""
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        if "lock" in str(exc).lower():
            raise _unreadable(path, "sedang dipakai proses lain") from exc
        raise _unreadable(path, "tidak bisa dibuka (izin berkas, berkas rusak, atau bukan berkas DuckDB)") from exc
    except OSError as exc:
        raise _unreadable(path, "tidak bisa dibaca") from exc
    try:
        if migrate.version_of(con) is None:
            raise _unreadable(path, "bukan database Monitor 4+1 (tabel unggahan tidak ada)")
        return con.execute("SELECT count(*) FROM unggahan WHERE dimuat_oleh <> ?", [SEED_USER]).fetchone()[0]
    except duckdb.Error as exc:
        raise _unreadable(path, "tidak bisa dibaca") from exc
    finally:
        con.close()


def refuse_if_uploads(path: Path, action: str) -> None:
    """RecordProtectedError unless the record is absent or provably free of uploads."""
    if not path.exists():
        return
    count = uploads_in(path)
    if count:
        raise RecordProtectedError(
            f"Database {path} berisi {count} unggahan dari OPD; {action} akan menghapusnya. Buat cadangan "
            f"(`.venv/bin/python -m lib.db backup --out FILE`), lalu pakai --force bila memang itu maksudnya.")


def keep_copy(path: Path) -> Path:
    """A dated copy of the file (and its WAL) beside it: monitor41.cadangan-20261130T0530.duckdb."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    copy = path.with_name(f"{path.stem}.cadangan-{stamp}{path.suffix}")
    try:
        shutil.copy2(path, copy)
        wal = path.with_name(path.name + ".wal")
        if wal.exists():
            shutil.copy2(wal, copy.with_name(copy.name + ".wal"))
    except OSError as exc:
        raise DatabaseError(f"Salinan cadangan {copy} tidak bisa dibuat ({exc.strerror}); {path} tidak "
                            "diganti.") from exc
    return copy


def _put_in_place(new_file: Path, path: Path) -> None:
    # A WAL left from the old file must never be replayed onto the new one.
    path.with_name(path.name + ".wal").unlink(missing_ok=True)
    os.replace(new_file, path)


def replace(path: Path, new_file: Path, force: bool, action: str = "membangun ulang dari benih") -> Path | None:
    """Move new_file over the record, checking again under the lock; returns the dated copy kept, if any."""
    with lock.writer_lock(path):
        kept = None
        if path.exists():
            if force:
                kept = keep_copy(path)
            else:
                refuse_if_uploads(path, action)
        _put_in_place(new_file, path)
        writer.publish_quietly(path)
    return kept


def backup(path: Path, out: Path) -> Path:
    """A consistent copy of the record at `out`, made under the writer lock while apps keep running."""
    if not path.exists():
        raise DatabaseMissingError(snapshot.missing_message(path))
    if out.exists():
        raise DatabaseError(f"Berkas {out} sudah ada; pilih nama lain (cadangan tidak pernah menimpa berkas).")
    out.parent.mkdir(parents=True, exist_ok=True)
    with lock.writer_lock(path):
        snapshot.copy_consistent(path, out, final_mode=0o640)
    return out


def _check_restorable(source: Path) -> None:
    if not source.is_file():
        raise DatabaseError(f"Berkas cadangan {source} tidak ada.")
    try:
        with duckdb.connect(str(source), read_only=True) as con:
            ours = migrate.version_of(con) is not None
    except duckdb.Error as exc:
        raise DatabaseError(f"{source} bukan berkas DuckDB yang utuh; tidak dipulihkan.") from exc
    if not ours:
        raise DatabaseError(f"{source} bukan database Monitor 4+1 (tabel unggahan tidak ada); tidak dipulihkan.")


def restore(path: Path, source: Path) -> Path | None:
    """Put a backup in place of the record (the record replaced is kept as a dated copy first)."""
    _check_restorable(source)
    tmp = path.with_name(path.name + ".tmp-pulih")
    with lock.writer_lock(path):
        kept = keep_copy(path) if path.exists() else None
        try:
            snapshot.copy_consistent(source, tmp, final_mode=0o640, checkpoint=False)
            _put_in_place(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        writer.publish_quietly(path)
    return kept


def migrate_record(path: Path) -> tuple[int, int, Path | None]:
    """Upgrade the record's schema in place; returns (version before, after, dated copy kept or None)."""
    if not path.exists():
        raise DatabaseMissingError(snapshot.missing_message(path))
    with lock.writer_lock(path):
        with contextlib.closing(lock.open_rw(path)) as con:
            before = migrate.version_of(con)
            if before is None or before > migrate.LATEST:
                migrate.require_current(con, path)  # raises, saying what to do
            if not migrate.pending(before):
                return before, before, None
        kept = keep_copy(path)
        with contextlib.closing(lock.open_rw(path)) as con:
            before, after = migrate.upgrade(con, path)
            con.execute("CHECKPOINT")
        writer.publish_quietly(path)
    return before, after, kept


def remove(path: Path) -> bool:
    """Delete a record that provably holds no uploads, with its WAL and snapshots; False if there was none."""
    if not path.exists():
        return False
    with lock.writer_lock(path):
        refuse_if_uploads(path, "menghapusnya")
        path.with_name(path.name + ".wal").unlink(missing_ok=True)
        path.unlink()
        shutil.rmtree(snapshot.folder(path), ignore_errors=True)
    lock.lock_path(path).unlink(missing_ok=True)
    return True
