"""The apel list as recorded: every apel, the latest one, and who recorded one."""
from __future__ import annotations

from datetime import date

import pandas as pd


def list_apel(con) -> pd.DataFrame:
    """Every apel, newest first."""
    return con.execute("SELECT tanggal, nama, tempat, catatan, sumber, url, dicatat_oleh, dicatat_pada FROM apel "
                       "ORDER BY tanggal DESC, nama").df()


def latest_apel(con, today: date | None = None) -> pd.Series | None:
    """The most recent apel on or before today, or None when none is recorded."""
    found = con.execute("SELECT tanggal, nama FROM apel WHERE tanggal <= ? ORDER BY tanggal DESC, nama LIMIT 1",
                        [today or date.today()]).df()
    return found.iloc[0] if not found.empty else None


def recorded_by(con, tanggal: date, nama: str) -> str | None:
    """Who recorded the apel of this date and name, or None when it is not recorded."""
    found = con.execute("SELECT dicatat_oleh FROM apel WHERE tanggal = ? AND nama = ?", [tanggal, nama]).fetchone()
    return found[0] if found else None
