"""Target vs achievement per wilayah: target choice, baseline, statuses and small wins on real data."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lib import db, scorecard, status


@pytest.fixture(scope="module")
def demo(demo_db):
    with db.connect(demo_db) as connection:
        yield connection


def targets(*rows):
    return pd.DataFrame(rows, columns=["periode", "nilai", "nilai_atas", "sumber", "tanggal_akhir"])


def test_pick_target_takes_next_milestone_then_last():
    frame = targets(("2022", 28.49, None, "BKKBN", date(2022, 12, 31)), ("2024", 18.61, None, "BKKBN", date(2024, 12, 31)))
    assert scorecard.pick_target(frame, date(2022, 12, 31))["nilai"] == 28.49
    assert scorecard.pick_target(frame, date(2023, 12, 31))["nilai"] == 18.61
    assert scorecard.pick_target(frame, date(2026, 6, 30))["nilai"] == 18.61
    assert scorecard.pick_target(frame.iloc[0:0], date(2023, 1, 1)) is None


def test_majene_stunting_2022_worsened_against_target(demo):
    row = scorecard.assessed(demo, ["ST-PREV"], ["76.05"]).iloc[0]
    assert row["nilai"] == 40.6 and row["periode"] == "2022"
    assert row["target"] == 28.49  # BKKBN provincial target for 2022, inherited by the kabupaten
    assert row["status"] == status.TIDAK_SESUAI_JALUR
    assert row["capaian_pct"] < 0  # moved away from the target since SSGI 2021 (35,7)
    assert row["membaik"] is False or row["membaik"] == False  # noqa: E712


def test_intervened_children_are_judged_against_their_own_sasaran(demo):
    row = scorecard.assessed(demo, ["ST-INTERVENSI"], ["76.05"], until=date(2023, 8, 31)).iloc[0]
    sasaran = demo.execute("SELECT nilai FROM v_capaian WHERE indikator='ST-SASARAN' AND wilayah='76.05' "
                           "AND periode='2023-08'").fetchone()[0]
    assert row["target"] == sasaran
    assert row["capaian_pct"] == pytest.approx(row["nilai"] / sasaran * 100)
    assert row["jenis"] == "simulasi"


def test_inflation_inside_band_is_achieved(demo):
    row = scorecard.assessed(demo, ["INF-YOY"], ["76"], until=date(2025, 11, 30)).iloc[0]
    assert (row["target"], row["target_atas"]) == (1.5, 3.5)
    assert row["status"] == status.TERCAPAI


def test_until_hides_later_values(demo):
    row = scorecard.assessed(demo, ["ST-PREV"], ["76"], until=date(2022, 12, 31)).iloc[0]
    assert row["periode"] == "2022" and row["nilai"] == 35.0


def test_wilayah_without_data_gets_no_status_and_grey(demo):
    row = scorecard.assessed(demo, ["KE-EKSTREM"], ["76.03"]).iloc[0]
    assert pd.isna(row["nilai"]) and row["status"] is None
    assert row["warna"] == status.status_color(None)


def test_province_headlines_one_per_isu_in_order(demo):
    frame = scorecard.province_headlines(demo)
    assert frame["isu"].tolist() == ["KE", "ST", "ATS", "PA", "INF"]
    assert frame["nilai"].notna().all()


def test_small_wins_are_real_improvements(demo):
    wins = scorecard.small_wins(demo)
    assert not wins.empty
    for _, row in wins.iterrows():
        better = row["nilai"] < row["nilai_sebelumnya"] if row["arah"] == "turun" else \
            row["nilai"] > row["nilai_sebelumnya"]
        assert better or row["arah"] == "rentang"


def test_chart_targets_shared_else_province_else_none():
    shared = pd.DataFrame({"wilayah": ["76.01", "76.05"], "periode": ["2024", "2024"], "nilai": [14.0, 14.0],
                           "nilai_atas": [None, None]})
    assert len(scorecard.chart_targets(shared)) == 1
    different = shared.assign(nilai=[1707.0, 3359.0])
    assert scorecard.chart_targets(different).empty
    with_province = pd.concat([different, pd.DataFrame({"wilayah": ["76"], "periode": ["2024"], "nilai": [18.61],
                                                        "nilai_atas": [None]})])
    assert scorecard.chart_targets(with_province)["nilai"].tolist() == [18.61]
