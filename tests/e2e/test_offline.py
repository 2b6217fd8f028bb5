"""Offline for real: loading every page asks no host but the app's own.

Government servers and the apel hall often have no internet. Chromium blocks (and the test records) every
request to a host other than the app server's loopback address: Streamlit's material-icon favicon
(fonts.gstatic.com), a basemap, a web font or a CDN script would all show up here.
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from e2e.waiting import PATIENCE_S  # noqa: E402

if not (Path("/usr/bin/chromium").exists() or shutil.which("chromium")):
    pytest.skip("Chromium tidak terpasang; pasang dengan `apt-get install chromium` (CI memasangnya)",
                allow_module_level=True)

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", ""}
# The script has finished and the connection is up; then a quiet spell for late requests (favicon, charts).
_IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && document.querySelectorAll('[data-testid="stSkeleton"]').length === 0;
}"""
QUIET_SECONDS = 1.0


def _load(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function(_IDLE_JS, timeout=PATIENCE_S * 1000)
    page.wait_for_load_state("networkidle")
    time.sleep(QUIET_SECONDS)


def test_no_request_leaves_the_app_host(new_page, app_server):
    """Every page of the navigation, opened in a fresh tab, requests nothing outside the app's host (and its
    favicon is served by the app)."""
    page = new_page()
    outside: list[str] = []

    def guard(route):
        if (urlparse(route.request.url).hostname or "") not in LOCAL_HOSTS:
            outside.append(f"{page.url} -> {route.request.url}")
            return route.abort()
        return route.continue_()

    page.context.route("**/*", guard)
    page.on("request", lambda request: request.url.startswith(("http:", "https:"))
            and (urlparse(request.url).hostname or "") not in LOCAL_HOSTS
            and outside.append(f"{page.url} -> {request.url}"))
    _load(page, app_server + "/")
    links = page.locator('[data-testid="stSidebarNavLink"]')
    hrefs = list(dict.fromkeys(links.nth(i).get_attribute("href") for i in range(links.count())))
    assert len(hrefs) >= 8, f"navigasi hanya berisi {hrefs}"
    for href in hrefs:
        url = href if href.startswith("http") else f"{app_server}/{href.lstrip('/')}"
        _load(page, url)
        icons = page.evaluate("() => [...document.querySelectorAll('link[rel~=icon]')].map(l => l.href)")
        assert icons and all(urlparse(icon).hostname in LOCAL_HOSTS or icon.startswith("data:")
                             for icon in icons), f"{url}: favicon dari luar: {icons}"
    assert not sorted(set(outside)), "permintaan ke host lain:\n" + "\n".join(sorted(set(outside)))
