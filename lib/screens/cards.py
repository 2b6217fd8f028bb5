"""Status as HTML, always with what it is judged against: isu cards, status chips (muted and aged when lama),
change lines, the small-wins strip and the kabupaten × isu list a phone shows. Texts come from
lib.present.status_text; the page styles them (lib.ui.widgets.STYLE)."""
from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from lib.charts import gauges
from lib.judge import headlines as headline_rules
from lib.judge import status
from lib.present import status_text
from lib.screens import reads
from lib.screens.source import Source
from lib.text import i18n

INK, WHITE = "#14212b", "#ffffff"


def _esc(text: object) -> str:
    return html.escape("" if text is None else str(text))


def keep_unit(text: str) -> str:
    """HTML-escaped text whose last word (the unit) never wraps away from its number."""
    head, _, unit = html.escape(text).rpartition(" ")
    return f"{head}&nbsp;{unit}" if head else unit


def chip(row: pd.Series, lang: str, words: str | None = None) -> str:
    """The status chip: colour of the status (muted when lama) and its words (by default the status with what
    qualifies it, lib.present.status_text.status_line)."""
    colour = status_text.status_fill(row)
    ink = WHITE if gauges.ink_on(colour) == "white" else INK
    return (f'<span class="m41-chip" style="--c:{colour};--ink:{ink};border-radius:10px">'
            f'{_esc(status_text.status_line(row, lang) if words is None else words)}</span>')


def change_html(row: pd.Series, lang: str) -> str:
    """'▲ 0,71 poin, memburuk sejak 2023' in the colour of its direction; '' without a change."""
    text = status_text.change_since_text(row, lang, cite_other=False)
    if not text:
        return ""
    return f'<div class="meta" style="color:{status_text.change_color(row)};font-weight:600">{_esc(text)}</div>'


def owners_html(row: pd.Series, src: Source) -> str:
    """'Pemilik: Dinkes (koordinator); Dinas PUPR (PJ wilayah)' under an off-track card; '' otherwise."""
    if row.get("status") not in status.MISSES or pd.isna(row.get("isu")):
        return ""
    cell = (row["isu"], row["wilayah"])
    owners = src.read(reads.cell_owners, (cell,), src.lang)[cell]
    return f'<div class="meta m41-owner">{_esc(src.t("pemilik.label", pemilik=owners))}</div>'


@dataclass(frozen=True)
class Card:
    """An isu card as data (what the governor reads in ten seconds: the number with its unit, the period it
    measures, the status word, the target and the data's age; then the gauge and what its % means) and the
    card's HTML, drawn as one piece so nothing in it arrives before the number."""
    heading: str
    value: str  # '35,4%'
    period: str  # 'per 2024' ('' without a value)
    status: str  # the chip's words (lib.present.status_text.status_chip): 'Tidak tercapai · target nasional · lama'
    target: str  # the target with year and basis, or the stated reference; '' without either
    age: str  # 'data 2024 · 2 tahun lalu'; '' without a value
    gauge_words: str | None  # what the gauge's % is, or why there is no gauge; None without a value
    gauge_svg: str | None  # None: no arc (a neutral status, no target, no baseline)
    gauge_ends: tuple[str, str, str, str] | None  # (left label, left value, right label, right value)
    sources: str
    html: str


def _pct(value: float, lang: str) -> str:
    return i18n.format_value(status.clip_pct(value), "persen", lang, decimals=0)


