"""The reference tables read as lookups (isu, opd, periode, indikator): codes, one row, small maps.

Used by upload checks, templates and account checks; screens read the richer lists of lib.data.queries.
"""
from __future__ import annotations


def _codes(con, sql: str) -> list[str]:
    return [row[0] for row in con.execute(sql).fetchall()]


def isu_codes(con) -> list[str]:
    """Every isu code, sorted."""
    return _codes(con, "SELECT kode FROM isu ORDER BY kode")


def opd_codes(con) -> list[str]:
    """Every OPD code, sorted."""
    return _codes(con, "SELECT kode FROM opd ORDER BY kode")


def opd_exists(con, kode: str) -> bool:
    """Whether the opd table holds this code."""
    return con.execute("SELECT 1 FROM opd WHERE kode = ?", [kode]).fetchone() is not None


def periode_codes(con) -> list[str]:
    """Every periode code, sorted."""
    return _codes(con, "SELECT kode FROM periode ORDER BY kode")


def periode_label(con, kode: str) -> str | None:
    """The label of a periode ('Agustus 2023'), or None when the code is unknown."""
    row = con.execute("SELECT label FROM periode WHERE kode = ?", [kode]).fetchone()
    return row[0] if row else None


def indicator_codes(con) -> list[str]:
    """Every indikator code, sorted."""
    return _codes(con, "SELECT kode FROM indikator ORDER BY kode")


def indicator(con, kode: str) -> dict | None:
    """One indikator (kode, isu, nama, satuan, arah, periodisitas, definisi) as a dict, or None."""
    cur = con.execute("SELECT kode, isu, nama, satuan, arah, periodisitas, definisi FROM indikator WHERE kode = ?",
                      [kode])
    row = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], row)) if row else None


def indicator_rows(con) -> list[tuple]:
    """(kode, isu, satuan, arah, periodisitas) of every indikator, by code (what an upload check needs)."""
    return con.execute("SELECT kode, isu, satuan, arah, periodisitas FROM indikator ORDER BY kode").fetchall()


def indicator_list(con) -> list[tuple]:
    """(kode, nama, satuan, periodisitas) of every indikator, by code (the template's code list)."""
    return con.execute("SELECT kode, nama, satuan, periodisitas FROM indikator ORDER BY kode").fetchall()


def isu_of_indicator(con) -> dict[str, str]:
    """{indikator kode: isu kode}."""
    return dict(con.execute("SELECT kode, isu FROM indikator").fetchall())


def first_indicator_per_isu(con) -> dict[str, str]:
    """{isu: its lowest indikator code} (an isu's permission is read through one of its indicators)."""
    return dict(con.execute("SELECT isu, min(kode) FROM indikator GROUP BY isu").fetchall())


def measured_periods_of_coarse_series(con) -> list[tuple[str, str, str]]:
    """(indikator, wilayah, periode) of every current value of a yearly, half-yearly or quarterly indicator
    whose period is measured (not only an announcement day): an upload must not add a second period for the
    same year, semester or quarter of such a series (lib.ingest.validate)."""
    return con.execute("""
        SELECT DISTINCT v.indikator, v.wilayah, v.periode
        FROM v_capaian AS v
        JOIN indikator AS i ON i.kode = v.indikator
        JOIN periode AS p ON p.kode = v.periode
        WHERE i.periodisitas IN ('tahunan', 'semesteran', 'triwulanan') AND p.jenis <> 'diumumkan'
        ORDER BY ALL""").fetchall()
