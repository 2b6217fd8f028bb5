"""Issue 18 item 1, one headline indicator per isu everywhere (lib.judge.headlines): the card, the isu page's
opening indicator, the rapor column, the slide, the PDF row and the share image of an isu show the same
indicator, or say plainly which other one they show and why. On a small built record and on the demo."""
from __future__ import annotations

import io

import pytest
from seed_fixture import TINY_SEED, write_seed

from lib.db.build import build_record
from lib.db.connect import connect
from lib.export import build, model, share
from lib.judge import headlines, scorecard
from lib.present.markdown import WORD_JOINER
from lib.screens import cards, isu, ringkasan
from lib.screens.source import Source

pypdf = pytest.importorskip("pypdf")

HEADLINE_NAMES = {"KE": "Persentase penduduk miskin ekstrem", "ATS": "Anak tidak sekolah yang kembali bersekolah",
                  "PA": "Proporsi perempuan 20-24 tahun yang kawin sebelum umur 18 tahun"}
BUKAN = {"KE": "Kemiskinan (P0), bukan kemiskinan ekstrem", "ATS": "ATS data awal, bukan anak yang kembali bersekolah",
         "PA": "Perkawinan anak (BKKBN), bukan angka BPS"}


def _headline_seed() -> dict[str, list[tuple]]:
    """The tiny seed plus the three isu whose kabupaten indicator is not the headline: the headline at the
    province only (ATS also in one kabupaten), the kabupaten indicator in both kabupaten."""
    seed = {name: list(rows) for name, rows in TINY_SEED.items()}
    seed["indikator"] += [
        ("KE-EKSTREM", "KE", HEADLINE_NAMES["KE"], "persen", "turun", "tahunan", "Susenas", "BPS"),
        ("KE-P0", "KE", "Persentase penduduk miskin (P0)", "persen", "turun", "semesteran", "Susenas", "BPS"),
        ("ATS-KEMBALI", "ATS", HEADLINE_NAMES["ATS"], "anak", "naik", "mingguan", "Satgas", "Disdikbud"),
        ("ATS-DATA", "ATS", "Anak tidak sekolah menurut data awal (belum diverifikasi)", "anak", "turun",
         "bulanan", "Data awal", "Disdikbud"),
        ("PA-PROP", "PA", HEADLINE_NAMES["PA"], "persen", "turun", "tahunan", "Susenas", "BPS"),
        ("PA-PROP-BKKBN", "PA", "Persentase perempuan menikah di bawah 18 tahun (paparan BKKBN)", "persen",
         "turun", "tahunan", "BKKBN", "BKKBN"),
    ]
    rows = [("KE-EKSTREM", "76", "2024", "1.46"), ("KE-P0", "76.04", "2025-S1", "14.02"),
            ("KE-P0", "76.05", "2025-S1", "13.1"), ("ATS-KEMBALI", "76", "2023-08-W3", "791"),
            ("ATS-KEMBALI", "76.04", "2023-08-W3", "120"), ("ATS-DATA", "76.04", "2025-08", "12070"),
            ("ATS-DATA", "76.05", "2025-08", "3000"), ("PA-PROP", "76", "2022", "11.7"),
            ("PA-PROP-BKKBN", "76.04", "2023", "9.1"), ("PA-PROP-BKKBN", "76.05", "2023", "8.2")]
    seed["capaian_resmi"] += [(code, wilayah, periode, nilai, "Sumber uji", "https://example.org/uji", "", "utama")
                              for code, wilayah, periode, nilai in rows]
    return seed


_LOADED: dict[int, model.DeckData] = {}


