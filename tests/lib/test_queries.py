"""Queries answer the screens' questions with the right rows, on the tiny fixture and the demo seed."""
from __future__ import annotations

from datetime import date

import pytest

from lib import db, queries


@pytest.fixture
def con(tiny_db):
    with db.connect(tiny_db) as connection:
        yield connection


@pytest.fixture(scope="module")
def demo(demo_db):
    with db.connect(demo_db) as connection:
        yield connection


def test_isu_overview_lists_five_isu_in_order_with_counts(demo):
    overview = queries.isu_overview(demo)
    assert overview["kode"].tolist() == ["KE", "ST", "ATS", "PA", "INF"]
    stunting = overview.set_index("kode").loc["ST"]
    assert stunting["opd_koordinator"] == "Dinas Kesehatan"
    assert stunting["jumlah_indikator"] >= 5
    assert stunting["nilai_simulasi"] > 0 and stunting["nilai_resmi"] > 0
