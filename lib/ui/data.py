"""Cached reads the frame draws from directly (maps, the deck): lib.screens.reads through the session's
Source, once per arguments and database version."""
from __future__ import annotations

from datetime import date

import pandas as pd

from lib.judge import headlines as headline_rules
from lib.judge import scorecard
from lib.screens import reads
from lib.ui.state import source


def kabupaten_matrix(until: date | None) -> pd.DataFrame:
    """Each isu's kabupaten indicator for the six kabupaten, assessed."""
    return source().read(scorecard.kabupaten_matrix, until)


def small_wins(until: date | None, kabupaten: tuple[str, ...] = ()) -> pd.DataFrame:
    """The largest current, official improvements since the previous period, in the chosen kabupaten."""
    return source().read(reads.small_wins, until, kabupaten)


def headlines(kabupaten: str | None, until: date | None) -> pd.DataFrame:
    """The five isu cards' rows: the province's headline indicators, or one kabupaten's."""
    return source().read(reads.headlines, kabupaten, until)


def substitutes(until: date | None) -> pd.DataFrame:
    """The isu whose kabupaten indicator is not their headline, with kabupaten counts (lib.judge.headlines)."""
    return source().read(headline_rules.substitutes, until)
