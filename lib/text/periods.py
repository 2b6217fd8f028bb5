"""Period codes: parsing, labels, ordering.

A value carries the period its source *measured*: `2023`, `2023-S1`, `2023-Q3`, `2023-08` (Susenas March 2024 is
`2024-03`, not the year 2024), `2023-08-W2`. A value whose measurement period is unknown carries the day it was
announced instead, `2023-09-01-diumumkan` (jenis `diumumkan`, first and last day that date): its label says
"tahun data tidak diketahui, diumumkan 1 September 2023", never a year.
"""

from __future__ import annotations

import calendar
import functools
import numbers
import re
from dataclasses import dataclass
from datetime import date

from lib.text.i18n import format_date, month_name, t


@dataclass(frozen=True)
class Periodicity:
    """Every fact of one indicator periodisitas, in one row: the rules and screens read them from here."""

    kode: str  # the periodisitas as stored (indikator.periodisitas), e.g. "bulanan"; words: code_label
    jenis: str  # the period jenis it reports in: bulanan -> bulan
    per_year: int  # periods of that jenis in one year (weeks: four per month, W4 runs to month end)
    days: int  # typical length of one period in days (a year can have 366): gaps in a line chart
    stale_after: tuple[int, int]  # (months, days) a value stays current after its period ended (freshness)
    frequent: bool  # completeness windows count it in months, not years (lib.judge.quality)

    @property
    def months(self) -> float:
        """Months per period (weekly: a quarter of a month)."""
        return 12 / self.per_year


# Coarse to fine. The allowance covers the publication lag plus one missed release (lib.judge.freshness).
PERIODICITIES = {p.kode: p for p in (
    Periodicity("tahunan", "tahun", 1, 366, (24, 0), False),
    Periodicity("semesteran", "semester", 2, 184, (12, 0), False),
    Periodicity("triwulanan", "triwulan", 4, 92, (6, 0), False),
    Periodicity("bulanan", "bulan", 12, 31, (3, 0), True),
    Periodicity("mingguan", "minggu", 48, 7, (0, 56), True),
)}
# The period jenis, coarse to fine; the position is the tie-break when two periods start on the same day.
JENIS = tuple(p.jenis for p in PERIODICITIES.values())
_BY_JENIS = {p.jenis: p for p in PERIODICITIES.values()}
# A value whose measurement period is unknown: the day it was announced ('2023-09-01-diumumkan').
ANNOUNCED = "diumumkan"
ANNOUNCED_SUFFIX = "-" + ANNOUNCED
ALL_JENIS = (*JENIS, ANNOUNCED)  # every periode.jenis the schema allows
# The finer measured periods a periodicity accepts besides its own: a survey or statement month (Susenas
# March for an annual series), or, for monthly counts, the week of the apel that reported them.
FINER_ALLOWED = {
    "tahunan": ("semester", "triwulan", "bulan"),
    "semesteran": ("triwulan", "bulan"),
    "triwulanan": ("bulan",),
    "bulanan": ("minggu",),
    "mingguan": (),
}
_ROMAN = ("I", "II", "III", "IV")
_VALID_FORMS = ("Bentuk yang sah: 2023, 2023-S1, 2023-Q3, 2023-08, 2023-08-W2; bila periode data tidak diketahui, "
                "tanggal diumumkan: 2023-09-01-diumumkan.")

_PATTERN = re.compile(
    r"(?P<year>[12]\d{3})"
    r"(?:-S(?P<sem>\d+)|-Q(?P<tri>\d+)|-(?P<month>\d{1,2})(?:-W(?P<week>\d+))?)?",
    re.IGNORECASE,
)
_ANNOUNCED_PATTERN = re.compile(r"(?P<year>[12]\d{3})-(?P<month>\d{2})-(?P<day>\d{2})-diumumkan", re.IGNORECASE)


class PeriodError(ValueError):
    """A period code, jenis or periodisitas that is not recognised; the message says the fix."""


@dataclass(frozen=True)
class Period:
    """One period: its canonical code, jenis, first and last day, and labels in both languages."""

    kode: str
    jenis: str
    mulai: date
    akhir: date
    label_id: str
    label_en: str

    def label(self, lang: str = "id") -> str:
        """Label in the given language ("id" or "en")."""
        return self.label_en if lang == "en" else self.label_id

    @property
    def sort_key(self) -> tuple[date, int]:
        """Chronological key: by start date, coarser jenis first (an announcement day last)."""
        return (self.mulai, ALL_JENIS.index(self.jenis))

    @property
    def measured(self) -> bool:
        """Whether the code names the period the source measured (False: only the announcement day is known)."""
        return self.jenis != ANNOUNCED


