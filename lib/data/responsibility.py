"""Who owns a cell (isu × wilayah): the isu's coordinating OPD and the penanggung jawab OPDs of the wilayah.

Rules, in one place (the same inheritance as lib.access.permissions, read downwards as well as upwards):
- The coordinating OPD of the isu (isu.opd_koordinator) owns every cell of that isu; so does any other OPD
  with a penanggung_jawab row at the province for that isu (TPID's Biro Ekbang for inflation).
- Below the province, a penanggung_jawab row (isu empty = every isu, or the cell's isu) makes its OPD an
  owner of the cell when its wilayah is the cell's wilayah, an ancestor of it below the province, or a
  descendant of it: the OPDs assigned to a kabupaten's kecamatan answer for that kabupaten's red cells,
  the OPD of a kecamatan for the kecamatan and its desa.
- An owner found only through a wilayah below the cell's (a kabupaten owner read from its kecamatan) is
  `disimpulkan`: no row names it for the cell's own wilayah, and every surface says it was inferred.
- Few kecamatan have a recorded penanggung jawab; kecamatan_coverage counts them, so a surface that lists
  owners can say how many of all kecamatan it knows about.
"""
from __future__ import annotations

import pandas as pd

from lib.data.wilayah import MAX_DEPTH, ancestors_of, descendants_of

KOORDINATOR, PENANGGUNG_JAWAB = "koordinator", "penanggung jawab wilayah"
DISIMPULKAN = "disimpulkan dari kecamatan"  # the mark of an owner inferred from the wilayah below the cell's
OWNER_COLUMNS = ["opd", "singkatan", "nama", "peran", "disimpulkan", "wilayah_tugas", "sumber"]

# The owners of many cells at once: cells(isu, wilayah) from the lists $isu and $wilayah (same length), each
# cell's wilayah with its ancestors (naik) and, below the province, its descendants (turun), keyed by `sel`.
_OWNERS = f"""
WITH RECURSIVE cells AS (SELECT DISTINCT unnest($isu) AS isu, unnest($wilayah) AS wilayah),
provinsi AS (SELECT kode FROM wilayah WHERE level = 'provinsi'),
{ancestors_of("SELECT wilayah FROM cells")},
{descendants_of("SELECT wilayah FROM cells WHERE wilayah NOT IN (SELECT kode FROM provinsi)")},
reach AS (
    SELECT sel, kode, bool_or(bawah) AS bawah
    FROM (SELECT sel, kode, false AS bawah FROM naik UNION ALL SELECT sel, kode, true FROM turun)
    GROUP BY sel, kode
),
rows AS (
    SELECT c.isu, c.wilayah, o.kode AS opd, o.singkatan, o.nama, 0 AS urutan, $koordinator AS peran,
           false AS disimpulkan, (SELECT kode FROM provinsi LIMIT 1) AS wilayah_tugas, 'isu.opd_koordinator' AS sumber
    FROM cells AS c JOIN isu AS i ON i.kode = c.isu JOIN opd AS o ON o.kode = i.opd_koordinator
    UNION ALL
    SELECT c.isu, c.wilayah, o.kode, o.singkatan, o.nama, 1, $koordinator, false, pj.wilayah, pj.sumber
    FROM cells AS c JOIN penanggung_jawab AS pj ON pj.isu = c.isu JOIN opd AS o ON o.kode = pj.opd
    WHERE pj.wilayah IN (SELECT kode FROM provinsi)
    UNION ALL
    SELECT c.isu, c.wilayah, o.kode, o.singkatan, o.nama, 2, $pj, pj.wilayah <> c.wilayah AND r.bawah,
           pj.wilayah, pj.sumber
    FROM cells AS c JOIN reach AS r ON r.sel = c.wilayah
    JOIN penanggung_jawab AS pj ON pj.wilayah = r.kode AND (pj.isu IS NULL OR pj.isu = c.isu)
    JOIN opd AS o ON o.kode = pj.opd
    WHERE pj.wilayah NOT IN (SELECT kode FROM provinsi)
)
SELECT isu, wilayah, opd, singkatan, nama, peran, bool_and(disimpulkan) AS disimpulkan,
       string_agg(DISTINCT wilayah_tugas, ', ' ORDER BY wilayah_tugas) AS wilayah_tugas,
       string_agg(DISTINCT sumber, '; ') AS sumber
FROM (SELECT *, min(urutan) OVER (PARTITION BY isu, wilayah, opd) AS terbaik FROM rows) WHERE urutan = terbaik
GROUP BY isu, wilayah, opd, singkatan, nama, peran, urutan ORDER BY isu, wilayah, urutan, singkatan
"""


