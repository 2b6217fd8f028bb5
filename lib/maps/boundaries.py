"""Boundary files: load and check them, simplify for the screen, fall back to a schematic tile map.

Files live in the MONITOR41_GEO_DIR folder as ``sulbar_<level>.geojson`` (see geo/README.md). Codes are
Kemendagri codes (76.05 = Majene), never BPS codes (7601 = Majene): the two order the regencies differently.
``python -m lib.maps.boundaries install SRC`` checks and copies the files in (``make geo SRC=...``).

Every file is checked by geometry too, at install and at read: each kecamatan (desa) lies mostly inside its
kabupaten (kecamatan), and each kabupaten's and kecamatan's centroid lies near its reference point in
geo/reference_centroids.csv, so a polygon drawn under another wilayah's code and name is refused.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import shutil
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import shapely

from lib import cli, config
from lib.text import i18n

LEVELS = ("kabupaten", "kecamatan", "desa")
SOURCES_FILE = "SOURCES.md"
PROVINCE = "76"
PARENT_PROPERTY = {"kabupaten": None, "kecamatan": "kode_kab", "desa": "kode_kec"}
PARENT_LEVEL = {"kabupaten": None, "kecamatan": "kabupaten", "desa": "kecamatan"}
# Reference points: the centroids of the committed kabupaten and kecamatan polygons (geo/README.md says how they
# were made). They are part of the code, not of the installable files, so a replaced folder is checked against them.
REFERENCE_FILE = config.PROJECT_ROOT / "geo" / "reference_centroids.csv"
# How far (km) a polygon's centroid may lie from its reference point: at most the cap, and never more than half
# the distance to the nearest other reference point of its level, so a polygon drawn in any other wilayah's
# place is refused. Caps: a kabupaten 10 km, a kecamatan 2 km (the nearest kecamatan centroids are 3,7 km
# apart); another careful source of the same boundaries moves centroids far less.
PLACEMENT_CAP_KM = {"kabupaten": 10.0, "kecamatan": 2.0}
# A kecamatan (desa) must lie at least this share inside its kabupaten (kecamatan): the committed files nest
# exactly; another source may differ along a boundary line, never by a tenth of the area.
INSIDE_PARENT_SHARE = 0.9
KM_PER_DEGREE = 111.32
CODE_PATTERN = {
    "kabupaten": re.compile(r"\d{2}\.\d{2}"),
    "kecamatan": re.compile(r"\d{2}\.\d{2}\.\d{2}"),
    "desa": re.compile(r"\d{2}\.\d{2}\.\d{2}\.\d{4}"),
}
CODE_EXAMPLE = {"kabupaten": "76.05", "kecamatan": "76.05.01", "desa": "76.05.01.1001"}
LEVEL_NOUN = {"kabupaten": "kabupaten", "kecamatan": "kecamatan", "desa": "desa/kelurahan"}
EXPECTED_COUNT = {"kabupaten": 6, "kecamatan": 69, "desa": 648}  # Sulawesi Barat, Kepmendagri 2025
# Coverage simplification tolerance in degrees (Visvalingam–Whyatt, ~1° = 111 km). At the province view
# (zoom ~6.7) one pixel is ~0.007°, so 0.003° is invisible there yet keeps kabupaten at ~40 KB;
# desa are looked at zoomed in, so they keep more detail.
TOLERANCE = {"kabupaten": 0.003, "kecamatan": 0.003, "desa": 0.0015}
KABUPATEN = (  # (Kemendagri kode, nama, BPS kode) — DESIGN.md §2
    ("76.01", "Pasangkayu", "7605"),
    ("76.02", "Mamuju", "7604"),
    ("76.03", "Mamasa", "7603"),
    ("76.04", "Polewali Mandar", "7602"),
    ("76.05", "Majene", "7601"),
    ("76.06", "Mamuju Tengah", "7606"),
)
KABUPATEN_ALIASES = {"mamuju utara": "76.01"}  # Pasangkayu's name before 2017
# Schematic tiles: (column, row), row 0 north. Coast-to-interior order: Majene west of Polewali Mandar.
TILE_GRID = {"76.01": (0.5, 0), "76.06": (0.5, 1), "76.02": (0, 2), "76.03": (1, 3), "76.05": (0, 4), "76.04": (1, 4)}
TILE_ORIGIN = (118.85, -1.0)  # centre of tile (0, 0), lon/lat, so the tiles sit where Sulbar is
TILE_SIZE, TILE_STEP = 0.5, 0.56  # degrees
INSTALL_HINT = ("Kembalikan berkas dari repositori (`git checkout -- geo/`) atau pasang berkas yang benar dengan "
                "`make geo SRC=folder-berkas-geojson`.")
REPROJECT_HINT = "Ubah dulu ke EPSG:4326, misalnya `ogr2ogr -t_srs EPSG:4326 keluar.geojson masuk.geojson`."


class BoundaryError(ValueError):
    """A boundary file is missing a property, has wrong codes or cannot be read; the message says the fix."""


def resolve_dir(geo_dir: str | os.PathLike | None = None) -> Path:
    """The boundary folder: geo_dir if given, else the MONITOR41_GEO_DIR setting."""
    return Path(geo_dir) if geo_dir is not None else config.get_path("MONITOR41_GEO_DIR")


def boundary_path(level: str, geo_dir: str | os.PathLike | None = None) -> Path:
    """Where the file of a level lives, e.g. <geo dir>/sulbar_kabupaten.geojson."""
    return resolve_dir(geo_dir) / f"sulbar_{_check_level(level)}.geojson"


def _check_level(level: str) -> str:
    if level not in LEVELS:
        raise ValueError(f"Tingkat wilayah '{level}' tidak dikenal. Pilih salah satu: {', '.join(LEVELS)}.")
    return level


def _fail(name: str, problem: str, fix: str = INSTALL_HINT) -> BoundaryError:
    return BoundaryError(f"Berkas batas wilayah {name}: {problem} {fix}")


def _check_codes(codes, level: str, name: str) -> None:
    """Codes match the Kemendagri form of the level and are unique."""
    bad = [c for c in codes if not CODE_PATTERN[level].fullmatch(c)]
    if bad:
        raise _fail(name, f"kode '{bad[0]}' bukan kode Kemendagri tingkat {level} (contoh: {CODE_EXAMPLE[level]}).",
                    "Kode BPS seperti 7601 tidak boleh dipakai (7601 = Majene = 76.05, bukan 76.01). " + INSTALL_HINT)
    duplicates = sorted(c for c, n in Counter(codes).items() if n > 1)
    if duplicates:
        raise _fail(name, f"kode {', '.join(duplicates[:3])} muncul lebih dari sekali.")


def _validate(frame: gpd.GeoDataFrame, level: str, name: str) -> gpd.GeoDataFrame:
    """Check CRS, properties, codes and geometry; return the frame as kode, nama, kode_induk, geometry."""
    if frame.crs is None or frame.crs.to_epsg() != 4326:
        raise _fail(name, f"sistem koordinatnya {frame.crs or 'tidak disebut'}, seharusnya EPSG:4326 "
                    "(bujur/lintang WGS 84).", REPROJECT_HINT)
    required = ["kode", "nama"] + ([PARENT_PROPERTY[level]] if PARENT_PROPERTY[level] else [])
    missing = [p for p in required if p not in frame.columns]
    if missing:
        raise _fail(name, f"properti {', '.join(missing)} tidak ada; setiap fitur {level} harus punya "
                    f"properti {', '.join(required)}.")
    codes = frame["kode"].astype("string").fillna("").str.strip()
    _check_codes(list(codes), level, name)
    parent = codes.str[:2] if level == "kabupaten" else frame[PARENT_PROPERTY[level]].astype("string").str.strip()
    wrong = [(k, p) for k, p in zip(codes, parent) if p != k.rsplit(".", 1)[0]]
    if wrong:
        raise _fail(name, f"kode induk '{wrong[0][1]}' tidak cocok dengan kode {wrong[0][0]}.")
    geometry = frame.geometry.values
    if frame.geometry.isna().any() or not set(frame.geom_type) <= {"Polygon", "MultiPolygon"}:
        raise _fail(name, "ada fitur tanpa geometri poligon (yang didukung hanya Polygon dan MultiPolygon).")
    minx, miny, maxx, maxy = shapely.total_bounds(geometry)
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise _fail(name, "koordinatnya bukan bujur/lintang (mungkin meter dalam proyeksi UTM).", REPROJECT_HINT)
    names = frame["nama"].astype("string").fillna("").str.strip()
    return gpd.GeoDataFrame({"kode": codes, "nama": names, "kode_induk": parent}, geometry=geometry, crs=frame.crs)


def _read(path: Path, level: str) -> gpd.GeoDataFrame:
    """Read and validate one file (unsimplified)."""
    try:
        frame = gpd.read_file(path, engine="pyogrio")
    except Exception as exc:  # pyogrio raises several types for unreadable/invalid files
        raise _fail(path.name, f"tidak dapat dibaca sebagai GeoJSON ({exc}).") from exc
    return _validate(frame, level, path.name)


FileKey = tuple[str, tuple[str, int, int] | None]  # (level, (resolved path, mtime_ns, size) or None)


def _file_key(level: str, geo_dir: str | os.PathLike | None) -> FileKey:
    path = boundary_path(level, geo_dir)
    if not path.is_file():
        return level, None
    stat = path.stat()
    return level, (str(path.resolve()), stat.st_mtime_ns, stat.st_size)


def _chain(level: str, geo_dir: str | os.PathLike | None) -> tuple[FileKey, ...]:
    """The file of a level and of each level above it (kecamatan: kecamatan, kabupaten), as cache keys."""
    keys = []
    while level:
        keys.append(_file_key(level, geo_dir))
        level = PARENT_LEVEL[level]
    return tuple(keys)


@lru_cache(maxsize=8)
def _checked(chain: tuple[FileKey, ...]) -> gpd.GeoDataFrame:
    """Read and check a file (unsimplified) once per version of it and of the files above it.

    Kabupaten names are checked against their codes here too, not only at `make geo`, and so is the geometry
    (inside the level above, near the reference points): a file copied in by hand with swapped codes or swapped
    polygons is refused (the screens then fall back to the tile map; admins are told why).
    """
    (level, (path, _, _)), above = chain[0], chain[1:]
    frame = _read(Path(path), level)
    if level == "kabupaten":
        _check_kabupaten_names(frame, Path(path).name)
    parent = _checked(above) if above and above[0][1] is not None else None
    check_placement(frame, level, Path(path).name, parent)
    return frame


@lru_cache(maxsize=8)
def _load_cached(chain: tuple[FileKey, ...]) -> gpd.GeoDataFrame:
    """The checked file, simplified for the screen."""
    frame = _checked(chain).copy()
    # Coverage simplification moves each shared edge once, so neighbours stay gap-free and no island drops.
    frame["geometry"] = shapely.coverage_simplify(frame.geometry.values, TOLERANCE[chain[0][0]])
    return frame.reset_index(drop=True)


def load_boundaries(level: str, geo_dir: str | os.PathLike | None = None) -> gpd.GeoDataFrame | None:
    """The simplified boundaries of a level (kode, nama, kode_induk, geometry), or None if not installed."""
    chain = _chain(_check_level(level), geo_dir)
    if chain[0][1] is None:
        return None
    return _load_cached(chain).copy()


def _km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Distance in km between two lon/lat points (equirectangular: exact enough at Sulbar's size)."""
    across = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot(across, lat2 - lat1) * KM_PER_DEGREE


