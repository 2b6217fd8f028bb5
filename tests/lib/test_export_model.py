"""The deck model: slide order, sources and periods on every slide, OPD and latest action, public rule."""
import re

import pandas as pd
import pytest

from lib import db, slides
from lib.export import adapter, model


@pytest.fixture(scope="module")
def data(demo_db):
    return model.load(db.connect(demo_db))


def test_slides_follow_the_screen_order_and_each_has_sources_with_periods(data):
    deck = model.build_deck(data, "id")
    assert tuple(s.key for s in deck.slides) == slides.SLIDES
    for s in deck.slides:
        assert s.sources, s.key
        assert all(re.search(r"\(.*\d{4}\)$", src) for src in s.sources), s.sources


def test_isu_slide_has_headline_kabupaten_with_periods_opd_and_latest_action(data):
    st = model.build_deck(data, "id").slides[2]
    assert st.key == "ST" and st.headline.value_text == "35,4%" and st.headline.period == "2024"
    assert st.headline.target_text == "Target 18,61% (2024)"
    assert {f.nama: f.period for f in st.figures}["Polewali Mandar"] == "2023"
    assert st.opd == "Dinas Kesehatan (Dinkes)"
    assert st.action.title == "Rencana lokus Pasti Padu 2026" and st.action.period == "2026"


def test_kabupaten_filter_keeps_only_the_chosen_kabupaten(data):
    st = model.build_deck(data, "id", kabupaten=("76.04", "76.05")).slides[2]
    assert sorted(f.nama for f in st.figures) == ["Majene", "Polewali Mandar"]


def test_simulated_values_never_appear(data):
    matrix = data.matrix.copy()
    row = (matrix["isu"] == "ST") & (matrix["wilayah"] == "76.05")
    matrix.loc[row, ["nilai", "jenis"]] = [77.77, "simulasi"]
    deck = model.build_deck(model.DeckData(data.headlines, matrix, data.wins, data.actions, data.overview), "id")
    st = deck.slides[2]
    assert "Majene" not in {f.nama for f in st.figures}
    assert all("77,77" not in line for s in deck.slides for line in (*s.lines, *(f.value_text for f in s.figures)))


def test_target_basis_and_data_age_are_read_when_present_and_left_out_otherwise(data):
    row = data.headlines.iloc[1]
    plain = adapter.figure(row, "id")
    assert plain.target_basis is None and plain.data_age is None
    richer = adapter.figure(pd.concat([row, pd.Series({"target_dasar": "Perpres 72/2021", "umur_data": "2 tahun"})]),
                            "id")
    assert richer.target_basis == "Perpres 72/2021" and richer.data_age == "2 tahun"


def test_english_deck_labels_periods_in_english(data):
    ke = model.build_deck(data, "en").slides[1]
    assert ke.title == "Extreme poverty"
    assert "H1 2022" in {f.period for f in ke.figures}
