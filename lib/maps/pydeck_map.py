"""pydeck renderer of a lib.maps.picture.MapPicture over a tile basemap (deployments that set MONITOR41_BASEMAP).

Without a basemap the screens draw lib.maps.vega (Vega-Lite, no WebGL). Reading a click (Streamlit 1.67)::

    event = st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key="peta")
    kode = map_deck.selected_kode(event)  # e.g. "76.05", or None when nothing is selected

The returned state is ``{"selection": {"indices": {layer_id: [i]}, "objects": {layer_id: [feature]}}}``;
every layer has an ``id`` (Streamlit requires it for selections) and each feature carries ``kode`` in its
``properties``. Pass st.pydeck_chart the same ``height`` as the builder: the initial view fits the land into a
map of that height and at least ``width`` px wide. Tooltips are HTML templates: every text is escaped here.
"""
from __future__ import annotations

import html
import json
import math
from collections.abc import Sequence

import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from lib.maps import picture as maps
from lib.text import i18n

LAYER_ID = "wilayah"
LABEL_LAYER_ID = "wilayah-nama"
HOVER_TINT = [255, 255, 255, 90]  # lightens the hovered area; deck.gl's default navy reads as another class
TOOLTIP_STYLE = {"backgroundColor": "#FFFFFF", "color": "#212121", "fontSize": "14px", "padding": "6px 8px",
                 "border": "1px solid #BDBDBD", "borderRadius": "4px"}
WEST_LABEL_MARGIN = 36  # px: most of a short name ("Majene") drawn west of a point on the west coast
LABEL_OFFSET = {"middle": [0, 0], "end": [-4, 0], "start": [4, 0]}


class _CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation: pydeck indents by 2, which triples the bytes of coordinates."""

    def to_json(self) -> str:
        """The deck spec as compact JSON (same content as pydeck's)."""
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


def rgba(hex_color: str, alpha: int = 255) -> list[int]:
    """[r, g, b, alpha] of '#RRGGBB'."""
    return [int(hex_color[i:i + 2], 16) for i in (1, 3, 5)] + [alpha]


def fit_view(bounds: Sequence[float], height: int = 500, width: int = maps.MIN_MAP_WIDTH,
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


def _features(picture: maps.MapPicture) -> dict:
    """A FeatureCollection with rounded coordinates; properties kode, nama, fills, outlines, tooltip texts."""
    features = []
    for geom, fill, (_, row) in zip(maps.rounded_geometries(picture.shapes), picture.fills,
                                    picture.shapes.iterrows()):
        picked = str(row["kode"]) in picture.chosen
        props = {"kode": str(row["kode"]), "nama": html.escape(str(row["nama"])), "fill_rgba": rgba(fill),
                 "line_rgba": rgba(maps.CHOSEN_OUTLINE if picked else maps.OUTLINE, 255 if picked else 200),
                 "line_px": 4 if picked else 1}
        props.update({c: i18n.MISSING if i18n.is_missing(row[c]) else html.escape(str(row[c]))
                      for c in picture.tooltip_columns})
        features.append({"type": "Feature", "geometry": geom.__geo_interface__, "properties": props})
    return {"type": "FeatureCollection", "features": features}


def _label_layer(points: list[dict]) -> pdk.Layer:
    data = [{**p, "offset": LABEL_OFFSET[p["anchor"]]} for p in points]
    return pdk.Layer("TextLayer", data, id=LABEL_LAYER_ID, pickable=False, get_position="position",
                     get_text_anchor="anchor", get_pixel_offset="offset",
                     get_text="text", get_size=13, get_color=[33, 33, 33, 255], background=True,
                     get_background_color=[255, 255, 255, 210], background_padding=[3, 1],
                     font_family="'sans-serif'", line_height=1.1)


def chart(picture: maps.MapPicture, basemap: str | None = None, height: int = 500,
         width: int = maps.MIN_MAP_WIDTH) -> pdk.Deck:
    """The picture as a deck: a pickable GeoJSON layer, names on top when asked, over the basemap if any."""
    layer = pdk.Layer("GeoJsonLayer", _features(picture), id=LAYER_ID, pickable=True,
                      auto_highlight=True, highlight_color=HOVER_TINT, filled=True, stroked=True,
                      get_fill_color="properties.fill_rgba", get_line_color="properties.line_rgba",
                      get_line_width="properties.line_px", line_width_min_pixels=1,
                      line_width_units='"pixels"')
    scale = maps.px_per_degree(picture.shapes, width, height)
    points = maps.label_points(picture.shapes, scale) if picture.labels else []
    layers = [layer, _label_layer(points)] if points else [layer]
    # A name drawn west of its point needs room left of the land.
    west = WEST_LABEL_MARGIN if any(p["anchor"] == "end" for p in points) else 0
    tooltip = {"html": "<br/>".join(f"{{{c}}}" for c in picture.tooltip_columns) or "{nama}",
               "style": TOOLTIP_STYLE}
    provider = None if not basemap else "mapbox" if basemap.startswith("mapbox://") else "carto"
    # map_provider=None (with pydeck's default style sentinel) is what makes Streamlit draw no basemap;
    # map_style=None alone makes it fetch Carto tiles from the internet.
    style = {"map_style": basemap} if basemap else {}
    view = fit_view(maps.main_bounds(picture.shapes), height, width, west_margin=west)
    return _CompactDeck(layers=layers, initial_view_state=view, map_provider=provider, tooltip=tooltip,
                        height=height, **style)


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


def payload_bytes(deck_: pdk.Deck) -> int:
    """Bytes of the JSON the deck sends to the browser (what st.pydeck_chart ships)."""
    return len(deck_.to_json().encode("utf-8"))
