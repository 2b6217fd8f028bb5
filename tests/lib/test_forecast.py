"""lib.judge.forecast: the fitted line with its 95 % interval, the guards (official values, breaks, documented
targets whose year has not passed) and the sentence with its caveat, each rule on small built series."""
from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd
import pytest

from lib.judge import forecast

WILAYAH = "76"
TODAY = date(2025, 6, 1)


def series(values: dict[int, float], jenis: str = "resmi") -> pd.DataFrame:
    """A yearly series: {year: value}, dated at the end of each year as lib.data.queries.series gives it."""
    return pd.DataFrame({"tanggal": [date(y, 12, 31) for y in values], "periode_label": [str(y) for y in values],
                         "nilai": list(values.values()), "jenis": jenis})


def targets(value: float, year: int = 2030, upper: float | None = None, dasar: str = "peraturan",
            wilayah: str = WILAYAH, lingkup: str = "daerah", start: int | None = None) -> pd.DataFrame:
    """One target row as lib.data.queries.targets gives it (for a value of WILAYAH)."""
    return pd.DataFrame({"wilayah": [WILAYAH], "target_wilayah": [wilayah], "periode": [str(year)],
                         "periode_label": [str(year)], "lingkup": [lingkup], "nilai": [value], "nilai_atas": [upper],
                         "sumber": ["Perpres 72/2021"], "url": [None], "dasar": [dasar], "rujukan": [None],
                         "tanggal_mulai": [date(start or year, 1, 1)], "tanggal_akhir": [date(year, 12, 31)]})


def outlook(values: pd.DataFrame, goals: pd.DataFrame, arah: str = "turun", breaks=(), today: date = TODAY):
    return forecast.outlook(values, goals, arah, WILAYAH, breaks, today)


def text(found, satuan="persen", name="Prevalensi", lang="id"):
    return forecast.outlook_text(found, satuan, name, lang)


FALLING = {2021: 30.0, 2022: 28.1, 2023: 26.0, 2024: 24.1}  # about −2 a year, little noise
STUNTING = {2021: 33.8, 2022: 35.0, 2023: 30.3, 2024: 29.0}  # up, down, down: the interval includes zero
SLOW = {2019: 30.0, 2020: 29.6, 2021: 29.5, 2022: 29.0, 2023: 29.1, 2024: 28.6}  # −0,35 to −0,16 a year


# --- the fit and its interval -----------------------------------------------------------------------------------

def test_t_quantiles_are_the_student_t_975_values_and_conservative_between_rows():
    assert forecast.t975(1) == 12.706 and forecast.t975(2) == 4.303 and forecast.t975(30) == 2.042
    assert forecast.t975(35) == forecast.t975(30)  # between rows: the smaller df, a slightly wider interval
    assert forecast.t975(10_000) == 1.980
    with pytest.raises(ValueError):
        forecast.t975(0)


def test_fit_gives_the_least_squares_slope_per_year_and_its_95_interval():
    dates = [date(y, 12, 31) for y in FALLING]
    fit = forecast.fit_line(dates, FALLING.values())
    x = np.array([d.toordinal() / 365.25 for d in dates])
    y = np.array(list(FALLING.values()))
    slope, intercept = np.polyfit(x, y, 1)
    se = np.sqrt(((y - (slope * x + intercept)) ** 2).sum() / 2 / ((x - x.mean()) ** 2).sum())
    assert fit.slope == pytest.approx(slope)
    assert (fit.low, fit.high) == pytest.approx((slope - 4.303 * se, slope + 4.303 * se))
    assert fit.high < 0  # a clear fall


def test_fit_needs_three_points_on_more_than_one_date():
    assert forecast.fit_line([date(2021, 1, 1), date(2022, 1, 1)], [1.0, 2.0]) is None
    assert forecast.fit_line([date(2021, 1, 1)] * 3, [1.0, 2.0, 3.0]) is None
    exact = forecast.fit_line([date(2021, 1, 1), date(2022, 1, 1), date(2023, 1, 1)], [5.0, 5.0, 5.0])
    assert exact.low == exact.high == exact.slope == 0


# --- a range of years, never one year as a certainty --------------------------------------------------------------

