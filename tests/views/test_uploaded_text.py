"""Uploaded text is shown as text: Markdown, HTML and Streamlit's own syntax in a source render literally."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hostile_fixture import HOSTILE, build_hostile_db
from streamlit.testing.v1 import AppTest
from views.apptest import open_page

from lib.present.markdown import WORD_JOINER, plain

SEED = Path(__file__).resolve().parents[2] / "data" / "seed"
BEACON = "http://beacon.example/b.png"
# Unescaped constructs of HOSTILE (":red[MERAH]", not the app's own ":red[:material/error:]" mark).
LIVE_SYNTAX = re.compile(r"(?<!\\)\]\(|(?<!\\)<img|:red(?<!\\)\[MERAH|(?<!\\)\*\*tebal")
# An <img> that is not one of the card gauges the app draws itself (lib.charts.gauges.gauge_svg: inline data).
OUTSIDE_IMAGE = re.compile(r'<img(?![^>]*\ssrc="data:image/svg\+xml;base64,)')


@pytest.mark.parametrize("hostile", [
    "![x](http://h/b.png)", "[a](http://h)", "<img src=x onerror=alert(1)>", "**b** __c__ *d* _e_", ":red[x]",
    ":material/home:", ":smile:", "$x^2$", "~~s~~", "`kode`", "# judul", "1. satu", "- butir", "> kutip",
    "a|b", "www.contoh.id", "a@b.id", "&lt;", "baris\nbaru\x0bvt\x0cff",
])
def test_plain_leaves_no_markdown_construct(hostile):
    shown = plain(hostile)
    assert "\n" not in shown and "\x0b" not in shown and "\x0c" not in shown
    for char in "[]<>*`$~|&#@":  # every syntax character is backslash-escaped ("!" is harmless without "[")
        assert all(shown[i - 1] == "\\" for i, c in enumerate(shown) if c == char), shown
    assert ":" not in shown.replace(":" + WORD_JOINER, "")  # no ":name[" / ":name:" can form
    assert shown.replace("\\", "").replace(WORD_JOINER, "") == " ".join(hostile.split())  # nothing else changes


def test_plain_keeps_ordinary_text_and_numbers():
    assert plain("Dinkes Sulbar 40,6% (2024)") == "Dinkes Sulbar 40,6% (2024)"
    assert plain("sulbar_kabupaten.geojson") == "sulbar_kabupaten.geojson"
    assert plain(40.6) == "40.6" and plain(None) == "–" and plain(float("nan")) == "–"


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    return build_hostile_db(tmp_path_factory.mktemp("hostile"))


def _markdown_bodies(at: AppTest) -> list[str]:
    return [str(e.value) for kind in ("markdown", "caption", "info", "warning", "error", "title", "subheader")
            for e in getattr(at, kind)]


@pytest.mark.parametrize("page,query", [("views/stunting.py", {"kab": "76.05"}), ("views/ringkasan.py", {}),
                                        ("views/kabupaten.py", {"kab": "76.05"}), ("views/presentasi.py", {})])
def test_hostile_source_renders_literally(hostile_db, monkeypatch, page, query):
    monkeypatch.setenv("MONITOR41_DB", str(hostile_db))
    at = open_page(page, query)
    assert not at.exception and not at.error
    bodies = _markdown_bodies(at)
    if page == "views/stunting.py":  # the trend caption quotes the source, escaped
        assert any(plain(HOSTILE) in body for body in bodies), bodies
    for body in bodies:
        assert not LIVE_SYNTAX.search(body), body
    for block in at.get("html"):  # cards and slides: HTML-escaped; the only images are the app's own gauges
        assert not OUTSIDE_IMAGE.search(block.proto.body) and BEACON not in block.proto.body
    for chart in at.get("vega_lite_chart"):  # map tooltips: plain text that Vega escapes when shown
        assert "<img" not in json.dumps(json.loads(chart.proto.spec).get("encoding", {}))
