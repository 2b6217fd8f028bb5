"""Language: the UI string table and Indonesian/English number and date formatting (via babel)."""

from __future__ import annotations

import numbers
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from babel.dates import format_date as _babel_date
from babel.dates import format_skeleton, get_month_names
from babel.numbers import format_decimal

from lib.text.strings import load

LANGS = ("id", "en")
DEFAULT_LANG = "id"
MISSING = "–"  # en dash, shown for None / NaN
MINUS = "−"  # U+2212, the typographic minus for negative numbers and deltas

# Babel date format per style: CLDR standard widths and skeletons, so each language keeps its own order.
DATE_STYLES = {
    "long": ("format", "long"),  # 28 November 2026 / November 28, 2026
    "medium": ("format", "medium"),  # 28 Nov 2026 / Nov 28, 2026
    "month": ("skeleton", "yMMMM"),  # Agustus 2023 / August 2023
    "month_short": ("skeleton", "yMMM"),  # Agu 2023 / Aug 2023
}

# The count units, defined here once: a value in one of them counts people or things, so it is shown as a
# whole number and an upload refuses a negative or fractional one (lib.ingest.numbers.is_count). Every
# satuan in data/seed/indikator.csv is either a count unit or a measure (persen, indeks, rupiah); a test
# checks that no new satuan slips in unclassified.
COUNT_UNITS = ("anak", "jiwa", "perkara", "kegiatan", "KK", "balita", "orang", "keluarga", "rumah tangga", "desa")

STRINGS = load(LANGS)  # every UI text, key -> {lang: text}, read once from lib/text/strings/*.toml


def check_lang(lang: str) -> str:
    """Return lang if it is one of LANGS, else raise ValueError naming the choices."""
    if lang not in LANGS:
        raise ValueError(f"Bahasa '{lang}' tidak dikenal. Pilih salah satu: {', '.join(LANGS)}.")
    return lang


def t(key: str, lang: str = DEFAULT_LANG, **fmt: object) -> str:
    """The UI text for key in lang, with {placeholders} filled from fmt; unknown key raises KeyError."""
    check_lang(lang)
    if key not in STRINGS:
        raise KeyError(f"Teks '{key}' tidak ada; tambahkan ke lib/text/strings/{key.split('.')[0]}.toml dengan teks "
                       "id dan en.")
    text = STRINGS[key][lang]
    return text.format(**fmt) if fmt else text


def localized(result: object, lang: str = DEFAULT_LANG) -> object:
    """A query result for display in lang: each `X_en` column replaces `X` in English (where it has text).

    Queries return both languages (`nama` and `nama_en`, `periode_label` and `periode_label_en`); this is
    the one place that picks. The `_en` columns are dropped, so screens see the same columns in both
    languages. Tuples of frames are handled one by one; anything else passes through.
    """
    if isinstance(result, tuple):
        return tuple(localized(part, lang) for part in result)
    if not isinstance(result, pd.DataFrame):
        return result
    pairs = [(c, c[:-3]) for c in result.columns if isinstance(c, str) and c.endswith("_en") and c[:-3] in result]
    if not pairs:
        return result
    frame = result.copy()
    for english, base in pairs:
        if check_lang(lang) == "en":
            text = frame[english].where(frame[english].notna() & (frame[english].astype(str).str.strip() != ""))
            frame[base] = text.fillna(frame[base]) if len(frame) else frame[base]
    return frame.drop(columns=[english for english, _ in pairs])


def code_label(prefix: str, code: object, lang: str = DEFAULT_LANG) -> str:
    """A stored code in words, e.g. ('periodisitas', 'bulanan') -> 'monthly' in English; the code itself when
    no string has it."""
    key = f"{prefix}.{code}"
    return t(key, lang) if key in STRINGS else str(code)


def status_label(code: str | None, lang: str = DEFAULT_LANG) -> str:
    """Label of a lib.judge.status status code; None means no data ('Tidak ada data')."""
    return t(f"status.{'tidak ada data' if is_missing(code) or not code else code}", lang)


def month_name(month: int, lang: str = DEFAULT_LANG, width: str = "wide") -> str:
    """Month name, e.g. 8 -> 'Agustus' (wide) or 'Agu' (abbreviated)."""
    return get_month_names(width, context="stand-alone", locale=check_lang(lang))[month]


def is_missing(x: object) -> bool:
    """True for None, NaN, pd.NA and NaT (infinities are shown as missing too, by the formatters)."""
    if x is None:
        return True
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):  # arrays and other non-scalars are not "missing"
        return False


