"""The deck model: slide order, sources and periods on every slide, OPD and latest action, public rule."""
import re

import pytest

from lib.db.connect import connect
from lib.export import adapter, model, since
from lib.judge import status
from lib.screens import slideshow
from lib.text import i18n


@pytest.fixture(scope="module")
def data(demo_db):
    return model.load(connect(demo_db))


def test_slides_follow_the_screen_order_and_each_has_sources_with_periods(data):
    deck = model.build_deck(data, "id")
    assert tuple(s.key for s in deck.slides) == slideshow.SLIDES
    for s in deck.slides:
        assert s.sources, s.key
        assert all(re.search(r"\(.*\d{4}\)$", src) for src in s.sources), s.sources


def test_isu_slide_has_headline_kabupaten_with_periods_opd_and_latest_action(data):
    st = model.build_deck(data, "id").slides[2]
    assert st.key == "ST" and st.headline.value_text == "35,4%" and st.headline.period == "2024"
    assert st.headline.target_text == "Target nasional 14,0% (2024) · Perpres 72/2021"
    assert {f.nama: f.period for f in st.figures}["Polewali Mandar"] == "2023"
    owners = {f.nama: f.owners for f in st.figures}
    # Majene's 2022 value is lama today: history, not a current red cell, so no owners named (issue 18)
    assert owners["Majene"] is None and "Majene" not in st.owners_line
    assert owners["Mamuju"] is None or "Dinkes" in owners["Mamuju"]
    assert st.opd == "Dinas Kesehatan (Dinkes)"
    # The deck is public: the action's free-text title is withheld (lib.access.privacy), its period and place are not
    assert st.action.title == "Tindakan tercatat 2026 di Sulawesi Barat"
    assert st.action.period == "2026" and "Pasti Padu" not in st.action_line


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


def test_honest_status_lama_values_are_muted_with_their_age_and_a_statement_is_only_a_reference(data):
    current = adapter.figure(data.headlines.iloc[1], "id")  # ST 2024: not lama
    assert current.data_age is None and not current.stale and current.color == status.status_color(current.status)
    assert current.change_text.startswith("▲ 5,1 poin, memburuk sejak 2023 (putus seri: SKI 2023 → SSGI 2024")
    assert current.change_color == status.STATUS_COLORS[status.TIDAK_TERCAPAI]
    pa = adapter.figure(data.headlines.iloc[3], "id")  # PA 2022: lama on today's date
    assert pa.stale and pa.data_age.startswith("data 2022 · ") and pa.data_age.endswith("tahun lalu")
    # 2022 against the passed 2024 target: no verdict, neutral colour (never muted), and the chip says lama
    assert pa.status == status.BELUM_BISA_DINILAI and pa.color == status.status_color(pa.status)
    assert pa.status_text == "Belum bisa dinilai · lama" and pa.scope == "target nasional"
    assert "data 2022" in pa.details(period=True) and "\n2022\n" not in f"\n{pa.details(period=True)}\n"
    ke = data.matrix[(data.matrix["isu"] == "KE") & data.matrix["nilai"].notna()].iloc[0]
    p0 = adapter.figure(ke, "id")
    assert p0.heading == "Kemiskinan (P0), bukan kemiskinan ekstrem"
    assert p0.status_text == "Tanpa target resmi · lama" and p0.target_text is None
    assert p0.reference and "bukan target resmi" in p0.reference and p0.target is None
    ats = adapter.figure(data.headlines.iloc[2], "id")
    assert ats.value_text == "791 anak" and ats.share.startswith("21% dari 3.724 anak") and ats.target is None


def test_band_statuses_keep_their_side(data):
    row = data.headlines.iloc[4].copy()
    row["status"], row["lama"] = status.DI_ATAS_SASARAN, False
    f = adapter.figure(row, "id")
    assert f.status_text == i18n.status_label(status.DI_ATAS_SASARAN)
    assert f.color == status.status_color(f.status) and f.scope == "target nasional"


def test_english_deck_labels_periods_in_english(data):
    ke = model.build_deck(data, "en").slides[1]
    assert ke.title == "Extreme poverty"
    assert "March 2022" in {f.period for f in ke.figures}  # BPS kabupaten poverty: Susenas March


