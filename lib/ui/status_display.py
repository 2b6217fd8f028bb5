"""Status on screen, always with what it is judged against: isu cards, status chips (muted and aged when
lama), change arrows and the small-wins strip. Texts come from lib.present.status_text; the kabupaten × isu matrix
is in lib.ui.briefing."""
from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from lib.charts import status as chart_status
from lib.judge import freshness, status
from lib.present import status_text, tables
from lib.text import i18n
from lib.ui.data import cell_owners
from lib.ui.state import lang, t
from lib.ui.text import fill, plain
from lib.ui.widgets import empty_state, keep_unit

INK, WHITE = "#14212b", "#ffffff"


def _esc(text: object) -> str:
    return html.escape("" if text is None else str(text))


def chip(row: pd.Series) -> str:
    """The status chip: colour of the status (muted when lama) and its words, with the age when lama."""
    colour = status_text.status_fill(row)
    ink = WHITE if chart_status.ink_on(colour) == "white" else INK
    return (f'<span class="m41-chip" style="--c:{colour};--ink:{ink};border-radius:10px">'
            f'{_esc(status_text.status_line(row, lang()))}</span>')


def change_html(row: pd.Series, cite_other: bool = False) -> str:
    """'▲ 0,71 poin, memburuk sejak 2023' in the colour of its direction; '' without a change."""
    text = status_text.change_since_text(row, lang(), cite_other=cite_other)
    if not text:
        return ""
    return f'<div class="meta" style="color:{status_text.change_color(row)};font-weight:600">{_esc(text)}</div>'


def basis_html(row: pd.Series) -> str:
    """The target (value, year, basis) or the stated reference, as a small line."""
    text = status_text.basis_text(row, lang())
    return f'<div class="meta m41-basis">{_esc(text)}</div>' if text else ""


def owners_html(row: pd.Series) -> str:
    """'Pemilik: Dinkes (koordinator); Dinas PUPR (PJ wilayah)' under an off-track card; '' otherwise."""
    if row.get("status") != status.TIDAK_SESUAI_JALUR or pd.isna(row.get("isu")):
        return ""
    cell = (row["isu"], row["wilayah"])
    return f'<div class="meta m41-owner">{_esc(t("pemilik.label", pemilik=cell_owners((cell,), lang())[cell]))}</div>'


def headline_value(row: pd.Series) -> str:
    """The figure of a card with its unit."""
    return i18n.format_value(row["nilai"], row["satuan"], lang())


@dataclass(frozen=True)
class Card:
    """An isu card, ready to draw: its HTML, the gauge's caption and picture, and the sources line."""
    html: str
    gauge_caption: str | None  # None: no gauge and nothing said about it
    gauge_svg: str | None  # None: no achievement to draw (the caption says why)
    sources: str


def _gauge(row: pd.Series) -> tuple[str | None, str | None]:
    """The achievement gauge (one meaning everywhere: % of the way from the baseline to the target)."""
    if pd.isna(row.get("capaian_pct")):
        return (t("kartu.capaian_tanpa_awal"), None) if pd.notna(row.get("target")) else (None, None)
    # Inline SVG, not a Vega chart: five Vega instances made switching to Ringkasan several times slower.
    return t("kartu.capaian_judul"), chart_status.gauge_svg(
        float(row["capaian_pct"]), row["status"], value_text=headline_value(row),
        target_text=status_text.target_text(row, lang()), lang=lang(), muted=bool(row["lama"]))


def card(row: pd.Series) -> Card:
    """One isu card: heading (the indicator's own name where it is not the isu's headline), value, period,
    change with its direction, status chip (muted and aged when lama), target basis, gauge and source."""
    sim = f'<span class="m41-sim">{t("jenis.simulasi.short")}</span>' if row["jenis"] == "simulasi" else ""
    period = t("caption.per_periode", periode=row["periode_label"]) if pd.notna(row["periode_label"]) else ""
    meta = " · ".join(p for p in (str(row["nama_indikator"]), period) if p)
    heading = status_text.isu_heading(row["isu"], row["indikator"], lang())
    share = status_text.share_text(row, lang())
    chip_html = chip(row) if pd.notna(row["nilai"]) else ""
    body = (f'<div class="m41-card" style="--c:{status_text.status_fill(row)}"><h3>{_esc(heading)}</h3>'
            f'<div class="big">{keep_unit(headline_value(row))}{sim}</div><div class="meta">{_esc(meta)}</div>'
            f'{f"<div class=meta>{_esc(share)}</div>" if share else ""}{change_html(row)}{chip_html}'
            f'{basis_html(row)}{owners_html(row)}</div>')
    sources = [f"{t('caption.sumber')}: {plain(row['sumber'])}"] if pd.notna(row["sumber"]) else [t("caption.no_data")]
    if other := status_text.other_source(row):
        sources.append(fill("perubahan.sumber_lain", periode=row["periode_sebelumnya"], sumber=other))
    return Card(body, *_gauge(row), "; ".join(sources))


def draw_card(shown: Card) -> None:
    """Draw an isu card (see card)."""
    st.html(shown.html)
    if shown.gauge_caption:
        st.caption(shown.gauge_caption)
    if shown.gauge_svg:
        st.html(shown.gauge_svg)
    st.caption(shown.sources)


def isu_card(row: pd.Series) -> None:
    """Draw one isu card."""
    draw_card(card(row))


