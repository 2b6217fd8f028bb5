"""Every export is public (the hall, a chat): the deck model, the PowerPoint file, the PDF brief and the share
images built from a record seeded with officials' names, a file name and small counts (tests/public_fixture.py)
carry none of them, whatever mode they are built in."""
from __future__ import annotations

import dataclasses
import io
import subprocess
import zipfile

import pytest
from PIL import ImageDraw
from public_fixture import MARKERS, build_public_hostile_db

from lib.db.connect import connect
from lib.export import build, model


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> model.DeckData:
    con = connect(build_public_hostile_db(tmp_path_factory.mktemp("public-exports")), read_only=True)
    try:
        return model.load(con)
    finally:
        con.close()


def _texts(value) -> list[str]:
    """Every string in a model value: dataclass fields, tuples, lists and dicts, recursively."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [t for f in dataclasses.fields(value) for t in _texts(getattr(value, f.name))]
    if isinstance(value, (tuple, list)):
        return [t for item in value for t in _texts(item)]
    if isinstance(value, dict):
        return [t for item in value.values() for t in _texts(item)]
    return []


def _leaks(text: str) -> list[str]:
    return [m for m in MARKERS if m.lower() in text.lower()]


def test_the_fixture_plants_names_where_the_deck_reads(data):
    assert "Nama Orang" in " ".join(data.actions["judul"].astype(str))
    assert "Nama Orang" in " ".join(data.wins["sumber_sebelumnya"].dropna().astype(str))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_deck_model_names_nobody(data, lang):
    deck = model.build_deck(data, lang)
    text = "\n".join(_texts(deck)) + "\n".join(
        line for s in deck.slides for line in (s.action_line, s.owners_line, s.chart_caption(True), s.missing_line))
    assert not _leaks(text), _leaks(text)
    st = next(s for s in deck.slides if s.key == "ST")
    assert st.action is not None and st.action.source == "Radar Sulbar"  # the publisher, never the quoted official


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_powerpoint_names_nobody(data, lang):
    with zipfile.ZipFile(io.BytesIO(build.pptx(data, lang))) as deck:
        text = "\n".join(deck.read(n).decode("utf-8", "replace") for n in deck.namelist() if n.endswith(".xml"))
    assert "Radar Sulbar" in text and not _leaks(text), _leaks(text)


def test_the_pdf_brief_names_nobody(data, tmp_path):
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(build.pdf(data, "id"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert text.strip() and not _leaks(text), _leaks(text)


def test_the_share_images_draw_no_name(data, monkeypatch):
    drawn: list[str] = []
    original = ImageDraw.ImageDraw.text

    def recording(self, xy, text, *args, **kwargs):
        drawn.append(str(text))
        return original(self, xy, text, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", recording)
    from lib.export.share import slide_image

    for slide in model.build_deck(data, "id").slides:
        slide_image(slide, "id")
    assert drawn and not _leaks("\n".join(drawn)), _leaks("\n".join(drawn))
