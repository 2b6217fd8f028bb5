"""Issue 21, cell notes, with real processes: `python -m lib.catatan` as an operator runs it, the writer lock held
by another process, the published snapshot a public instance opens, `lib.db build` / `backup` / `restore`.

Tiny seed: ST-PREV × 76.05 (Majene) × 2022 = 40,6 % is red against the national 14 %; the isu ST is
coordinated by DINKES, nobody else answers for Majene, so a question there goes to DINKES."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from cli_inprocess import run_main
from old_schema import write_v1_record

from lib.data import notes
from lib.db import lock, migrate, record, snapshot
from lib.users.accounts import add_user

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CELL = ["--indikator", "ST-PREV", "--wilayah", "76.05", "--periode", "2022"]
PASSWORD = "kata-sandi-uji-panjang"


@pytest.fixture(scope="module")
def _users_template(tmp_path_factory) -> Path:
    """The four accounts, hashed once per module (an argon2 hash is a fifth of a second)."""
    path = tmp_path_factory.mktemp("users") / "users.json"
    for name, role, opd in (("gubernur", "admin", None), ("dinkes", "opd", "DINKES"), ("dinsos", "opd", "DINSOS"),
                            ("tamu", "viewer", None)):
        add_user(name, PASSWORD, role, opd, path=path)
    return path


@pytest.fixture
def users(_users_template, tmp_path) -> Path:
    """The test's own copy of the users file (mode 0600, as add_user writes it)."""
    path = tmp_path / "users.json"
    shutil.copy2(_users_template, path)
    return path


@pytest.fixture
def env(tiny_db, tiny_seed, users) -> dict:
    return {**os.environ, "MONITOR41_DB": str(tiny_db), "MONITOR41_USERS": str(users), "MONITOR41_SNAPSHOT_DIR": "",
            "MONITOR41_SEED_DIR": str(tiny_seed), "MONITOR41_WRITE_WAIT": "60", "MONITOR41_PUBLIC": "0",
            "PYTHONPATH": str(PROJECT_ROOT)}


def run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                          timeout=240, check=False)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def note(env: dict, *args: str) -> subprocess.CompletedProcess:
    return run(["lib.catatan", *args], env)


@pytest.fixture
def here(monkeypatch, capsys):
    """here(env, *args): lib.catatan's main(args) in this process with env (a note written or read as setup or
    for its message, where another process is not the point)."""
    from lib.catatan.__main__ import main

    def call(env: dict, *args: str) -> subprocess.CompletedProcess:
        done = run_main(main, list(args), env, monkeypatch, capsys)
        assert "Traceback" not in done.stderr, done.stderr
        return done

    return call


