"""The app in a real browser, journeys that click: the map draws and answers a click, filters and language change
what is shown and live in the URL, a shared link restores the view. Also the helpers of the other browser tests
(settle, photograph, download).

Fixtures (server, browser, pages) are in tests/e2e/conftest.py. Every page rendering without errors, and its
screenshots, are in test_screens.py; the presentation's journey in test_presentation_fit.py.
"""
from __future__ import annotations

import re
import time
from pathlib import Path

from e2e.waiting import PATIENCE_S
from playwright.sync_api import Page, expect

from lib.text import i18n

# (screenshot name, URL path) of the screens of st.navigation in app.py that everyone sees (test_screens.py adds
# the data pages and checks that together they are the whole navigation).
PAGES = [
    ("ringkasan", ""),
    ("kemiskinan-ekstrem", "kemiskinan-ekstrem"),
    ("stunting", "stunting"),
    ("anak-tidak-sekolah", "anak-tidak-sekolah"),
    ("perkawinan-anak", "perkawinan-anak"),
    ("inflasi", "inflasi"),
    ("konvergensi", "konvergensi"),
    ("kabupaten", "kabupaten"),
    ("opd", "opd"),
    ("orang-tua-asuh", "orang-tua-asuh"),
    ("presentasi", "presentasi"),
    ("tentang", "tentang"),
]
MAJENE = "76.05"
# Stunting prevalence in the demo data: province (Tribun-Sulbar, 2024) and Majene (SSGI 2022).
STUNTING_PROVINSI = "35,4%"
STUNTING_MAJENE = "40,6%"

# Streamlit's own run state plus the DOM at rest: the script is not running, no skeleton or "running"
# widget is left, and the element count and page height have stopped changing (charts and st.html arrive
# after the script run ends, one by one).
_STATE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return null;
  return [app.getAttribute('data-test-script-state'), app.getAttribute('data-test-connection-state'),
          document.querySelectorAll('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]').length,
          document.getElementsByTagName('*').length, document.documentElement.scrollHeight,
          document.querySelector('[data-testid="stMain"]')?.scrollHeight ?? 0];
}"""


def settle(page: Page, timeout: float = PATIENCE_S, quiet_polls: int = 3) -> None:
    """Wait until Streamlit has finished the script run and the page has stopped changing for quiet_polls
    polls 0.2 s apart."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    last, quiet = None, 0
    while time.monotonic() < deadline:
        state = page.evaluate(_STATE_JS)
        idle = state is not None and state[0] == "notRunning" and state[1] == "CONNECTED" and state[2] == 0
        quiet = quiet + 1 if idle and state[3:] == last else 0
        last = state[3:] if state else None
        if quiet >= quiet_polls:
            return
        time.sleep(0.2)
    raise AssertionError(f"Halaman {page.url} tidak tenang dalam {timeout} detik (status terakhir: {state})")


def open_page(page: Page, base: str, path: str) -> None:
    """Go to a path of the app and wait until it has settled."""
    page.goto(f"{base}/{path}")
    settle(page)


def query_param(page: Page, name: str) -> str | None:
    """The value of a query parameter of the page's current URL."""
    return page.evaluate("name => new URL(location.href).searchParams.get(name)", name)


def sidebar(page: Page):
    return page.locator('[data-testid="stSidebar"]')


def assert_no_exception(page: Page) -> None:
    boxes = page.locator('[data-testid="stException"]')
    text = boxes.first.inner_text()[:500] if boxes.count() else ""
    assert boxes.count() == 0, f"{page.url}: kotak galat Streamlit: {text}"


def content_height(page: Page) -> int:
    """Height of the page's content. Streamlit scrolls inside stMain, not the document, so Playwright's
    full_page screenshot would only capture one screen; this is the length the viewport must have instead."""
    return page.evaluate("""() => Math.ceil(
        document.querySelector('[data-testid="stMainBlockContainer"]')?.getBoundingClientRect().bottom ?? 0)""")


def photograph(page: Page, path: Path, width: int, height: int, guess: int) -> None:
    """A full-length screenshot at a width: grow the viewport to the content (starting from a guess of its
    height, to save a re-layout), let charts re-layout, and clip to the content (never shorter than height)."""
    same_width = page.viewport_size["width"] == width
    page.set_viewport_size({"width": width, "height": max(height, guess)})
    # A taller viewport at the same width re-lays out nothing (Streamlit's layout follows the width only), so
    # a short check suffices; a new width re-renders every chart and needs the full wait.
    settle(page, quiet_polls=1 if same_width else 3)
    length = max(height, content_height(page))
    if length > page.viewport_size["height"]:
        page.set_viewport_size({"width": width, "height": length})
        settle(page, quiet_polls=1)
        length = max(height, content_height(page))
    page.screenshot(path=path, clip={"x": 0, "y": 0, "width": width, "height": length})


def download(page: Page, name: str) -> bytes:
    """The bytes of the file that the (first) button called name downloads. The page settles first: a click
    while a rerun (the previous download's, or a slide advancing) replaces the button would be lost."""
    settle(page)
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("button", name=name).first.click()
    return Path(info.value.path()).read_bytes()


