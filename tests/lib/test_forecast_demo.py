"""The forecast lines on the demo record (lib.screens.isu_trend.forecast_lines): the issue's examples no longer
occur, and no sentence forecasts a year already past or against a target whose year has passed, for every
indicator and wilayah, at several dates."""
from __future__ import annotations

import re
from datetime import date

import pytest

from lib.data import queries
from lib.db.connect import connect
from lib.screens import isu_trend

REAL_TODAY = date(2026, 12, 6)  # the day of the audit in the issue; the demo record ends in 2025
DATES = list(dict.fromkeys([date(2023, 6, 1), date(2024, 3, 1), date(2025, 6, 1), REAL_TODAY, date.today()]))
KEPT_READS = ("indicators", "kabupaten", "series", "targets", "series_breaks")  # what forecast_lines reads
FORECAST_YEARS = re.compile(r"(?:tercapai|expected to be met) (?:antara|between|pada|in|paling cepat)? ?(\d{4})"
                            r"(?: (?:dan|and) (\d{4}))?")
TARGET_YEAR = re.compile(r"^\*\*[^*]+\*\*: [^(]*\((\d{4})\):")


def _kept(read):
    """`read` run once per argument list for the module, as the app's cache keeps a read (the record is read
    only; pandas copy-on-write keeps a kept frame safe from a caller's changes)."""
    kept = {}

    def once(con, *args, **kwargs):
        key = (id(con), *(tuple(a) if isinstance(a, list) else a for a in args), *sorted(kwargs.items()))
        if key not in kept:
            kept[key] = read(con, *args, **kwargs)
        return kept[key]
    return once


@pytest.fixture(scope="module")
def demo(demo_db):
    """The demo record, read only; its reads kept for the module: every date and language computes the forecasts
    again from the same values."""
    con = connect(demo_db, read_only=True)
    with pytest.MonkeyPatch.context() as patch:
        for name in KEPT_READS:
            patch.setattr(queries, name, _kept(getattr(queries, name)))
        yield con
    con.close()


def lines(con, indikator: str, today: date, lang: str = "id") -> list[str]:
    wilayah = ("76", *queries.kabupaten(con)["kode"])
    return isu_trend.forecast_lines(con, indikator, wilayah, wilayah, lang, today)


def every_line(con, today: date, lang: str = "id") -> list[str]:
    return [line for code in queries.indicators(con)["kode"] for line in lines(con, code, today, lang)]


@pytest.mark.parametrize("today, lang", [*((d, "id") for d in DATES), (REAL_TODAY, "en")], ids=str)
def test_no_forecast_names_a_year_already_past(demo, today, lang):
    found = every_line(demo, today, lang)
    assert found
    for line in found:
        for match in FORECAST_YEARS.finditer(line):
            years = [int(y) for y in match.groups() if y]
            assert min(years) >= today.year, line
        ahead = TARGET_YEAR.match(line)  # a sentence about a target ahead names its year first: 'Target … (2030):'
        if ahead:
            assert int(ahead.group(1)) >= today.year, line
        assert "{" not in line


def test_stunting_sulbar_no_longer_forecast_from_the_single_ssgbi_point(demo):
    for today in DATES:
        province = lines(demo, "ST-PREV", today)[0]
        assert province.startswith("**76**") and "2036" not in province and "diperkirakan tercapai" not in province
    before = lines(demo, "ST-PREV", date(2024, 3, 1))[0]  # the 2024 target still ahead: the survey breaks count
    assert "baru ada 1" in before and "SKI 2023 → SSGI 2024, survei berbeda" in before
    assert lines(demo, "ST-PREV", REAL_TODAY)[0] == (
        "**76**: Target nasional 14,0% (2024) sudah lewat; nilai 2024: 35,4%, tidak tercapai. Tidak ada target "
        "terdokumentasi sesudahnya, jadi tidak ada prakiraan.")


@pytest.mark.parametrize("today", DATES, ids=str)
def test_no_kabupaten_is_forecast_to_meet_an_expired_target(demo, today):
    for line in lines(demo, "ST-PREV", today)[1:]:
        assert "diperkirakan tercapai 2024" not in line and "diperkirakan tercapai 2025" not in line
        assert "(2022):" not in line and not (today.year > 2023 and "(2023):" in line)


def test_polewali_mandar_says_what_happened_to_the_passed_target(demo):
    polman = [line for line in lines(demo, "ST-PREV", REAL_TODAY) if line.startswith("**76.04**")]
    assert polman == [("**76.04**: Target nasional 14,0% (2024) sudah lewat; nilai terakhir 2023: 28,09%, belum "
                       "mencapainya (nilai 2024 belum ada). Tidak ada target terdokumentasi sesudahnya, jadi tidak ada "
                       "prakiraan.")]


def test_survey_family_breaks_are_in_the_record(demo):
    breaks = queries.series_breaks(demo, ["ST-PREV"], ["76", "76.01", "76.02", "76.03", "76.04", "76.05", "76.06"])
    found = {(row["wilayah"], row["periode"]) for _, row in breaks.iterrows()}
    assert found == {("76", "2021"), ("76", "2023"), ("76", "2024"), ("76.02", "2021"), ("76.03", "2021"),
                     ("76.04", "2023")}
    assert breaks["keterangan"].str.contains("survei berbeda").all() and breaks["sumber"].str.len().gt(0).all()


def test_child_marriage_is_forecast_against_the_2030_target_with_its_interval(demo):
    line = lines(demo, "PA-PROP", REAL_TODAY)[0]
    assert line.startswith("**76**: Target nasional 6,94% (2030):")
    assert "interval 95% laju per tahun" in line and "(5 titik resmi 2017–2022;" in line
