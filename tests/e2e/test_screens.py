"""Every screen a user has (issue 12): each page at a phone (390×844), a projector (1280×720), an office laptop
(1366×768) and a wall screen (1920×1080) renders without an error box, scrolls nowhere sideways and clips no
text; on a phone the sidebar starts closed and the filters sit at the top of the page; on laptops every sidebar
filter is in view; the English mode shows English labels. Every page of the navigation is among these screens,
and its favicon comes from the app: with the offline guard on every browser context (conftest.py), loading
them all proves that no page asks anything of a host but the app's. Each page of PAGES is photographed
full-length at 1920 and 1366 pixels wide (artifacts/screenshots/, git-ignored) for a human to look at.

One server per test process (conftest), one browser context per size (`shared_screens`); each (size, path)
screen is loaded once and read by every test that asks for it (the `shown` fixture; conftest orders those tests
to run one after another, path by path, and loads the sizes of a path side by side).
"""
from __future__ import annotations

import re

import pytest
from e2e.browsing import SIZES
from e2e.test_browser import (
    PAGES,
    assert_no_exception,
    content_height,
    download,
    photograph,
    settle,
)
from emoji_marks import emoji_in
from playwright.sync_api import expect

from lib.text import i18n

ALL_PAGES = PAGES + [("unggah", "unggah"), ("riwayat", "riwayat"), ("kualitas", "kualitas"), ("kirim", "kirim")]

