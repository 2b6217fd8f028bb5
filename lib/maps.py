"""pydeck map builders: choropleth and status maps of wilayah, class breaks and legend data.

Builders return a ``pydeck.Deck``; pages render it. No basemap by default, so maps work offline.

Reading a click on a page (Streamlit 1.67, ``st.pydeck_chart``)::

    event = st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key="ringkasan_peta")
    kode = maps.selected_kode(event)  # e.g. "76.05", or None when nothing is selected

The returned state is ``{"selection": {"indices": {layer_id: [i]}, "objects": {layer_id: [feature]}}}``;
every layer has an ``id`` (Streamlit requires it for selections) and each feature carries ``kode`` in its
``properties``. Pass st.pydeck_chart the same ``height`` as the builder (default 500 px): the initial view
fits the data into a map of that height and at least ``width`` px wide (default MIN_MAP_WIDTH). Tooltip texts are inserted as given;
Streamlit HTML-escapes them, so callers pass plain preformatted text (e.g. "Majene: 40,6% (2022, SSGI 2022)").
"""
from __future__ import annotations

import html
import json
import math
from collections.abc import Iterable, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import pydeck as pdk
import shapely
from pydeck.bindings.json_tools import default_serialize

from lib import i18n

LAYER_ID = "wilayah"
LABEL_LAYER_ID = "wilayah-nama"
NO_DATA_COLOR = "#9E9E9E"  # same grey as lib.status for "tidak ada data"
# ColorBrewer YlOrBr, 5 classes: sequential, colour-blind safe, and none of it close to the no-data grey.
DEFAULT_COLORS = ("#FFFFD4", "#FED98E", "#FE9929", "#D95F0E", "#993404")
OUTLINE = [90, 100, 110, 200]  # dark enough that the palest class still stands out on a white page
CHOSEN_OUTLINE = [20, 33, 43, 255]  # the kabupaten chosen in the filter: the page's ink colour, 4 px
# A band target (inflation 2,5 ± 1 %): below the band blue, in the band neutral, above it red (RdBu ends).
BAND_COLORS = ("#4393C3", "#F4F1E8", "#D6604D")
HOVER_TINT = [255, 255, 255, 90]  # lightens the hovered area; deck.gl's default navy reads as another class
SULBAR_BOUNDS = (117.0, -3.6, 119.95, -0.8)  # lon/lat; used when a frame is empty
COORD_DECIMALS = 4  # ~11 m, far below a pixel at any zoom the pages use
NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)
TOOLTIP_STYLE = {"backgroundColor": "#FFFFFF", "color": "#212121", "fontSize": "14px", "padding": "6px 8px",
                 "border": "1px solid #BDBDBD", "borderRadius": "4px"}


