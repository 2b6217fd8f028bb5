"""lib.ingest.template: the Excel upload template, read back by openpyxl and by lib.ingest.reader."""
from __future__ import annotations

import io
import shutil
from datetime import date

import duckdb
import pytest
from openpyxl import load_workbook

from lib.db import record
from lib.ingest import shapes, template
from lib.ingest.pipeline import check_file, load_file
from lib.ingest.reader import read_upload
from lib.ingest.rows import UploadError

FIRST = shapes.TABLE_HEADER_ROW + 1


TODAY = date(2023, 9, 15)  # the period list runs up to the day the template is made


def _published(source, folder):
    target = folder / "tiny.duckdb"
    shutil.copyfile(source, target.with_name("tiny.duckdb.tmp"))
    record.replace(target, target.with_name("tiny.duckdb.tmp"), force=False)
    return target


@pytest.fixture(scope="module")
def tiny_db(_tiny_record, tmp_path_factory):
    """One published tiny record for the module's reads (templates, checks); the upload test has its own."""
    return _published(_tiny_record, tmp_path_factory.mktemp("template"))


@pytest.fixture
def own_tiny_db(_tiny_record, tmp_path):
    """A tiny record the test owns (it loads an upload)."""
    return _published(_tiny_record, tmp_path)


def make(db_path, indikator="ST-SASARAN", periode="2023-08", wilayah=("76", "76.05", "76.05.01")) -> bytes:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return template.write_template(con, indikator, periode, list(wilayah), today=TODAY)


def sheet_of(data: bytes, name=shapes.TEMPLATE_SHEET):
    return load_workbook(io.BytesIO(data))[name]


def test_header_block_and_one_empty_row_per_wilayah(tiny_db):
    sheet = sheet_of(make(tiny_db))
    assert sheet["A1"].value == shapes.TEMPLATE_MARKER
    block = {sheet.cell(shapes.HEADER_FIRST_ROW + i, 1).value: sheet.cell(shapes.HEADER_FIRST_ROW + i, 2).value
             for i in range(len(shapes.HEADER_FIELDS))}
    assert block == {"Kode indikator": "ST-SASARAN", "Nama indikator": "Balita stunting sasaran",
                     "Satuan": "anak", "Definisi": "Sasaran", "Kode periode": "2023-08",
                     "Periode": "=IFERROR(VLOOKUP(B7,'Daftar periode'!$A$2:$B$70,2,FALSE),"
                                '"Pilih periode dari daftar")'}  # the label follows the chosen period
    headings = [sheet.cell(shapes.TABLE_HEADER_ROW, c).value for c in range(1, 6)]
    assert headings == list(shapes.TABLE_HEADINGS)
    table = [[cell.value for cell in r] for r in sheet.iter_rows(min_row=FIRST, max_col=5)]
    assert table == [["76", "Sulawesi Barat", None, None, None],
                     ["76.05", "Kabupaten Majene", None, None, None],
                     ["76.05.01", "Banggae", None, None, None]]


def test_codes_are_locked_text_and_inputs_open(tiny_db):
    sheet = sheet_of(make(tiny_db))
    assert sheet.protection.sheet
    code, name, value = (sheet.cell(FIRST, c) for c in (1, 2, 3))
    assert code.protection.locked and name.protection.locked and code.number_format == "@"
    assert not value.protection.locked and not sheet.cell(FIRST, 4).protection.locked
    assert sheet.freeze_panes == f"C{FIRST}"
    assert sheet.column_dimensions["B"].width >= 30