def ok(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout


def refused(done: subprocess.CompletedProcess, *words: str) -> str:
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 1 and len(lines) == 1 and lines[0].startswith("Gagal: "), done.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def rows(db: Path, sql: str):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def notes_file(db: Path) -> Path:
    path = snapshot.notes_path(db)
    assert path is not None
    return path


def test_a_governors_question_reaches_the_owning_opd_which_answers_and_commits(env, tiny_db, monkeypatch, capsys):
    """Every write is a real `python -m lib.catatan` process; the listings and the one refusal between them are
    read through the same main(argv) in this process (what they print, not another process, is the point)."""
    from lib.catatan.__main__ import main

    def here(*args: str) -> subprocess.CompletedProcess:
        return run_main(main, list(args), env, monkeypatch, capsys)

    folder = snapshot.folder(tiny_db)
    figures = snapshot.read_pointer(folder).file

    asked = ok(note(env, "add", "--user", "gubernur", *CELL, "--jenis", "pertanyaan",
                    "--teks", "Mengapa Majene merah? @dinkes"))
    assert asked.strip() == "1"
    inbox = ok(here("inbox", "--opd", "DINKES"))
    assert "Pertanyaan untuk DINKES (1)" in inbox and "#1 pertanyaan [terbuka] ST-PREV 76.05 2022 → DINKES" in inbox
    assert "Pertanyaan untuk DINSOS (0)" in ok(here("inbox", "--opd", "DINSOS"))

    # DINSOS does not own the cell: it may ask, never answer or commit
    refused(here("reply", "1", "--user", "dinsos", "--jenis", "penjelasan", "--teks", "Bukan kami"),
            "DINSOS", "bukan penanggung jawab", "DINKES")
    assert ok(note(env, "reply", "1", "--user", "dinsos", "--teks", "Kami ikut bertanya")).strip() == "2"
    assert "[terbuka]" in ok(here("list", "--terbuka")).splitlines()[0]

    assert ok(note(env, "reply", "1", "--user", "dinkes", "--teks", "Data SSGI 2022; e-PPGBM lebih rendah.")) \
        .strip() == "3"
    assert ok(note(env, "reply", "1", "--user", "dinkes", "--jenis", "komitmen", "--tenggat", "2099-06-30",
                   "--teks", "Verifikasi balita sasaran")).strip() == "4"
    listing = ok(here("list")).splitlines()
    assert listing[0].startswith("#1 pertanyaan [dijawab]") and listing[1].startswith("#2 ↳1 pertanyaan [dijawab]")
    assert listing[2].startswith("#3 ↳1 penjelasan [dijawab]")
    assert listing[3].startswith("#4 ↳1 komitmen [terbuka]") and "tenggat 2099-06-30 (DINKES)" in listing[3]
    inbox = ok(here("inbox", "--opd", "DINKES"))
    assert "Pertanyaan untuk DINKES (0)" in inbox and "Komitmen DINKES (1)" in inbox
    assert [line[:2] for line in ok(here("list", "--terbuka")).splitlines()] == ["#4"]

    ok(note(env, "done", "4", "--user", "dinkes", "--teks", "Sudah diverifikasi 120 balita"))
    assert ok(here("list", "--terbuka")) == ""
    with snapshot.reading_notes(tiny_db) as con:
        frame = notes.all_notes(con)
        assert dict(zip(frame["id"], frame["status"])) == {1: "dijawab", 2: "dijawab", 3: "dijawab", 4: "selesai"}
        assert list(frame["sebutan"][0]) == ["dinkes"] and frame["opd_tujuan"].tolist() == ["DINKES"] * 4
        assert frame["snapshot"].tolist() == [figures] * 4  # the snapshot each was written on
        assert notes.open_counts(con).empty

    # six note writes: the figures were never published again (no reader reopens, no cache empties) ...
    assert snapshot.read_pointer(folder).file == figures and snapshot.figures_current(tiny_db)
    assert [p.name for p in snapshot.snapshot_files(folder)] == [figures]
    # ... and the notes file was, after each one
    assert rows(notes_file(tiny_db), "SELECT count(*) FROM catatan") == [(4,)]


def test_bad_input_is_refused_in_one_line_and_nothing_is_written(env, tiny_db, monkeypatch, capsys):
    """The first refusal by a real `python -m lib.catatan` (one line on stderr, exit code 1); every other case
    through the same main(argv) in this process, with the same environment."""
    from lib.catatan.__main__ import main

    def here(*args: str) -> subprocess.CompletedProcess:
        return run_main(main, list(args), env, monkeypatch, capsys)

    ok(here("add", "--user", "gubernur", *CELL, "--jenis", "pertanyaan", "--teks", "Pertama"))
    cases = [
        (["add", "--user", "gubernur", *CELL, "--jenis", "pertanyaan", "--teks", "   "], ("wajib diisi",)),
        (["add", "--user", "gubernur", *CELL, "--jenis", "pertanyaan", "--teks", "x" * 2001],
         ("2.001 karakter", "2.000")),
        (["add", "--user", "gubernur", *CELL, "--jenis", "pertanyaan", "--teks", "a\u202eb"], ("U+202E",)),
        (["add", "--user", "gubernur", "--indikator", "XX", "--wilayah", "76.05", "--periode", "2022", "--jenis",
          "pertanyaan", "--teks", "x"], ("Indikator 'XX' tidak ada",)),
        (["add", "--user", "gubernur", "--indikator", "ST-PREV", "--wilayah", "76.99", "--periode", "2022",
          "--jenis", "pertanyaan", "--teks", "x"], ("Wilayah '76.99' tidak ada",)),
        (["add", "--user", "gubernur", "--indikator", "ST-PREV", "--wilayah", "76.05", "--periode", "2023",
          "--jenis", "pertanyaan", "--teks", "x"], ("Sel ST-PREV × 76.05 × 2023 tidak ada",)),
        (["add", "--user", "dinkes", *CELL, "--jenis", "komitmen", "--tenggat", "2020-01-01", "--teks", "x"],
         ("Tenggat 1 Januari 2020 sudah lewat",)),
        (["add", "--user", "dinkes", *CELL, "--jenis", "komitmen", "--teks", "x"], ("wajib bertanggal tenggat",)),
        (["add", "--user", "dinkes", *CELL, "--jenis", "komitmen", "--tenggat", "31-12-2099", "--teks", "x"],
         ("TTTT-BB-HH",)),
        (["add", "--user", "dinsos", *CELL, "--jenis", "penjelasan", "--teks", "x"], ("bukan penanggung jawab",)),
        (["add", "--user", "tamu", *CELL, "--jenis", "pertanyaan", "--teks", "x"], ("pembaca",)),
        (["add", "--user", "siapa", *CELL, "--jenis", "pertanyaan", "--teks", "x"], ("Akun 'siapa' tidak ada",)),
        (["add", "--user", "gubernur", *CELL, "--jenis", "pertanyaan", "--opd", "DINSOS", "--teks", "x"],
         ("DINSOS bukan pemilik sel ini", "DINKES")),
        (["reply", "9", "--user", "dinkes", "--teks", "x"], ("Catatan #9 tidak ada",)),
        (["withdraw", "1", "--user", "dinkes"], ("Hanya penulis catatan #1",)),
        (["done", "1", "--user", "dinkes", "--teks", "x"], ("bukan komitmen",)),
    ]
    (first, first_words), *others = cases
    refused(note(env, *first), *first_words)  # the real process
    for args, words in others:
        refused(here(*args), *words)
    ok(here("withdraw", "1", "--user", "gubernur"))
    refused(here("reply", "1", "--user", "dinkes", "--teks", "Jawaban"), "#1 sudah ditarik")
    refused(here("edit", "1", "--user", "gubernur", "--teks", "Ubah"), "#1 sudah ditarik")
    assert rows(tiny_db, "SELECT count(*) FROM catatan") == [(1,)]
    assert rows(tiny_db, "SELECT jenis FROM catatan_peristiwa") == [("tarik",)]
    assert here("add", "--user", "gubernur", *CELL, "--jenis", "saran", "--teks", "x").returncode == 2


def test_two_writers_at_once_the_second_is_told_to_try_again_and_writes_nothing(env, tiny_db):
    with lock.writer_lock(tiny_db):  # another writer (an upload) holds the record
        busy = note({**env, "MONITOR41_WRITE_WAIT": "0"}, "add", "--user", "gubernur", *CELL, "--jenis",
                    "pertanyaan", "--teks", "Sekarang?")
    refused(busy, "coba lagi")
    assert rows(tiny_db, "SELECT count(*) FROM catatan") == [(0,)]

    # two note writers started together: the writer lock serialises them, each gets its own number
    starts = [subprocess.Popen([sys.executable, "-m", "lib.catatan", "add", "--user", "gubernur", *CELL, "--jenis",
                                "pertanyaan", "--teks", f"Serentak {n}"], cwd=PROJECT_ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in (1, 2)]
    outputs = [process.communicate(timeout=240) for process in starts]
    assert all(process.returncode == 0 for process in starts), outputs
    assert sorted(out.strip() for out, _ in outputs) == ["1", "2"]
    assert rows(tiny_db, "SELECT count(*) FROM catatan") == [(2,)]


def test_the_published_snapshot_never_holds_notes_and_a_public_process_never_opens_them(env, tiny_db, here):
    """The note is written, and the public instance's `list` refused, through main(argv) in this process; the
    publication and the public process that looks for the notes are real processes."""
    secret = "Catatan rahasia ZQX-8841"
    ok(here(env, "add", "--user", "gubernur", *CELL, "--jenis", "pertanyaan", "--teks", secret))
    ok(run(["lib.db", "publish", "--db", str(tiny_db)], env))  # a full publication, notes in the record
    published = snapshot.latest_path(tiny_db)
    tables = {r[0] for r in rows(published, "SELECT table_name FROM duckdb_tables()")}
    assert not tables & set(snapshot.NOTE_TABLES) and {"capaian", "wilayah", "target"} <= tables
    assert secret.encode() not in published.read_bytes()  # not even in a freed page
    assert rows(published, "SELECT count(*) FROM v_capaian") == rows(tiny_db, "SELECT count(*) FROM v_capaian")
    assert secret.encode() in notes_file(tiny_db).read_bytes()

    public = {**env, "MONITOR41_PUBLIC": "1"}
    refused(here(public, "list"), "instance publik")
    probe = subprocess.run([sys.executable, "-c", (
        "import sys\nfrom lib.db import snapshot\n"
        "try:\n    snapshot.reading_notes(sys.argv[1]).__enter__()\n"
        "except snapshot.NotesHiddenError:\n    print('tersembunyi')\n"), str(tiny_db)],
        cwd=PROJECT_ROOT, env=public, capture_output=True, text=True, timeout=120, check=False)
    assert probe.stdout.strip() == "tersembunyi", probe.stderr


def test_notes_are_user_data_a_build_refuses_them_and_a_backup_brings_them_back(env, tiny_db, tmp_path, here):
    """The note and its withdrawal are written through main(argv) in this process; build, backup and restore are
    real processes."""
    ok(here(env, "add", "--user", "gubernur", *CELL, "--jenis", "pertanyaan", "--teks", "Simpan saya"))
    ok(here(env, "withdraw", "1", "--user", "gubernur"))
    refused(run(["lib.db", "build", "--db", str(tiny_db)], env), "1 catatan sel", "1 peristiwa catatan")

    backup = tmp_path / "cadangan.duckdb"
    ok(run(["lib.db", "backup", "--db", str(tiny_db), "--out", str(backup)], env))
    assert rows(backup, "SELECT teks FROM catatan") == [("Simpan saya",)]
    ok(run(["lib.db", "build", "--db", str(tiny_db), "--force"], env))
    assert rows(tiny_db, "SELECT count(*) FROM catatan") == [(0,)]
    ok(run(["lib.db", "restore", str(backup), "--db", str(tiny_db)], env))
    assert rows(tiny_db, "SELECT teks FROM catatan") == [("Simpan saya",)]
    assert rows(notes_file(tiny_db), "SELECT count(*) FROM catatan_peristiwa") == [(1,)]  # republished


def test_a_record_of_an_earlier_release_migrates_to_the_note_tables(tiny_db, tiny_seed, tmp_path, monkeypatch):
    monkeypatch.setenv("MONITOR41_SEED_DIR", str(tiny_seed))
    old = write_v1_record(tiny_db, tmp_path / "lama.duckdb")
    assert record.migrate_record(old)[1] == migrate.LATEST >= 6
    columns = "SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE table_name LIKE 'catatan%' " \
              "ORDER BY ALL"
    assert rows(old, columns) == rows(tiny_db, columns) and len(rows(old, columns)) == 24


def test_a_running_reader_keeps_its_snapshot_while_another_process_writes_notes(env, tiny_db, monkeypatch):
    from lib.db import snapshot_reader

    monkeypatch.setattr(snapshot_reader, "CHECK_SECONDS", 0.0)  # look at the pointer on every read
    reader = snapshot_reader.Reader(tiny_db)
    try:
        before = reader.latest()
        ok(note(env, "add", "--user", "gubernur", *CELL, "--jenis", "pertanyaan", "--teks", "Tanya"))
        ok(note(env, "reply", "1", "--user", "dinkes", "--jenis", "komitmen", "--tenggat", "2099-01-31",
                "--teks", "Janji"))
        ok(note(env, "done", "2", "--user", "dinkes", "--teks", "Selesai"))
        assert reader.latest() is before  # same open snapshot: the pages' figure caches stay valid
        ok(run(["lib.apel", "add", "--db", str(tiny_db), "--tanggal", "2024-03-18", "--jam", "09:00", "--nama",
                "Apel Maret", "--oleh", "admin.bapperida"], env))  # any other write publishes the figures
        assert reader.latest() is not before
    finally:
        reader.close()
