"""Who may load what: an admin anything, a viewer nothing, an OPD user what its penanggung_jawab rows cover.

An OPD may load an indicator for a wilayah when it has a penanggung_jawab row for that wilayah or one of its
ancestors (up to the province, 76) whose isu is empty (every isu) or the indicator's isu. So the
coordinating OPD of an isu, recorded at wilayah 76, may load that isu's indicators anywhere, and the OPD
responsible for a kecamatan may load every indicator for the kecamatan and its desa, not for the kabupaten.
"""
from __future__ import annotations

from collections.abc import Callable

from lib.data import assignments, reference, wilayah
from lib.db.connect import Connection
from lib.users.accounts import User


def may_load(con: Connection, user: User, indikator: str, wilayah_kode: str) -> bool:
    """Whether user may load values of indikator for wilayah_kode."""
    if user.role == "admin":
        return True
    if user.role != "opd" or not user.opd:
        return False
    return assignments.covers(con, user.opd, indikator, wilayah_kode)


def loadable_wilayah(con: Connection, user: User, indikator: str) -> list[str]:
    """The wilayah codes user may load indikator for, sorted (for upload templates)."""
    if user.role == "admin":
        return wilayah.all_codes(con)
    if user.role != "opd" or not user.opd:
        return []
    return assignments.covered_wilayah(con, user.opd, indikator)


def checker(con: Connection, user: User) -> Callable[[str, str], bool]:
    """A fast may_load(indikator, wilayah) for this user: reads the rules and the wilayah tree once."""
    if user.role == "admin":
        return lambda indikator, code: True
    if user.role != "opd" or not user.opd:
        return lambda indikator, code: False
    parent = wilayah.parents(con)
    isu_of = reference.isu_of_indicator(con)
    granted: dict[str | None, set[str]] = {}
    for code, isu in assignments.granted(con, user.opd):
        granted.setdefault(isu, set()).add(code)
    roots = {isu: granted.get(None, set()) | granted.get(isu, set()) for isu in set(isu_of.values())}
    chains: dict[str, tuple[str, ...]] = {}

    def chain(start: str) -> tuple[str, ...]:
        if start not in chains:
            codes, code = [], start
            while code is not None and code in parent and len(codes) <= wilayah.MAX_DEPTH:
                codes.append(code)
                code = parent[code]
            chains[start] = tuple(codes)
        return chains[start]

    def allowed(indikator: str, code: str) -> bool:
        allowed_roots = roots.get(isu_of.get(indikator))
        return bool(allowed_roots) and any(c in allowed_roots for c in chain(code))

    return allowed
