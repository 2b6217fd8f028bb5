"""Kualitas data: who has not reported (completeness per indicator and period), which series are late, which
latest figures stand out for review — for the chosen OPD (when it coordinates an isu) and kabupaten."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from lib.data import queries
from lib.judge import quality
from lib.present import downloads, quality_tables
from lib.present.markdown import fill
from lib.screens import reads
from lib.screens.source import Source
from lib.text import i18n


@dataclass(frozen=True)
class Completeness:
    """The completeness section: one matrix per indicator group, the gaps list and its download twin."""
    summary: pd.DataFrame  # empty: the OPD has no indicator
    matrices: list[tuple[str, pd.DataFrame]]
    gaps: pd.DataFrame
    export: pd.DataFrame


@dataclass(frozen=True)
class Table:
    """A table on screen, its download twin and the download's notes."""
    found: pd.DataFrame  # what lib.judge.quality found (empty: nothing to show)
    shown: pd.DataFrame
    notes: list[str]


def about(as_of: date, lang: str) -> str:
    """The caption under the title: the day the data is judged on."""
    return i18n.t("kualitas.keterangan", lang, tanggal=i18n.format_date(as_of, lang))


def not_coordinator(src: Source, opd: str | None) -> str | None:
    """The note shown instead of the page when the chosen OPD coordinates no isu; None otherwise."""
    if not opd:
        return None
    found = src.read(queries.opd_list).set_index("kode")
    if len(found.loc[opd, "isu_koordinasi"]):
        return None
    return fill("kualitas.bukan_koordinator", src.lang, opd=found.loc[opd, "singkatan"])


def completeness(src: Source, opd: str | None, kabupaten: tuple[str, ...], as_of: date, window: str) -> Completeness:
    """Share of expected wilayah that reported, as matrices, the list of gaps and the export."""
    summary = src.read(reads.quality_completeness, opd, kabupaten, as_of, window)
    if summary.empty:
        return Completeness(summary, [], pd.DataFrame(), pd.DataFrame())
    return Completeness(summary, quality_tables.completeness_matrices(summary, src.lang),
                        quality_tables.gaps_table(summary, src.lang), quality_tables.completeness_export(summary))


def timeliness(src: Source, opd: str | None, kabupaten: tuple[str, ...], as_of: date) -> Table:
    """How late each expected series is."""
    late = src.read(reads.quality_timeliness, opd, kabupaten, as_of)
    shown = quality_tables.timeliness_shown(late, src.lang) if not late.empty else late
    return Table(late, shown, [about(as_of, src.lang)])


def outliers_caption(lang: str) -> str:
    """The caption of the outliers section: how many points a history needs and the threshold."""
    return i18n.t("kualitas.pencilan_keterangan", lang, n=quality.MIN_POINTS,
                  ambang=i18n.format_number(quality.OUTLIER_THRESHOLD, 1, lang))


def outliers(src: Source, opd: str | None, kabupaten: tuple[str, ...], as_of: date) -> Table:
    """Latest values far from their own history or their siblings."""
    found = src.read(reads.quality_outliers, opd, kabupaten, as_of)
    if found.empty:
        return Table(found, found, [])
    return Table(found, quality_tables.outliers_shown(found, src.lang),
                 [about(as_of, src.lang), *downloads.notes(found, src.lang)])
