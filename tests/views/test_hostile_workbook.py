"""The app's Unggah page refuses a small .xlsx holding one 195 MB cell on both tabs, with the streamed check's
message (issue 20, item 3); peak memory is held by tests/lib/test_ingest_long_cell.py on real processes."""
from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from views.apptest import open_page

from lib.users import accounts as users
from lib.users.signin import Throttle

PASSWORD = "stunting-turun-2024"


def _long_cell_module():
    path = Path(__file__).resolve().parents[1] / "lib" / "test_ingest_long_cell.py"
    spec = importlib.util.spec_from_file_location("ingest_long_cell", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def env(demo_db, tmp_path, monkeypatch) -> Path:
    database = tmp_path / "monitor41.duckdb"
    shutil.copyfile(demo_db, database)
    accounts = tmp_path / "pengguna.json"
    monkeypatch.setenv("MONITOR41_DB", str(database))
    monkeypatch.setenv("MONITOR41_USERS", str(accounts))
    monkeypatch.setattr(users, "THROTTLE", Throttle())
    users.add_user("dinkes", PASSWORD, "opd", opd="DINKES", path=accounts)
    return database


def test_both_upload_tabs_refuse_a_195_mb_cell(env, tmp_path):
    module = _long_cell_module()
    data = module.workbook(tmp_path / "besar.xlsx", module.HUGE, shared=True).read_bytes()
    assert len(data) < 250 * 1024
    at = open_page("views/unggah.py")
    at.text_input(key="auth_nama").input("dinkes")
    at.text_input(key="auth_sandi").input(PASSWORD)
    at = at.button(key="auth_masuk").click().run()
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    for count, key in enumerate(("unggah_berkas", "tindakan_berkas"), 1):  # the values tab's refusal stays
        at = at.file_uploader(key=key).set_value(("besar.xlsx", data, kind)).run()
        assert not at.exception
        refusals = [e.value for e in at.error if "berisi lebih dari 32.767 karakter" in e.value]
        assert len(refusals) == count, [e.value for e in at.error]