def _error(code: object, hint: str = "") -> PeriodError:
    """Build the standard 'unknown period code' error, with an optional specific hint."""
    message = f"Kode periode '{code}' tidak dikenal. {_VALID_FORMS}"
    return PeriodError(f"{message} {hint}" if hint else message)


def _to_text(code: object) -> str:
    """Accept str (surrounding whitespace ignored) and whole numbers (pandas reads '2023' as int)."""
    if isinstance(code, numbers.Integral) and not isinstance(code, bool):
        return str(int(code))
    if not isinstance(code, str):
        raise PeriodError(
            f"Kode periode harus berupa teks, bukan {type(code).__name__} ({code!r}). {_VALID_FORMS}"
        )
    if not code.strip():
        raise PeriodError(f"Kode periode kosong. {_VALID_FORMS}")
    return code.strip()


def _check_index(code: str, value: str, maximum: int, hint: str) -> int:
    """Return value as int when it lies in 1..maximum, else raise with the hint."""
    number = int(value)
    if not 1 <= number <= maximum:
        raise _error(code, hint)
    return number


def _split(code: str) -> tuple[str, int, int]:
    """Parse a code into (jenis, year, index within the year, 1-based)."""
    match = _PATTERN.fullmatch(code)
    if match is None:
        raise _error(code)
    year = int(match["year"])
    if match["sem"]:
        return "semester", year, _check_index(code, match["sem"], 2, "Semester hanya S1 atau S2.")
    if match["tri"]:
        return "triwulan", year, _check_index(code, match["tri"], 4, "Triwulan hanya Q1–Q4.")
    if match["month"] is None:
        return "tahun", year, 1
    if len(match["month"]) != 2:
        raise _error(code, f"Bulan ditulis dua angka, misalnya {year}-0{match['month']}.")
    month = _check_index(code, match["month"], 12, "Bulan harus 01–12.")
    if match["week"] is None:
        return "bulan", year, month
    hint = "Minggu hanya W1–W4; tanggal 22 sampai akhir bulan masuk W4."
    week = _check_index(code, match["week"], 4, hint)
    return "minggu", year, (month - 1) * 4 + week


def _bounds(jenis: str, year: int, index: int) -> tuple[date, date]:
    """First and last day of the index-th period of this jenis in the year."""
    if jenis == "tahun":
        return date(year, 1, 1), date(year, 12, 31)
    if jenis == "minggu":
        month, week = divmod(index - 1, 4)
        month, week = month + 1, week + 1
        last = calendar.monthrange(year, month)[1] if week == 4 else 7 * week
        return date(year, month, 7 * (week - 1) + 1), date(year, month, last)
    span = int(_BY_JENIS[jenis].months)
    first_month, last_month = (index - 1) * span + 1, index * span
    return date(year, first_month, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])


def _code(jenis: str, year: int, index: int) -> str:
    """Canonical code for the index-th period of this jenis in the year."""
    if jenis == "tahun":
        return str(year)
    if jenis == "semester":
        return f"{year}-S{index}"
    if jenis == "triwulan":
        return f"{year}-Q{index}"
    if jenis == "bulan":
        return f"{year}-{index:02d}"
    month, week = divmod(index - 1, 4)
    return f"{year}-{month + 1:02d}-W{week + 1}"


def _label(jenis: str, year: int, index: int, lang: str) -> str:
    """Human label, e.g. 'Minggu II Agustus 2023' / 'Week II, August 2023'."""
    if jenis == "tahun":
        return str(year)
    if jenis == "bulan":
        return t("period.bulan", lang, month=month_name(index, lang), year=year)
    if jenis == "minggu":
        month, week = divmod(index - 1, 4)
        return t("period.minggu", lang, n=week + 1, roman=_ROMAN[week],
                 month=month_name(month + 1, lang), year=year)
    return t(f"period.{jenis}", lang, n=index, roman=_ROMAN[index - 1], year=year)


def _make(jenis: str, year: int, index: int) -> Period:
    """Build the Period for the index-th period of this jenis in the year."""
    mulai, akhir = _bounds(jenis, year, index)
    return Period(
        kode=_code(jenis, year, index),
        jenis=jenis,
        mulai=mulai,
        akhir=akhir,
        label_id=_label(jenis, year, index, "id"),
        label_en=_label(jenis, year, index, "en"),
    )


def _announced(code: str) -> Period | None:
    """The Period of an announcement-day code ('2023-09-01-diumumkan'), None for any other form."""
    match = _ANNOUNCED_PATTERN.fullmatch(code)
    if match is None:
        return None
    try:
        day = date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        raise _error(code, "Tanggal diumumkan tidak ada di kalender (tahun-bulan-tanggal, mis. "
                           "2023-09-01-diumumkan).") from None
    return announced_period(day)


