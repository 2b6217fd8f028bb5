"""Operations on the record as a whole file: prove it holds no user data, keep a verified copy, replace, back
up, restore, migrate and remove it. Every one runs under the writer lock and publishes a snapshot after it.

User data is whatever the seed did not write. USER_DATA declares, table by table, which rows those are: a
row is the seed's when its "written by" column holds SEED_USER (a name no account may take:
RESERVED_NAMES) and its "written at" column the seed's fixed load time SEED_LOADED_AT (every build since the
first release, and the migrations that add seed rows, write exactly that moment) — so even rows an account
named `seed` loaded before names were reserved count as user data. A table without such columns
(pembatalan) holds only user data. SEED_ONLY lists the
tables only the build and migrations write. Every table of schema.sql is in exactly one of the two
(tests/lib/test_user_data.py checks it), so a new table cannot be forgotten; a table in a file that neither
list names (a newer release's) counts as user data when it holds rows.

The rule that guards user data: a record is replaced or deleted without --force only when it can be opened
and read and holds no user data. Any doubt (no permission, locked, damaged, not a DuckDB file of ours)
refuses; --force first keeps a uniquely named copy beside it, verified byte for byte (and, for a readable
record, table by table) before anything is replaced, and says where it is.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from lib.db import lock, migrate, snapshot, writer
from lib.db.errors import DatabaseError, DatabaseMissingError, RecordProtectedError

SEED_USER = "seed"
# Seed rows carry a fixed load time so that two builds of the same seed are identical (lib.db.build).
SEED_LOADED_AT = datetime(2026, 11, 28)
# Names that mark rows written by the project itself (the seed, its simulation) or could be read as such:
# no account may take them (lib.users refuses them, and refuses to sign in an old account holding one).
RESERVED_NAMES = frozenset({SEED_USER, "benih", "simulasi", "sistem", "system"})


@dataclass(frozen=True)
class UserRows:
    table: str
    label: str  # the noun in a refusal: "3 unggahan, 2 tindakan, 1 apel"
    written_by: str | None = None  # who wrote a row (the seed: SEED_USER); None: every row is user data
    written_at: str | None = None  # when (the seed: SEED_LOADED_AT)


USER_DATA = (
    UserRows("unggahan", "unggahan", "dimuat_oleh", "dimuat_pada"),
    UserRows("capaian", "nilai", "dimuat_oleh", "dimuat_pada"),
    UserRows("pembatalan", "pembatalan"),
    UserRows("tindakan", "tindakan", "dimuat_oleh", "dimuat_pada"),
    UserRows("apel", "apel", "dicatat_oleh", "dicatat_pada"),
    UserRows("catatan", "catatan sel"),  # notes and replies: only users write them
    UserRows("catatan_peristiwa", "peristiwa catatan"),  # their new versions, state changes, withdrawals
    UserRows("langganan", "langganan kirim"),  # subscriptions to briefings (issue 22): only admins make them
    UserRows("kiriman", "kiriman"),  # their outbox
    # orang tua asuh (issue 23): the demo's simulated rows are the seed's (SEED_USER at SEED_LOADED_AT)
    UserRows("mitra", "mitra asuh", "dimuat_oleh", "dimuat_pada"),
    UserRows("asuhan", "asuhan anak", "dimuat_oleh", "dimuat_pada"),
)
SEED_ONLY = ("wilayah", "opd", "isu", "indikator", "periode", "target", "putus_seri", "penanggung_jawab",
             "kewajiban", "skema_versi")
MANIFEST_SUFFIX = ".json"  # a copy's manifest beside it: monitor41.cadangan-….duckdb.json


def build_key(path: Path) -> Path:
    """What a build locks (lib.db.lock adds .lock): data/monitor41.duckdb.build -> …duckdb.build.lock."""
    return path.with_name(path.name + ".build")


def is_reserved(name: str) -> bool:
    """Whether a user name is one the project keeps for itself (compared without regard to case)."""
    return name.strip().casefold() in RESERVED_NAMES


def table_names(con) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' "
        "AND NOT temporary ORDER BY table_name").fetchall()]


def count_user_data(con) -> dict[str, int]:
    """label -> rows of user data the open record holds (only labels with rows)."""
    present = set(table_names(con))
    counts: dict[str, int] = {}
    for rows in USER_DATA:
        if rows.table not in present:
            continue
        if rows.written_by:
            found = con.execute(f'SELECT count(*) FROM "{rows.table}" WHERE "{rows.written_by}" IS DISTINCT FROM ? '
                                f'OR "{rows.written_at}" IS DISTINCT FROM ?', [SEED_USER, SEED_LOADED_AT]).fetchone()[0]
        else:
            found = con.execute(f'SELECT count(*) FROM "{rows.table}"').fetchone()[0]
        if found:
            counts[rows.label] = found
    declared = {r.table for r in USER_DATA} | set(SEED_ONLY)
    for table in sorted(present - declared):  # a newer release's table: its rows are not the seed's
        found = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        if found:
            counts[table] = found
    return counts


def summary(counts: dict[str, int]) -> str:
    """'3 unggahan, 120 nilai, 1 apel' (numbers in Indonesian format)."""
    return ", ".join(f"{n:,} {label}".replace(",", ".") for label, n in counts.items())


def _unreadable(path: Path, why: str) -> RecordProtectedError:
    return RecordProtectedError(
        f"Database {path} {why}, jadi tidak bisa dipastikan bebas data pengguna; berkas itu TIDAK diganti atau "
        "dihapus. Periksa izin dan isinya (mis. `ls -l`), pindahkan berkasnya bila memang bukan database ini, "
        "atau pakai --force (`make build FORCE=1`, `make clean FORCE=1`): salinan terverifikasi berkas lama "
        "disimpan lebih dulu.")


def user_data_in(path: Path) -> dict[str, int]:
    """The user data the record holds (label -> rows); RecordProtectedError when that cannot be proven."""
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
        return count_user_data(con)
    except duckdb.Error as exc:
        raise _unreadable(path, "tidak bisa dibaca") from exc
    finally:
        con.close()


def refuse_if_user_data(path: Path, action: str, options: str | None = None) -> None:
    """RecordProtectedError unless the record is absent or provably free of user data."""
    if not path.exists():
        return
    counts = user_data_in(path)
    if counts:
        raise RecordProtectedError(
            f"Database {path} berisi data pengguna yang tidak berasal dari benih: {summary(counts)}; {action} "
            "akan menghapusnya. Tidak ada yang diubah. "
            + (options or "Buat cadangan (`.venv/bin/python -m lib.db backup --out FILE`), lalu pakai --force "
                          "(`make build FORCE=1`) bila memang itu maksudnya: salinan terverifikasi berkas lama "
                          "disimpan lebih dulu."))


# ---- verified copies --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Contents:
    version: int
    rows: dict[str, int]  # table -> rows, every table read to its last byte


def read_contents(path: Path) -> Contents:
    """Open a record read-only and read every table whole (a truncated file fails here, not on a page later)."""
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            version = migrate.version_of(con)
            if version is None:
                raise DatabaseError(f"{path} bukan database Monitor 4+1 (tabel unggahan tidak ada).")
            rows = {}
            for table in table_names(con):
                rows[table] = con.execute(f'SELECT count(*), sum(hash(_r)) FROM "{table}" AS _r').fetchone()[0]
            return Contents(version, rows)
    except duckdb.Error as exc:
        raise DatabaseError(f"{path} bukan berkas DuckDB yang utuh (terpotong, rusak, atau bukan database); "
                            "tidak bisa dibaca sampai habis.") from exc


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def manifest_path(copy: Path) -> Path:
    return copy.with_name(copy.name + MANIFEST_SUFFIX)


def write_manifest(copy: Path, contents: Contents | None) -> None:
    """What the copy holds, beside it: size, sha256, schema version and rows per table (restore checks them)."""
    data = {"berkas": copy.name, "ukuran": copy.stat().st_size, "sha256": _sha256(copy),
            "versi_skema": contents.version if contents else None, "baris": contents.rows if contents else None,
            "dibuat": datetime.now().isoformat(timespec="seconds")}
    with open(manifest_path(copy), "x", encoding="utf-8") as out:  # "x": never over another file
        json.dump(data, out, indent=1, ensure_ascii=False)


def _reserve(path: Path) -> Path:
    """A new, never-used name beside the record, created empty at once so no other process can take it."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    for n in range(1, 10_000):
        copy = path.with_name(f"{path.stem}.cadangan-{stamp}{'' if n == 1 else f'-{n}'}{path.suffix}")
        try:
            os.close(os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640))
            return copy
        except FileExistsError:
            continue
    raise DatabaseError(f"Tidak ada nama bebas untuk salinan cadangan {path}; {path} tidak diganti.")


