"""XLSX files that are small on disk but huge or hidden inside (issue 7, points 7 and 8): refused before
openpyxl builds anything, or refused with the rows and sheets named."""
from __future__ import annotations

import importlib.util
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from lib.ingest import shapes, xlsx_scan
from lib.ingest.reader import read_upload
from lib.ingest.rows import UploadError


def _builders():
    spec = importlib.util.spec_from_file_location("ingest_read_builders",
                                                  Path(__file__).with_name("test_ingest_read.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_b = _builders()
HEADER, xlsx_bytes, template_bytes = _b.HEADER, _b.xlsx_bytes, _b.template_bytes
ROW = ["ST-PREV", "76.05", "Majene", "2022", 40.6, "SSGI 2022", None]


def with_sheet_xml(pieces, tail: str = "") -> bytes:
    """A real workbook whose first sheet's <sheetData> is replaced by the pieces (streamed, never joined),
    and tail (e.g. <mergeCells>) is put after it."""
    base = zipfile.ZipFile(io.BytesIO(xlsx_bytes([HEADER, ROW])))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for item in base.infolist():
            content = base.read(item.filename)
            if item.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(item.filename, content)
                continue
            head, _, rest = content.decode().partition("<sheetData>")
            _, _, end = rest.partition("</sheetData>")
            with archive.open(item.filename, "w") as stream:
                stream.write((head + "<sheetData>").encode())
                for piece in pieces:
                    stream.write(piece.encode())
                stream.write(("</sheetData>" + tail + end).encode())
    return target.getvalue()


@pytest.fixture
def no_openpyxl_load(monkeypatch):
    """Fail the test if openpyxl is asked to load the workbook: the refusal must come first."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("openpyxl.load_workbook was called")
    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def refusal(name: str, data: bytes) -> str:
    with pytest.raises(UploadError) as caught:
        read_upload(name, data)
    return str(caught.value)


# --- point 7: cell budgets, streamed before loading ----------------------------------------------------

def test_a_million_cells_without_r_attributes_are_refused_before_loading(no_openpyxl_load, monkeypatch):
    monkeypatch.setattr(shapes, "MAX_ROWS", 5000)  # budget 50.000 cells: the scan stops there, so the test is quick
    row = "<row>" + "<c><v>1</v></c>" * 1000 + "</row>"
    data = with_sheet_xml(row for _ in range(1000))  # a million cells, rows and cells without r=
    assert len(data) < 682_000  # small on disk, like the reported 682 KB file
    message = refusal("bom.xlsx", data)
    assert message == (
        "Buku kerja ini berisi lebih dari 50.000 sel (sampai lembar 'Sheet'), jauh lebih banyak dari unggahan "
        "mana pun (paling banyak 5.000 baris data), jadi tidak dibuka. Salin hanya tabel datanya ke buku kerja "
        "baru (Tempel Nilai), lalu unggah lagi.")


@pytest.mark.parametrize("tail", [
    '<mergeCells count="1"><mergeCell ref="H1:XFD1048576"/></mergeCells>',
    '<hyperlinks><hyperlink ref="H1:XFD1048576" display="x"/></hyperlinks>',
])
def test_a_huge_merged_or_linked_range_is_refused_before_loading(no_openpyxl_load, tail):
    data = with_sheet_xml(['<row r="1"><c r="A1" t="inlineStr"><is><t>indikator</t></is></c></row>'], tail)
    assert "lebih dari 500.000 sel" in refusal("gabung.xlsx", data)


def test_one_far_away_cell_names_the_sheet_and_the_corner(no_openpyxl_load):
    data = with_sheet_xml(['<row r="1"><c r="A1"><v>1</v></c></row>',
                           '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'])
    message = refusal("jauh.xlsx", data)
    assert message.startswith("Lembar 'Sheet' terpakai sampai sel XFD1048576, jauh di luar tabel.")


def test_far_cell_on_a_sheet_that_is_not_the_table_is_refused_too(no_openpyxl_load):
    def edit(book):
        book.create_sheet("Catatan")["XFD1048576"] = "lupa"
    assert "Lembar 'Catatan' terpakai sampai sel XFD1048576" in refusal("a.xlsx", xlsx_bytes([HEADER, ROW], edit))


def test_shared_strings_count_against_the_budget(no_openpyxl_load, monkeypatch):
    monkeypatch.setattr(shapes, "MAX_ROWS", 100)  # a budget of 1.000 cells keeps the file small
    data = with_sheet_xml(['<row r="1"><c r="A1" t="s"><v>0</v></c></row>'])
    target = io.BytesIO(data)
    with zipfile.ZipFile(target, "a", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("xl/sharedStrings.xml", "w") as stream:
        stream.write(b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
        stream.write(b"<si><t>x</t></si>" * 2000)
        stream.write(b"</sst>")
    message = refusal("a.xlsx", target.getvalue())
    assert "lebih dari 1.000 sel" in message and "lembar" not in message


def test_doctype_is_refused():
    data = with_sheet_xml(['<row r="1"><c r="A1"><v>1</v></c></row>'])
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w") as archive:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + content.split(b"?>", 1)[-1]
            archive.writestr(item.filename, content)
    assert "DOCTYPE" in refusal("a.xlsx", target.getvalue())


def test_a_full_size_upload_passes_the_scan(monkeypatch):
    monkeypatch.setattr(shapes, "MAX_ROWS", 2000)  # the budget scales with the row limit
    data = with_sheet_xml(f'<row r="{n}">' + "".join(f'<c r="{c}{n}"><v>1</v></c>' for c in "ABCDEFG") + "</row>"
                          for n in range(1, shapes.MAX_ROWS + 2))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xlsx_scan.scan(archive)  # MAX_ROWS data rows and a heading, 7 cells each: within budget
    with zipfile.ZipFile(io.BytesIO(data)) as archive, pytest.raises(UploadError):
        monkeypatch.setattr(shapes, "MAX_ROWS", 1000)
        xlsx_scan.scan(archive)


# --- point 8: hidden sheets, rows, columns and filtered-out rows -----------------------------------------

def test_a_hidden_sheet_holding_the_table_is_refused():
    def edit(book):
        book.active.title = "Data"
        book.active.sheet_state = "hidden"
        book.create_sheet("Sampul")["A1"] = "Laporan Dinkes"
    message = refusal("a.xlsx", xlsx_bytes([HEADER, ROW[:4] + [999] + ROW[5:]], edit))
    assert message.startswith("Lembar 'Data' tersembunyi, padahal lembar itulah yang berisi data. Tampilkan "
                              "lembarnya (klik kanan > Unhide / Tampilkan pada tab lembar)")


def test_a_very_hidden_template_sheet_is_refused():
    def edit(book):
        book.create_sheet("Sampul", 0)["A1"] = "x"
        book[shapes.TEMPLATE_SHEET].sheet_state = "veryHidden"
    data = template_bytes("ST-SASARAN", "2023-08", [["76.05", "Majene", 5, "Dinkes", None]], edit)
    assert f"Lembar '{shapes.TEMPLATE_SHEET}' tersembunyi" in refusal("t.xlsx", data)


def test_hidden_rows_with_data_are_refused_naming_them():
    def edit(book):
        for number in (3, 5, 6):
            book.active.row_dimensions[number].hidden = True
    rows = [HEADER] + [ROW[:1] + [f"76.0{n}"] + ROW[2:] for n in range(1, 7)]
    message = refusal("a.xlsx", xlsx_bytes(rows, edit))
    assert message == ("Lembar 'Sheet' punya baris tersembunyi yang berisi data: baris 3, 5 dan 6. Data yang "
                       "tidak terlihat tidak dimuat diam-diam. Tampilkan atau hapus baris tersembunyi (klik kanan "
                       "> Unhide / Tampilkan), periksa isinya, lalu unggah ulang.")


def test_rows_hidden_by_a_filter_are_refused_with_the_filter_named():
    def edit(book):
        book.active.auto_filter.ref = "A1:G4"
        book.active.row_dimensions[3].hidden = True  # Excel hides a filtered-out row so
    rows = [HEADER] + [ROW[:1] + [f"76.0{n}"] + ROW[2:] for n in range(1, 4)]
    message = refusal("a.xlsx", xlsx_bytes(rows, edit))
    assert "punya baris tersembunyi atau tersaring (filter) yang berisi data: baris 3." in message
    assert "hapus filternya (Data > Clear)" in message


def test_a_hidden_column_with_data_is_refused():
    def edit(book):
        book.active.column_dimensions["G"].hidden = True
    message = refusal("a.xlsx", xlsx_bytes([HEADER, ROW[:6] + ["catatan rahasia"]], edit))
    assert "punya kolom tersembunyi yang berisi data: kolom G." in message


def test_hidden_empty_rows_and_columns_and_other_hidden_sheets_are_fine():
    def edit(book):
        book.active.row_dimensions[10].hidden = True
        book.active.column_dimensions.group("H", "Z", hidden=True)
        lists = book.create_sheet("Daftar")
        lists["A1"] = "pilihan"
        lists.sheet_state = "hidden"
    upload = read_upload("a.xlsx", xlsx_bytes([HEADER, ROW], edit))
    assert len(upload.rows) == 1
    assert upload.notices == ["Lembar 'Daftar' (tersembunyi) tidak dibaca (bukan tabel data)."]


def test_the_quick_count_misses_no_tag_cut_by_a_piece_boundary():
    rows = [f'<row r="{n}">' + "".join(f'<c r="{c}{n}" t="inlineStr"><is><t>{"x" * (n % 97)}</t></is></c>'
                                      for c in "ABC") + "</row>" for n in range(1, 3001)]
    data = with_sheet_xml(rows)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size > 4 * 64 * 1024
        assert xlsx_scan._quick_count(archive, "xl/worksheets/sheet1.xml", 10**9) == 3000 * 4