def test_a_clear_improvement_is_forecast_as_a_range_of_years_with_its_caveat():
    found = outlook(series(FALLING), targets(14.0, 2030))
    assert found.kind == forecast.DIPERKIRAKAN
    assert TODAY.year <= found.year < found.year_late
    assert found.slope_low < found.slope_high < 0
    sentence = text(found)
    assert sentence.startswith(f"Target 14,0% (2030): dengan laju 2021–2024, diperkirakan tercapai antara "
                               f"{found.year} dan {found.year_late} — ")
    assert sentence.endswith(")") and "(4 titik resmi 2021–2024; interval 95% laju per tahun: −" in sentence


def test_the_range_says_whether_the_target_year_is_inside_it():
    early = outlook(series({2021: 30.0, 2022: 26.1, 2023: 22.0, 2024: 18.1}), targets(14.0, 2040))
    assert early.year_late <= 2040 and "dalam tahun target 2040 atau sebelumnya" in text(early)
    late = outlook(series(FALLING), targets(14.0, 2026), today=date(2026, 1, 1))
    assert late.year > 2026 and "sesudah tahun target 2026, jadi terlambat" in text(late)
    straddle = outlook(series(FALLING), targets(14.0, found_year := 2029))
    assert straddle.year <= found_year < straddle.year_late
    assert "bisa tepat waktu atau terlambat dari tahun target 2029" in text(straddle)


def test_a_slope_interval_including_zero_is_tren_belum_jelas_without_a_year():
    found = outlook(series(STUNTING), targets(14.0, 2030))
    assert found.kind == forecast.BELUM_JELAS and found.slope_low < 0 < found.slope_high
    assert found.year is None
    sentence = text(found)
    assert "tren belum jelas" in sentence and "diperkirakan tercapai" not in sentence
    assert "interval 95% laju per tahun:" in sentence  # the interval in words, next to the sentence
    assert set(re.findall(r"\b20\d\d\b", sentence)) <= {"2021", "2024", "2030"}  # no forecast year


def test_a_flat_series_is_tren_belum_jelas():
    assert outlook(series({2021: 30.0, 2022: 30.0, 2023: 30.0}), targets(14.0)).kind == forecast.BELUM_JELAS


def test_a_clear_move_away_from_the_target_will_not_be_met():
    found = outlook(series({2021: 25.0, 2022: 27.1, 2023: 29.0, 2024: 31.1}), targets(14.0))
    assert found.kind == forecast.TIDAK and found.slope_low > 0
    assert "tidak akan tercapai" in text(found) and "interval 95%" in text(found)


def test_a_range_end_beyond_a_century_is_said_as_such():
    found = outlook(series(SLOW), targets(0.0, 2030))
    assert found.kind == forecast.DIPERKIRAKAN and found.year_late is None
    assert "paling lambat lebih dari 100 tahun lagi" in text(found)


def test_a_range_wholly_beyond_a_century_names_no_year():
    crawl = {2019: 30.0, 2020: 29.96, 2021: 29.95, 2022: 29.90, 2023: 29.91, 2024: 29.86}  # −0,035 … −0,016 a year
    found = outlook(series(crawl), targets(0.0, 2030))
    assert found.kind == forecast.DIPERKIRAKAN and found.year is None and found.year_late is None
    assert "diperkirakan tercapai lebih dari 100 tahun lagi — sesudah tahun target 2030, jadi terlambat" in text(found)


# --- never a year already past ------------------------------------------------------------------------------------

def test_a_range_that_would_begin_before_today_starts_at_the_current_year():
    found = outlook(series({2019: 30.0, 2020: 26.0, 2021: 22.1}), targets(14.0, 2030), today=date(2026, 3, 1))
    assert found.kind == forecast.DIPERKIRAKAN  # the line reached 14 in 2023 already, the values did not
    assert found.year == 2026 and found.year_late >= 2026


def test_a_passed_target_is_not_forecast_and_says_what_its_year_showed():
    found = outlook(series({2022: 35.0, 2023: 30.3, 2024: 35.4}), targets(18.61, 2024), today=date(2026, 12, 6))
    assert found.kind == forecast.LEWAT and found.compared == forecast.NILAI_TAHUN and found.met is False
    assert text(found) == ("Target 18,61% (2024) sudah lewat; nilai 2024: 35,4%, tidak tercapai. Tidak ada target "
                           "terdokumentasi sesudahnya, jadi tidak ada prakiraan.")
    met = outlook(series({2023: 20.0, 2024: 13.0}), targets(14.0, 2024), today=date(2026, 1, 1))
    assert met.met and "nilai 2024: 13,0%, tercapai" in text(met)