def draw_cards(cards: list[Card] | tuple[Card, ...]) -> None:
    """A row of isu cards (none: nothing)."""
    for column, shown in zip(st.columns(len(cards)) if cards else (), cards):
        with column:
            draw_card(shown)


def isu_cards(headlines: pd.DataFrame) -> None:
    """A row of isu cards."""
    draw_cards([card(row) for _, row in headlines.iterrows()])


def small_wins_strip(wins: pd.DataFrame) -> None:
    """The 'small wins' strip: current, official improvements, each change from one source (or both cited)."""
    if wins.empty:
        empty_state(t("ringkasan.kemenangan_kosong"))
        return
    st.html(small_wins_html(wins))


def small_wins_html(wins: pd.DataFrame) -> str:
    """The strip's HTML, one card per improvement."""
    cards = []
    for _, row in wins.iterrows():
        before = i18n.format_value(row["nilai_sebelumnya"], row["satuan"], lang())
        sources = _esc(row["sumber"])
        if other := status_text.other_source(row):
            sources = f"{_esc(row['periode_sebelumnya'])}: {_esc(other)}; {_esc(row['periode_label'])}: {sources}"
        cards.append(
            f'<div class="m41-win"><div class="where">{_esc(row["nama"])}</div>'
            f'<div class="what">{_esc(row["nama_indikator"])}</div>'
            f'<div class="move">{_esc(before)} → <b>{_esc(headline_value(row))}</b> '
            f'<span class="delta">{_esc(status_text.change_text(row, lang()))}</span></div>'
            f'<div class="meta">{_esc(row["periode_sebelumnya"])} → {_esc(row["periode_label"])}'
            f' · {_esc(t("caption.sumber"))}: {sources}</div></div>')
    return f'<div class="m41-wins">{"".join(cards)}</div>'


def status_summary(frame: pd.DataFrame) -> None:
    """How many current official values sit in each status; lama values, values without an official target
    and simulated ones are counted apart so they never swell a status."""
    official = frame[frame["jenis"] == "resmi"]
    current = official[~official["lama"]]
    counts = current["status"].value_counts()
    shown = [c for c in status.STATUSES if c not in status.BAND_MISSES or counts.get(c, 0)]
    columns = st.columns(len(shown) + 2)
    for column, code in zip(columns, shown):
        column.metric(tables.status_text(code, lang()), int(counts.get(code, 0)), border=True)
    columns[-2].metric(tables.status_text(None, lang(), has_value=True), int(current["status"].isna().sum()),
                       border=True)
    columns[-1].metric(f"⏳ {t('usia.lama')}", int(official["lama"].sum()), border=True)
    simulated = int((frame["jenis"] == "simulasi").sum())
    st.caption(t("kabupaten.hitungan", resmi=len(official), simulasi=simulated))


def threshold_table() -> None:
    """The status rules, from the one place their thresholds are declared (lib.judge.status)."""
    limits = status.THRESHOLDS
    rows = [(tables.status_text(status.TERCAPAI, lang()), t("tentang.ambang_tercapai")),
            (tables.status_text(status.SESUAI_JALUR, lang()),
             t("tentang.ambang_sesuai", pct=limits.on_track_pct, gap=limits.on_track_gap)),
            (tables.status_text(status.PERLU_PERHATIAN, lang()),
             t("tentang.ambang_perhatian", pct=limits.attention_pct, gap=limits.attention_gap)),
            (f"{tables.status_text(status.DI_BAWAH_SASARAN, lang())} / {i18n.status_label(status.DI_ATAS_SASARAN, lang())}",
             t("tentang.ambang_rentang")),
            (tables.status_text(status.TIDAK_SESUAI_JALUR, lang()), t("tentang.ambang_tidak")),
            (tables.status_text(None, lang(), has_value=True), t("tentang.ambang_tanpa_target"))]
    st.dataframe(pd.DataFrame(rows, columns=[t("col.status"), t("tentang.ambang")]), hide_index=True,
                 width="stretch")


def freshness_rule_table() -> None:
    """The data-age rule per periodicity (lib.judge.freshness.ALLOWANCE)."""
    rows = [(name, t("tentang.usia_bulan", n=months) if months else t("tentang.usia_minggu", n=days // 7))
            for name, (months, days) in freshness.ALLOWANCE.items()]
    st.dataframe(pd.DataFrame(rows, columns=[t("col.periodisitas"), t("tentang.usia_batas")]), hide_index=True,
                 width="stretch")


def achievement_example() -> None:
    """The achievement formula worked through one real province headline that has a baseline."""
    from lib.ui.data import headlines  # data → state only; imported here to keep this module's imports light
    frame = headlines(None, None)
    usable = frame[frame["capaian_pct"].notna() & frame["baseline"].notna() & (frame["arah"] == status.TURUN)]
    if usable.empty:
        return
    row = usable.iloc[0]
    fmt = lambda v: i18n.format_value(v, row["satuan"], lang())  # noqa: E731
    st.markdown(fill("tentang.contoh", wilayah=row["nama"], indikator=row["nama_indikator"], nilai=fmt(row["nilai"]),
                  periode=row["periode_label"], awal=fmt(row["baseline"]), periode_awal=row["baseline_periode"],
                  target=status_text.target_text(row, lang()), target_nilai=fmt(row["target"]),
                  capaian=i18n.format_value(row["capaian_pct"], "persen", lang(), decimals=1),
                  status=status_text.status_line(row, lang())))
