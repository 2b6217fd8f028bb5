"""Behaviour of lib.judge.status: achievement %, met or not, colours, change since the last period."""
import math
from decimal import Decimal

import pandas as pd
import pytest

from lib.judge import status as s

# --- achievement_pct -------------------------------------------------------------------------------

def test_turun_with_baseline_is_progress_from_baseline_to_target():
    # Stunting 35,0 (2022) → target 14 (2024), now 30,3: 4,7 of 21 points = 22,38 %.
    assert s.achievement_pct(30.3, 14, s.TURUN, baseline=35.0) == pytest.approx(22.381, abs=1e-3)


def test_turun_without_baseline_has_no_achievement_but_a_status():
    # Majene KE-P0 15,13 % had 40 % (6 / 15,13) from a ratio; without a baseline there is no progress to show.
    assert s.achievement_pct(15.13, 6, s.TURUN) is None
    assert s.classify_status(15.13, 6, s.TURUN) == s.TIDAK_TERCAPAI
    assert s.classify_status(5.09, 6, s.TURUN) == s.TERCAPAI


def test_naik_without_and_with_baseline():
    assert s.achievement_pct(750, 1000, s.NAIK) == pytest.approx(75.0)
    assert s.achievement_pct(750, 1200, s.NAIK, baseline=200) == pytest.approx(55.0)


def test_decimal_values_from_duckdb_are_accepted():
    pct = s.achievement_pct(Decimal("30.3"), Decimal("14"), s.TURUN, Decimal("35.0"))
    assert pct == pytest.approx(22.381, abs=1e-3)


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, pd.NaT])
def test_no_data_gives_none_everywhere(missing):
    assert s.achievement_pct(missing, 14, s.TURUN, baseline=35) is None
    assert s.achievement_pct(30, missing, s.TURUN) is None
    assert s.classify_status(missing, 14, s.TURUN) is None
    assert s.is_target_met(missing, 14, s.TURUN) is None
    assert s.band_position(missing, 1.5, 3.5) is None
    assert s.change_since_previous(missing, 30, s.TURUN) is None


def test_rentang_without_upper_bound_is_no_data():
    assert s.achievement_pct(2.0, 1.5, s.RENTANG) is None
    assert s.classify_status(2.0, 1.5, s.RENTANG) is None


def test_baseline_equal_to_target_gives_no_progress_for_turun_and_zero_baseline_for_naik():
    assert s.achievement_pct(20, 14, s.TURUN, baseline=14) is None
    assert s.classify_status(20, 14, s.TURUN) == s.TIDAK_TERCAPAI
    assert s.achievement_pct(500, 1000, s.NAIK, baseline=1000) == pytest.approx(50.0)


def test_baseline_already_past_target_is_ignored():
    # Baseline 10 is already under target 14: no span to measure progress along; 12 still meets it.
    assert s.achievement_pct(12, 14, s.TURUN, baseline=10) is None
    assert s.classify_status(12, 14, s.TURUN) == s.TERCAPAI


def test_value_past_target_is_reported_unclipped_and_tercapai():
    pct = s.achievement_pct(10, 14, s.TURUN, baseline=35)
    assert pct == pytest.approx(119.048, abs=1e-3)
    assert s.clip_pct(pct) == 100.0
    assert s.classify_status(10, 14, s.TURUN) == s.TERCAPAI
    assert s.achievement_pct(1200, 1000, s.NAIK) == pytest.approx(120.0)


def test_worsening_gives_negative_achievement_and_tidak_tercapai():
    assert s.achievement_pct(37.1, 14, s.TURUN, baseline=35) == pytest.approx(-10.0)
    assert s.achievement_pct(150, 1200, s.NAIK, baseline=200) == pytest.approx(-5.0)
    assert s.classify_status(37.1, 14, s.TURUN) == s.TIDAK_TERCAPAI


def test_target_zero():
    # KE ekstrem target 0 % (2024).
    assert s.achievement_pct(1.0, 0, s.TURUN, baseline=2.5) == pytest.approx(60.0)
    assert s.achievement_pct(1.0, 0, s.TURUN) is None
    assert s.classify_status(0, 0, s.TURUN) == s.TERCAPAI
    assert s.classify_status(1.0, 0, s.TURUN) == s.TIDAK_TERCAPAI
    assert s.distance_to_target(1.46, 0, s.TURUN) == pytest.approx(1.46)
    assert s.distance_to_target(0, 0, s.TURUN) == 0.0
    assert s.distance_to_target(4.2, 1.5, s.RENTANG, upper=3.5) == pytest.approx(0.7)
    assert s.achievement_pct(5, 0, s.NAIK) == 100.0


@pytest.mark.parametrize(
    "value, pct, position",
    [(4.2, 30.0, s.DI_ATAS_RENTANG), (0.9, 40.0, s.DI_BAWAH_RENTANG), (2.0, 100.0, s.DALAM_RENTANG),
     (3.5, 100.0, s.DALAM_RENTANG), (1.5, 100.0, s.DALAM_RENTANG), (5.5, -100.0, s.DI_ATAS_RENTANG)],
)
def test_rentang_band(value, pct, position):
    # Inflation 2,5 ± 1: half-width 1; 100 × (1 − distance to nearest edge / half-width).
    assert s.achievement_pct(value, 1.5, s.RENTANG, upper=3.5) == pytest.approx(pct)
    assert s.band_position(value, 1.5, 3.5) == position