def gauge_words(row: pd.Series, lang: str) -> str | None:
    """What the gauge's percentage means, in words ('Capaian 22% dari jalan menuju target'), or why a card has
    no gauge ('Tanpa pengukur capaian: data terakhir 2022, target 8,74% (2024)'); None without a value."""
    if pd.isna(row.get("nilai")):
        return None
    code = row.get("status")
    if not isinstance(code, str):  # a value no documented target judges
        return i18n.t("kartu.tanpa_pengukur", lang, alasan=i18n.t("kartu.alasan_tanpa_target", lang))
    if code in status.NEUTRAL:
        reason = status_text.verdict_detail(row, lang) or status_text.status_word(row, lang).lower()
        return i18n.t("kartu.tanpa_pengukur", lang, alasan=reason)
    pct = row.get("capaian_pct")
    if pd.isna(pct):
        return i18n.t("kartu.capaian_tanpa_awal", lang)
    if row.get("arah") == status.RENTANG:
        return i18n.t("kartu.capaian_rentang_dalam", lang) if pct >= 100 else \
            i18n.t("kartu.capaian_rentang_luar", lang, pct=_pct(pct, lang))
    return gauges.progress_words(float(pct), lang)


def _baseline_period(row: pd.Series, lang: str) -> object:
    """The baseline's period label in lang (the English twin where the record has one)."""
    english = row.get("baseline_periode_en")
    return english if lang == "en" and isinstance(english, str) and english else row["baseline_periode"]


def gauge_ends(row: pd.Series, lang: str) -> tuple[str, str, str, str] | None:
    """The labels under the gauge's two ends: the baseline (left) and the target (right), each with its period;
    a band's edges. None when the card has no gauge."""
    if pd.isna(row.get("capaian_pct")) or not isinstance(row.get("status"), str) or row["status"] in status.NEUTRAL:
        return None
    satuan, year = row["satuan"], row.get("target_tahun")
    if row.get("arah") == status.RENTANG:  # the band itself, under the middle of the ring
        band = (f'{i18n.format_number(row["target"], 1, lang)}–'
                f'{i18n.format_value(row["target_atas"], satuan, lang, decimals=1)}')
        return i18n.t("kartu.ujung_sasaran", lang, tahun=year), band, "", ""
    if pd.notna(row.get("baseline")):
        left = i18n.t("kartu.ujung_awal", lang, periode=_baseline_period(row, lang))
        base = i18n.format_value(row["baseline"], satuan, lang)
    else:  # a naik count measured from nothing (lib.judge.status.achievement_pct)
        left, base = i18n.t("kartu.ujung_awal_nol", lang), i18n.format_value(0, satuan, lang)
    return left, base, i18n.t("kartu.ujung_target", lang, tahun=year), i18n.format_value(row["target"], satuan, lang)


def _gauge_html(svg: str | None, ends: tuple[str, str, str, str] | None, words: str | None) -> str:
    if words is None:
        return ""
    parts = [svg or ""]
    if ends:
        left, base, right, goal = (_esc(x) for x in ends)
        far = f'<span class="r">{right}<br><b>{goal}</b></span>' if right else ""
        parts.append(f'<div class="m41-ends{"" if right else " m41-band"}"><span>{left}<br><b>{base}</b></span>{far}</div>')
    parts.append(f'<div class="m41-gauge-words">{_esc(words)}</div>')
    return f'<div class="m41-gaugebox{"" if svg else " m41-nogauge"}">{"".join(parts)}</div>'


