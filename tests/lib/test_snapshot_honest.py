"""Issue 20, "Snapshots that cannot lie": real processes against a full disk, a pointer naming another record,
truncated and deleted snapshots, and a burst of uploads with two readers holding snapshots."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from upload_file import write_upload

from lib.db import lock, snapshot
from lib.ingest import load as loading
from lib.ingest.validate import CleanRow

PROJECT_ROOT = Path(__file__).resolve().parents[2]
FULL_DISK = Path(__file__).with_name("full_disk.py")
# A replica-like reader process: the latest snapshot of the record (as the app reads it), one count printed.
READ_ONCE = ("import sys; from pathlib import Path; from lib.db import snapshot_reader; "
             "h = snapshot_reader.reader(Path(sys.argv[1])).latest(); "
             "print(h.path.name, h.cursor().execute('SELECT count(*) FROM unggahan').fetchone()[0])")


# The same read on request: one process answers a line on stdin with a fresh Reader each time (closed after, as
# READ_ONCE's process ends), so a test reading after each of several changes starts one process, not one a read.
READ_ON_REQUEST = ("import sys; from pathlib import Path; from lib.db import snapshot_reader\n"
                   "for _ in sys.stdin:\n"
                   "    r = snapshot_reader.Reader(Path(sys.argv[1])); h = r.latest()\n"
                   "    print(h.path.name, h.cursor().execute('SELECT count(*) FROM unggahan').fetchone()[0], "
                   "flush=True)\n"
                   "    r.close()\n")


def env(**extra: str) -> dict:
    return {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), **extra}


def run(args: list, full_disk: Path | None = None, **extra: str) -> subprocess.CompletedProcess:
    """A command line as its own process; with full_disk, that folder's partition is full (full_disk.py)."""
    head = [sys.executable, str(FULL_DISK), str(full_disk), "200000"] if full_disk else [sys.executable]
    return subprocess.run(head + args, cwd=PROJECT_ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          timeout=120, check=False, env=env(**extra))


def write_csv(path: Path, value: str) -> Path:
    return write_upload(path, [("ST-PREV", "76.05", "2023", value, "SKI 2023", "")])


def in_record(db: Path, sql: str):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchone()


def in_snapshot(db: Path, sql: str):
    with duckdb.connect(str(snapshot.latest_path(db)), read_only=True) as con:
        return con.execute(sql).fetchone()


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.startswith(".tmp-"))


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Gagal: ") and "Traceback" not in stderr, stderr
    return lines[0]


def test_a_full_disk_is_never_reported_as_a_published_write_and_the_next_write_publishes(tiny_db, tmp_path):
    folder = snapshot.folder(tiny_db)
    before = snapshot.read_pointer(folder).file
    upload = ["-m", "lib.ingest", "load", str(write_csv(tmp_path / "isian.csv", "38,2")), "--db", str(tiny_db),
              "--yes"]

    done = run(upload, full_disk=folder)
    assert done.returncode == 1 and "Unggahan #4 dimuat" not in done.stdout
    message = one_line(done.stderr)
    assert "SUDAH tersimpan di rekaman" in message and "BELUM terbit" in message and "ruang disk penuh" in message
    assert "python -m lib.db publish" in message
    assert in_record(tiny_db, "SELECT max(id) FROM unggahan") == (4,)  # saved in the record...
    assert snapshot.read_pointer(folder).file == before  # ...readers still on the previous snapshot
    assert in_snapshot(tiny_db, "SELECT max(id) FROM unggahan") == (3,)
    assert leftovers(folder) == [] and [p.name for p in snapshot.snapshot_files(folder)] == [before]

    rollback = run(["-m", "lib.ingest", "rollback", "4", "--reason", "uji", "--db", str(tiny_db)], full_disk=folder)
    assert rollback.returncode == 1 and "dibatalkan" not in rollback.stdout
    assert "BELUM terbit" in one_line(rollback.stderr)
    assert in_record(tiny_db, "SELECT count(*) FROM pembatalan") == (1,)

    publish = run(["-m", "lib.db", "publish", "--db", str(tiny_db)], full_disk=folder)
    assert publish.returncode == 1 and "ruang disk penuh" in one_line(publish.stderr)
    assert leftovers(folder) == [] and snapshot.read_pointer(folder).file == before

    second = run(["-m", "lib.ingest", "load", str(write_csv(tmp_path / "kedua.csv", "39")), "--db", str(tiny_db),
                  "--yes"])  # room again: the next write publishes everything saved meanwhile
    assert second.returncode == 0 and "Unggahan #5 dimuat" in second.stdout, second.stderr
    assert in_snapshot(tiny_db, "SELECT max(id), (SELECT count(*) FROM pembatalan) FROM unggahan") == (5, 1)
    assert run(["-m", "lib.db", "publish", "--db", str(tiny_db)]).returncode == 0
    assert leftovers(folder) == [] and len(snapshot.snapshot_files(folder)) == 1