@lru_cache(maxsize=1)
def reference_points() -> dict[str, dict[str, tuple[str, float, float, float]]]:
    """{level: {kode: (nama, lon, lat, tolerance km)}} from geo/reference_centroids.csv."""
    with REFERENCE_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    points: dict[str, dict[str, tuple[str, float, float, float]]] = {}
    for level, cap in PLACEMENT_CAP_KM.items():
        here = {r["kode"]: (r["nama"], float(r["lon"]), float(r["lat"])) for r in rows if r["level"] == level}
        points[level] = {
            kode: (nama, lon, lat, min(cap, min(
                _km(lon, lat, o_lon, o_lat) for other, (_, o_lon, o_lat) in here.items() if other != kode) / 2))
            for kode, (nama, lon, lat) in here.items()}
    return points


def check_placement(frame: gpd.GeoDataFrame, level: str, name: str, parent: gpd.GeoDataFrame | None = None) -> None:
    """Each polygon lies where its code says: mostly inside its parent's polygon (when the level above is
    given) and, for kabupaten and kecamatan, with its centroid near the code's reference point."""
    if parent is not None:
        _check_inside_parent(frame, level, name, parent)
    if level in PLACEMENT_CAP_KM:
        _check_near_reference(frame, level, name)


def _check_inside_parent(frame: gpd.GeoDataFrame, level: str, name: str, parent: gpd.GeoDataFrame) -> None:
    above = PARENT_LEVEL[level]
    shapes = dict(zip(parent["kode"], parent.geometry.values))
    names = dict(zip(parent["kode"], parent["nama"]))
    missing = [(k, p) for k, p in zip(frame["kode"], frame["kode_induk"]) if p not in shapes]
    if missing:
        raise _fail(name, i18n.t("peta.batas_induk_tak_ada", tingkat=LEVEL_NOUN[level], kode=missing[0][0],
                                 induk=missing[0][1], tingkat_induk=above))
    geometry = frame.geometry.values
    own = [shapes[p] for p in frame["kode_induk"]]
    share = shapely.area(shapely.intersection(geometry, own)) / shapely.area(geometry)
    for i in [i for i, s in enumerate(share) if not s >= INSIDE_PARENT_SHARE]:
        kode, nama, induk = frame["kode"].iloc[i], frame["nama"].iloc[i], frame["kode_induk"].iloc[i]
        overlaps = {k: shapely.area(shapely.intersection(geometry[i], g)) for k, g in shapes.items()}
        actual = max(overlaps, key=overlaps.get)
        raise _fail(name, i18n.t("peta.batas_di_luar_induk", tingkat=LEVEL_NOUN[level], nama=nama, kode=kode,
                                 persen=i18n.format_number(share[i] * 100, 0), tingkat_induk=above,
                                 induk=names[induk], kode_induk=induk, nama_sebenarnya=names[actual],
                                 kode_sebenarnya=actual))


