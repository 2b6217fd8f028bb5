"""The upload commands' other texts follow the same cell rules (issue 20, item 3): a rollback's reason is
refused with a control character or over its limit; `python -m lib.ingest batches` (a real process) never prints
a control character raw, even from a record written before the rules; tindakan store the file name as values do."""
from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from lib.db import writes
from lib.ingest import load, tindakan
from lib.users.accounts import User

ROOT = Path(__file__).resolve().parents[2]
ACTIONS = ("isu,opd,wilayah,periode,judul,uraian,jumlah,satuan,sumber,url\n"
           "INF,,76.04.04,2025-10,Pasar murah kecamatan,,12,kegiatan,Laporan Biro Hukum,\n")


def tindakan_batch(path: Path, name: str) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        may = tindakan.reporter(con, User("admin", "admin"))
    return tindakan.load(path, name, ACTIONS.encode(), user_name="admin", may_report=may)


@pytest.mark.parametrize("reason, words", [
    ("salah\x1b[2J ketik", "Kolom alasan berisi karakter kontrol U+001B"),
    ("salah \u202eketik", "Kolom alasan berisi pengatur arah teks U+202E"),
    ("x" * 10_000, "Kolom alasan berisi 10.000 karakter, melebihi batas 500 karakter."),
])
def test_a_rollback_reason_follows_the_cell_rules(tiny_db, reason, words):
    batch = tindakan_batch(tiny_db, "tindakan.csv")
    with pytest.raises(load.LoadError, match=re.escape(words)):
        load.rollback(tiny_db, batch, user_name="admin", reason=reason)
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM pembatalan WHERE unggahan = ?", [batch]).fetchone()[0] == 0
    load.rollback(tiny_db, batch, user_name="admin", reason="salah\nketik")  # a line break reads as a space
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        assert con.execute("SELECT alasan FROM pembatalan WHERE unggahan = ?", [batch]).fetchone()[0] == "salah ketik"


def test_a_tindakan_file_name_is_stored_as_a_value_upload_stores_it(tiny_db):
    batch = tindakan_batch(tiny_db, "tin\x1b[31mdakan.csv")
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        stored = con.execute("SELECT nama_berkas FROM unggahan WHERE id = ?", [batch]).fetchone()[0]
    assert stored == "tin⟨U+001B⟩[31mdakan.csv"


def test_batches_escapes_controls_of_an_old_record(tiny_db):
    with load.writing(tiny_db) as con:  # written before these rules, straight to the tables
        batch = writes.add_batch(con, "lama\x1b]0;judul\x07.csv", "h" * 64, "op\x1b[31m", datetime(2025, 1, 2, 9),
                                 0, "lama")
        writes.add_rollback(con, batch, "ad\x1bmin", datetime(2025, 1, 3, 9), "alasan\x1b[2J\u202e")
    done = subprocess.run([sys.executable, "-m", "lib.ingest", "batches", "--db", str(tiny_db)], cwd=ROOT,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout and "\u202e" not in done.stdout
    line = next(line for line in done.stdout.splitlines() if line.startswith(f"#{batch}\t"))
    assert "op⟨U+001B⟩[31m" in line and "DIBATALKAN oleh ad⟨U+001B⟩min: alasan⟨U+001B⟩[2J⟨U+202E⟩" in line
    assert line.endswith("lama⟨U+001B⟩]0;judul⟨U+0007⟩.csv")
