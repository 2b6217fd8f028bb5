"""Satgas actions as event markers on a trend chart: a quiet dotted rule at each action's period end with a
diamond ◆ on the time axis, hover for title, wilayah, amount and source. Pure Altair (a builder returns a chart; pages render it).

The head is a diamond, never a triangle: ▲/▼ mean only a value's direction (up/down) everywhere in the app.
Vega-Lite draws the diamond as a path (shape "diamond"), so no font is needed for it."""
from __future__ import annotations

import altair as alt
import pandas as pd

from lib.access import privacy
from lib.charts import values as charts
from lib.charts.theme import MUTED
from lib.text import i18n

MARKER_COLOR = "#5B4B8A"  # violet: apart from the status colours and the wilayah palette's first hues
MARKER_SHAPE = "diamond"  # ◆ in the legend text (lib/text/strings/tindakan.toml): not an arrow


def with_action_markers(chart: alt.TopLevelMixin, actions: pd.DataFrame, start, end, lang: str = "id"):
    """The chart with a rule per action dated within [start, end]; the chart unchanged when there is none."""
    if actions is None or actions.empty:
        return chart
    dates = pd.to_datetime(actions["tanggal"])
    shown = actions[(dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end))]
    if shown.empty:
        return chart
    # A title public mode withheld (lib.access.privacy) reads as the isu's action, never as a blank.
    isu_codes = shown["isu"] if "isu" in shown else [None] * len(shown)
    titles = [title if isinstance(title, str) and title else i18n.t(
        "tindakan.publik_judul", lang, isu=i18n.t(f"isu.{isu}", lang) if isinstance(isu, str) else "").strip()
        for title, isu in zip(shown["judul"], isu_codes)]
    frame = pd.DataFrame({
        "tanggal": pd.to_datetime(shown["tanggal"]), "judul": titles, "wilayah": shown["nama_wilayah"],
        "jumlah": amount_texts(shown, lang, empty="–"),
        "sumber": shown["sumber"], "periode": shown["periode_label"]})
    label = i18n.t("tindakan.judul", lang)
    # Quiet rules, heads on the time axis: the top of the plot is where series breaks put their labels.
    rules = alt.Chart(frame).mark_rule(color=MARKER_COLOR, strokeDash=[2, 3], strokeWidth=1, opacity=0.45).encode(
        x="tanggal:T",
        tooltip=[alt.Tooltip("judul:N", title=label), alt.Tooltip("periode:N", title=i18n.t("col.periode", lang)),
                 alt.Tooltip("wilayah:N", title=i18n.t("col.wilayah", lang)),
                 alt.Tooltip("jumlah:N", title=i18n.t("col.jumlah", lang)),
                 alt.Tooltip("sumber:N", title=i18n.t("col.sumber", lang))])
    heads = alt.Chart(frame).mark_point(shape=MARKER_SHAPE, size=90, filled=True, color=MARKER_COLOR,
                                        stroke=MUTED, strokeWidth=0.5, y=alt.expr("height - 5")).encode(
        x="tanggal:T", tooltip=rules.encoding.tooltip)
    return chart + rules + heads if isinstance(chart, alt.LayerChart) else alt.layer(chart, rules, heads)


def amount_texts(actions: pd.DataFrame, lang: str, empty: str = "") -> list[str]:
    """Each action's amount with its unit ('12.897 anak (data dicek)'); '< 5 anak' where public mode hid a small
    count in a kecamatan or desa (lib.access.privacy); `empty` without an amount."""
    hidden = actions["jumlah_disamarkan"].fillna(False) if "jumlah_disamarkan" in actions else [False] * len(actions)
    shown = []
    for value, unit, small in zip(actions["jumlah"], actions["satuan"], hidden):
        number = (privacy.SUPPRESSED_TEXT if small
                  else i18n.format_number(value, lang=lang) if pd.notna(value) else None)
        shown.append(empty if number is None else number + (f" {unit}" if isinstance(unit, str) else ""))
    return shown


def trend_with_actions(values: pd.DataFrame, targets: pd.DataFrame | None = None, *,
                       actions: pd.DataFrame | None = None, lang: str = "id", **options) -> alt.TopLevelMixin:
    """lib.charts.values.trend_chart with the satgas actions dated within the series as event markers."""
    chart = charts.trend_chart(values, targets, lang=lang, **options)
    return with_action_markers(chart, actions, values["tanggal"].min(), values["tanggal"].max(), lang)
