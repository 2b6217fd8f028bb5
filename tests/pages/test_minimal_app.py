"""The app page runs on the demo database and lists the five isu."""
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def test_app_lists_the_five_isu(demo_db, monkeypatch):
    monkeypatch.setenv("MONITOR41_DB", str(demo_db))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert table["nama"].tolist() == ["Kemiskinan ekstrem", "Stunting", "Anak tidak sekolah",
                                      "Perkawinan anak", "Inflasi"]