# Text nodes in the main area whose box reaches more than 4 px (a glyph box's leading) outside an ancestor
# that hides overflow: cut off.
_CLIPPED_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const out = [];
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    if (!text || !node.parentElement || node.parentElement.closest('style,script,[data-testid="stSidebar"]')) continue;
    const range = document.createRange(); range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    for (let el = node.parentElement; el && el !== main; el = el.parentElement) {
      const style = getComputedStyle(el);
      if (style.textOverflow === 'ellipsis') break;  // a deliberate, marked truncation (select boxes)
      const hides = ['hidden', 'clip'];
      if (!hides.includes(style.overflowX) && !hides.includes(style.overflowY)) continue;
      const b = el.getBoundingClientRect();
      if (b.width === 0 || b.height === 0) break;
      if (r.right > b.right + 4 || r.bottom > b.bottom + 4 || r.left < b.left - 4 || r.top < b.top - 4) {
        out.push(text.slice(0, 60)); break;
      }
    }
  }
  return out;
}"""
_WIDTHS_JS = """() => [document.documentElement.scrollWidth, document.querySelector('[data-testid="stMain"]').scrollWidth,
                      window.innerWidth]"""


@pytest.fixture
def shown(request, shared_screens):
    """The (size, path) screen of the test's parameter, loaded and settled once for every test that reads it.
    Tests only read it (no click, no scroll) or put it back as it was; a test that changes it calls
    shared_screens.spoil, and one that needs a fresh page opens its own with new_page."""
    return shared_screens.show(*request.param)


def _open(page, base: str, path: str) -> None:
    page.goto(f"{base}/{path}")
    settle(page)


def screens(sizes, paths) -> dict:
    """parametrize arguments for `shown`: every (size, path), ids `size-path`."""
    pairs = [(size, path) for size in sizes for path in paths]
    return {"argnames": "shown", "argvalues": pairs, "indirect": True,
            "ids": [f"{size}-{path.split('?')[0] or 'ringkasan'}{'-en' if 'lang=en' in path else ''}"
                    for size, path in pairs]}


@pytest.mark.parametrize(**screens(SIZES, [path for _, path in ALL_PAGES]))
def test_page_fits_the_screen(shown):
    """No sideways scrolling and no text cut off by its box, at every size."""
    sized_page, (_, path) = shown, shown.screen
    assert_no_exception(sized_page)
    document, main, viewport = sized_page.evaluate(_WIDTHS_JS)
    assert document <= viewport and main <= viewport, \
        f"{sized_page.size_name} /{path}: lebar halaman {document}/{main} > layar {viewport}"
    clipped = sized_page.evaluate(_CLIPPED_JS)
    assert not clipped, f"{sized_page.size_name} /{path}: teks terpotong: {clipped[:5]}"


def _sidebar_open(page) -> bool:
    box = page.locator('[data-testid="stSidebar"]').bounding_box()
    return box is not None and box["x"] + box["width"] > 10


def test_phone_opens_with_sidebar_closed_and_filters_on_top(new_page, app_server):
    page = new_page({"width": 390, "height": 844})
    _open(page, app_server, "stunting?kab=76.05")
    assert not _sidebar_open(page), "sidebar terbuka saat pertama dimuat di ponsel"
    bar = page.locator(".st-key-m41_filterbar button:visible").first
    box = bar.bounding_box()
    assert box is not None and box["y"] < 200, "tombol filter tidak di atas halaman"
    centre = page.evaluate("([x, y]) => !!document.elementFromPoint(x, y)?.closest('.st-key-m41_filterbar')",
                           [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
    assert centre, "tombol filter tertutup kepala halaman"
    assert "Majene" in bar.inner_text()
    bar.click()
    popover = page.locator('[data-testid="stPopoverBody"]')
    popover.get_by_text("EN", exact=True).click()
    settle(page)
    assert page.locator("h1").first.inner_text().strip() == "Stunting"
    assert re.search(r"[?&]lang=en", page.url), page.url
    assert "Filters" in page.locator(".st-key-m41_filterbar button:visible").first.inner_text()


@pytest.mark.parametrize(**screens(["projector", "laptop"], [""]))
def test_laptop_shows_every_sidebar_filter_without_scrolling(shown):
    page, size = shown, shown.size_name
    width, height = SIZES[size]
    assert _sidebar_open(page)
    assert not page.locator(".st-key-m41_filterbar").is_visible()
    assert page.evaluate("window.m41BarFlash") == 0, "bilah filter ponsel sempat tampak saat halaman dimuat"
    for label in ("Bahasa", "Kabupaten", "OPD", "Periode"):
        # the filter's own label, not the navigation link of the same name ("Kabupaten", "OPD")
        field = page.locator('[data-testid="stSidebar"] [data-testid="stWidgetLabel"]').get_by_text(label, exact=True)
        box = field.bounding_box()
        assert box is not None and box["y"] + box["height"] <= height, f"filter {label} di bawah layar {size}"


_CARD_PARTS_JS = """() => [...document.querySelectorAll('.m41-card')].map(card => {
  const box = sel => { const el = card.querySelector(sel); if (!el) return null;
                       const r = el.getBoundingClientRect(); return [r.left, r.right, r.bottom, r.width]; };
  const c = card.getBoundingClientRect();
  return {card: [c.left, c.right], big: box('.big'), when: box('.m41-when'), chip: box('.m41-chip'),
          target: box('.m41-basis'), gauge: box('.m41-gauge'), words: box('.m41-gauge-words'),
          source: box('.m41-src')};
})"""


@pytest.mark.parametrize(**screens(["projector", "laptop"], [""]))  # 1280×720, 1366×768
def test_ringkasan_first_screen_reads_in_ten_seconds(shown):
    """The first screen: the three lines since the last apel, and five cards each with its number, period and
    age, status, target, and the gauge with the words saying what its % is; sources come after them."""
    page, size = shown, shown.size_name
    height = SIZES[size][1]
    since = page.locator(".st-key-ringkasan_sejak_apel").bounding_box()
    assert since and since["y"] + since["height"] <= height, "sejak apel terakhir di bawah layar pertama"
    cards = page.evaluate(_CARD_PARTS_JS)
    assert len(cards) == 5
    for i, card in enumerate(cards):
        for part in ("big", "when", "chip", "target", "words"):
            if card[part] is not None:
                assert card[part][2] <= height, f"kartu {i + 1}: {part} di bawah layar pertama {size}"
        assert card["big"] and card["when"] and card["chip"] and card["words"], f"kartu {i + 1} tidak lengkap"
        if card["gauge"]:
            assert card["card"][0] <= card["gauge"][0] and card["gauge"][1] <= card["card"][1], "pengukur keluar kartu"
        assert card["source"][2] > card["words"][2], "sumber sebelum angka"
    assert not page.locator(".m41-strip").is_visible()  # the phone's five-line strip


@pytest.mark.parametrize(**screens(["phone"], [""]))  # 390×844
def test_phone_ringkasan_first_screen_shows_the_five_statuses_and_everything_fits(shown):
    page = shown
    width, height = SIZES["phone"]
    strip = page.locator(".m41-strip li")
    assert strip.count() == 5
    for i in range(5):
        chip = strip.nth(i).locator(".m41-chip").bounding_box()
        assert chip and chip["y"] + chip["height"] <= height, f"status isu {i + 1} di bawah layar pertama ponsel"
    for card in page.evaluate(_CARD_PARTS_JS):  # stacked, each gauge inside its card and the phone's width
        assert 0 <= card["card"][0] and card["card"][1] <= width
        if card["gauge"]:
            assert card["card"][0] <= card["gauge"][0] and card["gauge"][1] <= min(card["card"][1], width)
    text = page.locator('[data-testid="stMain"]').inner_text().lower()
    assert "arahkan kursor" not in text and "hover" not in text


@pytest.mark.parametrize(**screens(["phone"], ["kabupaten", "stunting", "opd?opd=DINKES"]))
def test_phone_shows_tables_as_cards_and_gauges_stacked(shown):
    """On a phone the Kabupaten rapor and the OPD page's tables are lists of cards (not tables showing two
    columns) and an isu page's gauges stack, each within the screen."""
    page, path = shown, shown.screen[1]
    width = SIZES["phone"][0]
    boxes = page.evaluate("""() => [...document.querySelectorAll('.m41-rows li, .m41-gaugecell')]
        .map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.top, r.width]; })""")
    assert boxes, f"/{path}: tidak ada kartu baris atau pengukur"
    assert all(left >= 0 and right <= width for left, right, _, _ in boxes), f"/{path}: lebih lebar dari layar"
    assert not page.locator('[class*="st-key-m41_tabel_"] [data-testid="stDataFrame"]').first.is_visible()
    if path == "stunting":  # one gauge to a row
        gauges = [top for left, right, top, w in boxes if w <= 260]
        assert gauges and len({round(top) for top in gauges}) == len(gauges)