def test_a_passed_target_without_a_value_of_its_year_names_the_latest_value_before_it():
    found = forecast.outlook(series({2021: 36.0, 2022: 39.3, 2023: 28.09}), targets(14.0, 2024, lingkup="nasional"),
                             "turun", "76.04", (), date(2026, 12, 6))
    assert found.compared == forecast.NILAI_SEBELUM
    assert text(found).startswith("Target nasional 14,0% (2024) sudah lewat; nilai terakhir 2023: 28,09%, belum "
                                  "mencapainya (nilai 2024 belum ada).")
    after = outlook(series({2025: 28.0, 2026: 27.0}), targets(18.61, 2024), today=date(2027, 3, 1))
    assert after.compared == forecast.NILAI_SESUDAH
    assert "tanpa nilai resmi untuk 2024; nilai berikutnya 2025: 28,0%" in text(after)


def test_a_passed_band_names_the_side_it_missed():
    band = targets(1.5, 2024, upper=3.5)
    above = outlook(series({2024: 4.2}), band, "rentang", today=date(2025, 2, 1))
    assert above.kind == forecast.LEWAT and "nilai 2024: 4,2%, di atas sasaran" in text(above)
    below = outlook(series({2024: 0.9}), band, "rentang", today=date(2025, 2, 1))
    assert "di bawah sasaran" in text(below)


def test_only_a_target_whose_year_has_not_passed_is_forecast_against():
    goals = pd.concat([targets(18.61, 2024), targets(14.0, 2030, start=2025)])
    found = outlook(series(FALLING), goals)
    assert (found.target, found.target_year) == (14.0, 2030)  # 2024 has passed on 1 June 2025
    this_year = pd.concat([targets(18.61, 2024), targets(20.0, 2025)])
    assert outlook(series(FALLING), this_year).target_year == 2025  # the year of today has not passed


def test_the_most_specific_documented_target_wins_and_its_scope_is_named():
    goals = pd.concat([targets(14.0, 2030, lingkup="nasional"), targets(16.0, 2030), targets(20.0, 2030,
                                                                                            wilayah="76.01")])
    own = forecast.outlook(series(FALLING), goals.assign(wilayah="76.01"), "turun", "76.01", (), TODAY)
    assert own.target == 20.0 and own.cakupan == "wilayah"
    province = forecast.outlook(series(FALLING), goals.iloc[:2].assign(wilayah="76.02"), "turun", "76.02", (), TODAY)
    assert province.target == 16.0 and text(province).startswith("Target provinsi 16,0% (2030):")
    sibling = forecast.outlook(series(FALLING), targets(20.0, 2030, wilayah="76.01").assign(wilayah="76.02"),
                               "turun", "76.02", (), TODAY)
    assert sibling is None  # never a sibling kabupaten's target


def test_statements_are_never_targets():
    assert outlook(series(FALLING), targets(15.0, dasar="pernyataan")) is None
    stated_ahead = pd.concat([targets(15.0, 2030, dasar="pernyataan"), targets(18.61, 2024)])
    assert outlook(series(FALLING), stated_ahead).kind == forecast.LEWAT  # the documented one, passed
    assert outlook(series(FALLING), targets(15.0, dasar="dokumen")).kind == forecast.DIPERKIRAKAN


def test_no_target_or_no_official_value_no_sentence():
    assert outlook(series(FALLING), targets(14.0).iloc[0:0]) is None
    assert outlook(series(FALLING, jenis="simulasi"), targets(14.0)) is None


# --- guards: official values, breaks, enough points ---------------------------------------------------------------

def test_already_met_needs_no_trend():
    found = outlook(series({2024: 13.5}), targets(14.0, 2030))
    assert found.kind == forecast.TERCAPAI
    assert text(found) == "Target 14,0% (2030): nilai terakhir 13,5% (2024) sudah memenuhinya."


def test_band_inside_is_met_and_above_is_forecast_to_the_upper_edge():
    band = targets(1.5, 2030, upper=3.5)
    inside = outlook(series({2023: 2.0, 2024: 2.4, 2025: 2.6}), band, "rentang", today=date(2026, 1, 1))
    assert inside.kind == forecast.TERCAPAI and "Sasaran 1,5–3,5% (2030)" in text(inside)
    above = outlook(series({2023: 6.0, 2024: 5.0, 2025: 4.02}), band, "rentang", today=date(2026, 1, 1))
    assert above.kind == forecast.DIPERKIRAKAN and above.year == 2026  # the line is at 3,5 early in 2026


