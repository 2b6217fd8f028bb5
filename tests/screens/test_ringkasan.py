"""Ringkasan's content for the province and every kabupaten, in both languages and both modes."""
from __future__ import annotations

import re
from datetime import date

import pytest
from screens.conftest import every_source

from lib.judge import scorecard, status
from lib.screens import ringkasan, since_apel

KABUPATEN = [None, "76.01", "76.02", "76.03", "76.04", "76.05", "76.06"]
INDONESIAN_WORDS = re.compile(r"\b(Sumber|Tanpa target|koordinator|memburuk|membaik|per \d|Kabupaten)\b")


def chosen(kabupaten: str | None) -> tuple[str, ...]:
    return (kabupaten,) if kabupaten else ()


@pytest.mark.parametrize("kabupaten", KABUPATEN)
@pytest.mark.parametrize("lang, mode", every_source())
def test_cards_matrix_and_wins_for_every_kabupaten(sources, lang, mode, kabupaten):
    src = sources[lang, mode]
    picked = chosen(kabupaten)
    headlines = ringkasan.headlines(src, picked, None)
    assert headlines["isu"].tolist() == ["KE", "ST", "ATS", "PA", "INF"]
    assert set(headlines["wilayah"]) == {kabupaten or scorecard.PROVINCE}
    cards = ringkasan.headline_cards(src, picked, None)
    assert len(cards) == 5 and all(c.html.startswith('<div class="m41-card"') for c in cards)
    matrix = ringkasan.matrix(src, None, picked)
    expected = [kabupaten] if kabupaten else ["76.01", "76.02", "76.03", "76.04", "76.05", "76.06"]
    assert len(matrix.cells) == 5 * len(expected)  # every chosen kabupaten has a row for each isu
    assert matrix.list_html.count('<div class="m41-kab">') == len(expected)
    assert matrix.chart.to_dict(validate=False)["data"]  # the grid draws the cells
    red = matrix.cells[matrix.cells["status"].isin(status.MISSES)]
    assert (red["pemilik"] != "–").all()  # an off-track cell always names who owns it
    wins = ringkasan.wins_html(src, None, picked)
    if kabupaten and wins:
        names = set(ringkasan.kabupaten_matrix(src, None)["nama"]) - set(headlines["nama"])
        assert not any(f'class="where">{name}<' in wins for name in names)  # only the chosen kabupaten's wins
    shown = " ".join([ringkasan.caption(src, picked, None), matrix.caption, matrix.list_html,
                      *(c.html + c.sources for c in cards), wins or ""])
    if lang == "en":
        assert not INDONESIAN_WORDS.findall(re.sub(r"Source: [^;<]*", "", shown))
        assert "Source:" in shown or "No data" in shown
    else:
        assert "Sumber:" in shown


def test_province_cards_show_the_figures_the_indonesian_way(sources):
    cards = " ".join(c.html for c in ringkasan.headline_cards(sources["id", "normal"], (), None))
    assert "35,4%" in cards  # SSGI 2024, province
    assert "21% dari 3.724 anak" in cards and "Target: 3.724" not in cards  # a share as a fact
    assert "Target nasional 14,0% (2024) · Perpres 72/2021" in cards
    assert "▲ 0,71 poin, memburuk" in cards
    english = " ".join(c.html for c in ringkasan.headline_cards(sources["en", "normal"], (), None))
    assert "35.4%" in english and "35,4%" not in english and "Week III, August 2023" in english


def test_majene_cards_judge_poverty_against_nothing_stated(sources):
    src = sources["id", "normal"]
    cards = " ".join(c.html for c in ringkasan.headline_cards(src, ("76.05",), None))
    assert "40,6%" in cards and "Kemiskinan (P0)" in cards and "Tanpa target resmi" in cards
    assert "disampaikan Kepala Bapperida Sulbar (31-07-2025), bukan target resmi" in cards
    assert "Belum bisa dinilai: data terakhir 2022, target 14,0% (2024)" in cards
    assert "tahun lalu" in cards  # every card of Majene is older than its periodicity allows
    assert "Majene" in ringkasan.caption(src, ("76.05",), None)
    assert "Majene" not in ringkasan.caption(src, (), None)


def test_several_kabupaten_show_the_province_cards(sources):
    src = sources["id", "normal"]
    assert ringkasan.single_kabupaten(("76.01", "76.02")) is None
    assert set(ringkasan.headlines(src, ("76.01", "76.02"), None)["wilayah"]) == {scorecard.PROVINCE}
    assert len(ringkasan.matrix(src, None, ("76.01", "76.02")).cells) == 10


def test_matrix_names_owners_in_the_language(sources):
    english = ringkasan.matrix(sources["en", "normal"], None, ()).cells
    assert any("Dinsos (coordinator)" in p for p in english["pemilik"])
    assert not any("koordinator" in p for p in english["pemilik"])
    indonesian = ringkasan.matrix(sources["id", "normal"], None, ()).cells
    assert any("Dinsos (koordinator)" in p for p in indonesian["pemilik"])


def test_the_year_filter_hides_later_values(sources):
    src = sources["id", "normal"]
    until = date(2023, 12, 31)
    for frame in (ringkasan.kabupaten_matrix(src, until), ringkasan.headlines(src, (), until)):
        assert (frame["tanggal"].dropna().dt.date <= until).all()


@pytest.mark.parametrize("kabupaten", KABUPATEN)
@pytest.mark.parametrize("lang, mode", every_source())
def test_since_apel_for_every_kabupaten(sources, lang, mode, kabupaten):
    src = sources[lang, mode]
    choices = since_apel.apel_choices(src, date.today())
    assert choices and [c.moment for c in choices] == sorted((c.moment for c in choices), reverse=True)  # newest first
    view = since_apel.since_view(src, choices[0], chosen(kabupaten))  # the default: the last apel
    assert len(view.red_lines) <= since_apel.MAX_RED_LINES
    assert len(view.summary) == 3 and "▲" not in "".join(view.summary) and "▼" not in "".join(view.summary)
    assert view.summary[0].startswith("<strong>")
    if view.changes is not None:
        assert len(view.changes) == view.changed == len(view.change_colors)
        where = "Wilayah" if lang == "id" else "Area"
        assert where in view.changes.columns
    if view.new_data is not None:
        loaded_by = [c for c in view.new_data.columns if c in ("Dimuat oleh", "Loaded by")]
        assert bool(loaded_by) == (mode == "normal")  # no person's name in public
    if lang == "en":
        assert view.best[0] == "Most improved regency"
