"""`python -m lib.apel` follows the cell rules of every input path (issue 20, item 3): overlong names, control
characters and ESC sequences refused; near-duplicates refused; `list` never prints a control character raw, even
from an old record. One case runs as a real process (the wiring: exit code, one line on stderr); the others call
the command's entry function main(argv), as its __main__ does, and read what it prints."""
from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time
from pathlib import Path

import duckdb
import pytest

from lib.apel import meetings
from lib.apel.__main__ import main
from lib.db import writes
from lib.ingest import load

ROOT = Path(__file__).resolve().parents[2]


def real_apel(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lib.apel", *args, "--db", str(db)], cwd=ROOT, capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=60, check=False)


@pytest.fixture
def apel(capsys):
    """`python -m lib.apel ARGS --db DB` through main(argv): its exit code, stdout and stderr."""
    def run(db: Path, *args: str) -> subprocess.CompletedProcess:
        capsys.readouterr()
        code = main([*args, "--db", str(db)])
        printed = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, printed.out, printed.err)
    return run


@pytest.fixture
def add(apel):
    def run(db: Path, nama: str, tanggal: str = "2024-03-18", jam: str = "08:30", *extra: str):
        return apel(db, "add", "--tanggal", tanggal, "--jam", jam, "--nama", nama, "--oleh", "admin", *extra)
    return run


def names(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [row[0] for row in con.execute("SELECT nama FROM apel ORDER BY nama").fetchall()]


def refused(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 1 and done.stdout == "", (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Gagal: ") and "Traceback" not in done.stderr
    return lines[0]


@pytest.mark.parametrize("extra, message", [
    ((), "Kolom nama berisi 10.000 karakter, melebihi batas 200 karakter."),
    (("--tempat", "t" * 201), "Kolom tempat berisi 201 karakter, melebihi batas 200 karakter."),
])
def test_overlong_text_is_refused_and_nothing_written(tiny_db, add, extra, message):
    before = names(tiny_db)
    line = refused(add(tiny_db, "a" * 10_000 if not extra else "Apel Maret", "2024-03-18", "08:30", *extra))
    assert message in line and len(line) < 400
    assert names(tiny_db) == before


@pytest.mark.parametrize("nama, code, kind", [
    ("Apel\x07Maret", "U+0007", "karakter kontrol"),
    ("Apel \x1b[2J\x1b[31mMaret", "U+001B", "karakter kontrol"),  # clears the screen, turns it red
    ("Apel \u202eteraM", "U+202E", "pengatur arah teks"),
    ("Apel\u200bMaret", "U+200B", "karakter tak terlihat (lebar nol)"),
])
def test_control_escape_and_bidi_characters_are_refused(tiny_db, add, nama, code, kind):
    before = names(tiny_db)
    line = refused(add(tiny_db, nama))
    assert f"Kolom nama berisi {kind} {code} yang tidak terlihat." in line
    assert "\x1b" not in line and "\x07" not in line and "\u202e" not in line
    assert names(tiny_db) == before


def test_a_real_process_refuses_an_escape_sequence_with_one_line_and_exit_code_1(tiny_db):
    """The wiring, as the operator runs it: `python -m lib.apel add` with an ESC sequence in the name."""
    before = names(tiny_db)
    done = real_apel(tiny_db, "add", "--tanggal", "2024-03-18", "--jam", "08:30", "--nama", "Apel \x1b[2J\x1b[31mMaret",
                     "--oleh", "admin")
    line = refused(done)
    assert "Kolom nama berisi karakter kontrol U+001B yang tidak terlihat." in line and "\x1b" not in line
    assert names(tiny_db) == before


def test_a_line_break_in_a_name_reads_as_a_space(tiny_db, add):
    assert add(tiny_db, "Apel\nMaret\t2024").returncode == 0
    assert "Apel Maret 2024" in names(tiny_db)


@pytest.mark.parametrize("twin", ["apel maret", "  APEL   Maret ", "Apel\tmaret"])
def test_a_near_duplicate_on_the_same_day_is_refused(tiny_db, add, twin):
    assert add(tiny_db, "Apel Maret").returncode == 0
    line = refused(add(tiny_db, twin, "2024-03-18", "10:00"))
    assert "Apel 'Apel Maret' pada 18 Maret 2024 sudah dicatat oleh admin" in line
    assert "huruf besar/kecil dan spasi tidak membedakan" in line
    assert names(tiny_db).count("Apel Maret") == 1 and len(names(tiny_db)) == 2


def test_a_second_apel_at_the_same_hour_is_refused_and_another_day_may_reuse_the_name(tiny_db, add):
    assert add(tiny_db, "Apel Maret").returncode == 0
    line = refused(add(tiny_db, "Apel Khusus Stunting", "2024-03-18", "08:30"))
    assert "pukul 08.30 sudah ada apel 'Apel Maret'" in line
    assert add(tiny_db, "Apel Khusus Stunting", "2024-03-18", "13:00").returncode == 0
    assert add(tiny_db, "Apel Maret", "2024-04-15", "08:30").returncode == 0


def test_list_escapes_controls_of_an_old_record(tiny_db, apel):
    with load.writing(tiny_db) as con:  # written before these rules, straight to the table
        writes.add_apel(con, date(2024, 5, 2), time(9, 0), "Lama\x1b[2J\x1b]0;judul\x07\u202eapel", "Ru\x1bang",
                        None, "op\x1b[31m", datetime(2024, 5, 2, 10, 0))
    done = apel(tiny_db, "list")
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout and "\u202e" not in done.stdout
    assert "2024-05-02 09:00  Lama⟨U+001B⟩[2J⟨U+001B⟩]0;judul⟨U+0007⟩⟨U+202E⟩apel  (Ru⟨U+001B⟩ang; dicatat oleh " \
           "op⟨U+001B⟩[31m)" in done.stdout


def test_the_app_form_gets_the_same_rules():
    """The Riwayat form calls the same check as the command line (lib.apel.meetings.check)."""
    with pytest.raises(meetings.ApelError, match="U\\+001B"):
        meetings.check(meetings.Apel(date(2024, 3, 18), "Apel", "Mamuju\x1b[1m", jam=time(8, 0)))
    with pytest.raises(meetings.ApelError, match="batas 1.000 karakter"):
        meetings.check(meetings.Apel(date(2024, 3, 18), "Apel", None, "c" * 1001, jam=time(8, 0)))


def test_a_refused_date_or_hour_is_quoted_escaped():
    with pytest.raises(meetings.ApelError) as caught:
        meetings.parse_date("2024\x1b[2J-03-18")
    assert "\x1b" not in str(caught.value) and "⟨U+001B⟩" in str(caught.value)
    with pytest.raises(meetings.ApelError) as caught:
        meetings.parse_time("08\x07:30" + "0" * 500)
    assert "\x07" not in str(caught.value) and len(str(caught.value)) < 200
