"""Boundary files checked by geometry (lib.maps.boundaries): every kabupaten and kecamatan polygon lies where its
code says — near its reference point (geo/reference_centroids.csv) and inside the level above — at install
(`python -m lib.maps.boundaries install`, a real process) and at read (load_boundaries)."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import shapely
from map_fixture import GEO

from lib.maps import boundaries

ROOT = Path(__file__).resolve().parents[2]
MAJENE_AS_PASANGKAYU = {"76.01": "76.05", "76.05": "76.01"}
INSIDE_MAJENE = {"76.05.01": "76.05.02", "76.05.02": "76.05.01"}  # Banggae ↔ Pamboang
ACROSS = {"76.05.01": "76.01.01", "76.01.01": "76.05.01"}  # Banggae (Majene) ↔ Bambalamotu (Pasangkayu)


def _features(level: str) -> dict:
    return json.loads((GEO / f"sulbar_{level}.geojson").read_text(encoding="utf-8"))


def _swapped(folder: Path, level: str, swap: dict[str, str]) -> Path:
    """The committed file of a level with the polygons of swap's codes exchanged; each code keeps its name, so
    a polygon appears under another wilayah's code and name (Majene drawn as Pasangkayu)."""
    data = _features(level)
    shapes = {f["properties"]["kode"]: f["geometry"] for f in data["features"]}
    for feature in data["features"]:
        feature["geometry"] = shapes[swap.get(feature["properties"]["kode"], feature["properties"]["kode"])]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"sulbar_{level}.geojson"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _shifted(folder: Path, level: str, degrees: float) -> Path:
    """The committed file of a level moved east by degrees (every polygon together)."""
    frame = boundaries._read(GEO / f"sulbar_{level}.geojson", level)
    moved = frame.copy()
    moved["geometry"] = shapely.transform(frame.geometry.values, lambda xy: xy + [degrees, 0])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"sulbar_{level}.geojson"
    moved.rename(columns={"kode_induk": {"kabupaten": "kode_prov", "kecamatan": "kode_kab",
                                          "desa": "kode_kec"}[level]}).to_file(path, driver="GeoJSON")
    return path


def _geo_folder(tmp_path: Path, level: str, swap: dict[str, str]) -> Path:
    """A full geo folder (the committed files) with one level's polygons swapped."""
    folder = tmp_path / "geo"
    shutil.copytree(GEO, folder)
    _swapped(folder, level, swap)
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _install(src: Path, target: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lib.maps.boundaries", "install", str(src), "--geo-dir", str(target)],
                          cwd=ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120, check=False)


def test_the_reference_points_are_the_centroids_of_the_committed_files():
    rows = list(csv.DictReader((ROOT / "geo" / "reference_centroids.csv").open(encoding="utf-8")))
    assert [r["level"] for r in rows].count("kabupaten") == 6 and [r["level"] for r in rows].count("kecamatan") == 69
    for level in ("kabupaten", "kecamatan"):
        frame = boundaries._read(GEO / f"sulbar_{level}.geojson", level).set_index("kode")
        for row in (r for r in rows if r["level"] == level):
            centroid = shapely.centroid(frame.loc[row["kode"], "geometry"])
            assert row["nama"] == frame.loc[row["kode"], "nama"]
            assert abs(centroid.x - float(row["lon"])) < 1e-5 and abs(centroid.y - float(row["lat"])) < 1e-5


def test_the_committed_files_pass_every_placement_check():
    for level in boundaries.LEVELS:
        assert boundaries.load_boundaries(level, GEO) is not None
    points = boundaries.reference_points()
    assert max(p[3] for p in points["kabupaten"].values()) == boundaries.PLACEMENT_CAP_KM["kabupaten"]
    assert 1.5 < min(p[3] for p in points["kecamatan"].values()) <= 2.0  # half of the nearest pair, 3,7 km


def test_install_refuses_majene_drawn_under_pasangkayus_code_and_name(tmp_path):
    target = tmp_path / "terpasang"
    shutil.copytree(GEO, target)
    before = _snapshot(target)
    done = _install(_swapped(tmp_path / "src", "kabupaten", MAJENE_AS_PASANGKAYU), target)
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "kabupaten Pasangkayu (76.01) tergambar" in done.stderr and "di tempat Majene (76.05)" in done.stderr
    assert "tidak diubah" in done.stderr
    assert _snapshot(target) == before


def test_install_refuses_kecamatan_swapped_inside_their_kabupaten(tmp_path):
    target = tmp_path / "terpasang"
    shutil.copytree(GEO, target)
    before = _snapshot(target)
    done = _install(_swapped(tmp_path / "src", "kecamatan", INSIDE_MAJENE), target)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "kecamatan Banggae (76.05.01) tergambar" in done.stderr and "Pamboang (76.05.02)" in done.stderr
    assert _snapshot(target) == before


def test_install_refuses_kecamatan_swapped_across_kabupaten(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(GEO, src)
    _swapped(src, "kecamatan", ACROSS)
    with pytest.raises(boundaries.BoundaryError, match=r"kecamatan (Bambalamotu \(76\.01\.01\)|Banggae \(76\.05\.01\))"):
        boundaries.install(src, tmp_path / "baru")
    assert not (tmp_path / "baru").exists()


def test_install_checks_a_desa_file_against_the_installed_kecamatan(tmp_path):
    target = tmp_path / "terpasang"
    shutil.copytree(GEO, target)
    swapped = _swapped(tmp_path / "src", "desa", {"76.05.01.1001": "76.01.01.1006", "76.01.01.1006": "76.05.01.1001"})
    with pytest.raises(boundaries.BoundaryError, match=r"desa/kelurahan .* \(76\.0[15]\.01\.100[16]\) hanya 0 % berada "
                                                       r"di dalam kecamatan induknya"):
        boundaries.install(swapped, target)


@pytest.mark.parametrize("level,swap,named", [
    ("kabupaten", MAJENE_AS_PASANGKAYU, r"kabupaten Pasangkayu \(76\.01\) tergambar 199 km .* di tempat Majene"),
    ("kecamatan", INSIDE_MAJENE, r"kecamatan Banggae \(76\.05\.01\) tergambar .* di tempat Pamboang \(76\.05\.02\)"),
    ("kecamatan", ACROSS, (r"kecamatan Bambalamotu \(76\.01\.01\) hanya 0 % berada di dalam kabupaten induknya, "
                           r"Pasangkayu \(76\.01\); sebagian besar ada di Majene \(76\.05\)")),
])
def test_read_refuses_polygons_copied_in_by_hand(tmp_path, level, swap, named):
    # Past `make geo`: a file copied into the folder is checked again when the app reads it.
    folder = _geo_folder(tmp_path, level, swap)
    with pytest.raises(boundaries.BoundaryError, match=f"sulbar_{level}.geojson: poligon {named}"):
        boundaries.load_boundaries(level, folder)
    if level == "kabupaten":
        with pytest.raises(boundaries.BoundaryError):
            boundaries.map_layer("kabupaten", folder)


def test_a_small_shift_is_tolerated_a_large_one_refused(tmp_path):
    # Another careful source of the same boundaries moves centroids by a few hundred metres at most.
    near = _shifted(tmp_path / "dekat", "kecamatan", 0.005)  # ~0,55 km east
    assert boundaries.check_file(near, "kecamatan") == 69
    far = _shifted(tmp_path / "jauh", "kecamatan", 0.03)  # ~3,3 km east
    with pytest.raises(boundaries.BoundaryError, match=r"kecamatan .* tergambar 3,\d km dari titik acuan"):
        boundaries.check_file(far, "kecamatan")
