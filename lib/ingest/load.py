"""Load validated upload rows into the append-only capaian history: atomic, idempotent, serialised.

Decisions:
- One writer at a time across every process (lib.db.writer: the writer lock, then the record opened
  read-write for the length of one transaction, CHECKPOINT, and a new snapshot published for the apps).
  A writer that finds the lock taken waits MONITOR41_WRITE_WAIT seconds, then BusyError ("coba lagi").
- A file whose bytes (sha256) were loaded in a batch that is not rolled back adds nothing; after a
  rollback the same file may be loaded again.
- A row is "sama" (not appended again) when its key's current value in v_capaian has the same nilai and
  the same jenis: a different sumber alone is not a new figure, but an official value replacing a
  simulated one is. A file that changes nothing creates no batch. unggahan.jumlah_baris counts the rows
  appended; a later rollback of the batch that introduced a value removes it even if a later upload
  repeated it (the repeat was not recorded).
- Seed batches (dimuat_oleh = 'seed') cannot be rolled back: fix data/seed and rebuild instead. Who may
  roll back (admins) is the caller's check; rollback records the name it is given.
"""
from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lib.data import uploads
from lib.db import errors, record, writer, writes
from lib.ingest.batches import already_loaded_message, when_text
from lib.ingest.cells import TextError, clean_text

JENIS = ("resmi", "simulasi")
MAX_REASON = 500  # a rollback's reason: a sentence or two, as long as a sumber
NEW, CHANGED, SAME = "baru", "berubah", "sama"


class LoadError(Exception):
    """A refused load or rollback; the message is for the user, in Bahasa Indonesia."""


class BusyError(LoadError):
    """The database is held by another process or another upload; trying again later may succeed."""


@dataclass(frozen=True)
class Change:
    line: int
    indikator: str
    wilayah: str
    periode: str
    lama: float | None
    baru: float
    status: str  # NEW | CHANGED | SAME
    sumber_lama: str | None = None
    jenis_lama: str | None = None


@dataclass(frozen=True)
class Preview:
    changes: list[Change]
    already_loaded: dict | None = None  # the earlier batch holding the same content hash

    def count(self, status: str) -> int:
        """How many changes have this status."""
        return sum(1 for change in self.changes if change.status == status)

    @property
    def to_load(self) -> list[Change]:
        """The changes a load would append (new and changed values)."""
        return [change for change in self.changes if change.status != SAME]

    def summary(self) -> str:
        """One Indonesian sentence: what a load would do."""
        if self.already_loaded:
            return already_loaded_message(self.already_loaded)
        return (f"{self.count(NEW)} nilai baru, {self.count(CHANGED)} berubah, "
                f"{self.count(SAME)} sama dengan nilai terkini (tidak dimuat ulang).")


@dataclass(frozen=True)
class LoadResult:
    batch_id: int | None  # None: nothing was added
    added: int
    unchanged: int
    message: str
    already_loaded: dict | None = None


@contextlib.contextmanager
def writing(db_path: Path | str):
    """The record in one write transaction (lib.db.writer), with every failure as an Indonesian LoadError."""
    try:
        with writer.writing(db_path) as con:
            yield con
    except errors.BusyError as exc:
        raise BusyError(str(exc)) from exc
    except errors.DatabaseError as exc:
        raise LoadError(str(exc)) from exc


def _same(old: float, new: float) -> bool:
    return math.isclose(old, new, rel_tol=1e-9, abs_tol=1e-9)


def _changes(con, rows: list, jenis: str) -> list[Change]:
    """Compare each row with its key's current value."""
    current = uploads.current_values(con, [(r.indikator, r.wilayah, r.periode) for r in rows])
    changes = []
    for r in rows:
        old = current.get((r.indikator, r.wilayah, r.periode))
        new = float(r.nilai)
        if old is None:
            status = NEW
        else:
            status = SAME if _same(old[0], new) and old[2] == jenis else CHANGED
        changes.append(Change(r.line, r.indikator, r.wilayah, r.periode, old[0] if old else None, new, status,
                              old[1] if old else None, old[2] if old else None))
    return changes


def preview(con, rows: list, content_hash: str, jenis: str = "resmi") -> Preview:
    """What loading rows would do: per row new / changed / unchanged, and the earlier batch of this file."""
    return Preview(changes=_changes(con, rows, jenis), already_loaded=uploads.live_batch_with_hash(con, content_hash))


