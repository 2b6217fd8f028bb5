"""Queries answer the screens' questions with the right rows, on the tiny fixture and the demo seed."""
from __future__ import annotations

from datetime import date

import pytest

from lib.data import queries
from lib.db.connect import connect


@pytest.fixture
def con(tiny_db):
    with connect(tiny_db) as connection:
        yield connection


@pytest.fixture(scope="module")
def demo(demo_db):
    with connect(demo_db) as connection:
        yield connection


def test_isu_overview_lists_five_isu_in_order_with_counts(demo):
    overview = queries.isu_overview(demo)
    assert overview["kode"].tolist() == ["KE", "ST", "ATS", "PA", "INF"]
    stunting = overview.set_index("kode").loc["ST"]
    assert stunting["opd_koordinator"] == "Dinas Kesehatan"
    assert stunting["jumlah_indikator"] >= 5
    assert stunting["nilai_simulasi"] > 0 and stunting["nilai_resmi"] > 0


def test_latest_values_lists_every_wilayah_asked_with_previous_value(con):
    frame = queries.latest_values(con, ["ST-PREV"], ["76.04", "76.05", "76"]).set_index("wilayah")
    assert frame.loc["76.04", "nilai"] == 36.0 and frame.loc["76.04", "nilai_sebelumnya"] == 35.5
    assert frame.loc["76.05", "periode_label"] == "2022"
    assert frame["nilai"].isna().loc["76"]  # asked for, no data: listed with NULL (the map's "tidak ada data")


def test_latest_values_respects_until(con):
    frame = queries.latest_values(con, ["ST-PREV"], ["76.04"], until=date(2021, 12, 31)).iloc[0]
    assert frame["periode"] == "2021" and frame["nilai"] == 35.5


def test_targets_list_the_province_targets_with_their_basis_and_never_derive_one(con):
    inherited = queries.targets(con, ["ST-PREV"], ["76.05"])
    assert inherited[["wilayah", "target_wilayah", "periode", "nilai", "lingkup", "dasar", "rujukan"]].values.tolist() \
        == [["76.05", "76", "2024", 14.0, "nasional", "peraturan", "Perpres 72/2021"]]
    # No target is computed: the sasaran count is a value, not a target of the children intervened.
    assert queries.targets(con, ["ST-INTERVENSI"], ["76"]).empty


def test_data_years_newest_first(con):
    years = queries.data_years(con)
    assert years[0] >= 2024 and years == sorted(years, reverse=True)