class _CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation: pydeck indents by 2, which triples the bytes of coordinates."""

    def to_json(self) -> str:
        """The deck spec as compact JSON (same content as pydeck's)."""
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


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


def legend_items(breaks: Sequence[float], colors: Sequence[str] = DEFAULT_COLORS, unit_label: str = "",
                 lang: str = i18n.DEFAULT_LANG) -> list[tuple[str, str]]:
    """The legend as [(label, hex)], e.g. ('30–35%', '#FFFFD4'), ending with ('Tidak ada data', grey)."""
    unit = "" if not unit_label else unit_label if unit_label == "%" else f" {unit_label}"
    places = _decimals(breaks)
    label = lambda x: i18n.format_number(x, places, lang)  # noqa: E731 — short local formatter
    items = []
    if len(breaks) == 2 and breaks[0] == breaks[1]:
        items.append((label(breaks[0]) + unit, _pick_colors(colors, 1)[0]))
    elif len(breaks) >= 2:
        for i, color in enumerate(_pick_colors(colors, len(breaks) - 1)):
            items.append((f"{label(breaks[i])}–{label(breaks[i + 1])}{unit}", color))
    return items + [(i18n.t("no_data", lang), NO_DATA_COLOR)]


def _rgba(hex_color: object) -> list[int]:
    """[r, g, b, 255] from '#RRGGBB'; the no-data grey for None/NaN/''."""
    if i18n.is_missing(hex_color) or not str(hex_color).strip():
        hex_color = NO_DATA_COLOR
    text = str(hex_color).strip().lstrip("#")
    if len(text) != 6 or any(c not in "0123456789abcdefABCDEF" for c in text):
        raise ValueError(f"Warna '{hex_color}' bukan kode heksadesimal #RRGGBB.")
    return [int(text[i:i + 2], 16) for i in (0, 2, 4)] + [255]


# Narrowest map the pages draw: Ringkasan's map beside its legend at 1280 × 720 with the sidebar open.
MIN_MAP_WIDTH = 200
WEST_LABEL_MARGIN = 36  # px: most of a short name ("Majene") drawn west of a point on the west coast


def fit_view(bounds: Sequence[float], height: int = 500, width: int = MIN_MAP_WIDTH,
             padding: int = 24, side_padding: int = 16, west_margin: int = 0) -> pdk.ViewState:
    """A view centred on bounds (minx, miny, maxx, maxy) and zoomed so they fit width × height pixels
    (padding above and below, side_padding left and right: the legend column beside the map is the margin),
    with west_margin more pixels on the left (for a name drawn west of its area's point)."""
    minx, miny, maxx, maxy = bounds
    merc = lambda lat: math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))  # noqa: E731
    span_x = max(maxx - minx, 1e-6) / 360 * 512  # deck.gl: the world is 512 px wide at zoom 0
    span_y = max(merc(maxy) - merc(miny), 1e-6) / (2 * math.pi) * 512
    zoom = math.floor(math.log2(min((width - 2 * side_padding - west_margin) / span_x,
                                    (height - 2 * padding) / span_y)) * 100) / 100
    centre_lat = math.degrees(2 * math.atan(math.exp((merc(miny) + merc(maxy)) / 2)) - math.pi / 2)
    centre_lon = (minx + maxx) / 2 - west_margin / 2 / (512 * 2 ** zoom) * 360
    return pdk.ViewState(longitude=round(centre_lon, 5), latitude=round(centre_lat, 5),
                         zoom=zoom, min_zoom=4, max_zoom=13, pitch=0, bearing=0)


def _features(gdf: gpd.GeoDataFrame, fills: list[list[int]], tooltip_columns: Sequence[str]) -> dict:
    """A FeatureCollection with rounded coordinates and properties kode, nama, fill_rgba and tooltip texts."""
    missing = [c for c in ("kode", *tooltip_columns) if c not in gdf.columns]
    if missing:
        raise KeyError(f"Kolom {', '.join(missing)} tidak ada pada data peta; "
                       f"kolom yang ada: {', '.join(map(str, gdf.columns))}.")
    geoms = shapely.transform(gdf.geometry.values, lambda xy: np.round(xy, COORD_DECIMALS))
    features = []
    for i, (geom, fill) in enumerate(zip(geoms, fills)):
        row = gdf.iloc[i]
        # Tooltips are HTML templates: every text in them is escaped (a source may be uploaded text).
        props = {"kode": str(row["kode"]), "nama": html.escape(str(row.get("nama", ""))), "fill_rgba": fill}
        props.update({c: i18n.MISSING if i18n.is_missing(row[c]) else html.escape(str(row[c]))
                      for c in tooltip_columns})
        features.append({"type": "Feature", "geometry": geom.__geo_interface__, "properties": props})
    return {"type": "FeatureCollection", "features": features}


def _separate_close_labels(data: list[dict], wide: float = 0.4, tall: float = 0.12) -> None:
    """Two names side by side (points less than `wide` degrees apart across and `tall` up and down, such as
    Majene beside Polewali Mandar) would print over each other at province zoom: the western one is drawn to
    the left of its point, the eastern one to the right."""
    for i, first in enumerate(data):
        for second in data[i + 1:]:
            (x1, y1), (x2, y2) = first["position"], second["position"]
            if abs(x1 - x2) < wide and abs(y1 - y2) < tall:
                west, east = (first, second) if x1 <= x2 else (second, first)
                west.update(anchor="end", offset=[-4, 0])
                east.update(anchor="start", offset=[4, 0])


