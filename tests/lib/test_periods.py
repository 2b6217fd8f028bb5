"""Tests for lib.text.periods: parsing, labels, errors, ordering, periodicity fit and stepping."""

import re
from datetime import date
from pathlib import Path

import pytest

from lib.text.periods import (
    ALL_JENIS,
    ANNOUNCED,
    JENIS,
    PERIODICITIES,
    Period,
    PeriodError,
    announced_periods,
    fits_periodicity,
    jenis_for_periodicity,
    parse_period,
    period_of_date,
    periodicity_period,
    periods_between,
    previous_period,
)

VALID_FORMS = ("Bentuk yang sah: 2023, 2023-S1, 2023-Q3, 2023-08, 2023-08-W2; bila periode data tidak diketahui, "
               "tanggal diumumkan: 2023-09-01-diumumkan.")


@pytest.mark.parametrize(
    "code, jenis, mulai, akhir",
    [
        ("2023", "tahun", date(2023, 1, 1), date(2023, 12, 31)),
        ("2023-S1", "semester", date(2023, 1, 1), date(2023, 6, 30)),
        ("2023-S2", "semester", date(2023, 7, 1), date(2023, 12, 31)),
        ("2023-Q1", "triwulan", date(2023, 1, 1), date(2023, 3, 31)),
        ("2023-Q3", "triwulan", date(2023, 7, 1), date(2023, 9, 30)),
        ("2023-08", "bulan", date(2023, 8, 1), date(2023, 8, 31)),
        ("2024-02", "bulan", date(2024, 2, 1), date(2024, 2, 29)),
        ("2023-08-W1", "minggu", date(2023, 8, 1), date(2023, 8, 7)),
        ("2023-08-W2", "minggu", date(2023, 8, 8), date(2023, 8, 14)),
        ("2023-08-W3", "minggu", date(2023, 8, 15), date(2023, 8, 21)),
        ("2023-08-W4", "minggu", date(2023, 8, 22), date(2023, 8, 31)),
        ("2023-02-W4", "minggu", date(2023, 2, 22), date(2023, 2, 28)),
    ],
)
def test_parse_period_bounds(code, jenis, mulai, akhir):
    period = parse_period(code)
    assert (period.kode, period.jenis, period.mulai, period.akhir) == (code, jenis, mulai, akhir)


@pytest.mark.parametrize(
    "code, label_id, label_en",
    [
        ("2023", "2023", "2023"),
        ("2023-S1", "Semester I 2023", "Semester I 2023"),
        ("2023-S2", "Semester II 2023", "Semester II 2023"),
        ("2023-Q3", "Triwulan III 2023", "Q3 2023"),
        ("2023-Q4", "Triwulan IV 2023", "Q4 2023"),
        ("2023-08", "Agustus 2023", "August 2023"),
        ("2023-05", "Mei 2023", "May 2023"),
        ("2023-08-W2", "Minggu II Agustus 2023", "Week II, August 2023"),
        ("2023-12-W4", "Minggu IV Desember 2023", "Week IV, December 2023"),
    ],
)
def test_period_labels(code, label_id, label_en):
    period = parse_period(code)
    assert (period.label_id, period.label_en) == (label_id, label_en)
    assert (period.label("id"), period.label("en")) == (label_id, label_en)


def test_period_is_frozen():
    period = parse_period("2023-08")
    with pytest.raises(AttributeError):
        period.kode = "2023-09"


@pytest.mark.parametrize(
    "raw, kode",
    [(" 2023-08 ", "2023-08"), ("2023-q3", "2023-Q3"), ("2023-08-w2\n", "2023-08-W2"), (2023, "2023")],
)
def test_parse_period_normalises(raw, kode):
    assert parse_period(raw).kode == kode


@pytest.mark.parametrize(
    "code, hint",
    [
        ("2023-13", "Bulan harus 01–12."),
        ("2023-00", "Bulan harus 01–12."),
        ("2023-08-W5", "Minggu hanya W1–W4"),
        ("2023-08-W0", "Minggu hanya W1–W4"),
        ("2023-Q5", "Triwulan hanya Q1–Q4."),
        ("2023-Q0", "Triwulan hanya Q1–Q4."),
        ("2023-S3", "Semester hanya S1 atau S2."),
        ("2023-8", "Bulan ditulis dua angka, misalnya 2023-08."),
    ],
)
def test_parse_period_out_of_range_says_fix(code, hint):
    with pytest.raises(PeriodError) as info:
        parse_period(code)
    message = str(info.value)
    assert message.startswith(f"Kode periode '{code}' tidak dikenal. {VALID_FORMS}")
    assert hint in message


def test_parse_period_error_message_exact():
    with pytest.raises(PeriodError) as info:
        parse_period("garbage")
    assert str(info.value) == f"Kode periode 'garbage' tidak dikenal. {VALID_FORMS}"