def _check_near_reference(frame: gpd.GeoDataFrame, level: str, name: str) -> None:
    points = reference_points()[level]
    centroids = shapely.centroid(frame.geometry.values)
    for kode, nama, x, y in zip(frame["kode"], frame["nama"], shapely.get_x(centroids), shapely.get_y(centroids)):
        if kode not in points:
            raise _fail(name, i18n.t("peta.batas_tanpa_acuan", tingkat=LEVEL_NOUN[level], nama=nama, kode=kode))
        ref_nama, lon, lat, tolerance = points[kode]
        off = _km(lon, lat, x, y)
        if off > tolerance:
            nearest = min(points, key=lambda k: _km(points[k][1], points[k][2], x, y))
            raise _fail(name, i18n.t("peta.batas_jauh_dari_acuan", tingkat=LEVEL_NOUN[level], nama=nama,
                                     kode=kode, jarak=i18n.format_number(off, 0 if off >= 10 else 1),
                                     batas=i18n.format_number(tolerance, 1), acuan=ref_nama,
                                     tempat=points[nearest][0], kode_tempat=nearest))


@lru_cache(maxsize=1)
def _tile_map() -> gpd.GeoDataFrame:
    names = {kode: nama for kode, nama, _ in KABUPATEN}
    tiles = []
    for kode, (col, row) in TILE_GRID.items():
        lon, lat = TILE_ORIGIN[0] + col * TILE_STEP, TILE_ORIGIN[1] - row * TILE_STEP
        half = TILE_SIZE / 2
        tiles.append((kode, names[kode], shapely.box(lon - half, lat - half, lon + half, lat + half)))
    tiles.sort()
    frame = gpd.GeoDataFrame(
        {"kode": [t[0] for t in tiles], "nama": [t[1] for t in tiles], "kode_induk": PROVINCE, "skematis": True},
        geometry=[t[2] for t in tiles], crs="EPSG:4326")
    frame.attrs["skematis"] = True
    return frame