def test_value_rule_whole_for_counts_percent_within_0_100_negative_for_inflation(tiny_db):
    rules = sheet_of(make(tiny_db)).data_validations.dataValidation
    assert [(r.type, r.operator, r.formula1, str(r.sqref)) for r in rules] == [
        ("whole", "greaterThanOrEqual", "0", f"C{FIRST}:C{FIRST + 2}"),
        ("textLength", "lessThanOrEqual", "500", f"D{FIRST}:D{FIRST + 2}"),  # layout.MAX_CHARS, as the reader
        ("textLength", "lessThanOrEqual", "1000", f"E{FIRST}:E{FIRST + 2}"),
        ("list", None, "'Daftar periode'!$A$2:$A$70", "B7")]  # the period: chosen from a list, never typed
    assert "bilangan bulat ≥ 0" in rules[0].error
    percent = sheet_of(make(tiny_db, "ST-PREV", "2023", ["76"])).data_validations.dataValidation[0]
    assert (percent.type, percent.operator, percent.formula1, percent.formula2) == ("decimal", "between", "0", "100")
    assert "40,6" in percent.error
    inflation = sheet_of(make(tiny_db, "INF-YOY", "2024-02", ["76"])).data_validations.dataValidation[0]
    assert (inflation.type, inflation.formula1, inflation.formula2) == ("decimal", "-100", "100")


def test_help_sheet_in_indonesian(tiny_db):
    text = "\n".join(c.value or "" for c in sheet_of(make(tiny_db), shapes.TEMPLATE_HELP_SHEET)["A"])
    assert "16.377 atau 16377" in text and "40,6" in text
    assert "TIDAK ADA yang dimuat" in text and "Sumber wajib" in text
    assert "ST-PREV — Prevalensi balita stunting (persen, tahunan)" in text  # validate's fix points here


@pytest.mark.parametrize("args, message", [
    (("ST-XYZ", "2023", ["76"]), "Indikator 'ST-XYZ' tidak dikenal. Kode yang sah: INF-YOY"),
    (("ST-PREV", "2023-08-W2", ["76"]), "dilaporkan tahunan; periode '2023-08-W2' tidak cocok. Pilih periode tahun"),
    (("ST-SASARAN", "2023", ["76"]), "dilaporkan bulanan; periode '2023' tidak cocok. Pilih periode bulan"),
    (("ST-SASARAN", "2023-8", ["76"]), "Bulan ditulis dua angka, misalnya 2023-08"),
    (("ST-PREV", "2040", ["76"]), "Periode '2040' tidak dikenal"),
    (("ST-PREV", "2023", ["76.07"]), "Kode wilayah tidak dikenal: 76.07"),
    (("ST-PREV", "2023", []), "tidak berwenang"),
])
def test_refuses_unknown_inputs(tiny_db, args, message):
    with duckdb.connect(str(tiny_db), read_only=True) as con, pytest.raises(template.TemplateError, match=message):
        template.write_template(con, *args)


def test_default_wilayah_is_province_kabupaten_kecamatan(tiny_db):
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        assert template.default_wilayah(con) == ["76", "76.04", "76.04.04", "76.05", "76.05.01", "76.05.08"]
        assert template.default_wilayah(con, ("desa",)) == ["76.04.04.1001", "76.05.01.1001", "76.05.08.1001"]


def filled(data: bytes, values: dict[str, tuple]) -> bytes:
    """The template with Nilai/Sumber/Catatan typed in for the given wilayah codes, as a user would."""
    book = load_workbook(io.BytesIO(data))
    sheet = book[shapes.TEMPLATE_SHEET]
    for r in sheet.iter_rows(min_row=FIRST):
        if r[0].value in values:
            for cell, value in zip(r[2:5], values[r[0].value]):
                cell.value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_reader_reads_the_header_and_one_row_per_wilayah(tiny_db):
    data = make(tiny_db)
    with pytest.raises(UploadError, match="tidak berisi baris data"):
        read_upload("templat.xlsx", data)  # untouched: every row blank, nothing to load
    upload = read_upload("templat.xlsx", filled(data, {code: (None, None, "belum ada") for code in
                                                         ("76", "76.05", "76.05.01")}))
    assert upload.kind == "templat"
    assert [(r.line, r.cells["indikator"], r.cells["periode"], r.cells["wilayah"], r.cells["nilai"])
            for r in upload.rows] == [(FIRST, "ST-SASARAN", "2023-08", "76", ""),
                                      (FIRST + 1, "ST-SASARAN", "2023-08", "76.05", ""),
                                      (FIRST + 2, "ST-SASARAN", "2023-08", "76.05.01", "")]


