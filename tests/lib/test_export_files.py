"""The files the apel takes away: PowerPoint (opens in LibreOffice, text fits its frames), one-page PDF with
the five headline values, share images at their sizes, and the command line."""
import io
import re
import shutil
import subprocess

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

from lib.db.connect import connect
from lib.export import __main__ as cli
from lib.export import build, model, text_fit
from lib.export.pptx_deck import MARGIN_IN
from lib.judge import status
from lib.text import i18n

pypdf = pytest.importorskip("pypdf")


@pytest.fixture(scope="module")
def data(demo_db):
    return model.load(connect(demo_db))


@pytest.fixture(scope="module")
def pptx_bytes(data):
    return build.pptx(data, "id")


@pytest.fixture(scope="module")
def decks(data):
    """The deck as data in each language, built once for the module (the tests only read it)."""
    return {lang: model.build_deck(data, lang) for lang in ("id", "en")}


def _texts(slide):
    return [shape for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text.strip()]


def test_deck_is_16_9_with_one_slide_per_screen_slide_and_sources_on_each(pptx_bytes):
    prs = Presentation(io.BytesIO(pptx_bytes))
    assert round(prs.slide_width / prs.slide_height, 3) == round(16 / 9, 3)
    assert len(prs.slides) == 9  # with konvergensi and orang tua asuh (issue 23)
    titles = [_texts(s)[0].text_frame.text for s in prs.slides]
    assert titles[1:6] == ["Kemiskinan ekstrem", "Stunting", "Anak tidak sekolah", "Perkawinan anak", "Inflasi"]
    for slide in prs.slides:
        text = "\n".join(s.text_frame.text for s in _texts(slide))
        sources = [line for line in text.split("\n") if line.startswith("Sumber: ")]
        assert sources and re.search(r"\(\w*.*\d{4}\)", sources[0]), text


