"""The apel list as recorded: every apel, the latest one, and who recorded one.

An apel is a moment: its date (tanggal) and the hour it began (jam), on the record's clock — the same naive
local time as unggahan.dimuat_pada. An apel whose hour was not recorded (the seeded one, and rows from before
schema version 4) is read as beginning at DEFAULT_JAM; `jam_tercatat` says which.
"""
from __future__ import annotations

from datetime import date, datetime, time

import pandas as pd

# The hour read for an apel whose time was not recorded: apel of the satgas are morning assemblies (apel pagi),
# which begin at 07.30–08.00; 08.00 is the later, so uploads of that early morning count as before it.
DEFAULT_JAM = time(8, 0)

_MOMENT = f"tanggal + coalesce(jam, TIME '{DEFAULT_JAM:%H:%M}')"


def moment(tanggal: date, jam: time | None = None) -> datetime:
    """The apel's moment: its date at its hour (DEFAULT_JAM when not recorded)."""
    return datetime.combine(tanggal, jam or DEFAULT_JAM)


def list_apel(con) -> pd.DataFrame:
    """Every apel, newest first, with its moment (`waktu`) and whether its hour was recorded (`jam_tercatat`)."""
    return con.execute(f"SELECT tanggal, jam, {_MOMENT} AS waktu, jam IS NOT NULL AS jam_tercatat, nama, tempat, "
                       "catatan, sumber, url, dicatat_oleh, dicatat_pada FROM apel "
                       "ORDER BY waktu DESC, nama").df()


def latest_apel(con, today: date | None = None) -> pd.Series | None:
    """The most recent apel on or before today, or None when none is recorded (with waktu and jam_tercatat)."""
    found = con.execute(f"SELECT tanggal, jam, {_MOMENT} AS waktu, jam IS NOT NULL AS jam_tercatat, nama FROM apel "
                        "WHERE tanggal <= ? ORDER BY waktu DESC, nama LIMIT 1", [today or date.today()]).df()
    return found.iloc[0] if not found.empty else None
