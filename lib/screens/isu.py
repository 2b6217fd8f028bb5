"""An isu page (Kemiskinan ekstrem, Stunting, Anak tidak sekolah, Perkawinan anak, Inflasi): the indicators to
choose from and the one it opens on, the values the map, ranking and gauges show, and their texts."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from lib.data import queries
from lib.judge import headlines
from lib.present import downloads, status_text, tables
from lib.present.markdown import fill, plain
from lib.screens import reads
from lib.screens.source import Source
from lib.text import i18n

PROVINCE = "76"


@dataclass(frozen=True)
class Frames:
    """The assessed values of one indicator the page draws from."""
    kabupaten: pd.DataFrame  # every kabupaten (the map colours all six)
    kecamatan: pd.DataFrame | None  # when one kabupaten is chosen and the indicator has kecamatan values
    shown: pd.DataFrame  # province, chosen kabupaten (all when none) and the kecamatan: ranking and gauges
    trend_names: dict[str, str]  # province and chosen kabupaten, code -> name: the trend's lines


@dataclass(frozen=True)
class Ranking:
    shown: pd.DataFrame  # the table on screen
    export: pd.DataFrame  # the same rows, numbers as numbers, for the downloads
    older_note: str  # "" when every kabupaten value is of the latest period
    notes: list[str]  # the downloads' notes: sources, simulasi
    fills: list[str]  # each row's status chip colour, in row order


def header(src: Source, isu: str) -> tuple[str, str]:
    """The page's title and the caption naming the isu's coordinating OPD."""
    overview = src.read(queries.isu_overview).set_index("kode").loc[isu]
    return src.t(f"isu.{isu}"), fill("isu.koordinator", src.lang, opd=overview["opd_koordinator"])


def indicator_choices(src: Source, isu: str) -> pd.DataFrame:
    """The isu's indicators with data, its headline and kabupaten indicators first."""
    registry = src.read(queries.indicators, isu)
    registry = registry[registry["jumlah_nilai"] > 0]
    first = [headlines.HEADLINE_INDICATOR[isu], headlines.KABUPATEN_INDICATOR[isu]]
    return registry.sort_values("kode", key=lambda codes: codes.map(
        lambda c: first.index(c) if c in first else len(first)), kind="stable")


def opening_indicator(src: Source, isu: str, registry: pd.DataFrame, until: date | None) -> str:
    """The indicator a page opens on: the first in registry order whose kabupaten data for the chosen period
    covers more than half as many kabupaten as the best-covered one, so the map is not grey when a coloured
    one exists; the first indicator when none has kabupaten data."""
    coverage = src.read(queries.kabupaten_coverage, isu, until).set_index("kode")["jumlah_kabupaten"]
    best = max((coverage.get(code, 0) for code in registry["kode"]), default=0)
    with_map = [code for code in registry["kode"] if best and coverage.get(code, 0) * 2 > best]
    return with_map[0] if with_map else registry["kode"].iloc[0]


def headline_note(src: Source, isu: str, code: str, until: date | None) -> str | None:
    """What the page says when the indicator shown is not the isu's headline (the one on the Ringkasan card,
    the slide and the PDF tile): which one it shows instead, and for the isu's kabupaten indicator why
    (lib.judge.headlines); None when it shows the headline."""
    headline = headlines.HEADLINE_INDICATOR[isu]
    if code == headline:
        return None
    registry = src.read(queries.indicators, isu).set_index("kode")["nama"]
    text = src.t("isu.bukan_utama", indikator=plain(registry.get(code, code)),
                 utama=plain(registry.get(headline, headlines.title(isu, src.lang))))
    if code != headlines.KABUPATEN_INDICATOR[isu]:
        return text
    total = len(src.read(queries.wilayah_codes, "kabupaten"))
    found = headlines.notes(src.read(headlines.substitutes, until), total, src.lang, [isu])
    return " ".join([text, *(plain(n) for n in found.values())])


def indicator_caption(src: Source, indicator: pd.Series) -> str:
    """The definition and source under the indicator picker."""
    return f"{plain(indicator['definisi'])} ({src.t('caption.sumber')}: {plain(indicator['sumber'])})"