def card(row: pd.Series, src: Source) -> Card:
    """One isu card: heading (the indicator's own name where it is not the isu's headline), the number with its
    unit, the data's period and age, the status chip (muted when lama), the target, the gauge with its words,
    then the change, the owners of an off-track cell, the indicator's full name and the source."""
    lang = src.lang
    has_value = pd.notna(row["nilai"])
    sim = f'<span class="m41-sim">{src.t("jenis.simulasi.short")}</span>' if row["jenis"] == "simulasi" else ""
    period = src.t("caption.per_periode", periode=row["periode_label"]) if has_value and pd.notna(row["periode_label"]) else ""
    age = status_text.age_text(row, lang) if has_value else ""
    heading = headline_rules.heading(row["isu"], row["indikator"], lang)
    share = status_text.share_text(row, lang)
    value = i18n.format_value(row["nilai"], row["satuan"], lang)
    status_words = status_text.status_chip(row, lang) if has_value else status_text.status_word(row, lang)
    target = status_text.basis_text(row, lang)
    words = gauge_words(row, lang)
    ends = gauge_ends(row, lang)
    svg = gauges.gauge_svg(float(row["capaian_pct"]), row["status"], value_text=value, lang=lang,
                           muted=bool(row["lama"]), title=words or "") if ends else None
    # Plain text (the card is HTML, not Markdown): uploaded sources show as typed, made inert by _inert.
    sources = [f"{src.t('caption.sumber')}: {row['sumber']}"] if pd.notna(row["sumber"]) else [src.t("caption.no_data")]
    if other := status_text.other_source(row):
        sources.append(i18n.t("perubahan.sumber_lain", lang, periode=row["periode_sebelumnya"], sumber=other))
    when = age or period
    body = (f'<div class="m41-card" style="--c:{status_text.status_fill(row)}"><h3>{_esc(heading)}</h3>'
            f'<div class="big">{keep_unit(value)}{sim}</div>'
            f'{f"<div class=m41-when>{_esc(when)}</div>" if when else ""}'
            f'{chip(row, lang, status_words) if has_value else ""}'
            f'{f"<div class=m41-basis>{_esc(target)}</div>" if target else ""}'
            f'{_gauge_html(svg, ends, words)}'
            f'{f"<div class=meta>{_esc(share)}</div>" if share else ""}{change_html(row, lang)}{owners_html(row, src)}'
            f'<div class="meta m41-ind">{_esc(src.t("kartu.indikator", nama=row["nama_indikator"]))}</div>'
            f'<div class="m41-src">{_inert("; ".join(sources))}</div></div>')
    return Card(heading, value, period, status_words, target, age, words, svg, ends, "; ".join(sources), body)


def strip_html(headlines: pd.DataFrame, lang: str) -> str:
    """The five isu in five short lines (heading, number, status chip): what a phone shows on its first screen,
    above the cards (hidden on wider screens, where the cards themselves are the first screen)."""
    items = "".join(
        f'<li><span class="isu">{_esc(headline_rules.heading(r["isu"], r["indikator"], lang))}</span>'
        f'<b>{keep_unit(i18n.format_value(r["nilai"], r["satuan"], lang))}</b>'
        f'{chip(r, lang, status_text.status_chip(r, lang) if pd.notna(r["nilai"]) else status_text.status_word(r, lang))}</li>'
        for _, r in headlines.iterrows())
    label = _esc(i18n.t("kartu.lima_status", lang))
    return f'<div class="m41-strip"><ul aria-label="{label}">{items}</ul></div>'


def cards(headlines: pd.DataFrame, src: Source) -> tuple[Card, ...]:
    """One card per row of an assessed headline frame, in its order."""
    return tuple(card(row, src) for _, row in headlines.iterrows())


def small_wins_html(wins: pd.DataFrame, lang: str) -> str:
    """The small-wins strip's HTML, one card per improvement (each change from one source, or both cited)."""
    shown = []
    for _, row in wins.iterrows():
        before = i18n.format_value(row["nilai_sebelumnya"], row["satuan"], lang)
        sources = _esc(row["sumber"])
        if other := status_text.other_source(row):
            sources = f"{_esc(row['periode_sebelumnya'])}: {_esc(other)}; {_esc(row['periode_label'])}: {sources}"
        shown.append(
            f'<div class="m41-win"><div class="where">{_esc(row["nama"])}</div>'
            f'<div class="what">{_esc(row["nama_indikator"])}</div>'
            f'<div class="move">{_esc(before)} → <b>{_esc(i18n.format_value(row["nilai"], row["satuan"], lang))}</b> '
            f'<span class="delta">{_esc(status_text.change_text(row, lang))}</span></div>'
            f'<div class="meta">{_esc(row["periode_sebelumnya"])} → {_esc(row["periode_label"])}'
            f' · {_esc(i18n.t("caption.sumber", lang))}: {sources}</div></div>')
    return f'<div class="m41-wins">{"".join(shown)}</div>'