@pytest.mark.parametrize(**screens(["laptop"], ["?lang=en"]))
def test_english_mode_in_the_browser(shown):
    page = shown
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "Stunting prevalence among children under five" in text
    assert "Week III, August 2023" in text
    assert not re.search(r"Minggu [IV]+ |Agustus|Prevalensi|Persentase penduduk", text)


# Where the map's legend sits: its box against the map's (the Vega chart) in the same map container.
_LEGEND_JS = """() => Array.from(document.querySelectorAll('[class*="st-key-m41_peta_"]')).map(box => {
  const map = box.querySelector('[data-testid="stVegaLiteChart"]').getBoundingClientRect();
  const legend = box.querySelector('.m41-legend').getBoundingClientRect();
  return {map: [map.left, map.top, map.right, map.bottom], legend: [legend.left, legend.top, legend.right,
          legend.bottom], title: box.querySelector('.m41-legend-title')?.textContent ?? ''};
})"""


LEGEND_TITLES = {"": "Warna = status terhadap target", "inflasi": "Skala divergen: dalam rentang sasaran = netral",
                 "stunting": "Skala berurutan: makin gelap = makin tinggi"}


@pytest.mark.parametrize(**screens(SIZES, list(LEGEND_TITLES)))
def test_map_legend_beside_the_map_below_it_on_a_phone(shown):
    page, (size, path) = shown, shown.screen
    title = LEGEND_TITLES[path]
    width, height = SIZES[size]
    maps = page.evaluate(_LEGEND_JS)
    assert len(maps) == 1, f"{size} /{path}: {len(maps)} peta"
    (left, top, right, bottom), (l_left, l_top, l_right, l_bottom) = maps[0]["map"], maps[0]["legend"]
    assert maps[0]["title"] == title  # the legend names its scale
    assert right - left >= 180, f"{size} /{path}: peta hanya {right - left:.0f} px lebar"
    if size == "phone":
        assert l_top >= bottom - 1, f"/{path}: legenda tidak di bawah peta di ponsel"
    else:
        assert l_left >= right - 1 and l_top < bottom and l_bottom > top, f"{size} /{path}: legenda tidak di samping peta"
    assert l_right <= width, f"{size} /{path}: legenda melewati tepi layar"
    assert right <= width, f"{size} /{path}: peta lebih lebar dari layar ({right:.0f} px)"


