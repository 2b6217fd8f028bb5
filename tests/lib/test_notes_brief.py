"""Issue 21, the briefing side of cell notes as plain data: the counts line of "sejak apel terakhir", the
"Tindak lanjut" slide of an internal deck (worst first, hall-sized in PPTX and PNG, one line in the PDF, one line
when there is nothing to follow up) and nothing of it in a public deck."""
from __future__ import annotations

import io
from dataclasses import replace

import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation

from lib.db.connect import connect
from lib.export import build, model, share
from lib.present import since_text
from lib.screens import slideshow

pypdf = pytest.importorskip("pypdf")

SECRET = "Rahasia: nama balita di Desa X"  # a note's text: never on any surface of the deck
COUNTS = {"ditanya": 3, "dijawab": 1, "belum_dijawab": 2, "komitmen_baru": 1, "komitmen_jatuh_tempo": 0,
          "komitmen_lewat": 1, "komitmen_selesai": 0}


def items(rows: list[tuple]) -> pd.DataFrame:
    """A lib.data.notes.follow_up frame with names (as model.follow_up_names makes), text and author included."""
    frame = pd.DataFrame(rows, columns=["jenis", "isu", "indikator", "nama_indikator", "wilayah", "nama_wilayah",
                                        "opd", "opd_singkatan", "hari"])
    return frame.assign(periode="2022", nama_indikator_en=frame["nama_indikator"] + " (en)", teks=SECRET,
                        penulis="gubernur")


FOUR = [("pertanyaan", "ST", "ST-PREV", "Prevalensi balita stunting", "76.05", "Majene", "DINKES", "Dinkes", 3),
        ("komitmen", "KE", "KE-P0", "Persentase penduduk miskin", "76.02", "Mamuju", "DINSOS", "Dinsos", 5),
        ("koreksi", "ST", "ST-PREV", "Prevalensi balita stunting", "76.04", "Mamasa", "DINKES", "Dinkes", 9),
        ("pertanyaan", "PA", "PA-1", "Perkawinan anak", "76.01", "Polewali Mandar", "DP3AP2KB", "DP3AP2KB", 5)]


@pytest.fixture(scope="module")
def public_data(demo_db):
    return model.load(connect(demo_db))


@pytest.fixture(scope="module")
def internal(public_data):
    return replace(public_data, follow_up=model.FollowUp(items(FOUR), COUNTS))


def test_counts_line_in_words_and_nothing_without_notes():
    assert since_text.notes_line(COUNTS, "id") == "3 pertanyaan baru, 1 dijawab, 2 belum dijawab; 1 komitmen lewat tenggat"
    assert since_text.notes_line(COUNTS, "en") == ("3 new question(s), 1 answered, 2 still unanswered; "
                                                   "1 commitment(s) overdue")
    due = {**dict.fromkeys(COUNTS, 0), "komitmen_jatuh_tempo": 2, "komitmen_lewat": 1}
    assert since_text.notes_line(due, "id") == "2 komitmen jatuh tempo, 1 komitmen lewat tenggat"
    assert since_text.notes_line(dict.fromkeys(COUNTS, 0), "id") == ""  # no notes: nothing
    assert since_text.notes_line(None, "id") == ""  # public mode: never read
    big = {**COUNTS, "ditanya": 1234}
    assert since_text.notes_line(big, "id").startswith("1.234 pertanyaan baru")  # Indonesian number format


def test_follow_up_names_its_cells_as_the_deck_does_and_keeps_no_text(demo_con):
    from lib.data import notes, queries

    raw = pd.DataFrame([("pertanyaan", 1, "ST", "ST-PREV", "76.05", "2022", "DINKES", None, None, 4, SECRET,
                         "gubernur")], columns=notes.FOLLOW_UP_COLUMNS)
    named = model.follow_up_names(raw, queries.indicators(demo_con), {"76.05": "Kabupaten Majene"},
                                  queries.opd_list(demo_con))
    assert list(named.columns) == model.FOLLOW_UP_COLUMNS
    row = named.iloc[0]
    assert (row["nama_wilayah"], row["opd_singkatan"], row["hari"]) == ("Majene", "Dinkes", 4)
    assert row["nama_indikator"] == "Prevalensi balita stunting"


