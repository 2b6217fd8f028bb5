"""The one way the AppTest files open a page of the app: straight onto it, as a shared link does.

AppTest identifies a page before its first run by the file name; app.py serves every view under its file
name (st.Page url_path), so no run of the default page (Ringkasan) is needed first. That run used to double
the cost of every AppTest that opens another page.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from streamlit.testing.v1 import AppTest

from lib.users import accounts as users

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_page(page: str, query: dict[str, str] | None = None, timeout: float = 90,
              user: users.User | None = None) -> AppTest:
    """Run the app on one page (e.g. "views/stunting.py") with the URL query parameters given, for a session
    signed in as `user` if given; fails on an exception."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.query_params.update(query or {})
    if user is not None:
        at.session_state["auth_user"] = user  # what lib.ui.auth keeps once the form has signed the session in
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


PASSWORD = "stunting-turun-2024"  # of every account the `env` fixture (tests/views/conftest.py) creates


def signed_in(page: str, name: str, query: dict[str, str] | None = None) -> AppTest:
    """The app on one page, signed in through its form as the account `name` (made by the `env` fixture): the
    form's own run, the password check (argon2) and the rerun it asks for. For journeys about signing in."""
    at = open_page(page, query)
    at.text_input(key="auth_nama").input(name)
    at.text_input(key="auth_sandi").input(PASSWORD)
    return at.button(key="auth_masuk").click().run()


def as_user(page: str, name: str, query: dict[str, str] | None = None) -> AppTest:
    """The app on one page in a session already signed in as the account `name` of the users file: one run, as
    after signing in (the form itself is tested by test_auth and test_upload_flow's journey)."""
    user = users.find_user(name)
    assert user is not None, name
    return open_page(page, query, user=user)


# The accounts of `env` and `read_env`: an OPD clerk of DINKES and an admin, both with apptest.PASSWORD.
ACCOUNTS = (("dinkes", "opd", "DINKES"), ("admin", "admin", None))
_USERS_FILES: dict[tuple, Path] = {}  # accounts -> a users file made once per test process (argon2: ~0.12 s a hash)


def users_file(path: Path, accounts: tuple[tuple[str, str, str | None], ...], folder: Path,
               password: str = PASSWORD) -> Path:
    """A users file at `path` holding `accounts` ((name, role, opd), each with `password`): a copy (mode 0600
    kept) of the one made with users.add_user in `folder`, real hashes and all, the first time these accounts
    were asked for in this process."""
    made = _USERS_FILES.get((accounts, password))
    if made is None:
        made = folder / f"pengguna-{len(_USERS_FILES)}.json"
        for name, role, opd in accounts:
            users.add_user(name, password, role, opd=opd, path=made)
        _USERS_FILES[(accounts, password)] = made
    shutil.copy2(made, path)
    return path
