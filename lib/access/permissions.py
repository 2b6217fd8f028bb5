"""Who may load what: an admin anything, a viewer nothing, an OPD user what its penanggung_jawab rows cover.

An OPD may load an indicator for a wilayah when it has a penanggung_jawab row for that wilayah or one of its
ancestors (up to the province, 76) whose isu is empty (every isu) or the indicator's isu. So the
coordinating OPD of an isu, recorded at wilayah 76, may load that isu's indicators anywhere, and the OPD
responsible for a kecamatan may load every indicator for the kecamatan and its desa, not for the kabupaten.
"""
from __future__ import annotations

from collections.abc import Callable

from lib.db.connect import Connection
from lib.users.accounts import User

MAX_DEPTH = 8  # province > kabupaten > kecamatan > desa; guards against a cycle in kode_induk

_ANCESTORS = """
WITH RECURSIVE naik(kode, kode_induk, langkah) AS (
    SELECT kode, kode_induk, 0 FROM wilayah WHERE kode = ?
    UNION ALL
    SELECT w.kode, w.kode_induk, naik.langkah + 1
    FROM wilayah AS w JOIN naik ON w.kode = naik.kode_induk
    WHERE naik.langkah < ?
)
"""

_DESCENDANTS = """
WITH RECURSIVE turun(kode, langkah) AS (
    SELECT pj.wilayah, 0 FROM penanggung_jawab AS pj
    WHERE pj.opd = ? AND (pj.isu IS NULL OR pj.isu = (SELECT isu FROM indikator WHERE kode = ?))
    UNION ALL
    SELECT w.kode, turun.langkah + 1 FROM wilayah AS w JOIN turun ON w.kode_induk = turun.kode
    WHERE turun.langkah < ?
)
"""


def may_load(con: Connection, user: User, indikator: str, wilayah: str) -> bool:
    """Whether user may load values of indikator for wilayah."""
    if user.role == "admin":
        return True
    if user.role != "opd" or not user.opd:
        return False
    row = con.execute(
        _ANCESTORS + """
        SELECT count(*) FROM penanggung_jawab AS pj JOIN naik ON pj.wilayah = naik.kode
        WHERE pj.opd = ? AND (pj.isu IS NULL OR pj.isu = (SELECT isu FROM indikator WHERE kode = ?))
          AND EXISTS (SELECT 1 FROM indikator WHERE kode = ?)
        """,
        [wilayah, MAX_DEPTH, user.opd, indikator, indikator],
    ).fetchone()
    return row[0] > 0


def loadable_wilayah(con: Connection, user: User, indikator: str) -> list[str]:
    """The wilayah codes user may load indikator for, sorted (for upload templates)."""
    if user.role == "admin":
        return [row[0] for row in con.execute("SELECT kode FROM wilayah ORDER BY kode").fetchall()]
    if user.role != "opd" or not user.opd:
        return []
    rows = con.execute(
        _DESCENDANTS + "SELECT DISTINCT kode FROM turun ORDER BY kode",
        [user.opd, indikator, MAX_DEPTH],
    ).fetchall()
    return [row[0] for row in rows]


def checker(con: Connection, user: User) -> Callable[[str, str], bool]:
    """A fast may_load(indikator, wilayah) for this user: reads the rules and the wilayah tree once."""
    if user.role == "admin":
        return lambda indikator, wilayah: True
    if user.role != "opd" or not user.opd:
        return lambda indikator, wilayah: False
    parent = dict(con.execute("SELECT kode, kode_induk FROM wilayah").fetchall())
    isu_of = dict(con.execute("SELECT kode, isu FROM indikator").fetchall())
    granted: dict[str | None, set[str]] = {}
    for wilayah, isu in con.execute("SELECT wilayah, isu FROM penanggung_jawab WHERE opd = ?", [user.opd]).fetchall():
        granted.setdefault(isu, set()).add(wilayah)
    roots = {isu: granted.get(None, set()) | granted.get(isu, set()) for isu in set(isu_of.values())}
    chains: dict[str, tuple[str, ...]] = {}

    def chain(wilayah: str) -> tuple[str, ...]:
        if wilayah not in chains:
            codes, code = [], wilayah
            while code is not None and code in parent and len(codes) <= MAX_DEPTH:
                codes.append(code)
                code = parent[code]
            chains[wilayah] = tuple(codes)
        return chains[wilayah]

    def allowed(indikator: str, wilayah: str) -> bool:
        allowed_roots = roots.get(isu_of.get(indikator))
        return bool(allowed_roots) and any(code in allowed_roots for code in chain(wilayah))

    return allowed
