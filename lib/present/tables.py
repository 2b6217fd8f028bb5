"""Tables as shown and as downloaded: assessed frames turned into labelled, formatted rows (pure pandas).

Each builder returns (shown, export): the same rows and columns, `shown` with numbers formatted the
Indonesian way as text, `export` with plain numbers so a spreadsheet can compute with them. The Unggah page's
tables (problems, preview of values and of actions) are shown only, so their builders return one frame.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from lib.access import privacy
from lib.db import simulation
from lib.judge import freshness, status
from lib.present import status_text as stext
from lib.text import i18n, periods

if TYPE_CHECKING:  # the Unggah tables' rows; not imported at run time (screens load this module on every page)
    from lib.ingest.load import Change
    from lib.ingest.tindakan import ActionRow
    from lib.ingest.validate import Problem

# Worst first when ranking (what needs attention leads): the misses, then the met targets, then the neutral
# statuses, then a value without a target; no data last. Within a status, the value in the bad direction first.
WORST_FIRST = (*status.MISSES, status.TERCAPAI, *status.NEUTRAL)
STATUS_RANK = {code: rank for rank, code in enumerate(WORST_FIRST)}


def status_word(code: str | None, lang: str, has_value: bool = False) -> str:
    """The status in words; a value with no status has no target to be judged against ("Tanpa target")."""
    code = None if code is None or pd.isna(code) else code
    if code is None and has_value:
        return i18n.t("chart.tanpa_target", lang)
    return i18n.status_label(code, lang)


def status_text(code: str | None, lang: str, has_value: bool = False) -> str:
    """The status in words, as in the chips everywhere else (no emoji marks: a table cell holds text only)."""
    return status_word(code, lang, has_value)


def status_cell(row: pd.Series, lang: str) -> str:
    """The status words of one assessed row, with the value's age when it is lama ('Tercapai · data 4 tahun
    lalu'; text only, as the chips). The period stands in the Periode column beside it, so the cell leaves it
    out and stays short enough for the key columns to fit a 1280 px projector."""
    word, months, lama = stext.status_word(row, lang), row.get("usia_bulan"), row.get("lama")
    if not (isinstance(lama, (bool, np.bool_)) and lama) or months is None or pd.isna(months):
        return word
    key, n = ("usia.tabel_bulan", int(months)) if months < 12 else ("usia.tabel_tahun", int(row["usia_tahun"]))
    age = i18n.t(stext.age_key(key, n), lang, n=n)
    return f"{word} · {i18n.t('status.lama_usia', lang, usia=age)}"  # "lama" said beside the status, as everywhere


def is_hidden(mark: object) -> bool:
    """Whether a lib.access.privacy mark (disamarkan, target_disamarkan, …) says public mode hid this figure."""
    return isinstance(mark, (bool, np.bool_)) and bool(mark)


def value_text(value: object, satuan: str, lang: str, hidden: object = False) -> str:
    """A value with its unit, or "< 5" where public mode hid a small count (lib.access.privacy)."""
    if is_hidden(hidden):
        return privacy.SUPPRESSED_TEXT
    return i18n.format_value(value, satuan, lang)


def _values(frame: pd.DataFrame, lang: str) -> list[str]:
    hidden = frame["disamarkan"] if "disamarkan" in frame else [False] * len(frame)
    return [value_text(v, s, lang, h) for v, s, h in zip(frame["nilai"], frame["satuan"], hidden)]


def target_text(row: pd.Series, lang: str) -> str:
    """The target with its scope, year and basis, or the stated reference; "< 5" where public mode hid a
    small target; '–' without either."""
    if is_hidden(row.get("target_disamarkan")):
        return privacy.SUPPRESSED_TEXT
    return stext.basis_text(row, lang) or i18n.MISSING


def source_text(sources: pd.Series, lang: str) -> list[str]:
    """Sources as shown: published names as published; the simulation's own label in the page language."""
    return [i18n.t("sumber.simulasi", lang) if s == simulation.SOURCE else i18n.MISSING if i18n.is_missing(s) else s
            for s in sources]


