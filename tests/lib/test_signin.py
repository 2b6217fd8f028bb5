"""The sign-in throttle's policy (lib.users.signin): no outsider can keep an account's owner out from another
address, guesses spread over addresses are slowed by the account's own count, the counts are kept in a file
every replica shares (with a fallback to memory), and behind the bundled nginx each visitor is its own source.
The same rules with real processes: tests/deploy/test_signin_replicas.py."""
from __future__ import annotations

import json
import logging

import pytest

from lib import config
from lib.users import signin
from lib.users.signin import SUFFIX, SignInThrottled, Throttle


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def allowed(throttle: Throttle, name: str, source: str) -> bool:
    try:
        throttle.begin(name, source)
    except SignInThrottled:
        return False
    return True


def attempt(throttle: Throttle, name: str, source: str, good: bool) -> str:
    """One sign-in as lib.users.accounts.verify runs it: refused, failed or signed in."""
    if not allowed(throttle, name, source):
        return "tunggu"
    if good:
        throttle.success(name, source)
        return "masuk"
    throttle.failure(name, source)
    return "salah"


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def throttle(tmp_path, clock):
    return Throttle(clock=clock, path=tmp_path / ("pengguna.json" + SUFFIX))


def test_a_stranger_failing_once_a_second_never_keeps_the_admin_out(throttle, clock):
    """The red-team case: made-up names and the admin's own name, once a second for 150 s from one address;
    the admin, from another address, signs in at every one of 8 tries."""
    admin_answers = []
    for second in range(150):
        attempt(throttle, "admin" if second % 3 == 0 else f"karangan{second}", "203.0.113.9", good=False)
        if second % 19 == 5:
            admin_answers.append(attempt(throttle, "admin", "198.51.100.7", good=True))
        clock.now += 1
    assert admin_answers == ["masuk"] * 8


def test_guesses_spread_over_many_addresses_are_slowed_but_the_owner_is_not_locked_out(throttle, clock):
    for n in range(Throttle.FREE_NAME):  # ten addresses, one wrong guess each: no address has its own delay yet
        assert attempt(throttle, "admin", f"203.0.113.{n}", good=False) == "salah"
    # past the account's ceiling an address that already failed for it waits; a fresh one gets one try
    assert attempt(throttle, "admin", "203.0.113.0", good=False) == "tunggu"
    assert attempt(throttle, "admin", "203.0.113.50", good=False) == "salah"
    assert attempt(throttle, "admin", "203.0.113.50", good=False) == "tunggu"
    # the owner from their own address: the first try is never held up by others' failures
    assert attempt(throttle, "admin", "198.51.100.7", good=True) == "masuk"
    # a typo puts the owner under the account's delay, measured from their own failure and at most CAP,
    # however hard the guessers keep going meanwhile
    assert attempt(throttle, "admin", "198.51.100.7", good=False) == "salah"
    for second in range(int(Throttle.CAP)):
        for n in range(60, 70):
            attempt(throttle, "admin", f"203.0.113.{n}", good=False)
        clock.now += 1
    assert attempt(throttle, "admin", "198.51.100.7", good=True) == "masuk"


def test_other_names_do_not_share_an_accounts_ceiling(throttle):
    for n in range(Throttle.FREE_NAME + 5):
        attempt(throttle, "admin", f"203.0.113.{n}", good=False)
    throttle.failure("budi", "203.0.113.1")
    assert allowed(throttle, "budi", "203.0.113.1")


def test_two_throttles_on_one_file_count_together(tmp_path, clock):
    path = tmp_path / ("pengguna.json" + SUFFIX)
    first, second = Throttle(clock=clock, path=path), Throttle(clock=clock, path=path)
    for throttle in (first, second, first):
        throttle.begin("admin", "203.0.113.9")
        throttle.failure("admin", "203.0.113.9")
    with pytest.raises(SignInThrottled):
        second.begin("admin", "203.0.113.9")
    second.begin("admin", "198.51.100.7")
    with pytest.raises(SignInThrottled):  # an attempt under way on one replica holds the same pair on another
        first.begin("ADMIN ", "198.51.100.7")
    second.success("admin", "198.51.100.7")
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_the_shared_throttle_lives_beside_the_users_file(tmp_path, monkeypatch):
    monkeypatch.setenv("MONITOR41_USERS", str(tmp_path / "pengguna.json"))
    shared = Throttle(shared=True)
    assert shared.path() == tmp_path / "pengguna.json.gagal-masuk"
    shared.failure("admin", "203.0.113.9")
    assert (tmp_path / "pengguna.json.gagal-masuk").exists()
    assert signin.THROTTLE.path() == shared.path()


