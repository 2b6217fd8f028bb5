"""A streaming look at an XLSX before openpyxl loads it: a workbook that would need more cells than any
upload is refused within a fixed memory and time budget.

openpyxl builds every cell in memory (about 450 bytes each): a 682 KB file of 11 million cells (rows
without r= attributes) took 386 s and 4,9 GB. It also builds a cell for every position of a merged range,
of a hyperlink range and of the rectangle the reader walks (up to the sheet's last used cell). So each
worksheet and the shared-string table are read here from the zip in 64 KB pieces by expat, which keeps no
tree: memory stays flat. What is counted, all against max_cells() (10 per shapes.MAX_ROWS: a full upload
of 7 columns, each row element, and room for a heading block and notes), per workbook:
- cells (<c>) and rows (<row>), with or without r= attributes;
- the area of every merged range and hyperlink range;
- the shared strings (<si>);
and per sheet the rectangle from A1 to its last used cell. Text is measured as it streams too (issue 20): no
cell, formula or shared string may hold more than MAX_CELL_CHARS characters (32.767, Excel's own limit per
cell, far above any column's limit in lib.ingest.shapes.MAX_CHARS, which lib.ingest.cells applies later with
the row named), and all of them together no more than max_text_chars() (twice the upload limit: the same data
as a CSV would be refused for its size). The read stops at the first budget passed, so the time is bounded
by the budget, never by what the file claims (a declared <dimension> is not trusted). A first pass counts
cells, rows and strings with a regular expression (C speed) and measures the longest stretch between two
tags in every XML part (MAX_RUN_BYTES: a cell at Excel's limit written as character references), so a cell
bomb or a 195 MB cell in a 204 KB file is refused after reading a few hundred kilobytes of it, before the
element-by-element pass and long before openpyxl. A DOCTYPE (entity tricks) is refused; no real workbook
has one.
"""
from __future__ import annotations

import re
import zipfile
from xml.parsers import expat

from openpyxl.utils import column_index_from_string, get_column_letter

from lib.ingest import shapes
from lib.ingest.rows import UploadError
from lib.text.i18n import format_number

_CHUNK = 64 * 1024
_REF = re.compile(r"([A-Z]{1,3})(\d{1,7})")
_COUNTED = re.compile(rb"<(?:[\w.-]+:)?(?:c|row|si)[\s/>]")
_FIX = "Salin hanya tabel datanya ke buku kerja baru (Tempel Nilai), lalu unggah lagi."
MAX_CELL_CHARS = 32_767  # Excel's own limit on the text of one cell
MAX_RUN_BYTES = 10 * MAX_CELL_CHARS + 4096  # such a cell, every character written as &#1114111;, plus a tag
_XML_PARTS = (".xml", ".rels", ".vml")
_TEXT_TAGS = ("t", "v", "f")  # the elements whose text openpyxl keeps: string, value, formula


def max_cells() -> int:
    """The cell budget, following shapes.MAX_ROWS (read when called, so a test may lower it)."""
    return 10 * shapes.MAX_ROWS


def max_text_chars() -> int:
    """The budget of all cell and shared-string text, following shapes.MAX_UPLOAD_BYTES (read when called)."""
    return 2 * shapes.MAX_UPLOAD_BYTES


def scan(archive: zipfile.ZipFile) -> None:
    """Refuse (UploadError) a workbook past the budget; return quietly when openpyxl may load it."""
    counter = _Counter(max_cells())
    names = set(archive.namelist())
    sheets = _sheet_parts(archive, names)
    strings = [(None, "xl/sharedStrings.xml")] if "xl/sharedStrings.xml" in names else []
    quick = 0
    for title, part in sheets + strings:  # first a count at C speed: a cell bomb stops here
        quick += _quick_count(archive, part, counter.budget - quick, title)
        if quick > counter.budget:
            counter.start_sheet(title)
            counter.spend(quick)
    counted = {part for _, part in sheets + strings}
    for part in sorted(names - counted):  # comments, drawings, styles: openpyxl reads them too
        if part.lower().endswith(_XML_PARTS):
            _quick_count(archive, part, None, part)
    for title, part in sheets:
        counter.start_sheet(title)
        _stream(archive, part, counter)
        counter.end_sheet()
    for title, part in strings:
        counter.start_sheet(title)
        _stream(archive, part, counter)


