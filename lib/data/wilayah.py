"""The wilayah tree (kode_induk): its codes, names and parents, and the one recursive walk up or down it.

lib.access.permissions (who may load) and lib.data.responsibility (who owns a cell) walk the same tree with
the same depth guard; both take their WITH RECURSIVE parts from here.
"""
from __future__ import annotations

MAX_DEPTH = 8  # province > kabupaten > kecamatan > desa; guards against a cycle in kode_induk

# naik(kode, kode_induk, langkah): $wilayah and each ancestor; takes the parameters $wilayah and $depth.
ANCESTORS = """naik(kode, kode_induk, langkah) AS (
    SELECT kode, kode_induk, 0 FROM wilayah WHERE kode = $wilayah
    UNION ALL
    SELECT w.kode, w.kode_induk, naik.langkah + 1 FROM wilayah AS w JOIN naik ON w.kode = naik.kode_induk
    WHERE naik.langkah < $depth
)"""


def descendants(seed: str) -> str:
    """The CTE turun(kode, langkah): the wilayah of `seed` (a SELECT of kode, 0) and all below them ($depth)."""
    # seed is constant SQL text written in lib.data, never user input: values go in as $parameters
    return f"""turun(kode, langkah) AS (
    {seed}
    UNION ALL
    SELECT w.kode, turun.langkah + 1 FROM wilayah AS w JOIN turun ON w.kode_induk = turun.kode
    WHERE turun.langkah < $depth
)"""


def ancestors_of(seed: str) -> str:
    """The CTE naik(sel, kode, kode_induk, langkah): for each wilayah code `sel` the seed (a SELECT of kode)
    gives, that wilayah and each ancestor ($depth): ANCESTORS for many wilayah at once."""
    # seed is constant SQL text written in lib.data, never user input: values go in as $parameters
    return f"""naik(sel, kode, kode_induk, langkah) AS (
    SELECT kode, kode, kode_induk, 0 FROM wilayah WHERE kode IN ({seed})
    UNION ALL
    SELECT naik.sel, w.kode, w.kode_induk, naik.langkah + 1 FROM wilayah AS w JOIN naik ON w.kode = naik.kode_induk
    WHERE naik.langkah < $depth
)"""


def descendants_of(seed: str) -> str:
    """The CTE turun(sel, kode, langkah): for each wilayah code `sel` the seed (a SELECT of kode) gives, that
    wilayah and all below it ($depth): descendants for many wilayah at once."""
    return f"""turun(sel, kode, langkah) AS (
    SELECT kode, kode, 0 FROM wilayah WHERE kode IN ({seed})
    UNION ALL
    SELECT turun.sel, w.kode, turun.langkah + 1 FROM wilayah AS w JOIN turun ON w.kode_induk = turun.kode
    WHERE turun.langkah < $depth
)"""


def all_codes(con) -> list[str]:
    """Every wilayah code, sorted."""
    return [row[0] for row in con.execute("SELECT kode FROM wilayah ORDER BY kode").fetchall()]


def codes_at_levels(con, levels: tuple[str, ...]) -> list[str]:
    """Every wilayah code of the given levels, sorted."""
    rows = con.execute("SELECT kode FROM wilayah WHERE level IN (SELECT unnest(?::VARCHAR[])) ORDER BY kode",
                       [list(levels)]).fetchall()
    return [row[0] for row in rows]


def names_of(con, codes: list[str]) -> dict[str, str]:
    """{kode: nama} of those of `codes` that exist."""
    return dict(con.execute("SELECT kode, nama FROM wilayah WHERE kode IN (SELECT unnest(?::VARCHAR[]))",
                            [list(codes)]).fetchall())


def parents(con) -> dict[str, str | None]:
    """{kode: kode_induk} of every wilayah."""
    return dict(con.execute("SELECT kode, kode_induk FROM wilayah").fetchall())


def wilayah_rows(con) -> list[tuple]:
    """(kode, level, nama, kode_induk, kode_bps) of every wilayah, by code (what an upload check needs)."""
    return con.execute("SELECT kode, level, nama, kode_induk, kode_bps FROM wilayah ORDER BY kode").fetchall()