def _data(con) -> model.DeckData:
    """The deck's query results, run once per record (each load is a few seconds of queries)."""
    if id(con) not in _LOADED:
        _LOADED[id(con)] = model.load(con)
    return _LOADED[id(con)]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    folder = tmp_path_factory.mktemp("headlines")
    path = build_record(folder / "small.duckdb", seed_dir=write_seed(folder / "seed", _headline_seed())).path
    con = connect(path, read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def demo(demo_con):
    return demo_con


def test_the_rules_name_the_headline_or_say_bukan():
    for code, indicator in headlines.HEADLINE_INDICATOR.items():
        assert headlines.heading(code, indicator) == headlines.title(code)
    assert headlines.title("ATS") == "Anak tidak sekolah yang kembali bersekolah"  # what it counts
    assert headlines.title("ATS", "en") == "Out-of-school children back in school"
    for code, text in BUKAN.items():
        assert headlines.heading(code, headlines.KABUPATEN_INDICATOR[code]) == text
    assert headlines.heading("KE", "KE-P0", "en") == "Poverty rate (P0), not extreme poverty"
    assert scorecard.HEADLINE_INDICATOR is headlines.HEADLINE_INDICATOR  # one home, read by the scorecard


def test_substitutes_count_kabupaten_of_the_headline(small):
    found = headlines.substitutes(small).set_index("isu")
    assert sorted(found.index) == ["ATS", "KE", "PA"]
    assert found.loc["KE", "jumlah_kabupaten_utama"] == 0 and found.loc["KE", "jumlah_kabupaten"] == 2
    assert found.loc["ATS", "jumlah_kabupaten_utama"] == 1
    notes = headlines.notes(found.reset_index(), 2)
    assert notes["KE"] == ("Kemiskinan ekstrem: belum ada angka per kabupaten; per kabupaten dipakai "
                           "Persentase penduduk miskin (P0).")
    assert "baru ada untuk 1 dari 2 kabupaten" in notes["ATS"]


def _surfaces(con, code: str, lang: str = "id") -> dict[str, str]:
    """What each surface of an isu says about the indicator it shows."""
    src = Source(con, lang)
    head = ringkasan.headlines(src, (), None)
    card = cards.card(head[head["isu"] == code].iloc[0], src).html
    registry = isu.indicator_choices(src, code)
    opening = isu.opening_indicator(src, code, registry, None)
    matrix = ringkasan.matrix(src, None, ())
    column = matrix.cells.loc[matrix.cells["isu_nama"].str.startswith(BUKAN[code].split(",")[0]), "isu_nama"]
    slide = next(s for s in model.build_deck(_data(con), lang).slides if s.key == code)
    shown = {"page_note": isu.headline_note(src, code, opening, None) or "", "caption": matrix.caption}
    shown = {k: v.replace(WORD_JOINER, "") for k, v in shown.items()}  # plain(): Markdown-safe, same words
    return {"card": card, "opening": opening, **shown, "column": column.iloc[0] if len(column) else "",
            "slide_subtitle": slide.subtitle, "slide_bars": slide.comparison_title, "slide_note": slide.note}


@pytest.mark.parametrize("record", ["small", "demo"])
@pytest.mark.parametrize("code", sorted(BUKAN))
def test_every_surface_names_the_headline_or_says_which_other_one(request, record, code):
    con = request.getfixturevalue(record)
    seen = _surfaces(con, code)
    title = headlines.title(code)
    assert f"<h3>{title}</h3>" in seen["card"]  # the card: the headline, titled by what it counts
    assert seen["slide_subtitle"] == HEADLINE_NAMES[code]  # the slide's figure is the headline
    if seen["opening"] != headlines.HEADLINE_INDICATOR[code]:  # the isu page opens elsewhere and says so
        assert "bukan indikator utama" in seen["page_note"] and HEADLINE_NAMES[code] in seen["page_note"]
        assert f"{title}:" in seen["page_note"]  # and why (no or few kabupaten figures of the headline)
    assert seen["column"].startswith(BUKAN[code])  # the rapor column: 'Kemiskinan (P0), bukan …'
    assert seen["slide_bars"] == f"{BUKAN[code]} — per kabupaten"  # the slide's bars
    assert seen["slide_note"].startswith(f"{title}:") and "per kabupaten dipakai" in seen["slide_note"]
    assert seen["slide_note"] in seen["caption"]  # the rapor's caption says the same


@pytest.mark.parametrize("code", ["ST", "INF"])
def test_an_isu_shown_by_its_headline_everywhere_needs_no_note(demo, code):
    slide = next(s for s in model.build_deck(_data(demo), "id").slides if s.key == code)
    assert slide.note == "" and "bukan" not in slide.comparison_title
    src = Source(demo)
    assert isu.headline_note(src, code, headlines.HEADLINE_INDICATOR[code], None) is None


def test_english_surfaces_say_not(small):
    slide = next(s for s in model.build_deck(_data(small), "en").slides if s.key == "KE")
    assert slide.comparison_title == "Poverty rate (P0), not extreme poverty — by regency"
    assert slide.note.startswith("Extreme poverty: no regency figures yet")


@pytest.mark.parametrize("record", ["small", "demo"])
def test_pdf_grid_columns_and_notes_name_the_indicator(request, record):
    con = request.getfixturevalue(record)
    text = " ".join(pypdf.PdfReader(io.BytesIO(build.pdf(_data(con), "id"))).pages[0].extract_text().split())
    assert "Kemiskinan ekstrem: belum ada angka per kabupaten" in text
    for code in BUKAN:  # the grid's column headers (fitted to their box, so compare without line breaks)
        assert BUKAN[code].split(",")[0] in text
    assert "bukan kemiskinan ekstrem" in text


def test_share_image_keeps_the_comparison_title_and_note(small, monkeypatch):
    drawn: list[str] = []
    original = share.text_in_box
    monkeypatch.setattr(share, "text_in_box", lambda draw, box, text, *a, **k: (drawn.append(text),
                                                                               original(draw, box, text, *a, **k)))
    slide = next(s for s in model.build_deck(_data(small), "id").slides if s.key == "KE")
    for square in (False, True):
        drawn.clear()
        share.slide_image(slide, "id", square=square)
        assert slide.comparison_title in drawn  # the P0 bars never stand under the headline's name alone
        assert any(slide.note in text for text in drawn)



def test_tentang_lists_each_isu_headline_and_kabupaten_indicator(demo):
    from lib.screens import tentang

    table = tentang.headline_table(Source(demo)).set_index("Isu")
    assert len(table) == len(headlines.HEADLINE_INDICATOR)
    assert table.loc["Kemiskinan ekstrem", "Indikator utama"] == HEADLINE_NAMES["KE"]
    assert table.loc["Kemiskinan ekstrem", "Catatan"].replace(WORD_JOINER, "").startswith(
        "Kemiskinan ekstrem: belum ada angka per kabupaten")
    assert table.loc["Stunting", "Catatan"] == "Sama dengan indikator utama."


def test_powerpoint_isu_slide_carries_the_bars_title_and_note(small):
    from pptx import Presentation

    deck = Presentation(io.BytesIO(build.pptx(_data(small), "id")))
    slide = next(s for s in model.build_deck(_data(small), "id").slides if s.key == "KE")
    texts = [shape.text_frame.text for shape in deck.slides[1].shapes if shape.has_text_frame]
    assert slide.comparison_title in texts and any(slide.note in text for text in texts)
