"""Two to four sentences about the data, from deterministic templates (no language model).

Every number comes from the deck's query results (lib.export.model.DeckData: the frames the screens show),
formatted by the same adapter as the cards, with its period.
"""
from __future__ import annotations

import pandas as pd

from lib.export.adapter import figure, figures
from lib.judge import status
from lib.text import i18n


def _official(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["nilai"].notna() & (frame["jenis"] == "resmi")]


def _current(frame: pd.DataFrame) -> pd.DataFrame:
    """Official values that are not lama (lib.judge.freshness): only these can be the worst or the most improved."""
    shown = _official(frame)
    return shown[~shown["lama"].fillna(False).astype(bool)]


def off_track(headlines: pd.DataFrame, lang: str) -> str | None:
    """How many isu the province's current headline figures put below their target, naming each with value and
    period. Only values judged by the decision table count (a neutral status is no verdict); a miss on a lama
    value is named in its own clause, so the sentence never says "1 of 1" beside two red tiles."""
    official = _official(headlines)
    judged = official[official["status"].isin(status.JUDGED)]
    stale = judged["lama"].fillna(False).astype(bool)
    current, stale_misses = judged[~stale], judged[stale & judged["status"].isin(status.MISSES)]
    parts = []
    if not current.empty:
        bad = current[current["status"].isin(status.MISSES)]
        parts.append(i18n.t("narasi.tidak_sesuai", lang, n=len(bad), total=len(current), daftar=_listed(bad, lang))
                     if not bad.empty else i18n.t("narasi.semua_sesuai", lang, total=len(current)))
    if not stale_misses.empty:
        parts.append(i18n.t("narasi.meleset_lama", lang, daftar=_listed(stale_misses, lang)))
    return " ".join(parts) or None


def _listed(frame: pd.DataFrame, lang: str) -> str:
    return "; ".join(f"{f.heading} {f.value_text} ({f.period})" for f in figures(frame, lang))


def worst_kabupaten(matrix: pd.DataFrame, lang: str) -> str | None:
    """The kabupaten with the most off-track isu on current values (first by code on a tie), with each value
    and period. A lama value never makes a kabupaten the worst."""
    bad = _current(matrix)
    bad = bad[bad["status"].isin(status.MISSES)]
    if bad.empty:
        return None
    counts = bad.groupby("wilayah", sort=True).size()
    worst = counts[counts == counts.max()].index[0]
    rows = figures(bad[bad["wilayah"] == worst], lang)
    listed = "; ".join(f"{f.heading} {f.value_text} ({f.period})" for f in rows)
    return i18n.t("narasi.terburuk", lang, nama=rows[0].nama, n=len(rows), daftar=listed)


def most_improved(matrix: pd.DataFrame, lang: str) -> str | None:
    """The current kabupaten value that improved most since its previous period, relative to that previous
    value. A lama value is never the most improved."""
    better = _current(matrix)
    better = better[(better["perubahan"] == status.MEMBAIK) & better["nilai_sebelumnya"].notna()
                    & (better["nilai_sebelumnya"] != 0)]
    if better.empty:
        return None
    relative = (better["selisih"].abs() / better["nilai_sebelumnya"].abs())
    row = better.loc[relative.idxmax()]
    f = figure(row, lang)
    return i18n.t("narasi.membaik", lang, nama=f.nama, indikator=f.nama_indikator,
                  sebelum=i18n.format_value(row["nilai_sebelumnya"], row["satuan"], lang),
                  periode_sebelum=row["periode_sebelumnya"], sesudah=f.value_text, periode=f.period)


def stalest(headlines: pd.DataFrame, lang: str) -> str | None:
    """The province headline whose period ended longest ago."""
    shown = _official(headlines)
    if shown.empty:
        return None
    row = shown.loc[pd.to_datetime(shown["tanggal"]).idxmin()]
    f = figure(row, lang)
    return i18n.t("narasi.terlama", lang, isu=f.heading, nilai=f.value_text, periode=f.period)


def sentences(data, lang: str = "id") -> list[str]:
    """The narrative: off-track count, worst and most improved kabupaten, stalest data (those that apply)."""
    parts = (off_track(data.headlines, lang), worst_kabupaten(data.matrix, lang),
             most_improved(data.matrix, lang), stalest(data.headlines, lang))
    return [p for p in parts if p]