def tile_map() -> gpd.GeoDataFrame:
    """A schematic map of the six kabupaten as square tiles in rough geographic order (column skematis=True)."""
    return _tile_map().copy()


def map_layer(level: str, geo_dir: str | os.PathLike | None = None) -> tuple[gpd.GeoDataFrame, bool] | None:
    """(boundaries, is_schematic): real files when installed, the tile map for kabupaten, else None."""
    frame = load_boundaries(level, geo_dir)
    if frame is not None:
        return frame, False
    return (tile_map(), True) if level == "kabupaten" else None


def boundary_attribution(geo_dir: str | os.PathLike | None = None, lang: str = "id") -> str | None:
    """The attribution line from the installed SOURCES.md ('Batas wilayah administrasi: ...'); in English its
    'English: "..."' text when the file has one. None without the file."""
    path = resolve_dir(geo_dir) / SOURCES_FILE
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    english = re.search(r'English:\s*"([^"]+)"', text) if lang == "en" else None
    if english:
        return " ".join(english.group(1).split())
    lines = (line.strip().lstrip("> ").strip() for line in text.splitlines() if line.strip().startswith(">"))
    return next((line for line in lines if line.startswith("Batas wilayah")), None)


def _check_sulbar(frame: gpd.GeoDataFrame, level: str, name: str) -> None:
    """Checks that only hold for Sulawesi Barat: province 76, feature count, kabupaten names per code."""
    outside = [k for k in frame["kode"] if not k.startswith(PROVINCE + ".")]
    if outside:
        raise _fail(name, f"kode {outside[0]} bukan wilayah Sulawesi Barat; semua kode harus diawali {PROVINCE}.")
    if len(frame) != EXPECTED_COUNT[level]:
        raise _fail(name, f"berisi {len(frame)} fitur, padahal Sulawesi Barat punya {EXPECTED_COUNT[level]} "
                    f"{LEVEL_NOUN[level]}.")
    if level == "kabupaten":
        _check_kabupaten_names(frame, name)


