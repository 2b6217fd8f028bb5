"""In a real browser: a password sign-in survives a reload (F5) through its signed cookie, 'Keluar' clears it,
and a tampered cookie signs nobody in."""
from __future__ import annotations

import time

import pytest
from e2e.conftest import serve_with_users
from e2e.waiting import PATIENCE_S
from playwright.sync_api import expect

from lib.users.session_cookie import COOKIE_NAME

PASSWORD = "kopi-mandar-2023"


@pytest.fixture(scope="module")
def signin_server(demo_db, tmp_path_factory):
    """The app with its own users file (one OPD clerk), so the signing secret lives beside it."""
    with serve_with_users(demo_db, tmp_path_factory.mktemp("signin-server"), PASSWORD,
                          [("dinkes", "opd", "DINKES")]) as base:
        yield base


def signed_in(page) -> bool:
    """Wait for the Unggah page to settle: signed in (the template picker) or signed out (the form)."""
    picker, form = page.get_by_text("Tingkat wilayah"), page.get_by_label("Nama pengguna")
    expect(picker.or_(form).first).to_be_visible(timeout=PATIENCE_S * 1000)
    return picker.count() > 0


def test_the_clerk_stays_signed_in_after_a_reload_until_signing_out(new_page, signin_server):
    page = new_page()
    page.goto(f"{signin_server}/unggah")
    assert not signed_in(page)
    page.get_by_label("Nama pengguna").fill("dinkes")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_text("Tingkat wilayah")).to_be_visible()
    page.wait_for_function(f"document.cookie.includes('{COOKIE_NAME}=')")
    [cookie] = [c for c in page.context.cookies() if c["name"] == COOKIE_NAME]
    assert cookie["sameSite"] == "Strict" and abs(cookie["expires"] - (time.time() + 8 * 3600)) < 600

    page.reload()
    assert signed_in(page)  # F5: still the clerk's page, no form
    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_label("Nama pengguna")).to_be_visible()
    page.wait_for_function(f"!document.cookie.includes('{COOKIE_NAME}=')")
    page.reload()
    assert not signed_in(page)
    assert not page.errors

    tampered = new_page()  # a cookie whose signature was edited: refused, the form is shown
    tampered.context.add_cookies([{**cookie, "value": cookie["value"][:-2] + "xx"}])
    tampered.goto(f"{signin_server}/unggah")
    assert not signed_in(tampered)
