"""Tests for lib.ingest.numbers and lib.ingest.validate: every reading rule and every validation rule."""
from __future__ import annotations

import importlib.util
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from seed_fixture import TINY_SEED, write_seed

from lib.db.build import build_record
from lib.db.connect import connect
from lib.ingest import shapes
from lib.ingest.numbers import NumberFormatError, parse_number, show_number, typed_form
from lib.ingest.reader import read_upload
from lib.ingest.rows import SourceRow
from lib.ingest.validate import CleanRow, Problem, lines_text, validate
from lib.ingest.wilayah_check import codes_text


def _file_builders():
    """The CSV/XLSX/template builders of the sibling reader tests (tests/lib is not a package)."""
    spec = importlib.util.spec_from_file_location("ingest_read_builders", Path(__file__).with_name("test_ingest_read.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_builders = _file_builders()
HEADER, csv_bytes, template_bytes, xlsx_bytes = (
    _builders.HEADER, _builders.csv_bytes, _builders.template_bytes, _builders.xlsx_bytes)
TODAY = date(2026, 11, 28)


# --- numbers: one test per row of the table in the module docstring ---------------------------------

@pytest.mark.parametrize("text, satuan, value", [
    ("16377", "anak", 16377), ("0", "jiwa", 0), ("007", "persen", 7),                     # row 1
    ("40,6", "persen", 40.6), ("1,19", "persen", 1.19), ("1,2345", "indeks", 1.2345),      # row 2
    ("12,5", "rupiah", 12.5),
    ("0,125", "persen", 0.125), ("1234,567", "indeks", 1234.567), ("0,500", "anak", 0.5),  # row 3
    ("1,190", "persen", 1.19), ("16,377", "indeks", 16.377),                               # row 4
    ("16.377", "anak", 16377), ("1.500", "rupiah", 1500), ("2.000", "KK", 2000),           # row 5
    ("1.234.567", "jiwa", 1234567), ("1.234,5", "persen", 1234.5), ("1.234.567,25", "x", 1234567.25),
    ("40.6", "persen", 40.6), ("2.21", "persen", 2.21), ("0.125", "persen", 0.125),        # row 7
    ("1234.5", "anak", 1234.5), ("1.1234", "indeks", 1.1234),
])
def test_accepted_readings(text, satuan, value):
    assert parse_number(text, satuan) == pytest.approx(value, abs=0, rel=1e-15)


@pytest.mark.parametrize("text, satuan, value", [
    ("  40,6 ", "persen", 40.6), ("\u00a040,6\u00a0", "persen", 40.6), ("40,6%", "persen", 40.6),
    ("40,6 %", "persen", 40.6), ("-1,5", "persen", -1.5), ("−0,5", "persen", -0.5), ("+2,1", "persen", 2.1),
    ("Rp 1.500", "rupiah", 1500), ("Rp.2.500,50", "rupiah", 2500.5), ("rp1500", "rupiah", 1500),
    ("-0", "anak", 0),
])
def test_tolerated_around_the_number(text, satuan, value):
    assert parse_number(text, satuan) == value


def refused(text: str, satuan: str) -> NumberFormatError:
    with pytest.raises(NumberFormatError) as caught:
        parse_number(text, satuan)
    return caught.value


def test_row4_comma_thousands_count_is_refused():
    error = refused("16,377", "anak")
    assert error.problem == ("'16,377' bisa dibaca 16377 (koma sebagai pemisah ribuan) atau 16 koma 377 "
                             "(koma sebagai tanda desimal), padahal jumlah anak selalu bilangan bulat.")
    assert error.fix == "Bila maksudnya 16377 anak, tulis 16377 atau 16.377 (titik sebagai pemisah ribuan)."
    assert str(error) == f"{error.problem} {error.fix}"


def test_row4_other_units_show_both_ways_and_an_unambiguous_fix():
    error = refused("2,125", "rupiah")
    assert "bisa dibaca 2125 (koma sebagai pemisah ribuan) atau 2 koma 125" in error.problem
    error = refused("2,125", "kali")
    assert error.fix == "Bila maksudnya 2 koma 125, tulis 2,1250; bila maksudnya 2125, tulis 2125 tanpa titik."
    assert parse_number("2,1250", "kali") == 2.125 and parse_number("2125", "kali") == 2125


def test_row5_dot_three_digits_persen_is_refused():
    error = refused("1.190", "persen")
    assert error.problem == ("'1.190' bisa dibaca dua cara: 1 koma 19 (titik sebagai tanda desimal) atau 1190 "
                             "(titik sebagai pemisah ribuan).")
    assert error.fix == "Bila maksudnya 1 koma 19, tulis 1,19; bila maksudnya 1190, tulis 1190 tanpa titik."
    assert "bisa dibaca dua cara" in refused("16.377", "indeks").problem


@pytest.mark.parametrize("text, fix", [
    ("1,234.5", ("Tulis cara Indonesia: 1.234,5 (titik pemisah ribuan, koma desimal) atau tanpa pemisah "
                "ribuan: 1234,5.")),
    ("1,234,567", ("Tulis cara Indonesia: 1.234.567 (titik pemisah ribuan, koma desimal) atau tanpa pemisah "
                  "ribuan: 1234567.")),
])
def test_row8_english_grouping_is_refused_with_the_indonesian_way(text, fix):
    error = refused(text, "jiwa")
    assert error.problem.startswith(f"'{text}' ditulis cara Inggris (koma sebagai pemisah ribuan")
    assert error.fix == fix


@pytest.mark.parametrize("text", ["1.23.4", "1,2,3", ",5", "5,", "1.234.5", "12.34,5", "1,234,5", "1..5"])
def test_row9_odd_marks_are_refused(text):
    error = refused(text, "anak")
    assert error.problem == f"'{text}' memakai titik atau koma di tempat yang tidak lazim."
    assert error.fix.startswith("Tulis angka dengan koma sebagai tanda desimal")


@pytest.mark.parametrize("text, problem, fix_part", [
    ("16 377", "'16 377' memakai spasi di tengah angka.", "Hapus spasinya, mis. 16377"),
    ("1E+05", "'1E+05' ditulis dalam notasi ilmiah (E).", "Format kolom itu sebagai angka biasa"),
    ("(1,2)", "'(1,2)' memakai tanda kurung untuk angka negatif.", "Tulis dengan tanda minus di depan: -1,2."),
    ("-", "'-' bukan angka.", "bila nilainya nol tulis 0"),
    ("n/a", "'n/a' bukan angka.", "bila belum ada data, hapus barisnya"),
    ("12 anak", "'12 anak' bukan angka.", "Tulis angka dengan koma"),
])
def test_row10_other_slips(text, problem, fix_part):
    error = refused(text, "anak")
    assert error.problem == problem and fix_part in error.fix


@pytest.mark.parametrize("text, problem", [
    ("=B7*2", "'=B7*2' adalah rumus Excel tanpa hasil tersimpan, bukan angka."),
    ("#DIV/0!", "Sel berisi galat Excel #DIV/0!, bukan angka."),
    ("#n/a", "Sel berisi galat Excel #n/a, bukan angka."),
])
def test_row11_formulas_and_excel_errors(text, problem):
    assert refused(text, "anak").problem == problem


def test_row12_empty():
    assert refused("  ", "persen").problem == "Nilai kosong."


def test_unit_marks_must_match_the_satuan():
    assert refused("50%", "anak").problem == "'50%' memakai tanda %, padahal satuan indikator ini anak."
    assert refused("Rp 5", "persen").problem == "'Rp 5' diawali Rp, padahal satuan indikator ini persen."


@pytest.mark.parametrize("value, satuan", [
    (Decimal("1.19"), "persen"), (Decimal(1190), "persen"), (Decimal("2.125"), "kali"),
    (Decimal("2.125"), "persen"), (Decimal(16377), "anak"), (Decimal("-1.5"), "persen"), (Decimal("0.1"), "x"),
])
def test_typed_form_reads_back(value, satuan):
    assert parse_number(typed_form(value, satuan), satuan) == float(value)


def test_show_number_keeps_every_decimal():
    assert [show_number(v) for v in (16377, 1234.5, 16.377, 1.19, -2.5)] == \
        ["16.377", "1.234,5", "16,377", "1,19", "−2,5"]


# --- validate ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """The tiny database (as conftest's tiny_db), built once: validation only reads it."""
    folder = tmp_path_factory.mktemp("tiny")
    path = build_record(folder / "tiny.duckdb", seed_dir=write_seed(folder / "seed", TINY_SEED)).path
    with connect(path) as con:
        yield con


@pytest.fixture(scope="module")
def demo(demo_db):
    with connect(demo_db) as con:
        yield con


def row(line: int = 2, numeric: float | None = None, **cells: str) -> SourceRow:
    """A source row: ST-PREV for Majene 2022 unless told otherwise."""
    base = {"indikator": "ST-PREV", "wilayah": "76.05", "nama_wilayah": "", "periode": "2022",
            "nilai": "40,6", "sumber": "SSGI 2022", "catatan": ""}
    return SourceRow(line=line, cells=base | cells, numeric=numeric)


def check(con, *rows: SourceRow, **options) -> tuple[list[CleanRow], list[Problem]]:
    return validate(list(rows), con, today=TODAY, **options)


def only_problem(con, *rows: SourceRow, **options) -> Problem:
    _clean, problems = check(con, *rows, **options)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_valid_rows_become_clean_rows_in_canonical_form(tiny):
    clean, problems = check(
        tiny, row(2), row(3, indikator="st-sasaran", wilayah="76.04", periode="2023-08-w2", nilai="16.377",
                          sumber=" Dinkes ", catatan="data awal", nama_wilayah="Kab. Polewali  Mandar"),
        row(4, indikator="INF-YOY", wilayah="76", periode="2024-02", nilai="-0,5", sumber="BPS"))
    assert problems == []
    assert clean == [CleanRow(2, "ST-PREV", "76.05", "2022", 40.6, "SSGI 2022", None),
                     CleanRow(3, "ST-SASARAN", "76.04", "2023-08-W2", 16377.0, "Dinkes", "data awal"),
                     CleanRow(4, "INF-YOY", "76", "2024-02", -0.5, "BPS", None)]


def test_a_cursor_works_too(tiny):
    clean, problems = validate([row()], tiny.cursor(), today=TODAY)
    assert len(clean) == 1 and problems == []


def test_unknown_indicator_suggests_the_closest(tiny):
    problem = only_problem(tiny, row(7, indikator="ST-PREF"))
    assert (problem.line, problem.column, problem.value) == (7, "indikator", "ST-PREF")
    assert problem.message == "Kode indikator 'ST-PREF' pada baris 7 tidak dikenal."
    assert problem.fix.startswith("Maksudnya ST-PREV?")


def test_unknown_indicator_without_a_close_code(tiny):
    problem = only_problem(tiny, row(indikator="XYZ"))
    assert problem.fix.startswith("Kode indikator diawali INF-, ST-, mis. ST-SASARAN.")
    assert only_problem(tiny, row(indikator="")).message == "Kode indikator kosong pada baris 2."


def test_unknown_kabupaten_lists_the_valid_codes(demo):
    problem = only_problem(demo, row(12, wilayah="76.07"))
    assert str(problem) == "Kode wilayah 76.07 pada baris 12 tidak dikenal. Kode kabupaten yang sah: 76.01–76.06."


def test_unknown_kecamatan_lists_its_kabupaten_codes(tiny):
    problem = only_problem(tiny, row(wilayah="76.05.20"))
    assert problem.fix == "Kode kecamatan di Majene yang sah: 76.05.01, 76.05.08."


def test_bps_code_names_the_kemendagri_code(demo):
    assert str(only_problem(demo, row(wilayah="7601"))) == (
        "7601 pada baris 2 adalah kode BPS untuk Majene; kode Kemendagri-nya 76.05 (76.01 adalah Pasangkayu). "
        "Tulis 76.05. Urutan kode "
        "BPS dan Kemendagri berbeda: jangan memindahkan titik.")
    assert only_problem(demo, row(wilayah="7605")).message == (
        "7605 pada baris 2 adalah kode BPS untuk Pasangkayu; kode Kemendagri-nya 76.01 (76.05 adalah Majene).")


@pytest.mark.parametrize("code, message, fix", [
    ("76,05", "Kode wilayah '76,05' pada baris 2 memakai koma.",
     "Tulis 76.05 (dengan titik) dan format selnya sebagai Teks."),
    ("7605010", "Kode wilayah '7605010' pada baris 2 tidak dikenal; kode tanpa titik biasanya kode BPS.",
     ("Tulis kode Kemendagri dengan titik: 76 (provinsi), 76.05 (kabupaten), 76.05.01 (kecamatan), "
     "76.05.01.2001 (desa/kelurahan).")),
    ("73.01", "Kode wilayah '73.01' pada baris 2 bukan kode wilayah Sulawesi Barat.",
     "Kode Kemendagri Sulawesi Barat diawali 76, mis. 76.05 (kabupaten), 76.05.01 (kecamatan)."),
    ("", "Kode wilayah kosong pada baris 2.", "Isi kode Kemendagri wilayahnya, mis. 76.05 untuk Majene."),
])
def test_malformed_wilayah_codes(tiny, code, message, fix):
    problem = only_problem(tiny, row(wilayah=code))
    assert (problem.message, problem.fix) == (message, fix)


def test_code_and_name_that_disagree(demo):
    problem = only_problem(demo, row(5, wilayah="76.01", nama_wilayah="Majene"))
    assert str(problem) == ("Kode wilayah 76.01 pada baris 5 adalah Pasangkayu, bukan 'Majene'. Majene = 76.05; "
                            "betulkan kode atau namanya.")
    assert only_problem(demo, row(wilayah="76.01", nama_wilayah="Majenne")).fix == \
        "Betulkan kode atau nama wilayahnya."


@pytest.mark.parametrize("code, name", [
    ("76.05", "majene"), ("76.05", "  Kabupaten   Majene "), ("76.05", "Kab. Majene"), ("76.01", "Mamuju Utara"),
    ("76.04", "Polman"), ("76", "Provinsi Sulawesi Barat"), ("76.05.01", "Kec. Banggae"),
])
def test_names_compare_leniently(demo, code, name):
    assert check(demo, row(wilayah=code, nama_wilayah=name))[1] == []


def test_unknown_code_with_a_known_name_suggests_its_code(demo):
    assert only_problem(demo, row(wilayah="76.07", nama_wilayah="Majene")).fix.endswith("Majene = 76.05.")


@pytest.mark.parametrize("periode, message, fix", [
    ("2023-13", "Kode periode '2023-13' pada baris 2 tidak sah.",
     "Bentuk yang sah: 2023, 2023-S1, 2023-Q3, 2023-08, 2023-08-W2; bila periode data tidak diketahui, "
     "tanggal diumumkan: 2023-09-01-diumumkan. Bulan harus 01–12."),
    ("Agustus 2023", "Kode periode 'Agustus 2023' pada baris 2 tidak sah.",
     "Bentuk yang sah: 2023, 2023-S1, 2023-Q3, 2023-08, 2023-08-W2; bila periode data tidak diketahui, "
     "tanggal diumumkan: 2023-09-01-diumumkan."),
    ("", "Kode periode kosong pada baris 2.",
     "Isi kode periodenya, mis. 2023, 2023-S1, 2023-Q3, 2023-08 atau 2023-08-W2."),
    ("2023-08-01", ("Periode '2023-08-01' pada baris 2 berupa tanggal, bukan kode periode (Excel mengubah "
                   "2023-08 menjadi tanggal)."),
     "Format sel periode sebagai Teks lalu ketik kodenya, mis. 2023-08 untuk bulan atau 2023-08-W2 untuk minggu."),
    ("2014", "Periode 2014 pada baris 2 di luar tahun database (2015–2030).",
     "Periksa tahunnya; bila memang benar, minta admin menambah tahun itu ke database."),
    ("2027", "Periode 2027 (2027) pada baris 2 belum dimulai.",
     "Periksa tahun dan bulannya; nilai hanya dimuat untuk periode yang sudah berjalan."),
    ("2023-08-W2", ("ST-PREV dilaporkan tahunan, tetapi periode 2023-08-W2 pada baris 2 adalah minggu (Minggu II "
                    "Agustus 2023); minggu hanya untuk hitungan bulanan yang dilaporkan di apel."),
     "Pakai bulan saat data diukur, mis. 2023-08, atau kode tahun, mis. 2023."),
    ("2027-01-01-diumumkan", "Tanggal diumumkan 01-01-2027 pada baris 2 belum tiba.",
     "Tulis tanggal nilai itu diumumkan (sudah lewat), mis. 2023-09-01-diumumkan."),
])
def test_period_rules(tiny, periode, message, fix):
    problem = only_problem(tiny, row(periode=periode))
    assert (problem.column, problem.message, problem.fix) == ("periode", message, fix)


def test_monthly_indicator_takes_weeks_not_years(tiny):
    assert check(tiny, row(indikator="ST-KELUAR", periode="2023-08-W2", nilai="5"))[1] == []
    problem = only_problem(tiny, row(indikator="ST-KELUAR", periode="2023", nilai="5"))
    assert problem.message == ("ST-KELUAR dilaporkan bulanan, tetapi periode 2023 pada baris 2 adalah tahun (2023), "
                               "lebih panjang dari satu bulan: satu nilai tidak bisa mewakili beberapa bulan.")
    assert problem.fix == "Pakai kode bulan, mis. 2023-01, atau periode yang lebih rinci saat data diukur (minggu)."


def test_value_rules_on_text(tiny):
    assert str(only_problem(tiny, row(nilai=""))) == (
        "Nilai kosong pada baris 2. Isi nilainya; bila belum ada data, hapus baris ini (di templat: kosongkan "
        "juga sumber dan catatannya).")
    problem = only_problem(tiny, row(indikator="ST-SASARAN", periode="2023-08", nilai="16,377"))
    assert problem.message.startswith("Nilai pada baris 2 tidak bisa dibaca: '16,377' bisa dibaca 16377")
    assert problem.fix == "Bila maksudnya 16377 anak, tulis 16377 atau 16.377 (titik sebagai pemisah ribuan)."
    assert "bisa dibaca dua cara" in only_problem(tiny, row(nilai="1.190")).message


def test_fractional_count_from_an_english_excel_cell_suggests_the_whole_number(tiny):
    data = xlsx_bytes([HEADER, ["ST-SASARAN", "76.05", "Majene", "2023-08", 16.377, "Dinkes", None]])
    clean, problems = validate(read_upload("a.xlsx", data).rows, tiny, today=TODAY)
    assert clean == [] and len(problems) == 1
    assert problems[0].message == "Nilai 16,377 pada baris 2 bukan bilangan bulat, padahal jumlah anak selalu bulat."
    assert problems[0].fix == ("Bila maksudnya 16377 anak, ketik 16377 tanpa titik: Excel berbahasa Inggris "
                               "membaca titik sebagai tanda desimal, jadi 16.377 menjadi 16 koma 377.")


def test_other_fractional_counts(tiny):
    problem = only_problem(tiny, row(indikator="ST-SASARAN", periode="2023-08", nilai="2,5"))
    assert problem.message == "Nilai 2,5 pada baris 2 bukan bilangan bulat, padahal jumlah anak selalu bulat."
    assert problem.fix == "Tulis jumlahnya sebagai bilangan bulat, mis. 16377."
    problem = only_problem(tiny, row(indikator="ST-SASARAN", periode="2023-08", numeric=16.38))
    assert problem.fix.startswith("Bila maksudnya 16380 anak, ketik 16380 tanpa titik")
    problem = only_problem(tiny, row(indikator="ST-SASARAN", periode="2023-08", numeric=2.12345))
    assert problem.fix == "Tulis jumlahnya sebagai bilangan bulat, mis. 16377."


@pytest.mark.parametrize("indikator, periode, nilai, message", [
    ("ST-SASARAN", "2023-08", "-3", "Nilai −3 pada baris 2 negatif, padahal ST-SASARAN (anak) tidak bisa negatif."),
    ("ST-PREV", "2022", "-0,5", "Nilai −0,5 pada baris 2 negatif, padahal ST-PREV (persen) tidak bisa negatif."),
    ("ST-PREV", "2022", "100,5", "Nilai 100,5 persen pada baris 2 di luar rentang 0–100."),
    ("INF-YOY", "2024-02", "-120", "Nilai −120 persen pada baris 2 di luar rentang -100–100."),
])
def test_value_ranges(tiny, indikator, periode, nilai, message):
    assert only_problem(tiny, row(indikator=indikator, periode=periode, nilai=nilai)).message == message


def test_range_limits_are_inclusive_and_inflation_may_be_negative(tiny):
    rows = [row(2, nilai="0"), row(3, nilai="100", periode="2021"),
            row(4, indikator="INF-YOY", wilayah="76", periode="2024-03", nilai="-2,1", sumber="BPS")]
    assert check(tiny, *rows)[1] == []


def test_numeric_cell_skips_text_parsing(tiny):
    clean, problems = check(tiny, row(nilai="anything", numeric=40.6))
    assert problems == [] and clean[0].nilai == 40.6


def test_sumber_rules(tiny):
    assert str(only_problem(tiny, row(sumber="  "))) == (
        "Sumber kosong pada baris 2. Tulis sumber datanya, mis. 'Dinkes Sulbar, e-PPGBM Agustus 2023'; setiap "
        "nilai wajib bersumber.")
    problem = only_problem(tiny, row(sumber="6"))
    assert problem.message == "Sumber '6' pada baris 2 hanya berisi angka."
    assert "40,6 terpecah oleh pemisah ','" in problem.fix


def test_permission_refusal_and_one_question_per_pair(tiny):
    asked = []

    def may_load(indikator, wilayah):
        asked.append((indikator, wilayah))
        return wilayah == "76.04"
    clean, problems = check(tiny, row(2), row(3, periode="2021"), row(4, wilayah="76.04"), may_load=may_load)
    assert [c.line for c in clean] == [4]
    assert len(problems) == 1 and problems[0].lines == (2, 3)
    assert str(problems[0]) == ("Anda tidak berwenang memuat ST-PREV untuk Majene (76.05) pada baris 2 dan 3. "
                                "Unggah hanya indikator dan wilayah yang menjadi tanggung jawab OPD Anda, atau "
                                "minta OPD koordinator isu ST memuatnya.")
    assert sorted(asked) == [("ST-PREV", "76.04"), ("ST-PREV", "76.05")]


def test_same_key_with_different_values_names_both_lines(tiny):
    clean, problems = check(tiny, row(3), row(4, wilayah="76.04"), row(9, nilai="41,2"))
    assert [c.line for c in clean] == [4]
    assert len(problems) == 1 and problems[0].lines == (3, 9) and problems[0].line == 3
    assert str(problems[0]) == (
        "ST-PREV untuk Majene (76.05) periode 2022 muncul 2 kali dengan isi berbeda (baris 3: nilai 40,6, sumber "
        "'SSGI 2022'; baris 9: nilai 41,2, sumber 'SSGI 2022'). Sisakan satu baris per indikator, wilayah dan "
        "periode; hapus yang lain.")


def test_same_key_same_value_other_source_is_a_problem(tiny):
    problem = only_problem(tiny, row(3), row(4, sumber="Dinkes"))
    assert problem.lines == (3, 4)


def test_exact_repeats_collapse_into_the_first(tiny):
    clean, problems = check(tiny, row(3), row(5, nilai="40.6", periode=" 2022 "), row(8))
    assert problems == [] and [c.line for c in clean] == [3]


def test_every_problem_of_every_row_is_collected(tiny):
    clean, problems = check(tiny, row(2, wilayah="76.99", periode="2023-13", nilai="-", sumber=""),
                            row(3, indikator="ST-PREF"))
    assert clean == []
    assert [(p.line, p.column) for p in problems] == [
        (2, "wilayah"), (2, "periode"), (2, "nilai"), (2, "sumber"), (3, "indikator")]


def test_one_cause_on_many_lines_is_one_problem(tiny):
    rows = [row(n, indikator="ST-PREF", periode=str(2015 + n)) for n in range(2, 6)] + [row(7, indikator="ST-PREF")]
    problem = only_problem(tiny, *rows)
    assert problem.lines == (2, 3, 4, 5, 7)
    assert problem.message == "Kode indikator 'ST-PREF' pada baris 2–5 dan 7 tidak dikenal."


def test_lines_and_codes_text():
    assert lines_text([12]) == "baris 12"
    assert lines_text([9, 3]) == "baris 3 dan 9"
    assert lines_text([4, 3]) == "baris 3 dan 4"
    assert lines_text([3, 5, 9, 10, 11, 20]) == "baris 3, 5, 9–11 dan 20"
    assert lines_text(list(range(2, 40, 2))) == "baris 2, 4, 6, 8, 10, 12, 14, 16 dan 11 baris lain"
    assert codes_text(["76.01", "76.02", "76.03"]) == "76.01–76.03"
    assert codes_text(["76.04", "76.05"]) == "76.04, 76.05"
    assert codes_text(["76.01", "76.02", "76.04"]) == "76.01, 76.02, 76.04"


def test_one_bad_row_among_a_thousand(demo):
    codes = [r[0] for r in demo.execute("SELECT kode FROM wilayah WHERE level = 'desa' ORDER BY kode").fetchall()]
    rows = [row(i + 2, indikator="ST-SASARAN", wilayah=codes[i % len(codes)], periode=f"2023-{i // len(codes) + 1:02d}",
                nilai=str(i), sumber="Dinkes") for i in range(1000)]
    rows[617] = row(619, indikator="ST-SASARAN", wilayah=codes[617 % len(codes)], periode="2023-01", nilai="16,377",
                    sumber="Dinkes")
    clean, problems = validate(rows, demo, today=TODAY)
    assert len(clean) == 999 and len(problems) == 1
    assert (problems[0].line, problems[0].lines, problems[0].column) == (619, (619,), "nilai")


def test_ten_thousand_rows_validate_cleanly(demo):
    """The speed of this lives in bench/bench_upload.py (house rule: no timed tests)."""
    codes = [r[0] for r in demo.execute("SELECT kode FROM wilayah WHERE level = 'desa' ORDER BY kode").fetchall()]
    rows = [row(i + 2, indikator="ST-SASARAN", wilayah=codes[i % len(codes)], nilai=f"{i:,}".replace(",", "."),
                periode=f"{2015 + i // (12 * len(codes))}-{i // len(codes) % 12 + 1:02d}", sumber="Dinkes")
            for i in range(10_000)]
    clean, problems = validate(rows, demo, may_load=lambda i, w: True, today=TODAY)
    assert problems == [] and len(clean) == 10_000


# --- read + validate end to end ---------------------------------------------------------------------

def test_template_round_trip_to_clean_rows(tiny):
    table = [["76.04", "Polewali Mandar", 120, "Dinkes Polman", None],
             ["76.05", "Majene", None, None, None],
             ["76.05.01", "Banggae", "7", "Dinkes Majene", "data awal"]]
    upload = read_upload("isian.xlsx", template_bytes("ST-SASARAN", "2023-08-W2", table))
    clean, problems = validate(upload.rows, tiny, today=TODAY)
    assert problems == []
    first = upload.rows[0].line
    assert clean == [CleanRow(first, "ST-SASARAN", "76.04", "2023-08-W2", 120.0, "Dinkes Polman", None),
                     CleanRow(first + 2, "ST-SASARAN", "76.05.01", "2023-08-W2", 7.0, "Dinkes Majene", "data awal")]


def test_template_written_by_lib_ingest_template_reads_back(tiny):
    import openpyxl

    from lib.ingest.template import write_template
    book = openpyxl.load_workbook(io.BytesIO(write_template(tiny, "ST-SASARAN", "2023-08", ["76", "76.04", "76.05"])))
    sheet, first = book[shapes.TEMPLATE_SHEET], shapes.TABLE_HEADER_ROW + 1
    sheet.cell(first, 3, 120)
    sheet.cell(first, 4, "Dinkes Sulbar")
    sheet.cell(first + 2, 3, "1.234")
    sheet.cell(first + 2, 4, "Dinkes Majene")
    buffer = io.BytesIO()
    book.save(buffer)
    clean, problems = validate(read_upload("templat.xlsx", buffer.getvalue()).rows, tiny, today=TODAY)
    assert problems == []
    assert clean == [CleanRow(first, "ST-SASARAN", "76", "2023-08", 120.0, "Dinkes Sulbar", None),
                     CleanRow(first + 2, "ST-SASARAN", "76.05", "2023-08", 1234.0, "Dinkes Majene", None)]


def test_template_row_with_source_but_no_value_is_a_problem(tiny):
    table = [["76.04", "Polewali Mandar", None, "Dinkes Polman", None]]
    upload = read_upload("isian.xlsx", template_bytes("ST-SASARAN", "2023-08", table))
    problem = only_problem(tiny, *upload.rows)
    assert problem.column == "nilai" and problem.message.startswith("Nilai kosong pada baris")


def test_uncached_formula_value_is_refused_not_lost(tiny):
    def formula(book):
        book.active["E2"] = "=B9*2"
    data = xlsx_bytes([HEADER, ["ST-PREV", "76.05", None, "2022", None, "SSGI", None]], edit=formula)
    problem = only_problem(tiny, *read_upload("a.xlsx", data).rows)
    assert problem.message == ("Nilai pada baris 2 tidak bisa dibaca: '=B9*2' adalah rumus Excel tanpa hasil "
                               "tersimpan, bukan angka.")


def test_csv_decimal_comma_spilling_into_sumber_is_caught(tiny):
    text = "indikator,wilayah,periode,nilai,sumber,catatan\r\nST-PREV,76.05,2022,40,6,SSGI\r\n"
    problem = only_problem(tiny, *read_upload("a.csv", text.encode()).rows)
    assert problem.message == "Sumber '6' pada baris 2 hanya berisi angka."


def test_semicolon_csv_end_to_end(tiny):
    data = csv_bytes([HEADER, ["ST-PREV", "76.05", "Majene", "2022", "40,6", "SSGI", ""],
                      ["ST-SASARAN", "76.04", "Polewali Mandar", "2023-08", "1.234", "Dinkes", "awal"]])
    clean, problems = validate(read_upload("a.csv", data).rows, tiny, today=TODAY)
    assert problems == [] and [(c.nilai, c.line) for c in clean] == [(40.6, 2), (1234.0, 3)]


# --- issue 18 item 2: periods as measured ---------------------------------------------------------------

def test_a_yearly_indicator_takes_the_month_it_was_measured_and_an_announcement_day(tiny):
    clean, problems = check(tiny, row(periode="2024-03"), row(3, wilayah="76.04", periode="2023-09-01-diumumkan"))
    assert problems == []
    assert [r.periode for r in clean] == ["2024-03", "2023-09-01-diumumkan"]


def test_a_second_period_in_the_same_year_of_a_yearly_series_is_refused(tiny):
    # the record holds ST-PREV 76.05 for 2022 (the year); March 2022 would count 2022 twice
    problem = only_problem(tiny, row(periode="2022-03"))
    assert problem.column == "periode"
    assert problem.message == ("ST-PREV untuk Majene (76.05) pada baris 2 akan punya 2 periode dalam tahun 2022: "
                               "2022, 2022-03 (2022 sudah ada di database).")
    assert problem.fix.startswith("Satu seri memakai satu periode per tahun")


def test_two_periods_of_one_year_in_the_same_upload_are_refused(tiny):
    clean, problems = check(tiny, row(periode="2024-03"), row(3, periode="2024"))
    assert clean == [] and len(problems) == 1 and problems[0].lines == (2, 3)


def test_monthly_counts_may_be_reported_in_several_weeks_of_a_month(tiny):
    rows = [row(indikator="ST-KELUAR", periode="2023-09-W1", nilai="5"),
            row(3, indikator="ST-KELUAR", periode="2023-09-W3", nilai="7")]
    assert check(tiny, *rows)[1] == []
