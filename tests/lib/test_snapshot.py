"""Issue 11 item 1: readers read a published read-only snapshot; a write publishes a new one atomically."""
from __future__ import annotations

import shutil
import stat
import subprocess
import sys

import duckdb
import pytest
from old_schema import write_v1_record

from lib.db import lock, snapshot, snapshot_reader
from lib.db.errors import DatabaseMissingError, SchemaError
from lib.ingest import load as loading
from lib.ingest.validate import CleanRow

QUERY = "SELECT nilai FROM v_capaian WHERE indikator = 'ST-PREV' AND wilayah = '76.05' AND periode = '2023'"


def load_value(path, value: float, content: str = "a") -> None:
    loading.load(path, [CleanRow(2, "ST-PREV", "76.05", "2023", value, "SKI 2023", None)], file_name="isian.csv",
                 content_hash=content, user_name="dinkes")


@pytest.fixture
def reader(tiny_db):
    found = snapshot_reader.reader(tiny_db)
    yield found
    found.close()


def test_a_build_publishes_a_read_only_snapshot_and_a_stable_link(tiny_db):
    folder = snapshot.folder(tiny_db)
    assert folder == tiny_db.with_name("tiny-snapshots")
    latest = snapshot.latest_path(tiny_db)
    assert (folder / snapshot.LATEST_LINK).resolve() == latest
    assert stat.S_IMODE(latest.stat().st_mode) == 0o444
    with duckdb.connect(str(folder / snapshot.LATEST_LINK), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM unggahan").fetchone() == (3,)


def test_a_load_reaches_the_reader_and_a_page_in_progress_keeps_its_snapshot(tiny_db, reader):
    first = reader.latest()
    assert first.cursor().execute(QUERY).fetchall() == []
    load_value(tiny_db, 38.2)
    second = reader.latest()
    assert second.version != first.version
    assert second.cursor().execute(QUERY).fetchall() == [(38.2,)]
    # A page pinned to the first snapshot finishes on it: still open, still there, still the old answer.
    assert reader.get(first.version) is first
    assert first.cursor().execute(QUERY).fetchall() == []
    assert first.path.exists()


def test_old_snapshots_go_once_nobody_holds_them_and_the_newest_always_stays(tiny_db):
    held = snapshot_reader.Handle(snapshot.latest_path(tiny_db), tiny_db)  # another process reading
    load_value(tiny_db, 38.2, "a")
    middle = snapshot.latest_path(tiny_db)
    load_value(tiny_db, 39.0, "b")
    newest = snapshot.latest_path(tiny_db)
    assert held.path.exists() and not middle.exists() and newest.exists()
    held.close()
    with lock.writer_lock(tiny_db):
        snapshot.publish(tiny_db)
    names = sorted(p.name for p in snapshot.folder(tiny_db).glob("snapshot-*"))
    assert len(names) == 1 and names[0] > newest.name


def test_a_change_behind_the_snapshot_is_published_by_a_reader(tiny_db, reader, monkeypatch):
    reader.latest()
    with duckdb.connect(str(tiny_db)) as con:  # a restored file, an older program...
        con.execute("INSERT INTO pembatalan SELECT max(id), 'admin', now(), 'uji' FROM unggahan")
    monkeypatch.setattr(snapshot_reader, "CHECK_SECONDS", 0.0)
    fresh = reader.latest()
    assert fresh.cursor().execute("SELECT count(*) FROM pembatalan").fetchone() == (1,)
    assert snapshot.is_current(tiny_db, snapshot.read_pointer(snapshot.folder(tiny_db)))


def test_a_replica_reads_a_copied_snapshot_folder_without_the_record(tiny_db, tmp_path, monkeypatch):
    copied = tmp_path / "replika"
    shutil.copytree(snapshot.folder(tiny_db), copied, symlinks=True)
    monkeypatch.setenv("MONITOR41_SNAPSHOT_DIR", str(copied))
    absent = tmp_path / "tidak-di-mesin-ini.duckdb"
    replica = snapshot_reader.reader(absent)
    try:
        assert replica.latest().cursor().execute("SELECT count(*) FROM unggahan").fetchone() == (3,)
    finally:
        replica.close()
    with snapshot_reader.reading(absent) as con:
        assert con.execute("SELECT count(*) FROM opd").fetchone()[0] > 0


def test_no_record_and_no_snapshot_says_how_to_build(tmp_path):
    with pytest.raises(DatabaseMissingError, match="python -m lib.db build"):
        snapshot_reader.reader(tmp_path / "belum.duckdb").latest()


def test_a_record_of_the_previous_release_says_to_migrate(tiny_db, tmp_path):
    old = write_v1_record(tiny_db, tmp_path / "lama.duckdb")
    with pytest.raises(SchemaError, match=r"versi 1 .*python -m lib.db migrate"):
        snapshot_reader.reader(old).latest()
    with pytest.raises(SchemaError, match="python -m lib.db migrate"):
        with snapshot_reader.reading(old):
            pass


def test_a_publication_while_another_process_reads_the_record_still_publishes(tiny_db):
    """A process that has the record open to read (a build checking it for user data, an analyst) refuses the
    writer's read-write open: the copy is then made through a read-only connection, and its new files must still
    be written (a build racing a CLI load once lost the load's publication: "… does not exist")."""
    before = snapshot.read_pointer(snapshot.folder(tiny_db)).file
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; con = duckdb.connect(sys.argv[1], read_only=True); "
         "print('siap', flush=True); sys.stdin.read()", str(tiny_db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "siap"
        with lock.writer_lock(tiny_db):
            published = snapshot.publish(tiny_db)
    finally:
        holder.communicate("", timeout=30)
    pointer = snapshot.read_pointer(snapshot.folder(tiny_db))
    assert pointer.file == published.name != before
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM unggahan").fetchone() == (3,)
    assert snapshot.read_notes_pointer(snapshot.folder(tiny_db))  # the notes file was published too