def test_a_pointer_naming_a_file_outside_the_folder_is_never_followed(tiny_db, tmp_path):
    """Each hostile pointer read by two reader processes, started once (READ_ON_REQUEST): a replica's and one
    beside the record."""
    other = tmp_path / "lain" / "lain.duckdb"  # another record, with one more upload than ours
    other.parent.mkdir()
    shutil.copyfile(tiny_db, other)
    loading.load(other, [CleanRow(2, "ST-PREV", "76.05", "2023", 50.0, "SKI 2023", None)], file_name="asing.csv",
                 content_hash="asing", user_name="dinkes")
    assert in_record(other, "SELECT count(*) FROM unggahan") == (4,)
    folder = snapshot.folder(tiny_db)
    replica = tmp_path / "replika"
    shutil.copytree(folder, replica, symlinks=True)
    theirs = snapshot.latest_path(other)

    def reader_process(record: Path, **extra: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-c", READ_ON_REQUEST, str(record)], cwd=PROJECT_ROOT,
                                env=env(**extra), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)

    def read(process: subprocess.Popen) -> list[str]:
        process.stdin.write("lagi\n")
        process.stdin.flush()
        line = process.stdout.readline()
        assert line, process.stderr.read()  # the process ended: its stderr says why
        return line.split()

    # A replica on another machine (no record here): reads its own folder's newest snapshot.
    far = reader_process(tmp_path / "tidak-di-sini.duckdb", MONITOR41_SNAPSHOT_DIR=str(replica))
    near = reader_process(tiny_db)  # beside the record: the reader publishes again and repairs the pointer
    try:
        for hostile in (str(other), str(theirs), f"../lain/{theirs.parent.name}/{theirs.name}",
                        f"{theirs.name}/../../lain/lain.duckdb"):
            for where in (folder, replica):
                pointer = json.loads((where / snapshot.POINTER).read_text())
                (where / snapshot.POINTER).write_text(json.dumps({**pointer, "file": hostile}))
            assert read(far)[1] == "3"
            name, count = read(near)
            assert count == "3"
            assert snapshot.is_snapshot_name(json.loads((folder / snapshot.POINTER).read_text())["file"])
            assert snapshot.read_pointer(folder).file == name
    finally:
        for process in (far, near):
            process.stdin.close()
    for process in (far, near):
        err = process.stderr.read()
        assert process.wait(timeout=60) == 0 and "Traceback" not in err, err
        process.stdout.close()
        process.stderr.close()
    assert snapshot.read_pointer(replica) is None  # the replica's damaged pointer stays unread, never followed


