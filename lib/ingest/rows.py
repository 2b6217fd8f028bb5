"""The rows of an upload as read, before validation: the row model, the size limit, and the heading and cell
rules shared by the CSV reader (lib.ingest.csv_table), the XLSX reader (lib.ingest.xlsx) and tindakan uploads.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath

from openpyxl.utils import get_column_letter

from lib.ingest import shapes
from lib.text.i18n import format_number
from lib.text.plain import visible

COLUMNS = ("indikator", "wilayah", "nama_wilayah", "periode", "nilai", "sumber", "catatan")
REQUIRED = ("indikator", "wilayah", "periode", "nilai", "sumber")
TEMPLATE_REQUIRED = ("wilayah", "nilai", "sumber")
ALIASES = {"kode_wilayah": "wilayah", "kode_indikator": "indikator", "kode_periode": "periode"}
# A heading counts as a misspelling of a missing column when difflib's similarity ratio of the two (after
# lower-casing) is at least this: 'catatn' -> 'catatan' 0.92, 'nlai' -> 'nilai' 0.89, 'nilia' -> 'nilai' 0.8, but
# 'umur' -> 'sumber' 0.6 and 'tahun' -> 'periode' are other columns, not typos, so they are not offered.
CLOSE_HEADING = 0.8
_TOTAL = re.compile(r"(sub\s*)?(jumlah|total|jml)\b", re.IGNORECASE)
_MIB = 1024 * 1024


class UploadError(Exception):
    """The whole file is refused; the message (Bahasa Indonesia) says what is wrong and the fix."""


@dataclass(frozen=True)
class SourceRow:
    """One data row as typed: its line as the user sees it, raw text per column, an XLSX number."""

    line: int
    cells: dict[str, str]
    numeric: float | None = None


@dataclass(frozen=True)
class Upload:
    """What was read: the rows, notices for the user (skipped rows, encoding), and the shapes."""

    rows: list[SourceRow]
    notices: list[str]
    kind: str  # "csv", "xlsx" or "templat"


def check_size(file_name: str, size: int) -> None:
    """Refuse an empty file or one over shapes.MAX_UPLOAD_BYTES; the CLI asks before reading the file."""
    name = visible(PurePath(file_name).name, 120)
    if not size:
        raise UploadError(f"Berkas '{name}' kosong (0 byte). Pilih berkas yang berisi data.")
    if size > shapes.MAX_UPLOAD_BYTES:
        raise UploadError(
            f"Berkas '{name}' berukuran {format_number(size / _MIB, 1)} MB ({format_number(size)} byte), "
            f"melebihi batas {format_number(shapes.MAX_UPLOAD_BYTES / _MIB)} MB "
            f"({format_number(shapes.MAX_UPLOAD_BYTES)} byte). Bagi datanya menjadi beberapa berkas, mis. per "
            "indikator atau per bulan.")


def heading_column(heading: object) -> str:
    """The canonical column a heading names (or its normalised text): ' Kode Wilayah' -> 'wilayah'."""
    key = re.sub(r"[\s_\-]+", "_", cell_text(heading).replace("\ufeff", "").strip().lower().rstrip("*:").strip())
    return ALIASES.get(key, key)


def map_headings(headings: list, line: int, allowed: tuple, required: tuple) -> dict[int, str]:
    """Column index -> canonical column; refuse unknown, repeated or missing headings."""
    mapping: dict[int, str] = {}
    unknown: dict[str, str] = {}
    for index, heading in enumerate(headings):
        column = heading_column(heading)
        if column in mapping.values():
            raise UploadError(f"Judul kolom '{column}' muncul dua kali pada baris {line}. Hapus salah satu "
                              "kolomnya atau gabungkan isinya.")
        if column in allowed:
            mapping[index] = column
        elif column:
            unknown[column] = visible(cell_text(heading).strip())
    missing = [column for column in allowed if column not in mapping.values()]
    if unknown or any(column in missing for column in required):
        raise UploadError(_heading_message(unknown, missing, required, allowed, line, bool(mapping)))
    return mapping


def _heading_message(unknown: dict, missing: list, required: tuple, allowed: tuple, line: int,
                     any_known: bool) -> str:
    """Name each missing column with the heading that misspells it (difflib ratio >= 0.8), and each unknown one."""
    parts = []
    for column in missing:
        close = difflib.get_close_matches(column, list(unknown), n=1, cutoff=CLOSE_HEADING)
        if close:
            parts.append(f"Kolom '{column}' tidak ada; yang ada '{unknown.pop(close[0])}' — betulkan judul "
                         "kolomnya.")
        elif column in required:
            parts.append(f"Kolom '{column}' tidak ada.")
    parts += [f"Kolom '{heading}' tidak dikenal; hapus kolom itu atau pindahkan isinya ke kolom catatan (isi "
              "kolom yang tidak dikenal tidak bisa dimuat)." for heading in unknown.values()]
    optional = [column for column in allowed if column not in required]
    parts.append(f"Kolom wajib: {', '.join(required)}; kolom pilihan: {', '.join(optional)}.")
    if not any_known:
        parts.append(f"Baris {line} dibaca sebagai judul kolom; bila di atasnya ada judul laporan, hapus "
                     "baris itu.")
    return f"Judul kolom pada baris {line} tidak sesuai. " + " ".join(parts)


def cell_text(value: object) -> str:
    """A cell value as the text the user typed or sees (numbers without a trailing .0, dates as ISO)."""
    if value is None or isinstance(value, (str, bool)):
        return {None: "", True: "TRUE", False: "FALSE"}[value] if not isinstance(value, str) else value
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        value = value.date()
    return value.isoformat(" ") if isinstance(value, datetime) else str(value)


def _total_label(cells: dict[str, str]) -> str | None:
    """The 'Jumlah'/'Total' word of a total row (no wilayah code; the word leads a name cell), else None."""
    wilayah = cells["wilayah"].strip()
    if wilayah and not _TOTAL.match(wilayah):
        return None
    return next((text for text in (cells[c].strip() for c in ("wilayah", "nama_wilayah", "indikator"))
                 if _TOTAL.match(text)), None)


def collect_rows(table, mapping: dict[int, str], fixed: dict, template: bool, formulas: dict) -> tuple:
    """Turn (line, values) rows into SourceRows; skip blank, unreported and total rows with notices."""
    rows, notices, stray, count = [], [], [], 0
    for line, values in table:
        cells = dict.fromkeys(COLUMNS, "") | fixed
        numeric = None
        for index, value in enumerate(values):
            column = mapping.get(index)
            if value is None and (line, index) in formulas:
                value = _uncached(line, index, column, formulas, notices)
            if column is None:
                if cell_text(value).strip():
                    stray.append(f"{get_column_letter(index + 1)}{line} ('{visible(cell_text(value).strip(), 30)}')")
                continue
            cells[column] = cell_text(value)
            if column == "nilai" and isinstance(value, (int, float)) and not isinstance(value, bool):
                numeric = float(value)
        if not any(cells[c].strip() for c in COLUMNS if c not in fixed):
            continue
        count += 1
        if count > shapes.MAX_ROWS:
            raise UploadError(f"Berkas berisi lebih dari {format_number(shapes.MAX_ROWS)} baris data. Bagi "
                              "menjadi beberapa berkas, mis. per kabupaten atau per bulan.")
        if template and not any(cells[c].strip() for c in ("nilai", "sumber", "catatan")):
            continue
        label = _total_label(cells)
        if label:
            notices.append(f"Baris {line} ('{visible(label)}') dianggap baris jumlah dan dilewati; bila itu angka "
                           "provinsi, tulis kode wilayah 76 di baris itu.")
            continue
        rows.append(SourceRow(line=line, cells=cells, numeric=numeric))
    if stray:
        raise UploadError(
            f"Ada isi di luar kolom yang berjudul: {', '.join(stray[:5])}{' …' if len(stray) > 5 else ''}. "
            "Data itu tidak akan termuat, jadi berkas ditolak. Di CSV ini biasanya koma desimal yang "
            "memecah angka (40,6 dengan pemisah ','): beri tanda kutip atau simpan dengan pemisah ';'. "
            "Di XLSX: beri judul kolomnya atau hapus isinya.")
    return rows, notices


def _uncached(line: int, index: int, column: str | None, formulas: dict, notices: list) -> str | None:
    """A formula without a cached result: empty with a notice; its text when it sits in nilai."""
    ref, formula = f"{get_column_letter(index + 1)}{line}", visible(formulas[(line, index)])
    if column == "nilai":
        notices.append(f"Sel {ref} (nilai) berisi rumus tanpa hasil tersimpan ({formula}); barisnya ditolak "
                       "sampai berkas dibuka di Excel lalu disimpan ulang.")
        return formulas[(line, index)]
    notices.append(f"Sel {ref} berisi rumus tanpa hasil tersimpan ({formula}) dan dibaca kosong; buka "
                   "berkas di Excel lalu simpan ulang agar hasil rumusnya ikut tersimpan.")
    return None
