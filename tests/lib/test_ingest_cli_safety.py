"""The file-content rules of issue 7 (points 4, 6, 7, 8) hold on the command line too: `python -m lib.ingest
load` reads through the same reader and validator as the app."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import duckdb
import openpyxl
import pytest
from upload_file import write_upload

from lib.ingest import shapes
from lib.ingest.__main__ import main


def _sibling(name: str):
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_safety = _sibling("test_ingest_xlsx_safety")
HEADER, ROW = _safety.HEADER, _safety.ROW


def stored(db_path: Path) -> list[tuple]:
    with duckdb.connect(str(db_path)) as con:
        return con.execute("SELECT c.sumber, c.catatan, u.nama_berkas FROM capaian c JOIN unggahan u "
                           "ON u.id = c.unggahan WHERE c.indikator = 'ST-PREV' AND c.periode = '2023'").fetchall()


def test_space_like_controls_are_stored_as_spaces_and_the_file_name_is_made_visible(tiny_db, tmp_path):
    path = write_upload(tmp_path / "isian\x07.csv", [("ST-PREV", "76.05", "2023", "38,2", "SKI\x0b2023", "baris\nbaru")])
    assert main(["load", str(path), "--db", str(tiny_db), "--yes"]) == 0
    assert stored(tiny_db) == [("SKI 2023", "baris baru", "isian⟨U+0007⟩.csv")]


def test_other_controls_and_overlong_text_refuse_the_file(tiny_db, tmp_path, capsys):
    path = write_upload(tmp_path / "isian.csv", [("ST-PREV", "76.05", "2023", "38,2", "SKI\x072023", ""),
                                              ("ST-PREV", "76.04", "2023", "35", "SKI", "c" * 1001)])
    assert main(["load", str(path), "--db", str(tiny_db), "--yes"]) == 1
    out = capsys.readouterr().out
    assert "Baris 2, kolom sumber, nilai 'SKI⟨U+0007⟩2023': Kolom sumber berisi karakter kontrol U+0007" in out
    assert "Kolom catatan berisi 1.001 karakter, melebihi batas 1.000 karakter." in out
    assert stored(tiny_db) == []


def test_an_oversized_file_is_refused_before_it_is_read(tiny_db, tmp_path, capsys, monkeypatch):
    path = tmp_path / "besar.csv"
    with open(path, "wb") as handle:
        handle.truncate(shapes.MAX_UPLOAD_BYTES * 200)  # a sparse 1 GB file
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the whole file was read"))
    assert main(["load", str(path), "--db", str(tiny_db), "--check"]) == 1
    assert "melebihi batas 5 MB" in capsys.readouterr().err


def test_a_cell_bomb_and_hidden_rows_are_refused_by_load_check(tiny_db, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(shapes, "MAX_ROWS", 100)
    bomb = tmp_path / "bom.xlsx"
    bomb.write_bytes(_safety.with_sheet_xml("<row>" + "<c><v>1</v></c>" * 100 + "</row>" for _ in range(100)))
    assert main(["load", str(bomb), "--db", str(tiny_db), "--check"]) == 1
    assert "lebih dari 1.000 sel" in capsys.readouterr().err

    book = openpyxl.Workbook()
    for values in (HEADER, ROW, ROW[:1] + ["76.04"] + ROW[2:]):
        book.active.append(values)
    book.active.row_dimensions[3].hidden = True
    hidden = tmp_path / "tersembunyi.xlsx"
    book.save(hidden)
    assert main(["load", str(hidden), "--db", str(tiny_db), "--check"]) == 1
    assert "baris tersembunyi yang berisi data: baris 3" in capsys.readouterr().err
