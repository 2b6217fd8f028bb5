"""Server-side images for the exports: kabupaten ranking charts (the Altair builder rendered by vl-convert,
no browser) and status maps (boundaries via lib.maps.boundaries drawn with matplotlib; the schematic tile map when no
boundaries are installed).

Speed (bench/README.md "Berkas apel"): vl-convert holds the GIL while it renders, so charts are rendered one
after another; the spec skips Altair's schema validation (the builder is validated by the screen tests);
maps are drawn with matplotlib's object API (no pyplot, no geopandas plotting) and each colouring's PNG is
kept for the run, so the deck, the share image and a second download reuse it.
"""
from __future__ import annotations

import shutil
import tempfile
import threading
from functools import lru_cache
from io import BytesIO
from pathlib import Path

import pandas as pd
import vl_convert as vlc

from lib.charts import values
from lib.charts.theme import INK, locale_config
from lib.export.adapter import Figure
from lib.export.fonts import FONT_NAME, font_path
from lib.judge import status
from lib.maps import boundaries
from lib.text import i18n

CHART_SCALE = 1.5  # 420 px wide × 1.5 = 630 px for a 5.7 in box on a 13.3 in slide: sharp at 1920×1080
NO_VALUE = status.status_color(None)  # a kabupaten on the map without an official value
MAP_KABUPATEN = tuple(kode for kode, _, _ in boundaries.KABUPATEN)  # every map shows all six
# Majene's label ends at its point and Polewali Mandar's starts at its own: centred, the two neighbours' names
# overlap on the real boundaries.
LABEL_ALIGN = {"76.05": "right", "76.04": "left"}
_MAP_LOCK = threading.Lock()  # matplotlib's font cache and text layout are not thread-safe


@lru_cache(maxsize=1)
def _register_fonts() -> tempfile.TemporaryDirectory:
    """Give vl-convert the same bundled font the PDF embeds, so images look alike on every machine.

    Only the two DejaVu Sans files, copied into a folder kept for the process: registering matplotlib's whole
    font folder (42 files) costs ~0,4 s per process."""
    folder = tempfile.TemporaryDirectory(prefix="monitor41-fonts-")
    for bold in (False, True):
        shutil.copyfile(font_path(bold), Path(folder.name) / font_path(bold).name)
    vlc.register_font_directory(folder.name)
    return folder  # cached, so the folder lives as long as the process


