"""Tests for lib.maps.picture: class breaks, legend data, the fills of choropleth and status pictures, the land's
bounds and name placement (the renderers are tested in test_map_chart.py and test_map_deck.py)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely
from map_fixture import GEO, VALUES, stunting_frame

from lib.judge import status
from lib.maps import boundaries
from lib.maps import picture as maps


def _fills(picture):
    return dict(zip(picture.shapes["kode"], picture.fills))


def _rgb_sum(hex_color):
    return sum(int(hex_color[i:i + 2], 16) for i in (1, 3, 5))


@pytest.fixture
def tiles():
    return stunting_frame(boundaries.tile_map())


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
    fills = _fills(maps.choropleth(tiles, "nilai", breaks=breaks))
    assert fills["76.01"] == legend["30–35%"]  # 30.1
    assert fills["76.06"] == legend["40–45%"]  # 44.3
    assert fills["76.02"] == legend["Tidak ada data"]


def test_legend_identical_and_empty():
    assert maps.legend_items([2.21, 2.21], unit_label="%")[0][0] == "2,21%"
    assert maps.legend_items([]) == [("Tidak ada data", maps.NO_DATA_COLOR)]


# choropleth ---------------------------------------------------------------------------------------------

def test_nan_gets_no_data_grey(tiles):
    fills = _fills(maps.choropleth(tiles, "nilai"))
    assert fills["76.02"] == status.status_color(None)
    assert all(fills[k] != status.status_color(None) for k in fills if k != "76.02")
    assert maps.NO_DATA_COLOR == status.status_color(None)  # one grey means "no data" on every screen


def test_higher_class_darker(tiles):
    fills = {k: _rgb_sum(c) for k, c in _fills(maps.choropleth(tiles, "nilai")).items()}
    assert fills["76.06"] < fills["76.03"] < fills["76.01"]


def test_tooltip_missing_column_raises(tiles):
    with pytest.raises(KeyError, match="label_salah"):
        maps.choropleth(tiles, "nilai", tooltip_columns=["label_salah"])


def test_schematic_map_gets_name_labels_real_boundaries_only_when_asked(tiles):
    assert maps.choropleth(tiles, "nilai").labels is True  # tiles carry no shape to recognise
    assert maps.choropleth(tiles, "nilai", labels=False).labels is False
    points = maps.label_points(tiles)
    assert "Polewali\nMandar" in [p["text"] for p in points]


def test_real_boundaries_unlabelled_unless_asked():
    frame = stunting_frame(boundaries.load_boundaries("kabupaten", GEO))
    assert maps.choropleth(frame, "nilai").labels is False
    assert maps.choropleth(frame, "nilai", labels=True).labels is True


# status_map ---------------------------------------------------------------------------------------------

def test_status_map_uses_hex_column_and_grey_for_missing(tiles):
    tiles["warna"] = [status.status_color(s) for s in
                      ["tercapai", None, "belum ada target antara", "di atas sasaran", "tidak tercapai", None]]
    tiles.loc[5, "warna"] = np.nan
    fills = _fills(maps.status_map(tiles, "warna"))
    assert fills["76.01"] == status.STATUS_COLORS["tercapai"].upper()
    assert fills["76.05"] == status.STATUS_COLORS["tidak tercapai"].upper()
    assert fills["76.02"] == fills["76.06"] == maps.NO_DATA_COLOR


def test_status_map_rejects_bad_colour(tiles):
    tiles["warna"] = "merah"
    with pytest.raises(ValueError, match="merah"):
        maps.status_map(tiles, "warna")


def test_chosen_areas_are_named_in_the_picture(tiles):
    assert maps.choropleth(tiles, "nilai", chosen=["76.05"]).chosen == {"76.05"}
    assert maps.choropleth(tiles, "nilai").chosen == frozenset()


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
    data = [{"position": [119.1451, -3.3041], "anchor": "middle"},  # Polewali Mandar
            {"position": [118.8728, -3.2414], "anchor": "middle"},  # Majene, just west
            {"position": [119.3182, -2.9969], "anchor": "middle"}]  # Mamasa, above
    maps._separate_close_labels(data)
    assert [d["anchor"] for d in data] == ["start", "end", "middle"]


def test_majene_is_named_west_of_its_point_on_real_boundaries():
    frame = stunting_frame(boundaries.load_boundaries("kabupaten", GEO))
    anchors = {p["text"]: p["anchor"] for p in maps.label_points(frame)}
    assert anchors["Majene"] == "end" and anchors["Polewali\nMandar"] == "start"
    assert anchors["Mamasa"] == "middle"


def test_kecamatan_names_that_would_overlap_are_left_to_the_tooltip():
    """Polewali Mandar's 16 kecamatan in a 300 px map: the names drawn do not touch each other, the largest
    kecamatan keep theirs, and a wider map names more of them. The six kabupaten are always all named."""
    shapes = boundaries.load_boundaries("kecamatan", GEO)
    polman = shapes[shapes["kode_induk"] == "76.04"]
    scale = maps.px_per_degree(polman, 300, 460)
    points = maps.label_points(polman, scale)
    assert 6 <= len(points) < len(polman)
    boxes = [maps._label_box(p, scale) for p in points]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1], (a, b)
    largest = polman.assign(area=shapely.area(polman.geometry.values)).nlargest(3, "area")["nama"]
    assert set(largest) <= {p["text"].replace("\n", " ") for p in points}
    assert len(maps.label_points(polman, maps.px_per_degree(polman, 600, 460))) > len(points)
    kabupaten = boundaries.load_boundaries("kabupaten", GEO)
    assert len(maps.label_points(kabupaten, maps.px_per_degree(kabupaten, maps.MIN_MAP_WIDTH, 460))) == 6
