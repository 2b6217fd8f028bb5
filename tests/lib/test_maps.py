"""Tests for lib.maps: class breaks, legend data, choropleth and status decks, selection, payload size."""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pydeck as pdk
import pytest

from lib import geo, maps, status

SHARED_GEO = Path(__file__).resolve().parents[3] / "shared" / "geo"
needs_files = pytest.mark.skipif(not (SHARED_GEO / "sulbar_kabupaten.geojson").is_file(),
                                 reason="../shared/geo boundary files not present")
# Stunting prevalence per kabupaten in kode order 76.01..76.06; Mamuju (76.02) has no figure here.
VALUES = [30.1, np.nan, 35.2, 40.6, 41.9, 44.3]


def _frame(source):
    frame = source.sort_values("kode").reset_index(drop=True)
    frame["nilai"] = VALUES
    frame["label"] = [f"{n}: {'–' if pd.isna(v) else str(v).replace('.', ',') + '%'}"
                      for n, v in zip(frame["nama"], VALUES)]
    return frame


def _spec(deck):
    return json.loads(deck.to_json())


def _layer(spec, layer_id=maps.LAYER_ID):
    return next(layer for layer in spec["layers"] if layer["id"] == layer_id)


def _fills(spec):
    return {f["properties"]["kode"]: f["properties"]["fill_rgba"] for f in _layer(spec)["data"]["features"]}


def _rgba(hex_color):
    return [int(hex_color[i:i + 2], 16) for i in (1, 3, 5)] + [255]


@pytest.fixture
def tiles():
    return _frame(geo.tile_map())


# class_breaks -------------------------------------------------------------------------------------------

def test_breaks_nice_steps_for_six_kabupaten():
    assert maps.class_breaks(VALUES) == [30.0, 35.0, 40.0, 45.0]


def test_breaks_cover_all_values_and_respect_n_classes():
    values = [0.12, 3.7, 8.9, 15.2, 27.5, 99.4]
    for n in (1, 2, 3, 5):
        edges = maps.class_breaks(values, n)
        assert 2 <= len(edges) <= n + 1
        assert edges[0] <= min(values) and edges[-1] >= max(values)
        assert edges == sorted(edges)


def test_breaks_never_more_classes_than_distinct_values():
    assert len(maps.class_breaks([10, 20, 20, 10], 5)) - 1 <= 2


def test_breaks_all_nan_and_empty():
    assert maps.class_breaks([np.nan, None, pd.NA]) == []
    assert maps.class_breaks([]) == []


def test_breaks_identical_values():
    assert maps.class_breaks([2.21, 2.21, np.nan]) == [2.21, 2.21]


def test_breaks_small_decimals_and_negatives():
    edges = maps.class_breaks([-0.35, 0.1, 0.42, 1.19, 2.21])
    assert edges[0] <= -0.35 and edges[-1] >= 2.21
    assert all(abs(e * 2 - round(e * 2)) < 1e-9 for e in edges)  # steps of 0.5, no float noise
    assert maps.class_breaks([0.1, 0.2, 0.3], 3) == [0.1, 0.2, 0.3]


def test_breaks_reject_zero_classes():
    with pytest.raises(ValueError):
        maps.class_breaks([1, 2], 0)


# legend_items -------------------------------------------------------------------------------------------

def test_legend_indonesian_decimal_comma_and_no_data():
    items = maps.legend_items([30.0, 32.5, 35.0], unit_label="%", lang="id")
    assert items[0][0] == "30,0–32,5%"
    assert items[-1] == ("Tidak ada data", maps.NO_DATA_COLOR)
    assert len(items) == 3


def test_legend_english_and_units():
    items = maps.legend_items([0, 500, 1000, 1500], unit_label="anak", lang="en")
    assert items[0][0] == "0–500 anak"
    assert items[2][0] == "1,000–1,500 anak"
    assert items[-1][0] == "No data"


def test_legend_colours_match_map_fills(tiles):
    breaks = maps.class_breaks(tiles["nilai"])
    legend = dict(maps.legend_items(breaks, unit_label="%"))
    fills = _fills(_spec(maps.choropleth(tiles, "nilai", breaks=breaks)))
    assert fills["76.01"] == _rgba(legend["30–35%"])  # 30.1
    assert fills["76.06"] == _rgba(legend["40–45%"])  # 44.3
    assert fills["76.02"] == _rgba(legend["Tidak ada data"])


def test_legend_identical_and_empty():
    assert maps.legend_items([2.21, 2.21], unit_label="%")[0][0] == "2,21%"
    assert maps.legend_items([]) == [("Tidak ada data", maps.NO_DATA_COLOR)]


# choropleth ---------------------------------------------------------------------------------------------

def test_nan_gets_no_data_grey(tiles):
    fills = _fills(_spec(maps.choropleth(tiles, "nilai")))
    assert fills["76.02"] == [158, 158, 158, 255]
    assert all(fills[k] != [158, 158, 158, 255] for k in fills if k != "76.02")
    assert maps.NO_DATA_COLOR == status.status_color(None)  # one grey means "no data" on every screen