def _check_kabupaten_names(frame: gpd.GeoDataFrame, name: str) -> None:
    """Each kabupaten code carries its own name (76.05 = Majene): swapped codes would paint one kabupaten's
    figures on another."""
    expected = {kode: nama for kode, nama, _ in KABUPATEN}
    for kode, nama in zip(frame["kode"], frame["nama"]):
        if kode not in expected:
            raise _fail(name, f"kode {kode} tidak dikenal; kode kabupaten yang sah: 76.01–76.06.")
        plain = nama.lower().removeprefix("kabupaten ").strip()
        if expected[kode].lower() != plain and KABUPATEN_ALIASES.get(plain) != kode:
            raise _fail(name, f"kode {kode} bernama '{nama}', padahal {kode} adalah {expected[kode]} menurut "
                        "Kemendagri. Kode BPS jangan diubah menjadi kode Kemendagri dengan menyisipkan titik.")


def check_file(path: str | os.PathLike, level: str, parent: gpd.GeoDataFrame | None = None) -> int:
    """Check a file for installation (GeoJSON, properties, Kemendagri codes of Sulbar, placement: near the
    reference points and, given the level above, inside it); return its feature count."""
    return len(_check_for_install(Path(path), level, parent))


def _check_for_install(path: Path, level: str, parent: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _fail(path.name, f"bukan GeoJSON yang sah ({exc}).") from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not data.get("features"):
        raise _fail(path.name, "bukan GeoJSON FeatureCollection yang berisi fitur.")
    frame = _read(path, level)
    _check_sulbar(frame, level, path.name)
    check_placement(frame, level, path.name, parent)
    return frame


def _installed(level: str | None, geo_dir: Path) -> gpd.GeoDataFrame | None:
    """The checked file of a level already in the geo dir; None when absent or itself refused (it will be
    refused at read, and replaced by `make geo`)."""
    if level is None or not boundary_path(level, geo_dir).is_file():
        return None
    try:
        return _checked(_chain(level, geo_dir))
    except BoundaryError:
        return None


def _level_of(path: Path) -> str:
    for level in LEVELS:
        if path.name == f"sulbar_{level}.geojson":
            return level
    raise BoundaryError(f"Nama berkas {path.name} tidak dikenal; beri nama sulbar_kabupaten.geojson, "
                        "sulbar_kecamatan.geojson atau sulbar_desa.geojson sesuai tingkatnya.")


def _sources(src: Path) -> list[tuple[str, Path]]:
    """(level, file) pairs to install from a folder or a single file."""
    if src.is_dir():
        found = [(level, src / f"sulbar_{level}.geojson") for level in LEVELS]
        found = [(level, path) for level, path in found if path.is_file()]
        if not found:
            raise BoundaryError(f"Folder {src} tidak berisi sulbar_kabupaten.geojson, sulbar_kecamatan.geojson "
                                "atau sulbar_desa.geojson.")
        return found
    if src.is_file():
        return [(_level_of(src), src)]
    raise FileNotFoundError(f"{src} tidak ditemukan.")


def install(src: str | os.PathLike, geo_dir: str | os.PathLike | None = None) -> list[tuple[str, int | None]]:
    """Check then copy boundary file(s) and SOURCES.md into the geo dir; return [(file name, features)]."""
    src, target = Path(src), resolve_dir(geo_dir)
    files = _sources(src)
    checked: dict[str, gpd.GeoDataFrame] = {}
    for level, path in files:  # every check before any write; LEVELS order, so a parent is checked first
        parent = PARENT_LEVEL[level]
        checked[level] = _check_for_install(path, level, checked.get(parent) if parent in checked
                                            else _installed(parent, target))
    counts = {level: len(frame) for level, frame in checked.items()}
    sources = (src if src.is_dir() else src.parent) / SOURCES_FILE
    copies = [(path, target / path.name) for _, path in files] + ([(sources, target / SOURCES_FILE)]
                                                                  if sources.is_file() else [])
    target.mkdir(parents=True, exist_ok=True)
    temps = []
    try:
        for source, final in copies:
            temp = final.with_name(f".{final.name}.tmp-{os.getpid()}")
            shutil.copyfile(source, temp)
            temps.append((temp, final))
        for temp, final in temps:
            os.replace(temp, final)
    finally:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
    return [(path.name, counts[level]) for level, path in files] + ([(SOURCES_FILE, None)] if sources.is_file() else [])


def _report(target: Path, installed: list[tuple[str, int | None]]) -> str:
    lines = [f"Batas wilayah terpasang di {target}:"]
    for name, count in installed:
        level = name.removeprefix("sulbar_").removesuffix(".geojson")
        lines.append(f"  {name}: " + (f"{count} {LEVEL_NOUN[level]}" if count is not None else "sumber dan lisensi"))
    return "\n".join(lines)


def _install(args: argparse.Namespace) -> None:
    try:
        installed = install(args.src, args.geo_dir)
    except FileNotFoundError as exc:
        raise cli.UsageError(exc) from exc
    except BoundaryError as exc:
        raise BoundaryError(f"folder geo tidak diubah: {exc}") from exc
    print(_report(resolve_dir(args.geo_dir), installed))


def main(argv: list[str] | None = None) -> int:
    """CLI: `python -m lib.maps.boundaries install SRC [--geo-dir DIR]`; exit 0 installed, 1 refused, 2 usage."""
    parser = argparse.ArgumentParser(prog="python -m lib.maps.boundaries", description="Pasang berkas batas wilayah Sulbar.")
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("install", help="periksa lalu salin berkas batas wilayah ke folder geo")
    cmd.add_argument("src", help="folder berisi sulbar_<tingkat>.geojson (dan SOURCES.md), atau satu berkas")
    cmd.add_argument("--geo-dir", default=None, help="folder tujuan (bawaan: setelan MONITOR41_GEO_DIR)")
    cmd.set_defaults(run=_install)
    return cli.dispatch(parser, argv, (BoundaryError,))


if __name__ == "__main__":
    sys.exit(cli.run(main))
