"""Sign-in throttling shared by replicas: two real app processes (each with its own memory, as two
`streamlit run` replicas behind nginx are) check passwords against one users file; guesses spread over both
are counted together, a restarted process still remembers them, and neither a guesser nor a sprayer of made-up
names at one address keeps the owner out from another address.

Each "replica" is a long-lived Python process running lib.users.accounts.verify with the shared THROTTLE (what
lib.ui.auth calls), fed attempts on standard input; nothing else of Streamlit is needed to hold the rule.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lib.users import accounts
from lib.users.signin import SUFFIX, Throttle

PROJECT_ROOT = Path(__file__).resolve().parents[2]
GOOD = "sandi-yang-benar-123"
REPLICA = """
import os, sys
from lib.users import accounts
from lib.users.signin import THROTTLE, SignInThrottled
# One frozen moment shared by every process of the test: no wait runs out while a busy machine is slow to answer
# (a 1 s wait after the third failure had passed before the fourth attempt on a loaded CI box).
THROTTLE.clock = lambda: float(os.environ["M41_NOW"])
for line in sys.stdin:
    name, password, source = line.rstrip("\\n").split("\\t")
    try:
        user = accounts.verify(name, password, source=source)
        print("masuk" if user else "salah", flush=True)
    except SignInThrottled as exc:
        print(f"tunggu {exc.retry_after}", flush=True)
"""


class Replica:
    """One app process: attempts go in on stdin, one answer line comes back per attempt."""

    NOW = str(time.time())

    def __init__(self, users_file: Path):
        env = {**os.environ, "MONITOR41_USERS": str(users_file), "PYTHONPATH": str(PROJECT_ROOT), "M41_NOW": self.NOW}
        self.process = subprocess.Popen([sys.executable, "-c", REPLICA], cwd=PROJECT_ROOT, env=env, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def attempt(self, name: str, password: str, source: str) -> str:
        self.process.stdin.write(f"{name}\t{password}\t{source}\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline().strip()
        assert answer, f"replika berhenti (kode {self.process.poll()})"
        return answer.split()[0]

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture
def users_file(tmp_path, monkeypatch):
    path = tmp_path / "data" / "pengguna.json"
    monkeypatch.setattr(accounts, "HASHER", accounts.PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1))
    accounts.add_user("admin", GOOD, "admin", path=path)
    return path


@pytest.fixture
def replicas(users_file):
    started = [Replica(users_file), Replica(users_file)]
    yield started
    for replica in started:
        if replica.process.poll() is None:
            replica.stop()


def test_guesses_spread_over_two_replicas_are_counted_together_and_survive_a_restart(users_file, replicas):
    first, second = replicas
    guesser, owner = "203.0.113.9", "198.51.100.7"
    answers = [(first, second)[i % 2].attempt("admin", f"tebakan-salah-{i}", guesser) for i in range(4)]
    # Counted apart, each replica would have let three guesses through (six); together the fourth waits.
    assert answers == ["salah"] * Throttle.FREE + ["tunggu"]
    assert second.attempt("admin", GOOD, owner) == "masuk"  # the owner, elsewhere, is not held up
    assert Path(str(users_file) + SUFFIX).stat().st_mode & 0o777 == 0o600

    first.stop()
    restarted = Replica(users_file)
    try:
        assert restarted.attempt("admin", GOOD, guesser) == "tunggu"  # the restart forgot nothing
        assert restarted.attempt("admin", GOOD, owner) == "masuk"
    finally:
        restarted.stop()


def test_made_up_names_from_one_address_do_not_keep_the_admin_out_elsewhere(replicas):
    first, second = replicas
    sprayer, owner = "203.0.113.9", "198.51.100.7"
    answers = [(first, second)[i % 2].attempt(f"nama-karangan-{i}", "tebakan-salah-1", sprayer)
               for i in range(Throttle.FREE_OVERALL + 1)]
    assert answers == ["salah"] * Throttle.FREE_OVERALL + ["tunggu"]  # the sprayer is slowed on both replicas
    assert first.attempt("budi", "tebakan-salah-2", sprayer) == "tunggu"
    assert first.attempt("admin", GOOD, owner) == "masuk"
    assert second.attempt("admin", GOOD, owner) == "masuk"