def test_closing_slide_and_deck_carry_the_since_apel_summary(data):
    deck = model.build_deck(data, "id")
    closing = deck.slides[-1]
    assert closing.since == deck.since
    assert closing.since[0] == ("Sejak apel 24 Juli 2023 pukul 08.00 (jam tidak tercatat, dianggap 08.00): 2 nilai "
                                "membaik, 1 memburuk, 3 baru dinilai (menurut nilai, bukan status). 3 nilai tidak "
                                "dibandingkan karena putus seri (survei atau tahun dasar berbeda).")
    # Issue 18: the word comes from the values and `arah`, the arrow from the value's direction alone. Susenas
    # March 2023 (0,75 %) stood at the apel; March 2024 is 1,46 %: up (▲), and worse for a `turun` indicator.
    extreme = [line for line in closing.since if "Persentase penduduk miskin ekstrem" in line]
    assert extreme and extreme[0].startswith("Sulawesi Barat — Persentase penduduk miskin ekstrem: 0,75%")
    assert "→ 1,46%" in extreme[0] and extreme[0].endswith("▲ 0,71 poin, memburuk")
    # The simulated batch is counted apart, marked as everywhere else.
    assert closing.since[-1] == "Data resmi baru: 169 nilai dalam 1 unggahan. ○ Simulasi: 2.801 nilai lain (tidak tampil di sini)."
    assert len(closing.since) <= 2 + since.TOP
    assert since.lines(None, "id") == ()


def test_a_small_win_names_the_period_of_both_values(data):
    closing = model.build_deck(data, "id").slides[-1]
    # P0 September 2025 is lama by November 2026 (age counts from the month Susenas measured), so no win
    assert "Sulawesi Barat — Angka partisipasi murni SMA/sederajat: 58,05% (2020) → 62,1% (2024)" in closing.lines
    assert all(re.search(r": .+ \(.*\d{4}\) → .+ \(.*\d{4}\)$", line) for line in closing.lines), closing.lines


def test_an_english_deck_names_indicators_in_english(data):
    deck = model.build_deck(data, "en")  # the CLI passes raw query results: both languages in the frames
    closing, st = deck.slides[-1], deck.slides[2]
    assert "Sulawesi Barat — Net enrolment rate, senior secondary (SMA or equivalent): 58.05% (2020) → 62.1% (2024)" \
        in closing.lines
    assert not any("Persentase" in line for line in (*closing.lines, *closing.since)), closing.lines
    assert st.subtitle != "Prevalensi balita stunting" and "kabupaten" not in st.comparison_title.split(" per ")[0]


def test_opening_tiles_name_what_is_counted(data):
    """The ATS tile counts children back in school, and its heading says so (lib.judge.headlines.title)."""
    ats = model.build_deck(data, "id").slides[0].figures[2]
    assert ats.heading == "Anak tidak sekolah yang kembali bersekolah" == ats.nama_indikator
    assert ats.nama_indikator not in ats.details(period=True, measure=True)  # named once, in the heading


def test_a_period_too_long_for_a_bar_label_is_named_once_under_the_chart(data):
    pa = model.build_deck(data, "id").slides[4]
    assert pa.key == "PA"
    assert {f.period for f in pa.figures} == {"tahun data tidak diketahui, diumumkan 1 September 2023"}
    assert pa.chart_caption(marked=True).startswith(
        "Periode: tahun data tidak diketahui, diumumkan 1 September 2023")


def test_every_comparison_ranks_the_kabupaten_best_first_by_arah(data):
    deck = model.build_deck(data, "id")
    stunting = next(s for s in deck.slides if s.key == "ST")  # turun: lowest first
    assert [f.value for f in stunting.ranked] == sorted(f.value for f in stunting.figures)
    inflation = next(s for s in deck.slides if s.key == "INF")  # rentang: nearest the band first
    low, high = inflation.shared_target
    gaps = [max(low - f.value, 0) + max(f.value - high, 0) for f in inflation.ranked]
    assert gaps == sorted(gaps)