@pytest.mark.parametrize(
    "code", ["garbage", "2023 -08", "2023-08 W2", "20230", "23-08", "2023-08-W2x", "2023/08", "2023-H1"]
)
def test_parse_period_rejects_malformed(code):
    with pytest.raises(PeriodError, match="Bentuk yang sah"):
        parse_period(code)


@pytest.mark.parametrize("code", ["", "   ", "\t"])
def test_parse_period_rejects_blank(code):
    with pytest.raises(PeriodError, match="^Kode periode kosong"):
        parse_period(code)


@pytest.mark.parametrize("code", [None, 2023.5, True])
def test_parse_period_rejects_non_text(code):
    with pytest.raises(PeriodError, match="harus berupa teks"):
        parse_period(code)


def test_period_error_is_value_error():
    assert issubclass(PeriodError, ValueError)


def test_periods_between_counts_and_order():
    periods = periods_between(2023, 2024)
    # Per year: 1 tahun + 2 semester + 4 triwulan + 12 bulan + 48 minggu.
    assert len(periods) == 2 * 67
    first = ["2023", "2023-S1", "2023-Q1", "2023-01", "2023-01-W1", "2023-01-W2"]
    assert [p.kode for p in periods[:6]] == first
    july = [p.kode for p in periods if p.mulai == date(2023, 7, 1)]
    assert july == ["2023-S2", "2023-Q3", "2023-07", "2023-07-W1"]
    assert periods[-1].kode == "2024-12-W4"
    assert periods[67].kode == "2024"


def test_periods_between_is_sorted_and_unique():
    periods = periods_between(2023, 2023)
    keys = [(p.mulai, JENIS.index(p.jenis)) for p in periods]
    assert keys == sorted(keys)
    assert len({p.kode for p in periods}) == len(periods)
    assert all(isinstance(p, Period) and parse_period(p.kode) == p for p in periods)


def test_periods_between_rejects_reversed_years():
    with pytest.raises(PeriodError, match="2025"):
        periods_between(2025, 2023)


def test_periodicity_mapping():
    assert {p.kode: p.jenis for p in PERIODICITIES.values()} == {
        "tahunan": "tahun",
        "semesteran": "semester",
        "triwulanan": "triwulan",
        "bulanan": "bulan",
        "mingguan": "minggu",
    }
    assert jenis_for_periodicity("triwulanan") == "triwulan"
    assert [p.months for p in PERIODICITIES.values()] == [12, 6, 3, 1, 0.25]
    with pytest.raises(PeriodError, match="Yang sah: tahunan, semesteran, triwulanan, bulanan, mingguan"):
        jenis_for_periodicity("harian")


def test_the_schema_allows_exactly_the_periodicities_of_the_table():
    schema = (Path(__file__).resolve().parents[2] / "lib" / "db" / "schema.sql").read_text(encoding="utf-8")
    allowed = re.search(r"periodisitas IN \(([^)]*)\)", schema)[1]
    assert re.findall(r"'(\w+)'", allowed) == list(PERIODICITIES)


@pytest.mark.parametrize(
    "code, periodisitas, fits",
    [
        ("2023", "tahunan", True),
        ("2023-S1", "semesteran", True),
        ("2023-Q3", "triwulanan", True),
        ("2023-08", "bulanan", True),
        ("2023-08-W2", "mingguan", True),
        ("2023-08-W2", "bulanan", True),  # weekly apel reports of monthly counts
        ("2023-08", "mingguan", False),
        # a finer measured period: Susenas March for an annual or half-yearly series, a quarter in a year
        ("2024-03", "tahunan", True),
        ("2024-09", "semesteran", True),
        ("2023-Q3", "semesteran", True),
        ("2023-S1", "tahunan", True),
        ("2023-08", "triwulanan", True),
        # weeks only for monthly counts (apel reports); a coarser period never
        ("2023-08-W2", "tahunan", False),
        ("2023-08-W2", "triwulanan", False),
        ("2023", "bulanan", False),
        ("2023", "semesteran", False),
        ("2023-S1", "triwulanan", False),
        # an announcement day fits any periodicity: the period measured is unknown
        ("2023-09-01-diumumkan", "tahunan", True),
        ("2023-09-01-diumumkan", "bulanan", True),
    ],
)
def test_fits_periodicity(code, periodisitas, fits):
    assert fits_periodicity(code, periodisitas) is fits


def test_fits_periodicity_unknown_periodicity_says_fix():
    expected = "Periodisitas 'harian' tidak dikenal. Yang sah: tahunan, semesteran"
    with pytest.raises(PeriodError, match=expected):
        fits_periodicity("2023", "harian")


def test_fits_periodicity_bad_code_raises():
    with pytest.raises(PeriodError, match="2023-13"):
        fits_periodicity("2023-13", "bulanan")


