"""Page content (lib.screens) on the demo database, without Streamlit: one read-only connection per session and
a Source that keeps each raw read (as the app's cache does), so a case costs milliseconds."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pytest

from lib.access import privacy
from lib.data import queries
from lib.db.connect import connect
from lib.screens.source import Source
from lib.text import i18n

MODES = {"normal": False, "public": True}
_READS: dict[tuple, object] = {}


@dataclass(frozen=True)
class KeptSource(Source):
    """A Source that runs each read once per session and keeps it masked and localised per mode and language,
    as the app's caches do (pandas copy-on-write keeps a kept frame safe from a caller's changes)."""

    def read(self, func, *args):
        raw = (func.__module__, func.__qualname__, args)
        if raw not in _READS:
            _READS[raw] = func(self.con, *args)
        finished = (*raw, self.lang, self.public)
        if finished not in _READS:
            _READS[finished] = i18n.localized(privacy.public_result(_READS[raw]) if self.public else _READS[raw],
                                              self.lang)
        return _READS[finished]


@pytest.fixture(scope="session")
def demo_con(demo_db):
    """The demo record, read only, for the whole session; each query on it (lib.data.queries) runs once per
    session, inner reads of a kept read included (the record never changes under this connection)."""
    con = connect(demo_db, read_only=True)
    real = queries._df
    kept: dict[tuple, pd.DataFrame] = {}

    def once(on, sql, params=None):
        if on is not con:
            return real(on, sql, params)
        key = (sql, repr(params))
        if key not in kept:
            kept[key] = real(on, sql, params)
        return kept[key].copy(deep=False)  # copy-on-write: a caller's change never reaches the kept frame

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(queries, "_df", once)
        yield con
    con.close()


@pytest.fixture(scope="session")
def kabupaten_codes(demo_con) -> list[str]:
    return queries.kabupaten(demo_con)["kode"].tolist()


@pytest.fixture(scope="session")
def opd_codes(demo_con) -> list[str]:
    return queries.opd_list(demo_con)["kode"].tolist()


@pytest.fixture(scope="session")
def sources(demo_con) -> dict[tuple[str, str], KeptSource]:
    """(lang, mode) -> the Source a page of that language and mode reads through."""
    return {(lang, mode): KeptSource(demo_con, lang, public) for lang in i18n.LANGS for mode, public in MODES.items()}


def every_source():
    """Parameters: each language and mode."""
    return [pytest.param(lang, mode, id=f"{lang}-{mode}") for lang in i18n.LANGS for mode in MODES]
