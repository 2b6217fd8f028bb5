"""The Kirim admin page (views/kirim.py): an admin sees who receives what, failures first; nobody else does."""
from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from streamlit.testing.v1 import AppTest

from lib.db import record
from lib.kirim import deliver, subscribe
from lib.users import accounts

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def test_an_admin_sees_the_failed_delivery_first_and_a_viewer_is_refused(demo_db, tmp_path, monkeypatch):
    db, built = tmp_path / "monitor41.duckdb", tmp_path / "monitor41.duckdb.tmp"
    shutil.copyfile(demo_db, built)
    record.replace(db, built, force=False)
    monkeypatch.setenv("MONITOR41_DB", str(db))
    monkeypatch.setenv("MONITOR41_SNAPSHOT_DIR", "")
    monkeypatch.setenv("MONITOR41_PUBLIC", "0")
    monkeypatch.setenv("MONITOR41_USERS", str(tmp_path / "pengguna.json"))
    monkeypatch.setenv("MONITOR41_SMTP_HOST", "")
    monkeypatch.setenv("MONITOR41_KIRIM_COBA", "1")
    subscribe.add(db, by="admin", channel="folder", recipient=str(tmp_path / "paket"), trigger="terbit")
    subscribe.add(db, by="admin", channel="email", recipient="bupati@mamasakab.go.id", trigger="jadwal",
                  schedule="senin 06:00", kabupaten=["Mamasa"], contents="teks", now=datetime(2026, 12, 1))
    assert deliver.run(db, datetime(2026, 12, 7, 6, 0)).failed  # no SMTP server configured
    admin = accounts.User("admin@sulbarprov.go.id", "admin")
    viewer = accounts.User("tamu@sulbarprov.go.id", "viewer")
    for user in (admin, viewer):
        accounts.add_user(user.name, None, user.role)

    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["auth_user"] = admin
    at.run()
    at.switch_page("views/kirim.py").run()
    assert not at.exception and at.title[0].value == "Siapa menerima apa"
    assert "1 langganan kiriman terakhirnya gagal" in at.error[0].value
    table = at.dataframe[0].value
    assert table["No."].tolist() == [2, 1] and table.iloc[0]["Kiriman terakhir"] == "Gagal"
    assert "MONITOR41_SMTP_HOST" in table.iloc[0]["Galat"]

    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["auth_user"] = viewer
    at.run()
    at.switch_page("views/kirim.py").run()
    assert not at.dataframe and not at.title
