"""Real-browser fixtures: the app served by `streamlit run` on a loopback port, and Debian's headless Chromium.

One server and one browser serve the whole session; each test opens its own browser context (a fresh
Streamlit session, so session state such as the language never leaks between tests).
"""
from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from e2e.waiting import PATIENCE_S

from bench import deployment

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"
HOST = deployment.HOST  # loopback only: the test server must never listen on a public interface
SKIP_REASON = "Chromium tidak terpasang; pasang dengan `apt-get install chromium` (CI memasangnya)"
VIEWPORT = {"width": 1920, "height": 1080}

# Debian's chromium, not a Playwright-downloaded browser. The screens' maps are Vega (SVG/2D canvas), so no test
# needs WebGL; the pydeck map of basemap deployments (MONITOR41_BASEMAP) is not opened in a browser here.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    """Debian's Chromium, or whatever `chromium` is on PATH; None when neither exists."""
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


@contextlib.contextmanager
def serve(source_db: Path, folder: Path) -> Iterator[str]:
    """Base URL of the app served by a real `streamlit run` on a free loopback port, on a copy of source_db."""
    port = deployment.free_port()
    log_path = folder / "streamlit.log"
    # The server holds its own copy of the record, so a test's upload never touches the session's demo file.
    database = folder / "monitor41.duckdb"
    shutil.copyfile(source_db, database)
    env = {"MONITOR41_DB": str(database)}
    # File watcher off (start_replica): others edit the sources while the suite runs, and a saved file makes
    # Streamlit show "Source file changed" in the status widget, which never lets a page settle.
    process = deployment.start_replica(PROJECT_ROOT / "app.py", port, env, log_path)
    base = f"http://{HOST}:{port}"
    try:
        try:
            deployment.wait_healthy(base, process, log_path, "Server Streamlit")
        except deployment.DeploymentError as error:
            pytest.fail(str(error))
        yield base
    finally:
        deployment.stop_process(process)


@pytest.fixture(scope="session")
def app_server(demo_db: Path, tmp_path_factory) -> Iterator[str]:
    """Base URL of the app served by a real `streamlit run` on a free loopback port, with the demo database."""
    with serve(demo_db, tmp_path_factory.mktemp("server")) as base:
        yield base


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory) -> Iterator[str]:
    """The app on a database whose stunting sources carry hostile text (tests/hostile_fixture.py)."""
    from hostile_fixture import build_hostile_db

    folder = tmp_path_factory.mktemp("hostile-server")
    with serve(build_hostile_db(folder / "db"), folder) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        pytest.skip(SKIP_REASON)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser) -> Iterator[Callable]:
    """Factory of pages, each in a fresh browser context (its own websocket, so its own Streamlit session)."""
    contexts = []

    def make(viewport: dict | None = None):
        context = browser.new_context(viewport=viewport or VIEWPORT, locale="id-ID")
        context.set_default_timeout(PATIENCE_S * 1000)
        contexts.append(context)
        page = context.new_page()
        page.errors = []  # uncaught JavaScript errors, for assertions
        page.on("pageerror", lambda error: page.errors.append(str(error)[:300]))
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A page at 1920x1080 in a fresh context."""
    return new_page()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """artifacts/screenshots (git-ignored), created on demand."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