def _check_request(rows: list, user_name: str, jenis: str) -> None:
    """Refuse a load the data contract cannot hold: bad loader, jenis, doubled keys, non-finite values."""
    if not user_name or not user_name.strip() or user_name.strip() == record.SEED_USER:
        raise LoadError(f"Nama pemuat wajib diisi dan tidak boleh '{record.SEED_USER}' (khusus data benih).")
    if not rows:
        raise LoadError("Tidak ada nilai untuk dimuat; isi kolom nilai lalu unggah ulang.")
    if jenis not in JENIS:
        raise LoadError(f"Jenis '{jenis}' tidak dikenal; yang sah: {', '.join(JENIS)}.")
    seen: dict[tuple, int] = {}
    for r in rows:
        key = (r.indikator, r.wilayah, r.periode)
        if key in seen:
            raise LoadError(f"Baris {seen[key]} dan {r.line} sama-sama berisi {' '.join(key)}; satu kunci "
                            "hanya boleh satu nilai per berkas. Hapus salah satunya.")
        seen[key] = r.line
        if not math.isfinite(float(r.nilai)):
            raise LoadError(f"Baris {r.line}: nilai '{r.nilai}' bukan angka terhingga; isi angka biasa.")


def load(db_path: Path | str, rows: list, *, file_name: str, content_hash: str, user_name: str,
         jenis: str = "resmi") -> LoadResult:
    """Append the new and changed rows as one unggahan batch, all or nothing; unchanged rows are skipped."""
    _check_request(rows, user_name, jenis)
    with writing(db_path) as con:
        return load_into(con, rows, file_name=file_name, content_hash=content_hash, user_name=user_name,
                         jenis=jenis)


def load_into(con, rows: list, *, file_name: str, content_hash: str, user_name: str,
              jenis: str = "resmi") -> LoadResult:
    """The body of load() on a connection already in a write transaction (see writing())."""
    _check_request(rows, user_name, jenis)
    earlier = uploads.live_batch_with_hash(con, content_hash)  # re-checked under the lock: never trust a preview
    if earlier:
        return LoadResult(None, 0, 0, already_loaded_message(earlier), earlier)
    changes = _changes(con, rows, jenis)
    fresh = [r for r, c in zip(rows, changes) if c.status != SAME]
    unchanged = len(changes) - len(fresh)
    if not fresh:
        return LoadResult(None, 0, unchanged, f"Tidak ada yang berubah: semua {unchanged} nilai sama dengan "
                          "nilai terkini, jadi tidak ada unggahan baru yang dicatat.")
    batch_id = _append(con, fresh, file_name, content_hash, user_name, jenis, unchanged)
    counts = Preview(changes)
    message = (f"Unggahan #{batch_id} dimuat: {len(fresh)} nilai ({counts.count(NEW)} baru, "
               f"{counts.count(CHANGED)} berubah); {unchanged} nilai sama dilewati.")
    return LoadResult(batch_id, len(fresh), unchanged, message)


def _append(con, rows: list, file_name: str, content_hash: str, user_name: str, jenis: str,
            unchanged: int) -> int:
    """Insert the unggahan row and its capaian rows (ids from the capaian_id sequence)."""
    now = datetime.now().replace(microsecond=0)
    note = f"Unggahan {jenis}: {len(rows)} nilai baru/berubah, {unchanged} nilai sama dilewati"
    batch_id = writes.add_batch(con, file_name, content_hash, user_name.strip(), now, len(rows), note)
    writes.add_values(con, [(r.indikator, r.wilayah, r.periode, float(r.nilai), r.sumber, r.catatan or None, jenis,
                             user_name.strip(), now, batch_id) for r in rows])
    return batch_id


def rollback(db_path: Path | str, batch_id: int, *, user_name: str, reason: str) -> None:
    """Mark a batch rolled back (appended to pembatalan; its rows stay in capaian)."""
    try:  # the cell rules of every input path (lib.ingest.cells)
        reason = clean_text(reason, "alasan", MAX_REASON)
    except TextError as exc:
        raise LoadError(str(exc)) from None
    if not reason:
        raise LoadError("Alasan pembatalan wajib diisi, mis. 'angka minggu II salah ketik, diganti unggahan #12'.")
    if not user_name or not user_name.strip():
        raise LoadError("Nama yang membatalkan wajib diisi.")
    with writing(db_path) as con:
        found = uploads.batch_state(con, batch_id)
        if found is None:
            raise LoadError(f"Unggahan #{batch_id} tidak ada; lihat daftar unggahan untuk nomor yang benar.")
        if found[0]:  # a seed batch
            raise LoadError(f"Unggahan #{batch_id} adalah data benih dan tidak bisa dibatalkan; perbaiki "
                            "data/seed lalu bangun ulang database (make build).")
        if found[1] is not None:
            raise LoadError(f"Unggahan #{batch_id} sudah dibatalkan pada {when_text(found[2])} oleh {found[1]}.")
        writes.add_rollback(con, batch_id, user_name.strip(), datetime.now().replace(microsecond=0), reason)
