"""How long a browser test waits for a page, a widget or a text before it fails.

Generous on purpose: `make test` runs browser tests in parallel workers (each with its own server and
Chromium) on machines as small as two cores, where a map page can take tens of seconds to settle. Waiting
never slows a passing test. Importing this module also sets Playwright's `expect` default to the same.
"""
from playwright.sync_api import expect

PATIENCE_S = 120

expect.set_options(timeout=PATIENCE_S * 1000)
