"""A record as the previous release (schema version 1, git b515b1e) wrote it, made from a current build.

tests/fixtures/schema_v1.sql is that release's lib/schema.sql, frozen. Its tables are filled with the
columns they had then, copied from a record built by today's code, so the file is what an upgrade meets.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

V1_SCHEMA = Path(__file__).with_name("fixtures") / "schema_v1.sql"
# Parents first, so that foreign keys find their rows.
V1_TABLES = ("wilayah", "opd", "isu", "indikator", "periode", "target", "unggahan", "pembatalan", "capaian",
             "penanggung_jawab", "tindakan")


def write_v1_record(current: Path, target: Path) -> Path:
    """Write at target a version-1 record holding the data of the record at current."""
    with duckdb.connect(str(target)) as con:
        con.execute(V1_SCHEMA.read_text(encoding="utf-8"))
        con.execute(f"ATTACH '{current}' AS cur (READ_ONLY)")
        for table in V1_TABLES:
            columns = [r[0] for r in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() "
                "AND table_name = ? ORDER BY column_index", [table]).fetchall()]
            names = ", ".join(columns)
            # wilayah refers to itself: one level per statement, parents first (as the build does)
            levels = ("provinsi", "kabupaten", "kecamatan", "desa") if table == "wilayah" else (None,)
            for level in levels:
                where = f"WHERE level = '{level}'" if level else ""
                if table == "target":  # release 1 knew only a wilayah's own targets, one per period
                    where = "WHERE lingkup = 'daerah'"
                if table == "periode":  # announcement days came with schema version 4
                    where = "WHERE jenis <> 'diumumkan'"
                if table in ("capaian", "tindakan"):
                    where = "WHERE periode NOT LIKE '%-diumumkan'"
                con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM cur.{table} {where} ORDER BY ALL")
        # The copied rows carry their ids; move the sequence past them, as the old release's loads had.
        top = con.execute("SELECT coalesce(max(id), 0) FROM capaian").fetchone()[0]
        con.execute("SELECT max(nextval('capaian_id')) FROM range(?)", [top])
        con.execute("DETACH cur")
        con.execute("CHECKPOINT")
    return target
