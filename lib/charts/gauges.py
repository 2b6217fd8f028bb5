"""Status-coloured charts: semi-circular gauge, gauge grid and kabupaten × isu status matrix, plus the status
label/colour helpers lib.charts.values.ranking_chart also uses."""
from __future__ import annotations

import base64
import html
import math

import altair as alt
import pandas as pd

from lib.charts.common import ChartInputError, _has_rows, empty_chart
from lib.charts.theme import INK, MUTED, TRACK
from lib.judge import status as st
from lib.present import contrast
from lib.text import i18n

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
    domain = [i18n.status_label(c, lang) for c in codes] + [i18n.t("chart.tanpa_target", lang)]
    scale = alt.Scale(domain=domain, range=[st.status_color(c) for c in codes] + [st.NO_TARGET_COLOR])
    return alt.Color(field, title=i18n.t("chart.status", lang), scale=scale, legend=alt.Legend() if legend else None)


def ink_on(hex_colour: str) -> str:
    """Text colour readable on a fill: white on dark fills, INK on light ones (WCAG relative luminance)."""
    return "white" if contrast.is_dark(hex_colour) else INK


def _gauge_parts(achievement_pct: float | None, status: str | None, value_text: str | None,
                 target_text: str | None, lang: str, muted: bool) -> tuple[dict, str | None, float | None]:
    """The texts of a gauge (centre, status words, value · target line, tooltip fields), its status code
    (None: grey, no arc) and the clipped achievement %; one source for the Vega-Lite and the SVG gauge."""
    pct = None if i18n.is_missing(achievement_pct) else float(achievement_pct)
    code = None if pct is None or i18n.is_missing(status) else status
    value = _text(value_text) or i18n.MISSING
    row = {"capaian": i18n.format_value(st.clip_pct(pct), "persen", lang, decimals=0),
           "status_text": i18n.status_label(code, lang) + (f" · {i18n.t('usia.lama', lang)}" if muted else ""),
           "line": f"{value} · {i18n.t('chart.target', lang).lower()} {_short_target(target_text)}" if _text(target_text)
           else value, "nilai": value, "target_text": _text(target_text) or i18n.MISSING}
    return row, code, st.clip_pct(pct)


def _gauge_colour(code: str | None, muted: bool) -> str:
    return st.muted_color(st.status_color(code)) if muted else st.status_color(code)


GAUGE_TEXTS = (("capaian", -20, 28, "bold"), ("status_text", 14, 15, 600), ("line", 36, 13, "normal"))


def gauge(achievement_pct: float | None, status: str | None, *, label: str, value_text: str | None,
          target_text: str | None, lang: str = "id", width: int = 220, muted: bool = False) -> alt.LayerChart:
    """Semi-circular gauge, one meaning everywhere: the achievement % (lib.judge.status.achievement_pct, clipped
    to 0–100) in the centre, coloured by status (muted for a lama value), the status word under it, and the
    indicator's value beside its target on the line below; the target's year and basis in the tooltip."""
    row, code, share = _gauge_parts(achievement_pct, status, value_text, target_text, lang, muted)
    tip = [alt.Tooltip(f"{field}:N", title=i18n.t(f"chart.{key}", lang)) for field, key in
           (("capaian", "capaian"), ("nilai", "nilai"), ("target_text", "target"), ("status_text", "status"))]
    base = alt.Chart(pd.DataFrame([row])).encode(tooltip=tip)
    # Angles run clockwise from north and theta must be >= 0: the upper half runs from 1.5π to 2.5π.
    cx, cy, start = width / 2, 100, 1.5 * math.pi
    radius = min(92, width / 2 - 4)  # narrow columns (5 cards at 1366 px) get a smaller gauge, never a clipped one
    arc = {"x": cx, "y": cy, "radius": radius, "radius2": radius * 0.72, "theta": start}
    layers = [base.mark_arc(**arc, theta2=start + math.pi, color=TRACK if code else st.status_color(None))]
    if code:
        layers.append(base.mark_arc(**arc, theta2=start + math.pi * share / 100, color=_gauge_colour(code, muted)))
    for field, dy, size, weight in GAUGE_TEXTS:
        size = 12 if field == "line" and len(row["line"]) > 24 else size
        layers.append(base.mark_text(x=cx, y=cy + dy, fontSize=size, fontWeight=weight, limit=width - 4,
                                     color=MUTED if field == "line" else INK).encode(text=f"{field}:N"))
    title = alt.TitleParams(label, anchor="middle", fontSize=16)
    return alt.layer(*layers).properties(width=width, height=cy + 46, title=title)