def owners(con, isu: str, wilayah: str) -> pd.DataFrame:
    """The OPDs that own the cell (isu, wilayah), coordinators first (see module doc)."""
    return owners_of(con, [(isu, wilayah)])[(isu, wilayah)]


def owners_of(con, cells) -> dict[tuple[str, str], pd.DataFrame]:
    """(isu, wilayah) -> owners(con, isu, wilayah) for each of the cells, in one query."""
    cells = list(dict.fromkeys((isu, wilayah) for isu, wilayah in cells))
    if not cells:
        return {}
    found = con.execute(_OWNERS, {"isu": [c[0] for c in cells], "wilayah": [c[1] for c in cells],
                                  "depth": MAX_DEPTH, "koordinator": KOORDINATOR, "pj": PENANGGUNG_JAWAB}).df()
    groups = {key: frame for key, frame in found.groupby(["isu", "wilayah"], sort=False)}
    empty = pd.DataFrame(columns=OWNER_COLUMNS).astype({"disimpulkan": bool})  # as an empty query answer
    return {cell: groups[cell][OWNER_COLUMNS].reset_index(drop=True) if cell in groups else empty.copy()
            for cell in cells}


def owner_names(con, isu: str, wilayah: str, roles: dict[str, str] | None = None) -> str:
    """'Dinkes (koordinator); Biro Hukum, Biro Umum (penanggung jawab wilayah, disimpulkan dari kecamatan)' —
    for one line of text; `roles` gives the words shown for each role (KOORDINATOR, PENANGGUNG_JAWAB) and for
    DISIMPULKAN, the codes by default."""
    return _names(owners(con, isu, wilayah), roles or {})


def owner_names_of(con, cells, roles: dict[str, str] | None = None) -> dict[tuple[str, str], str]:
    """(isu, wilayah) -> owner_names of each of the cells, in one query."""
    return {cell: _names(frame, roles or {}) for cell, frame in owners_of(con, cells).items()}


def _names(frame: pd.DataFrame, roles: dict[str, str]) -> str:
    parts = []
    for (role, inferred), group in frame.groupby(["peran", "disimpulkan"], sort=False):
        words = f"{roles.get(role, role)}, {roles.get(DISIMPULKAN, DISIMPULKAN)}" if inferred else roles.get(role, role)
        parts.append(f"{', '.join(group['singkatan'])} ({words})")
    return "; ".join(parts)


def with_owners(con, cells: pd.DataFrame, roles: dict[str, str] | None = None) -> pd.DataFrame:
    """cells (with isu and wilayah columns) plus `pemilik`: the owner_names of each cell (roles as there)."""
    names = owner_names_of(con, zip(cells["isu"], cells["wilayah"]), roles)
    return cells.assign(pemilik=[names[key] for key in zip(cells["isu"], cells["wilayah"])])


def kecamatan_coverage(con, kabupaten: str | None = None) -> tuple[int, int]:
    """(kecamatan with a recorded penanggung jawab, all kecamatan), in one kabupaten or the whole province."""
    recorded, total = con.execute("""
        SELECT count(DISTINCT w.kode) FILTER (WHERE pj.wilayah IS NOT NULL), count(DISTINCT w.kode)
        FROM wilayah AS w LEFT JOIN penanggung_jawab AS pj ON pj.wilayah = w.kode
        WHERE w.level = 'kecamatan' AND ($kabupaten IS NULL OR w.kode_induk = $kabupaten)
    """, {"kabupaten": kabupaten}).fetchone()
    return int(recorded), int(total)
