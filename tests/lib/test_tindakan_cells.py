"""Tindakan uploads follow the value path's cell rules (issue 20, item 3): control, bidi and zero-width
characters, lengths per column, and amounts that a count unit cannot take; all or nothing, row and column named."""
from __future__ import annotations

import io
import shutil

import duckdb
import openpyxl
import pytest

from lib.db import record
from lib.ingest import tindakan
from lib.ingest.pipeline import RejectedError
from lib.users.accounts import User

HEADER = "isu,opd,wilayah,periode,judul,uraian,jumlah,satuan,sumber,url\n"
ROW = {"isu": "INF", "opd": "", "wilayah": "76.04.04", "periode": "2025-10", "judul": "Pasar murah kecamatan",
       "uraian": "Bersama Bulog", "jumlah": "12", "satuan": "kegiatan", "sumber": "Laporan Biro Hukum", "url": ""}
FIRST = ("ST,,76.04.04,2025-09,Pemberian makanan tambahan,Posyandu Pekkabata,1250,paket,Laporan,"
         "https://contoh.go.id/pmt\n")
ADMIN = User("admin", "admin")


@pytest.fixture(scope="module")
def tiny_db(_tiny_record, tmp_path_factory):
    """One published copy of the tiny record for the module: every test here only reads it or has an upload
    refused, and `refused` asserts the refusal left it as it was (no row, no batch)."""
    target = tmp_path_factory.mktemp("tindakan-cells") / "tiny.duckdb"
    shutil.copyfile(_tiny_record, target.with_name("tiny.duckdb.tmp"))
    record.replace(target, target.with_name("tiny.duckdb.tmp"), force=False)
    return target


def counts(path) -> tuple[int, int]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT (SELECT count(*) FROM tindakan), (SELECT count(*) FROM unggahan)").fetchone()


def csv_file(**cells) -> bytes:
    row = ROW | cells
    quoted = ['"' + row[c].replace('"', '""') + '"' for c in tindakan.COLUMNS]
    return (HEADER + FIRST + ",".join(quoted) + "\n").encode("utf-8")


def xlsx_file(**cells) -> bytes:
    """The same two rows as an .xlsx; characters XML cannot hold are written as Excel writes them (_xHHHH_)."""
    row = ROW | cells
    book = openpyxl.Workbook()
    book.active.append(list(tindakan.COLUMNS))
    book.active.append(FIRST.strip().split(","))
    book.active.append(["".join(f"_x{ord(ch):04X}_" if ord(ch) < 0x20 and ch not in "\t\n\r" else ch
                                for ch in row[c]) for c in tindakan.COLUMNS])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def refused(path, name: str, data: bytes) -> list:
    before = counts(path)
    with duckdb.connect(str(path), read_only=True) as con:
        may = tindakan.reporter(con, ADMIN)
    with pytest.raises(RejectedError) as caught:
        tindakan.load(path, name, data, user_name=ADMIN.name, may_report=may)
    assert counts(path) == before  # nothing loaded: not even the good first row
    return caught.value.problems


FILES = {"csv": ("tindakan.csv", csv_file), "xlsx": ("tindakan.xlsx", xlsx_file)}


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("column, text, code, kind_word", [
    ("uraian", "Pasar\x0bmurah\x07", "U+0007", "karakter kontrol"),  # vertical tab reads as a space, bell refused
    ("sumber", "Laporan \u202eBiro", "U+202E", "pengatur arah teks"),
    ("judul", "Pasar \u2066murah", "U+2066", "pengatur arah teks"),
    ("uraian", "Bersama\x1b[31m Bulog", "U+001B", "karakter kontrol"),
    ("sumber", "Lapo\u200bran", "U+200B", "karakter tak terlihat (lebar nol)"),
])
def test_invisible_characters_are_refused_naming_row_and_column(tiny_db, kind, column, text, code, kind_word):
    name, build = FILES[kind]
    problems = refused(tiny_db, name, build(**{column: text}))
    assert [(p.line, p.column) for p in problems] == [(3, column)]
    assert problems[0].message == f"Kolom {column} pada baris 3 berisi {kind_word} {code} yang tidak terlihat."
    assert f"⟨{code}⟩" in problems[0].value


def test_a_vertical_tab_alone_reads_as_a_space_as_for_values(tiny_db):
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        rows, problems = tindakan.check(con, tindakan.read("t.csv", csv_file(uraian="Bersama\x0b\x0bBulog")))
    assert problems == [] and rows[1].uraian == "Bersama Bulog"


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("column", ["uraian", "sumber", "judul", "url"])
def test_ten_thousand_characters_are_refused_with_the_limit(tiny_db, kind, column):
    name, build = FILES[kind]
    text = "https://contoh.go.id/" + "a" * 9_979 if column == "url" else "a" * 10_000
    problems = refused(tiny_db, name, build(**{column: text}))
    assert [(p.line, p.column) for p in problems] == [(3, column)]
    limit = f"{tindakan.MAX_CHARS[column]:,}".replace(",", ".")
    assert problems[0].message == f"Kolom {column} pada baris 3 berisi 10.000 karakter, melebihi batas {limit} karakter."
    assert len(problems[0].value) <= 61


def test_text_at_the_limits_is_accepted(tiny_db):
    data = csv_file(uraian="u" * tindakan.MAX_CHARS["uraian"], sumber="s" * tindakan.MAX_CHARS["sumber"],
                    judul="j" * tindakan.MAX_CHARS["judul"])
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        rows, problems = tindakan.check(con, tindakan.read("t.csv", data))
    assert problems == [] and len(rows[1].uraian) == 1000 and len(rows[1].sumber) == 500


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("jumlah, satuan, message", [
    ("-5", "kegiatan", ("Nilai −5 di kolom jumlah pada baris 3 negatif, padahal jumlah tindakan (kegiatan) tidak "
                        "bisa negatif.")),
    ("2,5", "anak", ("Nilai 2,5 di kolom jumlah pada baris 3 bukan bilangan bulat, padahal jumlah anak selalu "
                     "bulat.")),
    ("-3", "paket", ("Nilai −3 di kolom jumlah pada baris 3 negatif, padahal jumlah tindakan (paket) tidak bisa "
                     "negatif.")),
    ("140", "persen", "Nilai 140 persen di kolom jumlah pada baris 3 di luar rentang 0–100."),
])
def test_amounts_follow_the_value_rules(tiny_db, kind, jumlah, satuan, message):
    name, build = FILES[kind]
    problems = refused(tiny_db, name, build(jumlah=jumlah, satuan=satuan))
    assert [(p.line, p.column, p.message) for p in problems] == [(3, "jumlah", message)]


def test_a_whole_count_and_a_fraction_of_another_unit_load(tiny_db):
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        rows, problems = tindakan.check(con, tindakan.read("t.csv", csv_file(jumlah="2,5", satuan="ton")))
    assert problems == [] and rows[1].jumlah == 2.5
