"""Read an uploaded CSV or XLSX into raw rows; a file that cannot be read safely is refused whole.

Layouts (lib.ingest.shapes): the long format, CSV or XLSX, headings in the first filled row; and the Excel
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
- CSV: see lib.ingest.csv_table (encoding, delimiter, Excel's 'sep=' line).
"""
from __future__ import annotations

from pathlib import PurePath

from lib.ingest import xlsx
from lib.ingest.csv_table import NOT_CSV, csv_records
from lib.ingest.rows import COLUMNS, REQUIRED, SourceRow, Upload, UploadError, check_size, collect_rows, map_headings
from lib.text.plain import visible


def read_upload(file_name: str, data: bytes) -> Upload:
    """Read an uploaded .csv or .xlsx; raise UploadError (with the fix) when it cannot be read safely."""
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
        raise UploadError(NOT_CSV.format(name=name))
    if not rows:
        raise UploadError(f"Berkas '{name}' tidak berisi baris data, hanya judul kolom. Isi satu baris per nilai "
                          "di bawah judul kolom (di templat: isi kolom Nilai dan Sumber).")
    return Upload(rows=rows, notices=notices, kind=kind)


def _read_csv(name: str, data: bytes) -> tuple[list[SourceRow], list[str], str]:
    records, notices = csv_records(name, data)
    if not records:
        raise UploadError(f"Berkas '{name}' tidak berisi data. Baris pertama harus judul kolom: {', '.join(REQUIRED)}.")
    (line, headings), table = records[0], records[1:]
    mapping = map_headings(headings, line, COLUMNS, REQUIRED)
    rows, more = collect_rows(table, mapping, {}, template=False, formulas={})
    return rows, notices + more, "csv"
