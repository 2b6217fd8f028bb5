"""Issue 22 with real processes: `python -m lib.kirim` as an operator (and the systemd timer) runs it, against a
loopback SMTP sink in this test process, an upload by `python -m lib.ingest`, `python -m lib.db migrate`.

The story of the issue's "done when": the Bupati of Mamasa subscribed to "Mamasa, weekly and on change"; an
upload turns a Mamasa cell red (stunting 2024 = 30,1 % against the 14 % of 2024) and exactly one message arrives,
with the Mamasa-only PDF and a link, visible in the outbox; a failing SMTP server leaves a row to retry, nothing
lost, nothing sent twice."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from cli_inprocess import run_main
from kirim_sinks import SmtpSink
from upload_file import write_upload

from lib.db import lock, migrate
from lib.users.accounts import add_user

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo(demo_record):
    return demo_record


@pytest.fixture
def sink():
    server = SmtpSink()
    yield server
    server.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(db: Path, smtp_port: int) -> dict:
    return {**os.environ, "MONITOR41_DB": str(db), "MONITOR41_SNAPSHOT_DIR": "", "MONITOR41_PUBLIC": "0",
            "MONITOR41_SMTP_HOST": "127.0.0.1", "MONITOR41_SMTP_PORT": str(smtp_port), "MONITOR41_SMTP_TLS": "none",
            "MONITOR41_SMTP_FROM": "monitor41@sulbarprov.go.id", "MONITOR41_SMTP_USER": "",
            "MONITOR41_SMTP_PASSWORD": "sandi-rahasia-smtp", "MONITOR41_PUBLIC_URL": "https://monitor41.example.go.id",
            "MONITOR41_WRITE_WAIT": "60", "PYTHONPATH": str(PROJECT_ROOT)}


def run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    assert "Traceback" not in done.stderr, done.stderr
    assert "sandi-rahasia-smtp" not in done.stdout + done.stderr
    return done


def kirim(env: dict, *args: str) -> subprocess.CompletedProcess:
    return run(["lib.kirim", *args], env)


@pytest.fixture
def here(monkeypatch, capsys):
    """here(env, *args): lib.kirim's main(args) in this process with env, checked as run() checks a process."""
    from lib.kirim.__main__ import main

    def call(env: dict, *args: str) -> subprocess.CompletedProcess:
        done = run_main(main, list(args), env, monkeypatch, capsys)
        assert "Traceback" not in done.stderr, done.stderr
        assert "sandi-rahasia-smtp" not in done.stdout + done.stderr
        return done

    return call


