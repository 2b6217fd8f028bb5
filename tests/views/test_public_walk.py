"""Every page a public visitor can open, run in public mode over a record seeded with officials' names, a file
name and small counts (tests/public_fixture.py): nothing the app sends to the browser — text, tables, chart
and map data, tooltips — carries any of them. The same pages in normal mode do show them (the fixture plants
them where a page reads)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from public_fixture import DESA_KABUPATEN, MARKERS, NOTE, build_public_hostile_db
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
VIEWS = sorted(p.name for p in (Path(APP).parent / "views").glob("*.py"))
PRIVATE_ONLY = {"unggah.py", "riwayat.py", "kualitas.py"}  # not served in public (test_every_page)
PUBLIC_VIEWS = [v for v in VIEWS if v not in PRIVATE_ONLY]
# A small count as a table or tooltip shows it ("2 anak"), not part of a larger one ("12 anak", "1.392 anak").
SMALL_COUNT = re.compile(rb"(?<![\d.,])[1-4] anak(?![a-z])")


@pytest.fixture(scope="module")
def record(tmp_path_factory) -> Path:
    return build_public_hostile_db(tmp_path_factory.mktemp("public-walk"))


def _sent(node) -> bytes:
    """Every byte the app sends for a page: each element's message (Markdown, HTML, Arrow tables, chart specs
    and data, map JSON) serialised, as the browser receives it."""
    found = []
    proto = getattr(node, "proto", None)
    if proto is not None and hasattr(proto, "SerializeToString"):
        found.append(proto.SerializeToString())
    for child in getattr(node, "children", {}).values():
        found.append(_sent(child))
    return b"\n".join(found)


def _walk(record: Path, monkeypatch, public: bool, view: str) -> bytes:
    monkeypatch.setenv("MONITOR41_DB", str(record))
    monkeypatch.setenv("MONITOR41_PUBLIC", "1" if public else "0")
    sent = []
    for query in ({}, {"kab": DESA_KABUPATEN}, {"opd": "DINKES"}):
        at = AppTest.from_file(APP, default_timeout=90)
        at.query_params.update(query)
        at.switch_page(f"views/{view}").run()
        assert not at.exception, [e.value for e in at.exception]
        sent.append(_sent(at._tree))
    return b"\n".join(sent)


@pytest.mark.parametrize("view", PUBLIC_VIEWS)
def test_a_public_page_shows_no_name_file_name_or_small_count(record, monkeypatch, view):
    sent = _walk(record, monkeypatch, True, view)
    leaked = [m for m in MARKERS if m.lower().encode() in sent.lower()]
    assert not leaked, f"{view} shows {leaked} in public"
    small = SMALL_COUNT.findall(sent)
    assert not small, f"{view} shows small counts {small} in public"
    notes = [w for w in (b"Catatan sel", b"catatan terbuka", b"Catatan untuk", b"Pertanyaan untuk Anda") if w in sent]
    assert not notes, f"{view} shows cell notes {notes} in public"


def test_the_presentasi_page_is_public_in_an_internal_deployment_too(record, monkeypatch):
    sent = _walk(record, monkeypatch, False, "presentasi.py")
    leaked = [m for m in MARKERS if m.lower().encode() in sent.lower()]
    assert not leaked, f"presentasi.py shows {leaked} in an internal deployment"
    assert b"catatan terbuka" not in sent and b"Catatan sel" not in sent


def test_the_same_record_shows_them_outside_public_mode(record, monkeypatch):
    """The markers are really planted where pages read: Kabupaten Majene in normal mode shows the tindakan's
    title, the older source and the desa's small count."""
    sent = _walk(record, monkeypatch, False, "kabupaten.py") + _walk(record, monkeypatch, False, "ringkasan.py")
    assert b"Nama Orang" in sent
    assert b"laporan-rahasia-pak-joko" in sent  # the "sejak apel" table of Ringkasan
    assert SMALL_COUNT.search(sent)
    cells = _walk(record, monkeypatch, False, "opd.py") + _walk(record, monkeypatch, False, "stunting.py")
    assert NOTE.encode() in cells and b"Pertanyaan untuk Anda (1)" in cells  # the cell notes, inbox and panel
    assert b"catatan terbuka" in cells  # the count marks (to-do line, cell pickers)
