"""Fixtures of the AppTest files."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from views.apptest import ACCOUNTS, users_file

from lib.users import accounts as users
from lib.users.signin import Throttle


@pytest.fixture(scope="session")
def users_templates(tmp_path_factory) -> Path:
    """The folder of the users files made once per test process (see users_file)."""
    return tmp_path_factory.mktemp("users-templates")


@pytest.fixture
def env(demo_db, tmp_path, monkeypatch, users_templates) -> Path:
    """A copy of the demo record for the app of this test, and a users file with an OPD clerk (`dinkes`, of
    DINKES) and an admin (`admin`), both with apptest.PASSWORD; sign-in counts kept in memory. The record's path."""
    database = tmp_path / "monitor41.duckdb"
    shutil.copyfile(demo_db, database)
    accounts = users_file(tmp_path / "pengguna.json", ACCOUNTS, users_templates)
    monkeypatch.setenv("MONITOR41_DB", str(database))
    monkeypatch.setenv("MONITOR41_USERS", str(accounts))
    monkeypatch.setattr(users, "THROTTLE", Throttle())
    return database


@pytest.fixture(scope="session")
def shared_record(demo_db, tmp_path_factory, users_templates) -> Path:
    """ONE copy of the demo record (and a users file as `env`'s) for every test of the process that only READS
    it: the app's caches key on the record's path and snapshot, so a page drawn cold once is warm for the next
    test and module. Never for a test that writes anything (a load, a note, an apel, a subscription, an
    account): that one takes `env`, its own copy."""
    folder = tmp_path_factory.mktemp("shared-record")
    shutil.copyfile(demo_db, folder / "monitor41.duckdb")
    users_file(folder / "pengguna.json", ACCOUNTS, users_templates)
    return folder / "monitor41.duckdb"


@pytest.fixture
def read_env(shared_record, monkeypatch) -> Path:
    """`env` for a test that only reads: the process's shared record (see shared_record) and its users file;
    sign-in counts kept in memory. The record's path."""
    monkeypatch.setenv("MONITOR41_DB", str(shared_record))
    monkeypatch.setenv("MONITOR41_USERS", str(shared_record.with_name("pengguna.json")))
    monkeypatch.setattr(users, "THROTTLE", Throttle())
    return shared_record