@pytest.mark.parametrize(
    "code, previous",
    [
        ("2024", "2023"),
        ("2024-S1", "2023-S2"),
        ("2023-S2", "2023-S1"),
        ("2024-Q1", "2023-Q4"),
        ("2023-Q3", "2023-Q2"),
        ("2024-01", "2023-12"),
        ("2023-08", "2023-07"),
        ("2023-08-W1", "2023-07-W4"),
        ("2023-08-W3", "2023-08-W2"),
        ("2024-01-W1", "2023-12-W4"),
    ],
)
def test_previous_period(code, previous):
    assert previous_period(code).kode == previous
    assert previous_period(code).jenis == parse_period(code).jenis


def test_previous_period_of_week_one_spans_to_month_end():
    assert previous_period("2023-03-W1").akhir == date(2023, 2, 28)


@pytest.mark.parametrize(
    "d, jenis, kode",
    [
        (date(2023, 8, 31), "tahun", "2023"),
        (date(2023, 6, 30), "semester", "2023-S1"),
        (date(2023, 7, 1), "semester", "2023-S2"),
        (date(2023, 9, 30), "triwulan", "2023-Q3"),
        (date(2023, 10, 1), "triwulan", "2023-Q4"),
        (date(2023, 8, 31), "bulan", "2023-08"),
        (date(2023, 8, 7), "minggu", "2023-08-W1"),
        (date(2023, 8, 8), "minggu", "2023-08-W2"),
        (date(2023, 8, 21), "minggu", "2023-08-W3"),
        (date(2023, 8, 22), "minggu", "2023-08-W4"),
        (date(2023, 8, 31), "minggu", "2023-08-W4"),
    ],
)
def test_period_of_date(d, jenis, kode):
    period = period_of_date(d, jenis)
    assert period.kode == kode
    assert period.mulai <= d <= period.akhir


def test_period_of_date_unknown_jenis():
    with pytest.raises(PeriodError, match="Jenis periode 'hari' tidak dikenal"):
        period_of_date(date(2023, 8, 1), "hari")


# Issue 18 item 2: periods as measured, and values whose measurement period is unknown.

def test_an_announcement_day_is_a_period_of_one_day_labelled_as_such():
    period = parse_period("2023-09-01-diumumkan")
    assert (period.kode, period.jenis, period.mulai, period.akhir) == (
        "2023-09-01-diumumkan", ANNOUNCED, date(2023, 9, 1), date(2023, 9, 1))
    assert period.label("id") == "tahun data tidak diketahui, diumumkan 1 September 2023"
    assert period.label("en") == "data year unknown, announced September 1, 2023"
    assert not period.measured and parse_period("2024-03").measured
    assert "2023" not in period.label("id").split(",")[0]  # never shown as a year


@pytest.mark.parametrize("raw", ["2023-09-01-DIUMUMKAN", " 2023-09-01-diumumkan "])
def test_an_announcement_code_is_normalised(raw):
    assert parse_period(raw).kode == "2023-09-01-diumumkan"


@pytest.mark.parametrize("code", ["2023-02-30-diumumkan", "2023-13-01-diumumkan"])
def test_an_announcement_day_not_in_the_calendar_says_fix(code):
    with pytest.raises(PeriodError, match="Tanggal diumumkan tidak ada di kalender"):
        parse_period(code)


@pytest.mark.parametrize("code", ["2023-09-01", "2023-09-diumumkan", "diumumkan-2023-09-01", "2023-9-1-diumumkan"])
def test_malformed_announcement_codes_are_refused(code):
    with pytest.raises(PeriodError, match="Bentuk yang sah"):
        parse_period(code)


def test_an_announcement_day_sorts_after_the_periods_starting_that_day_and_has_no_previous():
    assert parse_period("2023-09-01-diumumkan").sort_key > parse_period("2023-09").sort_key
    with pytest.raises(PeriodError, match="hanya tanggal diumumkan"):
        previous_period("2023-09-01-diumumkan")


def test_announced_periods_cover_every_day_and_parse_back():
    days = announced_periods(2024, 2024)
    assert len(days) == 366 and days[0].kode == "2024-01-01-diumumkan" and days[-1].akhir == date(2024, 12, 31)
    assert all(parse_period(p.kode) == p for p in days[::30])
    assert ANNOUNCED not in JENIS and ALL_JENIS == (*JENIS, ANNOUNCED)


@pytest.mark.parametrize(
    "code, periodisitas, holder",
    [("2024-03", "tahunan", "2024"), ("2024-09", "semesteran", "2024-S2"), ("2024-S1", "semesteran", "2024-S1"),
     ("2023-08-W2", "bulanan", "2023-08"), ("2023-09-01-diumumkan", "tahunan", None), ("2023", "bulanan", None)],
)
def test_periodicity_period_holds_a_finer_measured_period(code, periodisitas, holder):
    found = periodicity_period(code, periodisitas)
    assert (found.kode if found else None) == holder


def test_the_schema_allows_exactly_the_period_jenis():
    schema = (Path(__file__).resolve().parents[2] / "lib" / "db" / "schema.sql").read_text(encoding="utf-8")
    allowed = re.search(r"jenis IN \(('tahun'[^)]*)\)", schema)[1]
    assert tuple(re.findall(r"'(\w+)'", allowed)) == ALL_JENIS