def _copy_bytes(source: Path, target: Path) -> None:
    with open(source, "rb") as src, open(target, "wb") as out:
        shutil.copyfileobj(src, out, 1 << 20)
        out.flush()
        os.fsync(out.fileno())


def keep_copy(path: Path) -> Path:
    """A uniquely named copy of the record beside it (monitor41.cadangan-20261130T053000[-2].duckdb), never
    overwriting anything, verified before it is returned: the same bytes, and for a readable record the same
    rows in every table, read whole. The caller holds the writer lock."""
    with contextlib.suppress(DatabaseError), contextlib.closing(lock.open_rw(path, wait=0)) as con:
        con.execute("CHECKPOINT")  # fold a WAL into the file, so the copy is one file
    try:
        original = read_contents(path)
    except DatabaseError:
        original = None  # a damaged or foreign file (--force): kept byte for byte
    copy = _reserve(path)
    wal, copy_wal = path.with_name(path.name + ".wal"), copy.with_name(copy.name + ".wal")
    try:
        _copy_bytes(path, copy)
        if wal.exists():
            _copy_bytes(wal, copy_wal)
        if _sha256(copy) != _sha256(path):
            raise DatabaseError("isi salinan berbeda dari aslinya")
        if original is not None and read_contents(copy) != original:
            raise DatabaseError("isi tabel salinan berbeda dari aslinya")
        write_manifest(copy, original)
    except (OSError, DatabaseError) as exc:
        for leftover in (copy, copy_wal, manifest_path(copy)):
            leftover.unlink(missing_ok=True)
        why = exc.strerror if isinstance(exc, OSError) else str(exc)
        raise DatabaseError(f"Salinan cadangan {copy} tidak bisa dibuat atau diperiksa ({why}); {path} tidak "
                            "diganti atau dihapus.") from exc
    return copy


