"""Tables and texts of the Kabupaten and Tentang pages, made once per snapshot, public mode, language and
filters and shared by every session (lib.ui.state.cached_display): made row by row on every run they were
most of those pages' run time."""
from __future__ import annotations

from datetime import date

import pandas as pd

from lib.present import tables
from lib.text import i18n
from lib.ui.data import wilayah_scorecard
from lib.ui.state import cached, cached_display, lang, t
from lib.ui.text import plain


@cached_display
def wilayah_report(code: str, until: date | None) -> pd.DataFrame:
    """The scorecard table of one wilayah (lib.present.tables.scorecard_table), as the Kabupaten page shows it."""
    card, history = wilayah_scorecard(code, until)
    return tables.scorecard_table(card, history, lang())


@cached_display
def definition_blocks() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Per isu: the expander's title and one Markdown paragraph per indicator (definition, unit, direction,
    periodicity, source, number of values)."""
    blocks = []
    for isu, group in cached("indicators").groupby("isu", sort=False):
        blocks.append((f"{t('isu.' + isu)} — {len(group)} {t('tentang.indikator').lower()}", tuple(
            f"**{plain(row['kode'])} — {plain(row['nama'])}**  \n{plain(row['definisi'])}  \n"
            f"{t('col.satuan')}: {plain(row['satuan'])} · "
            f"{t('col.arah')}: {plain(i18n.code_label('arah', row['arah'], lang()))} · "
            f"{t('col.periodisitas')}: {plain(i18n.code_label('periodisitas', row['periodisitas'], lang()))} · "
            f"{t('caption.sumber')}: {plain(row['sumber'])} · {t('col.jumlah_nilai')}: {row['jumlah_nilai']}"
            for _, row in group.iterrows())))
    return tuple(blocks)
