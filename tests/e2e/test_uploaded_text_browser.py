"""In a real browser, hostile uploaded text (an image link to a beacon, HTML, :red[…]) shows as text and makes
no request to the beacon's host."""
from __future__ import annotations

import pytest
from e2e.waiting import PATIENCE_S
from hostile_fixture import BEACON, BEACON_HOST  # the hostile_server fixture is in conftest.py
from playwright.sync_api import expect


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
    if path.startswith("stunting"):  # Majene's map tooltip quotes the source: as text, no image, no request
        name = page.locator('[class*="st-key-m41_peta_"] .mark-text text', has_text="Majene").last
        spot = name.bounding_box()
        page.mouse.move(spot["x"] + spot["width"] + 8, spot["y"] + spot["height"] / 2)  # its area, east of it
        tooltip = page.locator("#vg-tooltip-element")
        expect(tooltip).to_contain_text(f"<img src={BEACON}>", timeout=PATIENCE_S * 1000)
        assert tooltip.locator("img").count() == 0
        page.wait_for_timeout(1_000)
        assert beacon_requests == []
    assert not page.errors
