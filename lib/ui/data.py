"""Cached data for the screens: lib.judge.scorecard and lib.data.queries results, once per arguments and database version."""
from __future__ import annotations

from datetime import date

import pandas as pd

from lib.data import queries, responsibility
from lib.judge import quality, scorecard
from lib.text import i18n
from lib.ui.state import cached_by_database, cursor


@cached_by_database
def kabupaten_matrix(until: date | None) -> pd.DataFrame:
    """Each isu's kabupaten indicator for the six kabupaten, assessed."""
    return scorecard.kabupaten_matrix(cursor(), until)


@cached_by_database
def small_wins(until: date | None, kabupaten: tuple[str, ...] = ()) -> pd.DataFrame:
    """The largest current, official improvements since the previous period, in the chosen kabupaten."""
    return scorecard.small_wins(cursor(), until, kabupaten=list(kabupaten) or None)


@cached_by_database
def series_breaks(indikator: tuple[str, ...], wilayah: tuple[str, ...]) -> pd.DataFrame:
    """Where the series of these indicators and wilayah change base or source."""
    return queries.series_breaks(cursor(), list(indikator), list(wilayah))


@cached_by_database
def assessed(indikator: tuple[str, ...], wilayah: tuple[str, ...], until: date | None) -> pd.DataFrame:
    """Latest values of indicators for wilayah, assessed against targets."""
    return scorecard.assessed(cursor(), list(indikator), list(wilayah), until)


@cached_by_database
def series(indikator: tuple[str, ...], wilayah: tuple[str, ...], until: date | None) -> pd.DataFrame:
    """History of indicators for wilayah."""
    return queries.series(cursor(), list(indikator), list(wilayah), until)


@cached_by_database
def targets(indikator: tuple[str, ...], wilayah: tuple[str, ...]) -> pd.DataFrame:
    """Targets that apply to indicators for wilayah."""
    return queries.targets(cursor(), list(indikator), list(wilayah))


@cached_by_database
def cell_owners(cells: tuple[tuple[str, str], ...], lang_code: str) -> dict[tuple[str, str], str]:
    """Per (isu, wilayah) cell: its owners in short, 'Dinkes (koordinator); Dinas PUPR (PJ wilayah)'
    (lib.data.responsibility: the isu's coordinating OPD, and below the province the penanggung jawab OPDs)."""
    roles = {role: i18n.t(f"pemilik.{role}", lang_code)
             for role in (responsibility.KOORDINATOR, responsibility.PENANGGUNG_JAWAB)}
    return {cell: responsibility.owner_names(cursor(), *cell, roles) for cell in dict.fromkeys(cells)}


@cached_by_database
def wilayah_codes(level: str, parent: str | None = None) -> list[str]:
    """Codes of a level's wilayah, optionally under a parent."""
    return queries.wilayah_codes(cursor(), level, parent)


@cached_by_database
def wilayah_scorecard(code: str, until: date | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every indicator with data for one wilayah, assessed, and the history behind each."""
    codes = tuple(queries.indicators(cursor())["kode"])
    frame = assessed(codes, (code,), until)
    frame = frame[frame["nilai"].notna()].reset_index(drop=True)
    return frame, series(tuple(frame["indikator"]), (code,), until)


@cached_by_database
def kecamatan_figures(kecamatan: tuple[str, ...], until: date | None) -> pd.DataFrame:
    """Latest values of every indicator that has data for the given kecamatan, assessed."""
    codes = tuple(queries.indicators(cursor())["kode"])
    frame = assessed(codes, kecamatan, until)
    return frame[frame["nilai"].notna()].reset_index(drop=True)


@cached_by_database
def headlines(kabupaten: str | None, until: date | None) -> pd.DataFrame:
    """The five isu cards: the province's headline indicators, or one kabupaten's."""
    if kabupaten is None:
        return scorecard.province_headlines(cursor(), until)
    return scorecard.kabupaten_headlines(cursor(), kabupaten, until)


# Data quality (lib.judge.quality): `as_of` is the day judged on, so a cached result never outlives its day.
@cached_by_database
def quality_completeness(opd: str | None, kabupaten: tuple[str, ...], as_of: date, window: str) -> pd.DataFrame:
    """Share of expected wilayah that reported, per indicator and period of the window."""
    grid = quality.completeness(cursor(), as_of, opd, quality.WINDOWS[window], kabupaten)
    return quality.completeness_summary(grid)


@cached_by_database
def quality_timeliness(opd: str | None, kabupaten: tuple[str, ...], as_of: date) -> pd.DataFrame:
    """How late each expected (indicator, wilayah) series is."""
    return quality.timeliness(cursor(), as_of, opd, kabupaten)


@cached_by_database
def quality_outliers(opd: str | None, kabupaten: tuple[str, ...], as_of: date) -> pd.DataFrame:
    """Latest values far from their own history or their siblings."""
    return quality.outliers(cursor(), as_of, opd, kabupaten)