# Simulated values in table cells: a hollow circle, as the hollow points of the charts, with the word beside it
# (a glyph every font has, DejaVu Sans included: no emoji, which a PC without an emoji font draws as a box).
SIMULATED_GLYPH = "○"


def simulated_mark(lang: str) -> str:
    """'○ Simulasi': how a table cell, a label or a caption marks simulated data."""
    return f"{SIMULATED_GLYPH} {i18n.t('jenis.simulasi.short', lang)}"


def _jenis_text(jenis: object, lang: str) -> str:
    if jenis == "simulasi":
        return simulated_mark(lang)
    return i18n.t("jenis.resmi", lang) if jenis == "resmi" else i18n.MISSING


LEVEL_RANK = {"provinsi": 0, "kabupaten": 1, "kecamatan": 2, "desa": 3}


def sort_worst_first(frame: pd.DataFrame) -> pd.DataFrame:
    """The province pinned on top, then each level's rows worst first: by status (WORST_FIRST: misses first, a
    value without a target after the statuses, no data last), current before lama, and by value in the bad
    direction (the lowest first where higher is better)."""
    level = frame["level"].map(LEVEL_RANK).fillna(len(LEVEL_RANK)) if "level" in frame else 0
    has_value = frame["nilai"].notna()
    rank = frame["status"].map(lambda s: STATUS_RANK.get(s, len(STATUS_RANK))).where(has_value, len(STATUS_RANK) + 1)
    lama = frame["lama"].fillna(False).astype(bool) if "lama" in frame else False
    good_high = frame["arah"].eq("naik")
    signed = frame["nilai"].where(good_high, -frame["nilai"])
    keys = ["_level", "_rank", "_lama", "_signed"]
    return frame.assign(_level=level, _rank=rank, _lama=lama, _signed=signed).sort_values(
        keys, ascending=[True, True, True, True], na_position="last", kind="stable").drop(columns=keys)


def status_fills(ordered: pd.DataFrame) -> list[str]:
    """The fill colour of each row's status chip, in row order (lib.present.status_text.status_fill: muted when
    lama, light grey without a target)."""
    return [stext.status_fill(r) for _, r in ordered.iterrows()]


def _export_status(ordered: pd.DataFrame, lang: str) -> dict:
    """Status columns of a download: code words, lama flag and age, target and its basis as data."""
    return {
        "status": [i18n.status_label(s, lang) if isinstance(s, str) else stext.status_word(r, lang)
                   for s, (_, r) in zip(ordered["status"], ordered.iterrows())],
        "data_lama": ordered["lama"], "umur_data": [stext.age_text(r, lang) for _, r in ordered.iterrows()],
        "target_tahun": ordered["target_tahun"], "target_cakupan": ordered["target_cakupan"],
        "target_dasar": ordered["target_dasar"], "target_rujukan": ordered["target_rujukan"],
        "acuan_lisan": [stext.reference_text(r, lang) for _, r in ordered.iterrows()],
        "perubahan": [stext.change_text(r, lang) for _, r in ordered.iterrows()],
    }


