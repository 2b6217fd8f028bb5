"""Issue 11 item 2 and issue 7 point 13: readers, CLI writers, analysts and apps work at once, on real
processes; a busy writer says "coba lagi"; no raw DuckDB text and no traceback reaches anyone."""
from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from lib.db import lock, snapshot
from lib.ingest.__main__ import main as ingest_main

PROJECT_ROOT = Path(__file__).resolve().parents[2]
QUERY = "SELECT nilai FROM v_capaian WHERE indikator = 'ST-PREV' AND wilayah = '76.05' AND periode = '2023'"
READER = f"""
import sys, time
from lib.db import snapshot_reader
reader = snapshot_reader.reader(sys.argv[1])
last = object()
print('siap', flush=True)
end = time.monotonic() + 150
while time.monotonic() < end:
    rows = reader.latest().cursor().execute({QUERY!r}).fetchall()
    if rows != last:
        print('nilai', rows[0][0] if rows else None, flush=True)
        last = rows
    time.sleep(0.2)
"""
RAW = ("IO Error", "Could not set lock", "Conflicting lock", "Traceback")
UPLOAD = "indikator,wilayah,periode,nilai,sumber,catatan\nST-PREV,76.05,2023,38.2,SKI 2023,\n"


class Lines:
    """A process's stdout lines, read on a thread so a test can wait for one with a timeout."""

    def __init__(self, process: subprocess.Popen):
        self.process, self.queue = process, queue.Queue()
        threading.Thread(target=lambda: [self.queue.put(line.strip()) for line in process.stdout],
                         daemon=True).start()

    def wait_for(self, wanted: str, timeout: float) -> float:
        """Seconds until the line appeared; fails the test after timeout."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            try:
                if self.queue.get(timeout=0.2) == wanted:
                    return time.monotonic() - start
            except queue.Empty:
                continue
        pytest.fail(f"'{wanted}' tidak muncul dalam {timeout} detik")


def env_for(tmp_path: Path, **extra) -> dict:
    return {**os.environ, "MONITOR41_USERS": str(tmp_path / "pengguna.json"), "PYTHONPATH": str(PROJECT_ROOT),
            **extra}


def cli(args: list[str], env: dict, stdin: str = "") -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", *args], cwd=PROJECT_ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=120, check=False)
    assert not any(raw in done.stdout + done.stderr for raw in RAW), done.stdout + done.stderr
    return done


def test_readers_cli_writers_and_an_analyst_side_by_side(tiny_db, tmp_path):
    env = env_for(tmp_path)
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(tiny_db)], cwd=PROJECT_ROOT, env=env,
                                stdout=subprocess.PIPE, text=True) for _ in range(2)]
    try:
        lines = [Lines(r) for r in readers]
        for line in lines:
            line.wait_for("siap", 90)
            line.wait_for("nilai None", 30)
        added = cli(["lib.users", "add", "dinkes2", "--role", "opd", "--opd", "DINKES", "--db", str(tiny_db)],
                    env, stdin="sandi-yang-panjang-sekali\n")
        assert added.returncode == 0, added.stderr
        assert "dinkes2" in cli(["lib.users", "list"], env).stdout
        upload = tmp_path / "isian.csv"
        upload.write_text(UPLOAD, encoding="utf-8")
        loaded = cli(["lib.ingest", "load", str(upload), "--db", str(tiny_db), "--yes"], env)
        assert loaded.returncode == 0 and "Unggahan #4 dimuat" in loaded.stdout, loaded.stderr
        for line in lines:  # every running reader sees the new value within seconds, without a restart
            assert line.wait_for("nilai 38.2", 10) < 10
        assert "#4" in cli(["lib.ingest", "batches", "--db", str(tiny_db)], env).stdout
        analyst = snapshot.folder(tiny_db) / snapshot.LATEST_LINK  # what the README tells analysts to open
        with duckdb.connect(str(analyst), read_only=True) as con:
            assert con.execute(QUERY).fetchall() == [(38.2,)]
            back = cli(["lib.ingest", "rollback", "4", "--reason", "uji", "--db", str(tiny_db)], env)
            assert back.returncode == 0, back.stderr
        for line in lines:
            line.wait_for("nilai None", 10)
    finally:
        for reader in readers:
            reader.kill()
            reader.wait()


def test_a_write_that_finds_the_lock_taken_waits_briefly_then_says_try_again(tiny_db, tmp_path):
    upload = tmp_path / "isian.csv"
    upload.write_text(UPLOAD, encoding="utf-8")
    env = env_for(tmp_path, MONITOR41_WRITE_WAIT="1")
    with lock.writer_lock(tiny_db):  # a long write in another process
        started = time.monotonic()
        done = cli(["lib.ingest", "load", str(upload), "--db", str(tiny_db), "--yes"], env)
        rolled = cli(["lib.ingest", "rollback", "3", "--reason", "uji", "--db", str(tiny_db)], env)
        batches = cli(["lib.ingest", "batches", "--db", str(tiny_db)], env)  # reads need no lock
    assert done.returncode == 1 and "coba lagi" in done.stderr
    assert rolled.returncode == 1 and "coba lagi" in rolled.stderr
    assert time.monotonic() - started > 2  # each waited its second first
    assert batches.returncode == 0 and "#3" in batches.stdout


@pytest.mark.parametrize("args", [["lib.ingest", "batches"], ["lib.db", "publish"], ["lib.users", "list"]])
def test_a_reader_closing_the_pipe_early_gets_no_traceback(tiny_db, tmp_path, args):
    env = env_for(tmp_path)
    if args[0] == "lib.users.accounts":
        cli(["lib.users", "add", "admin", "--role", "admin"], env, stdin="sandi-yang-panjang-sekali\n")
    else:
        args = args + ["--db", str(tiny_db)]
    process = subprocess.Popen([sys.executable, "-m", *args], cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    process.stdout.close()  # like `| head` that has read enough before the command prints
    stderr = process.stderr.read()
    process.wait(timeout=120)
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr, stderr


def test_load_check_needs_no_write_access(tiny_db, tmp_path, monkeypatch, capsys):
    upload = tmp_path / "isian.csv"
    upload.write_text(UPLOAD, encoding="utf-8")
    real = duckdb.connect

    def read_only_files(database=":memory:", read_only=False, **kwargs):  # as for a user who may only read
        if not read_only and str(database) != ":memory:":
            raise duckdb.IOException(f'IO Error: Cannot open file "{database}": Permission denied')
        return real(database, read_only=read_only, **kwargs)

    def no_lock_file(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(duckdb, "connect", read_only_files)
    monkeypatch.setattr(lock, "_open", no_lock_file)
    assert ingest_main(["load", str(upload), "--db", str(tiny_db), "--check"]) == 0
    out = capsys.readouterr().out
    assert "1 nilai baru" in out and "tidak ada yang dimuat" in out