def _label_layer(gdf: gpd.GeoDataFrame) -> pdk.Layer:
    """Names at a point inside each area; two-word names wrap so they fit a tile."""
    points = gdf.geometry.representative_point()
    data = [{"position": [round(p.x, 4), round(p.y, 4)], "text": str(n).replace(" ", "\n", 1),
             "anchor": "middle", "offset": [0, 0]} for p, n in zip(points, gdf["nama"])]
    _separate_close_labels(data)
    return pdk.Layer("TextLayer", data, id=LABEL_LAYER_ID, pickable=False, get_position="position",
                     get_text_anchor="anchor", get_pixel_offset="offset",
                     get_text="text", get_size=13, get_color=[33, 33, 33, 255], background=True,
                     get_background_color=[255, 255, 255, 210], background_padding=[3, 1],
                     font_family="'sans-serif'", line_height=1.1)


def main_bounds(gdf: gpd.GeoDataFrame, share: float = 0.002) -> tuple[float, float, float, float]:
    """Bounds of the parts that make up the land: polygons smaller than `share` of the largest (far-off
    islets such as the Balabalakang islands) are left out, so the province fills its box."""
    if not len(gdf):
        return SULBAR_BOUNDS
    parts = gdf.geometry.explode(index_parts=False)
    parts = parts[~parts.is_empty]
    if parts.empty:
        return tuple(gdf.total_bounds)
    areas = parts.area.to_numpy()
    kept = parts[areas >= areas.max() * share] if areas.max() > 0 else parts
    return tuple(float(v) for v in kept.total_bounds)


def _with_outline(features: dict, chosen: Iterable[str]) -> dict:
    """Mark the chosen areas: a dark, thick outline (the others keep the thin grey one)."""
    chosen = set(chosen)
    for feature in features["features"]:
        picked = feature["properties"]["kode"] in chosen
        feature["properties"]["line_rgba"] = CHOSEN_OUTLINE if picked else OUTLINE
        feature["properties"]["line_px"] = 4 if picked else 1
    return features


def _deck(gdf: gpd.GeoDataFrame, fills: list[list[int]], tooltip_columns: Sequence[str], basemap: str | None,
          height: int, labels: bool | None, chosen: Iterable[str] = (), width: int = MIN_MAP_WIDTH) -> pdk.Deck:
    """The shared body of choropleth and status_map."""
    tooltip_columns = list(tooltip_columns)
    features = _with_outline(_features(gdf, fills, tooltip_columns), chosen)
    layer = pdk.Layer("GeoJsonLayer", features, id=LAYER_ID, pickable=True,
                      auto_highlight=True, highlight_color=HOVER_TINT, filled=True, stroked=True,
                      get_fill_color="properties.fill_rgba", get_line_color="properties.line_rgba",
                      get_line_width="properties.line_px", line_width_min_pixels=1,
                      line_width_units='"pixels"')
    schematic = "skematis" in gdf.columns and bool(gdf["skematis"].any())
    # Tiles carry no shape to recognise, so they are named; on real boundaries names collide (Majene is a
    # thin strip beside Polewali Mandar), so there the tooltip names the area unless the caller asks.
    show_labels = schematic if labels is None else labels
    # The label layer goes first so a chosen area's thick outline is never hidden under a name.
    layers = [layer, _label_layer(gdf)] if show_labels else [layer]
    bounds = main_bounds(gdf)
    # A name drawn west of its point (lib.maps._separate_close_labels) needs room left of the land.
    west = WEST_LABEL_MARGIN if show_labels and any(d["anchor"] == "end" for d in layers[1].data) else 0
    tooltip = {"html": "<br/>".join(f"{{{c}}}" for c in tooltip_columns) or "{nama}", "style": TOOLTIP_STYLE}
    provider = None if not basemap else "mapbox" if basemap.startswith("mapbox://") else "carto"
    # map_provider=None (with pydeck's default style sentinel) is what makes Streamlit draw no basemap;
    # map_style=None alone makes it fetch Carto tiles from the internet.
    style = {"map_style": basemap} if basemap else {}
    return _CompactDeck(layers=layers, initial_view_state=fit_view(bounds, height, width, west_margin=west), map_provider=provider,
                        tooltip=tooltip, height=height, **style)