def test_filled_template_round_trips_into_v_capaian(own_tiny_db):
    data = filled(make(own_tiny_db), {"76.05": (16377, "Dinkes Majene", None), "76.05.01": (412, "Puskesmas", "x")})
    with duckdb.connect(str(own_tiny_db)) as con:
        report = check_file(con, "templat.xlsx", data)
    assert report.problems == [] and [c.line for c in report.preview.changes] == [FIRST + 1, FIRST + 2]
    assert [(c.status, c.jenis_lama, c.baru) for c in report.preview.changes] == [  # replaces simulated values
        ("berubah", "simulasi", 16377.0), ("berubah", "simulasi", 412.0)]
    result = load_file(own_tiny_db, "templat_ST-SASARAN_2023-08.xlsx", data, user_name="dinkes.majene")
    assert result.added == 2
    with duckdb.connect(str(own_tiny_db)) as con:
        found = con.execute("SELECT wilayah, nilai, sumber, catatan FROM v_capaian WHERE indikator = 'ST-SASARAN' "
                            "AND periode = '2023-08' AND unggahan = ? ORDER BY wilayah", [result.batch_id]).fetchall()
    assert found == [("76.05", 16377.0, "Dinkes Majene", None), ("76.05.01", 412.0, "Puskesmas", "x")]


def test_demo_template_lists_province_six_kabupaten_and_69_kecamatan(demo_db):
    with duckdb.connect(str(demo_db), read_only=True) as con:
        data = template.write_template(con, "ST-JUMLAH", "2024-06", template.default_wilayah(con))
    rows = [(r[0].value, r[1].value) for r in sheet_of(data).iter_rows(min_row=FIRST, max_col=2)]
    assert len(rows) == 1 + 6 + 69
    assert rows[:2] == [("76", "Sulawesi Barat"), ("76.01", "Kabupaten Pasangkayu")]


# --- A clerk's template: one level, only the rows that clerk may fill; the period from a list -----------------

def test_a_template_per_level_holds_only_the_rows_the_clerk_may_fill(tiny_db):
    from lib.access import permissions
    from lib.users.accounts import User

    with duckdb.connect(str(tiny_db), read_only=True) as con:
        kecamatan_opd = template.levels_for(
            con, permissions.loadable_wilayah(con, User("hukum", "opd", "BIRO-HUKUM"), "ST-PREV"))
        coordinator = template.levels_for(
            con, permissions.loadable_wilayah(con, User("dinkes", "opd", "DINKES"), "ST-PREV"))
        data = template.write_template(con, "ST-PREV", "2024", kecamatan_opd["kecamatan"])
    assert kecamatan_opd == {"kecamatan": ["76.04.04"], "desa": ["76.04.04.1001"]}  # its kecamatan and below only
    assert coordinator == {"provinsi": ["76"], "kabupaten": ["76.04", "76.05"],
                           "kecamatan": ["76.04.04", "76.05.01", "76.05.08"],
                           "desa": ["76.04.04.1001", "76.05.01.1001", "76.05.08.1001"]}  # never mixed
    rows = [[c.value for c in r] for r in sheet_of(data).iter_rows(min_row=FIRST, max_col=2)]
    assert rows == [["76.04.04", "Polewali"]]
    assert template.file_name("ST-PREV", "2024", "kecamatan") == "templat_ST-PREV_2024_kecamatan.xlsx"


