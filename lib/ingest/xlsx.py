"""Read an uploaded XLSX (long format or the Excel template) into raw rows for lib.ingest.reader.

- Numbers are what the cell shows (a percentage cell storing 0.406 reads 40.6); formulas give their
  cached value; with none, the cell reads empty plus a notice, except nilai, which keeps the formula text
  so validate refuses the row instead of losing it. Text starting with = + - @ stays text; dates read as
  ISO text. Lines are Excel row numbers.
- The template is the sheet with A1 == TEMPLATE_MARKER; otherwise the one sheet whose first filled row
  names data columns is read (others get a notice; two such sheets are refused).
- Refused: the sheet read being hidden or holding data in hidden or filtered-out rows or hidden columns
  (lib.ingest.xlsx_hidden); merged heading or table cells; an archive that unzips too large (zip bomb); a
  workbook with more cells, merged or linked areas, or a sheet used further than an upload needs
  (lib.ingest.xlsx_scan, streamed before openpyxl loads anything); a workbook openpyxl cannot open; an
  empty workbook.
"""
from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal

import openpyxl

from lib.ingest import shapes, xlsx_hidden, xlsx_scan
from lib.ingest.rows import (
    COLUMNS,
    REQUIRED,
    TEMPLATE_REQUIRED,
    SourceRow,
    UploadError,
    cell_text,
    collect_rows,
    heading_column,
    map_headings,
)

_MAX_UNZIPPED = 40 * shapes.MAX_UPLOAD_BYTES  # far beyond any real sheet; stops zip bombs
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[ >/]")
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def is_xlsx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names, unzipped = archive.namelist(), sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        return False
    if unzipped > _MAX_UNZIPPED:
        raise UploadError("Isi berkas XLSX terlalu besar setelah dibuka. Salin hanya tabel datanya ke buku kerja "
                          "baru lalu unggah lagi.")
    return "xl/workbook.xml" in names