def _quick_count(archive: zipfile.ZipFile, part: str, limit: int | None, title: str | None = None) -> int:
    """Cells, rows and shared strings in one part, by a regular expression over 64 KB pieces; stops past limit
    (None: counts nothing, reads the whole part); UploadError at a stretch of more than MAX_RUN_BYTES without a
    tag.

    A tag cut by a piece boundary is carried into the next piece, so none is missed or counted twice.
    """
    total, carry, run = 0, b"", 0
    try:
        with archive.open(part) as stream:
            while piece := stream.read(_CHUNK):
                first = piece.find(b"<")  # stretches inside one piece are shorter than MAX_RUN_BYTES
                if (run + len(piece) if first == -1 else run + first) > MAX_RUN_BYTES:
                    raise UploadError(_long_cell(title))
                run = run + len(piece) if first == -1 else len(piece) - piece.rfind(b"<") - 1
                if limit is None:
                    continue  # a part whose stretches are measured, not its cells
                text = carry + piece
                cut = text.rfind(b"<")
                cut = len(text) if cut == -1 or b">" in text[cut:] else cut
                total += len(_COUNTED.findall(text, 0, cut))
                carry = text[cut:]
                if total > limit:
                    break
    except (zipfile.BadZipFile, OSError, ValueError):
        return 0  # the detailed read reports the broken part
    return total + len(_COUNTED.findall(carry))


def _long_cell(title: str | None, ref: str | None = None) -> str:
    """The refusal of a cell (or shared string) longer than MAX_CELL_CHARS."""
    where = (f" {ref}" if ref else "") + (" pada tabel teks bersama" if not title else
                                           f" pada bagian berkas '{title}'" if "/" in title else
                                           f" pada lembar '{title}'")
    return (f"Sel{where} berisi lebih dari {format_number(MAX_CELL_CHARS)} karakter, batas Excel sendiri untuk satu "
            f"sel; teks sepanjang itu tidak ditulis Excel dan jauh melebihi batas kolom mana pun (mis. sumber "
            f"{format_number(shapes.MAX_CHARS['sumber'])}, catatan {format_number(shapes.MAX_CHARS['catatan'])} "
            f"karakter), jadi berkas tidak dibuka. Ringkas atau hapus isi sel itu, lalu unggah lagi.")


class _Counter:
    """Counts what openpyxl would build, raising UploadError at the first budget passed."""

    def __init__(self, budget: int):
        self.budget, self.used, self.title = budget, 0, None
        self.row = self.column = self.last_row = self.last_column = 0
        self.chars = self.text_total = 0  # characters of the cell, formula or shared string read; of all
        self.ref: str | None = None
        self.inside = False  # in a <t>, <v> or <f>: only their text counts (not the indentation between tags)

    def start_sheet(self, title: str | None) -> None:
        self.title, self.row, self.column, self.last_row, self.last_column = title, 0, 0, 0, 0

    def text(self, data: str) -> None:
        """Character data as expat streams it, measured against MAX_CELL_CHARS and max_text_chars()."""
        if not self.inside:
            return
        self.chars += len(data)
        self.text_total += len(data)
        if self.chars > MAX_CELL_CHARS:
            raise UploadError(_long_cell(self.title, self.ref))
        if self.text_total > max_text_chars():
            raise UploadError(f"Teks di dalam buku kerja ini lebih dari {format_number(max_text_chars())} karakter"
                              f"{f' (sampai lembar {self.title!r})' if self.title else ''}, jauh lebih banyak dari "
                              "unggahan mana pun, jadi tidak dibuka. " + _FIX)

    def end(self, tag: str) -> None:
        tag = tag.rpartition(":")[2]
        if tag in _TEXT_TAGS:
            self.inside = False
        if tag == "f":
            self.chars = 0  # a formula and its cached value are measured apart

    def element(self, tag: str, attrs: dict) -> None:
        if ":" in tag:  # a namespace prefix (x:row) from writers other than Excel
            tag = tag.rpartition(":")[2]
        self.inside = tag in _TEXT_TAGS
        if tag in ("c", "si", "f"):
            self.chars = 0
            self.ref = attrs.get("r") if tag == "c" else None if tag == "si" else self.ref
        if tag == "row":
            self.row = int(attrs["r"]) if attrs.get("r", "").isdigit() else self.row + 1
            self.column = 0
            self.spend(1)
        elif tag == "c":
            place = _REF.fullmatch(attrs.get("r", ""))
            self.column = column_index_from_string(place[1]) if place else self.column + 1
            row = int(place[2]) if place else self.row  # openpyxl places a cell by its own r= first
            self.last_row, self.last_column = max(self.last_row, row), max(self.last_column, self.column)
            self.spend(1)
        elif tag in ("mergeCell", "hyperlink"):
            self.spend(_area(attrs.get("ref", "")))
        elif tag == "si":
            self.spend(1)

    def spend(self, cells: int) -> None:
        self.used += cells
        if self.used > self.budget:
            where = f" (sampai lembar '{self.title}')" if self.title else ""
            raise UploadError(f"Buku kerja ini berisi lebih dari {format_number(self.budget)} sel{where}, jauh "
                              f"lebih banyak dari unggahan mana pun (paling banyak "
                              f"{format_number(shapes.MAX_ROWS)} baris data), jadi tidak dibuka. {_FIX}")

    def end_sheet(self) -> None:
        if self.last_row * self.last_column > self.budget:
            corner = f"{get_column_letter(self.last_column)}{self.last_row}"
            raise UploadError(f"Lembar '{self.title}' terpakai sampai sel {corner}, jauh di luar tabel. Hapus isi "
                              f"dan format di kanan dan di bawah tabel lalu simpan ulang, atau: {_FIX}")