def test_follow_up_slide_lists_worst_first_with_cell_opd_and_age_before_the_closing_slide(internal):
    deck = model.build_deck(internal, "id")
    keys = tuple(s.key for s in deck.slides)
    assert keys == slideshow.slides(follow_up=True) and keys[-2:] == ("tindak_lanjut", "penutup")
    slide = deck.slides[-2]
    assert slide.title == "Tindak lanjut"
    assert slide.subtitle == "3 pertanyaan belum dijawab · 1 komitmen lewat tenggat"
    # the longest late first; a commitment before a question late as long
    assert [(x.kind, x.opd, x.age) for x in slide.items] == [
        ("koreksi", "Dinkes", "Koreksi data, 9 hari"), ("komitmen", "Dinsos", "Komitmen, lewat 5 hari"),
        ("pertanyaan", "DP3AP2KB", "Pertanyaan, 5 hari"), ("pertanyaan", "Dinkes", "Pertanyaan, 3 hari")]
    assert slide.items[0].cell == "Mamasa — Prevalensi balita stunting (Stunting, 2022)"
    assert slide.lines == (("Sejak apel 24 Juli 2023 pukul 08.00 (jam tidak tercatat, dianggap 08.00): "
                            "3 pertanyaan baru, 1 dijawab, 2 belum dijawab; 1 komitmen lewat tenggat"),)
    assert slide.more == ""
    assert SECRET not in repr(deck) and "gubernur" not in repr(slide)


def test_more_rows_than_the_hall_can_read_are_counted_in_one_line(internal):
    many = FOUR + [("pertanyaan", "INF", "INF-1", "Inflasi", "76", "Sulawesi Barat", "BIRO", "Biro Ekonomi", 1)] * 3
    deck = model.build_deck(replace(internal, follow_up=model.FollowUp(items(many), COUNTS)), "id")
    slide = deck.slides[-2]
    assert len(slide.items) == model.FOLLOW_UP_ROWS
    assert slide.more == f"… dan {len(many) - model.FOLLOW_UP_ROWS} lagi (daftar lengkap di halaman OPD)"


def test_nothing_to_follow_up_is_said_in_one_line(internal):
    empty = model.FollowUp(items([]).iloc[0:0], dict.fromkeys(COUNTS, 0))
    slide = model.build_deck(replace(internal, follow_up=empty), "en").slides[-2]
    assert slide.items == () and slide.lines == ()
    assert slide.more == "No unanswered questions and no overdue commitments."
    assert slide.subtitle == "0 unanswered question(s) · 0 overdue commitment(s)"


def test_english_deck_names_the_indicator_in_english(internal):
    slide = model.build_deck(internal, "en").slides[-2]
    assert slide.items[0].cell == "Mamasa — Prevalensi balita stunting (en) (Stunting, 2022)"
    assert slide.items[0].age == "Data correction, waiting 9 d"


def test_a_public_deck_has_no_follow_up_slide_and_a_public_copy_carries_no_text(public_data, internal):
    assert public_data.follow_up is None  # model.load reads notes only when asked (an internal deck)
    assert tuple(s.key for s in model.build_deck(public_data, "id").slides) == slideshow.SLIDES
    masked = model.public_data(internal).follow_up
    assert list(masked.items.columns) == model.FOLLOW_UP_COLUMNS  # no teks, no penulis
    assert "teks" not in masked.items and "penulis" not in masked.items


def _pptx_slide(data, lang="id"):
    prs = Presentation(io.BytesIO(build.pptx(data, lang)))
    found = [s for s in prs.slides if any(sh.has_text_frame and sh.text_frame.text == model.follow_up_slide(
        data.follow_up, data.since, lang).title for sh in s.shapes)]
    return prs, found


