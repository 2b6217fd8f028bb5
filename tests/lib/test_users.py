"""Tests for lib.users.accounts: the users file, argon2 hashes, password rules, slowed failures, logging and the CLI."""
from __future__ import annotations

import io
import json
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from argon2 import PasswordHasher
from cli_inprocess import run_main

from lib.users import accounts as users
from lib.users import signin
from lib.users.accounts import User, UsersFileError
from lib.users.errors import UserError
from lib.users.signin import SignInThrottled, Throttle

PROJECT_ROOT = Path(__file__).resolve().parents[2]
GOOD = "kopi-mandar-2023"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "pengguna.json"


@pytest.fixture
def throttle() -> Throttle:
    return Throttle(clock=FakeClock())


def test_password_is_stored_as_argon2_hash_only(path):
    users.add_user("admin", GOOD, "admin", path=path)
    text = path.read_text(encoding="utf-8")
    assert GOOD not in text
    [entry] = json.loads(text)["users"]
    assert entry["hash"].startswith("$argon2id$")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir() if ".tmp-" in p.name] == []  # no temporary file left behind


def test_verify_right_and_wrong_password(path, throttle):
    users.add_user("admin", GOOD, "admin", path=path)
    assert users.verify("admin", GOOD, path=path, throttle=throttle) == User("admin", "admin", None)
    assert users.verify("ADMIN", GOOD, path=path, throttle=throttle) == User("admin", "admin", None)
    assert users.verify("admin", GOOD + "x", path=path, throttle=throttle) is None
    assert users.verify("nobody", GOOD, path=path, throttle=throttle) is None


def test_verify_without_users_file_finds_nobody(path, throttle):
    assert users.list_users(path) == []
    assert users.verify("admin", GOOD, path=path, throttle=throttle) is None


def test_duplicate_user_is_refused_whatever_the_case(path):
    users.add_user("budi", GOOD, "viewer", path=path)
    with pytest.raises(UserError, match="sudah ada"):
        users.add_user("Budi", GOOD + "!", "viewer", path=path)


@pytest.mark.parametrize("password, message", [
    ("pendek123", "minimal 10 karakter"),
    ("budi.santoso", "sama dengan nama"),
    ("BUDI.SANTOSO", "sama dengan nama"),
])
def test_weak_password_is_refused(path, password, message):
    with pytest.raises(UserError, match=message):
        users.add_user("budi.santoso", password, "viewer", path=path)
    assert not path.exists()


def test_bad_name_and_role_are_refused(path):
    with pytest.raises(UserError, match="tanpa spasi"):
        users.add_user("budi santoso", GOOD, "viewer", path=path)
    with pytest.raises(UserError, match="Peran 'gubernur' tidak dikenal"):
        users.add_user("budi", GOOD, "gubernur", path=path)
    with pytest.raises(UserError, match="hanya untuk peran opd"):
        users.add_user("budi", GOOD, "viewer", opd="DINKES", path=path)


def test_opd_role_requires_an_opd_code_that_exists(path, tiny_db):
    with pytest.raises(UserError, match="membutuhkan kode OPD"):
        users.add_user("dinkes", GOOD, "opd", path=path)
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        with pytest.raises(UserError, match="Kode OPD 'DINKESS' tidak ada.*DINKES"):
            users.add_user("dinkes", GOOD, "opd", opd="DINKESS", path=path, con=con)
        added = users.add_user("dinkes", GOOD, "opd", opd="DINKES", path=path, con=con)
    assert added == User("dinkes", "opd", "DINKES")
    assert users.list_users(path) == [User("dinkes", "opd", "DINKES")]


def test_remove_user(path, throttle):
    users.add_user("admin", GOOD, "admin", path=path)
    users.add_user("budi", GOOD, "viewer", path=path)
    users.remove_user("BUDI", path=path)
    assert users.list_users(path) == [User("admin", "admin", None)]
    assert users.verify("budi", GOOD, path=path, throttle=throttle) is None
    with pytest.raises(UserError, match="Pengguna 'budi' tidak ada"):
        users.remove_user("budi", path=path)


def test_oidc_only_account_has_no_password(path, throttle, monkeypatch):
    users.add_user("Ani@Sulbarprov.go.id", None, "viewer", path=path)
    assert users.find_user("ani@sulbarprov.go.id", path) == User("Ani@Sulbarprov.go.id", "viewer", None)
    assert json.loads(path.read_text())["users"][0]["hash"] is None
    # Even the password of the stand-in hash (spent to keep timing equal) does not open the account.
    monkeypatch.setattr(users, "_DUMMY_HASH", [users.HASHER.hash(GOOD)])
    assert users.verify("ani@sulbarprov.go.id", GOOD, path=path, throttle=throttle) is None
    with pytest.raises(UserError, match="alamat e-mail"):
        users.add_user("ani", None, "viewer", path=path)


