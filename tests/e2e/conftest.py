"""Real-browser fixtures: the app served by `streamlit run` on a loopback port, and Debian's headless Chromium.

One server and one browser per test process (pytest-xdist worker). Screens that tests only read (a page at one
screen size) come from `shared_screens`: one browser context per size for the whole process, each (size, path) loaded
once and read by every test that asks for it (the collection is ordered so those tests run one after another,
and the sizes of one path load side by side).
Journeys that click or type open their own context with `new_page` (a fresh Streamlit session, so session
state such as the language never leaks between tests).

Every browser context, of either kind, is offline for real: Chromium resolves no host name but 127.0.0.1, every
request to any host but the app servers this process started (loopback) is recorded, and after every test the
record must be empty. Government
servers and the apel hall often have no internet; Streamlit's material-icon favicon (fonts.gstatic.com), a
basemap, a web font or a CDN script would all show up here.
"""
from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from e2e.browsing import (
    CHROMIUM_ARGS,
    OUTSIDE,
    PLANNED,
    SIZES,
    Screens,
    chromium_path,
    open_context,
)

from bench import deployment

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"
HOST = deployment.HOST  # loopback only: the test server must never listen on a public interface
SKIP_REASON = "Chromium tidak terpasang; pasang dengan `apt-get install chromium` (CI memasangnya)"


@pytest.fixture(autouse=True)
def no_request_leaves_the_app_host():
    """After every browser test: no page asked anything of a host other than the app's (see OutsideRequests)."""
    yield
    OUTSIDE.check()


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
    OUTSIDE.origins.add(base)
    try:
        try:
            deployment.wait_healthy(base, process, log_path, "Server Streamlit")
        except deployment.DeploymentError as error:
            pytest.fail(str(error))
        yield base
    finally:
        deployment.stop_process(process)


@contextlib.contextmanager
def serve_with_users(source_db: Path, folder: Path, password: str,
                     users: list[tuple[str, str, str | None]]) -> Iterator[str]:
    """serve() with a users file of its own in folder: each (name, role, opd) with password. MONITOR41_USERS names
    it while the server runs (the server reads it at start; the test process too, for writes through lib.catatan)
    and is put back after."""
    import os

    from lib.users import accounts

    path = folder / "pengguna.json"
    for name, role, opd in users:
        accounts.add_user(name, password, role, opd=opd, path=path)
    before = os.environ.get("MONITOR41_USERS")
    os.environ["MONITOR41_USERS"] = str(path)
    try:
        with serve(source_db, folder) as base:
            yield base
    finally:
        if before is None:
            os.environ.pop("MONITOR41_USERS", None)
        else:
            os.environ["MONITOR41_USERS"] = before


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
        page = open_context(browser, viewport)
        contexts.append(page.context)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A page at 1920x1080 in a fresh context."""
    return new_page()


@pytest.fixture(scope="session")
def shared_screens(browser, app_server) -> Iterator[Screens]:
    """The screens of this test process (Screens): one context per size, each (size, path) loaded once."""
    shown = Screens(browser, app_server)
    yield shown
    shown.close()
    OUTSIDE.check()


def screen_key(item) -> tuple | None:
    """(size, path) of a test that reads a shared screen (parametrized `shown`), else None."""
    callspec = getattr(item, "callspec", None)
    screen = callspec.params.get("shown") if callspec else None
    return tuple(screen) if screen else None


def pytest_collection_modifyitems(items):
    """Without Chromium every browser test is skipped, with the way to install it (before any server starts).
    Tests that read a shared screen run path by path, and for one path size by size (SIZES), each (size,
    path) one after another; the same order on every xdist worker. Every other test keeps its place."""
    if chromium_path() is None:
        here = Path(__file__).parent
        for item in items:
            if here in Path(item.path).parents:
                item.add_marker(pytest.mark.skip(reason=SKIP_REASON))
    slots = [i for i, item in enumerate(items) if screen_key(item)]
    order = list(SIZES)
    ranked = sorted((items[i] for i in slots),
                    key=lambda item: (screen_key(item)[1], order.index(screen_key(item)[0])))
    for slot, item in zip(slots, ranked):
        items[slot] = item


def pytest_collection_finish(session):
    """The screens the selected tests read (after -k and the like), for Screens to load side by side."""
    PLANNED.update(key for key in map(screen_key, session.items) if key)


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """artifacts/screenshots (git-ignored), created on demand."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
