"""What a map of wilayah shows, whatever draws it: class breaks, fills, legends, names and the land's bounds.

``choropleth`` and ``status_map`` return a ``MapPicture`` (shapes, one fill per shape, tooltip columns, name
labels, the chosen areas). Two renderers draw it:

- ``lib.maps.vega`` — a Vega-Lite spec (2D canvas, no WebGL): the screens' map, fast on a laptop without a GPU;
- ``lib.maps.pydeck_map`` — a pydeck deck over a tile basemap, used only when ``MONITOR41_BASEMAP`` is set.

Both mark every shape with its ``kode`` so a click selects a wilayah (``selected_kode`` in each module).
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from lib.judge import status
from lib.text import i18n

NO_DATA_COLOR = status.status_color(None)  # the one "tidak ada data" grey of every screen
# ColorBrewer YlOrBr, 5 classes: sequential, colour-blind safe, and none of it close to the no-data grey.
DEFAULT_COLORS = ("#FFFFD4", "#FED98E", "#FE9929", "#D95F0E", "#993404")
OUTLINE = "#5A646E"  # dark enough that the palest class still stands out on a white page
CHOSEN_OUTLINE = "#14212B"  # the kabupaten chosen in the filter: the page's ink colour, 4 px
# A band target (inflation 2,5 ± 1 %): below the band blue, in the band neutral, above it red (RdBu ends).
BAND_COLORS = ("#4393C3", "#F4F1E8", "#D6604D")
MIN_MAP_WIDTH = 200  # px: the narrowest map a page draws (Ringkasan beside its legend at 1280 × 720)
SULBAR_BOUNDS = (117.0, -3.6, 119.95, -0.8)  # lon/lat; used when a frame is empty
COORD_DECIMALS = 4  # ~11 m, far below a pixel at any zoom the pages use
NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)
HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


@dataclass(frozen=True)
class MapPicture:
    """A map's content: shapes (``kode``, ``nama``, geometry and the tooltip columns), one ``#RRGGBB`` fill
    per shape, the tooltip columns in order, whether names are drawn, and the kode of the chosen areas."""

    shapes: gpd.GeoDataFrame
    fills: tuple[str, ...]
    tooltip_columns: tuple[str, ...]
    labels: bool
    chosen: frozenset[str]


def _numbers(values: Iterable) -> np.ndarray:
    """Finite floats of values (None, NaN, pd.NA and text dropped)."""
    array = pd.to_numeric(pd.Series(list(values), dtype="object"), errors="coerce").to_numpy(dtype=float)
    return array[np.isfinite(array)]


def _nice(step: float) -> float:
    """The smallest 1, 2, 2.5 or 5 × 10^k that is >= step."""
    power = 10.0 ** math.floor(math.log10(step))
    return next(n * power for n in NICE_STEPS if n * power >= step * (1 - 1e-9))


def class_breaks(values: Iterable, n_classes: int = 5) -> list[float]:
    """Class edges [e0, …, ek] (k <= n_classes) on nice round steps; [] if no numbers, [v, v] if all equal.

    Equal intervals with a "nice" width (1, 2, 2.5 or 5 × 10^k) rather than quantiles: with only six
    kabupaten, quantiles put one or two areas in each class at odd cut points that move every period,
    while "30–35 %" reads at a glance and keeps its meaning from one period to the next. The step grows
    until the range fits in n_classes classes, and there are never more classes than distinct values.
    """
    if n_classes < 1:
        raise ValueError("Jumlah kelas minimal 1.")
    data = _numbers(values)
    if data.size == 0:
        return []
    low, high = float(data.min()), float(data.max())
    if low == high:
        return [low, high]
    step = _nice((high - low) / min(n_classes, len(np.unique(data))))
    while True:
        start = math.floor(low / step + 1e-9) * step
        count = max(1, math.ceil((high - start) / step - 1e-9))
        if count <= n_classes:
            return [round(start + i * step, 10) for i in range(count + 1)]
        step = _nice(step * 1.001)


def _pick_colors(colors: Sequence[str], n_classes: int) -> list[str]:
    """n_classes colours spread over the palette (light → dark)."""
    if n_classes <= 0:
        return []
    if n_classes == 1:
        return [colors[len(colors) // 2]]
    if n_classes > len(colors):
        raise ValueError(f"Palet hanya punya {len(colors)} warna untuk {n_classes} kelas; tambah warna.")
    return [colors[round(i)] for i in np.linspace(0, len(colors) - 1, n_classes)]


def _class_of(value: float, breaks: Sequence[float]) -> int | None:
    """Index of the class holding value; the last class includes its upper edge; None for no data."""
    if value is None or not np.isfinite(value) or len(breaks) < 2:
        return None
    return int(min(max(np.searchsorted(breaks, value, side="right") - 1, 0), len(breaks) - 2))


def _decimals(breaks: Sequence[float]) -> int:
    """Fewest decimals (max 3) that show every edge exactly."""
    return next((d for d in range(4) if all(abs(b - round(b, d)) < 1e-9 for b in breaks)), 3)


def _unit_suffix(unit_label: str) -> str:
    return "" if not unit_label else unit_label if unit_label == "%" else f" {unit_label}"


def legend_items(breaks: Sequence[float], colors: Sequence[str] = DEFAULT_COLORS, unit_label: str = "",
                 lang: str = i18n.DEFAULT_LANG) -> list[tuple[str, str]]:
    """The legend as [(label, hex)], e.g. ('30–35%', '#FFFFD4'), ending with ('Tidak ada data', grey)."""
    unit = _unit_suffix(unit_label)
    places = _decimals(breaks)
    label = lambda x: i18n.format_number(x, places, lang)  # noqa: E731 — short local formatter
    items = []
    if len(breaks) == 2 and breaks[0] == breaks[1]:
        items.append((label(breaks[0]) + unit, _pick_colors(colors, 1)[0]))
    elif len(breaks) >= 2:
        for i, color in enumerate(_pick_colors(colors, len(breaks) - 1)):
            items.append((f"{label(breaks[i])}–{label(breaks[i + 1])}{unit}", color))
    return items + [(i18n.t("caption.no_data", lang), NO_DATA_COLOR)]


def band_color(value: float, band: tuple[float, float]) -> str:
    """The diverging colour of a value against a band target; the no-data grey for NaN."""
    if value is None or not np.isfinite(value):
        return NO_DATA_COLOR
    low, high = band
    return BAND_COLORS[0] if value < low else BAND_COLORS[2] if value > high else BAND_COLORS[1]


def band_legend_items(band: tuple[float, float], unit_label: str = "", lang: str = i18n.DEFAULT_LANG
                      ) -> list[tuple[str, str]]:
    """Legend of the diverging band fill: below, inside and above the target band, then no data."""
    unit = _unit_suffix(unit_label)
    low, high = (i18n.format_number(b, None, lang) + unit for b in band)
    return [(i18n.t("peta.band_bawah", lang, batas=low), BAND_COLORS[0]),
            (i18n.t("peta.band_dalam", lang, bawah=low, atas=high), BAND_COLORS[1]),
            (i18n.t("peta.band_atas", lang, batas=high), BAND_COLORS[2]),
            (i18n.t("caption.no_data", lang), NO_DATA_COLOR)]


def _hex(color: object) -> str:
    """'#RRGGBB' upper-case; the no-data grey for None/NaN/''; ValueError for anything else."""
    if i18n.is_missing(color) or not str(color).strip():
        return NO_DATA_COLOR
    text = str(color).strip().lstrip("#")
    if len(text) != 6 or not set(text) <= HEX_DIGITS:
        raise ValueError(f"Warna '{color}' bukan kode heksadesimal #RRGGBB.")
    return "#" + text.upper()


def _picture(gdf: gpd.GeoDataFrame, fills: Iterable[str], tooltip_columns: Sequence[str], labels: bool | None,
             chosen: Iterable[str]) -> MapPicture:
    missing = [c for c in ("kode", "nama", *tooltip_columns) if c not in gdf.columns]
    if missing:
        raise KeyError(f"Kolom {', '.join(missing)} tidak ada pada data peta; "
                       f"kolom yang ada: {', '.join(map(str, gdf.columns))}.")
    # Tiles carry no shape to recognise, so they are named; on real boundaries names collide (Majene is a
    # thin strip beside Polewali Mandar), so there the tooltip names the area unless the caller asks.
    schematic = "skematis" in gdf.columns and bool(gdf["skematis"].any())
    return MapPicture(gdf.reset_index(drop=True), tuple(_hex(c) for c in fills), tuple(tooltip_columns),
                      schematic if labels is None else bool(labels), frozenset(map(str, chosen)))


def choropleth(gdf: gpd.GeoDataFrame, value_column: str, breaks: Sequence[float] | None = None,
               colors: Sequence[str] = DEFAULT_COLORS, tooltip_columns: Sequence[str] = ("label",),
               labels: bool | None = None, chosen: Iterable[str] = (),
               band: tuple[float, float] | None = None) -> MapPicture:
    """Areas filled by the class of value_column (breaks default to class_breaks), grey where NaN.

    With band (a target range), a diverging fill instead: below, inside (neutral) and above the band.
    Areas whose kode is in chosen get a thick dark outline.
    """
    values = pd.to_numeric(gdf[value_column], errors="coerce").to_numpy(dtype=float)
    if band is not None:
        return _picture(gdf, [band_color(v, band) for v in values], tooltip_columns, labels, chosen)
    breaks = class_breaks(values, len(colors)) if breaks is None else list(breaks)
    palette = _pick_colors(colors, max(len(breaks) - 1, 1))
    fills = [NO_DATA_COLOR if k is None else palette[k] for k in (_class_of(v, breaks) for v in values)]
    return _picture(gdf, fills, tooltip_columns, labels, chosen)


def status_map(gdf: gpd.GeoDataFrame, color_column: str, tooltip_columns: Sequence[str] = ("label",),
               labels: bool | None = None, chosen: Iterable[str] = ()) -> MapPicture:
    """Areas filled with the hex colour in color_column (e.g. lib.judge.status.status_color), grey where empty."""
    return _picture(gdf, gdf[color_column], tooltip_columns, labels, chosen)


def main_bounds(gdf: gpd.GeoDataFrame, share: float = 0.002) -> tuple[float, float, float, float]:
    """Bounds of the parts that make up the land: polygons smaller than `share` of the largest (far-off
    islets such as the Balabalakang islands) are left out, so the province fills its box."""
    if not len(gdf):
        return SULBAR_BOUNDS
    parts = gdf.geometry.explode(index_parts=False)
    parts = parts[~parts.is_empty]
    if parts.empty:
        return tuple(gdf.total_bounds)
    areas = shapely.area(parts.values)  # in square degrees: only compared with each other
    kept = parts[areas >= areas.max() * share] if areas.max() > 0 else parts
    return tuple(float(v) for v in kept.total_bounds)


def _separate_close_labels(data: list[dict], wide: float = 0.4, tall: float = 0.12) -> None:
    """Two names side by side (points less than `wide` degrees apart across and `tall` up and down, such as
    Majene beside Polewali Mandar) would print over each other at province zoom: the western one is drawn to
    the left of its point, the eastern one to the right."""
    for i, first in enumerate(data):
        for second in data[i + 1:]:
            (x1, y1), (x2, y2) = first["position"], second["position"]
            if abs(x1 - x2) < wide and abs(y1 - y2) < tall:
                west, east = (first, second) if x1 <= x2 else (second, first)
                west["anchor"], east["anchor"] = "end", "start"


LABEL_CHAR_PX, LABEL_LINE_PX = 7.0, 15  # a 13 px semi-bold sans name: average width of a letter, line height


def _label_box(point: dict, px_per_degree: float) -> tuple[float, float, float, float]:
    """The box (minx, miny, maxx, maxy) in degrees a name covers at px_per_degree, by its anchor."""
    lines = point["text"].split("\n")
    width = max(map(len, lines)) * LABEL_CHAR_PX / px_per_degree
    height = len(lines) * LABEL_LINE_PX / px_per_degree
    x, y = point["position"]
    left = {"middle": x - width / 2, "end": x - width, "start": x}[point["anchor"]]
    return left, y - height / 2, left + width, y + height / 2


def _drop_colliding(points: list[dict], areas: np.ndarray, px_per_degree: float) -> list[dict]:
    """The names that fit without touching another, the largest areas' first (the tooltip names the rest)."""
    kept, boxes = [], []
    for i in np.argsort(-areas, kind="stable"):
        box = _label_box(points[i], px_per_degree)
        if all(box[2] < b[0] or b[2] < box[0] or box[3] < b[1] or b[3] < box[1] for b in boxes):
            kept.append(points[i])
            boxes.append(box)
    return kept


