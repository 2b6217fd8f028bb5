"""The one adapter from assessed scorecard rows (lib.judge.scorecard) to the deck's Figure: the only place in the
export package that knows scorecard column names. Every status word, colour, target, age and change text
comes from lib.present.status_text, the same rules the screens use.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.access import privacy
from lib.judge import headlines
from lib.present import status_text as stext
from lib.text import i18n, periods


@dataclass(frozen=True)
class Figure:
    """One value as every renderer shows it: formatted text, period, source, status, target, age, change."""

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
    status_text: str  # the status chip ("Di atas sasaran · lama", "Tanpa target resmi"); the scope is `scope`
    color: str  # the status fill, muted when the value is lama
    heading: str = ""  # the isu, or the indicator's short name where it is not the isu's headline
    target_text: str | None = None  # "Target provinsi 18,61% (2024) · BKKBN (…)": the documented target only
    reference: str | None = None  # a stated figure (pernyataan), labelled "bukan target resmi"
    data_age: str | None = None  # "data 2022 · 4 tahun lalu", only for a lama value
    stale: bool = False
    change_text: str | None = None  # "▲ 0,71 poin, memburuk sejak 2023"
    change_color: str | None = None
    share: str | None = None  # "21% dari 3.724 anak (…)": a count as a share, a fact and never a target
    owners: str | None = None  # owner OPDs of an off-track cell (lib.data.responsibility), set by the model
    improved: bool | None = None
    target: float | None = None
    target_upper: float | None = None
    status_word: str = ""  # the status word alone ("Di atas sasaran"), for keys and legends
    scope: str = ""  # "target provinsi" / "target nasional" when the target is not the wilayah's own
    stale_word: str = ""  # "lama" for a lama value, on grids that show the value without the chip

    @property
    def has_value(self) -> bool:
        return self.value is not None

    def details(self, period: bool = False, change: bool = False, measure: bool = False) -> str:
        """The lines under a figure's status chip, in one order for every renderer; with measure, first the
        indicator itself where the heading names only the isu ('Anak tidak sekolah' over 791 children who
        went back to school must not read as 791 out of school)."""
        dated = period and not self.data_age  # the age text already names the period
        named = measure and self.nama_indikator != self.heading
        parts = (self.nama_indikator if named else None, self.target_text, self.reference, self.share,
                 self.period if dated else None, self.data_age, self.change_text if change else None)
        return "\n".join(p for p in parts if p)


def _present(x: object) -> bool:
    return not i18n.is_missing(x) and x != ""


def _number(x: object) -> float | None:
    return float(x) if _present(x) else None


def period_label(code: object, fallback: object, lang: str) -> str:
    """A period code's label in lang; the database's label when the code cannot be parsed."""
    if not _present(code):
        return str(fallback) if _present(fallback) else ""
    try:
        return periods.parse_period(code).label(lang)
    except periods.PeriodError:
        return str(fallback) if _present(fallback) else str(code)


def _or_none(text: str) -> str | None:
    return text or None


def _judged(row: pd.Series, official: bool) -> pd.Series:
    """The row as the status rules should read it: a simulated value counts as no value (the deck is public)."""
    return row if official else row.drop(labels=["nilai", "status"], errors="ignore")


def figure(row: pd.Series, lang: str) -> Figure:
    """A scorecard row as a Figure. A simulated value is shown as no value: the deck is public."""
    official = _present(row.get("nilai")) and row.get("jenis") == "resmi"
    judged = _judged(row, official)
    code = row["status"] if official and _present(row.get("status")) else None
    improved = row.get("membaik") if official and _present(row.get("membaik")) else None
    stale = official and _present(row.get("lama")) and bool(row["lama"])
    change = stext.change_since_text(row, lang, cite_other=False) if official else ""
    return Figure(
        isu=str(row.get("isu", "")), wilayah=str(row["wilayah"]), nama=str(row["nama"]),
        indikator=str(row["indikator"]), nama_indikator=str(row["nama_indikator"]),
        value=float(row["nilai"]) if official else None,
        value_text=i18n.format_value(row["nilai"], row["satuan"], lang) if official else i18n.MISSING,
        period=period_label(row.get("periode"), row.get("periode_label"), lang) if official else "",
        tanggal=pd.Timestamp(row["tanggal"]) if official else None,
        source=str(privacy.public_source(row["sumber"])) if official else "",
        status=code, status_text=stext.status_chip(judged, lang, with_scope=False), color=stext.status_fill(judged),
        heading=headlines.heading(str(row["isu"]), str(row["indikator"]), lang) if _present(row.get("isu")) else "",
        target_text=_or_none(stext.target_text(row, lang)) if official else None,
        reference=_or_none(stext.reference_text(row, lang)) if official else None,
        data_age=_or_none(stext.age_text(row, lang)) if stale else None, stale=stale,
        change_text=_or_none(change), change_color=stext.change_color(row) if change else None,
        share=_or_none(stext.share_text(row, lang)) if official else None,
        improved=bool(improved) if improved is not None else None,
        target=_number(row.get("target")) if official else None,
        target_upper=_number(row.get("target_atas")) if official else None,
        status_word=stext.status_word(judged, lang),
        scope=stext.scope_text(row, lang) if official else "",
        stale_word=i18n.t("status.lama", lang) if stale else "",
    )


def figures(frame: pd.DataFrame, lang: str) -> list[Figure]:
    """Every row of a scorecard frame as a Figure, in the frame's order."""
    return [figure(row, lang) for _, row in frame.iterrows()]
