"""A URL costs what a normal page costs (issue 20): its parameters are deduplicated and capped — how many values,
how long each — before any query (lib.ui.state.filters_from_url, url_value, url_list)."""
from __future__ import annotations

from views.apptest import open_page

from lib.ui import state

KABUPATEN = ["76.01", "76.02", "76.03", "76.04", "76.05", "76.06"]
OPD = ["DINKES", "DINSOS"]
YEARS = [2023, 2024]
REPEATED = ",".join(["76.05"] * 60_000)


def parse(**params):
    return state.filters_from_url(params, KABUPATEN, OPD, YEARS)


def test_one_code_repeated_60000_times_is_one_kabupaten():
    assert parse(kab=REPEATED)["app_kab"] == ["76.05"]


def test_only_the_first_items_of_a_long_list_are_read_and_each_once():
    assert state.url_list({"kab": REPEATED}, "kab") == ["76.05"]
    many = ",".join(f"x{i}" for i in range(1000))
    assert len(state.url_list({"kab": many}, "kab")) <= state.MAX_LIST_ITEMS
    assert parse(kab=",".join(["zz"] * 100 + ["76.01"]))["app_kab"] == []  # past the cap: never read
    assert parse(kab="76.02, 76.01,76.02")["app_kab"] == ["76.02", "76.01"]


def test_values_are_cut_before_they_are_read():
    huge = "7" * 1_000_000
    assert len(state.url_value({"tahun": huge}, "tahun")) == state.MAX_PARAM_CHARS
    assert parse(tahun=huge, opd="D" * 100_000, lang="en" * 5000) == {
        "app_lang": "id", "app_kab": [], "app_opd": None, "app_tahun": None}
    assert state.url_list({"kab": "7" * 100 + ",76.01"}, "kab") == ["76.01"]  # an overlong item is dropped


def test_a_repeated_parameter_counts_once_and_known_values_still_work():
    assert state.url_value({"opd": ["DINSOS", "DINKES"]}, "opd") == "DINKES"  # the last, as Streamlit reads it
    assert parse(kab="76.05,76.02", opd="DINKES", tahun="2023", lang="en") == {
        "app_lang": "en", "app_kab": ["76.05", "76.02"], "app_opd": "DINKES", "app_tahun": 2023}
    assert state.url_value({}, "kab") == "" and parse()["app_kab"] == []


def test_ringkasan_with_one_code_60000_times_renders_with_one_kabupaten(demo_db, monkeypatch):
    monkeypatch.setenv("MONITOR41_DB", str(demo_db))
    at = open_page("views/ringkasan.py", {"kab": REPEATED, "indikator": "X" * 10_000})
    assert not at.error and at.session_state["app_kab"] == ["76.05"]
    assert at.query_params["kab"] == "76.05"  # the URL is rewritten to what was read
