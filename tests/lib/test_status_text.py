"""What a status says beside itself on the demo data (lib.present.status_text): basis, age, direction, heading."""
from datetime import date

import pandas as pd
import pytest

from lib.charts import values as charts
from lib.data import queries
from lib.db.connect import connect
from lib.judge import scorecard, status
from lib.present import status_text

NOV_2026 = date(2026, 11, 30)


@pytest.fixture(scope="module")
def demo(demo_db):
    with connect(demo_db) as connection:
        yield connection


def test_majene_poverty_card_names_its_indicator_and_has_no_status(demo):
    row = scorecard.kabupaten_headlines(demo, "76.05", today=NOV_2026).set_index("isu").loc["KE"]
    assert status_text.status_line(row) == "Tanpa target resmi · lama, data Maret 2022 · 4 tahun lalu"
    assert status_text.basis_text(row) == ("6,0% (2030) disampaikan Kepala Bapperida Sulbar (31-07-2025), "
                                           "bukan target resmi")


def test_ats_card_is_a_fact_without_a_status(demo):
    row = scorecard.province_headlines(demo, today=NOV_2026).set_index("isu").loc["ATS"]
    assert status_text.status_word(row) == "Tanpa target resmi"  # was "Tidak sesuai jalur" against 3.724
    assert status_text.share_text(row) == "21% dari 3.724 anak (Anak tidak sekolah terkonfirmasi)"
    assert status_text.age_text(row) == "data Minggu III Agustus 2023 · 3 tahun lalu"
    assert status_text.status_fill(row) == status.NO_TARGET_COLOR


def test_every_status_says_against_what(demo):
    row = scorecard.province_headlines(demo, today=NOV_2026).set_index("isu").loc["ST"]
    assert status_text.target_text(row) == "Target nasional 14,0% (2024) · Perpres 72/2021"
    mamuju = scorecard.assessed(demo, ["INF-YOY"], ["76.02"], until=date(2023, 12, 31)).iloc[0]
    assert status_text.target_text(mamuju) == "Sasaran nasional 2,0–4,0% (2023) · PMK 101/PMK.010/2021"
    assert status_text.status_word(mamuju) == "Di bawah sasaran"


def test_changes_carry_arrow_and_direction_colour(demo):
    rows = scorecard.province_headlines(demo, today=NOV_2026).set_index("isu")
    assert status_text.change_text(rows.loc["KE"]) == "▲ 0,71 poin, memburuk"
    assert status_text.change_color(rows.loc["KE"]) == status.STATUS_COLORS[status.TIDAK_TERCAPAI]
    assert status_text.change_text(rows.loc["PA"]) == "▼ 6,01 poin, membaik"
    assert status_text.change_color(rows.loc["PA"]) == status.STATUS_COLORS[status.TERCAPAI]


def test_lama_status_is_muted_and_current_one_is_not(demo):
    rows = scorecard.province_headlines(demo, today=NOV_2026).set_index("isu")
    assert rows.loc["INF", "lama"] and status_text.status_fill(rows.loc["INF"]) == status.muted_color(
        status.STATUS_COLORS[status.TERCAPAI])
    # a neutral status (no verdict) is never muted: its colour already says "not judged"
    assert rows.loc["PA", "lama"] and status_text.status_fill(rows.loc["PA"]) == status.STATUS_COLORS[
        status.BELUM_BISA_DINILAI]
    fresh = scorecard.province_headlines(demo, today=date(2025, 1, 31)).set_index("isu")
    assert not fresh.loc["ST", "lama"]
    assert status_text.status_fill(fresh.loc["ST"]) == status.STATUS_COLORS[fresh.loc["ST", "status"]]


def test_ranking_across_kabupaten_says_which_values_are_older(demo):
    matrix = scorecard.kabupaten_matrix(demo, today=NOV_2026)
    stunting = matrix[matrix["isu"] == "ST"]
    note = status_text.older_values_text(stunting)
    assert note.startswith("Periode tidak sama: nilai terbaru 2023") and "Majene (2022)" in note
    assert status_text.older_values_text(matrix[matrix["isu"] == "PA"]) == ""  # one period for all


def test_inflation_trend_is_not_joined_across_the_cpi_base_change(demo):
    history = queries.series(demo, ["INF-YOY"], ["76.02"], date(2024, 6, 30))
    breaks = queries.series_breaks(demo, ["INF-YOY"], ["76.02"])
    assert breaks["periode"].tolist() == ["2020-01", "2024-01"]
    spec = charts.trend_chart(history, unit_label="%", breaks=breaks).to_dict()
    data = spec["datasets"]
    segments = next(rows for rows in data.values() if rows and "tanggal2" in rows[0])
    assert not any(s["tanggal"].startswith("2023-12") and s["tanggal2"].startswith("2024-01") for s in segments)
    rules = [lay for lay in spec["layer"] if lay["mark"]["type"] == "rule" and lay["encoding"]["x"]["field"] == "tanggal"]
    assert rules, "the break is drawn as a vertical rule"
    labels = [r for rows in data.values() for r in rows if r.get("label") == "Putus seri · Mamuju"]
    assert any("2018=100" in r["keterangan"] for r in labels)


def test_a_change_across_survey_families_is_named_and_never_a_small_win(demo):
    row = scorecard.province_headlines(demo, today=NOV_2026).set_index("isu").loc["ST"]
    assert row["putus_seri"].startswith("SKI 2023 → SSGI 2024, survei berbeda")
    assert status_text.change_text(row).startswith("▲ 5,1 poin, memburuk (putus seri: SKI 2023 → SSGI 2024")
    assert "sejak 2023 (putus seri: SKI 2023 → SSGI 2024" in status_text.change_since_text(row)
    wins = scorecard.small_wins(demo, today=date(2025, 1, 31), limit=50)
    assert wins["putus_seri"].isna().all()
    # the same source family on both sides: no note
    ke = scorecard.province_headlines(demo, today=NOV_2026).set_index("isu").loc["KE"]
    assert pd.isna(ke["putus_seri"]) and "putus seri" not in status_text.change_text(ke)
