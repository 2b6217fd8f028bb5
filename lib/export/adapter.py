"""The one adapter from scorecard rows (lib.scorecard) to the deck's Figure: the only place that knows
scorecard column names. When the honest-status columns arrive (target basis, data age), only this changes.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib import i18n, periods, privacy, queries, status

# Optional columns, read when the scorecard provides them and left out cleanly when it does not.
TARGET_BASIS_COLUMNS = ("target_dasar", "dasar")
DATA_AGE_COLUMNS = ("umur_data", "umur", "data_umur")


@dataclass(frozen=True)
class Figure:
    """One value as every renderer shows it: formatted text, period, source, status, target."""

    isu: str
    wilayah: str
    nama: str
    indikator: str
    nama_indikator: str
    value: float | None
    value_text: str
    period: str  # label in the deck's language; "" when there is no value
    tanggal: pd.Timestamp | None  # last day of the value's period
    source: str
    status: str | None
    status_text: str
    color: str
    target_text: str | None = None
    target_basis: str | None = None
    data_age: str | None = None
    change_text: str | None = None
    improved: bool | None = None
    target: float | None = None
    target_upper: float | None = None

    @property
    def has_value(self) -> bool:
        return self.value is not None


def _present(x: object) -> bool:
    return not i18n.is_missing(x) and x != ""


def _number(x: object) -> float | None:
    return float(x) if _present(x) else None


def _optional(row: pd.Series, columns: tuple[str, ...]) -> str | None:
    """The first of `columns` the row has and fills, as text; None when none is present."""
    for column in columns:
        if column in row.index and _present(row[column]):
            return str(row[column])
    return None


def period_label(code: object, fallback: object, lang: str) -> str:
    """A period code's label in lang; the database's label when the code cannot be parsed."""
    if not _present(code):
        return str(fallback) if _present(fallback) else ""
    try:
        return periods.parse_period(code).label(lang)
    except periods.PeriodError:
        return str(fallback) if _present(fallback) else str(code)


def value_text(row: pd.Series, lang: str) -> str:
    """The figure: '35,4%', or '791 dari 3.724 anak' for a count judged against another count."""
    if row["indikator"] in queries.DERIVED_TARGETS and _present(row.get("target")):
        return i18n.t("kartu.dari", lang, nilai=i18n.format_number(row["nilai"], 0, lang),
                      target=i18n.format_value(row["target"], row["satuan"], lang))
    return i18n.format_value(row["nilai"], row["satuan"], lang)


def _target_text(row: pd.Series, lang: str) -> str | None:
    if not _present(row.get("target")):
        return None
    shown = i18n.format_value(row["target"], row["satuan"], lang)
    if _present(row.get("target_atas")):
        upper = i18n.format_value(row["target_atas"], row["satuan"], lang)
        shown = f"{shown.rstrip('%').strip()}–{upper}"
    return i18n.t("ekspor.target", lang, nilai=shown, periode=period_label(row.get("target_periode"), None, lang))


def _change_text(row: pd.Series, lang: str) -> str | None:
    if not (_present(row.get("selisih")) and _present(row.get("periode_sebelumnya"))):
        return None
    return i18n.t("kartu.perubahan", lang, delta=i18n.format_delta(row["selisih"], row["satuan"], lang),
                  periode=row["periode_sebelumnya"])


def _status_text(code: str | None, has_value: bool, lang: str) -> str:
    if code is None and has_value:
        return i18n.t("chart.tanpa_target", lang)
    return i18n.status_label(code, lang)


def _color(code: str | None, has_value: bool) -> str:
    return status.NO_TARGET_COLOR if code is None and has_value else status.status_color(code)


def figure(row: pd.Series, lang: str) -> Figure:
    """A scorecard row as a Figure. A simulated value is shown as no value: the deck is public."""
    official = _present(row.get("nilai")) and row.get("jenis") == "resmi"
    code = row["status"] if official and _present(row.get("status")) else None
    improved = row.get("membaik") if official and _present(row.get("membaik")) else None
    return Figure(
        isu=str(row.get("isu", "")), wilayah=str(row["wilayah"]), nama=str(row["nama"]),
        indikator=str(row["indikator"]), nama_indikator=str(row["nama_indikator"]),
        value=float(row["nilai"]) if official else None,
        value_text=value_text(row, lang) if official else i18n.MISSING,
        period=period_label(row.get("periode"), row.get("periode_label"), lang) if official else "",
        tanggal=pd.Timestamp(row["tanggal"]) if official else None,
        source=str(privacy.public_source(row["sumber"])) if official else "",
        status=code, status_text=_status_text(code, official, lang), color=_color(code, official),
        target_text=_target_text(row, lang) if official else None,
        target_basis=_optional(row, TARGET_BASIS_COLUMNS) if official else None,
        data_age=_optional(row, DATA_AGE_COLUMNS) if official else None,
        change_text=_change_text(row, lang) if official else None,
        improved=bool(improved) if improved is not None else None,
        target=_number(row.get("target")) if official else None,
        target_upper=_number(row.get("target_atas")) if official else None,
    )


def figures(frame: pd.DataFrame, lang: str) -> list[Figure]:
    """Every row of a scorecard frame as a Figure, in the frame's order."""
    return [figure(row, lang) for _, row in frame.iterrows()]
