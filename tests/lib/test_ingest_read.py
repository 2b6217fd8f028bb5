"""Tests for lib.ingest.reader: CSV and XLSX uploads, the Excel template, and every refusal's message."""
from __future__ import annotations

import csv
import io
import re
import zipfile

import openpyxl
import pytest

from lib.ingest import shapes
from lib.ingest.reader import read_upload
from lib.ingest.rows import SourceRow, Upload, UploadError

HEADER = ["indikator", "wilayah", "nama_wilayah", "periode", "nilai", "sumber", "catatan"]
NOT_SUPPORTED = "bukan CSV atau XLSX. Simpan ulang sebagai .xlsx (Excel 2007+) atau .csv."


def csv_bytes(rows: list[list[str]], delimiter: str = ";", encoding: str = "utf-8") -> bytes:
    """A CSV file as Excel writes it (\\r\\n line ends)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[object]], edit=None) -> bytes:
    """An XLSX with rows on its first sheet; edit(workbook) may change it before saving."""
    book = openpyxl.Workbook()
    for values in rows:
        book.active.append(values)
    if edit:
        edit(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def template_bytes(indikator: str, periode: str, table: list[list[object]], edit=None) -> bytes:
    """An XLSX shaped like the template lib.ingest.template writes, following lib.ingest.shapes."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = shapes.TEMPLATE_SHEET
    sheet["A1"] = shapes.TEMPLATE_MARKER
    values = {"indikator": indikator, "nama_indikator": "Balita stunting sasaran", "satuan": "anak",
              "definisi": "Sasaran", "periode": periode, "label_periode": "Agustus 2023"}
    for offset, (label, key) in enumerate(shapes.HEADER_FIELDS.items()):
        sheet.cell(shapes.HEADER_FIRST_ROW + offset, 1, label)
        sheet.cell(shapes.HEADER_FIRST_ROW + offset, 2, values[key])
    for column, heading in enumerate(shapes.TABLE_HEADINGS, start=1):
        sheet.cell(shapes.TABLE_HEADER_ROW, column, heading)
    for offset, row in enumerate(table, start=1):
        for column, value in enumerate(row, start=1):
            sheet.cell(shapes.TABLE_HEADER_ROW + offset, column, value)
    book.create_sheet(shapes.TEMPLATE_HELP_SHEET)["A1"] = "Petunjuk pengisian"
    if edit:
        edit(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def refusal(name: str, data: bytes) -> str:
    with pytest.raises(UploadError) as caught:
        read_upload(name, data)
    return str(caught.value)


# --- CSV ---------------------------------------------------------------------------------------------

def test_csv_semicolon_indonesian_export():
    data = csv_bytes([HEADER, ["ST-PREV", "76.05", "Majene", "2022", "40,6", "SSGI 2022", ""]])
    upload = read_upload("stunting.csv", data)
    assert isinstance(upload, Upload) and upload.kind == "csv" and upload.notices == []
    assert upload.rows == [SourceRow(line=2, numeric=None, cells={
        "indikator": "ST-PREV", "wilayah": "76.05", "nama_wilayah": "Majene", "periode": "2022",
        "nilai": "40,6", "sumber": "SSGI 2022", "catatan": ""})]


def test_csv_comma_with_quoted_decimal_comma():
    data = csv_bytes([HEADER, ["ST-PREV", "76.05", "", "2022", "40,6", "SSGI, Kemenkes", "a;b"]], ",")
    cells = read_upload("a.csv", data).rows[0].cells
    assert (cells["nilai"], cells["sumber"], cells["catatan"]) == ("40,6", "SSGI, Kemenkes", "a;b")


def test_csv_excel_delimiter_line_is_honoured_and_not_counted():
    text = "sep=;\r\nindikator;wilayah;periode;nilai;sumber;catatan\r\nST-PREV;76.05;2022;40,6;SSGI, Kemenkes;\r\n"
    rows = read_upload("a.csv", text.encode()).rows
    assert [(r.line, r.cells["sumber"]) for r in rows] == [(2, "SSGI, Kemenkes")]


def test_csv_utf8_bom_header_is_recognised():
    # Some tools quote every field: a BOM left in front of the first quote would spoil the heading.
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(
        [["indikator", "wilayah", "periode", "nilai", "sumber"],
         ["ST-PREV", "76.05", "2022", "40,6", "Dinas Kesehatan – Sulbar"]])
    upload = read_upload("a.csv", buffer.getvalue().encode("utf-8-sig"))
    assert upload.rows[0].cells["indikator"] == "ST-PREV"
    assert upload.rows[0].cells["sumber"] == "Dinas Kesehatan – Sulbar"
    assert upload.notices == []


def test_csv_cp1252_is_read_with_a_notice():
    data = csv_bytes([HEADER, ["ST-PREV", "76.05", "", "2022", "40,6", "Dinkes – Ségolène", "naïve"]],
                     encoding="cp1252")
    upload = read_upload("lama.csv", data)
    assert upload.rows[0].cells["sumber"] == "Dinkes – Ségolène"
    assert upload.rows[0].cells["catatan"] == "naïve"
    assert len(upload.notices) == 1 and "Windows-1252 (cp1252)" in upload.notices[0]


def test_csv_in_neither_encoding_names_both():
    data = b"indikator;wilayah;periode;nilai;sumber\r\nST-PREV;76.05;2022;40,6;Dinkes \x81\xe9\r\n"
    message = refusal("rusak.csv", data)
    assert "tidak bisa dibaca sebagai UTF-8 maupun Windows-1252 (cp1252)" in message
    assert "0x81" in message and "CSV UTF-8" in message


def test_csv_utf16_is_refused_with_the_fix():
    data = "indikator\twilayah\r\n".encode("utf-16")
    assert "UTF-16" in refusal("a.csv", data) and "CSV UTF-8" in refusal("a.csv", data)


def test_csv_tab_separated_is_refused():
    data = b"indikator\twilayah\tperiode\tnilai\tsumber\r\nST-PREV\t76.05\t2022\t40,6\tSSGI\r\n"
    assert "tab sebagai pemisah" in refusal("a.csv", data)


def test_csv_lines_count_blank_lines_and_multiline_cells():
    text = ("indikator;wilayah;periode;nilai;sumber;catatan\r\n\r\n"
            "ST-PREV;76.05;2022;40,6;SSGI;\"dua\r\nbaris\"\r\n"
            ";;;;;\r\n"
            "ST-PREV;76.04;2022;36;SSGI;\r\n")
    rows = read_upload("a.csv", text.encode()).rows
    assert [row.line for row in rows] == [3, 6]
    assert rows[0].cells["catatan"] == "dua\r\nbaris"


def test_headings_are_case_space_insensitive_with_aliases():
    data = csv_bytes([[" INDIKATOR ", "Kode Wilayah", "Nama  Wilayah", "kode-periode", "Nilai", "SUMBER"],
                      ["ST-PREV", "76.05", "Majene", "2022", "40,6", "SSGI"]])
    cells = read_upload("a.csv", data).rows[0].cells
    assert (cells["indikator"], cells["wilayah"], cells["nama_wilayah"], cells["periode"]) == \
        ("ST-PREV", "76.05", "Majene", "2022")
    assert cells["catatan"] == ""


def test_misspelt_heading_names_the_closest_match():
    data = csv_bytes([["indikator", "wilayah", "periode", "nlai", "sumber"], ["ST-PREV", "76.05", "2022", "1", "x"]])
    message = refusal("a.csv", data)
    assert "Kolom 'nilai' tidak ada; yang ada 'nlai' — betulkan judul kolomnya." in message
    assert "Kolom wajib: indikator, wilayah, periode, nilai, sumber" in message


@pytest.mark.parametrize(("typed", "column"), [("catatn", "catatan"), ("nilia", "nilai"), ("wilayh", "wilayah")])
def test_a_close_misspelling_is_named_as_the_column_it_misspells(typed, column):
    headings = [typed if c == column else c for c in ("indikator", "wilayah", "periode", "nilai", "sumber", "catatan")]
    message = refusal("a.csv", csv_bytes([headings, ["ST-PREV", "76.05", "2022", "1", "x", "y"]]))
    assert f"Kolom '{column}' tidak ada; yang ada '{typed}' — betulkan judul kolomnya." in message
    assert "tidak dikenal" not in message


@pytest.mark.parametrize(("typed", "column"), [("umur", "sumber"), ("tahun", "periode"), ("keterangan", "catatan")])
def test_another_word_is_not_offered_as_a_misspelling(typed, column):
    headings = [typed if c == column else c for c in ("indikator", "wilayah", "periode", "nilai", "sumber", "catatan")]
    message = refusal("a.csv", csv_bytes([headings, ["ST-PREV", "76.05", "2022", "1", "x", "y"]]))
    assert "yang ada" not in message and "betulkan judul" not in message
    assert f"Kolom '{typed}' tidak dikenal; hapus kolom itu atau pindahkan isinya ke kolom catatan" in message
    assert ("Kolom wajib: indikator, wilayah, periode, nilai, sumber; kolom pilihan: nama_wilayah, catatan."
            in message)
    if column != "catatan":  # a missing required column is named as missing
        assert f"Kolom '{column}' tidak ada." in message


def test_missing_heading_without_a_close_match():
    data = csv_bytes([["indikator", "wilayah", "periode", "nilai"], ["ST-PREV", "76.05", "2022", "1"]])
    message = refusal("a.csv", data)
    assert message.startswith("Judul kolom pada baris 1 tidak sesuai.")
    assert "Kolom 'sumber' tidak ada." in message


def test_unknown_column_is_refused_not_dropped():
    data = csv_bytes([["indikator", "wilayah", "periode", "nilai", "sumber", "url"],
                      ["ST-PREV", "76.05", "2022", "1", "x", "https://bps.go.id"]])
    assert "Kolom 'url' tidak dikenal; hapus kolom itu atau pindahkan isinya ke kolom catatan" in \
        refusal("a.csv", data)


def test_misspelt_optional_column_is_refused():
    data = csv_bytes([["indikator", "wilayah", "periode", "nilai", "sumber", "Catatn"], ["ST-PREV", "76.05", "2022", "1", "x", "y"]])
    assert "Kolom 'catatan' tidak ada; yang ada 'Catatn'" in refusal("a.csv", data)


def test_repeated_heading_is_refused():
    data = csv_bytes([["indikator", "wilayah", "periode", "nilai", "Nilai", "sumber"], ["ST-PREV", "76.05", "2022", "1", "2", "x"]])
    assert "Judul kolom 'nilai' muncul dua kali pada baris 1" in refusal("a.csv", data)


def test_report_title_above_the_headings_is_explained():
    data = csv_bytes([["DATA STUNTING AGUSTUS 2023"], HEADER, ["ST-PREV", "76.05", "", "2022", "1", "x", ""]])
    assert "Baris 1 dibaca sebagai judul kolom; bila di atasnya ada judul laporan, hapus baris itu." in \
        refusal("a.csv", data)


def test_decimal_comma_splitting_a_row_is_refused():
    text = "indikator,wilayah,periode,nilai,sumber\r\nST-PREV,76.05,2022,40,6,SSGI\r\n"
    message = refusal("a.csv", text.encode())
    assert "Ada isi di luar kolom yang berjudul: F2 ('SSGI')" in message
    assert "beri tanda kutip atau simpan dengan pemisah ';'" in message


@pytest.mark.parametrize("name, data", [
    ("x.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),
    ("laporan.pdf", b"%PDF-1.7\n..."),
    ("data.csv", b"%PDF-1.7\n\x00\x01binary"),
    ("data.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    ("arsip.xlsx", None),
    ("data.xlsx", b"indikator;wilayah\r\n"),
    ("data.csv", None),
    ("data.txt", b"indikator;wilayah;periode;nilai;sumber\r\n"),
])
def test_not_csv_or_xlsx_is_refused(name, data):
    if data is None:  # a zip that is not a workbook
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("catatan.txt", "bukan excel")
        data = buffer.getvalue()
    assert refusal(name, data) == f"Berkas '{name}' {NOT_SUPPORTED}"


def test_size_limit_in_megabytes_indonesian_style():
    data = b"a" * (shapes.MAX_UPLOAD_BYTES + 1)
    message = refusal("besar.csv", data)
    assert "berukuran 5,0 MB (5.242.881 byte), melebihi batas 5 MB (5.242.880 byte)" in message
    assert "Bagi datanya menjadi beberapa berkas" in message


def test_a_file_of_exactly_the_limit_is_read():
    row = ["ST-PREV", "76.05", "", "2022", "1", "SSGI", "x" * 1000]
    data = csv_bytes([HEADER] + [row] * 6000)[: shapes.MAX_UPLOAD_BYTES]
    data = data[: data.rindex(b"\r\n") + 2]
    data = data[:-2] + b" " * (shapes.MAX_UPLOAD_BYTES - len(data)) + b"\r\n"  # pad the last catatan
    assert len(data) == shapes.MAX_UPLOAD_BYTES
    assert len(read_upload("batas.csv", data).rows) > 5000


def test_empty_file_and_header_only():
    assert refusal("a.csv", b"") == "Berkas 'a.csv' kosong (0 byte). Pilih berkas yang berisi data."
    assert "tidak berisi data" in refusal("a.csv", b" \r\n\r\n")
    assert "tidak berisi baris data, hanya judul kolom" in refusal("a.csv", csv_bytes([HEADER]))
    assert "tidak berisi baris data" in refusal("a.xlsx", xlsx_bytes([HEADER]))


def test_row_limit(monkeypatch):
    monkeypatch.setattr(shapes, "MAX_ROWS", 3)
    good = ["ST-PREV", "76.05", "", "2022", "1", "x", ""]
    assert len(read_upload("a.csv", csv_bytes([HEADER] + [good] * 3)).rows) == 3
    assert "lebih dari 3 baris data" in refusal("a.csv", csv_bytes([HEADER] + [good] * 4))


def test_total_rows_are_skipped_with_a_notice():
    rows = [HEADER, ["ST-SASARAN", "76.04", "Polewali Mandar", "2023-08", "10", "Dinkes", ""],
            ["ST-SASARAN", "", "JUMLAH", "2023-08", "10", "Dinkes", ""],
            ["Total", "", "", "", "10", "", ""],
            ["ST-SASARAN", "Jml.", "", "2023-08", "10", "Dinkes", ""],
            ["ST-SASARAN", "76", "Jumlah Sulbar", "2023-08", "10", "Dinkes", ""]]
    upload = read_upload("a.csv", csv_bytes(rows))
    assert [row.line for row in upload.rows] == [2, 6]  # a row with a real code is kept for validation
    assert upload.notices == [
        f"Baris {n} ('{label}') dianggap baris jumlah dan dilewati; bila itu angka provinsi, tulis kode "
        "wilayah 76 di baris itu." for n, label in ((3, "JUMLAH"), (4, "Total"), (5, "Jml."))]


def test_text_that_looks_like_a_formula_stays_text():
    rows = [HEADER, ["ST-PREV", "76.05", "", "2022", "=1+1", "=HYPERLINK(\"x\")", "@catatan"]]
    cells = read_upload("a.csv", csv_bytes(rows)).rows[0].cells
    assert (cells["nilai"], cells["sumber"], cells["catatan"]) == ("=1+1", "=HYPERLINK(\"x\")", "@catatan")


# --- XLSX --------------------------------------------------------------------------------------------

def test_xlsx_numeric_and_text_cells():
    data = xlsx_bytes([HEADER, ["ST-PREV", 76.05, "Majene", 2022, 40.6, "SSGI", None],
                       ["ST-PREV", "76.04", None, "2022", "36,0", "SSGI", None],
                       ["ST-SASARAN", "76.04", None, "2023-08", 16377, "Dinkes", None]])
    upload = read_upload("a.xlsx", data)
    first, second, third = upload.rows
    assert upload.kind == "xlsx" and [r.line for r in upload.rows] == [2, 3, 4]
    assert (first.cells["wilayah"], first.cells["periode"], first.cells["nilai"], first.numeric) == \
        ("76.05", "2022", "40.6", 40.6)
    assert (second.cells["nilai"], second.numeric) == ("36,0", None)
    assert (third.cells["nilai"], third.numeric) == ("16377", 16377.0)


def test_xlsx_percentage_cell_reads_as_shown():
    def percent(book):
        book.active["E2"].number_format = "0.0%"
    data = xlsx_bytes([HEADER, ["ST-PREV", "76.05", None, "2022", 0.406, "SSGI", None]], edit=percent)
    row = read_upload("a.xlsx", data).rows[0]
    assert (row.numeric, row.cells["nilai"]) == (40.6, "40.6")

    def literal(book):
        book.active["E2"].number_format = '0.0"%"'  # shows 40.6% without scaling
    assert read_upload("a.xlsx", xlsx_bytes([HEADER, ["ST-PREV", "76.05", None, "2022", 40.6, "SSGI", None]],
                                            edit=literal)).rows[0].numeric == 40.6


def test_xlsx_english_locale_thousands_arrive_as_a_fraction():
    # English-locale Excel turns a typed 16.377 into the number sixteen point three seven seven.
    data = xlsx_bytes([HEADER, ["ST-SASARAN", "76.05", None, "2023-08", 16.377, "Dinkes", None]])
    assert read_upload("a.xlsx", data).rows[0].numeric == 16.377


def test_xlsx_date_in_period_reads_as_iso_text():
    from datetime import datetime
    data = xlsx_bytes([HEADER, ["ST-SASARAN", "76.05", None, datetime(2023, 8, 1), 5, "Dinkes", None]])
    assert read_upload("a.xlsx", data).rows[0].cells["periode"] == "2023-08-01"


def test_xlsx_merged_heading_is_refused():
    data = xlsx_bytes([["indikator", "wilayah", "periode", "nilai", "", "catatan"],
                       ["ST-PREV", "76.05", "2022", 1, "x", None]],
                      edit=lambda book: book.active.merge_cells("D1:E1"))
    assert refusal("a.xlsx", data) == ("Judul kolom pada baris 1 digabung (merge) di sel D1:E1; pisahkan sel "
                                       "(Unmerge) dan beri tiap kolom judulnya sendiri.")


def test_xlsx_merged_data_cells_are_refused():
    rows = [HEADER] + [["ST-PREV", "76.05", None, "2022", 1, "SSGI", None]] * 3
    data = xlsx_bytes(rows, edit=lambda book: book.active.merge_cells("F2:F4"))
    assert "Sel F2:F4 pada lembar 'Sheet' digabung (merge); pisahkan sel (Unmerge)" in refusal("a.xlsx", data)


def _uncached_formulas(book):
    sheet = book.active
    sheet["E2"] = "=B9*2"
    sheet["F3"] = "=A1"


def test_xlsx_formula_without_cached_value():
    rows = [HEADER, ["ST-PREV", "76.05", None, "2022", None, "SSGI", None],
            ["ST-PREV", "76.04", None, "2022", 36, None, None]]
    upload = read_upload("a.xlsx", xlsx_bytes(rows, edit=_uncached_formulas))
    first, second = upload.rows
    assert first.cells["nilai"] == "=B9*2" and first.numeric is None  # validate refuses it; never lost
    assert second.cells["sumber"] == ""
    assert upload.notices == [
        ("Sel E2 (nilai) berisi rumus tanpa hasil tersimpan (=B9*2); barisnya ditolak sampai berkas dibuka "
        "di Excel lalu disimpan ulang."),
        ("Sel F3 berisi rumus tanpa hasil tersimpan (=A1) dan dibaca kosong; buka berkas di Excel lalu "
        "simpan ulang agar hasil rumusnya ikut tersimpan.")]


def _with_cached_value(data: bytes, cell: str, value: str) -> bytes:
    """Write a cached result into a formula cell, as Excel does on save."""
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w") as archive:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                # openpyxl writes an empty <v/>, or <v></v> when lxml is installed (python-pptx brings it).
                content = re.sub(rf'(<c r="{cell}"[^>]*>\s*<f>[^<]*</f>\s*)(?:<v\s*/>|<v>\s*</v>)'.encode(),
                                 rb"\g<1><v>" + value.encode() + rb"</v>", content)
            archive.writestr(item, content)
    return target.getvalue()


def test_xlsx_formula_with_cached_value_gives_the_value():
    rows = [HEADER, ["ST-PREV", "76.05", None, "2022", None, "SSGI", None]]
    data = _with_cached_value(xlsx_bytes(rows, edit=lambda b: b.active.__setitem__("E2", "=20.3*2")), "E2", "40.6")
    upload = read_upload("a.xlsx", data)
    assert (upload.rows[0].numeric, upload.notices) == (40.6, [])


def test_xlsx_text_cell_starting_with_equals_stays_text():
    def text_cell(book):
        cell = book.active["F2"]
        cell.value, cell.data_type = "=HYPERLINK(\"x\")", "s"
    data = xlsx_bytes([HEADER, ["ST-PREV", "76.05", None, "2022", 1, None, None]], edit=text_cell)
    upload = read_upload("a.xlsx", data)
    assert upload.rows[0].cells["sumber"] == "=HYPERLINK(\"x\")" and upload.notices == []


def test_xlsx_other_sheets():
    def notes(book):
        book.create_sheet("Keterangan")["A1"] = "Data dari Dinkes"
    upload = read_upload("a.xlsx", xlsx_bytes([HEADER, ["ST-PREV", "76.05", None, "2022", 1, "x", None]], notes))
    assert upload.notices == ["Lembar 'Keterangan' tidak dibaca (bukan tabel data)."]

    def second_table(book):
        sheet = book.create_sheet("Mei")
        sheet.append(HEADER)
    message = refusal("a.xlsx", xlsx_bytes([HEADER], second_table))
    assert message.startswith("Beberapa lembar berisi tabel data ('Sheet', 'Mei').")


def test_xlsx_cell_under_no_heading_is_refused():
    data = xlsx_bytes([["indikator", "wilayah", "periode", "nilai", "sumber"],
                       ["ST-PREV", "76.05", "2022", 1, "x", None, "lupa"]])
    assert "Ada isi di luar kolom yang berjudul: G2 ('lupa')" in refusal("a.xlsx", data)


# --- template ----------------------------------------------------------------------------------------

TABLE = [["76.04", "Polewali Mandar", 120, "Dinkes Polman", None],
         ["76.05", "Majene", None, None, None],
         ["76.05.01", "Banggae", None, "Dinkes Majene", None],
         ["76.05.08", "Banggae Timur", "7", "Dinkes Majene", "data awal"],
         [None, "Jumlah", 127, None, None]]


def test_template_round_trip():
    upload = read_upload("isian.xlsx", template_bytes("ST-SASARAN", "2023-08-W2", TABLE))
    first_row = shapes.TABLE_HEADER_ROW + 1
    assert upload.kind == "templat"
    assert [row.line for row in upload.rows] == [first_row, first_row + 2, first_row + 3]
    assert upload.rows[0] == SourceRow(line=first_row, numeric=120.0, cells={
        "indikator": "ST-SASARAN", "wilayah": "76.04", "nama_wilayah": "Polewali Mandar",
        "periode": "2023-08-W2", "nilai": "120", "sumber": "Dinkes Polman", "catatan": ""})
    assert upload.rows[1].cells["nilai"] == "" and upload.rows[1].cells["sumber"] == "Dinkes Majene"
    assert upload.rows[2].cells["nilai"] == "7" and upload.rows[2].numeric is None
    assert upload.notices == [(f"Baris {first_row + 4} ('Jumlah') dianggap baris jumlah dan dilewati; bila "
                              "itu angka provinsi, tulis kode wilayah 76 di baris itu.")]


def test_template_without_any_value_is_refused():
    empty = [["76.04", "Polewali Mandar", None, None, None]]
    assert "tidak berisi baris data" in refusal("isian.xlsx", template_bytes("ST-SASARAN", "2023-08", empty))


def test_template_without_indicator_code_is_refused():
    message = refusal("isian.xlsx", template_bytes("", "2023-08", TABLE))
    assert message == (f"Sel B{shapes.HEADER_FIRST_ROW} pada lembar 'Isian' kosong atau hilang: templat perlu "
                       "'Kode indikator'. Unduh ulang templat atau isi sel itu.")


def test_template_period_typed_as_number_or_date():
    from datetime import datetime
    assert read_upload("a.xlsx", template_bytes("ST-PREV", 2023, TABLE)).rows[0].cells["periode"] == "2023"
    upload = read_upload("a.xlsx", template_bytes("ST-SASARAN", datetime(2023, 8, 1), TABLE))
    assert upload.rows[0].cells["periode"] == "2023-08-01"  # validate explains Excel's date conversion


def test_template_misspelt_table_heading():
    def rename(book):
        book[shapes.TEMPLATE_SHEET].cell(shapes.TABLE_HEADER_ROW, 3, "Nilia")
    message = refusal("a.xlsx", template_bytes("ST-SASARAN", "2023-08", TABLE, rename))
    assert f"Judul kolom pada baris {shapes.TABLE_HEADER_ROW} tidak sesuai." in message
    assert "Kolom 'nilai' tidak ada; yang ada 'Nilia'" in message


def test_template_merged_table_cells_are_refused():
    def merge(book):
        book[shapes.TEMPLATE_SHEET].merge_cells(f"D{shapes.TABLE_HEADER_ROW + 1}:D{shapes.TABLE_HEADER_ROW + 4}")
    assert "digabung (merge)" in refusal("a.xlsx", template_bytes("ST-SASARAN", "2023-08", TABLE, merge))
