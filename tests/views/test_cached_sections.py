"""Sections prepared once and shared by every session of a process (lib.ui.state.cached_display, the finished
results of cached queries) never show a stale or someone else's version: a new snapshot shows its values on
the next run, and the public and the internal instance, Indonesian and English, each get their own."""
from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest
from views.apptest import open_page

from lib.ingest import load as loading
from lib.ingest.validate import CleanRow
from lib.text import i18n


@pytest.fixture
def record(demo_db, tmp_path, monkeypatch) -> Path:
    path = tmp_path / "monitor41.duckdb"
    shutil.copyfile(demo_db, path)
    monkeypatch.setenv("MONITOR41_DB", str(path))
    monkeypatch.delenv("MONITOR41_PUBLIC", raising=False)
    return path


@pytest.fixture
def shared(read_env, monkeypatch) -> Path:
    """For a test that only reads: the process's shared record (tests/views/conftest.py), an internal instance."""
    monkeypatch.delenv("MONITOR41_PUBLIC", raising=False)
    return read_env


def texts(at: AppTest) -> str:
    """Markdown, captions and HTML (cards, the matrix's list) of the page."""
    parts = [str(e.value) for kind in ("markdown", "caption") for e in getattr(at, kind)]
    return "\n".join(parts + [str(e.proto.body) for e in at.get("html")])


def chart_values(at: AppTest) -> str:
    """Every value in the Vega-Lite charts' datasets (Arrow), as text."""
    cells = []
    for chart in at.get("vega_lite_chart") + at.get("arrow_vega_lite_chart"):
        for dataset in chart.proto.datasets:
            table = pa.ipc.open_stream(dataset.data.data).read_all()
            cells += [str(v) for column in table.columns for v in column.to_pylist()]
    return "\n".join(cells)


def ranking(at: AppTest) -> str:
    return at.dataframe[0].value.to_string()


def load(record: Path, *rows: tuple[str, str, str, float]) -> None:
    loading.load(record, [CleanRow(line, indikator, wilayah, periode, value, "Dinkes Sulbar (uji) 2025", None)
                          for line, (indikator, wilayah, periode, value) in enumerate(rows, start=2)],
                 file_name="isian.csv", content_hash="uji", user_name="dinkes")


def test_a_new_snapshot_reaches_the_cached_cards_matrix_trend_and_ranking(record):
    ringkasan = open_page("views/ringkasan.py")
    stunting = open_page("views/stunting.py")
    assert "29,7%" not in texts(ringkasan) and "38,2%" not in texts(ringkasan)
    assert "29.7" not in chart_values(stunting) and "29,7%" not in ranking(stunting)
    load(record, ("ST-PREV", "76", "2025", 29.7), ("ST-PREV", "76.05", "2025", 38.2))
    ringkasan.run()
    stunting.run()
    assert "29,7%" in texts(ringkasan)  # the province's stunting card
    assert "38,2%" in texts(ringkasan)  # Majene's cell in the matrix (its phone list)
    assert "29.7" in chart_values(stunting)  # the trend
    assert "29,7%" in ranking(stunting)


def test_internal_and_public_mode_never_share_a_prepared_ranking(shared, monkeypatch):
    query = {"kab": "76.03", "indikator": "ST-KELUAR"}
    internal = open_page("views/stunting.py", query)
    assert internal.dataframe[0].value.set_index("Wilayah").loc["Mehalaan", "Nilai"] == "4 anak"
    monkeypatch.setenv("MONITOR41_PUBLIC", "1")  # same process, same snapshot: only the mode differs
    public = open_page("views/stunting.py", query)
    assert public.dataframe[0].value.set_index("Wilayah").loc["Mehalaan", "Nilai"] == "< 5"
    monkeypatch.delenv("MONITOR41_PUBLIC")
    internal.run()
    assert internal.dataframe[0].value.set_index("Wilayah").loc["Mehalaan", "Nilai"] == "4 anak"


def test_indonesian_and_english_sessions_each_get_their_own_sections(shared):
    indonesian = open_page("views/stunting.py")
    english = open_page("views/stunting.py", {"lang": "en"})
    assert i18n.t("isu.celah", "id") in texts(indonesian) and i18n.t("isu.celah", "en") not in texts(indonesian)
    assert i18n.t("isu.celah", "en") in texts(english) and i18n.t("isu.celah", "id") not in texts(english)
    assert "Area" in english.dataframe[0].value.columns and "Wilayah" in indonesian.dataframe[0].value.columns
    summary = open_page("views/ringkasan.py", {"lang": "en"})
    assert i18n.t("kartu.capaian_jalan", "en", pct="").strip() in texts(summary)  # the gauge says what its % is
