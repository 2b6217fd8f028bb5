"""The apel on a projector: every slide fits one screen at 1280×720, 1366×768 and 1920×1080 (no scrolling, no
text outside its box; body type ≥ 4.5 % of the screen height, headline numbers ≥ 10 %, only sources, chart keys
and notes down to 2.5 %); one journey: no sidebar, controls hidden from the audience until toggled, a progress
bar while the deck plays, a full-screen button, → and the next button advance, the open control bar never
covers the sources line, the download buttons return files. (Ringkasan's
downloads are read on its shared screen in test_screens.py.)"""
from __future__ import annotations

import pytest
from e2e.test_browser import assert_no_exception, download, settle
from playwright.sync_api import expect

from lib.screens import slideshow
from lib.text import i18n

SLOW_START = 120  # seconds: the first visit starts the server's caches, slowly on a shared machine


def open_presentation(page, base: str) -> None:
    page.goto(f"{base}/presentasi")
    settle(page, timeout=SLOW_START)


SIZES = [(1280, 720), (1366, 768), (1920, 1080)]

# Per slide: document and main heights, and every element of the slide that overflows its box or whose text is
# set smaller than 4.5 % of the viewport height (2.5 % for sources, chart keys and notes; headline numbers 10 %), every text line cut off by a box that clips it, and
# footer text (sources, slide number) that the operator's closed toggle or its label would cover.
_FIT_JS = """() => {
  const SMALL = '.m41-foot, .m41-note, .m41-key, .m41-caption, .m41-when';
  const deck = document.querySelector('.m41-deck');
  const box = deck.getBoundingClientRect();
  const bad = [];
  for (const el of deck.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
      bad.push('overflow-x ' + el.className);
    if (r.right > box.right + 1 || r.left < box.left - 1) bad.push('wider than the slide ' + el.className);
    const card = el.parentElement && el.parentElement.closest('.m41-row, .m41-num, .m41-box, .m41-left, .m41-bar');
    if (card) { const c = card.getBoundingClientRect();
      if (r.right > c.right + 1 || r.bottom > c.bottom + 1) bad.push('outside its card ' + el.className + ': ' + el.textContent.slice(0, 40)); }
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const least = el.closest(SMALL) ? 0.025 : el.matches('.m41-left .m41-val') ? 0.10 : 0.045;
    if (own && parseFloat(getComputedStyle(el).fontSize) < least * innerHeight - 0.5)
      bad.push('small text ' + el.tagName + ' ' + el.textContent.slice(0, 40));
  }
  for (const el of deck.querySelectorAll('.m41-body, .m41-num, .m41-left, .m41-right, .m41-foot .src'))
    if (el.scrollHeight > el.clientHeight + 1) bad.push('clipped ' + el.className);
  // every line of text lies inside each box that would clip it (overflow other than visible, and the slide)
  const walker = document.createTreeWalker(deck, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const range = document.createRange(); range.selectNodeContents(node);
    const clips = [];
    for (let a = node.parentElement; a; a = a.parentElement) {
      if (a === deck || getComputedStyle(a).overflow !== 'visible') clips.push(a);
      if (a === deck) break;
    }
    // a glyph box is taller than a tight line-height: only its line box has to fit
    const style = getComputedStyle(node.parentElement);
    const lineHeight = parseFloat(style.lineHeight) || 1.2 * parseFloat(style.fontSize);
    for (const line of range.getClientRects()) for (const a of clips) { const c = a.getBoundingClientRect();
      const pad = Math.max(0, (line.height - lineHeight) / 2) + 1;
      if (line.left < c.left - 1 || line.right > c.right + 1 || line.top < c.top - pad || line.bottom > c.bottom + pad)
        bad.push('text clipped by ' + a.className + ': ' + node.textContent.trim().slice(0, 40)); }
  }
  // the sources footer and the slide number never sit under the operator's toggle (closed) or its label
  const ops = document.querySelector('.st-key-m41ops');
  const toggle = [ops, ops && ops.querySelector('[data-testid="stWidgetLabel"]')].filter(Boolean);
  const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  for (const el of deck.querySelectorAll('.m41-foot .src, .m41-foot .num'))
    for (const t of toggle) if (meet(el.getBoundingClientRect(), t.getBoundingClientRect()))
      bad.push('under the toggle ' + el.className + ' / ' + (t.dataset.testid || t.className.split(' ')[0]));
  if (!toggle.length) bad.push('no operator toggle');
  return {doc: document.documentElement.scrollHeight, main: document.querySelector('[data-testid="stMain"]').scrollHeight,
          bottom: box.bottom, slide: deck.dataset.slide, bad: bad};
}"""