def announced_period(day: date) -> Period:
    """The period of a value whose measurement period is unknown: only the day it was announced."""
    return Period(
        kode=f"{day.isoformat()}{ANNOUNCED_SUFFIX}",
        jenis=ANNOUNCED,
        mulai=day,
        akhir=day,
        label_id=t("period.diumumkan", "id", tanggal=format_date(day, "id")),
        label_en=t("period.diumumkan", "en", tanggal=format_date(day, "en")),
    )


@functools.cache
def announced_periods(first_year: int, last_year: int) -> tuple[Period, ...]:
    """The announcement-day period of every day in first_year..last_year, in order (built once: every record
    build stores them)."""
    if first_year > last_year:
        raise PeriodError(f"Tahun awal {first_year} lebih besar dari tahun akhir {last_year}.")
    first, last = date(first_year, 1, 1).toordinal(), date(last_year, 12, 31).toordinal()
    return tuple(announced_period(date.fromordinal(day)) for day in range(first, last + 1))


def parse_period(code: object) -> Period:
    """Parse a period code into a Period; raise PeriodError saying the valid forms."""
    text = _to_text(code)
    return _announced(text) or _make(*_split(text))


def periods_between(first_year: int, last_year: int) -> list[Period]:
    """Every period of every jenis in first_year..last_year, ordered by start then coarser first."""
    if first_year > last_year:
        raise PeriodError(f"Tahun awal {first_year} lebih besar dari tahun akhir {last_year}.")
    periods = [
        _make(jenis, year, index)
        for year in range(first_year, last_year + 1)
        for jenis in JENIS
        for index in range(1, _BY_JENIS[jenis].per_year + 1)
    ]
    return sorted(periods, key=lambda p: p.sort_key)


def periodicity(periodisitas: str) -> Periodicity:
    """The facts of one periodisitas; PeriodError listing the valid ones when it is unknown."""
    try:
        return PERIODICITIES[periodisitas]
    except KeyError:
        valid = ", ".join(PERIODICITIES)
        raise PeriodError(
            f"Periodisitas '{periodisitas}' tidak dikenal. Yang sah: {valid}."
        ) from None


def jenis_for_periodicity(periodisitas: str) -> str:
    """The period jenis an indicator periodisitas reports in (bulanan -> bulan)."""
    return periodicity(periodisitas).jenis


def fits_periodicity(code: object, periodisitas: str) -> bool:
    """Whether a period code suits an indicator's periodisitas.

    Its own jenis fits, and so does a finer measured period the periodicity allows (FINER_ALLOWED: an annual
    series measured in March is `2024-03`; monthly counts reported at a weekly apel carry the week). An
    announcement day fits every periodicity: its measurement period is unknown. A coarser period never fits.
    """
    jenis = jenis_for_periodicity(periodisitas)
    period_jenis = parse_period(code).jenis
    return period_jenis in (jenis, ANNOUNCED, *FINER_ALLOWED[periodisitas])


def periodicity_period(code: object, periodisitas: str) -> Period | None:
    """The period of the periodicity's own jenis that holds a fitting code ('2024-03', tahunan -> '2024');
    None for an announcement day or a code that does not fit."""
    period = parse_period(code)
    if not period.measured or not fits_periodicity(period.kode, periodisitas):
        return None
    return period_of_date(period.mulai, jenis_for_periodicity(periodisitas))


def previous_period(code: object) -> Period:
    """The period of the same jenis one step earlier ('2024-01' -> '2023-12'); an announcement day has none."""
    text = _to_text(code)
    if _ANNOUNCED_PATTERN.fullmatch(text):
        raise PeriodError(f"Periode {text} hanya tanggal diumumkan; tidak ada periode sebelumnya.")
    jenis, year, index = _split(text)
    if index > 1:
        return _make(jenis, year, index - 1)
    return _make(jenis, year - 1, _BY_JENIS[jenis].per_year)


def period_of_date(d: date, jenis: str) -> Period:
    """The period of the given jenis that contains date d."""
    if jenis not in _BY_JENIS:
        raise PeriodError(f"Jenis periode '{jenis}' tidak dikenal. Yang sah: {', '.join(JENIS)}.")
    if jenis == "tahun":
        index = 1
    elif jenis == "minggu":
        index = (d.month - 1) * 4 + min((d.day - 1) // 7 + 1, 4)
    else:
        index = (d.month - 1) // int(_BY_JENIS[jenis].months) + 1
    return _make(jenis, d.year, index)


def max_gap_days(periodisitas: str) -> float:
    """The widest distance between two consecutive periods; anything wider means a period is missing."""
    return periodicity(periodisitas).days * 1.5