@pytest.mark.parametrize("periodisitas, kinds", [
    ("tahunan", ("tahun", "semester", "triwulan", "bulan")),  # an annual survey may carry its month (Susenas March)
    ("semesteran", ("semester", "triwulan", "bulan")),
    ("bulanan", ("bulan", "minggu")),  # monthly counts reported at a weekly apel
    ("mingguan", ("minggu",)),
])
def test_the_kinds_of_period_follow_the_periodicity(periodisitas, kinds):
    assert template.period_jenis_choices(periodisitas) == kinds


def test_the_period_list_holds_known_begun_periods_newest_first_and_each_makes_a_template(tiny_db):
    from lib.text import periods

    today = date(2025, 8, 20)
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        months = template.period_choices(con, "bulan", today)
        years = template.period_choices(con, "tahun", today)
        weeks = template.period_choices(con, "minggu", today)
        for jenis, choices, periodisitas in (("bulan", months, "bulanan"), ("tahun", years, "tahunan"),
                                             ("minggu", weeks, "bulanan")):
            assert all(p.jenis == jenis and p.mulai <= today for p in choices)
            assert [p.sort_key for p in choices] == sorted((p.sort_key for p in choices), reverse=True)
            assert all(periods.fits_periodicity(p.kode, periodisitas) for p in choices)
        indicator = {"bulan": "ST-SASARAN", "tahun": "ST-PREV", "minggu": "ST-SASARAN"}
        for jenis, choices in (("bulan", months), ("tahun", years), ("minggu", weeks)):
            for period in (choices[0], choices[-1]):  # every choice is a template that can be written
                assert template.write_template(con, indicator[jenis], period.kode, ["76"])
    assert [p.kode for p in years] == ["2025", "2024", "2023", "2022", "2021", "2020"]
    assert months[0].kode == "2025-08" and months[0].label_id == "Agustus 2025" and len(months) == 6 * 12 - 4
    assert weeks[0].kode == "2025-08-W3"  # 20 August lies in the third week
    assert template.default_period(months, "bulan", today) == "2025-07"  # the last month that has ended
    assert template.default_period(years, "tahun", today) == "2024"
    assert template.default_period(weeks, "minggu", today) == "2025-08-W2"
    assert template.default_period([], "tahun", today) is None


def test_the_period_cell_is_a_list_of_the_same_kind_of_period_and_another_choice_loads(tiny_db):
    data = make(tiny_db)
    listed = [[c.value for c in r] for r in sheet_of(data, template.PERIOD_SHEET).iter_rows(max_col=2)]
    assert listed[:3] == [["Kode periode", "Periode"], ["2023-09", "September 2023"], ["2023-08", "Agustus 2023"]]
    assert listed[-1] == ["2018-01", "Januari 2018"] and len(listed) == 1 + 69  # six years of months, newest first
    book = load_workbook(io.BytesIO(data))
    cell = book[shapes.TEMPLATE_SHEET]["B7"]
    assert not cell.protection.locked and book[template.PERIOD_SHEET].protection.sheet
    cell.value = "2023-07"  # what choosing "Juli 2023" in the cell's list writes
    book[shapes.TEMPLATE_SHEET].cell(FIRST + 1, 3, 120)
    book[shapes.TEMPLATE_SHEET].cell(FIRST + 1, 4, "Dinkes Majene")
    out = io.BytesIO()
    book.save(out)
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        report = check_file(con, "isian.xlsx", out.getvalue())
    assert not report.problems
    assert [(c.wilayah, c.periode) for c in report.preview.changes] == [("76.05", "2023-07")]
    help_text = "\n".join(c.value or "" for c in sheet_of(data, shapes.TEMPLATE_HELP_SHEET)["A"])
    assert "pilih kodenya dari daftar di sel B7" in help_text


def test_a_chosen_period_outside_the_window_is_still_offered(tiny_db):
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        offered = template.template_periods(con, "2016", TODAY)
    assert [p.kode for p in offered] == ["2023", "2022", "2021", "2020", "2019", "2018", "2016"]