def test_too_few_points_make_no_forecast_and_say_how_many():
    found = outlook(series({2023: 30.0, 2024: 28.0}), targets(14.0))
    assert found.kind == forecast.KURANG
    assert text(found) == ("Target 14,0% (2030): prakiraan Prevalensi tidak dibuat — perlu minimal 3 titik data resmi "
                           "sejak putus seri terakhir, baru ada 2. (2 titik resmi 2023–2024)")


def test_simulated_values_are_never_used():
    mixed = pd.concat([series({2021: 33.8, 2022: 32.0}), series({2023: 20.0, 2024: 19.0}, jenis="simulasi")])
    found = outlook(mixed, targets(14.0))
    assert found.kind == forecast.KURANG and found.points == 2 and found.last_label == "2022"


def test_only_the_points_since_the_last_break_are_fitted_and_the_caveat_names_the_break():
    values = series({2019: 40.0, 2021: 33.8, 2022: 31.9, 2023: 30.1, 2024: 28.0})
    whole = outlook(values, targets(14.0))
    assert whole.points == 5 and whole.broken_at is None
    cut = forecast.Break(date(2021, 1, 1), "2021", "SSGBI 2019 → SSGI 2021, survei berbeda")
    found = outlook(values, targets(14.0), breaks=[cut])
    assert found.points == 4 and found.first_label == "2021" and found.kind == forecast.DIPERKIRAKAN
    assert text(found).endswith("; titik sebelum 2021 tidak dipakai karena putus seri: SSGBI 2019 → SSGI 2021, "
                                "survei berbeda)")
    assert text(found).count("(4 titik resmi 2021–2024;") == 1


def test_a_break_leaving_too_few_points_says_so():
    values = series({2021: 33.8, 2022: 35.0, 2023: 30.3, 2024: 35.4})
    found = outlook(values, targets(14.0), breaks=[date(2021, 1, 1), date(2023, 1, 1), date(2024, 1, 1)])
    assert found.kind == forecast.KURANG and found.points == 1
    assert "baru ada 1. (1 titik resmi 2024; titik sebelum 2024 tidak dipakai karena putus seri)" in text(found)
    assert "(1 official point 2024; points before 2024 left out at a series break)" in text(found, lang="en")


def test_a_break_after_the_latest_value_does_not_cut_it():
    found = outlook(series(FALLING), targets(14.0), breaks=[date(2026, 1, 1)])
    assert found.points == 4 and found.broken_at is None


def test_breaks_come_from_the_putus_seri_rows_of_the_series():
    rows = pd.DataFrame({"indikator": ["INF-YOY", "INF-YOY", "ST-PREV"], "wilayah": ["76.02", "76.02", "76.01"],
                         "tanggal": [date(2020, 1, 1), date(2024, 1, 1), date(2019, 1, 1)],
                         "periode_label": ["Januari 2020", "Januari 2024", "2019"],
                         "keterangan": ["2012=100 → 2018=100", "2018=100 → 2022=100", "x"]})
    assert forecast.break_dates(rows, "INF-YOY", "76.02") == (date(2020, 1, 1), date(2024, 1, 1))
    assert forecast.series_breaks(rows, "INF-YOY", "76.02")[1] == forecast.Break(
        date(2024, 1, 1), "Januari 2024", "2018=100 → 2022=100")
    assert forecast.break_dates(rows, "INF-YOY", "76.01") == ()
    assert forecast.break_dates(rows.iloc[0:0], "INF-YOY", "76.02") == ()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_both_languages_have_every_sentence(lang):
    band = targets(1.5, 2024, upper=3.5)
    found = [outlook(series(FALLING), targets(14.0)), outlook(series({2024: 13.5}), targets(14.0)),
             outlook(series(STUNTING), targets(14.0)), outlook(series({2021: 25.0, 2022: 27.1, 2023: 29.0}),
                                                               targets(14.0)),
             outlook(series({2023: 30.0, 2024: 28.0}), targets(14.0)),
             outlook(series(SLOW), targets(0.0)),
             outlook(series({2024: 4.2}), band, "rentang"), outlook(series({2023: 40.0}), targets(14.0, 2024)),
             outlook(series({2025: 28.0}), targets(14.0, 2024))]
    kinds = {f.kind for f in found}
    assert kinds == {forecast.DIPERKIRAKAN, forecast.TERCAPAI, forecast.BELUM_JELAS, forecast.TIDAK,
                     forecast.KURANG, forecast.LEWAT}
    for one in found:
        assert "{" not in text(one, lang=lang)
