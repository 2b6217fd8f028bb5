"""Uploaded text on every path (CSV, XLSX, template; every column): control characters, length limits, and
the count units that can be neither negative nor fractional (issue 7, points 4, 6 and 14)."""
from __future__ import annotations

import csv
import importlib.util
import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from seed_fixture import TINY_SEED, write_seed

from lib.db.build import build_record
from lib.db.connect import connect
from lib.ingest import shapes
from lib.ingest.numbers import UNDER_THOUSAND_UNITS, is_count, may_be_negative
from lib.ingest.reader import read_upload
from lib.ingest.rows import SourceRow, UploadError
from lib.ingest.validate import validate
from lib.text import i18n

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 28)


def _builders():
    spec = importlib.util.spec_from_file_location("ingest_read_builders",
                                                  Path(__file__).with_name("test_ingest_read.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_b = _builders()
HEADER, csv_bytes, xlsx_bytes, template_bytes = _b.HEADER, _b.csv_bytes, _b.xlsx_bytes, _b.template_bytes


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny")
    path = build_record(folder / "tiny.duckdb", seed_dir=write_seed(folder / "seed", TINY_SEED)).path
    with connect(path) as con:
        yield con


@pytest.fixture(scope="module")
def demo(demo_db):
    with connect(demo_db) as con:
        yield con


def good(**cells) -> list:
    base = {"indikator": "ST-PREV", "wilayah": "76.05", "nama_wilayah": "Majene", "periode": "2022",
            "nilai": "40,6", "sumber": "SSGI 2022", "catatan": ""}
    return [(base | cells)[column] for column in HEADER]


def files(**cells) -> dict[str, tuple[str, bytes]]:
    """The same row as a semicolon CSV, a long-format XLSX and a template (text written as Excel escapes it)."""
    row = good(**cells)
    excel = [_excel_escaped(value) for value in row]
    table = [[excel[1], excel[2], excel[4], excel[5], excel[6]]]
    return {"csv": ("a.csv", csv_bytes([HEADER, row])), "xlsx": ("a.xlsx", xlsx_bytes([HEADER, excel])),
            "templat": ("t.xlsx", template_bytes(row[0], row[3], table))}


def _excel_escaped(text: str) -> str:
    """Text as Excel stores it in the file: characters XML cannot hold become _xHHHH_."""
    return "".join(f"_x{ord(c):04X}_" if ord(c) < 0x20 and c not in "\t\n\r" else c for c in text)


def checked(con, name: str, data: bytes):
    return validate(read_upload(name, data).rows, con, today=TODAY)


# --- point 4: control characters -------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["csv", "xlsx", "templat"])
@pytest.mark.parametrize("char", ["\x0b", "\x0c", "\n", "\t", "\r\n"])
def test_space_like_characters_read_as_one_space_on_every_path(tiny, kind, char):
    name, data = files(sumber=f"SSGI{char}2022", catatan=f"data{char}{char}awal")[kind]
    clean, problems = checked(tiny, name, data)
    assert problems == []
    assert (clean[0].sumber, clean[0].catatan) == ("SSGI 2022", "data awal")


@pytest.mark.parametrize("kind", ["csv", "xlsx", "templat"])
@pytest.mark.parametrize("column", ["sumber", "catatan", "nama_wilayah", "wilayah"])
def test_other_control_characters_refuse_the_row_naming_line_column_and_character(tiny, kind, column):
    value = {"sumber": "SSGI\x072022", "catatan": "catat\x1b", "nama_wilayah": "Maj\x02ene",
             "wilayah": "76.\x0105"}[column]
    name, data = files(**{column: value})[kind]
    clean, problems = checked(tiny, name, data)
    assert clean == [] and len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    line = 2 if kind != "templat" else shapes.TABLE_HEADER_ROW + 1
    code = {"sumber": "U+0007", "catatan": "U+001B", "nama_wilayah": "U+0002", "wilayah": "U+0001"}[column]
    assert problem.message == f"Kolom {column} pada baris {line} berisi karakter kontrol {code} yang tidak terlihat."
    assert problem.column == column and f"⟨{code}⟩" in problem.value
    assert "ketik ulang isi selnya" in problem.fix


def test_a_control_character_in_a_csv_is_no_longer_called_not_a_csv(tiny):
    clean, problems = checked(tiny, *files(sumber="SSGI\x1a")["csv"])
    assert [p.column for p in problems] == ["sumber"] and "U+001A" in problems[0].message


def test_bidi_override_that_would_reorder_a_page_is_refused(tiny):
    clean, problems = checked(tiny, *files(sumber="SSGI \u202e2202")["xlsx"])
    assert problems[0].message == "Kolom sumber pada baris 2 berisi pengatur arah teks U+202E yang tidak terlihat."


def test_a_nul_byte_still_marks_a_binary_file():
    with pytest.raises(UploadError, match="bukan CSV atau XLSX"):
        read_upload("a.csv", b"indikator;wilayah\r\nST\x00PREV;76\r\n")


# --- point 6: one length limit per column, the same on every path ------------------------------------------

@pytest.mark.parametrize("kind", ["csv", "xlsx", "templat"])
@pytest.mark.parametrize("column", ["sumber", "catatan", "nama_wilayah", "nilai", "wilayah"])
def test_overlong_text_is_refused_naming_column_and_limit(tiny, kind, column):
    limit = shapes.MAX_CHARS[column]
    name, data = files(**{column: "9" * (limit + 1) if column == "nilai" else "a" * (limit + 1)})[kind]
    clean, problems = checked(tiny, name, data)
    over = [p for p in problems if "melebihi batas" in p.message]
    assert clean == [] and len(over) == 1, [str(p) for p in problems]
    line = 2 if kind != "templat" else shapes.TABLE_HEADER_ROW + 1
    assert over[0].message == (f"Kolom {column} pada baris {line} berisi {i18n.format_number(limit + 1)} "
                               f"karakter, melebihi batas {i18n.format_number(limit)} karakter.")
    assert len(over[0].value) <= 61  # the report quotes an excerpt, never the whole cell


@pytest.mark.parametrize("kind", ["csv", "xlsx", "templat"])
def test_text_at_the_limit_is_accepted(tiny, kind):
    name, data = files(sumber="s" * shapes.MAX_CHARS["sumber"], catatan="c" * shapes.MAX_CHARS["catatan"])[kind]
    clean, problems = checked(tiny, name, data)
    assert problems == [] and len(clean[0].sumber) == shapes.MAX_CHARS["sumber"]


def _swap_in_sheet(data: bytes, placeholder: str, text: str) -> bytes:
    """Replace placeholder in the first sheet's XML (openpyxl itself cuts a cell at 32.767 characters)."""
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(placeholder.encode(), text.encode())
            archive.writestr(item.filename, content)
    return target.getvalue()


def test_a_sumber_over_excels_limit_in_a_small_xlsx_is_refused_while_streaming_with_a_short_report(tiny):
    name, data = files(sumber="PLACEHOLDER")["xlsx"]
    data = _swap_in_sheet(data, "PLACEHOLDER", "x" * 1_000_000)
    assert len(data) < 20_000
    with pytest.raises(UploadError) as caught:  # issue 20: beyond Excel's 32.767 characters, before openpyxl
        checked(tiny, name, data)
    assert "berisi lebih dari 32.767 karakter, batas Excel sendiri" in str(caught.value)
    assert len(str(caught.value)) < 400


def test_a_sumber_under_excels_limit_is_refused_by_the_column_limit_naming_the_row(tiny):
    name, data = files(sumber="PLACEHOLDER")["xlsx"]
    data = _swap_in_sheet(data, "PLACEHOLDER", "x" * 30_000)
    clean, problems = checked(tiny, name, data)
    assert clean == [] and len(problems) == 1
    assert "Kolom sumber pada baris 2 berisi 30.000 karakter, melebihi batas 500 karakter" in problems[0].message
    assert len(str(problems[0])) < 400


def test_overlong_csv_cell_names_the_limits_not_only_the_quotes():
    data = csv_bytes([HEADER, good(sumber="x" * (csv.field_size_limit() + 1))])
    with pytest.raises(UploadError) as caught:
        read_upload("panjang.csv", data)
    message = str(caught.value)
    assert "sel yang mulai di baris 2 lebih panjang dari 131.072 karakter" in message
    assert "teks dibatasi (sumber 500, catatan 1.000 karakter)" in message
    assert "tanda kutip (\") tanpa penutup" in message


def test_echoed_headings_and_stray_cells_are_short_and_visible():
    with pytest.raises(UploadError) as caught:
        read_upload("a.xlsx", xlsx_bytes([HEADER + ["y" * 100_000], good()]))
    assert len(str(caught.value)) < 1_000 and "yyyy…" in str(caught.value)
    with pytest.raises(UploadError) as caught:
        read_upload("a.xlsx", xlsx_bytes([HEADER, good() + ["z_x0007_" * 5_000]]))
    assert len(str(caught.value)) < 1_000


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_absurdly_large_values_are_refused_not_a_crash(tiny, kind):
    name, data = files(nilai="9" * 40)[kind]
    if kind == "xlsx":
        data = xlsx_bytes([HEADER, good()[:4] + [1e300] + good()[5:]])
    clean, problems = checked(tiny, name, data)
    assert clean == [] and [p.message for p in problems] == [
        "Nilai pada baris 2 terlalu besar (lebih dari 1.000.000.000.000.000)."]


# --- point 14: every count unit -------------------------------------------------------------------------

def test_every_seed_satuan_is_a_count_or_a_declared_measure():
    with open(ROOT / "data" / "seed" / "indikator.csv", encoding="utf-8") as handle:
        units = {row["satuan"] for row in csv.DictReader(handle)}
    unclassified = {u for u in units if not is_count(u) and u.lower() not in (*UNDER_THOUSAND_UNITS, "rupiah")}
    assert unclassified == set()
    assert {"anak", "jiwa", "KK", "kegiatan", "perkara"} <= {u for u in units if is_count(u)}
    assert all(is_count(u) for u in ("desa", "balita", "orang", "keluarga", "rumah tangga", "Rumah Tangga"))


def test_negative_count_of_kegiatan_is_refused_though_inflation_values_may_be_negative(demo):
    rows = [SourceRow(2, {"indikator": "INF-PANGAN-MURAH", "wilayah": "76", "periode": "2024-03", "nilai": "-5",
                          "sumber": "Dinas Ketahanan Pangan"}),
            SourceRow(3, {"indikator": "INF-PANGAN-MURAH", "wilayah": "76.05", "periode": "2024-03",
                          "nilai": "2,5", "sumber": "Dinas Ketahanan Pangan"}),
            SourceRow(4, {"indikator": "INF-MTM", "wilayah": "76", "periode": "2024-03", "nilai": "-0,4",
                          "sumber": "BPS"})]
    clean, problems = validate(rows, demo, today=TODAY)
    assert [p.message for p in problems] == [
        "Nilai −5 pada baris 2 negatif, padahal INF-PANGAN-MURAH (kegiatan) tidak bisa negatif.",
        "Nilai 2,5 pada baris 3 bukan bilangan bulat, padahal jumlah kegiatan selalu bulat."]
    assert [(c.indikator, c.nilai) for c in clean] == [("INF-MTM", -0.4)]


def test_sign_rule_is_one_function_for_validate_and_the_template():
    assert may_be_negative("INF", "turun", "persen") and may_be_negative("KE", "rentang", "indeks")
    assert not may_be_negative("INF", "naik", "kegiatan") and not may_be_negative("INF", "rentang", "KK")
    assert not may_be_negative("ST", "turun", "persen")


def test_template_for_a_count_under_inflation_sets_a_lower_bound_of_zero(demo):
    from lib.ingest import template

    meta = {"isu": "INF", "arah": "naik", "satuan": "kegiatan"}
    assert template.value_bounds(meta) == (0.0, None)
