"""Fixtures of the AppTest files."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from views.apptest import PASSWORD

from lib.users import accounts as users
from lib.users.signin import Throttle


@pytest.fixture
def env(demo_db, tmp_path, monkeypatch) -> Path:
    """A copy of the demo record for the app of this test, and a users file with an OPD clerk (`dinkes`, of
    DINKES) and an admin (`admin`), both with apptest.PASSWORD; sign-in counts kept in memory. The record's path."""
    database = tmp_path / "monitor41.duckdb"
    shutil.copyfile(demo_db, database)
    accounts = tmp_path / "pengguna.json"
    monkeypatch.setenv("MONITOR41_DB", str(database))
    monkeypatch.setenv("MONITOR41_USERS", str(accounts))
    monkeypatch.setattr(users, "THROTTLE", Throttle())
    users.add_user("dinkes", PASSWORD, "opd", opd="DINKES", path=accounts)
    users.add_user("admin", PASSWORD, "admin", path=accounts)
    return database