def fits(page, width: int, height: int) -> str:
    """The shown slide's key, after checking at width×height (the viewport set to it, the page settled again)
    that it fits the screen under _FIT_JS's rules. The slides are laid out in CSS only (viewport units, no
    server-side size), so a resized page is the same screen as one opened at that size."""
    page.set_viewport_size({"width": width, "height": height})
    settle(page, quiet_polls=2)
    # the slide is on screen (a stylesheet of another page once hid its rows, and nothing was "clipped")
    box = page.locator(".m41-deck").bounding_box()
    assert box and box["height"] >= 0.6 * height and box["width"] >= 0.6 * width, (width, height, box)
    fit = page.evaluate(_FIT_JS)
    assert fit["doc"] <= height and fit["main"] <= height and fit["bottom"] <= height, (width, fit)
    assert not fit["bad"], (width, height, fit["slide"], fit["bad"][:5])
    return fit["slide"]


def test_every_slide_fits_every_screen(new_page, app_server):
    """Each slide in turn, checked at 1280×720, 1366×768 and 1920×1080 (one page load, the deck walked once)."""
    page = new_page({"width": SIZES[0][0], "height": SIZES[0][1]})
    open_presentation(page, app_server)
    seen = []
    for number in range(1, len(slideshow.SLIDES) + 1):
        expect(page.locator(".m41-foot .num")).to_have_text(f"{number}/{len(slideshow.SLIDES)}")
        keys = {fits(page, width, height) for width, height in SIZES}
        assert len(keys) == 1, keys  # the deck did not move on while it was measured
        seen.append(keys.pop())
        page.keyboard.press("ArrowRight")
    assert seen == list(slideshow.SLIDES)
    assert_no_exception(page)


def test_presentation_hides_sidebar_and_controls_advances_and_downloads(page, app_server):
    """At 1920×1080: no sidebar and no operator control or internal note for the audience; the → key and the
    (hidden) next button move the counter 1/9 → 2/9 → 3/9; the controls download the PowerPoint and the
    slide image."""
    open_presentation(page, app_server)
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    next_button = page.locator(".st-key-presentasi_next button").filter(visible=True)
    expect(next_button).to_have_count(0)
    expect(page.get_by_text("Hanya angka tingkat provinsi")).to_have_count(0)  # no internal notes on the slide
    counter = page.locator(".m41-foot .num")
    # The deck plays by itself every 20 s, but a page that has just settled is still on its first slide.
    expect(counter).to_contain_text("1/9")
    progress = page.locator(".m41-progress i")  # a thin bar fills over the 20 s the slide waits
    expect(progress).to_have_count(1)
    assert progress.evaluate("e => getComputedStyle(e).animationDuration") == "20s"
    assert progress.evaluate("e => e.getBoundingClientRect().height") <= 0.01 * 1080
    full = page.locator(".m41-fs").filter(visible=True)  # the full-screen button, also with Kontrol closed
    expect(full).to_have_count(1)
    expect(full).to_contain_text(i18n.t("presentasi.layar_penuh", "id"))
    full.click()
    page.wait_for_function("() => document.fullscreenElement !== null")
    expect(full).to_contain_text(i18n.t("presentasi.keluar_layar_penuh", "id"))
    full.click()
    page.wait_for_function("() => document.fullscreenElement === null")
    page.keyboard.press("ArrowRight")
    expect(counter).to_contain_text("2/9")  # Next restarts the slide clock: no auto-advance yet
    page.get_by_text(i18n.t("ekspor.kontrol", "id"), exact=True).click()
    expect(next_button.first).to_be_visible()
    next_button.first.click()
    expect(counter).to_contain_text("3/9")
    settle(page, quiet_polls=2)
    covered = page.evaluate("""() => {  // with Kontrol open the slide ends above the control bar
      const bar = document.querySelector('.st-key-m41ops').getBoundingClientRect();
      return [...document.querySelectorAll('.m41-foot .src, .m41-foot .num')].map(e => e.getBoundingClientRect())
        .filter(r => r.left < bar.right && bar.left < r.right && r.top < bar.bottom && bar.top < r.bottom).length;
    }""")
    assert covered == 0
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    assert_no_exception(page)
    assert download(page, i18n.t("ekspor.unduh_pptx", "id")).startswith(b"PK")  # a zip: .pptx
    assert download(page, i18n.t("ekspor.gambar_persegi", "id")).startswith(b"\x89PNG")