def test_damaged_users_file_is_a_clear_error(path, throttle):
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(UsersFileError, match="rusak"):
        users.list_users(path)
    for _ in range(2):  # an attempt that ends in an error does not leave the name marked as busy
        with pytest.raises(UsersFileError, match="rusak"):
            users.verify("admin", GOOD, path=path, throttle=throttle)
    path.write_text(json.dumps({"users": ["admin"]}))
    with pytest.raises(UsersFileError, match="rusak"):
        users.list_users(path)
    path.write_text(json.dumps({"users": [{"name": "x", "role": "opd", "opd": None, "hash": None}]}))
    with pytest.raises(UsersFileError, match="kode OPD wajib"):
        users.list_users(path)


def test_hash_is_renewed_when_parameters_change(path, throttle, monkeypatch):
    monkeypatch.setattr(users, "HASHER", PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1))
    users.add_user("admin", GOOD, "admin", path=path)
    old = json.loads(path.read_text())["users"][0]["hash"]
    assert "m=8192" in old
    monkeypatch.setattr(users, "HASHER", PasswordHasher())
    assert users.verify("admin", GOOD, path=path, throttle=throttle) == User("admin", "admin", None)
    new = json.loads(path.read_text())["users"][0]["hash"]
    assert new != old and "m=65536" in new
    assert users.verify("admin", GOOD, path=path, throttle=throttle) is not None


def test_after_three_failures_even_the_right_password_waits(path, throttle):
    clock = throttle.clock
    users.add_user("admin", GOOD, "admin", path=path)
    for _ in range(3):
        assert users.verify("admin", "salah-sekali-123", path=path, throttle=throttle) is None
    with pytest.raises(SignInThrottled, match="coba lagi dalam 1 detik") as refused:
        users.verify("admin", GOOD, path=path, throttle=throttle)
    assert refused.value.retry_after == 1
    clock.now += 1.0
    assert users.verify("admin", "salah-lagi-1234", path=path, throttle=throttle) is None  # 4th failure: 2 s
    clock.now += 1.5
    with pytest.raises(SignInThrottled, match="coba lagi dalam 1 detik"):
        users.verify("admin", GOOD, path=path, throttle=throttle)
    clock.now += 0.5
    assert users.verify("admin", GOOD, path=path, throttle=throttle) == User("admin", "admin", None)
    assert users.verify("admin", GOOD, path=path, throttle=throttle) is not None
    assert users.verify("admin", "salah-lagi-1234", path=path, throttle=throttle) is None
    assert users.verify("admin", GOOD, path=path, throttle=throttle) is not None  # success cleared the count


def test_delay_grows_and_is_capped(throttle):
    for _ in range(1, 12):
        throttle.failure("admin")
    with pytest.raises(SignInThrottled) as refused:
        throttle.begin("admin")
    assert refused.value.retry_after == 30
    throttle.clock.now += 30
    throttle.begin("admin")  # allowed again once the capped delay has passed


def test_other_names_are_not_slowed_until_the_overall_limit(throttle):
    for _ in range(3):
        throttle.failure("admin")
    throttle.begin("budi")
    throttle.abandon("budi")
    for i in range(Throttle.FREE_OVERALL):
        throttle.failure(f"tebakan{i}")
    with pytest.raises(SignInThrottled):
        throttle.begin("budi")


def test_a_success_clears_the_overall_count(throttle):
    for i in range(Throttle.FREE_OVERALL - 1):
        throttle.failure(f"tebakan{i}")
    throttle.begin("budi")
    throttle.success("budi")
    throttle.failure("tebakan-lagi")
    throttle.begin("ani")


def test_parallel_attempts_for_one_name_are_refused(throttle):
    throttle.begin("admin")
    with pytest.raises(SignInThrottled, match="coba lagi dalam 1 detik"):
        throttle.begin("ADMIN ")
    throttle.begin("budi")  # other names are not held up
    throttle.failure("admin")
    throttle.begin("admin")


def test_old_failures_are_forgotten(throttle):
    for _ in range(5):
        throttle.failure("admin")
    throttle.clock.now += Throttle.FORGET_AFTER + 1
    assert throttle.failure("admin") == 1  # a fresh start, so no delay yet
    throttle.begin("admin")


def test_failures_are_logged_without_the_password(path, throttle, caplog):
    users.add_user("admin", GOOD, "admin", path=path)
    with caplog.at_level(logging.INFO, logger="monitor41.auth"):
        users.verify("admin", "rahasia-yang-salah", path=path, throttle=throttle)
        users.verify("tamu", "rahasia-tamu-salah", path=path, throttle=throttle)
    failures = [r for r in caplog.records if r.name == "monitor41.auth" and r.levelno == logging.WARNING]
    assert len(failures) == 2
    assert "'admin'" in failures[0].getMessage() and "'tamu'" in failures[1].getMessage()
    assert "rahasia" not in caplog.text


