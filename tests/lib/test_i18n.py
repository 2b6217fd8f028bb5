"""Tests for lib.text.i18n: t() over the string table and Indonesian/English number and date formatting."""

from datetime import date, datetime
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from lib.text.i18n import (
    DATE_STYLES,
    LANGS,
    format_date,
    format_delta,
    format_number,
    format_value,
    month_name,
    status_label,
    t,
)


def test_langs():
    assert LANGS == ("id", "en")


@pytest.mark.parametrize(
    "key, id_text, en_text",
    [
        ("isu.KE", "Kemiskinan ekstrem", "Extreme poverty"),
        ("isu.ST", "Stunting", "Stunting"),
        ("isu.ATS", "Anak tidak sekolah", "Out-of-school children"),
        ("isu.PA", "Perkawinan anak", "Child marriage"),
        ("isu.INF", "Inflasi", "Inflation"),
        ("status.tercapai", "Tercapai", "Achieved"),
        ("status.tidak tercapai", "Tidak tercapai", "Not met"),
        ("status.belum ada target antara", "Belum ada target antara", "No interim target yet"),
        ("status.belum bisa dinilai", "Belum bisa dinilai", "Cannot be judged yet"),
        ("status.tidak ada data", "Tidak ada data", "No data"),
        ("jenis.simulasi", "Data simulasi — bukan angka resmi",
         "Simulated data — not an official figure"),
        ("jenis.resmi", "Resmi", "Official"),
        ("caption.sumber", "Sumber", "Source"),
        ("filter.semua_kabupaten", "Semua kabupaten", "All regencies"),
        ("filter.bahasa", "Bahasa", "Language"),
        ("unit.KK", "KK", "households"),
        ("page.ringkasan", "Ringkasan", "Overview"),
        ("page.tentang", "Tentang", "About"),
        ("caption.no_data", "Tidak ada data", "No data"),
    ],
)
def test_seed_strings(key, id_text, en_text):
    assert t(key) == id_text
    assert t(key, "id") == id_text
    assert t(key, "en") == en_text


def test_status_labels_cover_lib_status_codes():
    from lib.judge import status

    codes = [*status.STATUSES, status.TIDAK_ADA_DATA]
    assert [status_label(code, "en") for code in codes] == [
        "Achieved", "Below the target band", "Above the target band", "Not met", "No interim target yet",
        "Cannot be judged yet", "No data",
    ]
    assert status_label(None) == "Tidak ada data"
    assert status_label("tidak tercapai") == "Tidak tercapai"


def test_t_fills_placeholders():
    assert t("caption.per_periode", periode="Agustus 2023") == "per Agustus 2023"
    assert t("caption.per_periode", "en", periode="August 2023") == "as of August 2023"


def test_t_unknown_key_raises():
    with pytest.raises(KeyError, match="no.such.key"):
        t("no.such.key")


def test_t_unknown_lang_raises():
    with pytest.raises(ValueError, match="Bahasa 'fr' tidak dikenal"):
        t("app.title", "fr")


def test_short_month_names_indonesian():
    short = [month_name(m, "id", "abbreviated") for m in range(1, 13)]
    assert short == ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
    assert month_name(8) == "Agustus"
    assert month_name(8, "en") == "August"


@pytest.mark.parametrize(
    "x, decimals, expected",
    [
        (16377, None, "16.377"),
        (40.6, None, "40,6"),
        (1234.5, None, "1.234,5"),
        (1234567, None, "1.234.567"),
        (-350, None, "−350"),
        (40.65, 1, "40,7"),  # half up, not babel's half-even
        (2.25, 1, "2,3"),
        (1234, 1, "1.234,0"),
        (-0.04, 1, "0,0"),  # no negative zero
        (np.int64(16377), None, "16.377"),
        (np.float64(40.6), None, "40,6"),
        (Decimal("1234.5"), None, "1.234,5"),
    ],
)
def test_format_number_id(x, decimals, expected):
    assert format_number(x, decimals) == expected


@pytest.mark.parametrize("x, expected", [(16377, "16,377"), (1234.5, "1,234.5"), (-350, "−350")])
def test_format_number_en(x, expected):
    assert format_number(x, lang="en") == expected


@pytest.mark.parametrize("x", [None, float("nan"), np.nan, pd.NA, float("inf")])
def test_missing_numbers_show_en_dash(x):
    assert format_number(x) == "–"
    assert format_value(x, "persen") == "–"
    assert format_delta(x, "anak") == "–"


