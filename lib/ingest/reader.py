"""Read an uploaded CSV or XLSX into raw rows; a file that cannot be read safely is refused whole.

Layouts (lib.ingest.layout): the long format, CSV or XLSX, headings in the first filled row; and the Excel
template (A1 == TEMPLATE_MARKER): indikator and periode from its header block, a table row per wilayah.
- Headings match ignoring case, spaces, '_' and '-'; aliases kode_wilayah, kode_indikator, kode_periode.
- Refused (UploadError): unknown or misspelt headings (a 'catatn' column would lose its data silently),
  a repeated heading, data under no heading (in a CSV usually a decimal comma splitting a value), merged
  table cells, more than MAX_ROWS rows, no data row, more than one sheet holding a data table.
- Skipped: empty rows; template rows with nilai, sumber and catatan all empty (the template lists every
  wilayah; blank = not reported; with sumber or catatan filled the row is kept and validate reports the
  missing nilai); total rows ('Jumlah'/'Total'/'Jml'/'Subtotal' leading wilayah, nama_wilayah or
  indikator, with no wilayah code), each named in Upload.notices.
- XLSX: see lib.ingest.xlsx (cells as shown, formulas, template, merged cells, sheets).
- CSV: UTF-8 with or without BOM, else Windows-1252 with a notice (it covers Latin-1's printable
  characters); the delimiter, ';' or ',', is whichever the heading line uses more, or the one named by
  Excel's 'sep=;' first line, which (as in Excel) is not counted: the heading is line 1.
"""
from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath

from openpyxl.utils import get_column_letter

from lib.i18n import format_number
from lib.ingest import layout
from lib.plain_text import visible

COLUMNS = ("indikator", "wilayah", "nama_wilayah", "periode", "nilai", "sumber", "catatan")
REQUIRED = ("indikator", "wilayah", "periode", "nilai", "sumber")
TEMPLATE_REQUIRED = ("wilayah", "nilai", "sumber")
ALIASES = {"kode_wilayah": "wilayah", "kode_indikator": "indikator", "kode_periode": "periode"}
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
    """What was read: the rows, notices for the user (skipped rows, encoding), and the layout."""

    rows: list[SourceRow]
    notices: list[str]
    kind: str  # "csv", "xlsx" or "templat"


