"""The deck's compact "sejak apel terakhir" summary (lib.judge.since_apel): how many statuses changed, the top
changes from → to, and how much new official data arrived. Official values only: the deck is public."""
from __future__ import annotations

from datetime import date

import pandas as pd

from lib.data.apel import latest_apel
from lib.judge import since_apel
from lib.text import i18n

TOP = 3  # changes named on the slide and in the brief


def load(con, today: date | None = None) -> since_apel.Comparison | None:
    """The comparison with the latest apel on or before today; None when no apel is recorded."""
    apel = latest_apel(con, today)
    return None if apel is None else since_apel.compare(con, pd.Timestamp(apel["tanggal"]).date())


def _change_line(row: pd.Series, lang: str) -> str:
    before = i18n.status_label(row["status_lama"] if isinstance(row["status_lama"], str) else None, lang)
    return i18n.t("ekspor.sejak_ubah", lang, nama=row["nama"], indikator=row["nama_indikator"], dulu=before,
                  kini=i18n.status_label(row["status_baru"], lang))


def lines(comparison: since_apel.Comparison | None, lang: str) -> tuple[str, ...]:
    """'Sejak apel 24-07-2023: 2 status berubah (…)', up to TOP 'from → to' lines, and the new data; () without
    an apel."""
    if comparison is None:
        return ()
    changes = comparison.changes[comparison.changes["jenis_baru"] == "resmi"]
    counts = changes["arah"].value_counts()
    head = i18n.t("ekspor.sejak_judul", lang, tanggal=i18n.format_date(comparison.tanggal, lang), n=len(changes),
                  membaik=counts.get(since_apel.MEMBAIK, 0), memburuk=counts.get(since_apel.MEMBURUK, 0),
                  baru=counts.get(since_apel.BARU, 0))
    top = tuple(_change_line(r, lang) for _, r in changes.head(TOP).iterrows())
    fresh = comparison.new_data[~comparison.new_data["ada_simulasi"].astype(bool)]
    data = i18n.t("ekspor.sejak_data", lang, n=i18n.format_number(fresh["jumlah_nilai"].sum(), 0, lang),
                  unggahan=len(fresh))
    return (head, *top, data)
