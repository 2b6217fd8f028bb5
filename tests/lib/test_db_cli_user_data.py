"""Issue 20, "Data lost or replaced", with real processes: `python -m lib.db build / remove / restore`, `make clean`
and `python -m lib.users add` as an operator runs them. Nothing a user entered is lost: each command refuses,
naming what it found, or keeps a uniquely named, verified copy and prints where."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from cli_inprocess import run_main
from conftest import published_copy

from lib.db import lock, record, snapshot

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(tiny_seed) -> dict:
    return {**os.environ, "MONITOR41_SEED_DIR": str(tiny_seed), "MONITOR41_SNAPSHOT_DIR": "",
            "MONITOR41_WRITE_WAIT": "60", "PYTHONPATH": str(PROJECT_ROOT)}


def run(args: list[str], env: dict, stdin: str = "") -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", *args], cwd=PROJECT_ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=240, check=False)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def start(args: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", *args], cwd=PROJECT_ROOT, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def make_clean(db: Path, env: dict, *extra: str) -> subprocess.CompletedProcess:
    work = db.parent / "kerja"
    (work / ".venv").mkdir(parents=True, exist_ok=True)
    return subprocess.run(["make", "-f", str(PROJECT_ROOT / "Makefile"), "-C", str(work), "clean",
                           f"BIN={Path(sys.executable).parent}", f"DB={db}", *extra], env=env,
                          capture_output=True, text=True, timeout=240, check=False)


@pytest.fixture
def add_apel(monkeypatch, capsys):
    """add_apel(db, env): an admin's apel (user data), recorded through lib.apel's main(argv) in this process with
    env; the commands under test that meet it stay real processes."""
    from lib.apel.__main__ import main

    def add(db: Path, env: dict, name: str = "Apel Maret") -> None:
        done = run_main(main, ["add", "--db", str(db), "--tanggal", "2024-03-18", "--jam", "09:00", "--nama", name,
                               "--oleh", "admin.bapperida"], env, monkeypatch, capsys)
        assert done.returncode == 0, done.stderr

    return add


@pytest.fixture
def backup_of(monkeypatch, capsys):
    """backup_of(db, out, env): `lib.db backup` through its main(argv) in this process (the restore is the test)."""
    from lib.db.__main__ import main

    def backup(db: Path, out: Path, env: dict) -> None:
        done = run_main(main, ["backup", "--db", str(db), "--out", str(out)], env, monkeypatch, capsys)
        assert done.returncode == 0, done.stderr

    return backup


def apel_names(path: Path) -> set[str]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {r[0] for r in con.execute("SELECT nama FROM apel WHERE dicatat_oleh <> 'seed'").fetchall()}


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Gagal: "), stderr
    return lines[0]


def kept_copy(stdout: str, after: str) -> Path:
    return Path(stdout.split(after)[1].splitlines()[0])


def test_an_apel_recorded_by_an_admin_stops_build_and_remove(tiny_db, env, add_apel):
    add_apel(tiny_db, env)
    for command in (["lib.db", "build", "--db", str(tiny_db)], ["lib.db", "remove", "--db", str(tiny_db)]):
        done = run(command, env)
        assert done.returncode == 1
        assert "data pengguna yang tidak berasal dari benih: 1 apel;" in one_line(done.stderr)
    assert apel_names(tiny_db) == {"Apel Maret"}


def test_make_clean_refuses_naming_options_that_exist_and_force_keeps_a_verified_copy(tiny_db, env, add_apel):
    add_apel(tiny_db, env)
    refused = make_clean(tiny_db, env)
    assert apel_names(tiny_db) == {"Apel Maret"}, refused.stdout + refused.stderr
    assert "1 apel" in refused.stderr and "Traceback" not in refused.stderr
    assert "lib.db remove --force" in refused.stderr and "make clean FORCE=1" in refused.stderr
    forced = make_clean(tiny_db, env, "FORCE=1")  # the option the refusal named
    assert forced.returncode == 0, forced.stderr
    assert not tiny_db.exists() and not snapshot.folder(tiny_db).exists()
    copy = kept_copy(forced.stdout, "Isinya disimpan sebagai ")
    assert apel_names(copy) == {"Apel Maret"} and record.check_backup(copy).rows["apel"] == 2
    direct = run(["lib.db", "remove", "--db", str(tiny_db), "--force"], env)  # nothing left: says so, exit 0
    assert direct.returncode == 0 and "tidak ada" in direct.stdout


def test_make_clean_with_the_snapshot_folder_set_to_the_data_folder_keeps_the_data_folder(tmp_path, env, _tiny_record,
                                                                                          monkeypatch):
    data = tmp_path / "data"
    env = {**env, "MONITOR41_SNAPSHOT_DIR": str(data)}
    db = data / "monitor41.duckdb"
    data.mkdir()
    monkeypatch.setenv("MONITOR41_SNAPSHOT_DIR", str(data))
    published_copy(_tiny_record, db)  # the session's tiny build, put in place and published as a build ends
    assert (data / snapshot.POINTER).exists() and list(data.glob("snapshot-*.duckdb"))
    others = {"users.json": "{}", "monitor41.cadangan-20261130T053000.duckdb": "unggahan lama",
              "seed/opd.csv": "kode,nama", "geo/kabupaten.geojson": "{}", "catatan.txt": "jangan dihapus",
              "snapshot-catatan.txt": "bukan salinan baca"}
    for name, text in others.items():
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text(text, encoding="utf-8")
    done = make_clean(db, env)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert not db.exists() and not list(data.glob("snapshot-*.duckdb")) and not (data / snapshot.POINTER).exists()
    assert not (data / snapshot.LATEST_LINK).is_symlink()
    for name, text in others.items():
        assert (data / name).read_text(encoding="utf-8") == text


def test_two_forced_builds_at_once_keep_two_distinct_verified_copies(tiny_db, env, add_apel):
    add_apel(tiny_db, env)
    builds = [start(["lib.db", "build", "--db", str(tiny_db), "--force"], env) for _ in range(2)]
    outputs = [b.communicate(timeout=240) for b in builds]
    for build, (out, err) in zip(builds, outputs):
        assert build.returncode == 0 and "Traceback" not in err, err
    copies = [kept_copy(out, "Berkas lama disimpan sebagai ") for out, _ in outputs]
    assert copies[0] != copies[1] and all(c.exists() for c in copies)
    assert sorted(len(apel_names(c)) for c in copies) == [0, 1]  # the apel is in the copy of the first
    for copy in copies:
        record.check_backup(copy)  # opens, reads whole, matches its manifest
    assert not list(tiny_db.parent.glob("*.tmp*")), list(tiny_db.parent.iterdir())


def test_a_build_while_another_builds_refuses_with_one_clear_line(tiny_db, env):
    fd = lock.try_acquire(record.build_key(tiny_db), wait=0)  # another build is running
    try:
        done = run(["lib.db", "build", "--db", str(tiny_db)], {**env, "MONITOR41_WRITE_WAIT": "0.3"})
    finally:
        os.close(fd)
    assert done.returncode == 1 and "sedang dibangun oleh proses lain" in one_line(done.stderr)
    assert not list(tiny_db.parent.glob("*.tmp*"))


def test_two_plain_builds_at_once_both_end_cleanly(tmp_path, env):
    db = tmp_path / "baru.duckdb"
    builds = [start(["lib.db", "build", "--db", str(db)], env) for _ in range(2)]
    for build in builds:
        _, err = build.communicate(timeout=240)
        assert "Traceback" not in err and (build.returncode == 0 or "sedang dibangun" in err), err
    assert record.user_data_in(db) == {} and not list(tmp_path.glob("*.tmp*"))


@pytest.mark.parametrize("with_manifest", [True, False])
def test_restore_refuses_a_truncated_backup_and_changes_nothing(tiny_db, tmp_path, env, with_manifest, backup_of):
    backup = tmp_path / "cadangan" / "monitor41.duckdb"
    backup_of(tiny_db, backup, env)
    truncated = tmp_path / "terpotong.duckdb"
    truncated.write_bytes(backup.read_bytes()[: 1 << 20])  # the first 1 MB
    if with_manifest:
        record.manifest_path(truncated).write_bytes(record.manifest_path(backup).read_bytes())
    before, pointer = tiny_db.read_bytes(), snapshot.read_pointer(snapshot.folder(tiny_db))
    done = run(["lib.db", "restore", str(truncated), "--db", str(tiny_db)], env)
    assert done.returncode == 1 and "terpotong" in one_line(done.stderr)
    assert tiny_db.read_bytes() == before and snapshot.read_pointer(snapshot.folder(tiny_db)) == pointer
    assert not list(tiny_db.parent.glob("*.tmp*")) and not list(tiny_db.parent.glob("*.cadangan-*"))


def test_restore_keeps_the_replaced_record_as_a_verified_copy(tiny_db, tmp_path, env, add_apel, backup_of):
    backup = tmp_path / "cadangan" / "monitor41.duckdb"
    backup_of(tiny_db, backup, env)
    add_apel(tiny_db, env)
    done = run(["lib.db", "restore", str(backup), "--db", str(tiny_db)], env)
    assert done.returncode == 0 and "cocok dengan manifesnya" in done.stdout
    kept = kept_copy(done.stdout, "Berkas yang diganti disimpan sebagai ")
    assert apel_names(kept) == {"Apel Maret"} and apel_names(tiny_db) == set()
    assert record.check_backup(kept).rows["apel"] == 2


@pytest.mark.parametrize("name", ["seed", "Sistem"])
def test_the_users_command_refuses_a_reserved_name(tmp_path, env, name):
    users = tmp_path / "users.json"
    done = run(["lib.users", "add", name, "--role", "admin"], {**env, "MONITOR41_USERS": str(users)},
               stdin="kata-sandi-yang-panjang\n")
    assert done.returncode == 1 and "dicadangkan" in one_line(done.stderr)
    assert not users.exists()