def test_isu_slides_carry_native_text_and_native_charts_not_pictures(pptx_bytes):
    prs = Presentation(io.BytesIO(pptx_bytes))
    slide = prs.slides[2]
    text = "\n".join(s.text_frame.text for s in _texts(slide))
    assert "35,4%" in text and "Target nasional 14,0% (2024)" in text and "Dinkes: Tindakan tercatat 2026 di" in text
    assert "Pasti Padu" not in text  # the deck is public: a tindakan's free-text title is withheld (issue 20)
    notes = slide.notes_slide.notes_text_frame.text  # what the slide has no room for, for the speaker
    assert "OPD koordinator: Dinas Kesehatan (Dinkes)" in notes and "Perpres 72/2021" in notes
    for s in prs.slides:  # no pictures anywhere: charts are editable chart objects, the map is left out
        assert not [shape for shape in s.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    charts = [shape for shape in slide.shapes if shape.has_chart]
    assert len(charts) == 1 and charts[0].chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED


def test_chart_bars_are_filled_with_their_status_colour_and_labelled_large(pptx_bytes, decks):
    deck = decks["id"]
    stunting = deck.slides[2]
    chart = next(s for s in Presentation(io.BytesIO(pptx_bytes)).slides[2].shapes if s.has_chart).chart
    categories = list(chart.plots[0].categories)
    series = chart.plots[0].series[0]
    by_name = {f.nama: f for f in stunting.figures}
    assert len(categories) == len(stunting.figures) == 6
    for label, point, value in zip(categories, series.points, series.values):
        f = by_name[label.split(" (")[0]]
        assert value == pytest.approx(f.value)
        assert str(point.format.fill.fore_color.rgb) == f.color.lstrip("#").upper()
        run = point.data_label.text_frame.paragraphs[0].runs[0]
        assert run.text == f.value_text and run.font.size.pt >= 14  # "28,09%": the deck's number format
    assert chart.category_axis.tick_labels.font.size.pt >= 14
    shapes = list(Presentation(io.BytesIO(pptx_bytes)).slides[2].shapes)
    targets = {f.target for f in stunting.figures if f.target is not None}
    if len(targets) > 1:  # each kabupaten's own target, marked across its bar
        assert len([s for s in shapes if s.name == "Tanda target"]) == len(stunting.figures)
    else:  # one target for all (the national 14 % today): one line across the plot, no per-bar marks
        assert [s.name for s in shapes].count("Pita target") == 1
        assert not [s for s in shapes if s.name == "Tanda target"]


def test_a_shared_target_is_a_band_behind_the_bars_at_the_axis_scale(decks):
    from dataclasses import replace as with_

    from lib.export.pptx_deck import deck_pptx

    deck = decks["id"]
    inflation = deck.slides[5]
    base = inflation.figures[0]
    three = tuple(with_(base, wilayah=k, nama=n, value=v, value_text=f"{v}%".replace(".", ","), target=1.5,
                        target_upper=3.5) for k, n, v in (("76.01", "A", 1.0), ("76.02", "B", 2.5), ("76.03", "C", 4.0)))
    one = with_(deck, slides=(with_(inflation, figures=three, missing=()),))
    slide = Presentation(io.BytesIO(deck_pptx(one))).slides[0]
    names = [s.name for s in slide.shapes]
    band, frame = slide.shapes[names.index("Pita target")], slide.shapes[names.index("Grafik per kabupaten")]
    assert names.index("Pita target") < names.index("Grafik per kabupaten")  # behind the bars
    chart = frame.chart
    low, high = chart.value_axis.minimum_scale, chart.value_axis.maximum_scale
    layout = frame.chart._chartSpace.xpath(".//c:plotArea/c:layout/c:manualLayout")[0]
    x, w = (float(layout.xpath(f"c:{t}/@val")[0]) for t in ("x", "w"))
    at = [frame.left + frame.width * (x + w * (v - low) / (high - low)) for v in (1.5, 3.5)]
    assert band.left == pytest.approx(at[0], abs=Emu(914400 * 0.02)) and \
        band.left + band.width == pytest.approx(at[1], abs=Emu(914400 * 0.02))
    assert any(s.text_frame.text.startswith("▮ Sasaran nasional 1,5–3,5%") for s in _texts(slide))


def test_isu_slides_say_in_words_what_each_bar_colour_means_and_name_kabupaten_without_data(pptx_bytes, data, decks):
    deck = decks["id"]
    shown = list(Presentation(io.BytesIO(pptx_bytes)).slides)
    for model_slide, slide in zip(deck.slides[1:6], shown[1:6]):
        keys = [s.text_frame for s in _texts(slide) if s.text_frame.text.startswith("■ ")]
        assert len(keys) == 1, model_slide.key
        runs = {r.text.strip(): str(r.font.color.rgb) for r in keys[0].paragraphs[0].runs}
        for f in model_slide.figures:  # every status shown has its word (and "lama") next to a square of its colour
            word = " · ".join(w for w in (f.status_word, f.stale_word) if w)
            assert word in runs, (model_slide.key, word)
        squares = [str(r.font.color.rgb) for r in keys[0].paragraphs[0].runs if r.text == "■ "]
        assert {f.color.lstrip("#").upper() for f in model_slide.figures} <= set(squares)
    texts = [s.text_frame.text for s in _texts(shown[3])]
    assert "Tanpa data: Pasangkayu, Mamuju, Mamasa, Majene" in texts  # one line, not an empty grey map


def test_one_or_two_kabupaten_are_big_numbers_not_a_chart_of_two_bars(pptx_bytes, decks):
    deck = decks["id"]
    for model_slide, slide in zip(deck.slides[1:6], list(Presentation(io.BytesIO(pptx_bytes)).slides)[1:6]):
        charts = [s for s in slide.shapes if s.has_chart]
        if len(model_slide.figures) <= 2:
            assert not charts, model_slide.key
            sizes = {s.text_frame.text: max(r.font.size.pt for p in s.text_frame.paragraphs for r in p.runs)
                     for s in _texts(slide)}
            for f in model_slide.figures:
                assert sizes[f.value_text] >= 24, (model_slide.key, f.value_text)
        else:
            assert len(charts) == 1, model_slide.key


@pytest.mark.parametrize("lang, kab", [("id", ()), ("en", ("76.04",))])
def test_text_is_hall_sized(data, lang, kab):
    """Body text ≥ 24 pt (4,5 % of 7,5 in), the isu headline number ≥ 54 pt (10 %); only the sources footer,
    page number, chart key and caption and the indicator note may be smaller, and never under 14 pt — in both
    languages, for the province and for one kabupaten."""
    from lib.export.pptx_deck import HEADLINE, SMALL_SHAPES

    prs = Presentation(io.BytesIO(build.pptx(data, lang, kab)))
    for number, slide in enumerate(prs.slides, start=1):
        for shape in _texts(slide):
            least = 14 if shape.name in SMALL_SHAPES else 24
            for p in shape.text_frame.paragraphs:
                for r in p.runs:
                    assert r.font.size.pt >= least, (number, shape.name, r.text, r.font.size.pt)
    for slide in list(prs.slides)[1:6]:
        (number,) = [s for s in _texts(slide) if s.name == HEADLINE]
        assert number.text_frame.paragraphs[0].runs[0].font.size.pt >= 54, number.text_frame.text
        keys = [s.text_frame.text for s in _texts(slide) if s.name == "Kunci status"]
        assert not any(i18n.status_label(None, lang) in k for k in keys)  # no map, so no grey "no data" key


def test_share_images_and_slides_share_one_colour_key(decks):
    deck = decks["en"]
    st = deck.slides[2]
    assert st.status_key == tuple(dict.fromkeys(
        (f.color, " · ".join(w for w in (f.status_word, f.stale_word) if w)) for f in st.figures))
    assert all(f.stale_word == "old data" for f in st.figures if f.stale)  # lama stays in the key
    # no surface draws a map of the kabupaten, so no grey "no data" entry: they are named in their own line
    assert all(colour != status.status_color(None) for slide in deck.slides for colour, _ in slide.status_key)


def test_text_fits_its_frames(pptx_bytes):
    for number, slide in enumerate(Presentation(io.BytesIO(pptx_bytes)).slides, start=1):
        for shape in _texts(slide):
            frame = shape.text_frame
            size = max(r.font.size.pt for p in frame.paragraphs for r in p.runs)
            width = Emu(shape.width).inches - 2 * MARGIN_IN
            height = Emu(shape.height).inches - 2 * MARGIN_IN
            assert text_fit.fits(frame.text, width, height, size), (number, frame.text, size)


def test_fit_size_shrinks_long_text_and_shorten_cuts_at_a_word():
    assert text_fit.fit_size("35,4%", 4, 1, 44, 20) == 44
    long = "791 dari 3.724 anak yang terkonfirmasi tidak sekolah"
    assert text_fit.fit_size(long, 2.0, 0.8, 32, 12) < 32
    cut = text_fit.shorten("kata " * 200, 2, 0.5, 12)
    assert cut.endswith(" …") and text_fit.fits(cut, 2, 0.5, 12)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_opens_the_deck_without_repair(pptx_bytes, tmp_path):
    deck = tmp_path / "apel.pptx"
    deck.write_bytes(pptx_bytes)
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    subprocess.run(["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
                   check=True, capture_output=True, timeout=180)
    reader = pypdf.PdfReader(tmp_path / "apel.pdf")
    assert len(reader.pages) == len(Presentation(io.BytesIO(pptx_bytes)).slides) == 9  # every slide, none lost
    assert "35,4%" in reader.pages[2].extract_text()


def test_brief_is_one_a4_page_with_the_five_headline_values_and_the_font_embedded(data):
    reader = pypdf.PdfReader(io.BytesIO(build.pdf(data, "id")))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = " ".join(page.extract_text().split())
    for value in ("1,46%", "35,4%", "791 anak", "21% dari 3.724 anak", "11,7%", "2,56%"):
        assert value in text
    assert "Sumber" in text and "Kabupaten × isu" in text
    assert "data 2022 · 4 tahun lalu" in text or "4 tahun lalu" in text  # a lama value carries its age
    assert "Sejak apel 24 Juli 2023 pukul 08.00" in text and "2 nilai membaik, 1 memburuk" in text
    assert "1,46% (Maret 2024), ▲ 0,71 poin, memburuk" in text  # the word by the values and arah
    fonts = [f["/FontDescriptor"] for f in _fonts(page)]
    assert fonts and all("/FontFile2" in d for d in fonts)


def _fonts(page):
    for font in page["/Resources"]["/Font"].values():
        for descendant in font.get_object().get("/DescendantFonts", []):
            yield descendant.get_object()


def test_brief_in_english_uses_english_number_format(data):
    text = pypdf.PdfReader(io.BytesIO(build.pdf(data, "en"))).pages[0].extract_text()
    assert "35.4%" in text and "Briefing for the Governor" in text


@pytest.mark.parametrize("square, size", [(False, (1920, 1080)), (True, (1080, 1080))])
def test_share_images_have_their_sizes(decks, square, size):
    from lib.export.share import headline_image, slide_image

    slides = decks["id"].slides
    for index in (0, 2):
        assert Image.open(io.BytesIO(slide_image(slides[index], "id", square=square))).size == size

    opening = decks["id"].slides[0]
    assert Image.open(io.BytesIO(headline_image(opening, "id", square=square))).size == size


def test_command_line_writes_files_and_rejects_unknown_kabupaten(demo_db, tmp_path, capsys):
    out = tmp_path / "ringkasan.pdf"
    assert cli.main(["brief", "--out", str(out), "--db", str(demo_db), "--kab", "76.04", "--lang", "en"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert cli.main(["deck", "--out", str(tmp_path / "x.pptx"), "--db", str(demo_db), "--kab", "76.07"]) == 2
    assert "76.07 tidak dikenal" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["deck", "--out", "x.pptx", "--sampai", "31-12-2025"])
    assert "TTTT-BB-HH" in capsys.readouterr().err


@pytest.mark.parametrize("square", [False, True])
def test_share_image_sizes_are_for_the_hall_and_the_phone(decks, square, monkeypatch):
    from lib.export import share

    size = share.SQUARE if square else share.WIDE
    wanted = share.sizes(size)
    assert wanted["body"] >= 0.045 * size[1] and wanted["headline"] >= 0.10 * size[1]
    assert min(wanted.values()) >= 0.02 * size[1]
    used: list[int] = []
    original = share._font
    monkeypatch.setattr(share, "_font", lambda px, bold: (used.append(px), original(px, bold))[1])
    deck = decks["id"]
    for slide in deck.slides:
        used.clear()
        png = share.slide_image(slide, "id", square=square)
        assert Image.open(io.BytesIO(png)).size == size
        assert min(used) >= wanted["sources"]  # nothing below 2 % of the height, labels included
        if slide.kind == "isu":
            assert wanted["headline"] in used  # the headline number at 10 % of the height
            assert wanted["body"] in used and wanted["label"] in used  # the bars' labels at 3 %


@pytest.mark.parametrize("square", [False, True])
def test_share_image_bars_carry_each_kabupaten_status_colour(decks, square):
    from PIL import ImageColor

    from lib.export import share

    for slide in decks["id"].slides:
        if slide.kind != "isu" or not slide.figures:
            continue
        img = Image.open(io.BytesIO(share.slide_image(slide, "id", square=square))).convert("RGB")
        colours = {rgb for _, rgb in img.getcolors(maxcolors=1 << 20)}
        assert {ImageColor.getrgb(f.color) for f in slide.figures} <= colours, slide.key


@pytest.mark.parametrize("square", [False, True])
def test_every_opening_tile_keeps_its_status_words_under_a_large_number(decks, square, monkeypatch):
    """Each headline tile keeps its status chip (the square's tiles lost three of five when the number took their
    room), and the numbers stay far above body size: a counted unit ("791 anak") goes under its number when the
    two do not fit a tile side by side, so the unit no longer shrinks every tile's number."""
    from lib.export import share

    size = share.SQUARE if square else share.WIDE
    wanted = share.sizes(size)
    opening = decks["id"].slides[0]
    chips: list[str] = []
    original = share._chip
    monkeypatch.setattr(share, "_chip", lambda draw, at, text, *rest: (chips.append(text),
                                                                       original(draw, at, text, *rest))[1])
    used: list[int] = []
    font = share._font
    monkeypatch.setattr(share, "_font", lambda px, bold: (used.append(px), font(px, bold))[1])
    for image in (share.slide_image, share.headline_image):
        chips.clear()
        used.clear()
        image(opening, "id", square=square)
        assert chips[-len(opening.figures):] == [f.status_text for f in opening.figures]
        assert max(used) >= 1.5 * wanted["body"]
    assert share._split_unit("791 anak") == ("791", "anak") and share._split_unit("35,4%") == ("35,4%", "")


def test_share_image_bars_show_the_target_they_are_judged_by(decks, monkeypatch):
    """The share image's bars carry their target at the bars' scale (a line for one shared target, a mark per bar
    for each kabupaten's own), named under the colour key; until now the target was only in the text beside them."""
    from PIL import ImageDraw

    from lib.export import share

    slides = [s for s in decks["id"].slides if s.kind == "isu" and s.targets_text
              and len(s.figures) > share.NUMBER_LAYOUT_MAX]
    assert slides  # the demo: stunting, judged by the national 14 % (2024)
    lines: list[tuple] = []
    texts: list[str] = []
    draw_line, put = ImageDraw.ImageDraw.line, share._put
    monkeypatch.setattr(ImageDraw.ImageDraw, "line", lambda self, xy, *a, **k: (lines.append(tuple(xy)),
                                                                                  draw_line(self, xy, *a, **k))[1])
    monkeypatch.setattr(share, "_put", lambda draw, box, text, *a, **k: (texts.append(text), put(draw, box, text,
                                                                                                 *a, **k))[1])
    for slide in slides:
        lines.clear()
        texts.clear()
        share.slide_image(slide, "id")
        target, upper = slide.shared_target
        vertical = [xy for xy in lines if xy[0] == xy[2]]
        assert len(vertical) == (1 if target is not None and upper is None else
                                 sum(f.target is not None for f in slide.figures) if target is None else 0)
        assert f"▮ {slide.targets_text}" in texts
