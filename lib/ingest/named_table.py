"""A side table an OPD uploads (satgas actions, orang tua asuh): a .csv or .xlsx whose first row names its columns,
read into (line, cells) per filled row. The same guards as value uploads: the size limit, the CSV reader
(lib.ingest.csv_table), the XLSX budgets streamed before openpyxl opens anything (lib.ingest.xlsx_scan) and the
readers' sheet choice (lib.ingest.xlsx). Cells come as typed; the caller's checks trim and judge them
(lib.ingest.cells)."""
from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

import openpyxl

from lib.data import uploads
from lib.ingest import shapes, xlsx, xlsx_scan
from lib.ingest.cells import visible
from lib.ingest.csv_table import csv_records
from lib.ingest.load import writing
from lib.ingest.pipeline import RejectedError, content_hash
from lib.ingest.rows import UploadError, cell_text, map_headings


def read(file_name: str, data: bytes, columns: tuple[str, ...], required: tuple[str, ...],
         rows_of: str) -> list[tuple[int, dict[str, str]]]:
    """(line, cells) per filled row, cells keyed by `columns`; UploadError (with the fix) when the file is refused.
    `rows_of` names the rows in the refusal of a file with headings only ("tindakan", "asuhan")."""
    name = visible(PurePath(file_name).name, 120)  # quoted in every refusal
    if not data:
        raise UploadError(f"Berkas '{name}' kosong (0 byte). Pilih berkas yang berisi data.")
    if len(data) > shapes.MAX_UPLOAD_BYTES:
        raise UploadError(f"Berkas '{name}' melebihi batas {shapes.MAX_UPLOAD_BYTES // (1024 * 1024)} MB; bagi "
                          "menjadi beberapa berkas.")
    suffix = PurePath(name).suffix.lower()
    if suffix == ".xlsx" and xlsx.is_xlsx(data):
        table = _xlsx_table(data)
    elif suffix == ".csv" and b"\x00" not in data[:4096] and not data.startswith(b"PK\x03\x04"):
        table, _ = csv_records(name, data)
    else:
        raise UploadError(f"Berkas '{name}' bukan CSV atau XLSX. Simpan ulang sebagai .xlsx atau .csv.")
    if not table:
        raise UploadError(f"Berkas '{name}' tidak berisi data. Baris pertama harus judul kolom: {', '.join(required)}.")
    (line, headings), body = table[0], table[1:]
    mapping = map_headings(headings, line, columns, required)
    rows = []
    for number, values in body:
        cells = dict.fromkeys(columns, "") | {mapping[i]: cell_text(v) for i, v in enumerate(values) if i in mapping}
        if any(text.strip() for text in cells.values()):
            rows.append((number, cells))
    if not rows:
        raise UploadError(f"Berkas '{name}' tidak berisi baris {rows_of}, hanya judul kolom.")
    return rows


def load(db_path, file_name: str, data: bytes, rows: list[tuple[int, dict[str, str]]], check, append) -> int | None:
    """Check the read rows again under the record's one writer lock and load them as one batch: its id, or None
    when this file is already loaded. `check(con, rows)` gives (clean rows, problems); `append(con, clean, name,
    digest)` writes them. Raises RejectedError listing every problem, LoadError/BusyError."""
    digest = content_hash(data)
    with writing(db_path) as con:  # one transaction: all rows or none
        clean, problems = check(con, rows)
        if problems:
            raise RejectedError(problems)
        if uploads.live_batch_with_hash(con, digest):
            return None
        return append(con, clean, visible(file_name, 200), digest)


def _xlsx_table(data: bytes) -> list[tuple[int, list]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xlsx_scan.scan(archive)  # before openpyxl builds anything: cell, text and extent budgets
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # noqa: BLE001 — openpyxl raises many types for a broken zip
        raise UploadError("Berkas XLSX tidak bisa dibuka; buka di Excel lalu simpan ulang sebagai .xlsx. "
                          f"({type(exc).__name__})") from None
    sheet, top, _ = xlsx._data_sheet(book)  # noqa: SLF001 — the readers' sheet choice and merge/size guards
    return [(n, values) for n, values in xlsx._sheet_rows(sheet, top)  # noqa: SLF001
            if any(cell_text(v).strip() for v in values)]
