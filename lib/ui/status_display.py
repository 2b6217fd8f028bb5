"""Status on screen, always with what it is judged against: isu cards, the kabupaten × isu matrix, status
chips (muted and aged when lama), change arrows and the small-wins strip. Texts come from lib.status_text."""
from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from lib import chart_status, freshness, i18n, status, status_text, tables
from lib.quality_tables import period_label
from lib.ui.cache_keys import FRAME_HASH
from lib.ui.data import cell_owners
from lib.ui.map_widgets import status_legend
from lib.ui.state import database_version, lang, public_mode, t
from lib.ui.text import fill, plain
from lib.ui.widgets import empty_state, keep_unit, show_cached_chart

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


def _gauge(row: pd.Series) -> None:
    """The achievement gauge (one meaning everywhere: % of the way from the baseline to the target)."""
    if pd.isna(row.get("capaian_pct")):
        if pd.notna(row.get("target")):
            st.caption(t("kartu.capaian_tanpa_awal"))
        return
    st.caption(t("kartu.capaian_judul"))
    # Inline SVG, not a Vega chart: five Vega instances made switching to Ringkasan several times slower.
    st.html(chart_status.gauge_svg(float(row["capaian_pct"]), row["status"], value_text=headline_value(row),
                                   target_text=status_text.target_text(row, lang()), lang=lang(),
                                   muted=bool(row["lama"])))


def isu_card(row: pd.Series) -> None:
    """One isu card: heading (the indicator's own name where it is not the isu's headline), value, period,
    change with its direction, status chip (muted and aged when lama), target basis, gauge and source."""
    sim = f'<span class="m41-sim">{t("jenis.simulasi.short")}</span>' if row["jenis"] == "simulasi" else ""
    period = t("caption.per_periode", periode=row["periode_label"]) if pd.notna(row["periode_label"]) else ""
    meta = " · ".join(p for p in (str(row["nama_indikator"]), period) if p)
    heading = status_text.isu_heading(row["isu"], row["indikator"], lang())
    share = status_text.share_text(row, lang())
    chip_html = chip(row) if pd.notna(row["nilai"]) else ""
    st.html(f'<div class="m41-card" style="--c:{status_text.status_fill(row)}"><h3>{_esc(heading)}</h3>'
            f'<div class="big">{keep_unit(headline_value(row))}{sim}</div><div class="meta">{_esc(meta)}</div>'
            f'{f"<div class=meta>{_esc(share)}</div>" if share else ""}{change_html(row)}{chip_html}'
            f'{basis_html(row)}{owners_html(row)}</div>')
    _gauge(row)
    sources = [f"{t('caption.sumber')}: {plain(row['sumber'])}"] if pd.notna(row["sumber"]) else [t("no_data")]
    if other := status_text.other_source(row):
        sources.append(fill("perubahan.sumber_lain", periode=row["periode_sebelumnya"], sumber=other))
    st.caption("; ".join(sources))


def isu_cards(headlines: pd.DataFrame) -> None:
    """A row of isu cards."""
    if headlines.empty:
        return
    for column, (_, row) in zip(st.columns(len(headlines)), headlines.iterrows()):
        with column:
            isu_card(row)


def _column_headings(matrix: pd.DataFrame) -> dict[str, str]:
    """Per isu: the heading of its matrix column, with the period when all its values share one."""
    headings = {}
    for isu, group in matrix.groupby("isu", sort=False):
        heading = status_text.isu_heading(isu, group["indikator"].iloc[0], lang())
        periods = group["periode"].dropna().unique()
        headings[isu] = f"{heading} ({period_label(periods[0], lang())})" if len(periods) == 1 else heading
    return headings


def _cell_text(row: pd.Series, mixed: bool) -> str | None:
    if pd.isna(row["nilai"]):
        return None
    value = i18n.format_value(row["nilai"], row["satuan"], lang())
    # The period on a second line: one line of both runs past a cell at 1280 × 720 (lib.chart_status breaks lines).
    return f"{value}\n({period_label(row['periode'], lang())})" if mixed else value


def status_matrix(matrix: pd.DataFrame) -> None:
    """The kabupaten × isu scorecard matrix: one indicator per column, its period in the heading or in every
    cell, colour by status against a documented target only, muted when lama; basis and owners in the tooltip."""
    headings = _column_headings(matrix)
    show_cached_chart("status_matrix", _matrix_cells(matrix, headings, lang(), (database_version(), public_mode())),
                      lang=lang())  # built once per cells and language
    status_legend()
    indicators = matrix.drop_duplicates("isu")
    st.caption(t("ringkasan.matriks_keterangan", daftar="; ".join(
        f"{plain(headings[r['isu']])}: {plain(r['nama_indikator'])}" for _, r in indicators.iterrows())))


@st.cache_data(show_spinner=False, max_entries=200, hash_funcs=FRAME_HASH)
def _matrix_cells(matrix: pd.DataFrame, headings: dict[str, str], lang_code: str, source: tuple) -> pd.DataFrame:
    """The matrix cells with their texts, once per matrix, language, snapshot and mode (source); row by row,
    with their owners, they cost a third of a second on every run of Ringkasan."""
    mixed = {isu: g["periode"].dropna().nunique() > 1 for isu, g in matrix.groupby("isu", sort=False)}
    keys = tuple(zip(matrix["isu"], matrix["wilayah"]))
    owners = cell_owners(keys, lang())
    return pd.DataFrame({
        "wilayah_nama": matrix["nama"], "isu_nama": [headings[i] for i in matrix["isu"]],
        "status": matrix["status"],
        "value_text": [_cell_text(r, mixed[r["isu"]]) for _, r in matrix.iterrows()],
        "fill": [status_text.status_fill(r) for _, r in matrix.iterrows()],
        "keterangan": [status_text.status_line(r, lang()) for _, r in matrix.iterrows()],
        "target_text": [status_text.basis_text(r, lang()) or i18n.MISSING for _, r in matrix.iterrows()],
        "periode_text": matrix["periode_label"].fillna(i18n.MISSING),
        "change_text": [status_text.change_text(r, lang()) or i18n.MISSING for _, r in matrix.iterrows()],
        "pemilik": [owners[key] or i18n.MISSING for key in keys]})


def small_wins_strip(wins: pd.DataFrame) -> None:
    """The 'small wins' strip: current, official improvements, each change from one source (or both cited)."""
    if wins.empty:
        empty_state(t("ringkasan.kemenangan_kosong"))
        return
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
    st.html(f'<div class="m41-wins">{"".join(cards)}</div>')


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
    """The status rules, from the one place their thresholds are declared (lib.status)."""
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
    """The data-age rule per periodicity (lib.freshness.ALLOWANCE)."""
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
