"""AppTest of the konvergensi page: what it counts and says, the kabupaten filter, English, and public mode."""
from __future__ import annotations

import pytest
from views.apptest import open_page
from views.test_screens import INDONESIAN, shown_text


@pytest.fixture(autouse=True)
def app_env(shared_record, monkeypatch):
    """The process's shared demo record (tests/views/conftest.py): these tests only read it."""
    monkeypatch.setenv("MONITOR41_DB", str(shared_record))
    monkeypatch.setenv("MONITOR41_PUBLIC", "0")


def test_the_page_counts_k_of_m_says_what_is_simulated_and_lists_hotspots_without_action_first():
    at = open_page("views/konvergensi.py")
    assert at.title[0].value == "Konvergensi 4+1: kecamatan titik rawan"
    text = shown_text(at)
    assert "seperlima terburuk" in text and "posisi relatif" in text
    assert "termasuk 3 isu simulasi (Kemiskinan ekstrem, Stunting, Perkawinan anak) dari 3 isu yang dihitung" in at.warning[0].value
    assert "Tidak cukup data kecamatan" in text and "Inflasi diukur per kabupaten" in text
    assert len(at.get("vega_lite_chart")) == 4  # the count map and one small map per counted isu
    combos, hotspots = at.dataframe[0].value, at.dataframe[1].value
    assert combos["Kecamatan"].sum() == len(hotspots)
    assert hotspots["Isu seperlima terburuk"].str.contains("isu yang ada datanya").all()
    assert hotspots["Tindakan satgas"].iloc[0] == "Tanpa aksi tercatat"
    assert not at.exception


def test_the_kabupaten_filter_narrows_the_list_and_says_the_position_stays_province_wide():
    at = open_page("views/konvergensi.py", {"kab": "76.05"})
    assert any("posisi se-provinsi" in i.value for i in at.info)
    assert set(at.dataframe[1].value["Kabupaten"]) == {"Majene"}


def test_english_mode_is_english():
    at = open_page("views/konvergensi.py", {"lang": "en"})
    text = shown_text(at)
    assert "worst fifth among the 69 kecamatan with data" in text and "isu with data" in text
    assert not INDONESIAN.findall(text)  # indicator names and periods in English too


def test_public_mode_shows_the_page_without_action_titles(monkeypatch):
    monkeypatch.setenv("MONITOR41_PUBLIC", "1")
    at = open_page("views/konvergensi.py", {"kab": "76.05"})
    assert at.title[0].value == "Konvergensi 4+1: kecamatan titik rawan"
    assert any("judul dan uraian tindakan tidak ditampilkan" in c.value for c in at.caption)
    assert "Bantuan pangan" not in shown_text(at)