def test_old_counts_leave_the_file(throttle, clock):
    for n in range(50):
        throttle.failure(f"karangan{n}", "203.0.113.9")
    clock.now += Throttle.FORGET_AFTER + 1
    throttle.failure("admin", "198.51.100.7")
    data = json.loads(throttle.path().read_text())
    assert [entry[:2] for entry in data["pairs"]] == [["admin", "198.51.100.7"]]
    assert data["sources"] == [["198.51.100.7", [1, clock.now]]]


def test_a_damaged_file_starts_afresh(throttle, caplog):
    throttle.path().write_text("{bukan json")
    with caplog.at_level(logging.WARNING, logger="monitor41.auth"):
        throttle.failure("admin", "203.0.113.9")
    assert "rusak" in caplog.text
    assert json.loads(throttle.path().read_text())["pairs"][0][:3] == ["admin", "203.0.113.9", 1]


def test_an_unusable_folder_falls_back_to_memory_and_says_so(tmp_path, clock, caplog):
    throttle = Throttle(clock=clock, path=tmp_path / "tidak-ada" / ("pengguna.json" + SUFFIX))
    with caplog.at_level(logging.ERROR, logger="monitor41.auth"):
        for _ in range(Throttle.FREE):
            throttle.begin("admin", "203.0.113.9")
            throttle.failure("admin", "203.0.113.9")
    with pytest.raises(SignInThrottled):  # still throttled, in this process
        throttle.begin("admin", "203.0.113.9")
    assert caplog.text.count("memori") == 1


def test_behind_the_bundled_nginx_each_visitor_is_its_own_source(monkeypatch):
    """The default trusts loopback, where deploy/ puts nginx: X-Forwarded-For names the visitor."""
    monkeypatch.delenv("MONITOR41_TRUSTED_PROXIES", raising=False)
    trusted = config.get("MONITOR41_TRUSTED_PROXIES").split(",")
    assert signin.client_source(None, "203.0.113.9", trusted, fallback="lokal") == "203.0.113.9"
    assert signin.client_source(None, "1.2.3.4, 198.51.100.7", trusted, fallback="lokal") == "198.51.100.7"
    assert signin.client_source(None, None, trusted, fallback="lokal") == "lokal"  # a browser on the server
    # a visitor reaching the app directly cannot choose an address
    assert signin.client_source("203.0.113.9", "198.51.100.7", trusted, fallback="lokal") == "203.0.113.9"


def test_an_undeclared_proxy_is_logged_once(monkeypatch, caplog):
    monkeypatch.setattr(signin, "_IGNORED_PROXIES", set())
    with caplog.at_level(logging.WARNING, logger="monitor41.auth"):
        for visitor in ("203.0.113.9", "198.51.100.7"):
            assert signin.client_source("10.0.0.5", visitor, ["127.0.0.1"], fallback="lokal") == "10.0.0.5"
    assert caplog.text.count("10.0.0.5") == 1 and "MONITOR41_TRUSTED_PROXIES" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="monitor41.auth"):  # uvicorn already resolved nginx's header
        assert signin.client_source("203.0.113.9", "1.2.3.4, 203.0.113.9", ["127.0.0.1"], "lokal") == "203.0.113.9"
    assert caplog.text == ""


def test_a_spray_of_names_keeps_the_file_bounded_and_the_newest_counts(throttle, clock, monkeypatch):
    monkeypatch.setattr(Throttle, "MAX_ENTRIES", 50)
    for n in range(200):
        throttle.failure(f"karangan{n}", f"203.0.113.{n}")
        clock.now += 1
    data = json.loads(throttle.path().read_text())
    assert len(data["pairs"]) == len(data["sources"]) == len(data["names"]) == 50
    assert data["pairs"][-1][:2] == ["karangan199", "203.0.113.199"]