def _list_item(row: pd.Series, lang: str) -> str:
    """One isu of a kabupaten: the indicator's heading, its value and period, and the status chip."""
    heading = headline_rules.heading(row["isu"], row["indikator"], lang)
    value = i18n.format_value(row["nilai"], row["satuan"], lang)
    period = f" ({row['periode_label']})" if pd.notna(row["nilai"]) and pd.notna(row["periode_label"]) else ""
    return (f"<li><span>{html.escape(heading)}: <b>{html.escape(value)}</b>{html.escape(period)}</span>"
            f"{chip(row, lang)}</li>")


def status_list_html(matrix: pd.DataFrame, lang: str) -> str:
    """The kabupaten × isu matrix as one folded block per kabupaten (what a phone shows instead of the grid): its
    name and one square per isu in the status colour; opened, each isu's value, period and status chip."""
    blocks = []
    for _, rows in matrix.groupby("wilayah", sort=True):
        items = "".join(_list_item(r, lang) for _, r in rows.iterrows())
        # Folded to one line (name and a square per isu in its status colour); a tap opens the words.
        squares = "".join(
            f'<span class="sq" style="background:{status_text.status_fill(r)}" '
            f'title="{html.escape(headline_rules.heading(r["isu"], r["indikator"], lang), quote=True)}: '
            f'{html.escape(status_text.status_chip(r, lang), quote=True)}"></span>' for _, r in rows.iterrows())
        blocks.append(f'<details class="m41-kab"><summary><b>{html.escape(rows["nama"].iloc[0])}</b>'
                      f'<span class="sqs">{squares}</span></summary><ul>{items}</ul></details>')
    order = " · ".join(i18n.t(f"isu.{code}", lang) for code in dict.fromkeys(matrix["isu"]))
    key = f'<div class="m41-kabkey">{html.escape(i18n.t("kartu.kotak_urutan", lang, daftar=order))}</div>'
    return f'<div class="m41-kablist">{key}{"".join(blocks)}</div>'


def _inert(value: object) -> str:
    """HTML-escaped text in which no address reads as one (a word joiner after each colon, as
    lib.present.markdown.plain does for Markdown)."""
    return _esc(i18n.MISSING if i18n.is_missing(value) else str(value).replace(":", ":\u2060"))


def _cell(value: object, fill_colour: str | None) -> str:
    if not fill_colour:
        return _inert(value)
    ink = WHITE if gauges.ink_on(fill_colour) == "white" else INK
    return f'<span class="m41-chip" style="--c:{fill_colour};--ink:{ink}">{_inert(value)}</span>'


def rows_html(frame: pd.DataFrame, title: str, skip: tuple[str, ...] = (), fills: list[str] | None = None,
              status_column: str | None = None) -> str:
    """A table as a list of small cards, one per row: the `title` column in bold, then 'Column: value' for every
    other column, a dash for an empty one as in the table (lists such as sparklines, and `skip` columns, left
    out; uploaded text inert: no address stays whole). What a phone shows instead of a table that would show
    two or three of its columns. With `fills` (one status colour per row) the `status_column` is a chip in it
    and the card's edge takes the colour."""
    blocks = []
    colours = fills if fills and len(fills) == len(frame) else [None] * len(frame)
    for record, fill_colour in zip(frame.to_dict("records"), colours):
        lines = "".join(
            f'<div><span class="k">{_esc(column)}:</span> {_cell(value, fill_colour if column == status_column else None)}</div>'
            for column, value in record.items()
            if column != title and column not in skip and not isinstance(value, (list, tuple))
            and not (hasattr(value, "__len__") and not isinstance(value, str)))
        edge = f' style="border-left: 6px solid {fill_colour}"' if fill_colour else ""
        blocks.append(f'<li{edge}><b>{_inert(record.get(title))}</b>{lines}</li>')
    return f'<ul class="m41-rows">{"".join(blocks)}</ul>'
