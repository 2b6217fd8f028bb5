"""The one way the AppTest files open a page of the app: straight onto it, as a shared link does.

AppTest identifies a page before its first run by the file name; app.py serves every view under its file
name (st.Page url_path), so no run of the default page (Ringkasan) is needed first. That run used to double
the cost of every AppTest that opens another page.
"""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_page(page: str, query: dict[str, str] | None = None, timeout: float = 90) -> AppTest:
    """Run the app on one page (e.g. "views/stunting.py") with the URL query parameters given; fails on an
    exception."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.query_params.update(query or {})
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


PASSWORD = "stunting-turun-2024"  # of every account the `env` fixture (tests/views/conftest.py) creates


def signed_in(page: str, name: str, query: dict[str, str] | None = None) -> AppTest:
    """The app on one page, signed in through its form as the account `name` (made by the `env` fixture)."""
    at = open_page(page, query)
    at.text_input(key="auth_nama").input(name)
    at.text_input(key="auth_sandi").input(PASSWORD)
    return at.button(key="auth_masuk").click().run()
