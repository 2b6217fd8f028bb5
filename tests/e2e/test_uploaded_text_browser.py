"""In a real browser, hostile uploaded text (an image link to a beacon, HTML, :red[…]) shows as text and makes
no request to the beacon's host."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

if not (Path("/usr/bin/chromium").exists() or shutil.which("chromium")):
    pytest.skip("Chromium tidak terpasang; pasang dengan `apt-get install chromium` (CI memasangnya)",
                allow_module_level=True)

from hostile_fixture import BEACON_HOST  # noqa: E402 — the hostile_server fixture is in conftest.py
from e2e.waiting import PATIENCE_S  # noqa: E402


@pytest.mark.parametrize("path", ["stunting?kab=76.05", ""])
def test_no_request_reaches_the_beacon_and_the_text_shows_literally(new_page, hostile_server, path):
    page = new_page()
    beacon_requests = []
    page.on("request", lambda request: beacon_requests.append(request.url) if BEACON_HOST in request.url else None)
    page.goto(f"{hostile_server}/{path}")
    page.locator('[data-testid="stCaptionContainer"]').first.wait_for(timeout=PATIENCE_S * 1000)
    page.wait_for_timeout(3_000)  # let late elements and their images load
    assert beacon_requests == []
    assert page.get_by_text("![x](", exact=False).count() > 0  # the source shows as typed
    assert page.locator(f'img[src*="{BEACON_HOST}"]').count() == 0
    assert page.locator(f'a[href*="{BEACON_HOST}"]').count() == 0
    assert not page.errors