def choropleth(gdf: gpd.GeoDataFrame, value_column: str, breaks: Sequence[float] | None = None,
               colors: Sequence[str] = DEFAULT_COLORS, tooltip_columns: Sequence[str] = ("label",),
               basemap: str | None = None, height: int = 500, labels: bool | None = None,
               chosen: Iterable[str] = (), band: tuple[float, float] | None = None,
               width: int = MIN_MAP_WIDTH) -> pdk.Deck:
    """Areas filled by the class of value_column (breaks default to class_breaks), grey where NaN.

    With band (a target range), a diverging fill instead: below, inside (neutral) and above the band.
    Areas whose kode is in chosen get a thick dark outline.
    """
    values = pd.to_numeric(gdf[value_column], errors="coerce").to_numpy(dtype=float)
    if band is not None:
        fills = [_rgba(band_color(v, band)) for v in values]
        return _deck(gdf, fills, tooltip_columns, basemap, height, labels, chosen, width)
    breaks = class_breaks(values, len(colors)) if breaks is None else list(breaks)
    palette = _pick_colors(colors, max(len(breaks) - 1, 1))
    fills = [_rgba(NO_DATA_COLOR if k is None else palette[k]) for k in (_class_of(v, breaks) for v in values)]
    return _deck(gdf, fills, tooltip_columns, basemap, height, labels, chosen, width)


def band_color(value: float, band: tuple[float, float]) -> str:
    """The diverging colour of a value against a band target; the no-data grey for NaN."""
    if value is None or not np.isfinite(value):
        return NO_DATA_COLOR
    low, high = band
    return BAND_COLORS[0] if value < low else BAND_COLORS[2] if value > high else BAND_COLORS[1]


def band_legend_items(band: tuple[float, float], unit_label: str = "", lang: str = i18n.DEFAULT_LANG
                      ) -> list[tuple[str, str]]:
    """Legend of the diverging band fill: below, inside and above the target band, then no data."""
    unit = "" if not unit_label else unit_label if unit_label == "%" else f" {unit_label}"
    low, high = (i18n.format_number(b, None, lang) + unit for b in band)
    return [(i18n.t("peta.band_bawah", lang, batas=low), BAND_COLORS[0]),
            (i18n.t("peta.band_dalam", lang, bawah=low, atas=high), BAND_COLORS[1]),
            (i18n.t("peta.band_atas", lang, batas=high), BAND_COLORS[2]), (i18n.t("no_data", lang), NO_DATA_COLOR)]


def status_map(gdf: gpd.GeoDataFrame, color_column: str, tooltip_columns: Sequence[str] = ("label",),
               basemap: str | None = None, height: int = 500, labels: bool | None = None,
               chosen: Iterable[str] = (), width: int = MIN_MAP_WIDTH) -> pdk.Deck:
    """Areas filled with the hex colour in color_column (e.g. lib.status.status_color), grey where empty."""
    fills = [_rgba(c) for c in gdf[color_column]]
    return _deck(gdf, fills, tooltip_columns, basemap, height, labels, chosen, width)


def selected_kode(event: object, layer_id: str = LAYER_ID) -> str | None:
    """The kode of the feature selected in st.pydeck_chart's returned state, or None."""
    try:
        objects = event["selection"]["objects"].get(layer_id) or []  # type: ignore[index]
    except (KeyError, TypeError, AttributeError):
        return None
    if not objects:
        return None
    feature = objects[0]
    kode = (feature.get("properties") or {}).get("kode", feature.get("kode"))
    return str(kode) if kode else None


def map_payload_bytes(deck: pdk.Deck) -> int:
    """Bytes of the JSON the deck sends to the browser (what st.pydeck_chart ships)."""
    return len(deck.to_json().encode("utf-8"))
