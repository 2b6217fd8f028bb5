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
from lib.present.markdown import fill, plain
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


def chip(row: pd.Series, lang: str) -> str:
    """The status chip: colour of the status (muted when lama) and its words, with the age when lama."""
    colour = status_text.status_fill(row)
    ink = WHITE if gauges.ink_on(colour) == "white" else INK
    return (f'<span class="m41-chip" style="--c:{colour};--ink:{ink};border-radius:10px">'
            f'{_esc(status_text.status_line(row, lang))}</span>')


def change_html(row: pd.Series, lang: str) -> str:
    """'▲ 0,71 poin, memburuk sejak 2023' in the colour of its direction; '' without a change."""
    text = status_text.change_since_text(row, lang, cite_other=False)
    if not text:
        return ""
    return f'<div class="meta" style="color:{status_text.change_color(row)};font-weight:600">{_esc(text)}</div>'


def basis_html(row: pd.Series, lang: str) -> str:
    """The target (value, year, basis) or the stated reference, as a small line."""
    text = status_text.basis_text(row, lang)
    return f'<div class="meta m41-basis">{_esc(text)}</div>' if text else ""


def owners_html(row: pd.Series, src: Source) -> str:
    """'Pemilik: Dinkes (koordinator); Dinas PUPR (PJ wilayah)' under an off-track card; '' otherwise."""
    if row.get("status") not in status.MISSES or pd.isna(row.get("isu")):
        return ""
    cell = (row["isu"], row["wilayah"])
    owners = src.read(reads.cell_owners, (cell,), src.lang)[cell]
    return f'<div class="meta m41-owner">{_esc(src.t("pemilik.label", pemilik=owners))}</div>'


@dataclass(frozen=True)
class Card:
    """An isu card, ready to draw: its HTML, the gauge's caption and picture, and the sources line."""
    html: str
    gauge_caption: str | None  # None: no gauge and nothing said about it
    gauge_svg: str | None  # None: no achievement to draw (the caption says why)
    sources: str


def _gauge(row: pd.Series, lang: str) -> tuple[str | None, str | None]:
    """The achievement gauge (one meaning everywhere: % of the way from the baseline to the target)."""
    if pd.isna(row.get("capaian_pct")):
        return (i18n.t("kartu.capaian_tanpa_awal", lang), None) if pd.notna(row.get("target")) else (None, None)
    # Inline SVG, not a Vega chart: five Vega instances made switching to Ringkasan several times slower.
    return i18n.t("kartu.capaian_judul", lang), gauges.gauge_svg(
        float(row["capaian_pct"]), row["status"], value_text=i18n.format_value(row["nilai"], row["satuan"], lang),
        target_text=status_text.target_text(row, lang), lang=lang, muted=bool(row["lama"]))


def card(row: pd.Series, src: Source) -> Card:
    """One isu card: heading (the indicator's own name where it is not the isu's headline), value, period,
    change with its direction, status chip (muted and aged when lama), target basis, gauge and source."""
    lang = src.lang
    sim = f'<span class="m41-sim">{src.t("jenis.simulasi.short")}</span>' if row["jenis"] == "simulasi" else ""
    period = src.t("caption.per_periode", periode=row["periode_label"]) if pd.notna(row["periode_label"]) else ""
    meta = " · ".join(p for p in (str(row["nama_indikator"]), period) if p)
    heading = headline_rules.heading(row["isu"], row["indikator"], lang)
    share = status_text.share_text(row, lang)
    chip_html = chip(row, lang) if pd.notna(row["nilai"]) else ""
    value = i18n.format_value(row["nilai"], row["satuan"], lang)
    body = (f'<div class="m41-card" style="--c:{status_text.status_fill(row)}"><h3>{_esc(heading)}</h3>'
            f'<div class="big">{keep_unit(value)}{sim}</div><div class="meta">{_esc(meta)}</div>'
            f'{f"<div class=meta>{_esc(share)}</div>" if share else ""}{change_html(row, lang)}{chip_html}'
            f'{basis_html(row, lang)}{owners_html(row, src)}</div>')
    sources = [f"{src.t('caption.sumber')}: {plain(row['sumber'])}"] if pd.notna(row["sumber"]) else [src.t("caption.no_data")]
    if other := status_text.other_source(row):
        sources.append(fill("perubahan.sumber_lain", lang, periode=row["periode_sebelumnya"], sumber=other))
    return Card(body, *_gauge(row, lang), "; ".join(sources))


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
    """The kabupaten × isu matrix as one block per kabupaten (what a phone shows instead of the grid)."""
    blocks = []
    for _, rows in matrix.groupby("wilayah", sort=True):
        items = "".join(_list_item(r, lang) for _, r in rows.iterrows())
        blocks.append(f'<div class="m41-kab"><b>{html.escape(rows["nama"].iloc[0])}</b><ul>{items}</ul></div>')
    return f'<div class="m41-kablist">{"".join(blocks)}</div>'
