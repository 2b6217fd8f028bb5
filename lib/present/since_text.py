"""The words of "since the last apel" on every surface (Ringkasan, the deck, the PDF, the images): the apel's
moment, a value's change then → now and a target that changed.

Marks: ▲/▼ say only which way the value moved; membaik/memburuk is a word, in the colour of CHANGE_COLORS,
decided by the indicator's arah on the two values (lib.judge.since_apel), never by the statuses.
"""
from __future__ import annotations

from datetime import datetime, time

import pandas as pd

from lib.data.apel import DEFAULT_JAM
from lib.judge import since_apel, status
from lib.present import status_text
from lib.text import i18n

NEUTRAL_COLOR = status_text.CHANGE_COLORS[status.TETAP]


def clock_text(value: time | datetime, lang: str) -> str:
    """'08.00' (Indonesian) / '08:00' (English)."""
    return f"{value:%H.%M}" if lang == "id" else f"{value:%H:%M}"


def moment_text(moment: datetime, lang: str, recorded: bool = True) -> str:
    """'24 Juli 2023 pukul 08.00' — with '(jam tidak tercatat, dianggap 08.00)' when the hour is the default."""
    text = i18n.t("since.pukul", lang, tanggal=i18n.format_date(moment, lang), jam=clock_text(moment, lang))
    return text if recorded else f"{text} {i18n.t('since.jam_bawaan', lang, jam=clock_text(DEFAULT_JAM, lang))}"


def change_color(kind: str) -> str:
    """Green for a value that improved, red for one that worsened (by arah), grey otherwise."""
    return status_text.CHANGE_COLORS.get(kind, NEUTRAL_COLOR)


def value_text(value: object, satuan: str, period: object, lang: str) -> str:
    """'2,94% (2023)', or 'belum ada nilai'."""
    if i18n.is_missing(value):
        return i18n.t("since.tanpa_nilai", lang)
    return f"{i18n.format_value(value, satuan, lang)} ({period})"


def target_change_text(row: pd.Series, lang: str) -> str:
    """'target berganti: 2023 → 2024' (the judging target's year then and now)."""
    def year(value: object) -> str:
        return i18n.t("since.tanpa_target", lang) if i18n.is_missing(value) else str(value)
    return i18n.t("since.target_berganti", lang, dulu=year(row["target_tahun_lama"]),
                  kini=year(row["target_tahun_baru"]))


def change_text(row: pd.Series, lang: str) -> str:
    """'▼ 1,48 poin, membaik' (▲/▼ the value's direction, the word by arah), then '· target berganti: 2023 →
    2024' when the status changed with the target (that status change is not counted as better or worse)."""
    word = i18n.t(f"since.arah.{row['perubahan']}", lang)
    if row["naik_turun"] in (since_apel.UP, since_apel.DOWN):
        arrow = "▲" if row["naik_turun"] == since_apel.UP else "▼"
        delta = i18n.format_delta(abs(row["selisih"]), row["satuan"], lang).lstrip("+")
        text = i18n.t("since.perubahan", lang, panah=arrow, delta=delta, arah=word)
    else:
        text = word
    text += status_text.break_note(row.get("putus_seri"), lang)  # two surveys or bases: named, neither way
    if row["target_berganti"]:
        text += " · " + target_change_text(row, lang)
    return text


def row_line(row: pd.Series, lang: str) -> str:
    """'Sulawesi Barat — Persentase penduduk miskin ekstrem: 2,94% (2023) → 1,46% (2024), ▼ 1,48 poin, membaik'."""
    return i18n.t("since.baris", lang, nama=row["nama"], indikator=row["nama_indikator"],
                  dulu=value_text(row["nilai_lama"], row["satuan"], row["periode_label_lama"], lang),
                  kini=value_text(row["nilai_baru"], row["satuan"], row["periode_label_baru"], lang),
                  perubahan=change_text(row, lang))


def notes_line(counts: dict | None, lang: str) -> str:
    """The cell notes since the apel in words (lib.data.notes.counts_since): '3 pertanyaan baru, 1 dijawab,
    2 belum dijawab; 1 komitmen jatuh tempo, 1 komitmen lewat tenggat'. The questions' part shows when any of
    its three counts is not zero, each commitment count only when not zero; '' when every count is zero (no
    notes) or without counts (public mode: notes are never read there)."""
    if not counts:
        return ""
    def n(key: str) -> str:
        return i18n.format_number(counts.get(key, 0), 0, lang)
    parts = []
    if counts.get("ditanya", 0) or counts.get("dijawab", 0) or counts.get("belum_dijawab", 0):
        parts.append(i18n.t("catatan_brief.pertanyaan", lang, baru=n("ditanya"), dijawab=n("dijawab"),
                            belum=n("belum_dijawab")))
    promised = [i18n.t("catatan_brief.komitmen_jatuh_tempo", lang, n=n("komitmen_jatuh_tempo"))
                if counts.get("komitmen_jatuh_tempo", 0) else "",
                i18n.t("catatan_brief.komitmen_lewat", lang, n=n("komitmen_lewat"))
                if counts.get("komitmen_lewat", 0) else "",
                i18n.t("catatan_brief.komitmen_selesai", lang, n=n("komitmen_selesai"))
                if counts.get("komitmen_selesai", 0) else ""]
    if any(promised):
        parts.append(", ".join(x for x in promised if x))
    return "; ".join(parts)
