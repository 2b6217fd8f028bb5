"""Rules on every cell's text, run before the column rules, the same for CSV and XLSX.

- Space-like characters (tab, line breaks, vertical tab, form feed; lib.text.plain.SPACE_LIKE) read as one
  space: a line break typed with Alt+Enter, or pasted from Word as a vertical tab, is not an error.
- Any other control character (lib.text.plain.CONTROL) refuses the row, naming line, column and code point
  (e.g. "karakter kontrol U+0007"): it is invisible, would break the Excel download and cannot be guessed.
- A cell longer than lib.ingest.shapes.MAX_CHARS for its column refuses the row, naming column and limit.
Problems quote at most a short, visible excerpt of the cell; later rules see the text without the refused
characters and cut at the limit, so one cause is one problem and no message repeats a huge cell.
"""
from __future__ import annotations

from lib.ingest import shapes
from lib.text import plain
from lib.text.i18n import format_number


def check_cells(line: int, cells: dict[str, str], add, where: str) -> dict[str, str]:
    """The row's cells trimmed, one-lined and within limits; add(line, column, value, message, fix) per problem."""
    checked = {}
    for column, raw in cells.items():
        raw = raw or ""
        limit = shapes.MAX_CHARS.get(column)
        if len(raw) <= (limit or len(raw)) and not plain.UNUSUAL.search(raw):
            checked[column] = raw.strip()  # the usual cell: nothing to read differently or refuse
            continue
        text = plain.one_line(raw).strip()
        char = plain.first_control(text)
        if char:
            kind = "pengatur arah teks" if ord(char) > 0x9F else "karakter kontrol"
            add(line, column, plain.visible(text),
                f"Kolom {column} {where} berisi {kind} {plain.code_point(char)} yang tidak terlihat.",
                "Hapus karakter itu (biasanya terbawa saat menyalin dari aplikasi lain): ketik ulang isi selnya, "
                "lalu unggah ulang.")
            text = plain.CONTROL.sub("", text)
        if limit and len(text) > limit:
            add(line, column, plain.visible(text),
                f"Kolom {column} {where} berisi {format_number(len(text))} karakter, melebihi batas "
                f"{format_number(limit)} karakter.",
                f"Ringkas isinya menjadi paling banyak {format_number(limit)} karakter; untuk sumber, tulis nama "
                "penerbit dan judul dokumen saja.")
            text = text[:limit]
        checked[column] = text
    return checked
