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


def test_downloads_hold_numbers_never_lists():
    """A trend column (a sparkline's values) is never written as "[8728.0]": CSV and Excel cells hold single
    values, and the numbers stay numbers."""
    frame = pd.DataFrame({"Indikator": ["Jumlah penduduk miskin"], "Nilai": [8728.0], "Tren": [[8900.0, 8728.0]]})
    csv = downloads.to_csv_bytes(frame).decode("utf-8-sig")
    assert "[" not in csv and "Tren" not in csv and "8728.0" in csv
    sheet = openpyxl.load_workbook(io.BytesIO(downloads.to_excel_bytes(frame, "rapor", []))).worksheets[0]
    assert [c.value for c in sheet[1]] == ["Indikator", "Nilai"] and sheet["B2"].value == 8728.0


def test_scorecard_download_twin_has_numeric_value_target_and_achievement():
    from lib.judge import status
    from lib.present import tables
    frame = pd.DataFrame({
        "indikator": ["ST-PREV", "KE-P0"], "nama_indikator": ["Prevalensi balita stunting", "P0"],
        "nilai": [28.09, 14.02], "satuan": ["persen", "persen"], "periode_label": ["2023", "Maret 2025"],
        "target": [23.52, None], "target_atas": [None, None], "capaian_pct": [63.2, None],
        "status": [status.TIDAK_TERCAPAI, None], "lama": [True, False], "arah": ["turun", "turun"],
        "usia_bulan": [36, 12], "usia_tahun": [3, 1], "target_tahun": ["2023", None],
        "target_cakupan": ["provinsi", None], "target_dasar": [None, None], "target_rujukan": ["BKKBN", None],
        "selisih": [-11.17, 1.64], "perubahan": ["membaik", "memburuk"], "jenis": ["resmi", "resmi"],
        "sumber": ["SKI 2023", "BPS"]})
    export = tables.scorecard_export(frame, "id")
    assert export["Nilai"].tolist() == [28.09, 14.02] and export["Target"].tolist()[0] == 23.52
    assert export["Capaian target"].tolist()[0] == 63.2 and export["selisih"].tolist() == [-11.17, 1.64]
    csv = downloads.to_csv_bytes(export).decode("utf-8-sig")
    assert "[" not in csv and "28.09" in csv
