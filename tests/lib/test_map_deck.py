"""Tests for lib.maps.pydeck_map: the pydeck map drawn over a basemap (MONITOR41_BASEMAP deployments)."""
from __future__ import annotations

import json
import math

import pydeck as pdk
import pytest
from map_fixture import GEO, stunting_frame

from lib.maps import boundaries, pydeck_map
from lib.maps import picture as maps


def _deck(frame, basemap=None, **options):
    return pydeck_map.chart(maps.choropleth(frame, "nilai", **options), basemap)


def _spec(deck):
    return json.loads(deck.to_json())


def _layer(spec, layer_id=pydeck_map.LAYER_ID):
    return next(layer for layer in spec["layers"] if layer["id"] == layer_id)


@pytest.fixture
def tiles():
    return stunting_frame(boundaries.tile_map())


def test_fills_are_the_picture_fills(tiles):
    picture = maps.choropleth(tiles, "nilai")
    features = _layer(_spec(pydeck_map.chart(picture)))["data"]["features"]
    assert [f["properties"]["fill_rgba"] for f in features] == [pydeck_map.rgba(c) for c in picture.fills]
    assert features[1]["properties"]["fill_rgba"] == [110, 110, 110, 255]  # no data: the status module's grey


def test_tooltip_template_and_escaped_properties(tiles):
    tiles.loc[4, "label"] = "Majene: <b>41,9%</b>"
    deck = _deck(tiles, tooltip_columns=["label", "nama"])
    assert deck._tooltip["html"] == "{label}<br/>{nama}"
    feature = _layer(_spec(deck))["data"]["features"][4]
    assert feature["properties"]["kode"] == "76.05"
    assert feature["properties"]["label"] == "Majene: &lt;b&gt;41,9%&lt;/b&gt;"  # a template: text escaped


def test_layer_id_stable_pickable_grey_outline(tiles):
    spec = _spec(_deck(tiles))
    layer = _layer(spec)
    assert layer["@@type"] == "GeoJsonLayer" and layer["pickable"] is True
    assert layer["getLineColor"] == "@@=properties.line_rgba"
    outlines = [f["properties"]["line_rgba"] for f in layer["data"]["features"]]
    assert outlines and all(o == pydeck_map.rgba(maps.OUTLINE, 200) for o in outlines)
    ids = [layer["id"] for layer in spec["layers"]]
    assert all(ids) and len(ids) == len(set(ids))  # Streamlit needs an id on every layer for selections


def test_chosen_area_gets_a_thick_dark_outline(tiles):
    props = [f["properties"] for f in _layer(_spec(_deck(tiles, chosen=["76.01"])))["data"]["features"]]
    assert (props[0]["line_rgba"], props[0]["line_px"]) == (pydeck_map.rgba(maps.CHOSEN_OUTLINE), 4)
    assert all(p["line_px"] == 1 for p in props[1:])


def test_no_basemap_unless_given(tiles):
    spec = _spec(_deck(tiles))
    assert spec["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in spec  # Streamlit: no basemap
    assert "cartocdn" not in json.dumps(spec) and "mapbox" not in json.dumps(spec)
    url = "https://tiles.example.go.id/style.json"
    spec = _spec(_deck(tiles, basemap=url))
    assert spec["mapStyle"] == url and spec["mapProvider"] == "carto"


def _fits(view, bounds, width=450, height=500):
    scale = 512 * 2 ** view["zoom"]
    merc = lambda lat: math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))  # noqa: E731
    px_x = (bounds[2] - bounds[0]) / 360 * scale
    px_y = (merc(bounds[3]) - merc(bounds[1])) / (2 * math.pi) * scale
    return px_x <= width and px_y <= height


def test_view_centred_on_sulbar_and_whole_province_visible():
    frame = stunting_frame(boundaries.load_boundaries("kabupaten", GEO))
    view = _spec(pydeck_map.chart(maps.choropleth(frame, "nilai"), width=450))["initialViewState"]
    assert 117.5 < view["longitude"] < 119.5 and -2.8 < view["latitude"] < -1.6
    land = maps.main_bounds(frame)
    assert land[0] > 118.5 > frame.total_bounds[0]  # the Balabalakang islets do not shrink the province
    assert _fits(view, land)  # in a 450 × 500 px map
    assert not _fits({"zoom": view["zoom"] + 1}, land)  # and not zoomed out needlessly


def test_name_layer_only_when_labelled(tiles):
    labelled = _spec(_deck(tiles))
    names = _layer(labelled, pydeck_map.LABEL_LAYER_ID)
    assert names["pickable"] is False and "Polewali\nMandar" in [d["text"] for d in names["data"]]
    assert [layer["id"] for layer in _spec(_deck(tiles, labels=False))["layers"]] == [pydeck_map.LAYER_ID]


def test_a_name_drawn_west_of_its_point_stays_inside_the_narrowest_map():
    """Majene's name is drawn west of its point: in the narrowest map a page draws the view leaves it room."""
    frame = stunting_frame(boundaries.load_boundaries("kabupaten", GEO))
    spec = _spec(pydeck_map.chart(maps.choropleth(frame, "nilai", labels=True), height=460))
    majene = next(d for d in _layer(spec, pydeck_map.LABEL_LAYER_ID)["data"] if d["text"] == "Majene")
    assert (majene["anchor"], majene["offset"]) == ("end", [-4, 0])
    view = spec["initialViewState"]
    x = (majene["position"][0] - view["longitude"]) / 360 * 512 * 2 ** view["zoom"] + maps.MIN_MAP_WIDTH / 2
    assert x >= pydeck_map.WEST_LABEL_MARGIN + 4, f"Majene's point {x:.0f} px from the left edge"
    assert _fits(view, maps.main_bounds(frame), width=maps.MIN_MAP_WIDTH - pydeck_map.WEST_LABEL_MARGIN,
                 height=460)


def test_selected_kode_from_streamlit_state():
    event = {"selection": {"indices": {"wilayah": [4]},
                           "objects": {"wilayah": [{"type": "Feature", "properties": {"kode": "76.05"}}]}}}
    assert pydeck_map.selected_kode(event) == "76.05"
    assert pydeck_map.selected_kode({"selection": {"indices": {}, "objects": {}}}) is None
    assert pydeck_map.selected_kode(None) is None


def test_compact_json_same_content(tiles):
    deck = _deck(tiles)
    assert json.loads(deck.to_json()) == json.loads(pdk.Deck.to_json(deck))
    assert pydeck_map.payload_bytes(deck) < len(pdk.Deck.to_json(deck).encode()) / 2


def test_kabupaten_payload_well_under_100_kb():
    frame = stunting_frame(boundaries.load_boundaries("kabupaten", GEO))
    assert 10_000 < pydeck_map.payload_bytes(_deck(frame)) < 60_000
