"""Vega-Lite renderer of a lib.maps.picture.MapPicture: the screens' map, drawn on a 2D canvas without WebGL.

A deck.gl map builds a WebGL context on every page switch, which a laptop without a usable GPU (and
headless Chromium) renders in software: two thirds of an isu page's time in the browser. This spec draws the
same picture — fills, thin outlines, the chosen kabupaten outlined thick, names, one tooltip per area — in
Vega, which the page already loads for its charts. Reading a click (Streamlit 1.67)::

    event = st.vega_lite_chart(spec, on_select="rerun", selection_mode=map_chart.SELECTION, key="peta")
    kode = map_chart.selected_kode(event)  # e.g. "76.05", or None when nothing is selected

Tooltips are plain text: Vega's tooltip handler escapes HTML, so texts go in unescaped.
"""
from __future__ import annotations

import json

import shapely

from lib.maps import picture as maps
from lib.text import i18n

DATASET = "wilayah"
SELECTION = "pilih"  # the click selection; Streamlit returns {"selection": {"pilih": [{"kode": …}]}}
HOVER = "sorot"
INK = "#212121"
LABEL_FONT_SIZE = 13
LABEL_DX = {"middle": 0, "end": -4, "start": 4}
LABEL_ALIGN = {"middle": "center", "end": "right", "start": "left"}
WEST_LABEL_ROOM = 0.18  # share of the land's width kept free west of it for a name drawn left of its point


def _features(picture: maps.MapPicture) -> list[dict]:
    """GeoJSON features (rounded, exterior rings clockwise as d3-geo wants) with kode, fill and tooltips."""
    shapes = picture.shapes
    geometries = shapely.orient_polygons(maps.rounded_geometries(shapes), exterior_cw=True)
    tips = {c: [i18n.MISSING if i18n.is_missing(v) else str(v) for v in shapes[c]] for c in picture.tooltip_columns}
    features = []
    for i, (kode, nama, geometry, fill) in enumerate(zip(shapes["kode"], shapes["nama"], geometries,
                                                         picture.fills)):
        props = {"kode": str(kode), "nama": str(nama), "fill": fill, "chosen": str(kode) in picture.chosen}
        props.update({c: tips[c][i] for c in picture.tooltip_columns})
        features.append({"type": "Feature", "geometry": geometry.__geo_interface__, "properties": props})
    return features


def _tooltip(columns: tuple[str, ...]) -> dict | list:
    """One column: its text alone (no "label:" title); several: one titled line each."""
    if len(columns) <= 1:
        return {"field": f"properties.{columns[0] if columns else 'nama'}", "type": "nominal"}
    return [{"field": f"properties.{c}", "type": "nominal", "title": c} for c in columns]


def _areas(picture: maps.MapPicture) -> dict:
    """The clickable, hoverable filled areas with their thin outline."""
    return {
        "data": {"name": DATASET},
        "transform": [{"calculate": "datum.properties.kode", "as": "kode"}],
        "params": [{"name": SELECTION, "select": {"type": "point", "fields": ["kode"], "on": "click"}},
                   {"name": HOVER, "select": {"type": "point", "fields": ["kode"], "on": "pointerover",
                                              "clear": "pointerout"}}],
        "mark": {"type": "geoshape", "stroke": maps.OUTLINE, "strokeWidth": 1, "strokeOpacity": 0.8,
                 "cursor": "pointer"},
        "encoding": {"fill": {"field": "properties.fill", "type": "nominal", "scale": None, "legend": None},
                     "fillOpacity": {"condition": {"param": HOVER, "empty": False, "value": 0.7}, "value": 1},
                     "tooltip": _tooltip(picture.tooltip_columns)},
    }


def _chosen_outline(picture: maps.MapPicture) -> dict:
    """The chosen areas' thick outline, on top; the pointer over it shows the area's own tooltip."""
    return {"data": {"name": DATASET}, "transform": [{"filter": "datum.properties.chosen"}],
            "mark": {"type": "geoshape", "filled": False, "stroke": maps.CHOSEN_OUTLINE, "strokeWidth": 4},
            "encoding": {"tooltip": _tooltip(picture.tooltip_columns)}}


def _name_layers(points: list[dict]) -> list[dict]:
    """Per anchor, a white halo and then the name, at the name's point."""
    layers = []
    for anchor in ("middle", "end", "start"):
        rows = [{"lon": p["position"][0], "lat": p["position"][1], "text": p["text"]}
                for p in points if p["anchor"] == anchor]
        if not rows:
            continue
        text = {"type": "text", "fontSize": LABEL_FONT_SIZE, "fontWeight": 600, "lineBreak": "\n",
                "align": LABEL_ALIGN[anchor], "baseline": "middle", "dx": LABEL_DX[anchor]}
        encoding = {"longitude": {"field": "lon", "type": "quantitative"},
                    "latitude": {"field": "lat", "type": "quantitative"},
                    "text": {"field": "text", "type": "nominal"}}
        halo = {**text, "fill": "#FFFFFF", "stroke": "#FFFFFF", "strokeWidth": 3, "strokeOpacity": 0.85,
                "strokeJoin": "round"}
        layers += [{"data": {"values": rows}, "mark": mark, "encoding": encoding} for mark in
                   (halo, {**text, "fill": INK})]
    return layers


def _fit(picture: maps.MapPicture, points: list[dict]) -> dict:
    """What the projection fits into the view: the land (far islets left out), with room on the west for a
    name drawn left of its point. Two corner points, so ring orientation cannot turn the box inside out."""
    minx, miny, maxx, maxy = maps.main_bounds(picture.shapes)
    if any(p["anchor"] == "end" for p in points):
        minx -= (maxx - minx) * WEST_LABEL_ROOM
    return {"type": "Feature", "properties": {},
            "geometry": {"type": "MultiPoint", "coordinates": [[minx, miny], [maxx, maxy]]}}


LABEL_ROOM_PX = 30  # padding under the map: one line of a name label


def spec(picture: maps.MapPicture, height: int = 460, width: int = maps.MIN_MAP_WIDTH) -> dict:
    """The Vega-Lite spec of the picture, `height` px tall and as wide as its container; names that would
    overlap in a map `width` px wide (the narrowest the page draws it) are left to the tooltip."""
    scale = maps.px_per_degree(picture.shapes, width, height)
    points = maps.label_points(picture.shapes, scale) if picture.labels else []
    layers = [_areas(picture)]
    if picture.chosen:
        layers.append(_chosen_outline(picture))
    # Room under the map for a southern name's second line ("Polewali / Mandar"): when the container is wider than
    # `width`, the fit fills the height and a name at the coast would otherwise run past the chart's edge.
    return {"width": "container", "height": height,
            "padding": {"left": 4, "right": 4, "top": 4, "bottom": LABEL_ROOM_PX}, "view": {"stroke": None},
            "projection": {"type": "mercator", "fit": _fit(picture, points)},
            "datasets": {DATASET: _features(picture)},
            "layer": layers + _name_layers(points),
            "config": {"font": "sans-serif"}}


def selected_kode(event: object) -> str | None:
    """The kode of the area clicked, from st.vega_lite_chart's returned state; None when nothing is."""
    try:
        points = event["selection"][SELECTION]  # type: ignore[index]
    except (KeyError, TypeError, AttributeError):
        return None
    kode = points[0].get("kode") if points and isinstance(points[0], dict) else None
    return str(kode) if kode else None


def payload_bytes(chart: dict) -> int:
    """Bytes of the spec's JSON (the features travel inside it)."""
    return len(json.dumps(chart, separators=(",", ":")).encode("utf-8"))
