"""The app reads published snapshots: internal and public instances share one record, a new upload shows on
the next run without a restart, and a record of the previous release shows how to upgrade it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from old_schema import write_v1_record
from streamlit.testing.v1 import AppTest
from views.apptest import APP, open_page

from lib.ingest import load as loading
from lib.ingest.validate import CleanRow


@pytest.fixture
def record(demo_db, tmp_path, monkeypatch) -> Path:
    path = tmp_path / "monitor41.duckdb"
    shutil.copyfile(demo_db, path)  # no snapshot yet: the app publishes the first one itself
    monkeypatch.setenv("MONITOR41_DB", str(path))
    return path


def stunting_ppgbm_majene() -> AppTest:
    """The stunting page on Majene's ST-PPGBM, opened from a shared link that names the indicator (one run)."""
    at = open_page("views/stunting.py", {"kab": "76.05", "indikator": "ST-PPGBM"})
    assert at.selectbox(key="isu_ST_indikator").value == "ST-PPGBM"
    return at


def shown(at: AppTest) -> str:
    return "\n".join(df.value.to_string() for df in at.dataframe)


def test_a_load_shows_on_the_next_run_of_an_open_session(record):
    at = stunting_ppgbm_majene()
    assert not at.exception and "19,0%" not in shown(at)
    loading.load(record, [CleanRow(2, "ST-PPGBM", "76.05", "2025", 19.0, "Dinkes Sulbar e-PPGBM 2025", None)],
                 file_name="isian.csv", content_hash="x", user_name="dinkes")
    at.run()
    assert "19,0%" in shown(at)


def test_internal_and_public_instances_share_one_record(record, monkeypatch):
    internal = stunting_ppgbm_majene()
    monkeypatch.setenv("MONITOR41_PUBLIC", "1")
    public = stunting_ppgbm_majene()
    for at in (internal, public):  # before: "Database … tidak bisa dibuka: IO Error: Could not set lock …"
        assert not at.exception and not at.error
        assert "Sendana" in shown(at)  # a kecamatan of Majene


def test_a_record_of_the_previous_release_says_how_to_upgrade(record, tmp_path, monkeypatch):
    old = write_v1_record(record, tmp_path / "lama.duckdb")
    monkeypatch.setenv("MONITOR41_DB", str(old))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "python -m lib.db migrate" in at.error[0].value and "versi 1" in at.error[0].value
