"""In a real browser (issue 22): an admin signs in on the Kirim page (laptop), subscribes the Bupati of Mamasa's
address to "Mamasa, weekly on Monday 06:00 and on publication" with the form's pickers, sees both subscriptions
in the table (and in the record), then stops them after the confirmation step. One journey, one page load."""
from __future__ import annotations

from pathlib import Path

import pytest
from e2e.browsing import SIZES
from e2e.conftest import serve_with_users
from e2e.waiting import PATIENCE_S
from playwright.sync_api import expect

from lib.data import deliveries
from lib.db import outbox

PASSWORD = "kopi-mandar-2023"
BUPATI = "bupati@mamasakab.go.id"


@pytest.fixture(scope="module")
def kirim_server(demo_db, tmp_path_factory):
    """The app with its own users file (one admin); (base URL, the server's record)."""
    folder = tmp_path_factory.mktemp("kirim-server")
    with serve_with_users(demo_db, folder, PASSWORD, [("admin", "admin", None)]) as base:
        yield base, folder / "monitor41.duckdb"


def _idle(page) -> None:
    """Wait for the end of the script run a click started (a dropdown opened meanwhile closes on the redraw)."""
    page.wait_for_timeout(300)
    page.wait_for_function("document.querySelector('[data-testid=\"stApp\"]')?.getAttribute("
                           "'data-test-script-state') === 'notRunning'")


def _open(page, box) -> None:
    """Open a select's list: scrolled into view first (a list opened while the page still scrolls closes)."""
    box.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    box.click()


def _live(db: Path) -> list[dict]:
    with outbox.reading(db) as con:
        return deliveries.live_subscriptions(con)


def test_an_admin_subscribes_the_bupati_of_mamasa_weekly_and_on_change_then_stops_it(new_page, kirim_server):
    base, db = kirim_server
    width, height = SIZES["laptop"]
    page = new_page({"width": width, "height": height})
    page.goto(f"{base}/kirim")
    page.get_by_label("Nama pengguna").fill("admin")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_text("Belum ada langganan.")).to_be_visible(timeout=PATIENCE_S * 1000)

    form = page.locator(".st-key-m41_kirim_tambah")
    form.get_by_label("Alamat e-mail").fill(BUPATI)
    form.get_by_label("Alamat e-mail").press("Enter")
    _idle(page)
    _open(page, form.locator(".st-key-kirim_kab input"))
    page.get_by_role("option", name="Mamasa", exact=True).click()
    page.keyboard.press("Escape")
    _idle(page)
    expect(form.locator(".st-key-kirim_kab")).to_contain_text("Mamasa")
    expect(form.locator(".st-key-kirim_terbit input")).to_be_checked()  # on publication: ticked by default
    form.get_by_text("Terjadwal", exact=True).click()
    _idle(page)
    expect(form.get_by_role("combobox", name="Jadwal")).to_have_value("Tiap minggu")  # the pickers' defaults
    expect(form.get_by_role("combobox", name="Hari")).to_have_value("Senin")
    expect(form.get_by_role("spinbutton", name="jam, Pukul")).to_contain_text("06")
    expect(form.get_by_role("spinbutton", name="menit, Pukul")).to_contain_text("00")
    form.get_by_role("button", name="Tambah langganan").click()

    expect(form.get_by_text("Langganan 1 dan 2 dibuat")).to_be_visible()
    _idle(page)
    table = page.locator('[data-testid="stDataFrame"]')
    expect(table).to_contain_text(BUPATI)
    expect(table).to_contain_text("jadwal (senin 06:00)")
    expect(table).to_contain_text("Mamasa")
    assert [(s["pemicu"], s["jadwal"], s["kabupaten"], s["penerima"]) for s in _live(db)] == [
        ("terbit", None, ["76.03"], BUPATI), ("jadwal", "senin 06:00", ["76.03"], BUPATI)]

    stop = page.locator(".st-key-m41_kirim_hapus")
    _open(page, stop.locator(".st-key-kirim_hapus_pilih_id input"))
    page.get_by_role("option", name="No. 1 · email").click()
    _idle(page)
    _open(page, stop.locator(".st-key-kirim_hapus_pilih_id input"))
    page.get_by_role("option", name="No. 2 · email").click()
    page.keyboard.press("Escape")
    _idle(page)
    stop.get_by_role("button", name="Hentikan...").click()
    expect(stop.get_by_text("Hentikan langganan 1, 2?")).to_be_visible()
    _idle(page)
    assert len(_live(db)) == 2  # nothing stopped before the confirmation
    stop.get_by_role("button", name="Ya, hentikan").click()
    expect(page.get_by_text("Langganan 1, 2 dihentikan")).to_be_visible()
    expect(page.get_by_text("Belum ada langganan.")).to_be_visible()
    assert _live(db) == []
    assert not page.errors
