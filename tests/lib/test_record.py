"""Issue 7 points 1-3 and issue 11 item 6: no operator command loses an upload; backup, restore, migrate."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from old_schema import write_v1_record

from lib.db import __main__ as db_cli
from lib.db import build as db_build
from lib.db import migrate, outbox, record, snapshot
from lib.db.build import build_record
from lib.db.errors import RecordProtectedError

PROJECT_ROOT = Path(__file__).resolve().parents[2]



@pytest.fixture(autouse=True)
def _seed_of_the_tiny_record(monkeypatch, tiny_seed):
    """A migration fills new reference data from the seed the record was built from: here the tiny one."""
    monkeypatch.setenv("MONITOR41_SEED_DIR", str(tiny_seed))

def upload_into(path: Path, batch: int = 99) -> None:
    """An OPD upload written straight into the record (as an older program or an operator might)."""
    with duckdb.connect(str(path)) as con:
        con.execute("INSERT INTO unggahan VALUES (?, 'isian.xlsx', 'abc', 'budi', now(), 1, NULL)", [batch])


def uploads(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT count(*) FROM unggahan WHERE dimuat_oleh <> 'seed'").fetchone()[0]


def test_a_record_that_cannot_be_opened_is_not_replaced(tiny_db, tiny_seed, monkeypatch):
    upload_into(tiny_db)
    before = tiny_db.read_bytes()
    real = duckdb.connect

    def refusing(database=":memory:", read_only=False, **kwargs):  # what a file of another account gives
        if str(database) == str(tiny_db):
            raise duckdb.IOException(f'IO Error: Cannot open file "{database}": Permission denied')
        return real(database, read_only=read_only, **kwargs)

    monkeypatch.setattr(duckdb, "connect", refusing)
    with pytest.raises(RecordProtectedError, match="tidak bisa dibuka.*TIDAK diganti"):
        build_record(tiny_db, seed_dir=tiny_seed)
    monkeypatch.undo()
    assert tiny_db.read_bytes() == before and uploads(tiny_db) == 1


@pytest.mark.parametrize("content", [b"bukan database sama sekali\n" * 100, b"DUCK"])
def test_a_foreign_or_damaged_file_is_not_replaced(tiny_seed, tmp_path, content):
    target = tmp_path / "monitor41.duckdb"
    target.write_bytes(content)
    with pytest.raises(RecordProtectedError, match="TIDAK diganti"):
        build_record(target, seed_dir=tiny_seed)
    assert target.read_bytes() == content


def test_a_truncated_record_is_not_replaced(tiny_db, tiny_seed):
    upload_into(tiny_db)
    damaged = tiny_db.read_bytes()[: 3 * 4096]
    tiny_db.write_bytes(damaged)
    with pytest.raises(RecordProtectedError):
        build_record(tiny_db, seed_dir=tiny_seed)
    assert tiny_db.read_bytes() == damaged


def test_another_duckdb_file_is_not_replaced(tiny_seed, tmp_path):
    target = tmp_path / "lain.duckdb"
    with duckdb.connect(str(target)) as con:
        con.execute("CREATE TABLE penjualan AS SELECT 1 AS x")
    with pytest.raises(RecordProtectedError, match="bukan database Monitor 4\\+1"):
        build_record(target, seed_dir=tiny_seed)
    with duckdb.connect(str(target), read_only=True) as con:
        assert con.execute("SELECT x FROM penjualan").fetchall() == [(1,)]


def test_the_cli_refuses_with_exit_1_and_a_message(tiny_db, tiny_seed, monkeypatch, capsys):
    upload_into(tiny_db)
    monkeypatch.setenv("MONITOR41_SEED_DIR", str(tiny_seed))
    assert db_cli.main(["build", "--db", str(tiny_db)]) == 1
    assert "data pengguna yang tidak berasal dari benih: 1 unggahan;" in capsys.readouterr().err
    assert db_cli.main(["build", "--db", str(tiny_db), "--force"]) == 0
    out = capsys.readouterr().out
    kept = Path(out.split("Berkas lama disimpan sebagai ")[1].splitlines()[0])
    assert uploads(kept) == 1 and uploads(tiny_db) == 0


def test_a_record_without_uploads_is_rebuilt(tiny_db, tiny_seed):
    assert build_record(tiny_db, seed_dir=tiny_seed).kept_copy is None


def test_the_check_is_repeated_under_the_lock_right_before_replacing(tiny_db, tiny_seed, monkeypatch):
    real = db_build._build_file

    def slow_build(*args):  # a CLI load lands while the seed is being built
        rows = real(*args)
        upload_into(tiny_db)
        return rows

    monkeypatch.setattr(db_build, "_build_file", slow_build)
    with pytest.raises(RecordProtectedError, match="1 unggahan"):
        build_record(tiny_db, seed_dir=tiny_seed)
    assert uploads(tiny_db) == 1
    assert not list(tiny_db.parent.glob("*.tmp"))


def _start(args: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", *args], cwd=PROJECT_ROOT, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("load_delay", [0.0, 1.0])
def test_build_racing_a_cli_load_never_both_succeed_with_the_upload_gone(tiny_db, tiny_seed, tmp_path,
                                                                         load_delay):
    upload = tmp_path / "isian.csv"
    upload.write_text("indikator,wilayah,periode,nilai,sumber,catatan\n"
                      "ST-PREV,76.05,2023,38.2,SKI 2023,\n", encoding="utf-8")
    env = {**os.environ, "MONITOR41_SEED_DIR": str(tiny_seed), "MONITOR41_WRITE_WAIT": "30"}
    build = _start(["lib.db", "build", "--db", str(tiny_db)], env)
    if load_delay:
        import time
        time.sleep(load_delay)
    load = _start(["lib.ingest", "load", str(upload), "--db", str(tiny_db), "--yes"], env)
    load_out, load_err = load.communicate(timeout=180)
    build_out, build_err = build.communicate(timeout=180)
    assert "Traceback" not in load_err + build_err
    assert load.returncode == 0 and "dimuat" in load_out, load_err
    if build.returncode == 0:  # the build replaced the record before the load: the load went into the new one
        assert uploads(tiny_db) == 1
    else:  # refused: it found the upload, or (a loaded machine) the record still busy with the load
        assert "dari benih: 1 unggahan, 1 nilai;" in build_err or "sedang dipakai" in build_err, build_err
        assert build_err.startswith("Gagal: ") and uploads(tiny_db) == 1


def test_remove_deletes_only_a_record_without_uploads(tiny_db, tiny_seed, tmp_path, capsys):
    assert snapshot.latest_path(tiny_db).exists()
    upload_into(tiny_db)
    assert db_cli.main(["remove", "--db", str(tiny_db)]) == 1
    assert "1 unggahan;" in capsys.readouterr().err and uploads(tiny_db) == 1
    other = build_record(tmp_path / "benih.duckdb", seed_dir=tiny_seed).path
    with outbox.one_round(other):  # a round of deliveries once ran on it: its lock file stays behind
        pass
    assert db_cli.main(["remove", "--db", str(other)]) == 0
    assert not other.exists() and not snapshot.folder(other).exists()
    assert [p.name for p in other.parent.iterdir() if p.name.startswith(other.name)] == []  # no lock file left


def test_make_clean_keeps_a_record_holding_uploads(tiny_db, tmp_path):
    upload_into(tiny_db)
    fake_venv = tmp_path / "work" / ".venv"
    fake_venv.mkdir(parents=True)
    done = subprocess.run(["make", "-f", str(PROJECT_ROOT / "Makefile"), "-C", str(fake_venv.parent), "clean",
                           f"BIN={Path(sys.executable).parent}", f"DB={tiny_db}"],
                          env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}, capture_output=True, text=True,
                          timeout=120, check=False)
    assert uploads(tiny_db) == 1, done.stdout + done.stderr
    assert "1 unggahan;" in done.stderr
    assert not fake_venv.exists()  # the rest of the clean still happened


def test_backup_while_a_reader_holds_a_snapshot_and_restore(tiny_db, tmp_path, capsys):
    upload_into(tiny_db, batch=50)
    out = tmp_path / "cadangan" / "monitor41-2026-11-30.duckdb"
    with duckdb.connect(str(snapshot.latest_path(tiny_db)), read_only=True):  # an analyst reading meanwhile
        assert db_cli.main(["backup", "--db", str(tiny_db), "--out", str(out)]) == 0
    assert uploads(out) == 1
    assert db_cli.main(["backup", "--db", str(tiny_db), "--out", str(out)]) == 1  # never overwrites
    upload_into(tiny_db, batch=51)
    assert db_cli.main(["restore", str(out), "--db", str(tiny_db)]) == 0
    printed = capsys.readouterr().out
    assert uploads(tiny_db) == 1
    kept = Path(printed.split("disimpan sebagai ")[1].splitlines()[0])
    assert uploads(kept) == 2  # the record it replaced is kept
    with duckdb.connect(str(snapshot.latest_path(tiny_db)), read_only=True) as con:  # and published
        assert con.execute("SELECT max(id) FROM unggahan").fetchone() == (50,)


def test_restore_refuses_a_file_that_is_not_a_record(tiny_db, tmp_path, capsys):
    other = tmp_path / "lain.duckdb"
    other.write_text("x" * 5000)
    assert db_cli.main(["restore", str(other), "--db", str(tiny_db)]) == 1
    assert "bukan berkas DuckDB" in capsys.readouterr().err


def test_a_record_of_the_previous_release_migrates_and_keeps_its_data(tiny_db, tmp_path, capsys):
    upload_into(tiny_db)
    old = write_v1_record(tiny_db, tmp_path / "lama.duckdb")
    with duckdb.connect(str(old), read_only=True) as con:
        assert migrate.version_of(con) == 1
        counts = con.execute("SELECT (SELECT count(*) FROM capaian), (SELECT count(*) FROM unggahan)").fetchone()
    assert db_cli.main(["migrate", "--db", str(old)]) == 0
    out = capsys.readouterr().out
    assert f"dari versi 1 ke {migrate.LATEST}" in out
    with duckdb.connect(str(old), read_only=True) as con:
        assert migrate.version_of(con) == migrate.LATEST
        assert con.execute("SELECT (SELECT count(*) FROM capaian), (SELECT count(*) FROM unggahan)").fetchone() \
            == counts
    kept = Path(out.split("Salinan sebelum pembaruan: ")[1].strip())
    with duckdb.connect(str(kept), read_only=True) as con:
        assert migrate.version_of(con) == 1
    assert db_cli.main(["migrate", "--db", str(old)]) == 0
    assert "sudah versi terbaru" in capsys.readouterr().out


def _columns(path: Path) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT table_name, column_name, data_type FROM duckdb_columns() "
                           "WHERE database_name = current_database() ORDER BY ALL").fetchall()


def test_a_migrated_record_has_exactly_the_schema_of_a_fresh_build(tiny_db, tmp_path):
    """Fails when schema.sql changes without a migration step (or the other way round)."""
    old = write_v1_record(tiny_db, tmp_path / "lama.duckdb")
    record.migrate_record(old)
    assert _columns(old) == _columns(tiny_db)


def test_a_migrated_record_takes_uploads(tiny_db, tmp_path):
    from lib.ingest import load as loading
    from lib.ingest.validate import CleanRow

    old = write_v1_record(tiny_db, tmp_path / "lama.duckdb")
    with pytest.raises(loading.LoadError, match="python -m lib.db migrate"):
        loading.load(old, [CleanRow(2, "ST-PREV", "76.05", "2023", 38.2, "SKI", None)], file_name="a.csv",
                     content_hash="h", user_name="dinkes")
    record.migrate_record(old)
    result = loading.load(old, [CleanRow(2, "ST-PREV", "76.05", "2023", 38.2, "SKI", None)], file_name="a.csv",
                          content_hash="h", user_name="dinkes")
    assert result.added == 1