def run_cli(args: list[str], users_file: Path, stdin: str = "", db: Path | None = None):
    """Run `python -m lib.users` with the password (if any) on standard input, as a script would."""
    env = {**os.environ, "MONITOR41_USERS": str(users_file),
           "MONITOR41_DB": str(db or users_file.with_suffix(".duckdb"))}
    return subprocess.run([sys.executable, "-m", "lib.users", *args], input=stdin, capture_output=True, text=True,
                          cwd=PROJECT_ROOT, env=env, timeout=60, check=False)


def test_cli_add_list_remove_and_exit_codes(path, tiny_db, monkeypatch, capsys):
    """The first add (its password on standard input) and the run without a command are real `python -m lib.users`
    processes; the other cases run its main(argv) in this process, stdin and environment set the same way."""
    from lib.users.__main__ import main

    def here(args: list[str], stdin: str = "", db: Path | None = None) -> subprocess.CompletedProcess:
        env = {**os.environ, "MONITOR41_USERS": str(path), "MONITOR41_DB": str(db or path.with_suffix(".duckdb"))}
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        return run_main(main, args, env, monkeypatch, capsys)

    done = run_cli(["add", "admin", "--role", "admin"], path, stdin=GOOD + "\n")
    assert done.returncode == 0, done.stderr
    assert users.verify("admin", GOOD, path=path, throttle=Throttle()) is not None
    assert GOOD not in path.read_text()

    duplicate = here(["add", "admin", "--role", "admin"], stdin=GOOD + "\n")
    assert duplicate.returncode == 1 and "sudah ada" in duplicate.stderr
    short = here(["add", "budi", "--role", "viewer"], stdin="pendek\n")
    assert short.returncode == 1 and "terlalu pendek" in short.stderr
    unknown_opd = here(["add", "dinkes", "--role", "opd", "--opd", "XYZ", "--db", str(tiny_db)], GOOD + "\n")
    assert unknown_opd.returncode == 1 and "Kode OPD 'XYZ' tidak ada" in unknown_opd.stderr
    opd = here(["add", "dinkes", "--role", "opd", "--opd", "DINKES"], GOOD + "\n", db=tiny_db)
    assert opd.returncode == 0, opd.stderr

    listed = here(["list"])
    assert listed.returncode == 0
    assert listed.stdout.splitlines() == ["admin\tadmin\t", "dinkes\topd\tDINKES"]
    assert here(["remove", "dinkes"]).returncode == 0
    missing = here(["remove", "dinkes"])
    assert missing.returncode == 1 and "tidak ada" in missing.stderr

    assert here(["add", "budi", "--role", "gubernur"], GOOD + "\n").returncode == 2
    assert run_cli([], path).returncode == 2


def test_cli_opd_role_without_database_is_refused(path, tmp_path):
    result = run_cli(["add", "dinkes", "--role", "opd", "--opd", "DINKES", "--db", str(tmp_path / "tidak-ada.duckdb")],
                     path, GOOD + "\n")
    assert result.returncode == 1 and "belum ada" in result.stderr
    assert not path.exists()


def test_someone_guessing_an_account_cannot_lock_its_owner_out(path, throttle):
    users.add_user("admin", GOOD, "admin", path=path)
    for _ in range(10):  # ten quick wrong passwords from one address
        try:
            users.verify("admin", "tebakan-salah-1", path=path, throttle=throttle, source="203.0.113.9")
        except SignInThrottled:
            pass
    with pytest.raises(SignInThrottled):  # the guesser is slowed down …
        users.verify("admin", GOOD, path=path, throttle=throttle, source="203.0.113.9")
    # … the owner, from another address, signs in at once
    assert users.verify("admin", GOOD, path=path, throttle=throttle, source="198.51.100.7") == User("admin", "admin")


def test_one_source_spraying_many_names_is_slowed_but_not_others(throttle):
    for i in range(Throttle.FREE_OVERALL):
        throttle.failure(f"tebakan{i}", "203.0.113.9")
    with pytest.raises(SignInThrottled):
        throttle.begin("budi", "203.0.113.9")
    throttle.begin("budi", "198.51.100.7")


@pytest.mark.parametrize("peer,forwarded,trusted,expected", [
    ("203.0.113.9", None, [], "203.0.113.9"),  # direct connection: the peer
    ("203.0.113.9", "1.2.3.4", [], "203.0.113.9"),  # an untrusted peer cannot choose its address
    ("10.0.0.2", "1.2.3.4, 198.51.100.7", ["10.0.0.2"], "198.51.100.7"),  # nearest hop before the proxy
    ("10.0.0.2", "198.51.100.7, 10.0.0.3", ["10.0.0.2", "10.0.0.3"], "198.51.100.7"),
    (None, "198.51.100.7", ["127.0.0.1"], "198.51.100.7"),  # nginx on the same host (Streamlit hides loopback)
    (None, "198.51.100.7", [], "lokal"),  # an undeclared local proxy: one shared source
    (None, None, [], "lokal"),
])
def test_client_source(peer, forwarded, trusted, expected):
    assert signin.client_source(peer, forwarded, trusted, fallback="lokal") == expected
