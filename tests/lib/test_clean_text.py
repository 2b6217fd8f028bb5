"""lib.ingest.cells.clean_text: the one public rule for a piece of user text (values, tindakan, apel, notes to
come), and shown() for printing stored text on a terminal."""
from __future__ import annotations

from datetime import date

import pytest
from seed_fixture import TINY_SEED, write_seed

from lib.db.build import build_record
from lib.db.connect import connect
from lib.ingest.cells import TextError, clean_text, shown
from lib.ingest.rows import SourceRow
from lib.ingest.validate import validate


def test_clean_text_trims_and_reads_space_like_runs_as_one_space():
    assert clean_text("  Rapat\r\n\x0bSatgas\t4+1  ", "catatan", 100) == "Rapat Satgas 4+1"
    assert clean_text(None, "catatan", 100) == ""


@pytest.mark.parametrize("text, words", [
    ("a\x07b", "karakter kontrol U+0007"),
    ("a\x1b[31mb", "karakter kontrol U+001B"),
    ("a\x7fb", "karakter kontrol U+007F"),
    ("a\x9bb", "karakter kontrol U+009B"),
    ("a\u202ab", "pengatur arah teks U+202A"),
    ("a\u2069b", "pengatur arah teks U+2069"),
    ("a\u200db", "karakter tak terlihat (lebar nol) U+200D"),
    ("a\ufeffb", "karakter tak terlihat (lebar nol) U+FEFF"),
])
def test_clean_text_refuses_invisible_characters_naming_field_and_code_point(text, words):
    with pytest.raises(TextError) as caught:
        clean_text(text, "catatan", 100)
    error = caught.value
    assert error.field == "catatan" and error.reason == f"Kolom catatan berisi {words} yang tidak terlihat."
    assert "ketik ulang" in error.fix and str(error) == f"{error.reason} {error.fix}"


def test_clean_text_refuses_text_over_the_limit_and_accepts_it_at_the_limit():
    assert clean_text("x" * 300, "catatan", 300) == "x" * 300
    with pytest.raises(TextError, match="Kolom catatan berisi 10.000 karakter, melebihi batas 300 karakter."):
        clean_text("x" * 10_000, "catatan", 300)
    assert clean_text("x" * 10_000, "catatan", None) == "x" * 10_000


def test_shown_escapes_every_refused_character_and_cuts():
    assert shown("Apel\x1b[2J\u202e\u200b\nMaret") == "Apel⟨U+001B⟩[2J⟨U+202E⟩⟨U+200B⟩ Maret"
    assert shown("y" * 500, 20) == "y" * 20 + "…" and shown(None) == ""


def test_the_value_path_refuses_a_zero_width_space_too(tmp_path):
    path = build_record(tmp_path / "tiny.duckdb", seed_dir=write_seed(tmp_path / "seed", TINY_SEED)).path
    row = SourceRow(2, {"indikator": "ST-PREV", "wilayah": "76.05", "nama_wilayah": "", "periode": "2022",
                        "nilai": "40,6", "sumber": "SSGI\u200b 2022", "catatan": ""})
    with connect(path) as con:
        clean, problems = validate([row], con, today=date(2026, 11, 28))
    assert clean == [] and [p.message for p in problems] == [
        "Kolom sumber pada baris 2 berisi karakter tak terlihat (lebar nol) U+200B yang tidak terlihat."]