def test_format_number_rejects_text():
    with pytest.raises(TypeError, match="Bukan angka"):
        format_number("12")


@pytest.mark.parametrize(
    "x, satuan, expected",
    [
        (40.6, "persen", "40,6%"),
        (2.21, "persen", "2,21%"),
        (0.75, "persen", "0,75%"),
        (40, "persen", "40,0%"),
        (30.299999999999997, "persen", "30,3%"),
        (16377, "anak", "16.377 anak"),
        (16377.6, "anak", "16.378 anak"),  # counts are whole numbers
        (12.0, "jiwa", "12 jiwa"),
        (3, "perkara", "3 perkara"),
        (45, "kegiatan", "45 kegiatan"),
        (1200, "KK", "1.200 KK"),
        (1200, "kk", "1.200 KK"),
        (-0.5, "persen", "−0,5%"),
    ],
)
def test_format_value_id(x, satuan, expected):
    assert format_value(x, satuan) == expected


@pytest.mark.parametrize(
    "x, satuan, expected",
    [
        (40.6, "persen", "40.6%"),
        (2.21, "persen", "2.21%"),
        (16377, "anak", "16,377 children"),
        (1, "anak", "1 child"),
        (1200, "KK", "1,200 households"),
        (5, "jiwa", "5 people"),
    ],
)
def test_format_value_en(x, satuan, expected):
    assert format_value(x, satuan, "en") == expected


def test_format_value_explicit_decimals_and_unknown_unit():
    assert format_value(40.6, "persen", decimals=0) == "41%"
    assert format_value(3.14159, "indeks") == "3,142 indeks"
    assert format_value(3.5, None) == "3,5"


@pytest.mark.parametrize(
    "x, satuan, lang, expected",
    [
        (1.2, "persen", "id", "+1,2 poin"),
        (-1.2, "persen", "id", "−1,2 poin"),
        (0.25, "persen", "id", "+0,25 poin"),
        (1.2, "persen", "en", "+1.2 pt"),
        (-350, "anak", "id", "−350 anak"),
        (350, "anak", "id", "+350 anak"),
        (1500, "KK", "id", "+1.500 KK"),
        (-350, "anak", "en", "−350 children"),
        (-1, "jiwa", "en", "−1 person"),
        (0, "anak", "id", "0 anak"),
        (-0.04, "persen", "id", "−0,04 poin"),
        (-0.004, "persen", "id", "0,0 poin"),
    ],
)
def test_format_delta(x, satuan, lang, expected):
    assert format_delta(x, satuan, lang) == expected


@pytest.mark.parametrize(
    "style, id_text, en_text",
    [
        ("long", "28 November 2026", "November 28, 2026"),
        ("medium", "28 Nov 2026", "Nov 28, 2026"),
        ("month", "November 2026", "November 2026"),
        ("month_short", "Nov 2026", "Nov 2026"),
    ],
)
def test_format_date_styles(style, id_text, en_text):
    d = date(2026, 11, 28)
    assert format_date(d, "id", style) == id_text
    assert format_date(d, "en", style) == en_text


def test_format_date_indonesian_months():
    assert format_date(date(2023, 8, 17)) == "17 Agustus 2023"
    assert format_date(date(2023, 8, 1), style="month_short") == "Agu 2023"
    assert format_date(date(2023, 5, 2), style="medium") == "2 Mei 2023"
    assert format_date(date(2023, 10, 1), style="month_short") == "Okt 2023"
    assert format_date(date(2023, 12, 1), style="month_short") == "Des 2023"


def test_format_date_accepts_datetime_timestamp_and_iso_text():
    assert format_date(datetime(2023, 8, 17, 9, 30)) == "17 Agustus 2023"
    assert format_date(pd.Timestamp("2023-08-17")) == "17 Agustus 2023"
    assert format_date("2023-08-17") == "17 Agustus 2023"
    assert format_date(None) == "–"
    assert format_date(pd.NaT) == "–"


def test_format_date_unknown_style():
    with pytest.raises(ValueError, match="Gaya tanggal 'tiny' tidak dikenal"):
        format_date(date(2023, 8, 1), style="tiny")
    assert set(DATE_STYLES) == {"long", "medium", "month", "month_short"}
