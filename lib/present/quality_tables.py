"""Data-quality tables for the screen (lib.judge.quality computes them): translated headings, Indonesian number
formatting, short period labels, simulated values marked ○ (lib.present.tables.simulated_mark).
"""
from __future__ import annotations

import pandas as pd

from lib.judge.quality import LATE, NEIGHBOURS
from lib.present.tables import SIMULATED_GLYPH, simulated_mark
from lib.text import i18n, periods


def period_label(code: str, lang: str) -> str:
    """Short period label that fits a column heading: '2025', 'Smt II 2025', 'Agu 2025', 'Mg II Agu 2025'."""
    period = periods.parse_period(code)
    if period.jenis == "tahun":
        return period.kode
    if not period.measured:  # never shortened to a year: "tahun data tidak diketahui, diumumkan 1 September 2023"
        return period.label(lang)
    n = int(period.kode[-1]) if period.jenis in ("semester", "triwulan", "minggu") else 1
    return i18n.t(f"kualitas.pendek.{period.jenis}", lang, n=n, roman=("I", "II", "III", "IV")[n - 1],
                  month=i18n.month_name(period.mulai.month, lang, "abbreviated"), year=period.mulai.year)


def _isu(codes: pd.Series, lang: str) -> list[str]:
    return [i18n.t(f"isu.{code}", lang) for code in codes]


def completeness_matrices(summary: pd.DataFrame, lang: str) -> list[tuple[str, pd.DataFrame]]:
    """Per periodicity: the indicator ('· ○ Simulasi' if simulated values count), then each period's share."""
    matrices = []
    for periodisitas in [p for p in periods.PERIODICITIES if p in set(summary["periodisitas"])]:
        group = summary[summary["periodisitas"] == periodisitas].sort_values("mulai", kind="stable")
        rows = group.drop_duplicates("indikator").set_index("indikator")
        wide = group.pivot(index="indikator", columns="periode", values="porsi").reindex(
            index=rows.index, columns=group["periode"].unique()).mul(100).round()
        wide.columns = [period_label(code, lang) for code in wide.columns]
        simulated = group.groupby("indikator")["simulasi"].sum().reindex(rows.index) > 0
        wide.insert(0, i18n.t("col.indikator", lang),
                    [name + (f" · {simulated_mark(lang)}" if sim else "")
                     for name, sim in zip(rows["nama_indikator"], simulated)])
        matrices.append((i18n.t(f"kualitas.periodisitas.{periodisitas}", lang), wide.reset_index(drop=True)))
    return matrices


def gaps_table(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Incomplete (indikator, periode) cells, newest first: share reported and who has not reported."""
    gaps = summary[summary["porsi"] < 1].sort_values("mulai", ascending=False, kind="stable")
    return pd.DataFrame({
        i18n.t("col.indikator", lang): gaps["nama_indikator"],
        i18n.t("col.periode", lang): [period_label(code, lang) for code in gaps["periode"]],
        i18n.t("kualitas.col.porsi", lang): gaps["porsi"].mul(100).round(),
        i18n.t("kualitas.col.belum_lapor", lang): [", ".join(names) for names in gaps["belum_lapor"]],
        i18n.t("kualitas.col.lapor", lang): [f"{a}/{e}" for a, e in zip(gaps["ada"], gaps["diharapkan"])],
        i18n.t("col.isu", lang): _isu(gaps["isu"], lang),
    }).reset_index(drop=True)


def completeness_export(summary: pd.DataFrame) -> pd.DataFrame:
    """The summary as a flat table for CSV/Excel (missing names joined, share in percent)."""
    return summary.drop(columns=["mulai", "opd_singkatan"]).assign(
        porsi=(summary["porsi"] * 100).round(1), belum_lapor=[", ".join(n) for n in summary["belum_lapor"]])


def _status_text(status: str, late: object, lang: str) -> str:
    if status == LATE:
        return i18n.t("kualitas.status.terlambat", lang, n=int(late))
    return i18n.t(f"kualitas.status.{status}", lang)


def timeliness_shown(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Timeliness with translated headings: isu, indicator, wilayah, periodicity, latest data, status."""
    return pd.DataFrame({
        i18n.t("col.indikator", lang): frame["nama_indikator"],
        i18n.t("col.wilayah", lang): frame["nama_wilayah"],
        i18n.t("col.status", lang): [_status_text(s, n, lang) for s, n in zip(frame["status"], frame["terlambat"])],
        i18n.t("col.periode_terakhir", lang): [period_label(code, lang) if isinstance(code, str) else i18n.MISSING
                                               for code in frame["periode"]],
        i18n.t("col.periodisitas", lang): [i18n.t(f"kualitas.periodisitas.{p}", lang) for p in frame["periodisitas"]],
        i18n.t("col.isu", lang): _isu(frame["isu"], lang),
    })


def _reason(row: pd.Series, lang: str) -> str:
    side = i18n.t("kualitas.arah.atas" if row["skor"] > 0 else "kualitas.arah.bawah", lang)
    level = i18n.t(f"kualitas.tingkat.{row['level']}", lang) if row["alasan"] == NEIGHBOURS else ""
    return i18n.t(f"kualitas.alasan.{row['alasan']}", lang, arah=side, n=row["jumlah_pembanding"],
                  tingkat=level, induk=row["nama_induk"])


def outliers_shown(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Outliers with translated headings: value and benchmark with units, ○ before a simulated value, the reason."""
    def with_unit(column: str, marked: bool = False) -> list[str]:
        return [(f"{SIMULATED_GLYPH} " if marked and j == "simulasi" else "") + i18n.format_value(v, s, lang)
                for v, s, j in zip(frame[column], frame["satuan"], frame["jenis"])]
    return pd.DataFrame({
        i18n.t("col.indikator", lang): frame["nama_indikator"],
        i18n.t("col.wilayah", lang): [f"{n} ({p})" if level == "kecamatan" else n for n, p, level
                                      in zip(frame["nama_wilayah"], frame["nama_induk"], frame["level"])],
        i18n.t("col.periode", lang): [period_label(code, lang) for code in frame["periode"]],
        i18n.t("kualitas.col.alasan", lang): [_reason(row, lang) for _, row in frame.iterrows()],
        i18n.t("col.nilai", lang): with_unit("nilai", marked=True),
        i18n.t("kualitas.col.pembanding", lang): with_unit("pembanding"),
        i18n.t("kualitas.col.skor", lang): [i18n.format_number(s, 1, lang) for s in frame["skor"]],
        i18n.t("col.jenis", lang): [simulated_mark(lang) if j == "simulasi"
                                    else i18n.t("jenis.resmi", lang) for j in frame["jenis"]],
        i18n.t("col.sumber", lang): frame["sumber"],
    })
