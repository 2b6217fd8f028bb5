"""Tables and texts of the Kabupaten, OPD and Tentang pages (lib.screens), made once per snapshot, public mode,
language and filters and shared by every session (lib.ui.state.cached_display): made row by row on every run
they were most of those pages' run time."""
from __future__ import annotations

from datetime import date

import pandas as pd

from lib.screens import kabupaten, tentang
from lib.ui.state import cached_display, lang, source


@cached_display
def wilayah_scorecard(code: str, until: date | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every indicator with data for one wilayah, assessed, and the history behind each."""
    return kabupaten.scorecard(source(), code, until)


@cached_display
def wilayah_report(code: str, until: date | None) -> kabupaten.Report:
    """The scorecard table of one wilayah, as the Kabupaten page shows it."""
    return kabupaten.report(source(), code, until)


@cached_display
def wilayah_notes(code: str, until: date | None) -> list[str]:
    """The download notes of one wilayah's scorecard (sources, simulasi)."""
    return kabupaten.report_notes(source(), code, until)


@cached_display
def wilayah_counts(code: str, until: date | None) -> kabupaten.Counts:
    """The status figures over the scorecard of one wilayah."""
    return kabupaten.counts(wilayah_scorecard(code, until)[0], lang())


@cached_display
def definition_blocks() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Per isu: the expander's title and one Markdown paragraph per indicator."""
    return tentang.definition_blocks(source())


@cached_display
def headline_table() -> pd.DataFrame:
    """Per isu: headline indicator, kabupaten indicator and why they differ (Tentang)."""
    return tentang.headline_table(source())


@cached_display
def owners_text() -> str:
    """How cell owners are found, with how many kecamatan have one (Tentang)."""
    return tentang.owners_text(source())
