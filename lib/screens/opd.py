"""OPD: an OPD head's view — the isu it coordinates (cards and data freshness), the off-track cells it owns,
the wilayah it answers for with their kecamatan figures; every OPD listed while none is chosen."""
from __future__ import annotations

from datetime import date

import pandas as pd

from lib.data import queries
from lib.present import tables
from lib.screens import cards, reads
from lib.screens.source import Source
from lib.text import i18n


def opd_list(src: Source) -> pd.DataFrame:
    """Every OPD (code, name, short name, the isu it coordinates)."""
    return src.read(queries.opd_list)


def names(src: Source) -> dict[str, str]:
    """OPD code -> 'Dinkes — Dinas Kesehatan' (the page's picker)."""
    opd = opd_list(src)
    return dict(zip(opd["kode"], opd["singkatan"] + " — " + opd["nama"]))


def overview(src: Source) -> pd.DataFrame:
    """Every OPD with the isu it coordinates, for the page while no OPD is chosen."""
    opd = opd_list(src)
    isu = [", ".join(src.t(f"isu.{code}") for code in codes) for codes in opd["isu_koordinasi"]]
    return pd.DataFrame({src.t("opd.col.singkatan"): opd["singkatan"], src.t("opd.col.nama"): opd["nama"],
                         src.t("opd.col.isu"): isu})


def coordinated(src: Source, opd: str) -> list[str]:
    """The isu the OPD coordinates, in isu order."""
    return list(opd_list(src).set_index("kode").loc[opd, "isu_koordinasi"])


def coordinator_heading(src: Source, isu: list[str]) -> str:
    """'Koordinator: Stunting, …' over the OPD's isu cards."""
    return src.t("opd.koordinator", isu=", ".join(src.t(f"isu.{c}") for c in isu))


def coordinated_cards(src: Source, isu: list[str], until: date | None) -> tuple[cards.Card, ...]:
    """The province's cards of the isu the OPD coordinates."""
    headlines = src.read(reads.headlines, None, until)
    return cards.cards(headlines[headlines["isu"].isin(isu)], src)


def freshness(src: Source, isu: list[str], today: date) -> pd.DataFrame:
    """How fresh each of the isu's indicators is against its periodicity."""
    return tables.freshness_table(src.read(reads.data_freshness, tuple(isu)), today, src.lang)


def red_cells(src: Source, opd: str, until: date | None) -> pd.DataFrame | None:
    """The current off-track cells (province headlines, kabupaten matrix; lama ones left out) the OPD owns,
    with its role, marked where inferred from kecamatan; None: none."""
    found = src.read(reads.owned_red_cells, opd, until)
    if found.empty:
        return None
    t = src.t
    return pd.DataFrame({
        t("col.wilayah"): found["nama"], t("col.indikator"): found["nama_indikator"],
        t("col.nilai"): [i18n.format_value(v, s, src.lang) for v, s in zip(found["nilai"], found["satuan"])],
        t("col.periode"): found["periode_label"], t("col.isu"): [t(f"isu.{code}") for code in found["isu"]],
        t("col.peran"): [role_text(src, p, i) for p, i in zip(found["peran"], found["disimpulkan"])]})


def role_text(src: Source, role: str, inferred: bool) -> str:
    """'Penanggung jawab wilayah', or '… (disimpulkan dari kecamatan)' for a role read from the kecamatan below."""
    word = src.t(f"peran.{role}")
    return src.t("opd.peran_disimpulkan", peran=word) if inferred else word


def owners_coverage(src: Source, kabupaten: str | None = None, nama: str | None = None) -> str:
    """'Penanggung jawab tercatat untuk 23 dari 69 kecamatan …': how much of the map the owners cover."""
    recorded, total = src.read(reads.kecamatan_coverage, kabupaten)
    if kabupaten is None:
        return src.t("pemilik.cakupan", n=recorded, total=total)
    return src.t("pemilik.cakupan_kabupaten", n=recorded, total=total, nama=nama or kabupaten)


def assignments(src: Source, opd: str) -> pd.DataFrame:
    """The wilayah the OPD answers for (lib.data.queries.opd_assignments)."""
    return src.read(queries.opd_assignments, opd)


def assignment_table(src: Source, found: pd.DataFrame) -> pd.DataFrame:
    """The wilayah an OPD answers for: name (with its kabupaten), level, isu (or all), source."""
    t = src.t
    return pd.DataFrame({
        t("col.wilayah"): [f"{n} ({p})" if isinstance(p, str) and lvl == "kecamatan" else n
                           for n, p, lvl in zip(found["nama"], found["nama_induk"], found["level"])],
        t("col.level"): [t(f"level.{lvl}") for lvl in found["level"]],
        t("col.isu"): [t(f"isu.{i}") if isinstance(i, str) else t("opd.semua_isu") for i in found["isu"]],
        t("col.sumber"): found["sumber"]})


def kecamatan_figures(src: Source, found: pd.DataFrame, until: date | None) -> pd.DataFrame | None:
    """Latest values of every indicator with data for the OPD's kecamatan, assessed; None when it answers
    for no kecamatan."""
    kecamatan = tuple(found.loc[found["level"] == "kecamatan", "wilayah"])
    if not kecamatan:
        return None
    codes = tuple(src.read(queries.indicators)["kode"])
    frame = src.read(reads.assessed, codes, kecamatan, until)
    return frame[frame["nilai"].notna()].reset_index(drop=True)


def kecamatan_table(src: Source, figures: pd.DataFrame) -> pd.DataFrame:
    """Kecamatan figures as the labelled table the page shows."""
    return tables.kecamatan_table(figures, src.lang)
