"""No server path or error text reaches a public visitor: a missing or broken record, a refused boundary file,
any lib error shows a plain note in public mode (the details go to the server log)."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from lib.db.errors import DatabaseError
from lib.ui import state

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def test_a_lib_error_reads_as_a_plain_note_in_public(monkeypatch, caplog):
    monkeypatch.setenv("MONITOR41_PUBLIC", "1")
    shown = state.error_text(DatabaseError("Snapshot /srv/monitor41/data/snapshot/v7.duckdb tidak ditemukan."))
    assert "/srv" not in shown and "v7.duckdb" not in shown and shown == state.t("galat.publik")
    assert "/srv/monitor41/data/snapshot/v7.duckdb" in caplog.text  # the operator still finds it in the log


def test_signed_in_users_keep_the_message(monkeypatch):
    monkeypatch.setenv("MONITOR41_PUBLIC", "0")
    assert "v7.duckdb" in state.error_text(DatabaseError("Snapshot v7.duckdb tidak ditemukan."))


def test_a_public_page_over_a_missing_record_names_no_path(tmp_path, monkeypatch):
    missing = tmp_path / "rahasia" / "monitor41.duckdb"
    monkeypatch.setenv("MONITOR41_DB", str(missing))
    monkeypatch.setenv("MONITOR41_PUBLIC", "1")
    at = AppTest.from_file(APP, default_timeout=60).run()
    shown = " ".join(str(e.value) for e in at.error) + " ".join(str(e.value) for e in at.exception)
    assert at.error and str(tmp_path) not in shown and "rahasia" not in shown and "duckdb" not in shown