def read_upload(file_name: str, data: bytes) -> Upload:
    """Read an uploaded .csv or .xlsx; raise UploadError (with the fix) when it cannot be read safely."""
    from lib.ingest import xlsx  # imported here: xlsx imports this module's row model and heading rules

    name = visible(PurePath(file_name).name, 120)  # quoted in every refusal
    check_size(name, len(data))
    suffix, head = PurePath(name).suffix.lower(), data[:4096]
    binary = head.startswith((b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")) or (
        b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")))  # UTF-16 gets its own message
    if suffix == ".xlsx" and xlsx.is_xlsx(data):
        rows, notices, kind = xlsx.read_xlsx(data)
    elif suffix == ".csv" and not binary:
        rows, notices, kind = _read_csv(name, data)
    else:
        raise UploadError(f"Berkas '{name}' bukan CSV atau XLSX. Simpan ulang sebagai .xlsx (Excel 2007+) atau .csv.")
    if not rows:
        raise UploadError(f"Berkas '{name}' tidak berisi baris data, hanya judul kolom. Isi satu baris per nilai "
                          "di bawah judul kolom (di templat: isi kolom Nilai dan Sumber).")
    return Upload(rows=rows, notices=notices, kind=kind)


def check_size(file_name: str, size: int) -> None:
    """Refuse an empty file or one over layout.MAX_UPLOAD_BYTES; the CLI asks before reading the file."""
    name = visible(PurePath(file_name).name, 120)
    if not size:
        raise UploadError(f"Berkas '{name}' kosong (0 byte). Pilih berkas yang berisi data.")
    if size > layout.MAX_UPLOAD_BYTES:
        raise UploadError(
            f"Berkas '{name}' berukuran {format_number(size / _MIB, 1)} MB ({format_number(size)} byte), "
            f"melebihi batas {format_number(layout.MAX_UPLOAD_BYTES / _MIB)} MB "
            f"({format_number(layout.MAX_UPLOAD_BYTES)} byte). Bagi datanya menjadi beberapa berkas, mis. per "
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
    """Name each missing column with the closest heading found, and each unknown heading."""
    parts = []
    for column in missing:
        close = difflib.get_close_matches(column, list(unknown), n=1, cutoff=0.6)
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
        if count > layout.MAX_ROWS:
            raise UploadError(f"Berkas berisi lebih dari {format_number(layout.MAX_ROWS)} baris data. Bagi "
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


def _decode(name: str, data: bytes) -> tuple[str, list[str]]:
    """UTF-8 (BOM optional), else Windows-1252 with a notice; anything else is refused."""
    fix = "Simpan ulang dari Excel sebagai 'CSV UTF-8 (Comma delimited)'."
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UploadError(f"Berkas '{name}' tersimpan sebagai UTF-16 ('Unicode Text'). {fix}")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), [(f"Berkas '{name}' bukan UTF-8, jadi dibaca sebagai Windows-1252 (cp1252); "
                                       "periksa huruf khusus (mis. é) di pratinjau. Lain kali simpan sebagai "
                                       "'CSV UTF-8'.")]
    except UnicodeDecodeError as exc:
        raise UploadError(f"Berkas '{name}' tidak bisa dibaca sebagai UTF-8 maupun Windows-1252 (cp1252): byte "
                          f"0x{data[exc.start]:02X} pada posisi {exc.start} tidak sah di keduanya. {fix}") from None


def _read_csv(name: str, data: bytes) -> tuple[list[SourceRow], list[str], str]:
    text, notices = _decode(name, data)
    if "\x00" in text:  # a binary file; other control characters are refused per cell (lib.ingest.cells)
        raise UploadError(f"Berkas '{name}' bukan CSV atau XLSX. Simpan ulang sebagai .xlsx (Excel 2007+) atau .csv.")
    hint = re.match(r"sep=([;,])[ \t]*\r?\n", text)  # Excel's delimiter line; Excel hides it, so do we
    text = text[hint.end():] if hint else text
    heading = hint[1] if hint else next((line for line in text.splitlines() if line.strip()), "")
    if heading.count(";") == heading.count(",") == 0 and "\t" in heading:
        raise UploadError(f"Berkas '{name}' memakai tab sebagai pemisah kolom. Simpan sebagai CSV dengan pemisah "
                          "';' atau ','.")
    delimiter = ";" if heading.count(";") > heading.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records, last = [], 0
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                records.append((last + 1, record))
            last = reader.line_num
    except csv.Error as exc:
        raise UploadError(_csv_error(name, last + 1, exc)) from None
    if not records:
        raise UploadError(f"Berkas '{name}' tidak berisi data. Baris pertama harus judul kolom: {', '.join(REQUIRED)}.")
    (line, headings), table = records[0], records[1:]
    mapping = map_headings(headings, line, COLUMNS, REQUIRED)
    rows, more = collect_rows(table, mapping, {}, template=False, formulas={})
    return rows, notices + more, "csv"


def _csv_error(name: str, line: int, exc: csv.Error) -> str:
    """Explain a CSV the csv module cannot split: an overlong cell gets the text limits, the rest the quotes."""
    if "field larger than field limit" not in str(exc):
        return f"Berkas '{name}' rusak di baris {line}: {exc}. Periksa tanda kutip di baris itu."
    limits = ", ".join(f"{column} {format_number(layout.MAX_CHARS[column])}" for column in ("sumber", "catatan"))
    return (f"Berkas '{name}': sel yang mulai di baris {line} lebih panjang dari "
            f"{format_number(csv.field_size_limit())} karakter, padahal teks dibatasi ({limits} karakter). "
            "Bila selnya memang sepanjang itu, ringkas isinya; bila tidak, sel itu diawali tanda kutip (\") "
            "tanpa penutup yang menelan baris-baris berikutnya: tambahkan tanda kutip penutupnya.")