def _arc_path(cx: float, cy: float, outer: float, inner: float, share: float) -> str:
    """SVG path of the upper half-annulus from the left end over `share` (0–100) of the half circle."""
    end = math.pi * (1 - share / 100)  # angle from the positive x axis, counter-clockwise (y grows downward)
    points = [(cx - outer, cy), (cx + outer * math.cos(end), cy - outer * math.sin(end)),
              (cx + inner * math.cos(end), cy - inner * math.sin(end)), (cx - inner, cy)]
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = ((round(x, 2), round(y, 2)) for x, y in points)
    return (f"M{x0} {y0}A{outer} {outer} 0 0 1 {x1} {y1}L{x2} {y2}"
            f"A{round(inner, 2)} {round(inner, 2)} 0 0 0 {x3} {y3}Z")


def gauge_svg(achievement_pct: float | None, status: str | None, *, value_text: str | None, title: str = "",
              lang: str = "id", width: int = 176, muted: bool = False) -> str:
    """A card's achievement gauge as an SVG image: the half ring runs from the baseline (left end) to the target
    (right end), filled to the achievement (clipped to 0–100) in the status colour (muted for a lama value), a
    tick where the value stands and the value itself, small, inside the ring, so the gauge shows where the
    headline number sits, never a second figure beside it. The ends and the words that say what the % is are
    HTML beside the image (lib.screens.cards); `title` is the image's tooltip and alt text.

    No Vega instance in the browser (five of them made Ringkasan's page switch several times slower), and it
    scales to its column (viewBox) instead of being shrunk by CSS zoom.
    """
    pct = None if i18n.is_missing(achievement_pct) else st.clip_pct(float(achievement_pct))
    code = None if pct is None or i18n.is_missing(status) else status
    esc = lambda text: html.escape(str(text), quote=True)  # noqa: E731
    radius = width / 2 - 4
    cx, cy, inner = width / 2, radius + 4, radius * 0.7
    parts = [f'<path d="{_arc_path(cx, cy, radius, inner, 100)}" fill="{TRACK if code else st.status_color(None)}"/>']
    if code and pct:
        parts.append(f'<path d="{_arc_path(cx, cy, radius, inner, pct)}" fill="{_gauge_colour(code, muted)}"/>')
    if code:  # the tick where the value stands, across the ring
        angle = math.pi * (1 - pct / 100)
        (x0, y0), (x1, y1) = ((round(cx + r * math.cos(angle), 2), round(cy - r * math.sin(angle), 2))
                              for r in (inner - 5, radius + 3))
        parts.append(f'<line x1="{x0}" y1="{y0}" x2="{x1}" y2="{y1}" stroke="{INK}" stroke-width="3"/>')
    value = _text(value_text) or i18n.MISSING
    size = 18 if len(value) <= 8 else 14
    parts.append(f'<text x="{cx}" y="{cy - 4}" text-anchor="middle" font-size="{size}" font-weight="600" '
                 f'fill="{INK}">{esc(value)}</text>')
    height = round(cy + 2)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 -2 {width} {height + 2}" '
           f'font-family="\'Source Sans Pro\', \'Source Sans 3\', Arial, sans-serif">{"".join(parts)}</svg>')
    # An <img> of the SVG: st.html strips inline <svg>; the words become the image's title.
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return (f'<img class="m41-gauge" src="data:image/svg+xml;base64,{data}" width="{width}" height="{height}" '
            f'alt="{esc(title)}" title="{esc(title)}">')


def _short_target(text: str | None) -> str:
    """'Target provinsi 28,49% (2022) · BKKBN …' → '28,49% (2022)': the value and year fit under a gauge."""
    head = (text or "").split(" · ")[0]
    words = head.split(" ")
    first_number = next((i for i, w in enumerate(words) if w[:1].isdigit()), 0)
    return " ".join(words[first_number:])


def progress_words(achievement_pct: float | None, lang: str = "id") -> str:
    """What an achievement % means, in words: 'Capaian 22% dari jalan menuju target', '… target tercapai'."""
    if i18n.is_missing(achievement_pct):
        return i18n.t("kartu.capaian_tanpa_awal", lang)
    if achievement_pct >= 100:
        return i18n.t("kartu.capaian_penuh", lang)
    if achievement_pct < 0:
        return i18n.t("kartu.capaian_mundur", lang)
    return i18n.t("kartu.capaian_jalan", lang, pct=i18n.format_value(achievement_pct, "persen", lang, decimals=0))


def gauge_grid_html(df: pd.DataFrame, *, lang: str = "id") -> str:
    """gauge_grid() as HTML: one block per row (label, the card gauge image, the words saying what its % is,
    the target), in a grid that puts as many side by side as fit and stacks them on a phone."""
    if not _has_rows(df, GAUGE_COLUMNS, "gauge_grid_html"):
        return ""
    esc = lambda text: html.escape("" if text is None else str(text))  # noqa: E731
    blocks = []
    for r in df.to_dict("records"):
        words = progress_words(r["achievement_pct"], lang)
        target = _text(r["target_text"])
        muted = bool(r.get("muted", False))
        word = i18n.status_label(None if i18n.is_missing(r["status"]) else r["status"], lang)
        word += f" · {i18n.t('usia.lama', lang)}" if muted else ""
        blocks.append(
            f'<div class="m41-gaugecell"><div class="m41-gaugelabel">{esc(r["label"])}</div>'
            + gauge_svg(r["achievement_pct"], r["status"], value_text=r["value_text"], lang=lang,
                        muted=muted, title=f"{words}. {target or ''}".strip(" ."))
            + f'<div class="m41-gauge-words">{esc(word)}: {esc(words[:1].lower() + words[1:])}</div>'
            + (f'<div class="m41-gaugetarget">{esc(target)}</div>' if target else "") + "</div>")
    return f'<div class="m41-gauges">{"".join(blocks)}</div>'


