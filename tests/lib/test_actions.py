"""lib.data.actions: satgas actions filtered by isu, OPD and wilayah (with the wilayah below it)."""
from __future__ import annotations

import duckdb
import pytest

from lib.data import actions


@pytest.fixture(scope="module")
def con(demo_db):
    with duckdb.connect(str(demo_db), read_only=True) as connection:
        yield connection


def test_every_action_is_listed_newest_first(con):
    found = actions.actions(con)
    assert len(found) == 19
    assert found["tanggal"].is_monotonic_decreasing


def test_filters_by_isu_opd_and_wilayah(con):
    assert set(actions.actions(con, isu="INF")["isu"]) == {"INF"}
    assert set(actions.actions(con, opd="KETAPANG")["opd"]) == {"KETAPANG"}
    assert actions.actions(con, wilayah=["76.06"])["judul"].tolist() == ["Satgas Desa Kabar Cerdas"]
    with_province = actions.actions(con, isu="ST", wilayah=["76.04"], with_province=True)
    assert set(with_province["wilayah"]) == {"76", "76.04"}
    assert set(actions.actions(con, isu="ST", wilayah=["76.04"])["wilayah"]) == {"76.04"}
