"""Server-side images for the exports: kabupaten ranking charts (the Altair builder rendered by vl-convert,
no browser) and status maps (geopandas + matplotlib; the schematic tile map when no boundaries are installed)."""
from __future__ import annotations

import io
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")  # no display on a server
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import vl_convert as vlc  # noqa: E402

from lib import charts, geo, i18n  # noqa: E402
from lib.chart_theme import INK, locale_config  # noqa: E402
from lib.export.adapter import Figure  # noqa: E402
from lib.export.fonts import FONT_NAME, font_path  # noqa: E402


@lru_cache(maxsize=1)
def _register_fonts() -> None:
    """Give vl-convert the same bundled font the PDF embeds, so images look alike on every machine."""
    vlc.register_font_directory(str(font_path().parent))


def ranking_png(shown: tuple[Figure, ...], unit: str, arah: str, lang: str, *, target: float | None = None,
                target_upper: float | None = None, width: int = 420, height: int = 560, scale: float = 2.0) -> bytes:
    """The kabupaten ranking (lib.charts.ranking_chart) of the figures, with each period in its label, as PNG."""
    _register_fonts()
    frame = pd.DataFrame({"nama": [f"{f.nama} ({f.period})" for f in shown], "nilai": [f.value for f in shown],
                          "status": [f.status for f in shown], "fill": [f.color for f in shown]})
    unit_label = i18n.t(f"unit.{unit}", lang) if f"unit.{unit}" in i18n.STRINGS else ""
    chart = charts.ranking_chart(frame, value_column="nilai", label_column="nama", unit_label=unit_label,
                                 status_column="status", arah=arah, lang=lang, font_size=22, target=target,
                                 target_upper=target_upper, fill_column="fill")  # muted where lama
    step = max(36, min(80, (height - 170) // max(len(shown), 1)))
    # One configure call: each Altair configure() replaces the whole config of the chart.
    chart = chart.properties(width=width, height=alt_step(step)).configure(
        locale=locale_config(lang), font=FONT_NAME,
        legend={"labelFontSize": 18, "titleFontSize": 18, "orient": "bottom", "columns": 2, "labelLimit": 400,
                "symbolSize": 220, "labelColor": INK, "titleColor": INK})
    return vlc.vegalite_to_png(chart.to_json(), scale=scale)


def alt_step(step: int):
    """An Altair band step (kept here so callers need not import altair)."""
    import altair as alt

    return alt.Step(step)


def _layer() -> tuple[object, bool]:
    layer = geo.map_layer("kabupaten")
    return layer if layer is not None else (geo.tile_map(), True)


def map_png(shown: tuple[Figure, ...], width_in: float = 3.0, height_in: float = 4.2, dpi: int = 150) -> bytes:
    """Kabupaten coloured by status (grey where no official value), names on top, as PNG."""
    frame, schematic = _layer()
    colours = {f.wilayah: f.color for f in shown}
    fig, ax = plt.subplots(figsize=(width_in, height_in), dpi=dpi)
    frame.plot(ax=ax, color=[colours.get(k, "#9E9E9E") for k in frame["kode"]], edgecolor="white", linewidth=1.2)
    for kode, nama, point in zip(frame["kode"], frame["nama"], frame.representative_point()):
        label = str(nama).replace("Kabupaten ", "").replace(" ", "\n", 1 if len(str(nama)) > 12 else 0)
        ax.annotate(label, (point.x, point.y), ha="center", va="center", fontsize=7 if schematic else 6.5,
                    color=INK, fontweight="bold",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75})
    ax.set_axis_off()
    ax.set_aspect("equal")
    fig.tight_layout(pad=0.1)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", transparent=False, facecolor="white")
    plt.close(fig)
    return buffer.getvalue()
