"""Downloads neutralise spreadsheet formulas and keep the table and its notes."""
import io

import openpyxl
import pandas as pd

from lib.present import downloads


def test_formula_text_is_neutralised_numbers_are_not():
    frame = pd.DataFrame({"nama": ["=HYPERLINK(\"x\")", "+62", "@SUM(A1)", "-1+2", "Majene"], "nilai": [1, -2, 3, 4, 5]})
    csv = downloads.to_csv_bytes(frame).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv and "'+62" in csv and "'@SUM" in csv and "'-1+2" in csv
    assert ",-2" in csv  # a negative number stays a number


def test_excel_has_table_and_notes_sheets():
    frame = pd.DataFrame({"Wilayah": ["Majene"], "Nilai": [40.6]})
    book = openpyxl.load_workbook(io.BytesIO(downloads.to_excel_bytes(frame, "ST-PREV", ["Sumber: SSGI 2022",
                                                                                     "=cmd"])))
    assert book.sheetnames == ["ST-PREV", "Catatan"]
    assert book["ST-PREV"]["B2"].value == 40.6
    assert book["Catatan"]["A2"].value == "Sumber: SSGI 2022"
    assert book["Catatan"]["A3"].value == "'=cmd"


def test_stored_text_with_control_characters_never_breaks_a_download():
    # An old row stored before uploads refused such text: a vertical tab broke the Excel download (issue 7.4).
    frame = pd.DataFrame({"sumber": ["Dinkes\x0bSulbar", "SSGI\x0c2022\x07", "\x0b=1+1", "a\tb\nc"],
                          "nilai": [1, 2, 3, 4]})
    book = openpyxl.load_workbook(io.BytesIO(downloads.to_excel_bytes(frame, "ST-JUMLAH", ["Sumber: x\x0by"])))
    sheet = book["ST-JUMLAH"]
    assert [sheet[f"A{n}"].value for n in range(2, 6)] == ["Dinkes Sulbar", "SSGI 2022", "' =1+1", "a\tb\nc"]
    assert book["Catatan"]["A2"].value == "Sumber: x y"
    csv = downloads.to_csv_bytes(frame).decode("utf-8-sig")
    assert "Dinkes Sulbar" in csv and "\x0b" not in csv and "\x07" not in csv and "' =1+1" in csv
