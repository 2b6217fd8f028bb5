"""Altair builders of an indicator's values: trend, ranking, sparkline (status-coloured charts: lib.charts.gauges).
Importing lib.charts.theme, as this module does, registers and enables the monitor41 theme and locale."""
from __future__ import annotations

import math
from typing import Iterable

import altair as alt
import pandas as pd

from lib.charts.common import ChartInputError, _has_rows, empty_chart
from lib.charts.gauges import _status_color, _status_labels
from lib.charts.theme import BAND_COLOR, INK, MUTED, OTHER_WILAYAH_COLOR, PALETTE, TARGET_COLOR, WILAYAH_COLORS
from lib.judge import status as st
from lib.text import i18n

SOLID, SIM_DASH, TARGET_DASH = [1, 0], [6, 4], [8, 4]
# Emphasised (the province and the chosen kabupaten) against quiet (the rest, for context): line width, point
# size and opacity. Quiet lines keep their wilayah's hue, faded, so the legend still names them.
LOUD = {"_w": 3.2, "_o": 1.0, "_size": 80}
QUIET = {"_w": 1.4, "_o": 0.35, "_size": 22}
STYLE_COLUMNS = tuple(LOUD)
MIN_TREND_HEIGHT = 300  # an isu trend is never shorter: 7 lines, targets and labels need the room
MAX_END_LABELS = 4  # more emphasised lines than this are named by the legend alone
END_LABEL_FONT, END_LABEL_GAP_PX, END_LABEL_LIMIT, END_LABEL_DX = 13, 16, 120, 9
# Width of one character of an end label, generous (Source Sans semibold at 13 px averages ~6 px; a fallback
# face is wider): the right margin is reserved in pixels from it, so a label never runs past the chart's edge.
END_LABEL_CHAR_PX = 7.5
TREND_COLUMNS = ("wilayah_nama", "tanggal", "periode_label", "nilai", "jenis", "sumber")
TARGET_COLUMNS = ("tanggal_mulai", "tanggal_akhir", "nilai")  # nilai_atas optional: set → band


