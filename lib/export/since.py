"""The deck's compact "sejak apel terakhir" summary (lib.judge.since_apel), under the same rules as Ringkasan:
values better or worse by the indicator's arah (never by status rank), statuses that changed with their target
flagged and not counted, the top changes value then → now, and new data official and simulated apart. Official
values only in the lines of changes: the deck is public."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd

from lib.data.apel import latest_apel
from lib.judge import since_apel
from lib.present import since_text
from lib.present.tables import simulated_mark
from lib.text import i18n

TOP = 3  # changes named on the slide and in the brief
# Which changes the slide names first: the ones a governor acts on.
_ORDER = {since_apel.MEMBURUK: 0, since_apel.MEMBAIK: 1, since_apel.BARU: 2}


def load(con, today: date | None = None) -> since_apel.Comparison | None:
    """The comparison with the latest apel on or before today (at its hour); None when no apel is recorded."""
    apel = latest_apel(con, today)
    if apel is None:
        return None
    found = since_apel.compare(con, pd.Timestamp(apel["waktu"]).to_pydatetime())
    return replace(found, jam_tercatat=bool(apel["jam_tercatat"]))


def lines(comparison: since_apel.Comparison | None, lang: str) -> tuple[str, ...]:
    """'Sejak apel 24 Juli 2023 pukul 08.00: 2 nilai membaik, …', the statuses changed with their target (when
    any), up to TOP changes 'value then → now, ▼ …, membaik', and the new data; () without an apel."""
    if comparison is None:
        return ()
    changes = since_apel.official(comparison.changes)
    tally = since_apel.counts(changes)
    head = i18n.t("ekspor.sejak_judul", lang, tanggal=since_text.moment_text(comparison.moment, lang, comparison.jam_tercatat),
                  membaik=tally[since_apel.MEMBAIK], memburuk=tally[since_apel.MEMBURUK],
                  baru=tally[since_apel.BARU])
    if tally["target"]:
        head += " " + i18n.t("ekspor.sejak_target", lang, n=tally["target"])
    if tally[since_apel.PUTUS]:
        head += " " + i18n.t("ekspor.sejak_putus", lang, n=tally[since_apel.PUTUS])
    named = changes[changes["perubahan"].isin(list(_ORDER))].sort_values(
        "perubahan", key=lambda s: s.map(_ORDER), kind="stable")
    top = tuple(since_text.row_line(r, lang) for _, r in named.head(TOP).iterrows())
    new = comparison.new_data
    official = new[new["jumlah_resmi"] > 0]
    data = i18n.t("ekspor.sejak_data", lang, n=i18n.format_number(official["jumlah_resmi"].sum(), 0, lang),
                  unggahan=len(official))
    simulated = int(new["jumlah_simulasi"].sum())
    if simulated:
        data += " " + i18n.t("ekspor.sejak_simulasi", lang, tanda=simulated_mark(lang),
                             n=i18n.format_number(simulated, 0, lang))
    return (head, *top, data)
