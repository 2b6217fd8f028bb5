"""Status-coloured charts: semi-circular gauge, gauge grid and kabupaten × isu status matrix (re-exported by
lib.charts), plus the status label/colour helpers lib.charts.ranking_chart also uses."""
from __future__ import annotations

import math

import altair as alt
import pandas as pd

from lib import i18n
from lib import status as st
from lib.chart_common import ChartInputError, _has_rows, _t, empty_chart
from lib.chart_theme import INK, MUTED, TRACK

GAUGE_COLUMNS = ("label", "achievement_pct", "status", "value_text", "target_text")
MATRIX_COLUMNS = ("wilayah_nama", "isu_nama", "status")  # value_text optional


def _text(x: object) -> str | None:
    return None if i18n.is_missing(x) or x == "" else str(x)


def _status_labels(codes: pd.Series, lang: str) -> pd.Series:
    """Status codes → labels in lang; missing → 'Tidak ada data'; an unknown code raises."""
    bad = sorted({str(c) for c in codes if not i18n.is_missing(c) and c not in st.STATUSES})
    if bad:
        raise ChartInputError(f"status {', '.join(bad)} tidak dikenal; yang sah: {', '.join(st.STATUSES)}.")
    return codes.map(lambda c: i18n.status_label(None if i18n.is_missing(c) else c, lang))


def _status_color(field: str, lang: str, legend: bool = True) -> alt.Color:
    codes = [*st.STATUSES, None]
    domain = [i18n.status_label(c, lang) for c in codes] + [_t("chart.tanpa_target", lang)]
    scale = alt.Scale(domain=domain, range=[st.status_color(c) for c in codes] + [st.NO_TARGET_COLOR])
    return alt.Color(field, title=_t("chart.status", lang), scale=scale, legend=alt.Legend() if legend else None)


def _ink(hex_colour: str) -> str:
    """Text colour readable on a fill: white on dark fills, INK on light ones (WCAG relative luminance)."""
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return "white" if 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2] < 0.18 else INK


def gauge(achievement_pct: float | None, status: str | None, *, label: str, value_text: str | None,
          target_text: str | None, lang: str = "id", width: int = 220) -> alt.LayerChart:
    """Semi-circular gauge: achievement 0–100 % (clipped) coloured by status, value and status word inside."""
    pct = None if i18n.is_missing(achievement_pct) else float(achievement_pct)
    code = None if pct is None or i18n.is_missing(status) else status
    row = {"value_text": _text(value_text) or i18n.MISSING, "status_text": i18n.status_label(code, lang),
           "target_text": f"{_t('chart.target', lang)}: {target_text}" if _text(target_text) else "",
           "capaian": i18n.format_value(pct, "persen", lang, decimals=1)}
    tip = [alt.Tooltip(f"{field}:N", title=_t(f"chart.{key}", lang)) for field, key in
           (("value_text", "nilai"), ("target_text", "target"), ("capaian", "capaian"), ("status_text", "status"))]
    base = alt.Chart(pd.DataFrame([row])).encode(tooltip=tip)
    # Angles run clockwise from north and theta must be >= 0: the upper half runs from 1.5π to 2.5π.
    cx, cy, start = width / 2, 100, 1.5 * math.pi
    radius = min(92, width / 2 - 4)  # narrow columns (5 cards at 1366 px) get a smaller gauge, never a clipped one
    arc = {"x": cx, "y": cy, "radius": radius, "radius2": radius * 0.72, "theta": start}
    layers = [base.mark_arc(**arc, theta2=start + math.pi, color=TRACK if code else st.status_color(None))]
    if code:
        end = start + math.pi * st.clip_pct(pct) / 100
        layers.append(base.mark_arc(**arc, theta2=end, color=st.status_color(code)))
    big = 28 if len(row["value_text"]) <= 6 else 22 if len(row["value_text"]) <= 9 else 17  # stay inside the arc
    for field, dy, size, weight in (("value_text", -20, big, "bold"), ("status_text", 14, 15, 600),
                                    ("target_text", 36, 13, "normal")):
        colour = MUTED if field == "target_text" else INK
        layers.append(base.mark_text(x=cx, y=cy + dy, fontSize=size, fontWeight=weight, color=colour)
                      .encode(text=f"{field}:N"))
    title = alt.TitleParams(label, anchor="middle", fontSize=16)
    return alt.layer(*layers).properties(width=width, height=cy + 46, title=title)


def gauge_grid(df: pd.DataFrame, columns: int = 3, *, lang: str = "id", width: int = 220) -> alt.ConcatChart:
    """Small multiples of gauge(), one per row of df, `columns` to a line."""
    if not _has_rows(df, GAUGE_COLUMNS, "gauge_grid"):
        return empty_chart(lang)
    charts = [gauge(r["achievement_pct"], r["status"], label=str(r["label"]), value_text=r["value_text"],
                    target_text=r["target_text"], lang=lang, width=width) for r in df.to_dict("records")]
    return alt.concat(*charts, columns=columns, spacing=20)


def status_matrix(df: pd.DataFrame, *, lang: str = "id") -> alt.LayerChart:
    """Kabupaten × isu grid coloured by status; each cell shows value_text (or a dash), the status in the tooltip.

    Cells carry only the value so the grid stays readable at 1366 px; colour, tooltip and the page's status
    legend carry the status. A value without a status has no target to be judged against ("tanpa target").
    """
    if not _has_rows(df, MATRIX_COLUMNS, "status_matrix"):
        return empty_chart(lang)
    d = df.assign(_status=_status_labels(df["status"], lang))
    shown = d["value_text"] if "value_text" in d.columns else [None] * len(d)
    no_target = [bool(_text(v)) and i18n.is_missing(c) for v, c in zip(shown, d["status"])]
    d["_status"] = d["_status"].where(~pd.Series(no_target, index=d.index), _t("chart.tanpa_target", lang))
    d["_ink"] = [INK if nt else _ink(st.status_color(None if i18n.is_missing(c) else c))
                 for nt, c in zip(no_target, d["status"])]
    d["_teks"] = [v if _text(v) else i18n.MISSING for v in shown]
    d["_keterangan"] = d["_status"]
    axis = {"title": None, "domain": False, "ticks": False, "labelLimit": 220, "labelPadding": 8}
    base = alt.Chart(d).encode(
        # Isu names sit under the grid: wrapped over two lines they grow away from the cells, never into them.
        x=alt.X("isu_nama:N", sort=list(dict.fromkeys(d["isu_nama"])),
                axis=alt.Axis(orient="bottom", labelAngle=0, labelExpr="split(datum.label, ' ')", **axis)),
        y=alt.Y("wilayah_nama:N", sort=list(dict.fromkeys(d["wilayah_nama"])), axis=alt.Axis(**axis)),
        tooltip=[alt.Tooltip("wilayah_nama:N", title=_t("chart.wilayah", lang)),
                 alt.Tooltip("isu_nama:N", title=_t("chart.isu", lang)),
                 alt.Tooltip("_teks:N", title=_t("chart.nilai", lang)),
                 alt.Tooltip("_keterangan:N", title=_t("chart.status", lang))])
    rect = base.mark_rect(stroke="white", strokeWidth=3).encode(color=_status_color("_status:N", lang, legend=False))
    text = base.mark_text(fontSize=13, fontWeight=600).encode(text="_teks:N", color=alt.Color("_ink:N", scale=None))
    return alt.layer(rect, text).properties(width="container", height=alt.Step(46))
