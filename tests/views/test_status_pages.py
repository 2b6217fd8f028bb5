"""AppTest: what the screens say about status honesty — basis beside every status, age, like with like."""
from __future__ import annotations

import pytest
from views.test_pages import frames, open_page, texts


@pytest.fixture
def app_env(shared_record, monkeypatch):
    """The process's shared demo record (tests/views/conftest.py): these tests only read it."""
    monkeypatch.setenv("MONITOR41_DB", str(shared_record))


def test_majene_cards_name_the_poverty_indicator_and_judge_it_against_nothing_stated(app_env):
    shown = texts(open_page("views/ringkasan.py", {"kab": "76.05"}))
    assert "Kemiskinan (P0)" in shown
    assert "disampaikan Kepala Bapperida Sulbar (31-07-2025), bukan target resmi" in shown
    assert "Tanpa target resmi" in shown
    assert "Belum bisa dinilai: data terakhir 2022, target 14,0% (2024)" in shown  # stunting card: no verdict
    assert "tahun lalu" in shown  # every card of Majene is older than its periodicity allows


def test_ats_card_shows_a_share_as_a_fact_not_a_computed_target(app_env):
    shown = texts(open_page("views/ringkasan.py"))
    assert "21% dari 3.724 anak" in shown
    assert "Target: 3.724" not in shown
    assert "Target nasional 14,0% (2024) · Perpres 72/2021" in shown
    assert "▲ 0,71 poin, memburuk" in shown  # extreme poverty, with arrow and direction


def test_small_wins_follow_the_kabupaten_filter(app_env):
    shown = texts(open_page("views/ringkasan.py", {"kab": "76.04"}))
    wins = shown[shown.index("m41-wins"):] if "m41-wins" in shown else ""
    assert "Majene" not in wins and "Sulawesi Barat" not in wins


def test_mamuju_december_2023_inflation_is_below_the_band_with_its_basis(app_env):
    at = open_page("views/inflasi.py", {"tahun": "2023", "kab": "76.02"})
    table = frames(at)
    assert "Di bawah sasaran" in table and "Sesuai jalur" not in table
    assert "Sasaran nasional 2,0–4,0% (2023) · PMK 101/PMK.010/2021" in table


def test_tentang_works_the_achievement_formula_through_real_data_and_states_the_age_rule(app_env):
    shown = texts(open_page("views/tentang.py"))
    assert "Contoh dari data" in shown and "× 100 =" in shown
    assert "Umur data" in shown
