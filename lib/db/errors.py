"""The typed errors of the database door (lib.db, lib.db.lock, lib.db.snapshot, lib.db.writer, lib.db.migrate).

Kept apart so those modules share one base without importing each other.
Every message is for the user, in Bahasa Indonesia, and says the fix; no raw DuckDB text.
"""
from __future__ import annotations


class DatabaseError(Exception):
    """Base of every database error; its message is for the user, in Bahasa Indonesia."""


class DatabaseMissingError(DatabaseError):
    """The DuckDB file does not exist yet."""


class SeedError(DatabaseError):
    """A seed file is missing or holds a value the data contract refuses, or a build was refused."""


class BusyError(DatabaseError):
    """Another process is writing the record; trying again in a moment may succeed."""


class SchemaError(DatabaseError):
    """The record's schema version is not the one this code reads (run `python -m lib.db migrate`)."""


class RecordProtectedError(DatabaseError):
    """The record cannot be proven free of uploads, so it is not replaced or deleted."""


class WriteRefusedError(DatabaseError):
    """DuckDB refused a write (constraint, type, I/O); the raw text goes to the server log, never to the user."""


# A writer outside this process's lock changed the record while our transaction ran.
CONCURRENT = "Database sedang diubah bersamaan; coba lagi. Tidak ada yang tersimpan."
REFUSED = ("Database menolak perubahan; tidak ada yang tersimpan. Rincian teknis ada di log server; "
           "hubungi admin.")
