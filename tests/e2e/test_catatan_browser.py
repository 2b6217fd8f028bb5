"""In a real browser (issue 21): a governor asks on Majene's red stunting cell from the isu page (laptop), the
owning OPD's clerk signs in on a phone, finds the question in the OPD page's inbox and answers it there; the
typed HTML shows as text. One load per page and size."""
from __future__ import annotations

import pytest
from e2e.browsing import SIZES
from e2e.conftest import serve_with_users
from e2e.waiting import PATIENCE_S
from playwright.sync_api import expect

from lib.users.session_cookie import COOKIE_NAME

PASSWORD = "kopi-mandar-2023"
QUESTION = "Mengapa Majene masih merah? <b>tebal</b> @DINKES"


@pytest.fixture(scope="module")
def notes_server(demo_db, tmp_path_factory):
    """The app with its own users file: a governor (admin) and DINKES's clerk."""
    users = [("gubernur", "admin", None), ("dinkes", "opd", "DINKES")]
    with serve_with_users(demo_db, tmp_path_factory.mktemp("catatan-server"), PASSWORD, users) as base:
        yield base


def _sign_in(page, base: str, name: str) -> None:
    page.goto(f"{base}/unggah")
    page.get_by_label("Nama pengguna").fill(name)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_text("Tingkat wilayah")).to_be_visible()
    page.wait_for_function(f"document.cookie.includes('{COOKIE_NAME}=')")  # the next load is signed in too


def test_a_question_asked_on_the_isu_page_is_answered_from_the_opd_inbox(new_page, notes_server):
    width, height = SIZES["laptop"]
    governor = new_page({"width": width, "height": height})
    _sign_in(governor, notes_server, "gubernur")
    governor.goto(f"{notes_server}/stunting?kab=76.05&indikator=ST-PREV")
    panel = governor.locator('[class*="st-key-m41_catatan_isu_ST"]')
    expect(panel).to_contain_text("Majene", timeout=PATIENCE_S * 1000)
    panel.get_by_role("button", name="Tulis catatan").click()
    governor.get_by_label("Catatan (teks biasa)").fill(QUESTION)
    governor.get_by_role("button", name="Kirim catatan").click()
    expect(panel).to_contain_text("Catatan #1 tersimpan.")
    thread = panel.locator('[data-testid="stExpander"]', has_text="#1 · Pertanyaan · gubernur")
    expect(thread).to_contain_text("terbuka")
    thread.locator("summary").click()
    expect(thread.get_by_text(QUESTION)).to_be_visible()  # typed HTML shows as text
    assert thread.locator("b", has_text="tebal").count() == 0
    expect(governor.locator('[class*="st-key-m41_tabel_peringkat"]')).to_contain_text("1 terbuka")
    assert not governor.errors

    width, height = SIZES["phone"]
    clerk = new_page({"width": width, "height": height})
    _sign_in(clerk, notes_server, "dinkes")
    clerk.goto(f"{notes_server}/opd")  # no OPD chosen: the clerk's own, with its inbox
    expect(clerk.get_by_text("Pertanyaan untuk Anda (1)")).to_be_visible()
    expect(clerk.get_by_text(QUESTION)).to_be_visible()
    clerk.get_by_role("button", name="Jawab").click()
    clerk.get_by_label("Balasan (teks biasa)").fill("Data SSGI 2022; survei 2024 sedang diverifikasi.")
    clerk.get_by_role("button", name="Kirim balasan").click()
    expect(clerk.get_by_text("Catatan #2 tersimpan.")).to_be_visible()
    expect(clerk.get_by_text("tidak ada pertanyaan atau komitmen terbuka")).to_be_visible()
    assert not clerk.errors