def test_map_draws_names_tooltips_and_a_click_chooses_the_kabupaten(page, app_server):
    """The stunting map is drawn by Vega (no WebGL needed): coloured areas with names, a tooltip with the
    figure when the pointer is over a kabupaten (its name included), and a click that chooses it."""
    page.goto(f"{app_server}/stunting")
    map_box = page.locator('[class*="st-key-m41_peta_"] [data-testid="stVegaLiteChart"]').first
    expect(map_box.locator("svg.marks, canvas.marks").first).to_be_attached(timeout=PATIENCE_S * 1000)
    box = map_box.bounding_box()
    assert box and box["width"] > 150 and box["height"] > 300, f"peta berukuran {box}"
    deadline, colours = time.monotonic() + 15, 0
    while time.monotonic() < deadline and colours < 4:  # classes, no-data grey, outline, white
        colours = _distinct_colours(map_box.screenshot())
        time.sleep(0.2)
    assert colours >= 4, f"peta hanya berisi {colours} warna: peta tidak tergambar"
    expect(page.locator('[data-testid="stSidebar"]')).not_to_contain_text("Mamasa")
    name = map_box.locator(".mark-text text", has_text="Mamasa").last
    expect(name).to_be_visible()
    spot = name.bounding_box()
    x, y = spot["x"] + spot["width"] / 2, spot["y"] + spot["height"] / 2
    page.mouse.move(x, y)
    expect(page.locator("#vg-tooltip-element")).to_contain_text(re.compile(r"Mamasa: \d+,\d+%"))
    page.mouse.click(x, y)
    expect(page).to_have_url(re.compile(r"kab=76\.03"), timeout=PATIENCE_S * 1000)
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Mamasa")  # the kabupaten filter
    assert not page.errors, f"galat JavaScript: {page.errors}"


def _distinct_colours(png: bytes) -> int:
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(png)).convert("RGB").resize((120, 100))
    return len(image.getcolors(maxcolors=120 * 100))


def stunting_card(page: Page):
    title = i18n.t("isu.ST", "id")
    return page.locator(".m41-card").filter(has=page.locator("h3", has_text=re.compile(f"^{title}$")))


def test_choosing_kabupaten_changes_figures(new_page, app_server):
    """Majene's stunting figure replaces the province's on the Ringkasan cards, whether the kabupaten comes
    from the URL (?kab=76.05) or is picked in the sidebar, which then writes kab=76.05 into the URL."""
    linked = new_page()
    open_page(linked, app_server, f"?kab={MAJENE}")
    expect(stunting_card(linked)).to_have_count(1)
    majene = stunting_card(linked).locator(".big").inner_text()
    assert STUNTING_MAJENE in majene

    page = new_page()
    open_page(page, app_server, "")
    expect(stunting_card(page)).to_have_count(1)
    province = stunting_card(page).locator(".big").inner_text()
    assert STUNTING_PROVINSI in province
    assert province != majene
    assert query_param(page, "kab") is None

    sidebar(page).get_by_role("combobox", name=i18n.t("filter.kabupaten", "id")).click()
    page.get_by_role("option", name="Majene", exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_function("code => new URL(location.href).searchParams.get('kab') === code", arg=MAJENE)
    # While the rerun draws, the old card stays until its new one is in place (Streamlit keeps the last drawing),
    # so for a moment there may be none, one or two: wait for Majene's figure, let the run finish, then the
    # finished page holds exactly one stunting card, and it is Majene's.
    expect(stunting_card(page).locator(".big", has_text=STUNTING_MAJENE)).to_have_count(1)
    settle(page)
    expect(stunting_card(page)).to_have_count(1)
    expect(stunting_card(page).locator(".big")).to_contain_text(STUNTING_MAJENE)
    assert_no_exception(page)


def test_language_switch_changes_labels_and_url(page, app_server):
    """Clicking EN turns the Ringkasan title English and records lang=en in the URL."""
    open_page(page, app_server, "")
    expect(page.locator("h1").first).to_have_text("Ringkasan Satgas 4+1")
    assert query_param(page, "lang") is None

    sidebar(page).get_by_role("radio", name="EN").click()
    expect(page.locator("h1").first).to_have_text("Satgas 4+1 overview")
    page.wait_for_function("() => new URL(location.href).searchParams.get('lang') === 'en'")
    expect(sidebar(page).get_by_role("radio", name="EN")).to_have_attribute("aria-checked", "true")
    settle(page)
    assert_no_exception(page)


def test_shared_link_restores_view(new_page, app_server):
    """A link with kab and lang opened in a fresh browser context shows Majene, in English."""
    page = new_page()  # its own context: no session state from other tests
    open_page(page, app_server, f"stunting?kab={MAJENE}&lang=en")
    assert_no_exception(page)
    kab_widget = sidebar(page).locator('[data-testid="stMultiSelect"]')
    expect(kab_widget.locator('[data-testid="stMultiSelectTagsContainer"]')).to_contain_text("Majene")
    expect(kab_widget.locator('[data-testid="stWidgetLabel"]')).to_have_text(i18n.t("filter.kabupaten", "en"))
    expect(sidebar(page).get_by_role("radio", name="EN")).to_have_attribute("aria-checked", "true")
    # English labels in the frame (navigation) and on the page itself (the indicator chooser), not Indonesian.
    nav = sidebar(page).locator('[data-testid="stSidebarNav"]')
    expect(nav.get_by_role("link", name=i18n.t("page.ringkasan", "en"), exact=True)).to_be_visible()
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_role("combobox", name=i18n.t("isu.pilih_indikator", "en"), exact=True)).to_be_visible()
    expect(main.get_by_role("combobox", name=i18n.t("isu.pilih_indikator", "id"), exact=True)).to_have_count(0)
    expect(nav.get_by_role("link", name=i18n.t("page.ringkasan", "id"), exact=True)).to_have_count(0)
    # The URL keeps both filters, so the link can be passed on again.
    assert query_param(page, "kab") == MAJENE
    assert query_param(page, "lang") == "en"