def _series_points(values: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Copy of values with parsed dates, labelled jenis and a simulasi flag; rows without a value dropped."""
    d = values.copy()
    d["tanggal"], d["nilai"] = pd.to_datetime(d["tanggal"]), pd.to_numeric(d["nilai"], errors="coerce")
    d = d.dropna(subset=["tanggal", "nilai"])
    # Only exactly resmi/simulasi: a mislabelled simulated value must never be drawn as official.
    codes = d["jenis"].astype("string").str.strip().str.lower()
    bad = sorted(set(codes[~codes.isin(["resmi", "simulasi"])].fillna("<kosong>")))
    if bad:
        raise ChartInputError(f"jenis {', '.join(bad)} tidak dikenal; yang sah: resmi, simulasi.")
    d["simulasi"] = codes.eq("simulasi").astype(bool)
    d["jenis_label"] = codes.map({c: i18n.t(f"jenis.{c}", lang) for c in ("resmi", "simulasi")})
    return d.sort_values(["wilayah_nama", "tanggal"], kind="stable").reset_index(drop=True)


def _segments(points: pd.DataFrame, max_gap_days: float | None = None,
              breaks: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per consecutive pair within a wilayah, labelled simulated when either end is.

    Pairs further apart than max_gap_days are not joined: a missing period shows as a gap, not a line.
    Pairs that straddle a series break of their wilayah (breaks: wilayah_nama, tanggal = first day of the
    new series) are not joined either: two bases are never one line.
    """
    nxt = points.groupby("wilayah_nama", sort=False)[["tanggal", "nilai", "jenis_label", "simulasi"]].shift(-1)
    keep = ["wilayah_nama", "tanggal", "nilai", "jenis_label", *(c for c in STYLE_COLUMNS if c in points)]
    seg = points[keep].assign(tanggal2=nxt["tanggal"], nilai2=nxt["nilai"])
    seg["jenis_label"] = seg["jenis_label"].where(~nxt["simulasi"].eq(True), nxt["jenis_label"])
    seg = seg.dropna(subset=["tanggal2", "nilai2"])
    if max_gap_days is not None:
        seg = seg[(seg["tanggal2"] - seg["tanggal"]).dt.days <= max_gap_days]
    if breaks is not None and len(breaks):
        starts = pd.to_datetime(breaks["tanggal"])
        crosses = [((breaks["wilayah_nama"] == w) & (starts > a) & (starts <= b)).any()
                   for w, a, b in zip(seg["wilayah_nama"], seg["tanggal"], seg["tanggal2"])]
        seg = seg[[not c for c in crosses]]
    return seg


def _series_layers(points: pd.DataFrame, x, y, color, tooltip, lang: str, legend: bool = True,
                   max_gap_days: float | None = None, breaks: pd.DataFrame | None = None) -> list:
    """Segments (dashed into simulated points), filled official points, hollow simulated points."""
    dashes = {i18n.t("jenis.resmi", lang): SOLID, i18n.t("jenis.simulasi", lang): SIM_DASH}
    shown = [label for label in dashes if label in set(points["jenis_label"])]
    dash = alt.StrokeDash("jenis_label:N", scale=alt.Scale(domain=shown, range=[dashes[k] for k in shown]),
                          legend=alt.Legend(title=i18n.t("chart.jenis", lang), symbolStrokeWidth=3, orient="top")
                          if legend else None)
    styled = all(c in points for c in STYLE_COLUMNS)  # emphasis: width, opacity and size per row, as drawn
    line_style = {"strokeWidth": alt.StrokeWidth("_w:Q", scale=None, legend=None),
                  "opacity": alt.Opacity("_o:Q", scale=None, legend=None)} if styled else {}
    layers = [alt.Chart(_segments(points, max_gap_days, breaks)).mark_rule(strokeWidth=2.5).encode(
        x=x, x2="tanggal2:T", y=y, y2="nilai2:Q", color=color, strokeDash=dash, **line_style)]
    for simulated, mark in ((False, {"filled": True, "size": 80}),
                            (True, {"filled": False, "fill": "white", "size": 90, "strokeWidth": 2.5})):
        part = points[points["simulasi"] == simulated]
        if len(part):
            point_style = {"size": alt.Size("_size:Q", scale=None, legend=None),
                           "opacity": alt.Opacity("_o:Q", scale=None, legend=None)} if styled else {}
            layers.append(alt.Chart(part).mark_point(**mark).encode(x=x, y=y, color=color, tooltip=tooltip,
                                                                    **point_style))
    return layers


def wilayah_color_scale(points: pd.DataFrame) -> alt.Scale:
    """Each wilayah's fixed colour (lib.charts.theme.WILAYAH_COLORS, by code), whatever else is drawn: the
    domain is the names shown, the range their colours. Without a `wilayah` column the palette's order."""
    names = list(dict.fromkeys(points["wilayah_nama"]))
    if "wilayah" not in points:
        return alt.Scale(domain=names, range=[PALETTE[i % len(PALETTE)] for i in range(len(names))])
    code_of = dict(zip(points["wilayah_nama"], points["wilayah"]))
    return alt.Scale(domain=names, range=[WILAYAH_COLORS.get(code_of[n], OTHER_WILAYAH_COLOR) for n in names])


def _emphasise(points: pd.DataFrame, emphasis: Iterable[str] | None) -> pd.DataFrame:
    """points with the style columns: loud for the wilayah codes in emphasis (every wilayah when None or when
    the frame has no `wilayah` column), quiet for the rest; quiet rows first, so loud lines are drawn on top."""
    loud = (points["wilayah"].isin(list(emphasis)) if emphasis is not None and "wilayah" in points
            else pd.Series(True, index=points.index))
    styled = points.assign(_loud=loud, **{c: loud.map({True: LOUD[c], False: QUIET[c]}) for c in STYLE_COLUMNS})
    return styled.sort_values(["_loud", "wilayah_nama", "tanggal"], kind="stable").reset_index(drop=True)


def dodge(positions: Iterable[float], gap: float, low: float | None = None, high: float | None = None) -> list[float]:
    """Label positions moved apart as little as needed so no two are closer than gap, in the input order; kept
    within [low, high] where that range has room for them."""
    values = [float(v) for v in positions]
    order = sorted(range(len(values)), key=values.__getitem__)
    placed: list[float] = []
    for i in order:  # upwards: each at least gap above the one below
        placed.append(values[i] if not placed else max(values[i], placed[-1] + gap))
    if high is not None and placed and placed[-1] > high:  # then down from the top, if it ran over
        placed[-1] = high
        for k in range(len(placed) - 2, -1, -1):
            placed[k] = min(placed[k], placed[k + 1] - gap)
    if low is not None and placed and placed[0] < low and (high is None or high - low >= gap * (len(placed) - 1)):
        shift = low - placed[0]
        placed = [p + shift for p in placed]
    result = [0.0] * len(values)
    for rank, i in enumerate(order):
        result[i] = placed[rank]
    return result


def _y_extent(points: pd.DataFrame, goals: pd.DataFrame) -> tuple[float, float]:
    """Lowest and highest value the y axis shows (values and targets)."""
    shown = pd.concat([points["nilai"], goals["nilai"], goals["nilai_atas"]]).dropna()
    return float(shown.min()), float(shown.max())


def _label_gap(points: pd.DataFrame, goals: pd.DataFrame, height: int) -> float:
    """One label line (END_LABEL_GAP_PX) in y units, for a plot height px tall."""
    low, high = _y_extent(points, goals)
    return (high - low or abs(high) or 1.0) * END_LABEL_GAP_PX / max(height, 1)


def _end_label_layers(points: pd.DataFrame, goals: pd.DataFrame, x_axis: alt.Axis, color, height: int) -> list:
    """The name of each emphasised line at its latest point, moved apart vertically so no two overlap, in a
    right margin of as many pixels as the longest name needs (the time scale ends that far before the plot's
    width, at every chart width: a margin in time units ran past the edge of a phone's chart); none when more
    lines are emphasised than MAX_END_LABELS (the legend names them)."""
    loud = points[points["_loud"]] if "_loud" in points else points
    ends = loud.sort_values("tanggal").groupby("wilayah_nama", sort=False).tail(1)
    if ends.empty or len(ends) > MAX_END_LABELS:
        return []
    low, high = _y_extent(points, goals)
    ends = ends.assign(label_y=dodge(ends["nilai"], _label_gap(points, goals, height), low, high))
    longest = max(len(str(name)) for name in ends["wilayah_nama"])
    room = min(END_LABEL_LIMIT, math.ceil(longest * END_LABEL_CHAR_PX))  # also the text's limit: never wider
    margin = END_LABEL_DX + room + 4
    x = alt.X("tanggal:T", axis=x_axis, scale=alt.Scale(range=[0, alt.ExprRef(f"max(width / 2, width - {margin})")]))
    text = alt.Chart(ends).mark_text(align="left", dx=END_LABEL_DX, fontSize=END_LABEL_FONT, fontWeight=600,
                                     limit=room).encode(
        x=x, y=alt.Y("label_y:Q"), text="wilayah_nama:N", color=color)
    return [text]


def _time_axis(dates: Iterable, time_format: str, max_ticks: int = 10) -> alt.Axis:
    """Ticks on the period ends themselves (thinned from the latest back), so a value dated 31 Dec 2023 is
    labelled 'Des 2023', not read off a 'Jan 2024' tick as Vega's own month-start ticks would suggest."""
    ends = sorted(set(map(pd.Timestamp, dates)))
    ends = ends[::-1][::math.ceil(len(ends) / max_ticks)][::-1]
    ticks = [alt.DateTime(year=d.year, month=d.month, date=d.day) for d in ends]
    return alt.Axis(format=time_format, title=None, labelAngle=0, values=ticks)


def _target_frame(targets: pd.DataFrame | None, lang: str) -> pd.DataFrame:
    """Copy of targets with parsed dates, nilai_atas and a text label per row ('Target'/'Rentang target')."""
    if not _has_rows(targets, TARGET_COLUMNS, "trend_chart(targets)"):
        return pd.DataFrame(columns=[*TARGET_COLUMNS, "nilai_atas", "label", "label_y"])
    d = targets.assign(nilai_atas=targets.get("nilai_atas", float("nan")))
    d = d.assign(tanggal_mulai=pd.to_datetime(d["tanggal_mulai"]), tanggal_akhir=pd.to_datetime(d["tanggal_akhir"]))
    d = d.dropna(subset=list(TARGET_COLUMNS))
    band = d["nilai_atas"].notna()
    default = [i18n.t("chart.target_band" if b else "chart.target", lang) for b in band]
    d["label"] = d["label"].fillna(pd.Series(default, index=d.index)) if "label" in d.columns else default
    d["acuan"] = d["acuan"].fillna(False).astype(bool) if "acuan" in d.columns else False
    return d.assign(label_y=d["nilai_atas"].where(band, d["nilai"]))


def _target_layers(d: pd.DataFrame, x: alt.X, y_title: str, fmt: str, lang: str, gap: float = 0.0) -> list:
    """Shaded band where nilai_atas is set (inflation 2,5 ± 1), else a dashed rule over the target period; a
    stated figure (column acuan) is a grey dotted rule. Each distinct label is written once, on its latest row."""
    band, layers, y = d["nilai_atas"].notna(), [], alt.Y("nilai:Q", title=y_title, axis=alt.Axis(format=fmt))
    reference = d["acuan"].astype(bool) if "acuan" in d.columns else pd.Series(False, index=d.index)
    if band.any():
        tip = [alt.Tooltip("nilai:Q", title=i18n.t("chart.batas_bawah", lang), format=fmt),
               alt.Tooltip("nilai_atas:Q", title=i18n.t("chart.batas_atas", lang), format=fmt),
               alt.Tooltip("label:N", title=i18n.t("chart.target", lang))]
        layers.append(alt.Chart(d[band]).mark_rect(color=BAND_COLOR, opacity=0.15)
                      .encode(x=x, x2="tanggal_akhir:T", y=y, y2="nilai_atas:Q", tooltip=tip))
    for rows, colour, dash in ((d[~band & ~reference], TARGET_COLOR, TARGET_DASH), (d[reference], MUTED, [2, 3])):
        if len(rows):
            tip = [alt.Tooltip("nilai:Q", title=i18n.t("chart.target", lang), format=fmt),
                   alt.Tooltip("label:N", title=i18n.t("chart.keterangan", lang))]
            layers.append(alt.Chart(rows).mark_rule(color=colour, strokeDash=dash, strokeWidth=2)
                          .encode(x=x, x2="tanggal_akhir:T", y=y, tooltip=tip))
    if len(d):  # one label per distinct line, on its latest period, not one per year
        # Lines at one height (the 2024 and 2025 inflation bands) get one label, the latest; others in the tooltip.
        labels = d.drop_duplicates("label", keep="last").drop_duplicates("label_y", keep="last")
        labels = labels.assign(label_y=dodge(labels["label_y"], gap))  # gap: one text line, in y units
        # Cut with "…" where the plot is narrower than the label (a phone): it never runs past the left edge.
        room = alt.ExprRef(f"max(40, scale('x', datum['{x.shorthand.split(':')[0]}']) - 4)")
        layers.append(alt.Chart(labels).mark_text(align="right", dx=-4, dy=-9, fontSize=12, color=TARGET_COLOR,
                                                  limit=room)
                      .encode(x=x, y=alt.Y("label_y:Q", title=y_title), text="label:N"))
    return layers


def _break_layers(breaks: pd.DataFrame | None, x_axis: alt.Axis, lang: str) -> list:
    """A labelled vertical rule where a series changes base or source (table putus_seri)."""
    if breaks is None or not len(breaks):
        return []
    # One rule and label per date: breaks of several wilayah on one day would write their labels over each other.
    d = (breaks.assign(tanggal=pd.to_datetime(breaks["tanggal"]), keterangan=breaks["keterangan"].fillna(""))
         .groupby("tanggal", as_index=False, sort=True)
         .agg(wilayah_nama=("wilayah_nama", lambda w: ", ".join(dict.fromkeys(w))),
              keterangan=("keterangan", lambda k: "; ".join(x for x in dict.fromkeys(k) if x))))
    d["label"] = [f"{i18n.t('putus_seri.label', lang)} · {w}" if w.count(",") < 2 else
                  i18n.t("putus_seri.label_banyak", lang, n=w.count(",") + 1) for w in d["wilayah_nama"]]
    # Each label runs right of its rule up to the next rule (or the plot's edge) and is cut with "…" there: two
    # labels never overlap, however close their dates.
    d["berikut"] = d["tanggal"].shift(-1)
    x = alt.X("tanggal:T", axis=x_axis)
    tip = [alt.Tooltip("wilayah_nama:N", title=i18n.t("chart.wilayah", lang)),
           alt.Tooltip("keterangan:N", title=i18n.t("putus_seri.label", lang))]
    rule = alt.Chart(d).mark_rule(color=INK, strokeDash=[2, 2], strokeWidth=1.5).encode(x=x, tooltip=tip)
    room = alt.ExprRef("max(12, (isValid(datum.berikut) ? scale('x', datum.berikut) : width)"
                       " - scale('x', datum.tanggal) - 8)")
    text = alt.Chart(d).mark_text(align="left", baseline="top", dx=3, y=2, fontSize=12, color=INK,
                                  limit=room).encode(x=x, text="label:N", tooltip=tip)
    return [rule, text]


def _relevant_targets(goals: pd.DataFrame, last: pd.Timestamp) -> pd.DataFrame:
    """Targets up to the latest value, plus the next milestone only when none covers the latest value."""
    started = goals[goals["tanggal_mulai"] <= last]
    if (started["tanggal_akhir"] >= last).any():
        return started
    return pd.concat([started, goals[goals["tanggal_mulai"] > last].head(1)])


# The wilayah legend takes as many columns as the chart's container is wide (a fixed count runs past the right
# edge of a narrow chart: a phone, or half a 1280 px page); an entry ("● Polewali Mandar") is at most ~150 px
# wide, the y axis ~70 px. The container, not the plot's `width`: with autosize fit-x the plot's width is
# settled after the legend, and a legend laid out on a stale width ran below the chart's bottom on a phone.
LEGEND_LABEL_LIMIT = 130
LEGEND_COLUMNS = alt.ExprRef("max(1, floor((containerSize()[0] - 70) / 150))")


def trend_chart(values: pd.DataFrame, targets: pd.DataFrame | None = None, *, unit_label: str, lang: str = "id",
                height: int = 320, value_format: str = ",.1f", time_format: str = "%b %Y",
                max_gap_days: float | None = None, breaks: pd.DataFrame | None = None,
                emphasis: Iterable[str] | None = None) -> alt.LayerChart:
    """Line per wilayah over time; simulated points hollow on dashed segments; target rule or band.

    Each wilayah has its fixed colour (by its code in the optional `wilayah` column: WILAYAH_COLORS). emphasis
    (wilayah codes; None: all) are drawn bold and named at their latest point (labels moved apart so they never
    overlap; the legend alone when more than MAX_END_LABELS), the rest thin and faded; breaks are marked for
    emphasised wilayah only. height is at least MIN_TREND_HEIGHT.

    Later targets are left out once one covers the latest value (the axis ends with the data); points
    further apart than max_gap_days are not joined. targets may carry `label` (scope and basis) and
    `acuan` (a stated figure, drawn grey dotted). breaks (wilayah_nama, tanggal, keterangan): no line
    crosses a break of its wilayah, and each break is a labelled vertical rule.
    """
    if not _has_rows(values, TREND_COLUMNS, "trend_chart"):
        return empty_chart(lang, height=height)
    height = max(height, MIN_TREND_HEIGHT)
    points, goals = _series_points(values, lang), _target_frame(targets, lang)
    if points.empty:
        return empty_chart(lang, height=height)
    points = _emphasise(points, emphasis)
    goals = _relevant_targets(goals, points["tanggal"].max())
    axis = _time_axis([*points["tanggal"], *goals["tanggal_akhir"]], time_format)
    y = alt.Y("nilai:Q", title=unit_label, scale=alt.Scale(zero=False), axis=alt.Axis(format=value_format))
    scale = wilayah_color_scale(points.sort_values("wilayah") if "wilayah" in points else points)
    color = alt.Color("wilayah_nama:N", title=i18n.t("chart.wilayah", lang), scale=scale,
                      legend=alt.Legend(orient="bottom", columns=LEGEND_COLUMNS, labelLimit=LEGEND_LABEL_LIMIT))
    tooltip = [alt.Tooltip("wilayah_nama:N", title=i18n.t("chart.wilayah", lang)),
               alt.Tooltip("periode_label:N", title=i18n.t("chart.periode", lang)),
               alt.Tooltip("nilai:Q", title=unit_label, format=value_format),
               alt.Tooltip("jenis_label:N", title=i18n.t("chart.jenis", lang)),
               alt.Tooltip("sumber:N", title=i18n.t("caption.sumber", lang))]
    layers = _target_layers(goals, alt.X("tanggal_mulai:T", axis=axis), unit_label, value_format, lang,
                            gap=_label_gap(points, goals, height))
    if breaks is not None and len(breaks):
        shown = pd.to_datetime(breaks["tanggal"])
        breaks = breaks[(shown > points["tanggal"].min()) & (shown <= points["tanggal"].max())]
    layers += _series_layers(points, alt.X("tanggal:T", axis=axis), y, color, tooltip, lang,
                             max_gap_days=max_gap_days, breaks=breaks)
    loud_names = set(points.loc[points["_loud"], "wilayah_nama"])
    layers += _break_layers(None if breaks is None else breaks[breaks["wilayah_nama"].isin(loud_names)], axis, lang)
    layers += _end_label_layers(points, goals, axis, alt.Color("wilayah_nama:N", scale=scale, legend=None), height)
    # fit-x: the width fits the page, the height is the plot's own (legends and axes come on top of it).
    return alt.layer(*layers).properties(width="container", height=height,
                                         autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))


