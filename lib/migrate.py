"""Schema versions of the record: the version stored in the file and the numbered steps that upgrade it.

lib/schema.sql always builds the latest schema. A record from an earlier release is brought up to date by
`python -m lib.db migrate`, which applies, in one transaction, every step whose number is above the
record's version and notes each in the table `skema_versi`.

Version 1 is the schema without `skema_versi` (release b515b1e). To change the schema: edit schema.sql
AND append a Step here whose `version` is the next number and whose SQL turns version N-1 into N (e.g.
`ALTER TABLE target ADD COLUMN dasar VARCHAR`). tests/lib/test_migrate.py checks that a version-1 file,
migrated, has the same tables and columns as a fresh build.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from lib.db_errors import DatabaseError, SchemaError


@dataclass(frozen=True)
class Step:
    version: int  # the version this step produces
    description: str  # Indonesian, stored in skema_versi.keterangan
    sql: str


STEPS: tuple[Step, ...] = (
    Step(2, "versi skema dicatat di tabel skema_versi", """
        CREATE TABLE IF NOT EXISTS skema_versi (
            versi          INTEGER PRIMARY KEY,
            dipasang_pada  TIMESTAMP NOT NULL,
            keterangan     VARCHAR NOT NULL
        )"""),
)
LATEST = STEPS[-1].version
BUILT_NOTE = "dibangun dari benih"


def _has_table(con, name: str) -> bool:
    return con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
                       "AND table_name = ?", [name]).fetchone()[0] > 0


def version_of(con: duckdb.DuckDBPyConnection) -> int | None:
    """The record's schema version: skema_versi's highest, 1 for a record without it, None if not ours."""
    if _has_table(con, "skema_versi"):
        return con.execute("SELECT coalesce(max(versi), 1) FROM skema_versi").fetchone()[0]
    return 1 if _has_table(con, "unggahan") and _has_table(con, "capaian") else None


def stamp(con: duckdb.DuckDBPyConnection, when: datetime) -> None:
    """Note in a freshly built record that it holds the latest schema."""
    con.execute("INSERT INTO skema_versi VALUES (?, ?, ?)", [LATEST, when, BUILT_NOTE])


def require_current(con: duckdb.DuckDBPyConnection, path: Path | str) -> None:
    """SchemaError with the fix unless the file holds this code's schema version."""
    version = version_of(con)
    if version is None:
        raise DatabaseError(f"Berkas {path} bukan database Monitor 4+1 (tabel unggahan/capaian tidak ada). "
                            "Periksa MONITOR41_DB, atau bangun database dengan `python -m lib.db build`.")
    if version < LATEST:
        raise SchemaError(f"Database {path} memakai skema versi {version} dari rilis sebelumnya; aplikasi ini "
                          f"memerlukan versi {LATEST}. Perbarui dengan `.venv/bin/python -m lib.db migrate` "
                          "(salinan cadangan dibuat otomatis), lalu muat ulang halaman.")
    if version > LATEST:
        raise SchemaError(f"Database {path} memakai skema versi {version}, lebih baru dari aplikasi ini (versi "
                          f"{LATEST}). Perbarui aplikasinya (git pull), jangan database-nya.")


def pending(version: int) -> list[Step]:
    """The steps a record of this version still needs, in order."""
    return [step for step in STEPS if step.version > version]


def upgrade(con: duckdb.DuckDBPyConnection, path: Path | str) -> tuple[int, int]:
    """Apply the pending steps in one transaction; returns (version before, version after)."""
    before = version_of(con)
    if before is None:
        require_current(con, path)  # raises: not a record of ours
    if before > LATEST:
        require_current(con, path)
    steps = pending(before)
    if not steps:
        return before, before
    con.execute("BEGIN TRANSACTION")
    try:
        for step in steps:
            con.execute(step.sql)
            con.execute("INSERT INTO skema_versi VALUES (?, ?, ?)",
                        [step.version, datetime.now().replace(microsecond=0), step.description])
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise DatabaseError(f"Pembaruan skema {path} gagal pada langkah ke versi {step.version} "
                            f"({step.description}); database tidak diubah.") from exc
    return before, steps[-1].version
