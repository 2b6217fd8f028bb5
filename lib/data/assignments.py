"""Penanggung jawab rows read for permissions: which wilayah an OPD answers for, for which isu.

The rule itself (admins anything, OPDs their wilayah and below) is lib.access.permissions; these are its reads.
"""
from __future__ import annotations

from lib.data import wilayah

# Rows of the OPD for the indicator's isu (or every isu), and whether the indicator exists at all.
_COVERS = f"""
WITH RECURSIVE {wilayah.ANCESTORS}
SELECT count(*) FROM penanggung_jawab AS pj JOIN naik ON pj.wilayah = naik.kode
WHERE pj.opd = $opd AND (pj.isu IS NULL OR pj.isu = (SELECT isu FROM indikator WHERE kode = $indikator))
  AND EXISTS (SELECT 1 FROM indikator WHERE kode = $indikator)
"""

_COVERED = "WITH RECURSIVE " + wilayah.descendants("""SELECT pj.wilayah, 0 FROM penanggung_jawab AS pj
    WHERE pj.opd = $opd AND (pj.isu IS NULL OR pj.isu = (SELECT isu FROM indikator WHERE kode = $indikator))""") + """
SELECT DISTINCT kode FROM turun ORDER BY kode
"""


def covers(con, opd: str, indikator: str, kode: str) -> bool:
    """Whether a penanggung_jawab row of opd for indikator's isu sits on wilayah kode or an ancestor of it."""
    row = con.execute(_COVERS, {"wilayah": kode, "depth": wilayah.MAX_DEPTH, "opd": opd,
                                "indikator": indikator}).fetchone()
    return row[0] > 0


def covered_wilayah(con, opd: str, indikator: str) -> list[str]:
    """The wilayah codes under opd's penanggung_jawab rows for indikator's isu (the rows' own and below), sorted."""
    rows = con.execute(_COVERED, {"opd": opd, "indikator": indikator, "depth": wilayah.MAX_DEPTH}).fetchall()
    return [row[0] for row in rows]


def granted(con, opd: str) -> list[tuple[str, str | None]]:
    """(wilayah, isu) of every penanggung_jawab row of opd (isu None: every isu)."""
    return con.execute("SELECT wilayah, isu FROM penanggung_jawab WHERE opd = ?", [opd]).fetchall()