def chart_caption(sources: Iterable[str] | str, latest_label: str | None, has_simulated: bool = False,
                  lang: str = "id") -> str:
    """Caption below a chart: 'Sumber: BPS; per Agustus 2023. Titik berongga = data simulasi, ...'."""
    sources = [sources] if isinstance(sources, str) else list(sources if sources is not None else [])
    names = list(dict.fromkeys(s.strip() for s in sources if isinstance(s, str) and s.strip()))
    parts = [f"{i18n.t('caption.sumber', lang)}: {'; '.join(names)}"] if names else []
    if latest_label:
        parts.append(i18n.t("caption.per_periode", lang, periode=latest_label))
    text = "; ".join(parts)
    text = text[:1].upper() + text[1:] + "." if text else ""
    return f"{text} {i18n.t('chart.caption_simulasi', lang)}".strip() if has_simulated else text


def _rank_order(d: pd.DataFrame, value: str, label: str, arah: str, target: float | None,
                upper: float | None) -> list:
    """Labels best first: lowest for turun, highest for naik, nearest the band for rentang; no data last."""
    if arah not in st.ARAH_VALUES:
        raise ChartInputError(f"arah {arah!r} tidak dikenal; yang sah: {', '.join(st.ARAH_VALUES)}.")
    v = d[value]
    if arah == st.RENTANG and target is not None:
        key = (target - v).clip(lower=0) + (v - (target if upper is None else upper)).clip(lower=0)
    else:
        key = -v if arah == st.NAIK else v
    ordered = d.assign(_key=key).sort_values(["_key", label], na_position="last", kind="stable")
    return list(dict.fromkeys(ordered[label]))