@pytest.mark.parametrize("damage", ["truncated", "deleted"])
def test_a_damaged_or_deleted_snapshot_is_republished_from_the_record(tiny_db, damage):
    folder = snapshot.folder(tiny_db)
    current = snapshot.latest_path(tiny_db)
    if damage == "truncated":
        current.chmod(0o644)
        os.truncate(current, current.stat().st_size // 2)
    else:
        current.unlink()
    seen = run(["-c", READ_ONCE, str(tiny_db)])
    assert seen.returncode == 0 and "Traceback" not in seen.stderr, seen.stderr  # the log may say what it did
    name, count = seen.stdout.split()
    assert count == "3" and name != current.name and snapshot.read_pointer(folder).file == name
    assert snapshot.is_intact(folder, snapshot.read_pointer(folder))
    # A CLI read after the damage works too (it repairs or reads the record).
    if damage == "truncated":
        again = snapshot.latest_path(tiny_db)
        again.chmod(0o644)
        os.truncate(again, 4096)
    batches = run(["-m", "lib.ingest", "batches", "--db", str(tiny_db)])
    assert batches.returncode == 0 and batches.stdout.count("\n") == 3 and "Traceback" not in batches.stderr


WATCHER = """
import sys, time
import duckdb
from pathlib import Path
from lib.db import snapshot_reader
reader = snapshot_reader.reader(Path(sys.argv[1]))
while True:
    handle = reader.latest()
    try:
        count = handle.cursor().execute('SELECT count(*) FROM unggahan').fetchone()[0]
    except duckdb.Error:
        count = 'galat-kueri'
    print(handle.version, count, flush=True)
    time.sleep(0.1)
"""


def test_a_running_reader_whose_snapshot_is_truncated_moves_to_a_republished_one(tiny_db):
    current = snapshot.latest_path(tiny_db)
    watcher = subprocess.Popen([sys.executable, "-c", WATCHER, str(tiny_db)], cwd=PROJECT_ROOT, env=env(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert watcher.stdout.readline().split() == [current.name, "3"]
        current.chmod(0o644)
        os.truncate(current, 4096)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            version, count = watcher.stdout.readline().split()
            if version != current.name:
                break
        assert version == snapshot.read_pointer(snapshot.folder(tiny_db)).file and count == "3"
        assert [watcher.stdout.readline().split()[1] for _ in range(3)] == ["3"] * 3
    finally:
        watcher.kill()
        watcher.wait()


def test_a_damaged_snapshot_while_a_writer_holds_the_lock_is_read_from_the_record(tiny_db):
    current = snapshot.latest_path(tiny_db)
    current.chmod(0o644)
    os.truncate(current, current.stat().st_size // 2)
    holder = subprocess.Popen(  # a writer busy for longer than a reader waits to repair
        [sys.executable, "-c", "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDONLY | os.O_CREAT); "
         "fcntl.flock(fd, fcntl.LOCK_EX); print('siap', flush=True); time.sleep(30)", str(lock.lock_path(tiny_db))],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "siap"
        seen = run(["-c", READ_ONCE, str(tiny_db)])
    finally:
        holder.kill()
        holder.wait()
    assert seen.returncode == 0 and "Traceback" not in seen.stderr, seen.stderr
    assert seen.stdout.split() == [tiny_db.name, "3"]  # the record itself, read-only


READER_LOOP = """
import sys, time
from pathlib import Path
from lib.db import snapshot_reader
reader = snapshot_reader.reader(Path(sys.argv[1]))
last = None
while True:
    cursor = reader.latest().cursor()
    count = cursor.execute('SELECT count(*) FROM unggahan').fetchone()[0]
    del cursor
    if count != last:
        print(count, flush=True)
        last = count
    time.sleep(0.05)
"""


def test_a_burst_of_uploads_with_two_readers_stays_under_the_ceiling(tiny_db, monkeypatch):
    monkeypatch.setenv("MONITOR41_SNAPSHOT_MAX", "3")
    folder = snapshot.folder(tiny_db)
    size = snapshot.latest_path(tiny_db).stat().st_size
    readers = [subprocess.Popen([sys.executable, "-c", READER_LOOP, str(tiny_db)], cwd=PROJECT_ROOT, env=env(),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    try:
        for reader in readers:
            assert reader.stdout.readline().strip() == "3"
        most = 0
        for n in range(20):
            loading.load(tiny_db, [CleanRow(2, "ST-PREV", "76.05", "2023", 30.0 + n, "SKI 2023", None)],
                         file_name="isian.csv", content_hash=f"h{n}", user_name="dinkes")
            files = snapshot.snapshot_files(folder)
            most = max(most, len(files))
            assert len(files) <= 3 and sum(p.stat().st_size for p in files) <= 3 * size * 1.5
            time.sleep(0.05)  # a burst: an upload takes longer than the readers' loop (0.05 s) anyway
        deadline = time.monotonic() + 15
        while len(snapshot.snapshot_files(folder)) > 1 and time.monotonic() < deadline:
            time.sleep(0.05)  # readers let the retired snapshots go promptly, and clean them
        assert [p.name for p in snapshot.snapshot_files(folder)] == [snapshot.read_pointer(folder).file]
        for reader in readers:
            assert reader.poll() is None
    finally:
        for reader in readers:
            reader.kill()
            reader.wait()
    for reader in readers:
        out, err = reader.communicate()
        assert out.split()[-1] == "23" and "Traceback" not in err, err
    assert most >= 2  # the readers did hold snapshots meanwhile


def test_cleaning_deletes_only_its_own_files_even_in_the_data_folder(tiny_db, tmp_path, monkeypatch):
    monkeypatch.setenv("MONITOR41_SNAPSHOT_DIR", str(tmp_path))  # the snapshot folder is the data folder
    foreign = ["pengguna.json", "tiny.cadangan-20261206T1000.duckdb", "snapshot-notes.txt", ".tmp-pulih",
               ".tmp-snapshot-lama.duckdb", "snapshot-20261206T000000000000-abcdef.duckdb.bak", "CURRENT.bak",
               "snapshot-20261206T000000000000-ABCDEF.duckdb"]
    for name in foreign:
        (tmp_path / name).write_text("milik orang lain")
    (tmp_path / "seed-lain").mkdir()
    for n in range(3):
        loading.load(tiny_db, [CleanRow(2, "ST-PREV", "76.05", "2023", 40.0 + n, "SKI 2023", None)],
                     file_name="isian.csv", content_hash=f"c{n}", user_name="dinkes")
    (tmp_path / ".tmp-CURRENT").write_text("sisa penerbitan yang mati")  # ours: removed by the next one
    with lock.writer_lock(tiny_db):
        snapshot.publish(tiny_db)
        assert not (tmp_path / ".tmp-CURRENT").exists()
        assert len(snapshot.snapshot_files(tmp_path)) == 1
        removed = snapshot.remove_all(tiny_db)
    assert snapshot.POINTER in removed and snapshot.LATEST_LINK in removed
    assert sorted(os.listdir(tmp_path)) == sorted(foreign + ["seed", "seed-lain", "tiny-snapshots", tiny_db.name,
                                                             lock.lock_path(tiny_db).name])
    assert all((tmp_path / name).read_text() == "milik orang lain" for name in foreign)


def test_the_visitor_sees_no_server_path_when_there_is_no_data(tmp_path):
    record = tmp_path / "rahasia" / "monitor41.duckdb"
    for lang in ("id", "en"):
        text = snapshot.visitor_missing_message(lang)
        assert "/" not in text and "rahasia" not in text and "python" not in text and text
    assert str(record) in snapshot.missing_message(record)  # operators (CLI, log) keep the path


def test_a_full_disk_while_switching_the_pointer_leaves_the_previous_snapshot_in_charge(tiny_db, monkeypatch):
    folder = snapshot.folder(tiny_db)
    before = snapshot.read_pointer(folder)
    real_open = open

    def full(path, mode="r", *args, **kwargs):  # the pointer's temporary file: the disk fills while writing it
        handle = real_open(path, mode, *args, **kwargs)
        if "w" in mode and Path(path).name == ".tmp-CURRENT":
            handle.write("{\"file\": \"snap")
            handle.flush()
            raise OSError(28, "No space left on device")
        return handle

    monkeypatch.setattr("builtins.open", full)
    with lock.writer_lock(tiny_db), pytest.raises(snapshot.PublishError, match="ruang disk penuh"):
        snapshot.publish(tiny_db)
    monkeypatch.undo()
    assert snapshot.read_pointer(folder) == before and leftovers(folder) == []
    assert [p.name for p in snapshot.snapshot_files(folder)] == [before.file]
