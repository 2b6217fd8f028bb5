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
    assert matrix.list_html.count('<details class="m41-kab">') == len(expected)
    assert matrix.list_html.count('class="sq"') == 5 * len(expected)  # a square per isu on the folded line
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
    assert "Belum bisa dinilai · target nasional · lama" in cards  # the chip; why in the gauge's place:
    assert "Tanpa pengukur capaian: data terakhir 2022, target 14,0% (2024)" in cards
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


def test_province_cards_read_in_ten_seconds(sources):
    # Each card: one number with its unit, the measured period and the data's age, the status words, the target;
    # in the HTML in that order, with the gauge after them and the source last.
    shown = {c.heading: c for c in ringkasan.headline_cards(sources["id", "normal"], (), None)}
    stunting = shown["Stunting"]
    assert (stunting.value, stunting.period, stunting.age) == ("35,4%", "per 2024", "data 2024 · 2 tahun lalu")
    assert stunting.status == "Tidak tercapai · target nasional"
    assert stunting.target == "Target nasional 14,0% (2024) · Perpres 72/2021"
    for card in shown.values():
        assert card.value and card.period.startswith("per ") and "lalu" in card.age and card.status
        order = [card.html.index(part) for part in (card.value.split(" ")[0], card.age, card.status, card.gauge_words,
                                                     'class="m41-src"')]
        assert order == sorted(order), card.heading
    poverty = shown["Kemiskinan ekstrem"]
    assert poverty.status == "Tidak tercapai · target nasional · lama"  # scope and lama on the chip itself
    assert "Target nasional 0,0% (2024)" in poverty.target


def test_gauges_say_what_their_percentage_is_and_show_baseline_target_and_value(sources):
    shown = {c.heading: c for c in ringkasan.headline_cards(sources["id", "normal"], (), None)}
    stunting = shown["Stunting"]
    # (35,4 − 40,03) / (14 − 40,03) = 18% of the way from the 2019 baseline to the 2024 target
    assert stunting.gauge_words == "Capaian 18% dari jalan menuju target"
    assert stunting.gauge_ends == ("awal 2019", "40,03%", "target 2024", "14,0%")
    assert stunting.gauge_svg and "Capaian 18% dari jalan menuju target" in stunting.html
    assert shown["Kemiskinan ekstrem"].gauge_ends == ("awal Maret 2022", "2,94%", "target 2024", "0,0%")
    inflation = shown["Inflasi"]
    assert inflation.gauge_words.startswith("Di dalam rentang sasaran") and inflation.gauge_ends[1] == "1,5–3,5%"
    # Neutral statuses and values without a target: no arc, just words saying why.
    marriage = shown["Perkawinan anak"]
    assert marriage.status.startswith("Belum bisa dinilai") and marriage.gauge_svg is None
    assert marriage.gauge_words == "Tanpa pengukur capaian: data terakhir 2022, target 8,74% (2024)"
    back = shown["Anak tidak sekolah yang kembali bersekolah"]
    assert back.gauge_svg is None and back.gauge_words.startswith("Tanpa pengukur capaian: tidak ada target resmi")
    english = {c.heading: c for c in ringkasan.headline_cards(sources["en", "normal"], (), None)}
    assert english["Stunting"].gauge_words == "18% of the way to the target"
    assert english["Child marriage"].gauge_words.startswith("No achievement gauge: latest data 2022")
    assert english["Extreme poverty"].gauge_ends[0] == "baseline March 2022"


@pytest.mark.parametrize("kabupaten", KABUPATEN)
def test_every_judged_card_with_an_achievement_has_a_gauge_and_no_neutral_one_does(sources, kabupaten):
    src = sources["id", "normal"]
    rows = ringkasan.headlines(src, chosen(kabupaten), None)
    for (_, row), card in zip(rows.iterrows(), ringkasan.headline_cards(src, chosen(kabupaten), None)):
        judged = row["status"] in status.JUDGED and row["capaian_pct"] == row["capaian_pct"]
        assert bool(card.gauge_svg) == judged, card.heading
        assert (card.gauge_words is None) == (row["nilai"] != row["nilai"])


def test_the_phone_strip_names_the_five_statuses(sources):
    src = sources["id", "normal"]
    strip = ringkasan.headline_strip(src, (), None)
    assert strip.count("<li>") == 5 and strip.count('class="m41-chip"') == 5
    for card in ringkasan.headline_cards(src, (), None):
        assert card.status in strip


def test_a_table_as_cards_names_each_row_and_its_columns():
    import pandas as pd

    from lib.screens import cards
    frame = pd.DataFrame({"Indikator": ["Stunting <b>"], "Nilai": ["35,4%"], "Target": ["–"], "Tren": [[1.0, 2.0]]})
    shown = cards.rows_html(frame, "Indikator")
    assert shown.count("<li>") == 1 and "<b>Stunting &lt;b&gt;</b>" in shown
    assert '<span class="k">Nilai:</span> 35,4%' in shown and '<span class="k">Target:</span> –' in shown
    assert "Tren" not in shown  # a sparkline has no text
    chips = cards.rows_html(frame, "Indikator", fills=["#B2182B"], status_column="Nilai")
    assert 'border-left: 6px solid #B2182B' in chips and '<span class="m41-chip" style="--c:#B2182B' in chips


def test_matrix_cells_say_lama_and_the_targets_scope_on_the_cell_or_once_in_the_column(sources):
    src = sources["id", "normal"]
    matrix = ringkasan.matrix(src, None, ())
    cells = matrix.cells
    stunting = cells[cells["isu_nama"].str.startswith("Stunting")]
    # every stunting value is measured against the national 14 % (2024): said once, in the column's heading
    assert set(stunting["isu_nama"]) == {"Stunting — target nasional"}
    assert all(text.endswith("\nlama") for text in stunting["value_text"].dropna())  # 2022/2023 data in 2026
    # a column whose values have no target says no scope anywhere
    poverty = cells[cells["isu_nama"].str.startswith("Kemiskinan (P0)")]
    assert not any("target" in text for text in poverty["value_text"].dropna())
    assert not any("target" in name for name in poverty["isu_nama"])
    # scopes that differ within a column stand on each cell
    rows = ringkasan.kabupaten_matrix(src, None)
    mixed = rows.assign(target_cakupan=["provinsi" if i % 2 else "nasional" for i in range(len(rows))])
    stunting_rows = mixed[(mixed["isu"] == "ST") & mixed["nilai"].notna()]
    assert ringkasan._shared_scope(stunting_rows, "id") == ""
    assert "target provinsi" in ringkasan._cell_text(stunting_rows.iloc[1], False, False, "id")
