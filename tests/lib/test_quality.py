"""Data quality: completeness (who has not reported), timeliness, and outliers against history and siblings."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lib.db.connect import connect
from lib.judge import quality
from lib.present import quality_tables


@pytest.fixture
def tiny(tiny_db):
    con = connect(tiny_db, read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def demo(demo_db):
    con = connect(demo_db, read_only=True)
    yield con
    con.close()


def cell(summary: pd.DataFrame, indikator: str, periode: str) -> pd.Series:
    rows = summary[(summary["indikator"] == indikator) & (summary["periode"] == periode)]
    assert len(rows) == 1, f"{indikator} {periode}: {len(rows)} rows"
    return rows.iloc[0]


# --- windows and reference date -------------------------------------------------------------------------

def test_window_ends_at_the_last_completed_period():
    months = [p.kode for p in quality.expected_periods("bulanan", date(2024, 1, 15))]
    assert months == [f"2023-{m:02d}" for m in range(1, 13)]
    assert [p.kode for p in quality.expected_periods("tahunan", date(2024, 1, 15))] == ["2021", "2022", "2023"]
    semesters = quality.expected_periods("semesteran", date(2024, 7, 1), quality.Window(12, 1))
    assert [p.kode for p in semesters] == ["2023-S2", "2024-S1"]


def test_year_filter_moves_the_reference_date_but_never_past_today():
    assert quality.reference_date(date(2023, 12, 31), date(2026, 11, 28)) == date(2024, 1, 1)
    assert quality.reference_date(date(2026, 12, 31), date(2026, 11, 28)) == date(2026, 11, 28)
    assert quality.reference_date(None, date(2026, 11, 28)) == date(2026, 11, 28)


# --- completeness -----------------------------------------------------------------------------------------

def test_completeness_counts_missing_province_and_kabupaten_per_period(tiny):
    grid = quality.completeness(tiny, date(2023, 6, 1), opd="DINKES")
    summary = quality.completeness_summary(grid)
    y2022 = cell(summary, "ST-PREV", "2022")  # Polewali Mandar and Majene reported, the province did not
    assert (y2022["diharapkan"], y2022["ada"]) == (3, 2)
    assert y2022["porsi"] == pytest.approx(2 / 3)
    assert y2022["belum_lapor"] == ["Sulawesi Barat"]
    y2021 = cell(summary, "ST-PREV", "2021")  # only Polewali Mandar reported 2021
    assert y2021["belum_lapor"] == ["Sulawesi Barat", "Majene"]
    assert cell(summary, "ST-PREV", "2020")["ada"] == 0
    reported = grid[(grid["indikator"] == "ST-PREV") & (grid["periode"] == "2021") & (grid["wilayah"] == "76.04")]
    assert reported["ada"].tolist() == [True]


def test_kabupaten_that_never_reported_an_indicator_is_not_expected(tiny):
    grid = quality.completeness(tiny, date(2023, 6, 1), opd="DINKES")
    ppgbm = set(grid.loc[grid["indikator"] == "ST-PPGBM", "wilayah"])
    assert ppgbm == {"76", "76.05"}  # Polewali Mandar never reported e-PPGBM
    inflation = quality.completeness(tiny, date(2024, 6, 1), opd="KETAPANG")
    assert set(inflation["wilayah"]) == {"76"}  # a province-only series flags no kabupaten


def test_weekly_code_counts_for_its_month(tiny):
    grid = quality.completeness(tiny, date(2023, 10, 1), opd="DINKES")
    province = grid[(grid["indikator"] == "ST-SASARAN") & (grid["wilayah"] == "76")].set_index("periode")["ada"]
    assert province["2023-08"] and not province["2023-07"]  # the province reported 2023-08-W2 only
    assert len(province) == 12
    summary = quality.completeness_summary(grid)  # the two kabupaten have (simulated) monthly values
    assert cell(summary, "ST-SASARAN", "2023-08")["porsi"] == 1.0
    july = cell(summary, "ST-SASARAN", "2023-07")
    assert july["belum_lapor"] == ["Sulawesi Barat"]
    assert (july["simulasi"], july["jenis"]) == (2, "simulasi")  # present, but only as simulated values
    assert cell(summary, "ST-PREV", "2022")["jenis"] == "resmi"
    monthly = dict(quality_tables.completeness_matrices(summary, "id"))["Bulanan"]
    assert "Balita stunting sasaran · ○ Simulasi" in monthly["Indikator"].tolist()


def test_completeness_follows_the_opd_and_kabupaten_filters(tiny):
    grid = quality.completeness(tiny, date(2023, 6, 1), kabupaten=("76.05",))
    assert set(grid["wilayah"]) == {"76.05"}
    assert set(quality.completeness(tiny, date(2024, 6, 1), opd="KETAPANG")["indikator"]) == {"INF-YOY"}
    assert quality.completeness_summary(quality.completeness(tiny, date(2024, 6, 1), opd="BIRO-HUKUM")).empty


def test_completeness_matrix_holds_shares_in_percent(tiny):
    summary = quality.completeness_summary(quality.completeness(tiny, date(2023, 6, 1), opd="DINKES"))
    (title, annual), *_ = quality_tables.completeness_matrices(summary, "id")
    assert title == "Tahunan"
    row = annual[annual["Indikator"] == "Prevalensi balita stunting"].iloc[0]
    assert row["2022"] == 67 and row["2020"] == 0  # 2 of 3, rounded
    gaps = quality_tables.gaps_table(summary, "id")
    assert "Sulawesi Barat, Majene" in gaps["Belum lapor"].tolist()


# --- timeliness ---------------------------------------------------------------------------------------------

def status_of(frame: pd.DataFrame, indikator: str, wilayah: str) -> tuple[str, object, object]:
    row = frame[(frame["indikator"] == indikator) & (frame["wilayah"] == wilayah)].iloc[0]
    return row["status"], row["terlambat"], row["periode"]


def test_timeliness_against_periodicity_with_an_injected_today(tiny):
    early = quality.timeliness(tiny, date(2024, 3, 1))
    assert status_of(early, "ST-PREV", "76.05") == ("tepat waktu", 0, "2022")
    late = quality.timeliness(tiny, date(2025, 3, 1))
    assert status_of(late, "ST-PREV", "76.05") == ("terlambat", 1, "2022")
    assert status_of(late, "ST-PREV", "76")[:2] == ("belum pernah", pd.NA)
    assert late["status"].iloc[0] == "terlambat"  # the latest come first
    assert status_of(quality.timeliness(tiny, date(2024, 2, 10)), "INF-YOY", "76")[:2] == ("tepat waktu", 0)
    assert status_of(quality.timeliness(tiny, date(2024, 4, 10)), "INF-YOY", "76")[:2] == ("terlambat", 2)


def test_values_of_periods_not_yet_ended_are_not_counted(tiny):
    frame = quality.timeliness(tiny, date(2022, 6, 1), opd="DINKES")
    assert status_of(frame, "ST-PREV", "76.04")[2] == "2021"
    assert "76.05" not in set(frame.loc[frame["indikator"] == "ST-PREV", "wilayah"])  # its first value is 2022


def test_timeliness_table_says_it_in_words(tiny):
    shown = quality_tables.timeliness_shown(quality.timeliness(tiny, date(2025, 3, 1)), "id")
    assert "Terlambat 1 periode" in shown["Status"].tolist()
    assert "Belum pernah ada angka" in shown["Status"].tolist()


# --- outliers -----------------------------------------------------------------------------------------------

def series(wilayah: str, values: list[float], indikator: str = "ST-SASARAN", satuan: str = "anak",
           induk: str = "76", jenis: str = "resmi") -> pd.DataFrame:
    """Monthly values of one wilayah from January 2023, the last one the latest."""
    months = pd.period_range("2023-01", periods=len(values), freq="M")
    return pd.DataFrame({
        "indikator": indikator, "wilayah": wilayah, "level": "kabupaten", "induk": induk,
        "periode": [str(m) for m in months], "mulai": [m.start_time.date() for m in months],
        "tanggal": [m.end_time.date() for m in months], "nilai": values, "jenis": jenis, "satuan": satuan,
    })


def same_period(values: dict[str, float], satuan: str = "persen", induk: str = "76") -> pd.DataFrame:
    """One value per sibling wilayah for the same period (2023)."""
    return pd.concat([series(w, [v], "ST-PREV", satuan, induk) for w, v in values.items()], ignore_index=True)


HISTORY = [100, 104, 98, 101, 97, 103]


def test_value_five_times_its_history_is_flagged_and_a_normal_one_is_not():
    values = pd.concat([series("76.05", [*HISTORY, 500]), series("76.04", [*HISTORY, 102])])
    found = quality.find_outliers(values)
    assert found["wilayah"].tolist() == ["76.05"]
    row = found.iloc[0]
    assert row["alasan"] == "riwayat" and row["periode"] == "2023-07" and row["nilai"] == 500
    assert row["pembanding"] == pytest.approx(100.5) and row["jumlah_pembanding"] == 6
    assert row["skor"] > quality.OUTLIER_THRESHOLD


def test_a_value_far_below_its_history_scores_negative():
    found = quality.history_outliers(series("76.05", [*HISTORY, 20]))
    assert len(found) == 1 and found["skor"].iloc[0] < -quality.OUTLIER_THRESHOLD


def test_too_little_history_is_never_flagged():
    assert quality.find_outliers(series("76.05", [100, 101, 99, 500])).empty  # three earlier values
    assert not quality.find_outliers(series("76.05", [100, 101, 99, 100, 500])).empty  # four are enough


def test_spread_floor_keeps_a_constant_series_from_exploding():
    assert quality.find_outliers(series("76.05", [100] * 6 + [101])).empty
    assert not quality.find_outliers(series("76.05", [100] * 6 + [150])).empty


def test_neighbour_outlier_among_sibling_kabupaten():
    values = same_period({"76.01": 30, "76.02": 32, "76.03": 29, "76.04": 31, "76.05": 33, "76.06": 90})
    found = quality.find_outliers(values)
    assert found["wilayah"].tolist() == ["76.06"]
    assert found["alasan"].iloc[0] == "tetangga" and found["jumlah_pembanding"].iloc[0] == 5
    assert found["pembanding"].iloc[0] == 31
    shown = quality_tables.outliers_shown(found.assign(nama_indikator="Prevalensi", nama_wilayah="Mamuju Tengah",
                                                nama_induk="Sulawesi Barat", sumber="SSGI"), "id")
    assert shown["Alasan"].iloc[0] == "Jauh di atas 5 kabupaten lain di Sulawesi Barat"


def test_neighbours_need_four_siblings_and_a_rate():
    assert quality.find_outliers(same_period({"76.01": 30, "76.02": 32, "76.03": 29, "76.06": 90})).empty
    counts = same_period({"76.01": 30, "76.02": 32, "76.03": 29, "76.04": 31, "76.05": 33, "76.06": 90}, "anak")
    assert quality.find_outliers(counts).empty  # head counts follow population size


def test_kecamatan_are_compared_within_their_own_kabupaten():
    majene = same_period({f"76.05.0{i}": 20 + i for i in range(1, 6)}, induk="76.05")
    mamuju = same_period({"76.02.01": 80, "76.02.02": 81, "76.02.03": 79, "76.02.04": 82, "76.02.05": 80},
                         induk="76.02")
    assert quality.find_outliers(pd.concat([majene, mamuju])).empty  # Mamuju's 80s are not Majene's neighbours


def test_outliers_sorted_by_strength_and_simulated_values_marked():
    values = pd.concat([series("76.05", [*HISTORY, 500], jenis="simulasi"), series("76.04", [*HISTORY, 160])])
    found = quality.find_outliers(values)
    assert found["wilayah"].tolist() == ["76.05", "76.04"]
    assert found["jenis"].tolist() == ["simulasi", "resmi"]
    shown = quality_tables.outliers_shown(found.assign(nama_indikator="Sasaran", nama_wilayah=["Majene", "Polman"],
                                                nama_induk="Sulawesi Barat", sumber="Dinkes"), "id")
    assert shown["Jenis data"].tolist() == ["○ Simulasi", "Resmi"]
    assert shown["Alasan"].iloc[0] == "Jauh di atas riwayatnya (6 periode sebelumnya)"
    assert shown["Nilai"].tolist() == ["○ 500 anak", "160 anak"]


# --- on the demo database -------------------------------------------------------------------------------------

def test_demo_outliers_have_the_contract_columns(demo):
    found = quality.outliers(demo, date(2026, 11, 28))
    assert {"indikator", "wilayah", "periode", "nilai", "jenis", "alasan", "skor", "pembanding"} <= set(found.columns)
    assert not found.empty and (found["skor"].abs() >= quality.OUTLIER_THRESHOLD).all()
    assert found["skor"].abs().is_monotonic_decreasing
    assert set(found["alasan"]) <= {"riwayat", "tetangga"}


@pytest.mark.parametrize("check", ["completeness", "timeliness", "outliers"])
def test_each_check_finds_rows_on_the_demo_database(demo, check):
    # No time limit here: a timed test fails on a busy machine, not on slow code (speed belongs in bench/).
    assert not getattr(quality, check)(demo, date(2026, 11, 28)).empty


@pytest.mark.parametrize(("code", "lang", "label"), [
    ("2025", "id", "2025"), ("2025-S2", "id", "Smt II 2025"), ("2025-S2", "en", "H2 2025"),
    ("2025-Q3", "id", "Tw III 2025"), ("2025-08", "id", "Agu 2025"), ("2023-08-W2", "id", "Mg II Agu 2023"),
    ("2023-08-W2", "en", "W2 Aug 2023")])
def test_short_period_labels_fit_a_column_heading(code, lang, label):
    assert quality_tables.period_label(code, lang) == label