@pytest.mark.parametrize(**screens(["laptop"], ["inflasi?lang=en"]))
def test_map_legend_names_the_scale_in_english(shown):
    page = shown
    legend = page.locator('[class*="st-key-m41_peta_"] .m41-legend').inner_text()
    assert legend.startswith("Diverging scale: within the target band = neutral")
    assert "within the target band (1.5%–3.5%)" in legend


# The grid of a Streamlit table renders (in its accessible table) only the columns in view: the column after
# the last key column being there means every key column is wholly in view without scrolling sideways.
_TABLE_COLUMNS_JS = """() => Array.from(document.querySelectorAll('[data-testid="stDataFrame"]')).map(
  table => Array.from(table.querySelectorAll('th')).map(th => th.textContent.trim()))"""
KEY_COLUMNS = {"stunting": ["Wilayah", "Nilai", "Status", "Periode", "Target"],
               "kabupaten?kab=76.04": ["Indikator", "Nilai", "Status", "Periode", "Target"],
               "opd?opd=DISHUB": ["Wilayah", "Indikator", "Nilai", "Status", "Periode", "Target"]}
# Where each page's key table stands (a phone shows its rows as cards there: lib.ui.responsive.phone_rows).
TABLE_KEYS = {"stunting": "m41_tabel_peringkat", "kabupaten?kab=76.04": "m41_tabel_rapor",
              "opd?opd=DISHUB": "m41_tabel_angka"}


@pytest.mark.parametrize(**screens(["projector", "laptop", "phone"], list(KEY_COLUMNS)))
def test_tables_show_the_key_columns_without_sideways_scrolling(shown):
    page, (size, path) = shown, shown.screen
    key = KEY_COLUMNS[path]
    if size == "phone":  # rapor, ranking and the OPD tables as cards (lib.ui.responsive.phone_rows)
        first = page.locator(f'.st-key-{TABLE_KEYS[path]} .m41-rows li').first.inner_text()
        assert all(f"{column}:" in first for column in key[1:]), first
        return
    tables = [columns for columns in page.evaluate(_TABLE_COLUMNS_JS) if columns[:2] == key[:2]]
    assert tables, f"{size} /{path}: tabel dengan kolom {key[:2]} tidak ada"
    assert tables[0][:len(key)] == key and len(tables[0]) > len(key), f"{size} /{path}: kolom dalam pandangan {tables[0]}"


# Issue 19: at 1280 the ranking keeps its change column and the actions their description in view (long text
# wraps in taller rows instead of being cut), and the trend chart's plot is at least 300 px tall.
WIDE_KEYS = (["Wilayah", "Nilai", "Status", "Periode", "Target", "Capaian target", "Perubahan"],
             ["Periode", "Tindakan", "Wilayah", "OPD", "Jumlah", "Uraian"])


@pytest.mark.parametrize(**screens(["projector"], ["stunting"]))  # 1280×720
def test_ranking_and_actions_keep_change_and_description_in_view_and_the_trend_is_tall(shown):
    page = shown
    found = page.evaluate(_TABLE_COLUMNS_JS)
    for key in WIDE_KEYS:
        tables = [columns for columns in found if columns[:2] == key[:2]]
        assert tables and tables[0][:len(key)] == key and len(tables[0]) > len(key), \
            f"kolom dalam pandangan: {tables[0] if tables else found}"
    # The plot alone is 320 px (autosize fit-x); its legends and axis come on top, so the chart is taller still
    # (before issue 19 everything was squeezed into 320 px, leaving a plot of 110-150 px).
    height = page.evaluate("""() => document.querySelector('.st-key-isu_tren [data-testid="stVegaLiteChart"] svg')
                                 .getBoundingClientRect().height""")
    assert height >= 400, f"grafik tren hanya {height} px tinggi"