def test_higher_class_darker(tiles):
    fills = _fills(_spec(maps.choropleth(tiles, "nilai")))
    assert sum(fills["76.06"][:3]) < sum(fills["76.03"][:3]) < sum(fills["76.01"][:3])


def test_tooltip_template_and_properties(tiles):
    deck = maps.choropleth(tiles, "nilai", tooltip_columns=["label", "nama"])
    assert deck._tooltip["html"] == "{label}<br/>{nama}"
    feature = _layer(_spec(deck))["data"]["features"][4]
    assert feature["properties"]["kode"] == "76.05"
    assert feature["properties"]["label"] == "Majene: 41,9%"


def test_tooltip_missing_column_raises(tiles):
    with pytest.raises(KeyError, match="label_salah"):
        maps.choropleth(tiles, "nilai", tooltip_columns=["label_salah"])


def test_layer_id_stable_pickable_grey_outline(tiles):
    layer = _layer(_spec(maps.choropleth(tiles, "nilai")))
    assert layer["id"] == "wilayah" and layer["@@type"] == "GeoJsonLayer"
    assert layer["pickable"] is True
    assert layer["getLineColor"] == "@@=properties.line_rgba"
    outlines = [f["properties"]["line_rgba"] for f in layer["data"]["features"]]
    assert outlines and all(o == maps.OUTLINE for o in outlines)  # the palest class stays visible on white
    assert layer["getFillColor"] == "@@=properties.fill_rgba"
    ids = [layer["id"] for layer in _spec(maps.choropleth(tiles, "nilai"))["layers"]]
    assert all(ids) and len(ids) == len(set(ids))  # Streamlit needs an id on every layer for selections


def test_no_basemap_by_default(tiles):
    spec = _spec(maps.choropleth(tiles, "nilai"))
    assert spec["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in spec  # Streamlit: no basemap
    assert "cartocdn" not in json.dumps(spec) and "mapbox" not in json.dumps(spec)


def test_basemap_when_given(tiles):
    url = "https://tiles.example.go.id/style.json"
    spec = _spec(maps.choropleth(tiles, "nilai", basemap=url))
    assert spec["mapStyle"] == url and spec["mapProvider"] == "carto"


def _fits(view, bounds, width=450, height=500):
    scale = 512 * 2 ** view["zoom"]
    merc = lambda lat: math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))  # noqa: E731
    px_x = (bounds[2] - bounds[0]) / 360 * scale
    px_y = (merc(bounds[3]) - merc(bounds[1])) / (2 * math.pi) * scale
    return px_x <= width and px_y <= height


@needs_files
def test_view_centred_on_sulbar_and_whole_province_visible():
    frame = _frame(geo.load_boundaries("kabupaten", SHARED_GEO))
    view = _spec(maps.choropleth(frame, "nilai"))["initialViewState"]
    assert 117.5 < view["longitude"] < 119.5 and -2.8 < view["latitude"] < -1.6
    land = maps.main_bounds(frame)
    assert land[0] > 118.5 > frame.total_bounds[0]  # the Balabalakang islets do not shrink the province
    assert _fits(view, land)  # in a 450 × 500 px map
    assert not _fits({"zoom": view["zoom"] + 1}, land)  # and not zoomed out needlessly
    assert 6 < view["zoom"] < 8


@needs_files
def test_real_boundaries_unlabelled_unless_asked():
    frame = _frame(geo.load_boundaries("kabupaten", SHARED_GEO))
    assert [layer["id"] for layer in _spec(maps.choropleth(frame, "nilai"))["layers"]] == ["wilayah"]
    labelled = _spec(maps.choropleth(frame, "nilai", labels=True))
    assert len(_layer(labelled, maps.LABEL_LAYER_ID)["data"]) == 6


def test_view_of_tiles_centred(tiles):
    view = _spec(maps.choropleth(tiles, "nilai"))["initialViewState"]
    assert 118.5 < view["longitude"] < 119.7 and -2.8 < view["latitude"] < -1.6


def test_schematic_map_gets_name_labels(tiles):
    spec = _spec(maps.choropleth(tiles, "nilai"))
    labels = _layer(spec, maps.LABEL_LAYER_ID)
    assert labels["pickable"] is False
    assert "Polewali\nMandar" in [d["text"] for d in labels["data"]]
    no_labels = _spec(maps.choropleth(tiles, "nilai", labels=False))
    assert [layer["id"] for layer in no_labels["layers"]] == ["wilayah"]


# status_map ---------------------------------------------------------------------------------------------

def test_status_map_uses_hex_column_and_grey_for_missing(tiles):
    tiles["warna"] = [status.status_color(s) for s in
                      ["tercapai", None, "sesuai jalur", "perlu perhatian", "tidak sesuai jalur", None]]
    tiles.loc[5, "warna"] = np.nan
    fills = _fills(_spec(maps.status_map(tiles, "warna")))
    assert fills["76.01"] == _rgba(status.STATUS_COLORS["tercapai"])
    assert fills["76.05"] == _rgba(status.STATUS_COLORS["tidak sesuai jalur"])
    assert fills["76.02"] == fills["76.06"] == _rgba(maps.NO_DATA_COLOR)


