"""Downloads: CSV and Excel of exactly the table a page shows, with source notes and formula-safe text.

Cells hold single values: a column of lists (a sparkline's trend) is left out, never written as "[8728.0]".
Text is written as stored except: control characters openpyxl refuses (a vertical tab in an old sumber)
are made spreadsheet-safe (lib.text.plain.spreadsheet_safe), so no stored text can make a download fail;
and text a spreadsheet would run as a formula gets a leading apostrophe.
"""
from __future__ import annotations

import io

import numpy as np
import pandas as pd

from lib.text import i18n
from lib.text.plain import spreadsheet_safe

# Text that a spreadsheet would run as a formula (CSV/formula injection) starts with one of these.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_text(value: object) -> object:
    """Text without controls, formula-like text with a leading apostrophe; numbers pass as they are."""
    if not isinstance(value, str):
        return value
    safe = spreadsheet_safe(value)
    # A control dropped or spaced at the start must not unmask a formula: '\x0b=1+1' is checked as '=1+1'.
    if safe.startswith(FORMULA_PREFIXES) or (safe != value and safe.lstrip().startswith(FORMULA_PREFIXES)):
        return "'" + safe
    return safe


def _is_list(value: object) -> bool:
    return isinstance(value, (list, tuple, set, np.ndarray))


def without_lists(frame: pd.DataFrame) -> pd.DataFrame:
    """frame without columns holding lists (a sparkline's values): a spreadsheet cell holds one number, never
    "[8728.0]"; the figures themselves travel in their own numeric columns (lib.present.tables export twins)."""
    listed = [c for c in frame.columns if frame[c].dtype == object and frame[c].map(_is_list).any()]
    return frame.drop(columns=listed)


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy without list columns (without_lists), every text cell (and column name) neutralised."""
    safe = without_lists(frame)
    safe.columns = [neutralise_text(str(c)) for c in safe.columns]
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_text)
    return safe


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with BOM (so Excel reads the accents), comma separated, dot decimals for re-use."""
    return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")


def to_excel_bytes(frame: pd.DataFrame, sheet: str, notes: list[str]) -> bytes:
    """An .xlsx file: the table on one sheet, the notes (sources, simulasi warning, as-of) on a second."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe_frame(frame).to_excel(writer, sheet_name=sheet[:31], index=False)
        pd.DataFrame({"Catatan": [neutralise_text(n) for n in notes]}).to_excel(
            writer, sheet_name="Catatan", index=False)
        for worksheet in writer.sheets.values():
            for column_cells in worksheet.columns:
                width = max(len(str(c.value or "")) for c in column_cells)
                worksheet.column_dimensions[column_cells[0].column_letter].width = min(max(width + 2, 10), 60)
    return buffer.getvalue()


def notes(frame: pd.DataFrame, lang: str) -> list[str]:
    """Notes that travel with a download: sources, and the simulasi warning when it applies."""
    found = [f"{i18n.t('caption.sumber', lang)}: {s}" for s in sorted(frame["sumber"].dropna().unique())]
    if (frame.get("jenis") == "simulasi").any():
        found.insert(0, i18n.t("jenis.simulasi", lang))
    return found
