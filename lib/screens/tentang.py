"""Tentang: indicator definitions per isu, the status rules and the data-age rule as tables, the achievement
formula worked through a real value, and how the forecast is made."""
from __future__ import annotations

import pandas as pd

from lib.data import queries
from lib.judge import forecast, freshness, headlines, status
from lib.judge import targets as target_rules
from lib.present import status_text
from lib.present.markdown import fill, plain
from lib.screens import opd, reads
from lib.screens.source import Source
from lib.text import i18n


def definition_blocks(src: Source) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Per isu: the expander's title and one Markdown paragraph per indicator (definition, unit, direction,
    periodicity, source, number of values)."""
    t, lang = src.t, src.lang
    blocks = []
    for isu, group in src.read(queries.indicators).groupby("isu", sort=False):
        blocks.append((f"{t('isu.' + isu)} — {len(group)} {t('tentang.indikator').lower()}", tuple(
            f"**{plain(row['kode'])} — {plain(row['nama'])}**  \n{plain(row['definisi'])}  \n"
            f"{t('col.satuan')}: {plain(row['satuan'])} · "
            f"{t('col.arah')}: {plain(i18n.code_label('arah', row['arah'], lang))} · "
            f"{t('col.periodisitas')}: {plain(i18n.code_label('periodisitas', row['periodisitas'], lang))} · "
            f"{t('caption.sumber')}: {plain(row['sumber'])} · {t('col.jumlah_nilai')}: {row['jumlah_nilai']}"
            for _, row in group.iterrows())))
    return tuple(blocks)


DECISION_ROWS = (*target_rules.RULES, "lama")  # the decision table's rows, in the order Tentang lists them


def decision_table(lang: str) -> pd.DataFrame:
    """The status decision table (lib.judge.targets), one row per rule: when it applies and what is shown."""
    rows = [(i18n.t(f"tentang.aturan.{rule}", lang), i18n.t(f"tentang.hasil.{rule}", lang)) for rule in DECISION_ROWS]
    return pd.DataFrame(rows, columns=[i18n.t("tentang.aturan", lang), i18n.t("tentang.aturan_hasil", lang)])


def decision_markdown(lang: str) -> str:
    """The decision table as a Markdown table (its sentences wrap, where a data grid would cut them)."""
    table = decision_table(lang)
    head = f"| {plain(table.columns[0])} | {plain(table.columns[1])} |\n|---|---|\n"
    return head + "\n".join(f"| {plain(when)} | {plain(what)} |" for when, what in table.itertuples(index=False))


def freshness_rule_table(lang: str) -> pd.DataFrame:
    """The data-age rule per periodicity (lib.judge.freshness.ALLOWANCE)."""
    rows = [(name, i18n.t("tentang.usia_bulan", lang, n=months) if months
             else i18n.t("tentang.usia_minggu", lang, n=days // 7))
            for name, (months, days) in freshness.ALLOWANCE.items()]
    return pd.DataFrame(rows, columns=[i18n.t("col.periodisitas", lang), i18n.t("tentang.usia_batas", lang)])


def achievement_example(src: Source) -> str | None:
    """The achievement formula worked through one real province headline that has a baseline; None when
    no headline has one."""
    frame = src.read(reads.headlines, None, None)
    usable = frame[frame["capaian_pct"].notna() & frame["baseline"].notna() & (frame["arah"] == status.TURUN)]
    if usable.empty:
        return None
    row, lang = usable.iloc[0], src.lang
    fmt = lambda v: i18n.format_value(v, row["satuan"], lang)  # noqa: E731
    return fill("tentang.contoh", lang, wilayah=row["nama"], indikator=row["nama_indikator"], nilai=fmt(row["nilai"]),
                periode=row["periode_label"], awal=fmt(row["baseline"]), periode_awal=row["baseline_periode"],
                target=status_text.target_text(row, lang), target_nilai=fmt(row["target"]),
                capaian=i18n.format_value(row["capaian_pct"], "persen", lang, decimals=1),
                status=status_text.status_line(row, lang))


def forecast_method(lang: str) -> str:
    """How the forecast is made and its limits (Markdown)."""
    return i18n.t("tentang.prakiraan_teks", lang, n=forecast.MIN_POINTS)


def headline_table(src: Source) -> pd.DataFrame:
    """Per isu: its headline indicator (card, slides, PDF tiles, share image), the indicator its kabupaten
    are shown by (rapor, map, slide bars, PDF grid), and why where they differ (lib.judge.headlines)."""
    registry = src.read(queries.indicators).set_index("kode")["nama"]
    total = len(src.read(queries.wilayah_codes, "kabupaten"))
    notes = headlines.notes(src.read(headlines.substitutes, None), total, src.lang)
    rows = [(src.t(f"isu.{isu}"), plain(registry.get(code, code)),
             plain(registry.get(headlines.KABUPATEN_INDICATOR[isu], headlines.KABUPATEN_INDICATOR[isu])),
             plain(notes.get(isu, src.t("tentang.utama_sama"))))
            for isu, code in headlines.HEADLINE_INDICATOR.items()]
    return pd.DataFrame(rows, columns=[src.t("col.isu"), src.t("tentang.utama_kolom"),
                                       src.t("tentang.utama_kolom_kabupaten"), src.t("tentang.utama_kolom_catatan")])


def owners_text(src: Source) -> str:
    """How cell owners are found and what the OPD page lists (Markdown), with how many kecamatan have one."""
    return f"{src.t('tentang.pemilik_teks')}\n\n{opd.owners_coverage(src)}"