def gauge_grid(df: pd.DataFrame, columns: int = 3, *, lang: str = "id", width: int = 220) -> alt.ConcatChart:
    """Small multiples of gauge(), one per row of df, `columns` to a line (optional column `muted`)."""
    if not _has_rows(df, GAUGE_COLUMNS, "gauge_grid"):
        return empty_chart(lang)
    charts = [gauge(r["achievement_pct"], r["status"], label=str(r["label"]), value_text=r["value_text"],
                    target_text=r["target_text"], lang=lang, width=width, muted=bool(r.get("muted", False)))
              for r in df.to_dict("records")]
    return alt.concat(*charts, columns=columns, spacing=20)


def status_matrix(df: pd.DataFrame, *, lang: str = "id") -> alt.LayerChart:
    """Kabupaten × isu grid coloured by status; each cell shows value_text (or a dash).

    Optional columns: `fill` (the colour to draw, e.g. muted for a lama value; default the status colour),
    `keterangan` (status words with age), `target_text` (target with year and basis), `periode_text`,
    `change_text`, `pemilik` (the cell's owner OPDs) — all shown in the tooltip. A value without a status has
    no target ("tanpa target resmi").
    """
    if not _has_rows(df, MATRIX_COLUMNS, "status_matrix"):
        return empty_chart(lang)
    d = df.assign(_status=_status_labels(df["status"], lang))
    shown = d["value_text"] if "value_text" in d.columns else [None] * len(d)
    no_target = [bool(_text(v)) and i18n.is_missing(c) for v, c in zip(shown, d["status"])]
    d["_status"] = d["_status"].where(~pd.Series(no_target, index=d.index), i18n.t("chart.tanpa_target", lang))
    if "fill" not in d.columns:
        d["fill"] = [st.NO_TARGET_COLOR if nt else st.status_color(None if i18n.is_missing(c) else c)
                     for nt, c in zip(no_target, d["status"])]
    d["_ink"] = [ink_on(f) for f in d["fill"]]
    d["_teks"] = [v if _text(v) else i18n.MISSING for v in shown]
    for column, default in (("keterangan", d["_status"]), ("target_text", i18n.MISSING),
                            ("periode_text", i18n.MISSING), ("change_text", i18n.MISSING),
                            ("pemilik", i18n.MISSING)):
        if column not in d.columns:
            d[column] = default
    axis = {"title": None, "domain": False, "ticks": False, "labelLimit": 220, "labelPadding": 8}
    base = alt.Chart(d).encode(
        # Isu names sit under the grid: wrapped over two lines they grow away from the cells, never into them.
        x=alt.X("isu_nama:N", sort=list(dict.fromkeys(d["isu_nama"])),
                axis=alt.Axis(orient="bottom", labelAngle=0, labelExpr="split(datum.label, ' ')", **axis)),
        y=alt.Y("wilayah_nama:N", sort=list(dict.fromkeys(d["wilayah_nama"])), axis=alt.Axis(**axis)),
        tooltip=[alt.Tooltip("wilayah_nama:N", title=i18n.t("chart.wilayah", lang)),
                 alt.Tooltip("isu_nama:N", title=i18n.t("chart.isu", lang)),
                 alt.Tooltip("_teks:N", title=i18n.t("chart.nilai", lang)),
                 alt.Tooltip("periode_text:N", title=i18n.t("chart.periode", lang)),
                 alt.Tooltip("keterangan:N", title=i18n.t("chart.status", lang)),
                 alt.Tooltip("target_text:N", title=i18n.t("chart.target", lang)),
                 alt.Tooltip("change_text:N", title=i18n.t("col.perubahan", lang)),
                 alt.Tooltip("pemilik:N", title=i18n.t("chart.pemilik", lang))])
    rect = base.mark_rect(stroke="white", strokeWidth=3).encode(color=alt.Color("fill:N", scale=None))
    text = base.mark_text(fontSize=13, fontWeight=600, lineBreak="\n").encode(text="_teks:N", color=alt.Color("_ink:N", scale=None))
    # 64 px rows: value, period, "target provinsi" and "lama" (up to three lines of 13 px) stay inside each cell.
    return alt.layer(rect, text).properties(width="container", height=alt.Step(64))
