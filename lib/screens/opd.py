"""OPD: an OPD head's view — first a to-do list (the off-track cells it owns, each opening the isu page filtered to
it, and its overdue reports with their due date), then the isu it coordinates (cards and data freshness) and the
wilayah it answers for with their kecamatan figures; one plain sentence for an OPD with nothing assigned; every
OPD listed while none is chosen."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from lib.data import queries
from lib.judge import quality
from lib.judge.freshness import due_date
from lib.present import status_text, tables
from lib.present.markdown import plain
from lib.screens import actions, cards, reads
from lib.screens.source import Source
from lib.text import i18n, periods

# The isu pages (views/<name>.py, the app's URL paths) a to-do cell opens.
ISU_PAGES = {"KE": "kemiskinan-ekstrem", "ST": "stunting", "ATS": "anak-tidak-sekolah", "PA": "perkawinan-anak",
             "INF": "inflasi"}
PROVINCE = "76"
MAX_OVERDUE_NAMES = 3  # wilayah named in an overdue line; the rest counted


@dataclass(frozen=True)
class TodoCell:
    """An off-track cell the OPD owns, as a to-do line that opens the isu page on it."""
    text: str  # 'Polewali Mandar · Prevalensi balita stunting: 35,4% (2024)'
    status: str  # the status chip's words ('Tidak tercapai · target provinsi')
    fill: str  # the chip's colour (lib.present.status_text.status_fill)
    chip: str  # the chip as HTML (lib.screens.cards.chip), as on the cards
    role: str  # 'Koordinator isu', '… (disimpulkan dari kecamatan)'
    page: str  # the isu page's path, 'views/stunting.py'
    indikator: str  # the indicator the page opens on
    kabupaten: tuple[str, ...]  # the kabupaten filter it opens with (empty for a province cell: every kabupaten)
    link: str  # the link's words: 'Buka Stunting · Polewali Mandar'


@dataclass(frozen=True)
class OverdueReport:
    """An indicator whose next report is past due, over the wilayah that owe it."""
    text: str  # 'Balita stunting yang diintervensi Satgas 4+1 · Sulawesi Barat, Majene dan 4 wilayah lain'
    due: str  # the earliest due date, '14 Oktober 2023'
    detail: str  # 'data terakhir: Agustus 2023 · terlambat 39 periode'


@dataclass(frozen=True)
class Todo:
    cells: tuple[TodoCell, ...]
    overdue: tuple[OverdueReport, ...]


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
    """Kecamatan figures as the labelled table the page shows, worst first."""
    return tables.kecamatan_table(figures, src.lang)


def kecamatan_fills(figures: pd.DataFrame) -> list[str]:
    """The status chip colour of each row of kecamatan_table, in its order."""
    return tables.status_fills(tables.sort_worst_first(figures))


def todo_cells(src: Source, opd: str, until: date | None) -> tuple[TodoCell, ...]:
    """The current off-track cells the OPD owns (lama ones left out: lib.judge.scorecard.red_cells_owned),
    worst first, each with the isu page and filter that show it."""
    found = src.read(reads.owned_red_cells, opd, until)
    if found.empty:
        return ()
    found = tables.sort_worst_first(found)
    lang, cells = src.lang, []
    for _, row in found.iterrows():
        kabupaten = () if row["wilayah"] == PROVINCE else (row["wilayah"],)
        value = tables.value_text(row["nilai"], row["satuan"], lang, row.get("disamarkan", False))
        cells.append(TodoCell(
            text=f"{plain(row['nama'])} · {plain(row['nama_indikator'])}: {value} ({plain(row['periode_label'])})",
            status=status_text.status_chip(row, lang), fill=status_text.status_fill(row), chip=cards.chip(row, lang),
            role=role_text(src, row["peran"], bool(row["disimpulkan"])), page=f"views/{ISU_PAGES[row['isu']]}.py",
            indikator=row["indikator"], kabupaten=kabupaten,
            link=src.t("opd.todo_buka", isu=src.t(f"isu.{row['isu']}"), wilayah=plain(row["nama"]))))
    return tuple(cells)


def overdue_reports(src: Source, opd: str, today: date) -> tuple[OverdueReport, ...]:
    """The OPD's indicators with a late report (lib.judge.quality timeliness), one line each: the wilayah that
    owe it, the earliest due date and the latest period reported; the longest overdue first."""
    late = src.read(reads.quality_timeliness, opd, (), today)
    late = late[late["status"] == quality.LATE] if not late.empty else late
    if late.empty:
        return ()
    lang, found = src.lang, []
    late = late.assign(jatuh_tempo=[due_date(e, p) for e, p in zip(late["tanggal"], late["periodisitas"])])
    for _, rows in sorted(late.groupby("indikator", sort=False), key=lambda g: g[1]["jatuh_tempo"].min()):
        names = list(dict.fromkeys(rows.sort_values("wilayah")["nama_wilayah"]))
        shown = ", ".join(names[:MAX_OVERDUE_NAMES])
        if len(names) > MAX_OVERDUE_NAMES:
            shown = src.t("opd.todo_wilayah_lain", daftar=shown, n=len(names) - MAX_OVERDUE_NAMES)
        oldest = rows.sort_values("jatuh_tempo").iloc[0]
        latest = _period_text(oldest["periode"], lang)
        found.append(OverdueReport(
            text=f"{plain(oldest['nama_indikator'])} · {shown}", due=i18n.format_date(oldest["jatuh_tempo"], lang),
            detail=src.t("opd.todo_terlambat", periode=latest, n=int(rows["terlambat"].max()))))
    return tuple(found)


def _period_text(code: str, lang: str) -> str:
    """A period code as its label ('Agustus 2023'); the code itself when it does not parse."""
    try:
        return periods.parse_period(code).label(lang)
    except periods.PeriodError:
        return str(code)


def todo(src: Source, opd: str, until: date | None, today: date) -> Todo:
    """The OPD's to-do list: off-track cells it owns and its overdue reports."""
    return Todo(todo_cells(src, opd, until), overdue_reports(src, opd, today))


def nothing_assigned(src: Source, opd: str) -> str | None:
    """One plain sentence for an OPD that coordinates no isu, owns no cell and answers for no wilayah, and has no
    recorded action ('Biro Hukum belum ditugasi ...'); None when it has something to show."""
    if coordinated(src, opd) or not assignments(src, opd).empty:
        return None
    if not src.read(reads.owned_red_cells, opd, None).empty or actions.action_table(src, opd=opd) is not None:
        return None
    return src.t("opd.tanpa_tugas", nama=plain(opd_list(src).set_index("kode").loc[opd, "nama"]))