@pytest.mark.parametrize("lang", ["id", "en"])
def test_pptx_follow_up_slide_is_hall_sized_and_names_cell_and_opd_never_the_text(internal, lang):
    from lib.export.pptx_deck import SMALL_SHAPES

    prs, found = _pptx_slide(internal, lang)
    assert len(prs.slides) == 10 and len(found) == 1 and prs.slides.index(found[0]) == 8  # after konvergensi, asuh
    slide = found[0]
    text = "\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
    assert "Mamasa" in text and "Dinkes" in text and "Dinsos" in text and "Majene" in text
    assert SECRET not in text and SECRET not in slide.notes_slide.notes_text_frame.text
    for shape in slide.shapes:
        if not shape.has_text_frame or not shape.text_frame.text.strip():
            continue
        least = 14 if shape.name in SMALL_SHAPES else 24  # body ≥ 4,5 % of the 7,5 in slide height
        for p in shape.text_frame.paragraphs:
            for r in p.runs:
                assert r.font.size.pt >= least, (shape.name, r.text, r.font.size.pt)
        assert shape.top + shape.height <= prs.slide_height


def test_public_pptx_and_pdf_carry_no_follow_up(public_data):
    prs, found = _pptx_slide(replace(public_data, follow_up=model.FollowUp(items(FOUR), COUNTS)))
    assert found  # (the helper finds it when there)
    prs = Presentation(io.BytesIO(build.pptx(public_data, "id")))
    text = "\n".join(sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame)
    assert len(prs.slides) == 9 and "Tindak lanjut" not in text and "Majene — " not in text
    pdf = " ".join(pypdf.PdfReader(io.BytesIO(build.pdf(public_data, "id"))).pages[0].extract_text().split())
    assert "Tindak lanjut" not in pdf


def test_pdf_brief_gets_one_follow_up_line_with_the_worst(internal):
    reader = pypdf.PdfReader(io.BytesIO(build.pdf(internal, "id")))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert ("Tindak lanjut: 3 pertanyaan belum dijawab · 1 komitmen lewat tenggat; terlama: Mamasa — "
            "Prevalensi balita stunting (Stunting, 2022) — Dinkes, Koreksi data, 9 hari") in text
    assert SECRET not in text


@pytest.mark.parametrize("square", [False, True])
def test_share_image_of_the_follow_up_slide_is_hall_sized(internal, square, monkeypatch):
    slide = model.build_deck(internal, "id").slides[-2]
    size = share.SQUARE if square else share.WIDE
    drawn = []
    real = share._put

    def spy(draw, box, text, size_, **style):
        drawn.append((text, size_))
        return real(draw, box, text, size_, **style)

    monkeypatch.setattr(share, "_put", spy)
    image = Image.open(io.BytesIO(share.slide_image(slide, "id", square=square)))
    assert image.size == size
    body = [(t, s) for t, s in drawn if "Dinkes" in t or "Sejak apel" in t]
    assert body and all(s >= 0.045 * size[1] for _, s in body)
    assert any("Mamasa" in t for t, _ in drawn) and not any(SECRET in t for t, _ in drawn)


def test_slideshow_moves_through_a_deck_with_the_follow_up_slide():
    total = len(slideshow.slides(follow_up=True))
    assert total == len(slideshow.SLIDES) + 1
    last = slideshow.Position(index=total - 1)
    assert slideshow.step(last, 1, 0.0, total).index == 0
    assert slideshow.step(slideshow.Position(index=0), -1, 0.0, total).index == total - 1
    assert slideshow.tick(slideshow.Position(index=7, shown_at=0.0), 30.0, 20, total).index == 8
    # signed out meanwhile: the deck lost its follow-up slide, the position still draws a slide
    assert slideshow.shown_index(slideshow.Position(index=total - 1), len(slideshow.SLIDES)) == 0


def test_an_internal_deck_of_a_record_without_notes_says_there_is_nothing_to_follow_up(demo_db):
    data = model.load(connect(demo_db), follow_up=True)  # the record holds the (empty) notes tables
    assert data.follow_up is not None and data.follow_up.items.empty
    assert list(data.follow_up.items.columns) == model.FOLLOW_UP_COLUMNS
    slide = model.build_deck(data, "id").slides[-2]
    assert slide.key == "tindak_lanjut" and slide.items == ()
    assert slide.more == "Tidak ada pertanyaan yang belum dijawab dan tidak ada komitmen yang lewat tenggat."
    assert slide.lines == ()  # no notes since the apel: no counts line
