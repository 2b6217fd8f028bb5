"""The one way to change the record: under the writer lock, one transaction, then a published snapshot.

    with writer.writing(path) as con:
        con.execute("INSERT ...")

The record is open read-write only inside the block. On leaving it normally the transaction commits, the
WAL is folded into the file (CHECKPOINT), the connection closes and a new snapshot is published; any
exception rolls everything back and publishes nothing. A publication that fails after the commit raises
lib.db.snapshot.PublishError ("tersimpan, belum terbit"; the next write or `lib.db publish` retries). DuckDB's own exceptions leave as the typed errors of
lib.db.errors: a conflicting transaction as BusyError ("coba lagi"), anything else as WriteRefusedError, with
the raw DuckDB text in the server log only.
"""
from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

import duckdb

from lib.db import lock, migrate, snapshot
from lib.db.errors import CONCURRENT, REFUSED, BusyError, DatabaseError, DatabaseMissingError, WriteRefusedError

LOGGER = logging.getLogger("monitor41.writer")


@contextlib.contextmanager
def writing(record: Path | str, wait: float | None = None, notes_only: bool = False,
            outbox_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection in one transaction, under the writer lock; BusyError after `wait` seconds.
    notes_only (cell notes, lib.catatan): the figures do not change, so no snapshot is published, only the
    notes file (lib.db.snapshot.publish_note_write). outbox_only (Kirim's subscriptions and outbox, in neither
    file): nothing is published, both pointers are stamped with the record's new signature
    (lib.db.snapshot.publish_outbox_write), so no reader reopens a file or empties a cache."""
    record = Path(record)
    if not record.exists():
        raise DatabaseMissingError(snapshot.missing_message(record))
    try:
        with lock.writer_lock(record, wait):
            figures_were_current = (notes_only or outbox_only) and snapshot.figures_current(record)
            notes_were_current = outbox_only and snapshot.notes_current(record)
            con = lock.open_rw(record, wait)
            try:
                migrate.require_current(con, record)
                con.execute("BEGIN TRANSACTION")
                try:
                    yield con
                    con.execute("COMMIT")
                except BaseException:
                    with contextlib.suppress(duckdb.Error):
                        con.execute("ROLLBACK")
                    raise
                with contextlib.suppress(duckdb.Error):  # committed data is safe in the WAL even if this fails
                    con.execute("CHECKPOINT")
            finally:
                con.close()
            publish_after_write(record, (lambda r: snapshot.publish_outbox_write(r, figures_were_current,
                                                                                 notes_were_current))
                                if outbox_only else (lambda r: snapshot.publish_note_write(r, figures_were_current))
                                if notes_only else snapshot.publish)
    except duckdb.TransactionException as exc:
        raise BusyError(CONCURRENT) from exc
    except duckdb.Error as exc:
        LOGGER.warning("Penulisan ke %s ditolak DuckDB: %s", record, exc)
        raise WriteRefusedError(REFUSED) from exc


def publish_after_write(record: Path, publish=None) -> None:
    """Publish a snapshot after a committed write. A failure (disk full, no permission) raises PublishError
    saying that the change is saved in the record but not yet published, and that the next write or
    `python -m lib.db publish` tries again: a write is never reported as done while readers cannot see it.
    Meanwhile readers notice that the record is newer than its snapshot and try to publish it themselves."""
    try:
        (publish or snapshot.publish)(record)
    except snapshot.PublishError as exc:
        raise snapshot.PublishError(saved_not_published(exc.why), exc.why) from exc
    except (OSError, DatabaseError, duckdb.Error) as exc:
        LOGGER.error("Salinan baca %s tidak terbit sesudah penulisan: %s", record, exc)
        raise snapshot.PublishError(saved_not_published("galat berkas"), "galat berkas") from exc


def saved_not_published(why: str) -> str:
    """The message of a write whose snapshot did not publish."""
    return (f"Perubahan SUDAH tersimpan di rekaman, tetapi salinan baca BELUM terbit ({why}), jadi aplikasi "
            "masih menampilkan data sebelumnya. Penulisan berikutnya atau `python -m lib.db publish` akan "
            "mencoba menerbitkannya lagi.")

