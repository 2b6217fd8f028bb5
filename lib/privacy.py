"""What may be shown in public (setting MONITOR41_PUBLIC=1, and always on the Presentasi page).

- Counts of people under 5 at kecamatan or desa level are hidden and shown as "< 5": a small count in a
  small area can point at a family.
- No person's name: sources keep only the publisher ("Kompas (kutipan Pj Gubernur …)" -> "Kompas"), and
  columns naming who loaded or rolled back data are dropped.
"""
from __future__ import annotations

import re

import pandas as pd

from lib.i18n import COUNT_UNITS

SMALL_COUNT = 5
SMALL_AREA_LEVELS = ("kecamatan", "desa")
SUPPRESSED_TEXT = "< 5"
NAME_COLUMNS = ("dimuat_oleh", "dibatalkan_oleh")
_QUOTE = re.compile(r"\s*\([^)]*\)")


def public_source(source: object) -> object:
    """The publisher part of a source, without the quoted official (their names stay out of public view)."""
    if not isinstance(source, str):
        return source
    return _QUOTE.sub("", source).strip() or source


def suppress_small_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Blank counts under SMALL_COUNT in kecamatan/desa rows and mark them `disamarkan` (shown as "< 5")."""
    if not {"nilai", "satuan", "level"} <= set(frame.columns):
        return frame
    small = (frame["level"].isin(SMALL_AREA_LEVELS) & frame["satuan"].isin(COUNT_UNITS)
             & frame["nilai"].notna() & (frame["nilai"] < SMALL_COUNT))
    if not small.any():
        return frame
    hidden = frame.copy()
    hidden["disamarkan"] = small
    for column in ("nilai", "nilai_sebelumnya", "selisih", "capaian_pct"):
        if column in hidden:
            hidden.loc[small, column] = float("nan")
    return hidden


def public_view(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame fit for public display: small counts hidden, sources without names, no loader names."""
    shown = suppress_small_counts(frame).drop(columns=[c for c in NAME_COLUMNS if c in frame.columns])
    if "sumber" in shown.columns:
        shown = shown.assign(sumber=shown["sumber"].map(public_source))
    return shown


def public_result(result: object) -> object:
    """public_view applied to a frame, or to every frame in a tuple; anything else passes unchanged."""
    if isinstance(result, pd.DataFrame):
        return public_view(result)
    if isinstance(result, tuple):
        return tuple(public_result(item) for item in result)
    return result
