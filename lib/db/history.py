"""The record as it stood at a moment, rebuilt from the append-only history (for "since the last apel").

capaian, unggahan and pembatalan only ever grow, and every row carries its time: a capaian row counts at a
moment when it was loaded on or before it (dimuat_pada), and a rollback counts when it was made on or before
it (dibatalkan_pada). snapshot_at copies every table of the record into an in-memory database with those
three cut at the moment, and re-creates the record's own views on top: so v_capaian there is exactly what
v_capaian showed at that moment, and every query and scorecard function runs on it unchanged.
Tables without a time (targets, wilayah …) are copied as they are now.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import duckdb
import pandas as pd

# Append-only tables and the column that says when each row entered the record.
AS_OF_COLUMNS = {"capaian": "dimuat_pada", "unggahan": "dimuat_pada", "pembatalan": "dibatalkan_pada",
                 "tindakan": "dimuat_pada", "apel": "dicatat_pada"}


def end_of_day(day: date) -> datetime:
    """The last moment of a day: the state 'on' an apel date includes everything loaded that day."""
    return datetime.combine(day + timedelta(days=1), time()) - timedelta(microseconds=1)


def history_start(con) -> datetime | None:
    """When the first batch entered the record (the seed's load time on a built database); None if empty."""
    found = con.execute("SELECT min(dimuat_pada) FROM unggahan").fetchone()[0]
    return pd.Timestamp(found).to_pydatetime() if found is not None else None


def _tables(con) -> list[str]:
    rows = con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
                       "AND schema_name = 'main' AND NOT temporary ORDER BY table_name").fetchall()
    return [r[0] for r in rows]


def _views(con) -> list[str]:
    rows = con.execute("SELECT sql FROM duckdb_views() WHERE database_name = current_database() "
                       "AND schema_name = 'main' AND NOT internal AND NOT temporary ORDER BY view_oid").fetchall()
    return [r[0] for r in rows]


def snapshot_at(con, moment: datetime) -> duckdb.DuckDBPyConnection:
    """An in-memory copy of the record as it stood at `moment` (read it like the real database)."""
    snapshot = duckdb.connect(":memory:")
    for table in _tables(con):
        column = AS_OF_COLUMNS.get(table)
        sql = f'SELECT * FROM "{table}"' + (f' WHERE "{column}" <= ?' if column else "")
        rows = con.sql(sql, params=[moment] if column else None).to_arrow_table()
        snapshot.register("_rows", rows)
        snapshot.execute(f'CREATE TABLE "{table}" AS SELECT * FROM _rows')
        snapshot.unregister("_rows")
    for view in _views(con):
        snapshot.execute(view)
    return snapshot


def current_values_at(con, moment: datetime) -> pd.DataFrame:
    """v_capaian as it stood at `moment`, sorted by key."""
    with snapshot_at(con, moment) as snapshot:
        return snapshot.execute("SELECT * FROM v_capaian ORDER BY indikator, wilayah, periode").df()
