"""The browser side of the e2e tests: screen sizes, Chromium, browser contexts that are offline for real
(OutsideRequests), and the shared screens (Screens). Fixtures built on these are in conftest.py."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

from e2e.waiting import PATIENCE_S

VIEWPORT = {"width": 1920, "height": 1080}
# The screen sizes a user has (issue 12): a phone, a projector, an office laptop and a wall screen.
# Counts the animation frames in which the phone filter bar is visible on a screen 768 px or wider, from the
# document's start: window.m41BarFlash (a desktop must never see it, not even while a page loads).
BAR_FLASH_JS = """(() => { window.m41BarFlash = 0; const tick = () => {
  const bar = document.querySelector('.st-key-m41_filterbar');
  if (innerWidth >= 768 && bar && bar.getBoundingClientRect().height > 0) window.m41BarFlash += 1;
  requestAnimationFrame(tick); }; requestAnimationFrame(tick); })()"""
PHONE_USER_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                    "Chrome/126.0 Mobile Safari/537.36")
SIZES = {"phone": (390, 844), "projector": (1280, 720), "laptop": (1366, 768), "wall": (1920, 1080)}
# At the wall size (the size of the former offline test) a screen stays open, after the network has gone idle,
# for at least this long before the context moves on: late requests (favicon, charts) land in the record.
QUIET_SIZE, QUIET_SECONDS = "wall", 1.0

# Debian's chromium, not a Playwright-downloaded browser. The screens' maps are Vega (SVG/2D canvas), so no test
# needs WebGL; the pydeck map of basemap deployments (MONITOR41_BASEMAP) is not opened in a browser here.
# Offline for real: no host name but 127.0.0.1 resolves, so a request for a font, a basemap or a CDN script fails
# at once (and OutsideRequests records it; a bare IP address would not need a name, but is recorded all the same).
BLOCK_OTHER_HOSTS = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 BLOCK_OTHER_HOSTS]


def chromium_path() -> str | None:
    """Debian's Chromium, or whatever `chromium` is on PATH; None when neither exists."""
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


class OutsideRequests:
    """What the browser asked of hosts other than the app servers of this process (request and websocket
    events); `check` fails while the record is not empty."""

    LOCAL_SCHEMES = ("data:", "blob:", "about:")

    def __init__(self) -> None:
        self.origins: set[str] = set()  # http://127.0.0.1:PORT of every app server this process started
        self.seen: set[str] = set()

    def allowed(self, url: str) -> bool:
        apps = tuple(scheme + origin.split("://", 1)[1] + "/" for origin in self.origins for scheme in
                     ("http://", "ws://"))
        return url.startswith(self.LOCAL_SCHEMES + apps)

    def _record(self, where: str, url: str) -> None:
        if not self.allowed(url):
            self.seen.add(f"{where} -> {url}")

    def watch(self, context) -> None:
        """Record every request of the context that leaves the app servers. Chromium cannot reach such a host
        anyway (BLOCK_OTHER_HOSTS). A listener, not context.route: routing turns Chromium's HTTP cache off, so
        every load would fetch Streamlit's scripts again (about a third more time per page load)."""
        context.on("request", lambda request: self._record(_frame_url(request), request.url))

    def watch_page(self, page) -> None:
        page.on("websocket", lambda socket: self._record(page.url, socket.url))

    def check(self) -> None:
        seen, self.seen = sorted(self.seen), set()
        assert not seen, "permintaan ke host selain server aplikasi:\n" + "\n".join(seen)


def _frame_url(request) -> str:
    from playwright.sync_api import Error

    try:
        return request.frame.url
    except Error:  # a service worker's request has no frame
        return "?"


OUTSIDE = OutsideRequests()


def open_context(browser, viewport: dict | None = None, **options):
    """A page in a new browser context (its own websocket, so its own Streamlit session), offline for real
    (OUTSIDE), with uncaught JavaScript errors collected in page.errors for assertions."""
    if (viewport or VIEWPORT)["width"] < 600:  # a phone says so (lib.ui.responsive.PHONE_AGENT)
        options.setdefault("user_agent", PHONE_USER_AGENT)
    context = browser.new_context(viewport=viewport or VIEWPORT, locale="id-ID", **options)
    context.add_init_script(BAR_FLASH_JS)
    context.set_default_timeout(PATIENCE_S * 1000)
    OUTSIDE.watch(context)
    page = context.new_page()
    OUTSIDE.watch_page(page)
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)[:300]))
    return page


# Every (size, path) screen that the collected tests read (conftest.pytest_collection_modifyitems fills it).
PLANNED: set[tuple[str, str]] = set()


class Screens:
    """One browser context per screen size, each showing one path at a time: `show(size, path)` returns that
    size's page showing the path, settled, loading it only when the page is not showing it already. Tests read
    the page; a test that changes it (a click, a download) calls `spoil` so the next test loads it again.

    Tests run path by path (conftest orders them), so when a path is first asked for, every other size that
    will show it starts loading it too: the four pages load side by side and each is read once settled."""

    def __init__(self, browser, base: str):
        self.browser, self.base = browser, base
        self.pages: dict[str, object] = {}
        self.showing: dict[str, str | None] = {}
        self.settled: dict[str, bool] = {}
        self.idle_at: dict[str, float] = {}

    def _page(self, size: str):
        if size not in self.pages:
            width, height = SIZES[size]
            phone = width < 600
            self.pages[size] = open_context(self.browser, {"width": width, "height": height}, is_mobile=phone,
                                            has_touch=phone, device_scale_factor=1)
        return self.pages[size]

    def _go(self, size: str, path: str) -> None:
        page = self._page(size)
        self._leave(size)
        page.errors.clear()
        page.goto(f"{self.base}/{path}", wait_until="commit")
        self.showing[size], self.settled[size] = path, False

    def show(self, size: str, path: str):
        from e2e.test_browser import settle

        if self.showing.get(size) != path:
            self._go(size, path)
            for other in SIZES:
                if other != size and (other, path) in PLANNED and self.showing.get(other) != path:
                    self._go(other, path)
        page = self.pages[size]
        if not self.settled[size]:
            settle(page)
            if size == QUIET_SIZE:
                page.wait_for_load_state("networkidle")
                self.idle_at[size] = time.monotonic()
            self.settled[size] = True
        page.size_name, page.screen = size, (size, path)
        return page

    def spoil(self, page) -> None:
        self.showing[page.size_name] = None

    def _leave(self, size: str) -> None:
        """Before the page of a size moves on: the quiet spell after the network went idle (QUIET_SIZE)."""
        idle_at = self.idle_at.pop(size, None)
        if idle_at is not None:
            time.sleep(max(0.0, QUIET_SECONDS - (time.monotonic() - idle_at)))

    def close(self) -> None:
        for size, page in self.pages.items():
            self._leave(size)
            page.context.close()
