"""Hidden parts of the sheet an XLSX upload is read from: refused, never loaded silently.

Decision (issue 7.8): refuse rather than warn and ask to confirm. A hidden sheet, a hidden row or a row
an autofilter hides holds values the uploader cannot see in Excel, so a confirmation would be given
blind; one refusal rule also works the same in the app and in `python -m lib.ingest load`. The message
names the sheet, the rows or columns, and the fix ("tampilkan atau hapus baris tersembunyi").
- The sheet read (the template, or the one data table) must be visible.
- Its hidden rows and columns (including rows hidden by a filter) must be empty; hidden empty rows and
  columns (a common way to tidy a sheet) are fine.
- Other hidden sheets are not read; their notice says they are hidden.
"""
from __future__ import annotations

from openpyxl.utils import get_column_letter

from lib.ingest.rows import UploadError, cell_text
from lib.ingest.validate import lines_text

_UNHIDE = "klik kanan > Unhide / Tampilkan"


def is_hidden(sheet) -> bool:
    """Whether the sheet is hidden or very hidden."""
    return sheet.sheet_state != "visible"


def refuse_hidden(sheet) -> None:
    """Raise UploadError when the sheet is hidden or holds data in hidden rows or columns."""
    if is_hidden(sheet):
        raise UploadError(f"Lembar '{sheet.title}' tersembunyi, padahal lembar itulah yang berisi data. Tampilkan "
                          f"lembarnya ({_UNHIDE} pada tab lembar), periksa isinya, lalu unggah ulang; atau salin "
                          "tabelnya ke lembar yang terlihat.")
    rows, columns = _hidden_with_data(sheet)
    if rows:
        filtered = bool(sheet.auto_filter.ref)
        what = "baris tersembunyi atau tersaring (filter)" if filtered else "baris tersembunyi"
        fix = "hapus filternya (Data > Clear), lalu " if filtered else ""
        raise UploadError(f"Lembar '{sheet.title}' punya {what} yang berisi data: {lines_text(rows)}. Data yang "
                          f"tidak terlihat tidak dimuat diam-diam. Tampilkan atau hapus baris tersembunyi "
                          f"({_UNHIDE}), {fix}periksa isinya, lalu unggah ulang.")
    if columns:
        raise UploadError(f"Lembar '{sheet.title}' punya kolom tersembunyi yang berisi data: kolom "
                          f"{', '.join(columns)}. Tampilkan atau hapus kolom tersembunyi ({_UNHIDE}), periksa "
                          "isinya, lalu unggah ulang.")


def _hidden_with_data(sheet) -> tuple[list[int], list[str]]:
    """Row numbers and column letters that are hidden and hold a value."""
    hidden_rows = {number for number, row in sheet.row_dimensions.items() if row.hidden}
    hidden_columns = {index for column in sheet.column_dimensions.values() if column.hidden
                      for index in range(column.min or 1, min(column.max or 0, sheet.max_column) + 1)}
    if not hidden_rows and not hidden_columns:
        return [], []
    rows, columns = [], set()
    for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
        filled = [index for index, value in enumerate(values, 1) if cell_text(value).strip()]
        if filled and number in hidden_rows:
            rows.append(number)
        columns.update(index for index in filled if index in hidden_columns)
    return rows, [get_column_letter(index) for index in sorted(columns)]