def frames(src: Source, code: str, until: date | None, kabupaten: tuple[str, ...]) -> Frames:
    """The indicator's province and kabupaten values, narrowed to the chosen kabupaten, with kecamatan."""
    kabupaten_codes = tuple(src.read(queries.wilayah_codes, "kabupaten"))
    frame = src.read(reads.assessed, (code,), (PROVINCE, *kabupaten_codes), until)
    kab_frame = frame[frame["wilayah"] != PROVINCE]
    kecamatan = _drilled_kecamatan(src, code, until, kabupaten)
    chosen = kab_frame[kab_frame["wilayah"].isin(kabupaten)] if kabupaten else kab_frame
    province = frame[(frame["wilayah"] == PROVINCE) & frame["nilai"].notna()]
    shown = pd.concat([province, chosen] + ([kecamatan] if kecamatan is not None else []))
    trend = pd.concat([province, chosen])
    return Frames(kab_frame, kecamatan, shown, dict(zip(trend["wilayah"], trend["nama"])))


def _drilled_kecamatan(src: Source, code: str, until: date | None, kabupaten: tuple[str, ...]) -> pd.DataFrame | None:
    """Kecamatan values when exactly one kabupaten is chosen and the indicator has kecamatan data."""
    if len(kabupaten) != 1:
        return None
    codes = tuple(src.read(queries.wilayah_codes, "kecamatan", kabupaten[0]))
    kecamatan = src.read(reads.assessed, (code,), codes, until)
    return kecamatan if kecamatan["nilai"].notna().any() else None


def unit(satuan: str, lang: str) -> str:
    """The unit's label in the language (its code when no string has it)."""
    return i18n.t(f"unit.{satuan}", lang) if f"unit.{satuan}" in i18n.STRINGS else satuan


def map_labels(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """frame with `label`, the tooltip per wilayah: name, value with unit, period and source."""
    def label(row: pd.Series) -> str:
        hidden = row.get("disamarkan", False)
        if pd.isna(row["nilai"]) and not (isinstance(hidden, bool | np.bool_) and hidden):
            return f"{row['nama']}: {i18n.t('caption.no_data', lang)}"
        sim = f" ({i18n.t('jenis.simulasi.short', lang)})" if row["jenis"] == "simulasi" else ""
        return (f"{row['nama']}: {tables.value_text(row['nilai'], row['satuan'], lang, hidden)}{sim} · "
                f"{row['periode_label']} · {i18n.t('caption.sumber', lang)}: {row['sumber']}")
    return frame.assign(label=frame.apply(label, axis=1))


def band(frame: pd.DataFrame) -> tuple[float, float] | None:
    """The target band of a `rentang` indicator (inflation), for a diverging map; None otherwise."""
    if "arah" not in frame or not (frame["arah"] == "rentang").any():
        return None
    banded = frame[frame["target"].notna() & frame["target_atas"].notna()]
    return None if banded.empty else (float(banded["target"].iloc[0]), float(banded["target_atas"].iloc[0]))


def ranking(src: Source, code: str, until: date | None, kabupaten: tuple[str, ...]) -> Ranking:
    """The ranking table (and its download twin), the older-values note and the download notes."""
    shown_frame = frames(src, code, until, kabupaten).shown
    shown, export = tables.ranking_table(shown_frame, src.lang)
    note = status_text.older_values_text(shown_frame[shown_frame["wilayah"] != PROVINCE], src.lang)
    fills = tables.status_fills(tables.sort_worst_first(shown_frame))
    return Ranking(shown, export, note or "", downloads.notes(shown_frame, src.lang), fills)


def gauge_frame(src: Source, code: str, until: date | None, kabupaten: tuple[str, ...]) -> pd.DataFrame | None:
    """One gauge per shown value a documented target judges (label with period and simulasi mark,
    achievement, status, value, target, muted); None when there are none."""
    shown = frames(src, code, until, kabupaten).shown
    judged = shown[shown["capaian_pct"].notna()]
    if judged.empty:
        return None
    lang = src.lang
    simulated = f" · {tables.simulated_mark(lang)}"
    return pd.DataFrame({
        "label": [f"{n} ({p})" + (simulated if j == "simulasi" else "")
                  for n, p, j in zip(judged["nama"], judged["periode_label"], judged["jenis"])],
        "achievement_pct": judged["capaian_pct"], "status": judged["status"],
        "value_text": [tables.value_text(v, s, lang, h) for v, s, h in zip(
            judged["nilai"], judged["satuan"], judged.get("disamarkan", [False] * len(judged)))],
        "target_text": [status_text.target_text(r, lang) for _, r in judged.iterrows()],
        "muted": judged["lama"].astype(bool)})