def label_points(gdf: gpd.GeoDataFrame, px_per_degree: float | None = None) -> list[dict]:
    """A name per area at a point inside it: {'position': [lon, lat], 'text', 'anchor'} where anchor is
    'middle', or 'end'/'start' (drawn left/right of the point) for two names that would collide.
    Two-word names break after the first word so they fit a tile. With px_per_degree (the map's scale), a
    name that would overlap another is left out (the tooltip names that area): kecamatan are small."""
    points = gdf.geometry.representative_point()
    data = [{"position": [round(p.x, 4), round(p.y, 4)], "text": str(n).replace(" ", "\n", 1),
             "anchor": "middle"} for p, n in zip(points, gdf["nama"])]
    _separate_close_labels(data)
    if px_per_degree:
        minx, miny, maxx, maxy = main_bounds(gdf)  # a far islet's name would hang off the map's edge
        inside = [minx <= d["position"][0] <= maxx and miny <= d["position"][1] <= maxy for d in data]
        data = _drop_colliding([d for d, keep in zip(data, inside) if keep],
                               shapely.area(gdf.geometry.values)[inside], px_per_degree)
    return data


def px_per_degree(gdf: gpd.GeoDataFrame, width: int, height: int) -> float:
    """The scale at which the land (main_bounds) fits width × height pixels (near the equator a degree of
    latitude and of longitude are the same length on a Mercator map)."""
    minx, miny, maxx, maxy = main_bounds(gdf)
    # 0.8: the renderers keep a margin (padding, room west of the land for a name drawn left of its point).
    return 0.8 * min(width / max(maxx - minx, 1e-6), height / max(maxy - miny, 1e-6))


def rounded_geometries(gdf: gpd.GeoDataFrame) -> np.ndarray:
    """The shapes with coordinates rounded to COORD_DECIMALS (~11 m): a third of the bytes, same picture."""
    return shapely.transform(gdf.geometry.values, lambda xy: np.round(xy, COORD_DECIMALS))
