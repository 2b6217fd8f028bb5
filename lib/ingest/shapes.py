"""The shapes of an upload file, shared by the template writer and the reader.

Two layouts are accepted:
- the canonical long format (CSV or XLSX): one row per value, columns LONG_COLUMNS (nama_wilayah optional);
- the Excel template made by `python -m lib.ingest template`: a header block naming the indicator and the
  period, then a table with one row per wilayah the user may report.
"""
from __future__ import annotations

# Canonical long format.
LONG_COLUMNS = ("indikator", "wilayah", "periode", "nilai", "sumber", "catatan")
OPTIONAL_COLUMNS = ("nama_wilayah",)

# Excel template: sheet names, the header block (label in column A, value in column B), the table.
TEMPLATE_SHEET = "Isian"
TEMPLATE_HELP_SHEET = "Petunjuk"
TEMPLATE_MARKER = "Templat Monitor 4+1 Sulbar"  # cell A1: tells the reader this is a template
HEADER_FIELDS = {  # label in column A -> key
    "Kode indikator": "indikator",
    "Nama indikator": "nama_indikator",
    "Satuan": "satuan",
    "Definisi": "definisi",
    "Kode periode": "periode",
    "Periode": "label_periode",
}
HEADER_FIRST_ROW = 3  # 1-based: A1 marker, A2 blank, header block from row 3
TABLE_COLUMNS = ("wilayah", "nama_wilayah", "nilai", "sumber", "catatan")
TABLE_HEADINGS = ("Kode wilayah", "Nama wilayah", "Nilai", "Sumber", "Catatan")
TABLE_HEADER_ROW = HEADER_FIRST_ROW + len(HEADER_FIELDS) + 1  # one blank row between block and table

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # 5 MiB: a year of desa-level monthly values is far smaller
MAX_ROWS = 50_000

# The longest text a cell may hold, in characters after trimming: one limit per column, the same for CSV and
# XLSX (lib.ingest.cells). sumber: the longest real citation in data/seed is 146 characters, so 500 leaves
# room for a document title and number; catatan: the longest seed note is 463, so 1.000. Anything longer is
# a pasted document that would swamp every table, tooltip and slide showing it (a 1 MB sumber took minutes
# to draw). Codes are short; nilai leaves room for the text of an uncached formula, which validate refuses
# with its own message. Uploads carry no url column (an unknown heading is refused).
MAX_CHARS = {"indikator": 50, "wilayah": 50, "nama_wilayah": 200, "periode": 50, "nilai": 200, "sumber": 500,
             "catatan": 1000}
