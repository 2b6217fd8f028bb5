"""The one door to DuckDB: where the record is, and opening it (read-only unless asked).

The app reads published snapshots (lib.db.snapshot_reader); writes go through lib.db.writer (uploads, rollbacks)
or lib.db.record (whole-file operations), under the writer lock.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from lib import config
from lib.db.errors import DatabaseError, DatabaseMissingError
from lib.db.snapshot import missing_message

# The connection type, for annotations outside lib.db (which never import duckdb themselves).
Connection = duckdb.DuckDBPyConnection


def default_path() -> Path:
    """The database path from the MONITOR41_DB setting."""
    return config.get_path("MONITOR41_DB")


def connect(path: Path | str | None = None, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB file directly; read-only unless asked (the app reads snapshots: lib.db.snapshot_reader)."""
    path = Path(path) if path else default_path()
    if not path.exists():
        raise DatabaseMissingError(missing_message(path))
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        raise DatabaseError(f"Database {path} tidak bisa dibuka (sedang ditulis proses lain, izin berkas, atau "
                            "berkas rusak); coba lagi sebentar lagi, atau periksa berkasnya.") from exc