# ---- whole-file operations ----------------------------------------------------------------------------------------

def _put_in_place(new_file: Path, path: Path) -> None:
    # A WAL left from the old file must never be replayed onto the new one.
    path.with_name(path.name + ".wal").unlink(missing_ok=True)
    os.replace(new_file, path)


def replace(path: Path, new_file: Path, force: bool, action: str = "membangun ulang dari benih") -> Path | None:
    """Move new_file over the record, checking again under the lock; returns the verified copy kept, if any."""
    with lock.writer_lock(path):
        kept = None
        if path.exists():
            if force:
                kept = keep_copy(path)
            else:
                refuse_if_user_data(path, action)
        _put_in_place(new_file, path)
        writer.publish_after_write(path)
    return kept


def backup(path: Path, out: Path) -> Path:
    """A consistent copy of the record at `out` (with its manifest), made under the writer lock while apps keep
    running."""
    if not path.exists():
        raise DatabaseMissingError(snapshot.missing_message(path))
    for taken in (out, manifest_path(out)):
        if taken.exists():
            raise DatabaseError(f"Berkas {taken} sudah ada; pilih nama lain (cadangan tidak pernah menimpa berkas).")
    out.parent.mkdir(parents=True, exist_ok=True)
    with lock.writer_lock(path):
        snapshot.copy_consistent(path, out, final_mode=0o640)
        try:
            write_manifest(out, read_contents(out))
        except FileExistsError as exc:
            raise DatabaseError(f"Berkas {manifest_path(out)} muncul saat pencadangan; cadangan {out} dibuat tanpa "
                                "manifes.") from exc
    return out