def _target_mark(target: float, upper: float | None, scale: alt.Scale, lang: str) -> alt.Chart:
    """Full-height dashed rule at the target (no x2: a rule with x2 turns horizontal), or a shaded band."""
    chart = alt.Chart(pd.DataFrame({"t": [target], "t2": [upper]})).encode(
        x=alt.X("t:Q", scale=scale), tooltip=[alt.Tooltip("t:Q", title=i18n.t("chart.target", lang))])
    if upper is None:
        return chart.mark_rule(color=TARGET_COLOR, strokeDash=TARGET_DASH, strokeWidth=2)
    return chart.mark_rect(color=BAND_COLOR, opacity=0.15).encode(x2="t2:Q")


def ranking_chart(df: pd.DataFrame, *, value_column: str, label_column: str, unit_label: str,
                  status_column: str | None = None, arah: str = "turun", target: float | None = None,
                  target_upper: float | None = None, decimals: int | None = None, lang: str = "id",
                  font_size: int = 14, fill_column: str | None = None) -> alt.LayerChart:
    """Horizontal bars best first (per arah), value at each bar end, optional target rule or band.

    fill_column (optional) holds each bar's colour as drawn (e.g. muted for a lama value; lib.present.status_text
    .status_fill); the status words still go to the tooltip.
    """
    if not _has_rows(df, [label_column, value_column, *([status_column] if status_column else [])], "ranking_chart"):
        return empty_chart(lang)
    d = df.assign(**{value_column: pd.to_numeric(df[value_column], errors="coerce")})
    if d[value_column].isna().all():
        return empty_chart(lang)
    d["_teks"] = [i18n.format_number(v, decimals, lang) for v in d[value_column]]
    d["_x"] = d[value_column].clip(lower=0).fillna(0)  # labels right of zero for negative and missing values
    ends = [d[value_column].max(), *(v for v in (target, target_upper) if v is not None)]
    scale = alt.Scale(domain=[min(0.0, d[value_column].min()), max(0.0, *ends) * 1.18 or 1.0], nice=False)
    # Axis labels grow with the value labels, so a hall-sized chart (font_size 24) is readable throughout.
    y = alt.Y(f"{label_column}:N", title=None, axis=alt.Axis(labelLimit=420, labelFontSize=max(14, font_size - 4)),
              sort=_rank_order(d, value_column, label_column, arah, target, target_upper))
    tip, color = [alt.Tooltip(f"{label_column}:N", title=i18n.t("chart.wilayah", lang)),
                  alt.Tooltip("_teks:N", title=unit_label)], alt.value(PALETTE[0])
    if status_column:
        # A bar with a value but no status has no target to be judged by: "tanpa target", not "tidak ada data".
        d["_status"] = _status_labels(d[status_column], lang).where(
            d[status_column].notna() | d[value_column].isna(), i18n.t("chart.tanpa_target", lang))
        color, tip = _status_color("_status:N", lang), [*tip, alt.Tooltip("_status:N", title=i18n.t("chart.status", lang))]
    if fill_column:
        color = alt.Color(f"{fill_column}:N", scale=None)
    base = alt.Chart(d).encode(y=y, tooltip=tip)
    x = alt.X(f"{value_column}:Q", title=unit_label, scale=scale,
              axis=alt.Axis(tickCount=5, labelFontSize=max(13, font_size - 6), titleFontSize=max(14, font_size - 6)))
    layers = [base.mark_bar(cornerRadiusEnd=3).encode(x=x, color=color),
              base.mark_text(align="left", dx=6, fontSize=font_size).encode(x=alt.X("_x:Q", scale=scale),
                                                                             text="_teks:N")]
    if target is not None:
        # A band sits behind the bars; a rule is drawn over them so it stays visible across every bar.
        layers.insert(0 if target_upper is not None else 1, _target_mark(target, target_upper, scale, lang))
    return alt.layer(*layers).properties(width="container", height=alt.Step(36))


def sparkline(values: pd.DataFrame, *, lang: str = "id", width: int = 160, height: int = 44) -> alt.LayerChart:
    """Tiny axis-less line for a scorecard row; simulated points hollow on dashed segments."""
    has_rows = _has_rows(values, ("tanggal", "nilai", "jenis"), "sparkline")
    points = _series_points(values.assign(wilayah_nama=values.get("wilayah_nama", "")), lang) if has_rows else None
    if points is None or points.empty:
        return empty_chart(lang, height=height, font_size=12).properties(width=width)
    x, y = alt.X("tanggal:T", axis=None), alt.Y("nilai:Q", axis=None, scale=alt.Scale(zero=False))
    tip = [alt.Tooltip("tanggal:T", title=i18n.t("chart.periode", lang), format="%b %Y"),
           alt.Tooltip("nilai:Q", title=i18n.t("chart.nilai", lang), format=",.1f"),
           alt.Tooltip("jenis_label:N", title=i18n.t("chart.jenis", lang))]
    layers = _series_layers(points, x, y, alt.value(PALETTE[0]), tip, lang, legend=False)
    return alt.layer(*layers).properties(width=width, height=height)
