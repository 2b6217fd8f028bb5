"""lib.judge.forecast: the guarded forecast of target attainment and its sentence."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lib.judge import forecast


def series(values: dict[int, float], jenis: str = "resmi") -> pd.DataFrame:
    """A yearly series: {year: value}."""
    return pd.DataFrame({"tanggal": [date(y, 12, 31) for y in values], "periode_label": [str(y) for y in values],
                         "nilai": list(values.values()), "jenis": jenis})


WILAYAH = "76"


def targets(value: float, year: int = 2024, upper: float | None = None, dasar: str = "peraturan",
            wilayah: str = WILAYAH, lingkup: str = "daerah", start: int | None = None) -> pd.DataFrame:
    """One target row as lib.data.queries.targets gives it (for a value of WILAYAH)."""
    return pd.DataFrame({"wilayah": [WILAYAH], "target_wilayah": [wilayah], "periode": [str(year)],
                         "periode_label": [str(year)], "lingkup": [lingkup], "nilai": [value], "nilai_atas": [upper],
                         "sumber": ["Perpres 72/2021"], "url": [None], "dasar": [dasar], "rujukan": [None],
                         "tanggal_mulai": [date(start or year, 1, 1)], "tanggal_akhir": [date(year, 12, 31)]})


def outlook(values: pd.DataFrame, goals: pd.DataFrame, arah: str, breaks=()):
    return forecast.outlook(values, goals, arah, WILAYAH, breaks)


STUNTING = {2021: 33.8, 2022: 35.0, 2023: 30.3, 2024: 29.0}


def text(found, satuan="persen", name="Prevalensi"):
    return forecast.outlook_text(found, satuan, name)


def test_improving_series_is_forecast_late_in_words():
    found = outlook(series(STUNTING), targets(18.61), "turun")
    assert found.kind == forecast.DIPERKIRAKAN and found.year > 2024
    assert text(found) == (f"Dengan laju 2021–2024, target 18,61% diperkirakan tercapai {found.year} — terlambat "
                           f"{found.year - 2024} tahun dari target 2024.")


def test_forecast_before_the_target_year_says_so():
    found = outlook(series({2020: 30.0, 2021: 26.0, 2022: 22.0}), targets(14.0, 2030), "turun")
    assert found.year == 2024
    assert text(found).endswith("— 6 tahun sebelum target 2030.")


def test_flat_series_will_not_be_met():
    found = outlook(series({2021: 30.0, 2022: 30.0, 2023: 30.0}), targets(14.0), "turun")
    assert found.kind == forecast.TIDAK
    assert "tidak akan tercapai" in text(found)


def test_wrong_direction_will_not_be_met():
    found = outlook(series({2021: 25.0, 2022: 27.0, 2023: 29.0}), targets(14.0), "turun")
    assert found.kind == forecast.TIDAK


def test_already_met_needs_no_trend():
    found = outlook(series({2024: 13.5}), targets(14.0), "turun")
    assert found.kind == forecast.TERCAPAI
    assert text(found) == "Target 14,0% (2024) sudah tercapai: 13,5% (2024)."


def test_band_target_inside_is_met_and_outside_is_forecast_to_the_nearest_edge():
    band = targets(1.5, 2025, upper=3.5)
    inside = outlook(series({2023: 2.0, 2024: 2.4, 2025: 2.6}), band, "rentang")
    assert inside.kind == forecast.TERCAPAI and "1,5–3,5%" in text(inside)
    above = outlook(series({2023: 6.0, 2024: 5.0, 2025: 4.0}), band, "rentang")
    assert above.kind == forecast.DIPERKIRAKAN and above.year == 2026  # falls 1 point a year to 3,5
    rising = outlook(series({2023: 4.0, 2024: 5.0, 2025: 6.0}), band, "rentang")
    assert rising.kind == forecast.TIDAK


def test_too_few_points_make_no_forecast():
    found = outlook(series({2023: 30.0, 2024: 28.0}), targets(14.0), "turun")
    assert found.kind == forecast.KURANG
    assert text(found) == ("Prakiraan target Prevalensi: tidak dibuat — perlu minimal 3 titik data resmi "
                           "(sejak putus seri terakhir), baru ada 2.")


def test_simulated_values_are_never_used():
    assert outlook(series(STUNTING, jenis="simulasi"), targets(18.61), "turun") is None
    mixed = pd.concat([series({2021: 33.8, 2022: 35.0}), series({2023: 20.0, 2024: 19.0}, jenis="simulasi")])
    assert outlook(mixed, targets(18.61), "turun").kind == forecast.KURANG


def test_no_forecast_across_a_series_break():
    values = series({2019: 9.0, 2020: 8.0, 2021: 7.0, 2022: 6.0, 2023: 5.0})
    band = targets(1.5, 2025, upper=3.5)
    assert outlook(values, band, "rentang").kind == forecast.DIPERKIRAKAN
    found = outlook(values, band, "rentang", breaks=[date(2022, 1, 1)])
    assert found.kind == forecast.KURANG and found.points == 2 and found.first_label == "2022"

def test_breaks_come_from_the_putus_seri_rows_of_the_series():
    rows = pd.DataFrame({"indikator": ["INF-YOY", "INF-YOY", "ST-PREV"], "wilayah": ["76.02", "76.02", "76.01"],
                         "tanggal": [date(2020, 1, 1), date(2024, 1, 1), date(2019, 1, 1)]})
    assert forecast.break_dates(rows, "INF-YOY", "76.02") == (date(2020, 1, 1), date(2024, 1, 1))
    assert forecast.break_dates(rows, "INF-YOY", "76.01") == ()
    assert forecast.break_dates(rows.iloc[0:0], "INF-YOY", "76.02") == ()


def test_no_target_no_forecast_and_statements_are_not_targets():
    assert outlook(series(STUNTING), targets(18.61).iloc[0:0], "turun") is None
    stated = targets(15.0, dasar="pernyataan")
    assert outlook(series(STUNTING), stated, "turun") is None
    assert outlook(series(STUNTING), targets(15.0, dasar="dokumen"), "turun").kind == forecast.DIPERKIRAKAN


def test_the_target_is_the_one_of_the_latest_values_year_and_the_most_specific_scope():
    goals = pd.concat([targets(14.0, 2030, start=2025), targets(18.61, 2024), targets(20.0, 2024, wilayah="76.01")])
    found = outlook(series(STUNTING), goals, "turun")
    assert (found.target, found.target_year) == (18.61, 2024)  # not the 2030 milestone, not a sibling's
    own = forecast.outlook(series(STUNTING), goals.assign(wilayah="76.01"), "turun", "76.01")
    assert own.target == 20.0  # the kabupaten's own target before the province's
    national = targets(10.0, 2024, lingkup="nasional")
    assert outlook(series(STUNTING), pd.concat([national, targets(18.61, 2024)]), "turun").target == 18.61


def test_an_expired_target_makes_no_forecast():
    assert outlook(series({2025: 28.0, 2026: 27.0, 2027: 26.0}), targets(18.61, 2024), "turun") is None


@pytest.mark.parametrize("lang", ["id", "en"])
def test_both_languages_have_every_sentence(lang):
    for found in (outlook(series(STUNTING), targets(18.61), "turun"),
                  outlook(series({2024: 13.5}), targets(14.0), "turun"),
                  outlook(series({2021: 30.0, 2022: 30.0, 2023: 30.0}), targets(14.0), "turun")):
        assert forecast.outlook_text(found, "persen", "x", lang)
