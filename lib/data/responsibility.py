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

from lib.data.wilayah import ANCESTORS, MAX_DEPTH, descendants

KOORDINATOR, PENANGGUNG_JAWAB = "koordinator", "penanggung jawab wilayah"
DISIMPULKAN = "disimpulkan dari kecamatan"  # the mark of an owner inferred from the wilayah below the cell's
OWNER_COLUMNS = ["opd", "singkatan", "nama", "peran", "disimpulkan", "wilayah_tugas", "sumber"]

_OWNERS = f"""
WITH RECURSIVE {ANCESTORS},
{descendants("SELECT kode, 0 FROM wilayah WHERE kode = $wilayah AND level <> 'provinsi'")},
provinsi AS (SELECT kode FROM wilayah WHERE level = 'provinsi'),
rows AS (
    SELECT o.kode AS opd, o.singkatan, o.nama, 0 AS urutan, $koordinator AS peran, false AS disimpulkan,
           (SELECT kode FROM provinsi LIMIT 1) AS wilayah_tugas, 'isu.opd_koordinator' AS sumber
    FROM isu AS i JOIN opd AS o ON o.kode = i.opd_koordinator WHERE i.kode = $isu
    UNION ALL
    SELECT o.kode, o.singkatan, o.nama,
           CASE WHEN pj.wilayah IN (SELECT kode FROM provinsi) THEN 1 ELSE 2 END,
           CASE WHEN pj.wilayah IN (SELECT kode FROM provinsi) THEN $koordinator ELSE $pj END,
           pj.wilayah <> $wilayah AND pj.wilayah IN (SELECT kode FROM turun),
           pj.wilayah, pj.sumber
    FROM penanggung_jawab AS pj JOIN opd AS o ON o.kode = pj.opd
    WHERE (pj.isu IS NULL OR pj.isu = $isu)
      AND (pj.wilayah IN (SELECT kode FROM provinsi WHERE pj.isu = $isu)
           OR (pj.wilayah NOT IN (SELECT kode FROM provinsi)
               AND (pj.wilayah IN (SELECT kode FROM naik) OR pj.wilayah IN (SELECT kode FROM turun))))
)
SELECT opd, singkatan, nama, peran, bool_and(disimpulkan) AS disimpulkan,
       string_agg(DISTINCT wilayah_tugas, ', ' ORDER BY wilayah_tugas) AS wilayah_tugas,
       string_agg(DISTINCT sumber, '; ') AS sumber
FROM (SELECT *, min(urutan) OVER (PARTITION BY opd) AS terbaik FROM rows) WHERE urutan = terbaik
GROUP BY opd, singkatan, nama, peran, urutan ORDER BY urutan, singkatan
"""


def owners(con, isu: str, wilayah: str) -> pd.DataFrame:
    """The OPDs that own the cell (isu, wilayah), coordinators first (see module doc)."""
    return con.execute(_OWNERS, {"wilayah": wilayah, "isu": isu, "depth": MAX_DEPTH, "koordinator": KOORDINATOR,
                                 "pj": PENANGGUNG_JAWAB}).df()[OWNER_COLUMNS]


def owner_names(con, isu: str, wilayah: str, roles: dict[str, str] | None = None) -> str:
    """'Dinkes (koordinator); Biro Hukum, Biro Umum (penanggung jawab wilayah, disimpulkan dari kecamatan)' —
    for one line of text; `roles` gives the words shown for each role (KOORDINATOR, PENANGGUNG_JAWAB) and for
    DISIMPULKAN, the codes by default."""
    frame = owners(con, isu, wilayah)
    roles = roles or {}
    parts = []
    for (role, inferred), group in frame.groupby(["peran", "disimpulkan"], sort=False):
        words = f"{roles.get(role, role)}, {roles.get(DISIMPULKAN, DISIMPULKAN)}" if inferred else roles.get(role, role)
        parts.append(f"{', '.join(group['singkatan'])} ({words})")
    return "; ".join(parts)


def with_owners(con, cells: pd.DataFrame, roles: dict[str, str] | None = None) -> pd.DataFrame:
    """cells (with isu and wilayah columns) plus `pemilik`: the owner_names of each cell (roles as there)."""
    names = {key: owner_names(con, *key, roles) for key in set(zip(cells["isu"], cells["wilayah"]))}
    return cells.assign(pemilik=[names[key] for key in zip(cells["isu"], cells["wilayah"])])


def kecamatan_coverage(con, kabupaten: str | None = None) -> tuple[int, int]:
    """(kecamatan with a recorded penanggung jawab, all kecamatan), in one kabupaten or the whole province."""
    recorded, total = con.execute("""
        SELECT count(DISTINCT w.kode) FILTER (WHERE pj.wilayah IS NOT NULL), count(DISTINCT w.kode)
        FROM wilayah AS w LEFT JOIN penanggung_jawab AS pj ON pj.wilayah = w.kode
        WHERE w.level = 'kecamatan' AND ($kabupaten IS NULL OR w.kode_induk = $kabupaten)
    """, {"kabupaten": kabupaten}).fetchone()
    return int(recorded), int(total)
