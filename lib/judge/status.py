"""Target vs achievement: met or not, the status codes and colours, achievement %, change (pure functions).

No I/O, no Streamlit, no DuckDB. Numbers may be int, float or Decimal (DuckDB DECIMAL); None, NaN and
pandas' NA/NaT all mean "no data". ``arah`` says which way is better:

- ``naik``: higher is better (children intervened; target = sasaran).
- ``turun``: lower is better (stunting prevalence 35,0 → target 14).
- ``rentang``: a band ``[target, upper]`` (inflation 2,5 ± 1 → 1,5..3,5), i.e. target.nilai / target.nilai_atas.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

NAIK, TURUN, RENTANG = "naik", "turun", "rentang"
ARAH_VALUES = (NAIK, TURUN, RENTANG)

# Status codes are stored, exported and translated by i18n as-is: never rename them.
# Judged (a colour verdict against a documented target for the value's own period):
TERCAPAI = "tercapai"
TIDAK_TERCAPAI = "tidak tercapai"
# A band target (inflation) missed: the status names the side.
DI_BAWAH_SASARAN = "di bawah sasaran"
DI_ATAS_SASARAN = "di atas sasaran"
# Neutral (no colour verdict): the decision table in lib.judge.targets.judging_target says when.
BELUM_ADA_TARGET_ANTARA = "belum ada target antara"
BELUM_BISA_DINILAI = "belum bisa dinilai"
TIDAK_ADA_DATA = "tidak ada data"  # the label for a status of None; not a status itself
JUDGED = (TERCAPAI, DI_BAWAH_SASARAN, DI_ATAS_SASARAN, TIDAK_TERCAPAI)
NEUTRAL = (BELUM_ADA_TARGET_ANTARA, BELUM_BISA_DINILAI)
STATUSES = (*JUDGED, *NEUTRAL)  # best → worst, then the neutral ones: the order of every legend
BAND_MISSES = (DI_BAWAH_SASARAN, DI_ATAS_SASARAN)
MISSES = (TIDAK_TERCAPAI, *BAND_MISSES)  # a target of the value's own period not met: a red cell

# One colour per status, and none shared. Judged hues after Okabe–Ito (bluish green, blue) with a crimson and
# a purple that stay apart for red-green colour-blind viewers; the neutral ones are pale sand (no interim
# target), khaki (cannot be judged yet) and light grey (no official target), and "no data" is dark grey. A lama
# value is drawn in its status colour mixed with white (muted_color); tests/lib/test_status.py holds every pair,
# muted ones included, at least 20 CIELAB ΔE apart.
STATUS_COLORS = {
    TERCAPAI: "#009E73",
    TIDAK_TERCAPAI: "#B2182B",
    DI_BAWAH_SASARAN: "#0072B2",
    DI_ATAS_SASARAN: "#AA4499",
    BELUM_ADA_TARGET_ANTARA: "#F0E2B6",
    BELUM_BISA_DINILAI: "#A39274",
    TIDAK_ADA_DATA: "#6E6E6E",
}
# A value that has no documented target at all (or only an expired one): light grey, apart from the rest.
NO_TARGET_COLOR = "#E5E8EC"

DI_BAWAH_RENTANG, DALAM_RENTANG, DI_ATAS_RENTANG = "di bawah rentang", "dalam rentang", "di atas rentang"
MEMBAIK, TETAP, MEMBURUK = "membaik", "tetap", "memburuk"

# Float noise left by DECIMAL → float conversion is not a change between periods.
_EPS = 1e-9


class InvalidTargetError(ValueError):
    """A target or arah that cannot be judged; the message says how to fix it."""


@dataclass(frozen=True)
class Change:
    """Result of change_since_previous: delta = latest − previous, in the indicator's unit."""

    delta: float
    improved: bool
    direction: str  # MEMBAIK, TETAP or MEMBURUK


def _num(x: Any) -> float | None:
    if x is None:
        return None
    try:
        f = float(x)
    except TypeError:  # pandas NA / NaT: a missing cell, not a bug
        return None
    return None if math.isnan(f) else f


def _check_arah(arah: str) -> None:
    if arah not in ARAH_VALUES:
        raise InvalidTargetError(f"arah {arah!r} tidak dikenal; yang sah: {', '.join(ARAH_VALUES)}")


def _check_band(lower: float, upper: float) -> None:
    if upper < lower:
        raise InvalidTargetError(
            f"nilai_atas ({upper}) lebih kecil dari nilai ({lower}); untuk rentang isi nilai = batas bawah "
            "dan nilai_atas = batas atas"
        )


def _band_distance(value: float, lower: float, upper: float) -> float:
    return max(lower - value, value - upper, 0.0)


def _met(value: float, target: float, arah: str, upper: float | None) -> bool:
    if arah == NAIK:
        return value >= target
    if arah == TURUN:
        return value <= target
    return upper is not None and target <= value <= upper  # band edges count as inside


def _usable_baseline(baseline: float | None, target: float, arah: str) -> bool:
    # A baseline already at or past the target gives no span to measure progress along.
    if baseline is None or arah == RENTANG:
        return False
    return baseline < target if arah == NAIK else baseline > target


def is_target_met(value: Any, target: Any, arah: str, upper: Any = None) -> bool | None:
    """Whether the value is at/beyond the target (or inside the band); None without data."""
    _check_arah(arah)
    v, t, u = _num(value), _num(target), _num(upper)
    if v is None or t is None or (arah == RENTANG and u is None):
        return None
    if arah == RENTANG:
        _check_band(t, u)
    return _met(v, t, arah, u)


