"""Target vs achievement per wilayah: target choice, baseline, statuses and small wins on real data."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lib.db.connect import connect
from lib.judge import scorecard, status


@pytest.fixture(scope="module")
def demo(demo_db):
    with connect(demo_db) as connection:
        yield connection


NOV_2026 = date(2026, 11, 30)


def test_majene_stunting_2022_cannot_be_judged_against_the_passed_2024_target(demo):
    row = scorecard.assessed(demo, ["ST-PREV"], ["76.05"], today=NOV_2026).iloc[0]
    assert row["nilai"] == 40.6 and row["periode"] == "2022"
    # BKKBN's 2022 figure for the province is known only from an official's quote: a reference, not a target.
    assert (row["acuan"], row["acuan_tahun"]) == (28.49, "2022")
    assert (row["target"], row["target_cakupan"], row["target_tahun"], row["target_dasar"]) == (
        14.0, "nasional", "2024", "peraturan")
    assert (row["status"], row["aturan"]) == (status.BELUM_BISA_DINILAI, "target_lewat")
    assert row["membaik"] is False or row["membaik"] == False  # noqa: E712


def test_intervened_children_have_no_computed_target_only_a_stated_reference(demo):
    row = scorecard.assessed(demo, ["ST-INTERVENSI"], ["76.05"], until=date(2023, 8, 31)).iloc[0]
    assert pd.isna(row["target"]) and row["status"] is None  # the sasaran count is not a target
    sasaran = demo.execute("SELECT nilai FROM v_capaian WHERE indikator='ST-SASARAN' AND wilayah='76.05' "
                           "AND periode='2023-08'").fetchone()[0]
    assert row["bagian_penyebut"] == sasaran  # shown as a fact beside the count
    assert row["acuan"] == 16377 and row["acuan_cakupan"] == "provinsi"  # the Kabid's figure, a reference
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
    wins = scorecard.small_wins(demo, today=NOV_2026)
    assert not wins.empty
    for _, row in wins.iterrows():
        better = row["nilai"] < row["nilai_sebelumnya"] if row["arah"] == "turun" else \
            row["nilai"] > row["nilai_sebelumnya"]
        assert better or row["arah"] == "rentang"
    assert (wins["jenis"] == "resmi").all() and not wins["lama"].any()


def test_polewali_mandar_change_is_within_the_bpk_source_but_across_surveys_so_no_win(demo):
    row = scorecard.assessed(demo, ["ST-PREV"], ["76.04"], today=date(2024, 6, 30)).iloc[0]
    assert row["nilai_sebelumnya"] == 39.26 and row["nilai"] == 28.09  # BPK's own 2022 figure, not 39,3
    assert row["sumber_sebelumnya"] == row["sumber"]
    assert row["selisih"] == pytest.approx(-11.17)
    assert row["putus_seri"].startswith("SSGI 2022 → SKI 2023")  # one source quoting two surveys
    wins = scorecard.small_wins(demo, kabupaten=["76.04"], today=date(2024, 6, 30), limit=20)
    assert set(wins["wilayah"]) <= {"76.04"} and "ST-PREV" not in set(wins["indikator"])


def test_stale_wins_are_left_out(demo):
    wins = scorecard.small_wins(demo, kabupaten=["76.04"], today=NOV_2026, limit=20)
    assert "ST-PREV" not in set(wins["indikator"])  # SKI 2023 is lama in November 2026


def test_pasangkayu_poverty_p0_has_no_status_against_a_stated_figure(demo):
    row = scorecard.assessed(demo, ["KE-P0"], ["76.01"], today=NOV_2026).iloc[0]
    assert row["nilai"] == 5.09 and row["periode"] == "2022-03"
    assert row["status"] is None and pd.isna(row["target"])  # was "Tercapai" against KE-P0 6 %
    assert row["acuan"] == 6 and row["acuan_rujukan"].startswith("Kepala Bapperida")
    assert row["lama"]


def test_mamuju_tengah_stunting_is_no_longer_green_while_rising(demo):
    # Once "Tercapai" against the province's 2022 figure while rising; that figure is a quote, not a target.
    row = scorecard.assessed(demo, ["ST-PREV"], ["76.06"], today=NOV_2026).iloc[0]
    assert (row["nilai"], row["periode"]) == (28.1, "2022")
    assert row["status"] == status.BELUM_BISA_DINILAI and row["status"] not in status.JUDGED
    assert row["perubahan"] == status.MEMBURUK and row["selisih"] == pytest.approx(1.8)
    assert row["lama"] and row["usia_tahun"] == 4


def test_mamuju_december_2023_inflation_is_below_the_band(demo):
    row = scorecard.assessed(demo, ["INF-YOY"], ["76.02"], until=date(2023, 12, 31)).iloc[0]
    assert (row["nilai"], row["periode"]) == (1.82, "2023-12")
    assert (row["target"], row["target_atas"], row["target_tahun"]) == (2.0, 4.0, "2023")
    assert row["target_cakupan"] == "nasional" and row["target_rujukan"] == "PMK 101/PMK.010/2021"
    assert row["status"] == status.DI_BAWAH_SASARAN


def test_province_stunting_2024_is_judged_against_the_documented_national_target(demo):
    row = scorecard.assessed(demo, ["ST-PREV"], ["76"], today=NOV_2026).iloc[0]
    assert (row["target"], row["target_cakupan"], row["target_tahun"]) == (14.0, "nasional", "2024")
    assert row["target_dasar"] == "peraturan" and row["status"] == status.TIDAK_TERCAPAI
    assert row["baseline"] == 40.03 and row["capaian_pct"] == pytest.approx((40.03 - 35.4) / (40.03 - 14.0) * 100)