def test_rentang_status():
    assert s.classify_status(2.0, 1.5, s.RENTANG, upper=3.5) == s.TERCAPAI
    assert s.classify_status(3.5, 1.5, s.RENTANG, upper=3.5) == s.TERCAPAI  # the edge is inside
    # Outside the band is never on track, however close: the status names the side.
    assert s.classify_status(3.6, 1.5, s.RENTANG, upper=3.5) == s.DI_ATAS_SASARAN  # 90 %
    assert s.classify_status(4.2, 1.5, s.RENTANG, upper=3.5) == s.DI_ATAS_SASARAN
    assert s.classify_status(0.9, 1.5, s.RENTANG, upper=3.5) == s.DI_BAWAH_SASARAN
    # Mamuju December 2023: 1,82 % against 2,0–4,0 (once "sesuai jalur" at 82 %).
    assert s.classify_status(1.82, 2.0, s.RENTANG, upper=4.0) == s.DI_BAWAH_SASARAN


def test_zero_width_band():
    assert s.achievement_pct(2.5, 2.5, s.RENTANG, upper=2.5) == 100.0
    assert s.achievement_pct(2.6, 2.5, s.RENTANG, upper=2.5) == 0.0


def test_invalid_arah_and_inverted_band_raise_with_the_fix():
    with pytest.raises(s.InvalidTargetError, match="naik, turun, rentang"):
        s.achievement_pct(1, 2, "atas")
    with pytest.raises(s.InvalidTargetError, match="nilai_atas"):
        s.achievement_pct(2.0, 3.5, s.RENTANG, upper=1.5)


def test_clip_pct():
    assert s.clip_pct(-12.0) == 0.0
    assert s.clip_pct(55.5) == 55.5
    assert s.clip_pct(130.0, upper=120.0) == 120.0
    assert s.clip_pct(None) is None


# --- classify_status: met or not, no path ----------------------------------------------------------

def test_a_value_is_met_or_not_whatever_its_progress():
    # 99 % of the way from a baseline is still not the target; no time path softens the verdict.
    assert s.classify_status(14.1, 14, s.TURUN) == s.TIDAK_TERCAPAI
    assert s.classify_status(999, 1000, s.NAIK) == s.TIDAK_TERCAPAI
    assert s.classify_status(1000, 1000, s.NAIK) == s.TERCAPAI
    assert s.classify_status(None, 1000, s.NAIK) is None


def _lab(hex_colour: str) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB hex colour, for the ΔE between two fills."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(hex_colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_status_colours():
    assert set(s.STATUS_COLORS) == set(s.STATUSES) | {s.TIDAK_ADA_DATA}
    assert all(len(c) == 7 and c.startswith("#") for c in s.STATUS_COLORS.values())
    assert s.status_color(None) == s.STATUS_COLORS[s.TIDAK_ADA_DATA]
    assert s.status_color(s.TERCAPAI) == "#009E73"


def test_no_two_statuses_look_alike_muted_ones_included():
    # Every status (both band sides included), "no target", "no data" and the muted (lama) look of each judged
    # status: at least 20 CIELAB ΔE apart, so a faded red never reads as purple and no neutral as a verdict.
    fills = {**{code: colour for code, colour in s.STATUS_COLORS.items()}, "tanpa target": s.NO_TARGET_COLOR,
             **{f"{code} (lama)": s.muted_color(s.status_color(code)) for code in s.JUDGED}}
    assert len(set(fills.values())) == len(fills)
    names = list(fills)
    for i, one in enumerate(names):
        for other in names[i + 1:]:
            if other == f"{one} (lama)":
                continue  # a status and its own muted look are meant to be kin
            distance = math.dist(_lab(fills[one]), _lab(fills[other]))
            assert distance >= 20, f"{one} {fills[one]} and {other} {fills[other]}: ΔE {distance:.1f}"


def test_status_codes_are_stable():
    assert s.STATUSES == ("tercapai", "di bawah sasaran", "di atas sasaran", "tidak tercapai",
                          "belum ada target antara", "belum bisa dinilai")
    assert s.MISSES == ("tidak tercapai", "di bawah sasaran", "di atas sasaran")


# --- change_since_previous -------------------------------------------------------------------------

@pytest.mark.parametrize(
    "latest, previous, arah, delta, improved, direction",
    [
        (30.3, 35.0, s.TURUN, -4.7, True, s.MEMBAIK),
        (36.0, 35.0, s.TURUN, 1.0, False, s.MEMBURUK),
        (450, 500, s.NAIK, -50, False, s.MEMBURUK),
        (550, 500, s.NAIK, 50, True, s.MEMBAIK),
        (500, 500, s.NAIK, 0, False, s.TETAP),
    ],
)
def test_change_naik_turun(latest, previous, arah, delta, improved, direction):
    change = s.change_since_previous(latest, previous, arah)
    assert change.delta == pytest.approx(delta)
    assert (change.improved, change.direction) == (improved, direction)


@pytest.mark.parametrize(
    "latest, previous, improved, direction",
    [
        (3.8, 4.2, True, s.MEMBAIK),  # closer to the band from above
        (3.0, 2.0, True, s.TETAP),  # stayed inside
        (4.0, 3.0, False, s.MEMBURUK),  # left the band
        (0.5, 4.0, False, s.MEMBURUK),  # crossed it: 0,5 above → 1,0 below
        (1.0, 4.5, True, s.MEMBAIK),  # crossed it: 1,0 above → 0,5 below
    ],
)
def test_change_rentang(latest, previous, improved, direction):
    change = s.change_since_previous(latest, previous, s.RENTANG, target=1.5, upper=3.5)
    assert change.delta == pytest.approx(latest - previous)
    assert (change.improved, change.direction) == (improved, direction)


def test_change_rentang_without_band_is_none():
    assert s.change_since_previous(3.0, 4.0, s.RENTANG) is None