def test_status_map_rejects_bad_colour(tiles):
    tiles["warna"] = "merah"
    with pytest.raises(ValueError, match="merah"):
        maps.status_map(tiles, "warna")


# selection and payload ----------------------------------------------------------------------------------

def test_selected_kode_from_streamlit_state():
    event = {"selection": {"indices": {"wilayah": [4]},
                           "objects": {"wilayah": [{"type": "Feature", "properties": {"kode": "76.05"}}]}}}
    assert maps.selected_kode(event) == "76.05"
    assert maps.selected_kode({"selection": {"indices": {}, "objects": {}}}) is None
    assert maps.selected_kode(None) is None


def test_compact_json_same_content(tiles):
    deck = maps.choropleth(tiles, "nilai")
    assert json.loads(deck.to_json()) == json.loads(pdk.Deck.to_json(deck))
    assert maps.map_payload_bytes(deck) < len(pdk.Deck.to_json(deck).encode()) / 2


@needs_files
def test_kabupaten_payload_well_under_100_kb():
    frame = _frame(geo.load_boundaries("kabupaten", SHARED_GEO))
    size = maps.map_payload_bytes(maps.choropleth(frame, "nilai"))
    assert 10_000 < size < 60_000


def test_chosen_area_gets_a_thick_dark_outline(tiles):
    layer = _layer(_spec(maps.choropleth(tiles, "nilai", chosen=[tiles["kode"].iloc[0]])))
    props = [f["properties"] for f in layer["data"]["features"]]
    assert (props[0]["line_rgba"], props[0]["line_px"]) == (maps.CHOSEN_OUTLINE, 4)
    assert all((p["line_rgba"], p["line_px"]) == (maps.OUTLINE, 1) for p in props[1:])


def test_band_indicator_uses_a_diverging_fill_with_neutral_inside():
    assert maps.band_color(2.56, (1.5, 3.5)) == maps.BAND_COLORS[1]  # on target: neutral, not dark
    assert maps.band_color(1.0, (1.5, 3.5)) == maps.BAND_COLORS[0]
    assert maps.band_color(4.2, (1.5, 3.5)) == maps.BAND_COLORS[2]
    assert maps.band_color(float("nan"), (1.5, 3.5)) == maps.NO_DATA_COLOR
    labels = [label for label, _ in maps.band_legend_items((1.5, 3.5), "%", "id")]
    assert labels[1] == "dalam sasaran (1,5%–3,5%)" and labels[-1] == "Tidak ada data"


def test_view_fits_the_main_land_not_far_islets():
    import geopandas as gpd
    from shapely.geometry import MultiPolygon, box
    land = MultiPolygon([box(118.8, -3.5, 119.5, -1.0), box(117.0, -2.0, 117.01, -1.99)])  # a far islet
    frame = gpd.GeoDataFrame({"kode": ["76.02"], "nama": ["Mamuju"]}, geometry=[land], crs="EPSG:4326")
    assert maps.main_bounds(frame) == (118.8, -3.5, 119.5, -1.0)


def test_names_side_by_side_are_pushed_apart():
    data = [{"position": [119.1451, -3.3041], "anchor": "middle", "offset": [0, 0]},  # Polewali Mandar
            {"position": [118.8728, -3.2414], "anchor": "middle", "offset": [0, 0]},  # Majene, just west
            {"position": [119.3182, -2.9969], "anchor": "middle", "offset": [0, 0]}]  # Mamasa, above
    maps._separate_close_labels(data)
    assert [d["anchor"] for d in data] == ["start", "end", "middle"]


@needs_files
def test_a_name_drawn_west_of_its_point_stays_inside_the_narrowest_map():
    """Majene's name is drawn west of its point (beside Polewali Mandar's): in the narrowest map a page draws
    (Ringkasan beside its legend at 1280 × 720) the view leaves it room instead of cutting it at the edge."""
    frame = _frame(geo.load_boundaries("kabupaten", SHARED_GEO))
    spec = _spec(maps.choropleth(frame, "nilai", labels=True))
    majene = next(d for d in _layer(spec, maps.LABEL_LAYER_ID)["data"] if d["text"] == "Majene")
    assert majene["anchor"] == "end"
    view = spec["initialViewState"]
    x = (majene["position"][0] - view["longitude"]) / 360 * 512 * 2 ** view["zoom"] + maps.MIN_MAP_WIDTH / 2
    assert x >= maps.WEST_LABEL_MARGIN + 4, f"Majene's point {x:.0f} px from the left edge"
    land = maps.main_bounds(frame)
    assert _fits(view, land, width=maps.MIN_MAP_WIDTH - maps.WEST_LABEL_MARGIN, height=460)
