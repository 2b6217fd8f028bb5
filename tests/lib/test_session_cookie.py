"""lib.users.session_cookie: the signed sign-in cookie as plain functions (issue, verify, expiry, the secret)."""
from __future__ import annotations

import stat

import pytest

from lib.users import accounts, session_cookie

KEY = "k" * 40
PASSWORD = "kopi-mandar-2023"


@pytest.fixture(autouse=True)
def users_file(tmp_path, monkeypatch):
    path = tmp_path / "pengguna.json"
    monkeypatch.setenv("MONITOR41_USERS", str(path))
    monkeypatch.delenv("MONITOR41_SESSION_SECRET", raising=False)
    monkeypatch.delenv("MONITOR41_SESSION_HOURS", raising=False)
    accounts.add_user("dinkes", PASSWORD, "opd", opd="DINKES", path=path)
    accounts.add_user("admin", PASSWORD, "admin", path=path)
    return path


def at(monkeypatch, seconds: float) -> None:
    """Move itsdangerous's clock."""
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: seconds)


def test_a_cookie_names_its_user_until_the_session_lifetime_ends(monkeypatch):
    monkeypatch.setenv("MONITOR41_SESSION_HOURS", "2")
    at(monkeypatch, 1_000_000)
    value = session_cookie.issue("dinkes", KEY)
    assert session_cookie.verify(value, KEY) == "dinkes"
    at(monkeypatch, 1_000_000 + 2 * 3600)
    assert session_cookie.verify(value, KEY) == "dinkes"
    at(monkeypatch, 1_000_000 + 2 * 3600 + 1)
    assert session_cookie.verify(value, KEY) is None  # expired
    assert session_cookie.lifetime_seconds() == 7200


def test_decimal_hours_in_indonesian_or_english_form(monkeypatch):
    monkeypatch.setenv("MONITOR41_SESSION_HOURS", "0,5")
    assert session_cookie.lifetime_seconds() == 1800
    monkeypatch.setenv("MONITOR41_SESSION_HOURS", "lama")
    with pytest.raises(session_cookie.SessionSecretError, match="bukan angka jam"):
        session_cookie.lifetime_seconds()


@pytest.mark.parametrize("change", [
    # signature changed in its first character: the last one also carries padding bits that base64 decoding
    # drops, so changing it can leave the signature's bytes as they were (a flaky "tampered" cookie, seen in CI)
    lambda v: v.rsplit(".", 1)[0] + "." + ("A" if v.rsplit(".", 1)[1][0] != "A" else "B") + v.rsplit(".", 1)[1][1:],
    lambda v: v.replace(v.split(".")[0], "eyJ1IjoiYWRtaW4ifQ"),  # payload swapped for {"u": "admin"}
    lambda v: v.split(".", 1)[0] + "." + session_cookie.issue("admin", KEY).split(".", 1)[1],  # mixed parts
    lambda v: "",
    lambda v: "bukan-cookie",
    lambda v: v * 100,  # absurdly long
])
def test_a_tampered_cookie_is_refused(change):
    value = session_cookie.issue("dinkes", KEY)
    assert session_cookie.verify(change(value), KEY) is None


def test_another_secret_refuses_the_cookie():
    assert session_cookie.verify(session_cookie.issue("dinkes", KEY), "x" * 40) is None
    assert session_cookie.verify(None, KEY) is None


def test_the_secret_comes_from_the_setting_or_a_private_file_beside_the_users_file(users_file, monkeypatch):
    first = session_cookie.secret()
    path = users_file.with_name("pengguna.json.rahasia-sesi")
    assert path.read_text(encoding="utf-8") == first and len(first) >= 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert session_cookie.secret() == first  # kept: a restart or another replica signs alike
    assert session_cookie.verify(session_cookie.issue("admin")) == "admin"
    monkeypatch.setenv("MONITOR41_SESSION_SECRET", "s" * 32)
    assert session_cookie.secret() == "s" * 32
    monkeypatch.setenv("MONITOR41_SESSION_SECRET", "pendek")
    with pytest.raises(session_cookie.SessionSecretError, match="terlalu pendek"):
        session_cookie.secret()


def test_a_new_password_or_a_removed_account_ends_the_cookies_issued_before(users_file):
    value = session_cookie.issue("dinkes", KEY)
    accounts.remove_user("dinkes", path=users_file)
    assert session_cookie.verify(value, KEY) is None
    accounts.add_user("dinkes", PASSWORD + "-baru", "opd", opd="DINKES", path=users_file)  # the new password
    assert session_cookie.verify(value, KEY) is None
    assert session_cookie.verify(session_cookie.issue("dinkes", KEY), KEY) == "dinkes"


def test_no_cookie_for_an_account_without_a_password(users_file):
    accounts.add_user("ani@sulbarprov.go.id", None, "admin", path=users_file)
    with pytest.raises(session_cookie.SessionSecretError, match="tidak punya kata sandi"):
        session_cookie.issue("ani@sulbarprov.go.id", KEY)