def _to_decimal(x: object) -> Decimal | None:
    """Exact decimal of a number (None when not finite); str() first so 40.65 stays 40.65, not 40.6499..."""
    if isinstance(x, bool) or not isinstance(x, (numbers.Real, Decimal)):
        raise TypeError(f"Bukan angka: {x!r} ({type(x).__name__}).")
    if isinstance(x, Decimal):
        value = x
    elif isinstance(x, numbers.Integral):
        value = Decimal(int(x))
    else:
        value = Decimal(str(float(x)))
    return value if value.is_finite() else None


def _round(value: Decimal, decimals: int) -> Decimal:
    """Round half up (babel alone rounds half to even); never return negative zero."""
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return rounded.copy_abs() if rounded == 0 else rounded


def _format(value: Decimal, decimals: int | None, lang: str, sign: bool = False) -> str:
    """Format with babel in lang's separators; decimals=None shows up to three decimals."""
    value = _round(value, 3 if decimals is None else decimals)
    if decimals is None:
        body = "#,##0.###"
    else:
        body = "#,##0." + "0" * decimals if decimals > 0 else "#,##0"
    positive = ("+" if sign and value > 0 else "") + body
    return format_decimal(value, format=f"{positive};{MINUS}{body}", locale=check_lang(lang))


def format_number(x: object, decimals: int | None = None, lang: str = DEFAULT_LANG) -> str:
    """A number in lang's style ('16.377', '1.234,5'); None/NaN -> '–'."""
    value = None if is_missing(x) else _to_decimal(x)
    return MISSING if value is None else _format(value, decimals, lang)


def _unit_key(satuan: str | None) -> str | None:
    """Canonical unit name for satuan (case-insensitive), or None when it is not in STRINGS."""
    if not satuan:
        return None
    for known in ("persen", *COUNT_UNITS):
        if satuan.strip().lower() == known.lower():
            return known
    return None


def percent_decimals(value: Decimal) -> int:
    """Two decimals when the value carries a second decimal (2.21), otherwise one (40.6)."""
    return 2 if _round(value, 2) != _round(value, 1) else 1


def _decimals_for(unit: str | None, value: Decimal, decimals: int | None) -> int | None:
    """Decimals to show: caller's choice, else 0 for counts, 1–2 for percent, up to 3 otherwise."""
    if decimals is not None:
        return decimals
    if unit in COUNT_UNITS:
        return 0
    return percent_decimals(value) if unit == "persen" else None


def _unit_text(unit: str | None, satuan: str | None, number: Decimal, lang: str, delta: bool) -> str:
    """The unit as written after the number, including its leading space where one belongs."""
    if unit == "persen":
        return " " + t("unit.poin", lang) if delta else t("unit.persen", lang)
    if unit is None:
        known = f"unit.{satuan.strip()}" if satuan else ""
        if known in STRINGS:  # a unit with a translation but no plural form (indeks)
            return " " + t(known, lang)
        return f" {satuan.strip()}" if satuan and satuan.strip() else ""
    key = f"unit.{unit}.one" if abs(number) == 1 else f"unit.{unit}"
    return " " + t(key, lang)


def _format_with_unit(x: object, satuan: str | None, lang: str, decimals: int | None, delta: bool) -> str:
    """Shared body of format_value and format_delta."""
    value = None if is_missing(x) else _to_decimal(x)
    if value is None:
        return MISSING
    unit = _unit_key(satuan)
    places = _decimals_for(unit, value, decimals)
    shown = _round(value, places) if places is not None else value
    return _format(shown, places, lang, sign=delta) + _unit_text(unit, satuan, shown, lang, delta)


def format_value(x: object, satuan: str | None, lang: str = DEFAULT_LANG, decimals: int | None = None) -> str:
    """A figure with its unit: '40,6%', '2,21%', '16.377 anak'; None/NaN -> '–'."""
    return _format_with_unit(x, satuan, lang, decimals, delta=False)


def format_delta(x: object, satuan: str | None, lang: str = DEFAULT_LANG, decimals: int | None = None) -> str:
    """A change with explicit sign: '+1,2 poin' for persen, '−350 anak'; zero has no sign."""
    return _format_with_unit(x, satuan, lang, decimals, delta=True)


def format_date(d: date | datetime | str | None, lang: str = DEFAULT_LANG, style: str = "long") -> str:
    """A date in lang and style (see DATE_STYLES): '28 November 2026', 'Agu 2023'; None -> '–'."""
    if is_missing(d):
        return MISSING
    if style not in DATE_STYLES:
        raise ValueError(f"Gaya tanggal '{style}' tidak dikenal. Pilih salah satu: {', '.join(DATE_STYLES)}.")
    if isinstance(d, str):
        d = date.fromisoformat(d)
    kind, pattern = DATE_STYLES[style]
    locale = check_lang(lang)
    if kind == "skeleton":
        return format_skeleton(pattern, d, locale=locale)
    return _babel_date(d, pattern, locale=locale)