FOLLOW_PASSWORD = "kopi-mandar-2023"
LONG_CELLS = [("ST-PREV", w, "2022") for w in ("76.01", "76.02", "76.03", "76.04", "76.05", "76.06")]


@pytest.fixture(scope="module")
def notes_server(demo_db, tmp_path_factory):
    """The app on the demo record with six open questions (more than the follow-up slide holds) and a users
    file, so a signed-in user's deck carries the Tindak lanjut slide (issue 21)."""
    from e2e.conftest import serve_with_users

    from lib.catatan import rules
    from lib.users import accounts

    folder = tmp_path_factory.mktemp("notes-server")
    with serve_with_users(demo_db, folder, FOLLOW_PASSWORD, [("gubernur", "admin", None)]) as base:
        asker = accounts.find_user("gubernur")
        for cell in LONG_CELLS:  # through the writer, as the page and the CLI write
            rules.add(folder / "monitor41.duckdb", asker, rules.Cell(*cell), "pertanyaan", "Mengapa merah?")
        yield base


def test_the_follow_up_slide_of_a_signed_in_user_fits_every_screen(new_page, notes_server):
    """Signed in on an internal instance: ten slides, the one before the last "Tindak lanjut" (four rows and the
    line for the rest) fits at 1280×720, 1366×768 and 1920×1080 under the same rules as every slide; the
    note's text is nowhere."""
    page = new_page({"width": SIZES[0][0], "height": SIZES[0][1]})
    page.goto(f"{notes_server}/unggah")
    settle(page, timeout=SLOW_START)
    page.get_by_label("Nama pengguna").fill("gubernur")
    page.get_by_label("Kata sandi").fill(FOLLOW_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_text("Tingkat wilayah")).to_be_visible(timeout=SLOW_START * 1000)
    open_presentation(page, notes_server)
    total = len(slideshow.slides(follow_up=True))
    expect(page.locator(".m41-foot .num")).to_have_text(f"1/{total}")
    page.keyboard.press("ArrowLeft")
    expect(page.locator(".m41-foot .num")).to_have_text(f"{total}/{total}")
    page.keyboard.press("ArrowLeft")
    expect(page.locator(".m41-foot .num")).to_have_text(f"{total - 1}/{total}")
    for width, height in SIZES:
        assert fits(page, width, height) == slideshow.FOLLOW_UP
    deck = page.locator(".m41-deck")
    expect(deck.locator(".m41-item")).to_have_count(4)
    expect(deck).to_contain_text("… dan 2 lagi")
    expect(deck).to_contain_text("6 pertanyaan baru, 0 dijawab, 6 belum dijawab")
