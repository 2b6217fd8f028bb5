"""What may be shown in public (setting MONITOR41_PUBLIC=1, and always on the Presentasi page).

- Counts under 5 at kecamatan or desa level are hidden and shown as "< 5": a small count in a small area
  can point at a family. The rule covers every count a row carries (value, previous value, target and
  band), and the figures computed from a hidden one (change, achievement) are hidden with it.
- No person's name: sources keep only the publisher, whatever the punctuation ("Kompas (kutipan Pj
  Gubernur …)", "Kompas - kutipan …", "Radar Sulbar [kutipan Bupati …]" -> the publisher), links keep
  only their site, and columns naming who loaded or rolled back data are dropped.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pandas as pd

from lib.text.i18n import COUNT_UNITS, MISSING

SMALL_COUNT = 5
SMALL_AREA_LEVELS = ("kecamatan", "desa")
SUPPRESSED_TEXT = "< 5"
NAME_COLUMNS = ("dimuat_oleh", "dibatalkan_oleh")
SOURCE_COLUMNS = ("sumber", "target_sumber")
# Count columns and, for each, the column that marks it hidden ("disamarkan" is the value's own mark).
COUNT_COLUMNS = {"nilai": "disamarkan", "nilai_sebelumnya": "nilai_sebelumnya_disamarkan",
                 "target": "target_disamarkan", "target_atas": "target_disamarkan"}
# Figures computed from counts: hidden when any count they come from is hidden.
DERIVED_COLUMNS = {"selisih": ("nilai", "nilai_sebelumnya"), "capaian_pct": ("nilai", "target", "target_atas")}

# Where a publisher's name ends: a bracket, a spaced or long dash, a slash between spaces, other clause
# punctuation, or a word that introduces a quotation or an official's title (case-insensitive).
_CLAUSE = re.compile(r"[(\[{<|:;\"“”'‘’]|,\s|\s[-–—/]|[–—]|(?<!\bNo)(?<!\bKab)(?<!\bKec)(?<!\bNomor)\.\s")
_QUOTING_WORDS = (
    "kutipan", "mengutip", "dikutip", "menurut", "kata", "ujar", "ucap", "sebut", "wawancara", "pernyataan",
    "keterangan", "paparan", "pidato", "siaran", "rilis", "gubernur", "wagub", "bupati", "wabup", "wakil",
    "wali", "walikota", "camat", "lurah", "kepala", "kadis", r"kadis\w+", "kadinkes", "kaban", "kabid", "kasi",
    "kasubag", "kasubbag", "sekretaris", "sekda", "pj", "plt", "plh", "ketua", "inspektur", "menteri", "menko",
    "deputi", "direktur", "dirjen", "irjen", "jubir", "juru", "humas", "koordinator", "perencana", "pejabat",
    "anggota", "staf", "dr", "prof", "bapak", "ibu", "pak", "bu", "h", "hj", "ir", "drs")
_QUOTING = re.compile(r"(?<![\w.])(?:" + "|".join(_QUOTING_WORDS) + r")(?![\w-])", re.IGNORECASE)
_TRAILING = " \t-–—/.,;:"


def public_source(source: object) -> object:
    """Only the publisher of a source, never a quoted official ("Kompas - kutipan Pj Gubernur X" -> "Kompas").

    A source whose first words already name a person or title yields "–" rather than anything of it.
    """
    if not isinstance(source, str):
        return source
    text = " ".join(source.split()).lstrip("\"“‘'")
    clause = _CLAUSE.search(text)
    if clause:
        text = text[:clause.start()]
    quoting = _QUOTING.search(text)
    if quoting:
        text = text[:quoting.start()]
    return text.strip(_TRAILING) or MISSING


def public_url(url: object) -> object:
    """Only the site of a link (its path may name a person): "https://kompas.com/read/..." -> "https://kompas.com"."""
    if not isinstance(url, str) or not url.strip():
        return url
    parts = urlsplit(url.strip())
    return f"{parts.scheme}://{parts.hostname}" if parts.scheme and parts.hostname else MISSING


def _small(frame: pd.DataFrame, column: str, area_count: pd.Series) -> pd.Series:
    values = pd.to_numeric(frame[column], errors="coerce")
    return area_count & values.notna() & (values < SMALL_COUNT)


def suppress_small_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Blank every count under SMALL_COUNT in kecamatan/desa rows, mark it (shown as "< 5"), and blank what
    is computed from it. The value's mark is `disamarkan`, the target's `target_disamarkan`."""
    if not {"nilai", "satuan", "level"} <= set(frame.columns):
        return frame
    area_count = frame["level"].isin(SMALL_AREA_LEVELS) & frame["satuan"].isin(COUNT_UNITS)
    hidden_by_column = {c: _small(frame, c, area_count) for c in COUNT_COLUMNS if c in frame.columns}
    if not any(mask.any() for mask in hidden_by_column.values()):
        return frame
    shown = frame.copy()
    for column, mask in hidden_by_column.items():
        mark = COUNT_COLUMNS[column]
        shown[mark] = (shown[mark] if mark in shown.columns else False) | mask
    for column, mask in hidden_by_column.items():
        shown.loc[shown[COUNT_COLUMNS[column]], column] = float("nan")
    for column, sources in DERIVED_COLUMNS.items():
        masks = [hidden_by_column[s] for s in sources if s in hidden_by_column]
        if column in shown.columns and masks:
            shown.loc[pd.concat(masks, axis=1).any(axis=1), column] = float("nan")
    return shown


def public_view(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame fit for public display: small counts hidden, sources and links without names, no loader names."""
    shown = suppress_small_counts(frame).drop(columns=[c for c in NAME_COLUMNS if c in frame.columns])
    changes = {c: shown[c].map(public_source) for c in SOURCE_COLUMNS if c in shown.columns}
    if "url" in shown.columns:
        changes["url"] = shown["url"].map(public_url)
    return shown.assign(**changes) if changes else shown


def public_result(result: object) -> object:
    """public_view applied to a frame, or to every frame in a tuple; anything else passes unchanged."""
    if isinstance(result, pd.DataFrame):
        return public_view(result)
    if isinstance(result, tuple):
        return tuple(public_result(item) for item in result)
    return result