def band_position(value: Any, lower: Any, upper: Any) -> str | None:
    """DI_BAWAH_RENTANG, DALAM_RENTANG or DI_ATAS_RENTANG for a band indicator; None without data."""
    v, lo, hi = _num(value), _num(lower), _num(upper)
    if v is None or lo is None or hi is None:
        return None
    _check_band(lo, hi)
    if v < lo:
        return DI_BAWAH_RENTANG
    return DI_ATAS_RENTANG if v > hi else DALAM_RENTANG


def achievement_pct(value: Any, target: Any, arah: str, baseline: Any = None, upper: Any = None) -> float | None:
    """Achievement in % — the one formula every gauge and table shows (100 = target met, <0 moved away).

    - Progress from a baseline: (value − baseline) / (target − baseline) × 100, with the baseline on the
      not-yet-met side of the target. Stunting 35,0 → 14, value 30,3: 22,38 %.
    - naik without a usable baseline: the baseline is 0 (a cumulative count starts from nothing), so
      value / target × 100. Target 0 gives 100 when met.
    - turun without a usable baseline (none, equal to the target, or already past it): no achievement %
      (None) — a ratio target / value is not progress; classify_status still says whether it is met.
    - rentang: 100 inside [target, upper]; outside, 100 × (1 − d / h) with d the distance to the nearest
      edge and h the band half-width (one half-width outside is 0 %). Inflation 4,2 with 1,5–3,5: 30 %.
      A zero-width band gives 0 % when missed.
    Real numbers, not clipped: use clip_pct for a gauge.
    """
    _check_arah(arah)
    v, t, b, u = _num(value), _num(target), _num(baseline), _num(upper)
    if v is None or t is None or (arah == RENTANG and u is None):
        return None
    if arah == RENTANG:
        _check_band(t, u)
        half = (u - t) / 2
        distance = _band_distance(v, t, u)
        if distance == 0:
            return 100.0
        return 0.0 if half == 0 else (1 - distance / half) * 100
    if _usable_baseline(b, t, arah):
        return (v - b) / (t - b) * 100
    if arah == TURUN:
        return None
    if t <= 0:
        return 100.0 if _met(v, t, arah, u) else 0.0
    return v / t * 100


def distance_to_target(value: Any, target: Any, arah: str, upper: Any = None) -> float | None:
    """How far the value still is from the target, in the indicator's unit (0 when met); None without data.
    Stunting 35,4 against 14: 21,4 (points still to fall). A band: the distance to its nearest edge."""
    met = is_target_met(value, target, arah, upper)
    if met is None:
        return None
    if met:
        return 0.0
    v, t = _num(value), _num(target)
    if arah == RENTANG:
        return _band_distance(v, t, _num(upper))
    return abs(t - v)


def clip_pct(pct: float | None, lower: float = 0.0, upper: float = 100.0) -> float | None:
    """Clip an achievement % into [lower, upper] for a gauge or bar; None stays None."""
    return None if pct is None else min(max(pct, lower), upper)


def classify_status(value: Any, target: Any, arah: str, upper: Any = None) -> str | None:
    """The verdict of a value against a documented target of its own period (rows 1–2 of the decision table in
    lib.judge.targets): TERCAPAI, TIDAK_TERCAPAI, or for a band DI_BAWAH_SASARAN / DI_ATAS_SASARAN; None without
    data. No path, no threshold: the target of that period is met or it is not."""
    met = is_target_met(value, target, arah, upper)
    if met is None:
        return None
    if met:
        return TERCAPAI
    if arah == RENTANG:
        return DI_BAWAH_SASARAN if _num(value) < _num(target) else DI_ATAS_SASARAN
    return TIDAK_TERCAPAI


def status_color(status: str | None) -> str:
    """Hex colour for a status code; grey for None (no data)."""
    return STATUS_COLORS[TIDAK_ADA_DATA if status is None else status]


MUTED_MIX = 0.55  # share of a status colour left in a muted fill (a lama value); the rest is white


def muted_color(hex_colour: str, keep: float = MUTED_MIX) -> str:
    """A status colour mixed with white: how a status is drawn when its value is lama (lib.judge.freshness)."""
    rgb = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * keep):02X}" for c in rgb)


def change_since_previous(
    latest: Any, previous: Any, arah: str, target: Any = None, upper: Any = None
) -> Change | None:
    """Delta and whether it improved; None without both values (or, for rentang, without the band).

    rentang: closer to the band [target, upper] is better; staying inside counts as improved (TETAP).
    """
    _check_arah(arah)
    new, old = _num(latest), _num(previous)
    if new is None or old is None:
        return None
    delta = new - old
    if arah == RENTANG:
        lo, hi = _num(target), _num(upper)
        if lo is None or hi is None:
            return None
        _check_band(lo, hi)
        gain = _band_distance(old, lo, hi) - _band_distance(new, lo, hi)
        stayed_inside = _band_distance(old, lo, hi) == 0 and _band_distance(new, lo, hi) == 0
    else:
        gain = delta if arah == NAIK else -delta
        stayed_inside = False
    direction = MEMBAIK if gain > _EPS else MEMBURUK if gain < -_EPS else TETAP
    return Change(delta=delta, improved=direction == MEMBAIK or stayed_inside, direction=direction)