@lru_cache(maxsize=32)  # the deck, a share image and a second download in one process draw each chart once
def ranking_png(shown: tuple[Figure, ...], unit: str, arah: str, lang: str, *, target: float | None = None,
                target_upper: float | None = None, width: int = 420, height: int = 560,
                scale: float = CHART_SCALE) -> bytes:
    """The kabupaten ranking (lib.charts.values.ranking_chart) of the figures, with each period in its label, as PNG."""
    import altair as alt

    _register_fonts()
    # Each bar names its period, and "target provinsi" where the kabupaten is judged by the province's target.
    labels = [f"{f.nama} ({', '.join(p for p in (f.period, f.scope) if p)})" for f in shown]
    frame = pd.DataFrame({"nama": labels, "nilai": [f.value for f in shown],
                          "status": [f.status for f in shown], "fill": [f.color for f in shown]})
    unit_label = i18n.t(f"unit.{unit}", lang) if f"unit.{unit}" in i18n.STRINGS else ""
    chart = values.ranking_chart(frame, value_column="nilai", label_column="nama", unit_label=unit_label,
                                 status_column="status", arah=arah, lang=lang, font_size=22, target=target,
                                 target_upper=target_upper, fill_column="fill")  # muted where lama
    step = max(36, min(80, (height - 170) // max(len(shown), 1)))
    # One configure call: each Altair configure() replaces the whole config of the chart.
    chart = chart.properties(width=width, height=alt.Step(step)).configure(
        locale=locale_config(lang), font=FONT_NAME,
        legend={"labelFontSize": 18, "titleFontSize": 18, "orient": "bottom", "columns": 2, "labelLimit": 400,
                "symbolSize": 220, "labelColor": INK, "titleColor": INK})
    return vlc.vegalite_to_png(chart.to_json(validate=False), scale=scale)


def status_key(shown: tuple[Figure, ...], lang: str) -> tuple[tuple[str, str], ...]:
    """(colour, status word) for each colour a ranking and its map show ('Tercapai · lama' for a muted one), grey
    'Tidak ada data' when the map has a kabupaten without an official value: the key every renderer prints, so no
    colour goes without words. The scope ('target provinsi') stands on each bar, not in the key."""
    keys = dict.fromkeys((f.color, " · ".join(w for w in (f.status_word, f.stale_word) if w)) for f in shown)
    if {f.wilayah for f in shown} != set(MAP_KABUPATEN):
        keys[(NO_VALUE, i18n.status_label(None, lang))] = None
    return tuple(keys)


def _layer_key() -> tuple:
    """What the map is drawn from: the installed kabupaten file (path and version), or the tile map."""
    path = boundaries.boundary_path("kabupaten")
    if not path.is_file():
        return ("skematis",)
    stat = path.stat()
    return (str(path.resolve()), stat.st_mtime_ns, stat.st_size)


def map_png(shown: tuple[Figure, ...], width_in: float = 3.0, height_in: float = 4.2, dpi: int = 150) -> bytes:
    """Kabupaten coloured by status (grey where no official value), names on top, as PNG."""
    colours = tuple(sorted((f.wilayah, f.color) for f in shown))
    return _map_png(colours, _layer_key(), width_in, height_in, dpi)


@lru_cache(maxsize=32)
def _map_png(colours: tuple[tuple[str, str], ...], layer_key: tuple, width_in: float, height_in: float,
             dpi: int) -> bytes:
    """One colouring's map, drawn once per run (layer_key makes a new boundary file a new entry)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import PatchCollection
    from matplotlib.figure import Figure as Canvas
    from matplotlib.patches import PathPatch

    layer = boundaries.map_layer("kabupaten")
    frame, schematic = layer if layer is not None else (boundaries.tile_map(), True)
    fill = dict(colours)
    with _MAP_LOCK:
        minx, miny, maxx, maxy = frame.total_bounds  # the figure takes the map's shape: no empty margins
        fig = Canvas(figsize=(min(width_in, height_in * (maxx - minx) / (maxy - miny)), height_in), dpi=dpi)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0, 0, 1, 1))
        patches = [PathPatch(_path(shape)) for shape in frame.geometry]
        ax.add_collection(PatchCollection(patches, facecolor=[fill.get(k, NO_VALUE) for k in frame["kode"]],
                                          edgecolor="white", linewidth=1.2))
        ax.autoscale_view()
        for kode, nama, point in zip(frame["kode"], frame["nama"], frame.representative_point()):
            label = str(nama).replace("Kabupaten ", "").replace(" ", "\n", 1 if len(str(nama)) > 12 else 0)
            align = "center" if schematic else LABEL_ALIGN.get(kode, "center")
            ax.annotate(label, (point.x, point.y), ha=align, va="center", fontsize=7 if schematic else 6.5,
                        color=INK, fontweight="bold",
                        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75})
        ax.set_axis_off()
        ax.set_aspect("equal")
        buffer = BytesIO()  # cropped to the map and its labels, so the slide's box shows the map, not margins
        fig.savefig(buffer, format="png", transparent=False, facecolor="white", bbox_inches="tight", pad_inches=0.05)
    return buffer.getvalue()


def _path(shape):
    """A (multi)polygon as one matplotlib path, holes included (as geopandas draws it)."""
    import numpy as np
    from matplotlib.path import Path

    rings = [ring for part in getattr(shape, "geoms", [shape]) for ring in (part.exterior, *part.interiors)]
    return Path.make_compound_path(*(Path(np.asarray(ring.coords)[:, :2], closed=True) for ring in rings))