def read_xlsx(data: bytes) -> tuple[list[SourceRow], list[str], str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xlsx_scan.scan(archive)  # before openpyxl builds anything: cell, range and extent budgets
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for a broken or foreign zip
        raise UploadError("Berkas XLSX tidak bisa dibuka (rusak atau bukan buku kerja Excel). Buka di Excel lalu "
                          f"simpan ulang sebagai .xlsx. ({type(exc).__name__})") from None
    for sheet in book.worksheets:
        if cell_text(sheet["A1"].value).strip() == shapes.TEMPLATE_MARKER:
            xlsx_hidden.refuse_hidden(sheet)
            return _read_template(sheet, _formulas(data, sheet.title))
    sheet, top, notices = _data_sheet(book)
    xlsx_hidden.refuse_hidden(sheet)
    line, headings = next(table := _sheet_rows(sheet, top))
    mapping = map_headings(headings, line, COLUMNS, REQUIRED)
    rows, more = collect_rows(table, mapping, {}, template=False, formulas=_formulas(data, sheet.title))
    return rows, notices + more, "xlsx"


def _data_sheet(book) -> tuple:
    """The one sheet whose first filled row names data columns; other non-empty sheets get a notice."""
    found, others = [], []
    for sheet in book.worksheets:
        rows = sheet.iter_rows(values_only=True)
        top = next((n for n, values in enumerate(rows, 1) if any(cell_text(v).strip() for v in values)), None)
        if top is not None:
            names = {heading_column(cell.value) for cell in sheet[top]}
            (found if len(names & set(COLUMNS)) >= 2 else others).append((sheet, top))
    if len(found) > 1:
        raise UploadError(f"Beberapa lembar berisi tabel data ({', '.join(repr(s.title) for s, _ in found)}). "
                          "Satukan ke satu lembar atau unggah tiap lembar sebagai berkas sendiri.")
    if not found + others:
        raise UploadError("Buku kerja ini kosong. Isi judul kolom di baris pertama lalu satu baris per nilai.")
    sheet, top = (found or others)[0]
    return sheet, top, [f"Lembar '{s.title}'{' (tersembunyi)' if xlsx_hidden.is_hidden(s) else ''} tidak dibaca "
                        "(bukan tabel data)." for s, _ in found + others if s is not sheet]


def _sheet_rows(sheet, first: int):
    """(row number, values) from the heading row down; refuse merged table cells and runaway sheets."""
    for merged in sheet.merged_cells.ranges:
        if merged.min_row <= first <= merged.max_row:
            raise UploadError(f"Judul kolom pada baris {first} digabung (merge) di sel {merged.coord}; pisahkan "
                              "sel (Unmerge) dan beri tiap kolom judulnya sendiri.")
        if merged.min_row > first:
            raise UploadError(f"Sel {merged.coord} pada lembar '{sheet.title}' digabung (merge); pisahkan sel "
                              "(Unmerge) dan isi nilainya di setiap baris.")
    for number, cells in enumerate(sheet.iter_rows(min_row=first, max_col=sheet.max_column), first):
        yield number, [_shown(cell) for cell in cells]


def _shown(cell) -> object:
    """The value as the cell shows it: 0.406 formatted as percentage shows 40,6%; _x000B_ is a vertical tab."""
    value, shape = cell.value, re.sub(r'"[^"]*"|\\.', "", cell.number_format or "")  # quoted % is literal
    if isinstance(value, str):
        # Excel writes characters XML cannot hold as _xHHHH_; openpyxl leaves them so. lib.ingest.cells
        # then reads a vertical tab as a space and refuses other control characters, as in a CSV.
        return _EXCEL_ESCAPE.sub(_unescaped, value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in shape:
        return float(Decimal(repr(value)) * 100)
    return value


def _unescaped(match: re.Match) -> str:
    """The character an _xHHHH_ escape stands for; a lone surrogate (not a character) stays as written."""
    point = int(match.group(1), 16)
    return match.group() if 0xD800 <= point <= 0xDFFF else chr(point)


def _formulas(data: bytes, title: str) -> dict[tuple[int, int], str]:
    """(row, column index) -> formula text of every formula cell in the sheet, read without values."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if not any(_FORMULA_TAG.search(archive.read(n)) for n in archive.namelist() if n.startswith("xl/worksheets/")):
            return {}
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    try:
        return {(cell.row, cell.column - 1): cell.value for row in book[title].iter_rows() for cell in row
                if getattr(cell, "data_type", None) == "f"}
    finally:
        book.close()


def _read_template(sheet, formulas: dict) -> tuple[list[SourceRow], list[str], str]:
    """Indikator and periode from the header block, then one SourceRow per filled table row."""
    labels = {label.lower(): key for label, key in shapes.HEADER_FIELDS.items()}
    block = {}
    for number in range(shapes.HEADER_FIRST_ROW, shapes.TABLE_HEADER_ROW):
        key = labels.get(cell_text(sheet.cell(number, 1).value).strip().lower())
        if key:
            block[key] = (number, cell_text(sheet.cell(number, 2).value).strip())
    fixed = {}
    for key, label in (("indikator", "Kode indikator"), ("periode", "Kode periode")):
        number, value = block.get(key, (None, ""))
        if not value:
            where = f"Sel B{number}" if number else f"Label '{label}' di kolom A"
            raise UploadError(f"{where} pada lembar '{sheet.title}' kosong atau hilang: templat perlu "
                              f"'{label}'. Unduh ulang templat atau isi sel itu.")
        fixed[key] = value
    table = _sheet_rows(sheet, shapes.TABLE_HEADER_ROW)
    line, headings = next(table, (shapes.TABLE_HEADER_ROW, ()))
    mapping = map_headings(headings, line, shapes.TABLE_COLUMNS, TEMPLATE_REQUIRED)
    rows, notices = collect_rows(table, mapping, fixed, template=True, formulas=formulas)
    return rows, notices, "templat"
