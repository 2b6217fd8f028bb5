"""Shared data of the map tests (tests/lib/test_maps.py, test_map_chart.py, test_map_deck.py, test_geo.py): the
project's own boundary folder (geo/, committed with its licence) and a stunting frame of the six kabupaten."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

GEO = Path(__file__).resolve().parents[1] / "geo"
# Stunting prevalence per kabupaten in kode order 76.01..76.06; Mamuju (76.02) has no figure here.
VALUES = [30.1, np.nan, 35.2, 40.6, 41.9, 44.3]


def stunting_frame(shapes):
    """The shapes in kode order with VALUES as nilai and "Majene: 41,9%"-style labels."""
    frame = shapes.sort_values("kode").reset_index(drop=True)
    frame["nilai"] = VALUES
    frame["label"] = [f"{n}: {'–' if pd.isna(v) else str(v).replace('.', ',') + '%'}"
                      for n, v in zip(frame["nama"], VALUES)]
    return frame
