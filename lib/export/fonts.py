"""The exports' font: DejaVu Sans as shipped inside matplotlib (a pinned pip package), so PDFs and images
render offline and the same on every machine, without relying on system font packages."""
from __future__ import annotations

from pathlib import Path

import matplotlib

FONT_NAME = "DejaVu Sans"


def font_path(bold: bool = False) -> Path:
    """The bundled DejaVu Sans TrueType file (regular or bold)."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name