def ok(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout


def refused(done: subprocess.CompletedProcess, *words: str, code: int = 1) -> str:
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == code and len(lines) == 1 and lines[0].startswith("Gagal: "), done.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def test_bad_input_is_refused_at_creation_with_one_clear_line(demo, sink, here):
    """The first refusal by a real `python -m lib.kirim`; the others, and the listings, through its main(argv) in
    this process."""
    env = environment(demo, sink.port)
    refused(kirim(env, "add", "--email", "bupati@mamasa", "--kab", "Mamasa", "--pemicu", "terbit"),
            "Alamat e-mail 'bupati@mamasa' tidak sah")
    refused(here(env, "add", "--email", "bupati@mamasakab.go.id", "--kab", "Mamasa Utara", "--pemicu", "terbit"),
            "Kabupaten 'Mamasa Utara' tidak dikenal", "76.03 Mamasa")
    refused(here(env, "add", "--email", "bupati@mamasakab.go.id", "--kab", "Mamasa", "--pemicu", "jadwal",
                  "--jadwal", "senin 24:30"), "tidak pernah terjadi")
    refused(here(env, "add", "--email", "a@b.go.id", "--telegram", "12345", "--pemicu", "terbit"),
            "tepat satu penerima", code=2)
    refused(here(env, "remove", "9"), "Tidak ada langganan aktif bernomor 9")
    assert "Belum ada langganan" in ok(here(env, "list"))


def test_a_user_account_subscribes_by_its_address_and_inside_the_government(demo, sink, tmp_path, here):
    """The subscription by a real `python -m lib.kirim add --pengguna`; the refusals, the listings and the removal
    through its main(argv) in this process."""
    users = tmp_path / "pengguna.json"
    add_user("kadis@dinkes.sulbarprov.go.id", None, "opd", "DINKES", path=users)
    add_user("operator", "kata-sandi-uji-panjang", "viewer", None, path=users)
    env = {**environment(demo, sink.port), "MONITOR41_USERS": str(users)}
    refused(here(env, "add", "--pengguna", "tidak-ada@x.go.id", "--pemicu", "terbit"), "Akun 'tidak-ada@x.go.id'")
    refused(here(env, "add", "--pengguna", "operator", "--pemicu", "terbit"), "tidak bernama alamat e-mail")
    ok(kirim(env, "add", "--pengguna", "kadis@dinkes.sulbarprov.go.id", "--opd", "DINKES", "--pemicu", "terbit"))
    listed = ok(here(env, "list"))
    assert "kadis@dinkes.sulbarprov.go.id" in listed and "opd=DINKES" in listed and "dalam pemerintahan" in listed
    ok(here(env, "remove", "1"))
    assert "Belum ada langganan" in ok(here(env, "list")) and "dihapus" in ok(here(env, "list", "--semua"))


def load(env: dict, tmp_path: Path, rows: list[tuple]) -> None:
    path = write_upload(tmp_path / "isian.csv", rows)
    ok(run(["lib.ingest", "load", str(path), "--yes"], env))


def test_mamasa_weekly_and_on_change_one_message_with_the_mamasa_pdf_then_a_failing_server_loses_nothing(
        demo, sink, tmp_path, here):
    """Every subscription, the upload and every round that sends or fails is a real process (as the operator and
    the systemd timer run them); the listings, the outbox and the rounds that find nothing to send go through
    lib.kirim's main(argv) in this process."""
    env = environment(demo, sink.port)
    assert "Langganan 1 dibuat" in ok(kirim(env, "add", "--email", "bupati@mamasakab.go.id", "--kab", "Mamasa",
                                            "--pemicu", "terbit", "--isi", "brief,teks", "--oleh", "admin"))
    ok(kirim(env, "add", "--email", "bupati@mamasakab.go.id", "--kab", "Mamasa", "--pemicu", "jadwal",
             "--jadwal", "senin 06:00", "--oleh", "admin"))
    listed = ok(here(env, "list"))
    assert "kab=76.03" in listed and "senin 06:00" in listed and "dalam pemerintahan" in listed
    assert "terkirim 0" in ok(here(env, "run"))  # no Monday 06:00 since they subscribed, nothing changed
    load(env, tmp_path, [("ST-PREV", "76.03", "2024", "30,1", "SSGI 2024", "")])
    out = ok(kirim(env, "run"))
    assert "terkirim 1" in out and len(sink.messages) == 1
    _, recipients, message = sink.messages[0]
    assert recipients == ["bupati@mamasakab.go.id"]
    text = message.get_body(("plain",)).get_content()
    assert "Stunting Mamasa" in text and "https://monitor41.example.go.id/kabupaten?kab=76.03" in text
    assert [a.get_filename().endswith(".pdf") for a in message.iter_attachments()] == [True]
    assert "terkirim 0" in ok(here(env, "run"))  # nothing sent twice
    outbox = ok(here(env, "outbox"))
    assert outbox.count("terkirim") == 1 and "bupati@mamasakab.go.id" in outbox

    # Monday 06:00 on a server that refuses: the weekly slot stays queued with its error, then goes out once.
    env_down = {**env, "MONITOR41_SMTP_PORT": str(free_port())}
    monday = datetime.now().date() + timedelta(days=7 - datetime.now().weekday())
    at = lambda hhmm: f"{monday:%Y-%m-%d} {hhmm}"  # noqa: E731
    failed = kirim(env_down, "run", "--pada", at("06:01"))
    refused(failed, "1 kiriman tidak terkirim")
    outbox = ok(here(env, "outbox"))
    first = outbox.splitlines()[0]
    assert "antre" in first and f"jadwal:{monday:%Y-%m-%d}T06:00" in first and "galat: Server SMTP 127.0.0.1:" in first
    assert f"coba lagi {at('06:06')}" in first and "sandi" not in outbox
    assert "terkirim 0" in ok(here(env, "run", "--pada", at("06:03")))  # backoff not over
    assert "terkirim 1" in ok(kirim(env, "run", "--pada", at("06:07")))
    assert len(sink.messages) == 2 and "ringkasan Kabupaten Mamasa" in sink.messages[1][2].get_body(
        ("plain",)).get_content()
    assert "terkirim 0" in ok(here(env, "run", "--pada", at("09:00")))
    assert ok(here(env, "outbox")).count("terkirim") == 2


def test_a_second_round_meanwhile_is_refused(demo, sink):
    env = environment(demo, sink.port)
    fd = lock.try_acquire(Path(f"{demo}.kirim"), wait=0)
    try:
        refused(kirim(env, "run"), "Putaran pengiriman lain sedang berjalan")
    finally:
        os.close(fd)


def test_a_record_of_the_notes_release_migrates_to_the_kirim_tables(tiny_db, tiny_seed, sink, tmp_path, here):
    """The refusal of the old record through lib.kirim's main(argv) in this process; the migration and the
    subscription after it are real processes."""
    old = tmp_path / "v6.duckdb"
    shutil.copyfile(tiny_db, old)
    with duckdb.connect(str(old)) as con:  # as the release before this one left it
        con.execute("DROP TABLE kiriman")
        con.execute("DROP TABLE langganan")
        con.execute("DROP VIEW v_asuhan_agregat")  # and without the later release's orang tua asuh (v8)
        for table in ("asuhan", "mitra", "kewajiban"):
            con.execute(f"DROP TABLE {table}")
        con.execute("UPDATE skema_versi SET versi = 6")  # a build of that release
    env = {**environment(old, sink.port), "MONITOR41_SEED_DIR": str(tiny_seed)}
    refused(here(env, "list"), "skema versi 6", "lib.db migrate")
    ok(run(["lib.db", "migrate", "--db", str(old)], env))
    columns = ("SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE table_name IN ('langganan', "
               "'kiriman') ORDER BY ALL")
    with duckdb.connect(str(old), read_only=True) as con, duckdb.connect(str(tiny_db), read_only=True) as fresh:
        assert con.execute(columns).fetchall() == fresh.execute(columns).fetchall()
        assert con.execute("SELECT max(versi) FROM skema_versi").fetchone()[0] == migrate.LATEST >= 7
    ok(kirim(env, "add", "--folder", str(tmp_path / "paket"), "--pemicu", "terbit", "--oleh", "admin"))