def check_backup(source: Path) -> Contents:
    """What a backup holds, once proven: it opens read-only, is read whole, has a schema version this code
    knows, and matches its manifest (size, sha256, version, rows per table) when one lies beside it."""
    if not source.is_file():
        raise DatabaseError(f"Berkas cadangan {source} tidak ada.")
    try:
        contents = read_contents(source)
    except DatabaseError as exc:
        raise DatabaseError(f"{exc} Tidak dipulihkan.") from exc
    if contents.version > migrate.LATEST:
        raise DatabaseError(f"{source} memakai skema versi {contents.version}, lebih baru dari aplikasi ini "
                            f"(versi {migrate.LATEST}); tidak dipulihkan. Perbarui aplikasinya dulu.")
    manifest = manifest_path(source)
    if manifest.exists():
        try:
            claims = json.loads(manifest.read_text(encoding="utf-8"))
            expected = (claims["ukuran"], claims["sha256"], claims["versi_skema"], claims["baris"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise DatabaseError(f"Manifes {manifest} rusak; {source} tidak dipulihkan.") from exc
        actual = (source.stat().st_size, _sha256(source), contents.version, contents.rows)
        if actual != expected:
            raise DatabaseError(f"{source} tidak sama dengan yang dicatat manifesnya ({manifest.name}: ukuran, "
                                "sidik sha256, versi skema atau jumlah baris berbeda); tidak dipulihkan.")
    return contents


def restore(path: Path, source: Path) -> tuple[Path | None, Contents]:
    """Put a verified backup in place of the record; the record replaced is kept first as a verified copy.
    Returns (that copy or None, what the restored record holds)."""
    contents = check_backup(source)
    tmp = path.with_name(f"{path.name}.tmp-pulih-{os.getpid()}-{secrets.token_hex(4)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    with lock.writer_lock(path):
        kept = keep_copy(path) if path.exists() else None
        try:
            snapshot.copy_consistent(source, tmp, final_mode=0o640, checkpoint=False)
            if read_contents(tmp) != contents:
                raise DatabaseError(f"Salinan {source} berubah saat disalin; {path} tidak diganti.")
            _put_in_place(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
            tmp.with_name(snapshot.TMP_PREFIX + tmp.name).unlink(missing_ok=True)  # a copy that died half-way
        writer.publish_after_write(path)
    return kept, contents


def migrate_record(path: Path) -> tuple[int, int, Path | None]:
    """Upgrade the record's schema in place; returns (version before, after, verified copy kept or None)."""
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
        writer.publish_after_write(path)
    return before, after, kept


REMOVE_OPTIONS = ("Buat cadangan (`.venv/bin/python -m lib.db backup --out FILE`), atau hapus juga dengan "
                  "`.venv/bin/python -m lib.db remove --force` (atau `make clean FORCE=1`): salinan "
                  "terverifikasi disimpan lebih dulu di samping database.")


def remove(path: Path, force: bool = False) -> tuple[bool, Path | None]:
    """Delete a record that provably holds no user data (or, with force, any record once a verified copy is
    kept), with its WAL and its snapshot files. Returns (deleted, copy kept); (False, None) if there was none.

    Only files are deleted, each by its own name: never a folder's contents wholesale, and the snapshot folder
    only when it is left empty (it may be the data folder itself, MONITOR41_SNAPSHOT_DIR)."""
    if not path.exists():
        return False, None
    kept = None
    with lock.writer_lock(path):
        if force:
            kept = keep_copy(path)
        else:
            refuse_if_user_data(path, "menghapusnya", REMOVE_OPTIONS)
        path.with_name(path.name + ".wal").unlink(missing_ok=True)
        path.unlink()
        snapshot.remove_all(path)  # its own files by name; the folder only when left empty
    lock.lock_path(path).unlink(missing_ok=True)
    lock.lock_path(build_key(path)).unlink(missing_ok=True)
    return True, kept
