"""The reads the screens share, each `f(con, *args)` with hashable arguments so a Source can cache it (the
Streamlit frame keys its cache on the function's name and arguments): lib.judge and lib.data answers in the
shapes the pages ask for."""
from __future__ import annotations

from datetime import date

import pandas as pd

from lib.data import actions, queries, responsibility
from lib.data import wilayah as wilayah_data
from lib.judge import quality, scorecard
from lib.text import i18n


def small_wins(con, until: date | None, kabupaten: tuple[str, ...] = ()) -> pd.DataFrame:
    """The largest current, official improvements since the previous period, in the chosen kabupaten."""
    return scorecard.small_wins(con, until, kabupaten=list(kabupaten) or None)


def series_breaks(con, indikator: tuple[str, ...], wilayah: tuple[str, ...]) -> pd.DataFrame:
    """Where the series of these indicators and wilayah change base or source."""
    return queries.series_breaks(con, list(indikator), list(wilayah))


def assessed(con, indikator: tuple[str, ...], wilayah: tuple[str, ...], until: date | None) -> pd.DataFrame:
    """Latest values of indicators for wilayah, assessed against targets."""
    return scorecard.assessed(con, list(indikator), list(wilayah), until)


def series(con, indikator: tuple[str, ...], wilayah: tuple[str, ...], until: date | None) -> pd.DataFrame:
    """History of indicators for wilayah, each row with its wilayah's level and its unit (so public mode can hide
    a small count in a small area: lib.access.privacy)."""
    return with_level_and_unit(con, queries.series(con, list(indikator), list(wilayah), until))


def targets(con, indikator: tuple[str, ...], wilayah: tuple[str, ...]) -> pd.DataFrame:
    """Targets that apply to indicators for wilayah, with the wilayah's level and the unit (as series)."""
    return with_level_and_unit(con, queries.targets(con, list(indikator), list(wilayah)))


def with_level_and_unit(con, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with `level` (of its `wilayah`) and `satuan` (of its `indikator`) where it has neither: what
    lib.access.privacy needs to tell a count in a kecamatan or desa from a province's percentage."""
    extra = {}
    if "level" not in frame.columns:
        levels = {code: level for code, level, *_ in wilayah_data.wilayah_rows(con)}
        extra["level"] = frame["wilayah"].map(levels)
    if "satuan" not in frame.columns:
        registry = queries.indicators(con)
        extra["satuan"] = frame["indikator"].map(dict(zip(registry["kode"], registry["satuan"])))
    return frame.assign(**extra) if extra else frame


def owner_roles(lang: str) -> dict[str, str]:
    """The owners' roles in words (koordinator, PJ wilayah), and the mark of an owner inferred from kecamatan."""
    roles = {role: i18n.t(f"pemilik.{role}", lang) for role in (responsibility.KOORDINATOR,
                                                                 responsibility.PENANGGUNG_JAWAB)}
    return {**roles, responsibility.DISIMPULKAN: i18n.t("pemilik.disimpulkan", lang)}


def kecamatan_coverage(con, kabupaten: str | None) -> tuple[int, int]:
    """(kecamatan with a recorded penanggung jawab, all kecamatan), of one kabupaten or the province."""
    return responsibility.kecamatan_coverage(con, kabupaten)


def cell_owners(con, cells: tuple[tuple[str, str], ...], lang: str) -> dict[tuple[str, str], str]:
    """Per (isu, wilayah) cell: its owners in short, 'Dinkes (koordinator); Dinas PUPR (PJ wilayah)'
    (lib.data.responsibility: the isu's coordinating OPD, and below the province the penanggung jawab OPDs)."""
    roles = owner_roles(lang)
    return responsibility.owner_names_of(con, cells, roles)


def headlines(con, kabupaten: str | None, until: date | None) -> pd.DataFrame:
    """The five isu cards: the province's headline indicators, or one kabupaten's."""
    if kabupaten is None:
        return scorecard.province_headlines(con, until)
    return scorecard.kabupaten_headlines(con, kabupaten, until)


def data_freshness(con, isu: tuple[str, ...]) -> pd.DataFrame:
    """How fresh each indicator of the isu is (lib.data.queries.data_freshness with a tuple)."""
    return queries.data_freshness(con, list(isu))


def owned_red_cells(con, opd: str, until: date | None) -> pd.DataFrame:
    """Off-track province headlines and kabupaten-matrix cells that the OPD owns, with its role."""
    cells = pd.concat([scorecard.province_headlines(con, until), scorecard.kabupaten_matrix(con, until)],
                      ignore_index=True)
    return scorecard.red_cells_owned(cells, con, opd)


def action_list(con, isu: str | None, opd: str | None, wilayah: tuple[str, ...], with_province: bool) -> pd.DataFrame:
    """lib.data.actions.actions with a tuple of wilayah."""
    return actions.actions(con, isu, opd, list(wilayah), with_province)


# Data quality (lib.judge.quality): `as_of` is the day judged on, so a cached result never outlives its day.
def quality_completeness(con, opd: str | None, kabupaten: tuple[str, ...], as_of: date, window: str) -> pd.DataFrame:
    """Share of expected wilayah that reported, per indicator and period of the window."""
    return quality.completeness_summary(quality.completeness(con, as_of, opd, quality.WINDOWS[window], kabupaten))


def quality_timeliness(con, opd: str | None, kabupaten: tuple[str, ...], as_of: date) -> pd.DataFrame:
    """How late each expected (indicator, wilayah) series is."""
    return quality.timeliness(con, as_of, opd, kabupaten)


def quality_outliers(con, opd: str | None, kabupaten: tuple[str, ...], as_of: date) -> pd.DataFrame:
    """Latest values far from their own history or their siblings."""
    return quality.outliers(con, as_of, opd, kabupaten)