def _stream(archive: zipfile.ZipFile, part: str, on_element) -> None:
    """Feed one part to expat in pieces, calling on_element(tag, attributes) for each start tag; a _Counter
    hears its text and end tags too."""
    parser = expat.ParserCreate()
    if isinstance(on_element, _Counter):
        parser.StartElementHandler = on_element.element
        parser.CharacterDataHandler = on_element.text
        parser.EndElementHandler = on_element.end
    else:
        parser.StartElementHandler = on_element
    parser.StartDoctypeDeclHandler = _refuse_doctype
    try:
        with archive.open(part) as stream:
            while piece := stream.read(_CHUNK):
                parser.Parse(piece, False)
            parser.Parse(b"", True)
    except (expat.ExpatError, zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UploadError("Berkas XLSX tidak bisa dibuka (rusak atau bukan buku kerja Excel). Buka di Excel lalu "
                          f"simpan ulang sebagai .xlsx. ({type(exc).__name__})") from None


def _refuse_doctype(*_args) -> None:
    raise UploadError("Berkas XLSX ini memuat deklarasi DOCTYPE, yang tidak pernah ditulis Excel. Buka di Excel "
                      "lalu simpan ulang sebagai .xlsx.")


def _sheet_parts(archive: zipfile.ZipFile, names: set[str]) -> list[tuple[str, str]]:
    """(sheet title, part name) of every worksheet; parts no sheet names are scanned under their file name."""
    titles: dict[str, str] = {}
    targets: dict[str, str] = {}
    if "xl/workbook.xml" in names:
        _stream(archive, "xl/workbook.xml", lambda tag, attrs: tag.endswith("sheet") and titles.update(
            {next((v for k, v in attrs.items() if k.endswith(":id")), ""): attrs.get("name", "")}))
    if "xl/_rels/workbook.xml.rels" in names:
        _stream(archive, "xl/_rels/workbook.xml.rels", lambda tag, attrs: tag == "Relationship" and targets.update(
            {attrs.get("Id", ""): _part_name(attrs.get("Target", ""))}))
    by_part = {targets[rel]: title for rel, title in titles.items() if rel in targets}
    parts = sorted(name for name in names if name.startswith("xl/worksheets/") and name.endswith(".xml"))
    return [(by_part.get(part, part.rpartition("/")[2]), part) for part in parts]


def _part_name(target: str) -> str:
    """'worksheets/sheet1.xml' or '/xl/worksheets/sheet1.xml' -> 'xl/worksheets/sheet1.xml'."""
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def _area(ref: str) -> int:
    """Cells in 'A1:C3' (9) or 'B2' (1); 0 when unreadable (openpyxl then refuses the file itself)."""
    corners = [_REF.fullmatch(part.replace("$", "")) for part in ref.split(":")]
    if not ref or not all(corners) or len(corners) > 2:
        return 0
    first, last = corners[0], corners[-1]
    rows = abs(int(last[2]) - int(first[2])) + 1
    return rows * (abs(column_index_from_string(last[1]) - column_index_from_string(first[1])) + 1)