def ranking_table(frame: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Wilayah ranked worst first (sort_worst_first): value, period, target with basis, achievement, status
    with age, change."""
    ordered = sort_worst_first(frame)
    labels = {key: i18n.t(f"col.{key}", lang) for key in
              ("wilayah", "nilai", "satuan", "periode", "target", "capaian", "status", "jenis", "sumber",
               "perubahan")}
    common = {labels["wilayah"]: ordered["nama"], labels["periode"]: ordered["periode_label"].fillna(i18n.MISSING)}
    achievement = ordered["capaian_pct"].map(status.clip_pct)
    rows = list(ordered.iterrows())
    # Key columns first (wilayah, value, status, period, target): in view on a phone and on a 1280 px projector.
    shown = pd.DataFrame({
        labels["wilayah"]: common[labels["wilayah"]],
        labels["nilai"]: _values(ordered, lang),
        labels["status"]: [status_cell(r, lang) for _, r in rows],
        labels["periode"]: common[labels["periode"]],
        labels["target"]: [target_text(r, lang) for _, r in rows],
        labels["capaian"]: achievement,
        labels["perubahan"]: [stext.change_text(r, lang) or i18n.MISSING for _, r in rows],
        labels["jenis"]: [_jenis_text(j, lang) for j in ordered["jenis"]],
        labels["sumber"]: source_text(ordered["sumber"], lang),
    })
    export_status = _export_status(ordered, lang)
    export = pd.DataFrame({
        "kode_wilayah": ordered["wilayah"], **common,
        labels["nilai"]: ordered["nilai"], labels["satuan"]: ordered["satuan"],
        labels["target"]: ordered["target"], "target_atas": ordered["target_atas"],
        labels["capaian"]: ordered["capaian_pct"].round(1),
        labels["status"]: export_status.pop("status"), **export_status,
        labels["jenis"]: ordered["jenis"], labels["sumber"]: ordered["sumber"], "url": ordered["url"],
    })
    return shown.reset_index(drop=True), export.reset_index(drop=True)


def scorecard_table(frame: pd.DataFrame, history: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every indicator of one wilayah, worst first (sort_worst_first): value, status (with age), period, target
    with its basis, trend (a list of values, for a sparkline column: scorecard_export holds numbers), change."""
    frame = sort_worst_first(frame)
    trend = history.groupby("indikator")["nilai"].apply(list) if not history.empty else pd.Series(dtype=object)
    rows = list(frame.iterrows())
    return pd.DataFrame({  # key columns first, as in ranking_table
        i18n.t("col.indikator", lang): frame["nama_indikator"],
        i18n.t("col.nilai", lang): _values(frame, lang),
        i18n.t("col.status", lang): [status_cell(r, lang) for _, r in rows],
        i18n.t("col.periode", lang): frame["periode_label"].fillna(i18n.MISSING),
        i18n.t("col.target", lang): [target_text(r, lang) for _, r in rows],
        i18n.t("col.tren", lang): [trend.get(code, []) for code in frame["indikator"]],
        i18n.t("col.perubahan", lang): [stext.change_text(r, lang) or i18n.MISSING for _, r in rows],
        i18n.t("col.isu", lang): [i18n.t(f"isu.{code.split('-')[0]}", lang) for code in frame["indikator"]],
        i18n.t("col.jenis", lang): [_jenis_text(j, lang) for j in frame["jenis"]],
        i18n.t("col.sumber", lang): source_text(frame["sumber"], lang),
    }).reset_index(drop=True)


def scorecard_export(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The scorecard's download twin, in the same order: every figure a plain number (value, target, achievement,
    change) and the status as words, so a spreadsheet can compute with it; no lists."""
    ordered = sort_worst_first(frame)
    export_status = _export_status(ordered, lang)
    return pd.DataFrame({
        "kode_indikator": ordered["indikator"], i18n.t("col.indikator", lang): ordered["nama_indikator"],
        i18n.t("col.nilai", lang): pd.to_numeric(ordered["nilai"], errors="coerce"),
        i18n.t("col.satuan", lang): ordered["satuan"],
        i18n.t("col.periode", lang): ordered["periode_label"].fillna(i18n.MISSING),
        i18n.t("col.target", lang): pd.to_numeric(ordered["target"], errors="coerce"),
        "target_atas": pd.to_numeric(ordered["target_atas"], errors="coerce"),
        i18n.t("col.capaian", lang): pd.to_numeric(ordered["capaian_pct"], errors="coerce").round(1),
        i18n.t("col.status", lang): export_status.pop("status"),
        "selisih": pd.to_numeric(ordered["selisih"], errors="coerce") if "selisih" in ordered else np.nan,
        **export_status,
        i18n.t("col.jenis", lang): ordered["jenis"], i18n.t("col.sumber", lang): ordered["sumber"],
    }).reset_index(drop=True)


def kecamatan_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Latest figures of kecamatan, worst first (sort_worst_first): where, which indicator, value, status,
    period, target, source."""
    frame = sort_worst_first(frame)
    return pd.DataFrame({  # key columns first, as in ranking_table
        i18n.t("col.wilayah", lang): frame["nama"],
        i18n.t("col.indikator", lang): frame["nama_indikator"],
        i18n.t("col.nilai", lang): _values(frame, lang),
        i18n.t("col.status", lang): [status_cell(r, lang) for _, r in frame.iterrows()],
        i18n.t("col.periode", lang): frame["periode_label"],
        i18n.t("col.target", lang): [target_text(r, lang) for _, r in frame.iterrows()],
        i18n.t("col.jenis", lang): [_jenis_text(j, lang) for j in frame["jenis"]],
        i18n.t("col.sumber", lang): source_text(frame["sumber"], lang),
    })


def freshness_table(frame: pd.DataFrame, today: date, lang: str) -> pd.DataFrame:
    """Per indicator: latest period with data and whether it is current (●) or lama (◐), ◌ without data."""
    def fresh(row: pd.Series) -> str:
        age = freshness.age(row["periode_terakhir"], row["periodisitas"], today, row.get("jenis_terakhir"))
        if age is None:
            return "◌ " + i18n.t("caption.no_data", lang)
        if not age.stale:
            return "● " + i18n.t("opd.segar", lang)
        return "◐ " + stext.age_text({"usia_bulan": age.months, "usia_tahun": age.years,
                                        "periode_label": row["label_terakhir"],
                                        "periode_jenis": row.get("jenis_terakhir")}, lang)
    return pd.DataFrame({
        i18n.t("col.indikator", lang): frame["nama"],
        i18n.t("col.periodisitas", lang): [i18n.code_label("periodisitas", p, lang) for p in frame["periodisitas"]],
        i18n.t("col.periode_terakhir", lang): frame["label_terakhir"].fillna(i18n.MISSING),
        i18n.t("col.kesegaran", lang): frame.apply(fresh, axis=1),
        i18n.t("col.jumlah_nilai", lang): frame["jumlah_nilai"],
    })


# The Unggah page: the problems of a refused file and the preview of what a file would load, as a clerk
# reads them (numbers the Indonesian way in their unit, wilayah by name and code, periods by label, an empty
# cell as the dash, never None or nan).
TYPED_DECIMALS = 3  # a typed value shows up to this many decimals (more are rounded half up)
_NAME_PREFIXES = ("Kabupaten ",)  # names read 'Majene (76.05)', as on every other page


def text_or_missing(value: object) -> str:
    """A cell's text as typed, or the dash when it is empty (None, NaN or only spaces)."""
    if i18n.is_missing(value) or not str(value).strip():
        return i18n.MISSING
    return str(value)


def wilayah_label(code: str, names: dict[str, str]) -> str:
    """A wilayah by name and code, 'Majene (76.05)'; the code alone when the name is not known."""
    name = names.get(code)
    if not name:
        return text_or_missing(code)
    for prefix in _NAME_PREFIXES:
        name = name.removeprefix(prefix)
    return f"{name} ({code})"


def period_label(code: str, lang: str) -> str:
    """A period by its label, 'Agustus 2025'; the code as typed when it is not a period code."""
    try:
        return periods.parse_period(code).label(lang)
    except periods.PeriodError:
        return text_or_missing(code)


def _typed_decimals(value: float) -> int:
    """How many decimals the value carries (18.2 -> 1, 19.0 -> 0), at most TYPED_DECIMALS."""
    exponent = Decimal(str(float(value))).normalize().as_tuple().exponent
    return min(max(-exponent, 0), TYPED_DECIMALS) if isinstance(exponent, int) else 0


def typed_value(value: float | None, satuan: str | None, lang: str) -> str:
    """A value in its unit as typed: '18,2%', '19,0%', '16.377 anak' (counts whole); None -> the dash."""
    if i18n.is_missing(value):
        return i18n.MISSING
    unit = (satuan or "").strip().lower()
    if unit in {u.lower() for u in i18n.COUNT_UNITS}:
        return i18n.format_value(value, satuan, lang, decimals=0)
    least = 1 if unit == "persen" else 0
    return i18n.format_value(value, satuan, lang, decimals=max(least, _typed_decimals(value)))


def problem_table(problems: list[Problem], lang: str) -> pd.DataFrame:
    """One row per problem: line, column, the cell as typed, what is wrong, what would be right."""
    return pd.DataFrame({
        i18n.t("unggah.kol_baris", lang): [text_or_missing(p.line) for p in problems],
        i18n.t("unggah.kol_kolom", lang): [text_or_missing(p.column) for p in problems],
        i18n.t("unggah.kol_nilai", lang): [text_or_missing(p.value) for p in problems],
        i18n.t("unggah.kol_masalah", lang): [p.message for p in problems],
        i18n.t("unggah.kol_perbaikan", lang): [text_or_missing(p.fix) for p in problems]})


def _old_source(change: Change, lang: str) -> str:
    """The current value's source; a simulated one carries the app's simulated mark."""
    text = text_or_missing(change.sumber_lama)
    return f"{text} ({simulated_mark(lang)})" if change.jenis_lama == "simulasi" else text


def change_table(changes: list[Change], lang: str, names: dict[str, str], units: dict[str, str | None]
                 ) -> pd.DataFrame:
    """The values a file would load, one row each (names: wilayah code -> name; units: indicator -> satuan)."""
    return pd.DataFrame({
        i18n.t("unggah.kol_baris", lang): [c.line for c in changes],
        i18n.t("col.indikator", lang): [c.indikator for c in changes],
        i18n.t("col.wilayah", lang): [wilayah_label(c.wilayah, names) for c in changes],
        i18n.t("col.periode", lang): [period_label(c.periode, lang) for c in changes],
        i18n.t("unggah.kol_lama", lang): [typed_value(c.lama, units.get(c.indikator), lang) for c in changes],
        i18n.t("unggah.kol_baru", lang): [typed_value(c.baru, units.get(c.indikator), lang) for c in changes],
        i18n.t("col.status", lang): [i18n.t(f"unggah.status.{c.status}", lang) for c in changes],
        i18n.t("unggah.kol_sumber_lama", lang): [_old_source(c, lang) for c in changes]})


def _amount(row: ActionRow, lang: str) -> str:
    """An action's amount with its unit as typed, '1.250 paket'; none -> the dash."""
    if i18n.is_missing(row.jumlah):
        return i18n.MISSING
    number = i18n.format_number(row.jumlah, _typed_decimals(row.jumlah), lang)
    return f"{number} {row.satuan.strip()}" if row.satuan and row.satuan.strip() else number


def action_table(rows: list[ActionRow], lang: str, names: dict[str, str]) -> pd.DataFrame:
    """The actions a file would load, one row each, wilayah by name and code (names: code -> name)."""
    return pd.DataFrame({
        i18n.t("unggah.kol_baris", lang): [r.line for r in rows],
        i18n.t("col.isu", lang): [r.isu for r in rows],
        i18n.t("col.opd", lang): [text_or_missing(r.opd) for r in rows],
        i18n.t("col.wilayah", lang): [wilayah_label(r.wilayah, names) for r in rows],
        i18n.t("col.periode", lang): [period_label(r.periode, lang) for r in rows],
        i18n.t("col.judul", lang): [text_or_missing(r.judul) for r in rows],
        i18n.t("col.jumlah", lang): [_amount(r, lang) for r in rows],
        i18n.t("col.sumber", lang): [text_or_missing(r.sumber) for r in rows]})
