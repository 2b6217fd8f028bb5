"""Kabupaten: one kabupaten's 4+1 scorecard (the province's, said so, while none is chosen), its status
counts, and the OPDs that answer for its kecamatan."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from lib.data import queries
from lib.judge import status
from lib.present import downloads, tables
from lib.present.markdown import fill
from lib.screens import opd, reads
from lib.screens.source import Source
from lib.text import i18n

PROVINCE = "76"
# The lama metric's label is Streamlit Markdown: a Material icon (an emoji would be a box on a PC without an emoji font).
LAMA_ICON = ":material/history:"


@dataclass(frozen=True)
class Counts:
    """The status figures over the scorecard: (label, count) per status shown, then 'no target' and lama,
    and the caption counting official and simulated values."""
    metrics: tuple[tuple[str, int], ...]
    caption: str


def names(src: Source) -> dict[str, str]:
    """Kabupaten code -> name, in code order (the page's picker)."""
    kabupaten = src.read(queries.kabupaten)
    return dict(zip(kabupaten["kode"], kabupaten["nama"]))


def title(src: Source, code: str | None) -> str:
    """'Kabupaten Majene' style title, or the province's when no kabupaten is chosen."""
    return fill("kabupaten.judul", src.lang, nama=names(src)[code]) if code else src.t("kabupaten.judul_provinsi")


def scorecard(src: Source, code: str, until: date | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every indicator with data for one wilayah, assessed, and the history behind each."""
    codes = tuple(src.read(queries.indicators)["kode"])
    frame = src.read(reads.assessed, codes, (code,), until)
    frame = frame[frame["nilai"].notna()].reset_index(drop=True)
    return frame, src.read(reads.series, tuple(frame["indikator"]), (code,), until)


@dataclass(frozen=True)
class Report:
    """One wilayah's scorecard, worst first: the table on screen, its download twin (numbers as numbers, no
    lists) and each row's status chip colour."""
    shown: pd.DataFrame
    export: pd.DataFrame
    fills: list[str]


def report(src: Source, code: str, until: date | None) -> Report:
    """The scorecard table of one wilayah (lib.present.tables.scorecard_table), as the page shows it."""
    card, history = scorecard(src, code, until)
    return Report(tables.scorecard_table(card, history, src.lang), tables.scorecard_export(card, src.lang),
                  tables.status_fills(tables.sort_worst_first(card)))


def report_notes(src: Source, code: str, until: date | None) -> list[str]:
    """The download notes of the scorecard table (sources, simulasi)."""
    return downloads.notes(scorecard(src, code, until)[0], src.lang)


def counts(frame: pd.DataFrame, lang: str) -> Counts:
    """How many current official values sit in each status; lama values, values without an official target
    and simulated ones are counted apart so they never swell a status."""
    official = frame[frame["jenis"] == "resmi"]
    current = official[~official["lama"]]
    found = current["status"].value_counts()
    shown = [c for c in status.STATUSES if c not in status.BAND_MISSES or found.get(c, 0)]
    metrics = [(tables.status_text(code, lang), int(found.get(code, 0))) for code in shown]
    metrics.append((tables.status_text(None, lang, has_value=True), int(current["status"].isna().sum())))
    metrics.append((f"{LAMA_ICON} {i18n.t('usia.lama', lang)}", int(official["lama"].sum())))
    simulated = int((frame["jenis"] == "simulasi").sum())
    return Counts(tuple(metrics), i18n.t("kabupaten.hitungan", lang, resmi=len(official), simulasi=simulated))


def owners_coverage(src: Source, code: str | None) -> str:
    """How many kecamatan (of the kabupaten, or of the province when none is chosen) have a recorded
    penanggung jawab: 'Penanggung jawab tercatat untuk 9 dari 16 kecamatan di Polewali Mandar.'"""
    return opd.owners_coverage(src, code, names(src)[code] if code else None)


def responsible(src: Source, code: str | None) -> pd.DataFrame | None:
    """The OPDs that answer for the kabupaten's kecamatan, with translated headings; None when no kabupaten
    is chosen (an empty frame when none is recorded)."""
    if not code:
        return None
    found = src.read(queries.responsible_opd, code)
    columns = ("nama_kecamatan", "opd", "nama_opd", "isu", "sumber")
    return found[list(columns)].rename(columns={c: src.t(f"col.{c}") for c in columns})
