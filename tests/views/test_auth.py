"""AppTest of lib.ui.auth: the sign-in form, signing in and out, wrong passwords, roles, broken users files."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from views.apptest import users_file as copied_users_file

from lib.users import accounts
from lib.users.signin import Throttle

PASSWORD = "kopi-mandar-2023"
SECRET = "Isi rahasia halaman"
SCRIPT = f'''
import streamlit as st
from lib.ui.auth import require_user, sign_out_button

roles = st.query_params.get("roles", "admin,opd,viewer").split(",")
user = require_user(roles)
sign_out_button()
st.markdown("{SECRET} untuk " + user.name)
'''


@pytest.fixture
def users_file(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "pengguna.json"
    monkeypatch.setenv("MONITOR41_USERS", str(path))
    monkeypatch.setattr(accounts, "THROTTLE", Throttle())  # failures of other tests do not slow these
    return path


@pytest.fixture
def add_users(users_file: Path, users_templates: Path):
    """accounts.add_user(name, PASSWORD, role, opd=opd) into users_file for each (name, role, opd) given: the
    argon2 hashes made once per process for these accounts (tests/views/apptest.py, users_file), then copied."""
    return lambda *made: copied_users_file(users_file, made, users_templates, password=PASSWORD)


@pytest.fixture
def page(tmp_path: Path) -> Path:
    script = tmp_path / "halaman.py"
    script.write_text(SCRIPT, encoding="utf-8")
    return script


OIDC_SECRETS = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                         "client_id": "monitor41", "client_secret": "rahasia",
                         "server_metadata_url": "https://login.example.go.id/.well-known/openid-configuration"}}


def open_page(script: Path, roles: str | None = None, oidc_user: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(script), default_timeout=30)
    if roles:
        at.query_params["roles"] = roles
    if oidc_user is not None:
        at.secrets.update(OIDC_SECRETS)
        at.user = oidc_user
    return at.run()


def shown(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "markdown", "caption", "info", "warning", "error")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="auth_nama").input(name)
    at.text_input(key="auth_sandi").input(password)
    return at.button(key="auth_masuk").click().run()


def test_signed_out_shows_the_form_and_not_the_page(users_file, add_users, page):
    add_users(("admin", "admin", None))
    at = open_page(page)
    assert not at.exception
    assert [w.label for w in at.text_input] == ["Nama pengguna", "Kata sandi"]
    assert at.button(key="auth_masuk").label == "Masuk"
    assert SECRET not in shown(at)


def test_sign_in_with_the_right_password_then_sign_out(users_file, add_users, page):
    add_users(("admin", "admin", None))
    at = sign_in(open_page(page), "admin", PASSWORD)
    assert not at.exception and not at.error
    assert f"{SECRET} untuk admin" in shown(at)
    assert "Masuk sebagai **admin** (admin)" in [c.value for c in at.sidebar.caption]
    assert not at.text_input  # the form is gone
    at.sidebar.button(key="auth_keluar").click().run()
    assert SECRET not in shown(at)
    assert at.button(key="auth_masuk")


def test_wrong_password_is_refused(users_file, add_users, page):
    add_users(("admin", "admin", None))
    at = sign_in(open_page(page), "admin", PASSWORD + "x")
    assert not at.exception
    assert [e.value for e in at.error] == ["Nama pengguna atau kata sandi salah."]
    assert SECRET not in shown(at)


def test_repeated_failures_say_when_to_try_again(users_file, add_users, page):
    add_users(("admin", "admin", None))
    at = open_page(page)
    for _ in range(3):
        at = sign_in(at, "admin", "salah-sekali-123")
    at = sign_in(at, "admin", PASSWORD)
    assert "coba lagi dalam" in at.error[0].value
    assert SECRET not in shown(at)


def test_viewer_is_refused_on_an_admin_page(users_file, add_users, page):
    add_users(("tamu", "viewer", None))
    at = sign_in(open_page(page, roles="admin"), "tamu", PASSWORD)
    assert not at.exception
    refusal = at.error[0].value
    assert "akun Anda (pembaca) tidak dapat membukanya" in refusal and "membaca semua angka" in refusal
    assert "sekretariat Satgas 4+1" in refusal  # who to ask (MONITOR41_KONTAK_ADMIN)
    assert SECRET not in shown(at)


def test_opd_user_may_open_a_page_for_opd(users_file, add_users, page):
    add_users(("dinkes", "opd", "DINKES"))
    at = sign_in(open_page(page, roles="admin,opd"), "dinkes", PASSWORD)
    assert f"{SECRET} untuk dinkes" in shown(at)
    assert "Masuk sebagai **dinkes** (OPD DINKES)" in [c.value for c in at.sidebar.caption]


def test_removed_user_is_signed_out_at_the_next_run(users_file, add_users, page):
    add_users(("admin", "admin", None), ("budi", "viewer", None))
    at = sign_in(open_page(page), "budi", PASSWORD)
    assert SECRET in shown(at)
    accounts.remove_user("budi", path=users_file)
    at.run()
    assert SECRET not in shown(at)
    assert at.button(key="auth_masuk")


def test_the_default_contact_is_in_english_in_english_mode(users_file, page):
    at = open_page(page)
    at.session_state["app_lang"] = "en"
    at.run()
    assert "the Monitor 4+1 admin at the Satgas 4+1 secretariat of West Sulawesi Province" in at.info[0].value
    assert "sekretariat" not in at.info[0].value


def test_without_users_the_page_says_how_to_create_the_first_admin(users_file, page):
    at = open_page(page)
    assert not at.exception
    assert "belum punya akun pengguna" in at.info[0].value and "sekretariat Satgas 4+1" in at.info[0].value
    assert "python -m" not in at.info[0].value  # a visitor is no server admin: the commands are in the README
    assert not at.text_input


def test_damaged_users_file_is_a_plain_note_and_its_path_stays_in_the_log(users_file, page, caplog):
    users_file.write_text("{rusak", encoding="utf-8")
    at = open_page(page)
    assert not at.exception
    assert "Daftar akun sedang bermasalah" in at.error[0].value and "log server" in at.error[0].value
    assert str(users_file) not in shown(at) and "pengguna.json" not in shown(at)  # no server path for visitors
    assert str(users_file) in caplog.text  # … the admin finds it in the server log
    assert SECRET not in shown(at)


def test_oidc_email_maps_to_a_registered_user_and_its_role(users_file, page):
    accounts.add_user("Ani@Sulbarprov.go.id", None, "opd", opd="DINKES", path=users_file)
    at = open_page(page, roles="opd", oidc_user={"is_logged_in": True, "email": "ani@sulbarprov.go.id"})
    assert not at.exception and not at.error
    assert f"{SECRET} untuk Ani@Sulbarprov.go.id" in shown(at)
    at.sidebar.button(key="auth_keluar").click().run()
    assert at.user.get("is_logged_in") is False  # st.logout() ran
    assert SECRET not in shown(at)


def test_oidc_email_not_in_the_users_file_is_refused(users_file, add_users, page):
    add_users(("admin", "admin", None))
    at = open_page(page, oidc_user={"is_logged_in": True, "email": "orang@lain.id"})
    assert not at.exception
    assert "Akun orang@lain.id belum terdaftar" in at.error[0].value
    assert "python -m" not in at.error[0].value and "sekretariat Satgas 4+1" in at.error[0].value
    assert SECRET not in shown(at)
    assert at.button(key="auth_masuk")  # the password form stays available


def test_oidc_unverified_email_is_refused(users_file, page):
    accounts.add_user("ani@sulbarprov.go.id", None, "admin", path=users_file)
    at = open_page(page, oidc_user={"is_logged_in": True, "email": "ani@sulbarprov.go.id", "email_verified": False})
    assert "tidak memberi alamat e-mail yang terverifikasi" in at.error[0].value
    assert SECRET not in shown(at)


def test_oidc_configured_but_signed_out_offers_both_ways_in(users_file, add_users, page):
    add_users(("admin", "admin", None))
    at = open_page(page, oidc_user={"is_logged_in": False})
    assert not at.exception
    offered = [b.label for b in at.button] + [w.value for w in at.warning]
    assert any("akun instansi" in text for text in offered)  # the button, or how to install Authlib
    assert at.button(key="auth_masuk")
    assert SECRET not in shown(at)


def cookie_scripts(at: AppTest) -> list[str]:
    return [element.proto.body for element in at.get("html")]


def reload_with(monkeypatch, script: Path, cookie: str | None) -> AppTest:
    """A new session (F5) whose first request carried this sign-in cookie."""
    from lib.ui import auth
    monkeypatch.setattr(auth, "_cookie_value", lambda: cookie)
    return open_page(script)


def test_a_password_sign_in_survives_a_reload_through_its_signed_cookie(users_file, add_users, page, monkeypatch):
    from lib.users import session_cookie
    add_users(("dinkes", "opd", "DINKES"))
    at = sign_in(open_page(page), "dinkes", PASSWORD)
    [script] = cookie_scripts(at)
    assert f"{session_cookie.COOKIE_NAME}=" in script and "Max-Age=28800" in script  # 8 h, the session lifetime
    value = script.split(f"{session_cookie.COOKIE_NAME}=")[1].split(";")[0]
    assert session_cookie.verify(value) == "dinkes"
    at.run()
    assert not cookie_scripts(at)  # sent once
    reloaded = reload_with(monkeypatch, page, value)
    assert f"{SECRET} untuk dinkes" in shown(reloaded) and not reloaded.text_input
    reloaded.sidebar.button(key="auth_keluar").click().run()
    assert SECRET not in shown(reloaded) and reloaded.button(key="auth_masuk")
    assert any("Max-Age=0" in s for s in cookie_scripts(reloaded))  # sign-out clears the browser's cookie
    reloaded.run()
    assert SECRET not in shown(reloaded)  # the cookie this session started with no longer counts


@pytest.mark.parametrize("cookie", ["", "dinkes", "eyJ1IjoiZGlua2VzIn0.ZZZZZZ.bad-signature"])
def test_a_missing_or_tampered_cookie_shows_the_form(users_file, add_users, page, monkeypatch, cookie):
    add_users(("dinkes", "opd", "DINKES"))
    at = reload_with(monkeypatch, page, cookie)
    assert not at.exception
    assert SECRET not in shown(at) and at.button(key="auth_masuk")


def test_a_cookie_of_a_removed_account_signs_nobody_in(users_file, add_users, page, monkeypatch):
    from lib.users import session_cookie
    add_users(("admin", "admin", None), ("budi", "viewer", None))
    value = session_cookie.issue("budi")
    accounts.remove_user("budi", path=users_file)
    assert SECRET not in shown(reload_with(monkeypatch, page, value))


def test_a_public_deployment_ignores_the_sign_in_cookie(users_file, add_users, page, monkeypatch):
    from lib.users import session_cookie
    add_users(("admin", "admin", None))
    monkeypatch.setenv("MONITOR41_PUBLIC", "1")
    assert SECRET not in shown(reload_with(monkeypatch, page, session_cookie.issue("admin")))
