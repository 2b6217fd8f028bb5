"""Tests for lib.maps.vega: the screens' map as a Vega-Lite spec — fills, outlines, names, tooltips, the click
selection, the projection's fit, and that Vega really draws it (rendered with vl-convert)."""
from __future__ import annotations

import io
import json

import pytest
import shapely
from map_fixture import GEO, stunting_frame
from PIL import Image

from lib.maps import boundaries, vega
from lib.maps import picture as maps


@pytest.fixture
def tiles():
    return stunting_frame(boundaries.tile_map())


@pytest.fixture(scope="module")
def kabupaten():
    return stunting_frame(boundaries.load_boundaries("kabupaten", GEO))


def _features(spec):
    return spec["datasets"][vega.DATASET]


def _areas(spec):
    return spec["layer"][0]


def test_each_area_carries_its_kode_fill_and_tooltip_text(tiles):
    picture = maps.choropleth(tiles, "nilai")
    features = _features(vega.spec(picture))
    assert [f["properties"]["kode"] for f in features] == list(tiles["kode"])
    assert [f["properties"]["fill"] for f in features] == list(picture.fills)
    assert features[1]["properties"]["fill"] == maps.NO_DATA_COLOR  # Mamuju: no figure
    assert features[4]["properties"]["label"] == "Majene: 41,9%"
    fill = _areas(vega.spec(picture))["encoding"]["fill"]
    assert fill["field"] == "properties.fill" and fill["scale"] is None  # the colour as given, no Vega scale


def test_tooltip_is_plain_text_one_line_per_column(tiles):
    tiles.loc[4, "label"] = "Majene: <b>41,9%</b>"
    spec = vega.spec(maps.choropleth(tiles, "nilai"))
    # Vega's tooltip handler escapes HTML itself, so the text goes in as written (escaping here would show
    # "&lt;b&gt;" to the user).
    assert _features(spec)[4]["properties"]["label"] == "Majene: <b>41,9%</b>"
    assert _areas(spec)["encoding"]["tooltip"] == {"field": "properties.label", "type": "nominal"}
    several = vega.spec(maps.choropleth(tiles, "nilai", tooltip_columns=["label", "nama"]))
    assert [t["field"] for t in _areas(several)["encoding"]["tooltip"]] == ["properties.label", "properties.nama"]


def test_a_click_selects_one_kode(tiles):
    params = {p["name"]: p for p in _areas(vega.spec(maps.choropleth(tiles, "nilai")))["params"]}
    assert params[vega.SELECTION]["select"] == {"type": "point", "fields": ["kode"], "on": "click"}
    state = {"selection": {vega.SELECTION: [{"kode": "76.05"}]}}
    assert vega.selected_kode(state) == "76.05"
    assert vega.selected_kode({"selection": {vega.SELECTION: []}}) is None
    assert vega.selected_kode({"selection": {}}) is None
    assert vega.selected_kode(None) is None


def test_chosen_kabupaten_outlined_thick_and_dark(tiles):
    spec = vega.spec(maps.choropleth(tiles, "nilai", chosen=["76.05"]))
    assert [f["properties"]["chosen"] for f in _features(spec)] == [False] * 4 + [True, False]
    outline = spec["layer"][1]
    assert outline["transform"] == [{"filter": "datum.properties.chosen"}]
    assert outline["mark"]["stroke"] == maps.CHOSEN_OUTLINE and outline["mark"]["strokeWidth"] == 4
    assert _areas(spec)["mark"]["strokeWidth"] == 1
    unchosen = vega.spec(maps.choropleth(tiles, "nilai"))
    assert all("filter" not in json.dumps(layer.get("transform", [])) for layer in unchosen["layer"])


def test_rings_run_clockwise_as_d3_geo_expects(kabupaten):
    """d3-geo reads a counter-clockwise ring as "the whole globe except this area": such a kabupaten would
    paint the entire map in its colour."""
    for feature in _features(vega.spec(maps.choropleth(kabupaten, "nilai"))):
        geometry = shapely.geometry.shape(feature["geometry"])
        polygons = getattr(geometry, "geoms", [geometry])
        assert all(not polygon.exterior.is_ccw for polygon in polygons), feature["properties"]["nama"]


def test_projection_fits_the_land_with_room_west_for_majene(kabupaten):
    spec = vega.spec(maps.choropleth(kabupaten, "nilai", labels=True))
    (west, south), (east, north) = spec["projection"]["fit"]["geometry"]["coordinates"]
    land = maps.main_bounds(kabupaten)
    assert (south, east, north) == land[1:]
    assert west < land[0] - 0.1  # room for "Majene", drawn left of its point on the west coast
    unlabelled = vega.spec(maps.choropleth(kabupaten, "nilai", labels=False))
    assert unlabelled["projection"]["fit"]["geometry"]["coordinates"][0][0] == land[0]
    assert land[0] > kabupaten.total_bounds[0]  # the far Balabalakang islets do not shrink the province


def test_names_drawn_with_a_halo_and_aligned_to_their_anchor(kabupaten):
    spec = vega.spec(maps.choropleth(kabupaten, "nilai", labels=True))
    texts = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    by_align = {}
    for layer in texts:
        by_align.setdefault(layer["mark"]["align"], []).append(layer)
    assert {row["text"] for row in by_align["right"][0]["data"]["values"]} == {"Majene"}
    assert {row["text"] for row in by_align["left"][0]["data"]["values"]} == {"Polewali\nMandar"}
    for layers in by_align.values():  # a white halo under the ink, so a name reads on a dark class
        halo, ink = layers
        assert halo["mark"]["stroke"] == "#FFFFFF" and ink["mark"]["fill"] == vega.INK
    assert [layer["mark"]["type"] for layer in
            vega.spec(maps.choropleth(kabupaten, "nilai", labels=False))["layer"]] == ["geoshape"]


def test_kabupaten_map_well_under_100_kb(kabupaten):
    assert 10_000 < vega.payload_bytes(vega.spec(maps.choropleth(kabupaten, "nilai"))) < 60_000


def test_vega_draws_every_class_and_leaves_the_sea_white(kabupaten):
    """Rendered by Vega itself (vl-convert): the spec is valid, each class colour and the no-data grey are on
    the map, and the corners stay white (a ring the wrong way round would flood the whole view)."""
    vl_convert = pytest.importorskip("vl_convert")
    picture = maps.choropleth(kabupaten, "nilai", labels=True, chosen=["76.05"])
    png = vl_convert.vegalite_to_png({**vega.spec(picture, height=460), "width": 300})
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = {f"#{r:02X}{g:02X}{b:02X}" for _, (r, g, b) in image.getcolors(maxcolors=1 << 20)}
    assert set(picture.fills) <= colours
    width, height = image.size
    for corner in ((2, 2), (width - 3, 2), (2, height - 3), (width - 3, height - 3)):
        assert image.getpixel(corner) == (255, 255, 255), corner
