"""Tests for lib.maps.boundaries: loading the real boundary files, the tile-map fallback, attribution and install."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import shapely
from map_fixture import GEO

from lib.maps import boundaries


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


def _rewrite(src: Path, dst: Path, change) -> Path:
    """Copy a GeoJSON file, applying change(properties) to every feature."""
    data = json.loads(src.read_text(encoding="utf-8"))
    for feature in data["features"]:
        change(feature["properties"])
    dst.write_text(json.dumps(data), encoding="utf-8")
    return dst


@pytest.mark.parametrize("level,count,parent_len", [("kabupaten", 6, 2), ("kecamatan", 69, 5), ("desa", 648, 8)])
def test_load_real_files(level, count, parent_len):
    frame = boundaries.load_boundaries(level, GEO)
    assert list(frame.columns) == ["kode", "nama", "kode_induk", "geometry"]
    assert len(frame) == count and frame["kode"].is_unique
    assert frame["kode"].str.fullmatch(boundaries.CODE_PATTERN[level].pattern).all()
    assert (frame["kode_induk"] == frame["kode"].str[:parent_len]).all()
    assert frame.crs.to_epsg() == 4326
    assert frame.geometry.is_valid.all()


def test_kemendagri_not_bps_codes():
    frame = boundaries.load_boundaries("kabupaten", GEO).set_index("kode")
    assert frame.loc["76.05", "nama"] == "Majene"
    assert frame.loc["76.01", "nama"] == "Pasangkayu"


def test_majene_town_in_76_05_after_simplification():
    frame = boundaries.load_boundaries("kabupaten", GEO)
    hits = frame[frame.contains(shapely.Point(118.97, -3.54))]
    assert list(hits["kode"]) == ["76.05"]


def test_simplified_and_islands_kept():
    frame = boundaries.load_boundaries("kabupaten", GEO)
    vertices = int(shapely.get_num_coordinates(frame.geometry.values).sum())
    assert vertices < 3500  # the file has 7,824
    assert int(shapely.get_num_geometries(frame.geometry.values).sum()) == 97  # every island part kept
    kecamatan = boundaries.load_boundaries("kecamatan", GEO).set_index("kode")
    assert shapely.get_num_geometries(kecamatan.loc["76.02.16", "geometry"]) >= 23  # Kepulauan Bala Balakang
    assert shapely.coverage_is_valid(frame.geometry.values)  # still no gaps or overlaps between neighbours


def test_load_is_cached_and_returns_copies():
    first = boundaries.load_boundaries("kecamatan", GEO)
    first.loc[0, "nama"] = "diubah"
    second = boundaries.load_boundaries("kecamatan", GEO)
    assert second.loc[0, "nama"] != "diubah"
    assert boundaries._load_cached.cache_info().hits >= 1


def test_absent_dir_gives_schematic_tile_map(tmp_path):
    frame, schematic = boundaries.map_layer("kabupaten", tmp_path / "kosong")
    assert schematic is True
    assert len(frame) == 6 and frame["skematis"].all()
    assert sorted(frame["kode"]) == [f"76.0{i}" for i in range(1, 7)]
    assert boundaries.map_layer("kecamatan", tmp_path / "kosong") is None
    assert boundaries.map_layer("desa", tmp_path / "kosong") is None
    assert boundaries.load_boundaries("kabupaten", tmp_path / "kosong") is None


def test_tile_map_geographic_order():
    tiles = boundaries.tile_map().set_index("nama")
    lat = (tiles.bounds["miny"] + tiles.bounds["maxy"]) / 2
    lon = (tiles.bounds["minx"] + tiles.bounds["maxx"]) / 2
    north_to_south = ["Pasangkayu", "Mamuju Tengah", "Mamuju", "Mamasa"]
    assert list(lat[north_to_south].sort_values(ascending=False).index) == north_to_south
    assert lat["Majene"] == lat["Polewali Mandar"] < lat["Mamasa"]
    assert lon["Majene"] < lon["Polewali Mandar"]
    assert tiles.loc["Majene", "kode"] == "76.05"
    assert tiles.geometry.union_all().geom_type == "MultiPolygon"  # separate tiles, not one block


def test_map_layer_real_when_installed():
    frame, schematic = boundaries.map_layer("kabupaten", GEO)
    assert schematic is False and "skematis" not in frame.columns and len(frame) == 6


def test_attribution_line_parsed():
    line = boundaries.boundary_attribution(GEO)
    assert line.startswith("Batas wilayah administrasi: cahyadsn/wilayah_boundaries")
    assert "Kepmendagri" in line and not line.startswith(">")


def test_attribution_line_in_english():
    line = boundaries.boundary_attribution(GEO, lang="en")
    assert line.startswith("Administrative boundaries: cahyadsn/wilayah_boundaries")
    assert "processed; area codes per Kepmendagri" in line and "Batas" not in line


def test_attribution_in_english_falls_back_to_the_published_line(tmp_path):
    (tmp_path / "SOURCES.md").write_text("> Batas wilayah administrasi: X (MIT), diolah.\n", encoding="utf-8")
    assert boundaries.boundary_attribution(tmp_path, lang="en") == "Batas wilayah administrasi: X (MIT), diolah."


def test_attribution_absent(tmp_path):
    assert boundaries.boundary_attribution(tmp_path) is None


def test_unknown_level():
    with pytest.raises(ValueError, match="kabupaten, kecamatan, desa"):
        boundaries.load_boundaries("provinsi")


def test_load_rejects_bps_codes(tmp_path):
    _rewrite(GEO / "sulbar_kabupaten.geojson", tmp_path / "sulbar_kabupaten.geojson",
             lambda p: p.update(kode=p["kode_bps"]))
    with pytest.raises(boundaries.BoundaryError, match=r"sulbar_kabupaten\.geojson.*'760\d'.*Kemendagri.*make geo"):
        boundaries.load_boundaries("kabupaten", tmp_path)


def test_load_rejects_missing_parent_property(tmp_path):
    _rewrite(GEO / "sulbar_kecamatan.geojson", tmp_path / "sulbar_kecamatan.geojson",
             lambda p: p.pop("kode_kab"))
    with pytest.raises(boundaries.BoundaryError, match="properti kode_kab tidak ada"):
        boundaries.load_boundaries("kecamatan", tmp_path)


def test_load_rejects_other_crs(tmp_path):
    frame = boundaries.load_boundaries("kabupaten", GEO).to_crs(32750)
    frame.to_file(tmp_path / "sulbar_kabupaten.geojson", driver="GeoJSON")
    with pytest.raises(boundaries.BoundaryError, match="EPSG:4326"):
        boundaries.load_boundaries("kabupaten", tmp_path)


def test_install_from_shared_geo(tmp_path, capsys):
    target = tmp_path / "geo"
    assert boundaries.main(["install", str(GEO), "--geo-dir", str(target)]) == 0
    assert sorted(p.name for p in target.iterdir()) == sorted(
        ["SOURCES.md", "sulbar_kabupaten.geojson", "sulbar_kecamatan.geojson", "sulbar_desa.geojson"])
    assert (target / "sulbar_desa.geojson").read_bytes() == (GEO / "sulbar_desa.geojson").read_bytes()
    out = capsys.readouterr().out
    assert "6 kabupaten" in out and "69 kecamatan" in out and "648 desa/kelurahan" in out
    assert boundaries.map_layer("kabupaten", target)[1] is False
    assert boundaries.boundary_attribution(target).startswith("Batas wilayah")


def test_install_refuses_bps_codes_and_leaves_dir_unchanged(tmp_path, capsys):
    target = tmp_path / "geo"
    boundaries.install(GEO / "sulbar_kecamatan.geojson", target)
    before = _snapshot(target)
    bad = _rewrite(GEO / "sulbar_kabupaten.geojson", tmp_path / "sulbar_kabupaten.geojson",
                   lambda p: p.update(kode=p["kode_bps"]))
    assert boundaries.main(["install", str(bad), "--geo-dir", str(target)]) == 1
    err = capsys.readouterr().err
    assert "sulbar_kabupaten.geojson" in err and "'7605'" in err and "tidak diubah" in err
    assert _snapshot(target) == before


def test_install_checks_every_file_before_writing_any(tmp_path):
    target = tmp_path / "geo"
    src = tmp_path / "src"
    src.mkdir()
    for name in ("sulbar_kabupaten.geojson", "SOURCES.md"):  # good files, installed first in order
        shutil.copy(GEO / name, src)
    _rewrite(GEO / "sulbar_kecamatan.geojson", src / "sulbar_kecamatan.geojson",
             lambda p: p.update(kode=p["kode"].replace(".", "")))
    with pytest.raises(boundaries.BoundaryError, match="sulbar_kecamatan.geojson: kode '\\d{6}' bukan kode Kemendagri"):
        boundaries.install(src, target)
    assert not target.exists()


def test_install_refuses_dotted_bps_codes(tmp_path):
    # 7601 → "76.01" is the wrong regency: 7601 is Majene, 76.01 is Pasangkayu.
    _rewrite(GEO / "sulbar_kabupaten.geojson", tmp_path / "sulbar_kabupaten.geojson",
             lambda p: p.update(kode=p["kode_bps"][:2] + "." + p["kode_bps"][2:]))
    with pytest.raises(boundaries.BoundaryError, match="kode 76.05 bernama 'Pasangkayu', padahal 76.05 adalah Majene"):
        boundaries.install(tmp_path / "sulbar_kabupaten.geojson", tmp_path / "geo")
    assert not (tmp_path / "geo").exists()


def test_install_refuses_wrong_count_and_province(tmp_path):
    data = json.loads((GEO / "sulbar_kecamatan.geojson").read_text(encoding="utf-8"))
    data["features"] = data["features"][:10]
    (tmp_path / "sulbar_kecamatan.geojson").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(boundaries.BoundaryError, match="10 fitur.*69 kecamatan"):
        boundaries.install(tmp_path / "sulbar_kecamatan.geojson", tmp_path / "geo")
    _rewrite(GEO / "sulbar_kabupaten.geojson", tmp_path / "sulbar_kabupaten.geojson",
             lambda p: p.update(kode="73" + p["kode"][2:]))
    with pytest.raises(boundaries.BoundaryError, match="bukan wilayah Sulawesi Barat"):
        boundaries.install(tmp_path / "sulbar_kabupaten.geojson", tmp_path / "geo")
    _rewrite(GEO / "sulbar_kabupaten.geojson", tmp_path / "sulbar_kabupaten.geojson",
             lambda p: p.update(kode="76.07") if p["kode"] == "76.06" else None)
    with pytest.raises(boundaries.BoundaryError, match="kode 76.07 tidak dikenal; kode kabupaten yang sah: 76.01–76.06"):
        boundaries.install(tmp_path / "sulbar_kabupaten.geojson", tmp_path / "geo")


def test_install_refuses_invalid_json(tmp_path):
    bad = tmp_path / "sulbar_kabupaten.geojson"
    bad.write_text("{ bukan json", encoding="utf-8")
    with pytest.raises(boundaries.BoundaryError, match="bukan GeoJSON yang sah"):
        boundaries.install(bad, tmp_path / "geo")
    assert not (tmp_path / "geo").exists()


def test_cli_usage_errors(tmp_path, capsys):
    assert boundaries.main(["install", str(tmp_path / "tidak-ada")]) == 2
    with pytest.raises(SystemExit) as exc:
        boundaries.main([])
    assert exc.value.code == 2


SWAP = {"76.01": "76.05", "76.05": "76.01"}


def test_load_refuses_swapped_kabupaten_codes(tmp_path):
    # Installed by hand, past `make geo`: Majene's figures would be painted on Pasangkayu without a word.
    _rewrite(GEO / "sulbar_kabupaten.geojson", tmp_path / "sulbar_kabupaten.geojson",
             lambda p: p.update(kode=SWAP.get(p["kode"], p["kode"])))
    with pytest.raises(boundaries.BoundaryError, match=r"kode 76\.0[15] bernama '.*', padahal 76\.0[15] adalah .*make geo"):
        boundaries.load_boundaries("kabupaten", tmp_path)
    with pytest.raises(boundaries.BoundaryError):
        boundaries.map_layer("kabupaten", tmp_path)