@pytest.mark.parametrize(**screens(["phone"], ["stunting"]))  # 390×844
def test_trend_chart_and_its_legend_fit_a_phone(shown):
    page = shown
    box = page.evaluate("""() => {
      const chart = document.querySelector('.st-key-isu_tren [data-testid="stVegaLiteChart"]');
      const svg = chart.querySelector('svg').getBoundingClientRect();
      const legends = Array.from(chart.querySelectorAll('.role-legend')).map(g => g.getBoundingClientRect().right);
      return {svg: svg.right, legends, labels: chart.querySelectorAll('.role-legend-label text').length};
    }""")
    assert box["svg"] <= 390, f"grafik tren melewati layar: {box}"
    assert box["legends"] and max(box["legends"]) <= box["svg"], f"legenda melewati tepi grafik: {box}"


_NAV_JS = """() => [...document.querySelectorAll('[data-testid="stSidebarNavLink"]')].map(
  link => new URL(link.href, location.href).pathname.replace(/^\\/+|\\/+$/g, ''))"""


@pytest.mark.parametrize(**screens(["wall"], [""]))
def test_every_page_of_the_navigation_is_a_screen_here(shown):
    """The navigation lists exactly the pages of ALL_PAGES, so every page a user can open is loaded at every size
    above, each in a browser context that lets no request leave the app's host (conftest.py)."""
    paths = shown.evaluate(_NAV_JS)
    assert len(paths) >= 8, f"navigasi hanya berisi {paths}"
    assert sorted(set(paths)) == sorted(path for _, path in ALL_PAGES), paths


@pytest.mark.parametrize(**screens(["wall"], [path for _, path in ALL_PAGES]))
def test_page_icon_is_served_by_the_app(shown, app_server):
    icons = shown.evaluate("() => [...document.querySelectorAll('link[rel~=icon]')].map(l => l.href)")
    assert icons and all(icon.startswith((app_server + "/", "data:")) for icon in icons), \
        f"/{shown.screen[1]}: favicon dari luar: {icons}"


@pytest.mark.parametrize(**screens(["wall"], ["", "stunting"]))
def test_no_emoji_on_the_screen(shown):
    """Ringkasan and an isu page show no emoji (issue 19): a PC without an emoji font draws them as boxes."""
    found = emoji_in(shown.locator("body").inner_text())
    assert not found, f"/{shown.screen[1]}: emoji di layar: {found[:10]}"


# Last on each screen (tests run in the order they are defined here): tests that photograph it (putting the
# viewport back as it was) or change it.
PAGE_NAMES = {path: name for name, path in PAGES}


@pytest.mark.parametrize(**screens(["wall", "laptop"], list(PAGE_NAMES)))
def test_page_renders_without_errors(shown, screenshot_dir):
    """Every page loads without a Streamlit exception box or JavaScript error, has a title, and is
    photographed full-length: at 1920 pixels wide (wall) and at 1366 (laptop)."""
    page, (size, path) = shown, shown.screen
    assert_no_exception(page)
    heading = page.locator("h1").first
    expect(heading).to_be_visible()
    assert heading.inner_text().strip(), f"/{path}: h1 kosong"
    width, height = SIZES[size]
    name = PAGE_NAMES[path] + ("" if size == "wall" else f"-{width}")
    photograph(page, screenshot_dir / f"{name}.png", width, height, content_height(page))
    page.set_viewport_size({"width": width, "height": height})  # as it was, for the next test on this screen
    settle(page, quiet_polls=1)
    assert_no_exception(page)
    assert not page.errors, f"/{path}: galat JavaScript: {page.errors}"


@pytest.mark.parametrize(**screens(["wall"], [""]))
def test_ringkasan_downloads_pdf_briefing_and_headline_image(shown, shared_screens):
    page = shown
    shared_screens.spoil(page)  # the download menu and focus stay behind: the next test loads its own
    assert download(page, i18n.t("ekspor.unduh_pdf", "id")).startswith(b"%PDF")
    assert download(page, i18n.t("ekspor.gambar_lebar", "id")).startswith(b"\x89PNG")
