"""Issue 18 item 2, periods as measured: every value carries the period its source measured (Susenas March 2024 is
2024-03, not the year 2024); a value whose measurement period is unknown carries the day it was announced, is
labelled "tahun data tidak diketahui, diumumkan …", flagged to the judge layer (periode_jenis 'diumumkan') and
never current; data age counts from the end of the period measured. Small built records first, then the demo."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from old_schema import write_v1_record

from lib.data import queries
from lib.db import migrate, record
from lib.db.build import build_record
from lib.db.connect import connect
from lib.judge import freshness, quality
from lib.text import periods

DEC_2026 = date(2026, 12, 6)
ANNOUNCED_LABEL = "tahun data tidak diketahui, diumumkan 1 September 2023"


def _append_seed_rows(seed_dir: Path, *rows: tuple[str, ...]) -> None:
    with (seed_dir / "capaian_resmi.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


@pytest.fixture(scope="module")
def measured(tmp_path_factory) -> Path:
    """The tiny seed plus a yearly value measured in March 2024 and a kabupaten value known only by the day
    it was announced (the BKKBN child-marriage case)."""
    from seed_fixture import TINY_SEED, write_seed

    folder = tmp_path_factory.mktemp("measured")
    seed = write_seed(folder / "seed", TINY_SEED)
    _append_seed_rows(
        seed,
        ("ST-PREV", "76", "2024-03", "30.1", "Survei Maret 2024", "https://example.org/survei", "Maret 2024", "utama"),
        ("ST-PPGBM", "76.04", "2023-09-01-diumumkan", "17.42", "Paparan BKKBN", "https://example.org/bkkbn",
         "Diumumkan 01-09-2023, tahun data tidak disebut.", "utama"),
    )
    return build_record(folder / "measured.duckdb", seed_dir=seed).path


@pytest.fixture
def con(measured):
    with connect(measured) as connection:
        yield connection


def test_an_announced_only_value_carries_its_announcement_day_label_and_periode_jenis(con):
    row = queries.latest_values(con, ["ST-PPGBM"], ["76.04"]).iloc[0]
    assert row["periode"] == "2023-09-01-diumumkan"
    assert row["periode_label"] == ANNOUNCED_LABEL
    assert row["periode_label_en"] == "data year unknown, announced September 1, 2023"
    assert row["periode_jenis"] == periods.ANNOUNCED == "diumumkan"
    assert pd.Timestamp(row["tanggal"]).date() == date(2023, 9, 1)  # age counts from the announcement
    history = queries.series(con, ["ST-PPGBM"], ["76.04"])
    assert history["periode_jenis"].tolist() == ["diumumkan"]
    assert history["periode_label"].tolist() == [ANNOUNCED_LABEL]


def test_a_measured_value_says_its_jenis_and_so_does_the_previous_one(con):
    frame = queries.latest_values(con, ["ST-PREV"], ["76", "76.04"]).set_index("wilayah")
    assert frame.loc["76", "periode_jenis"] == "bulan" and frame.loc["76", "periode_label"] == "Maret 2024"
    assert frame.loc["76.04", "periode_jenis"] == "tahun"
    assert frame.loc["76.04", "periode_jenis_sebelumnya"] == "tahun"


def test_an_announced_value_is_hidden_before_its_announcement_day(con):
    frame = queries.latest_values(con, ["ST-PPGBM"], ["76.04"], until=date(2023, 8, 31))
    assert frame["nilai"].isna().all()


def test_a_yearly_value_measured_in_march_2024_is_lama_in_december_2026(con):
    row = queries.latest_values(con, ["ST-PREV"], ["76"]).iloc[0]
    assert pd.Timestamp(row["tanggal"]).date() == date(2024, 3, 31)  # the end of March, not of 2024
    age = freshness.age(row["tanggal"], "tahunan", DEC_2026, row["periode_jenis"])
    assert age.stale and not age.announced
    assert (age.years, age.months) == (2, 33)  # "2 tahun" on screen; 2 years 8 months and 6 days since 31 March
    # stored as the year 2024 it would still count as current until the end of 2026
    assert not freshness.is_stale(date(2024, 12, 31), "tahunan", DEC_2026)


def test_an_announced_value_is_never_current_and_ages_from_its_announcement(con):
    row = queries.latest_values(con, ["ST-PPGBM"], ["76.04"]).iloc[0]
    fresh_next_day = freshness.age(row["tanggal"], "tahunan", date(2023, 9, 2), row["periode_jenis"])
    assert fresh_next_day.stale and fresh_next_day.announced and fresh_next_day.months == 0
    later = freshness.age(row["tanggal"], "tahunan", DEC_2026, row["periode_jenis"])
    assert later.months == (2026 - 2023) * 12 + 12 - 9


def test_data_freshness_names_the_jenis_of_the_latest_period(con):
    frame = queries.data_freshness(con, ["ST"]).set_index("kode")
    assert frame.loc["ST-PREV", "jenis_terakhir"] == "bulan"


def test_a_finer_measured_period_fills_its_year_in_completeness_but_an_announcement_day_does_not():
    registry = pd.DataFrame({"indikator": ["X"], "periodisitas": ["tahunan"], "opd": ["O"]})
    values = pd.DataFrame({"indikator": ["X", "X"], "wilayah": ["76", "76"],
                           "periode": ["2024-03", "2025-06-02-diumumkan"], "jenis_periode": ["bulan", "diumumkan"],
                           "jenis": ["resmi", "resmi"], "level": ["provinsi", "provinsi"]})
    grid = quality.completeness_grid(registry, values, date(2026, 1, 15))
    assert dict(zip(grid["periode"], grid["ada"])) == {"2023": False, "2024": True, "2025": False}


# --- the migration: an old record's seed rows move to the period measured, uploads stay ---------------------

def test_an_old_record_upgrades_to_announcement_days_and_measured_seed_periods(tiny_db, tiny_seed, tmp_path,
                                                                               monkeypatch):
    monkeypatch.setenv("MONITOR41_SEED_DIR", str(tiny_seed))
    old = write_v1_record(tiny_db, tmp_path / "lama.duckdb")
    with duckdb.connect(str(old)) as con:
        con.execute("INSERT INTO indikator VALUES ('KE-EKSTREM', 'KE', 'Persentase penduduk miskin ekstrem', "
                    "'persen', 'turun', 'tahunan', 'BPS', 'BPS')")
        seed_batch = con.execute("SELECT min(id) FROM unggahan WHERE dimuat_oleh = 'seed'").fetchall()[0][0]
        con.execute("INSERT INTO unggahan VALUES (77, 'isian.xlsx', 'h', 'dinsos', TIMESTAMP '2026-12-01', 1, NULL)")
        insert = ("INSERT INTO capaian (indikator, wilayah, periode, nilai, sumber, jenis, dimuat_oleh, dimuat_pada, "
                  "unggahan) VALUES (?, ?, ?, ?, 'sumber', 'resmi', ?, TIMESTAMP '2026-11-28', ?)")
        con.execute(insert, ["KE-EKSTREM", "76", "2024", 1.46, "seed", seed_batch])
        con.execute(insert, ["KE-EKSTREM", "76.04", "2024", 2.0, "dinsos", 77])  # an upload: never re-keyed
        con.execute("CHECKPOINT")
        assert con.execute("SELECT count(*) FROM periode WHERE kode LIKE '%diumumkan'").fetchall()[0][0] == 0
    assert record.migrate_record(old)[1] == migrate.LATEST
    with duckdb.connect(str(old), read_only=True) as con:
        kinds = dict(con.execute("SELECT jenis, count(*) FROM periode GROUP BY jenis").fetchall())
        assert kinds["diumumkan"] == 16 * 365 + 4  # every day of 2015-2030
        assert con.execute("SELECT label FROM periode WHERE kode = '2023-09-01-diumumkan'").fetchall() == \
            [(ANNOUNCED_LABEL,)]
        moved = con.execute("SELECT wilayah, periode FROM capaian WHERE indikator = 'KE-EKSTREM' "
                            "ORDER BY wilayah").fetchall()
        assert moved == [("76", "2024-03"), ("76.04", "2024")]
        # the views came back and a value known only by its announcement day can be stored
    with duckdb.connect(str(old)) as con_rw:
        con_rw.execute("INSERT INTO capaian (indikator, wilayah, periode, nilai, sumber, jenis, dimuat_oleh, "
                       "dimuat_pada, unggahan) VALUES ('KE-EKSTREM', '76.05', '2023-09-01-diumumkan', 5.56, 's', "
                       "'resmi', 'dinsos', now(), 77)")
        row = queries.latest_values(con_rw, ["KE-EKSTREM"], ["76.05"]).iloc[0]
        assert row["periode_jenis"] == "diumumkan" and row["periode_label"] == ANNOUNCED_LABEL


# --- the demo seed -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo(demo_db):
    with connect(demo_db) as connection:
        yield connection


def test_the_demo_has_no_year_coded_extreme_poverty_and_no_poverty_semesters(demo):
    assert demo.execute("SELECT count(*) FROM capaian WHERE indikator = 'KE-EKSTREM' AND periode = '2024'"
                        ).fetchall() == [(0,)]
    assert [r[0] for r in demo.execute("SELECT periode FROM v_capaian WHERE indikator = 'KE-EKSTREM' "
                                       "AND wilayah = '76' ORDER BY periode").fetchall()] == \
        ["2022-03", "2023-03", "2024-03"]
    semesters = demo.execute("SELECT count(*) FROM capaian WHERE indikator LIKE 'KE-%' AND periode LIKE '%-S_'"
                             ).fetchall()[0][0]
    assert semesters == 0  # Susenas measures in March and September


def test_the_bkkbn_child_marriage_figures_are_announced_not_2023_data(demo):
    frame = queries.latest_values(demo, ["PA-PROP-BKKBN"], ["76", "76.01", "76.02", "76.03", "76.04", "76.05",
                                                            "76.06"])
    assert set(frame["periode_jenis"]) == {"diumumkan"}
    assert set(frame["periode_label"]) == {ANNOUNCED_LABEL}
    assert not frame["periode_label"].str.fullmatch(r"\d{4}").any()


def test_the_demo_extreme_poverty_of_march_2024_is_lama_in_december_2026(demo):
    row = queries.latest_values(demo, ["KE-EKSTREM"], ["76"]).iloc[0]
    assert row["periode_label"] == "Maret 2024"
    assert freshness.age(row["tanggal"], row["periodisitas"], DEC_2026, row["periode_jenis"]).stale


def test_every_seed_period_fits_its_indicator_and_coarse_series_keep_one_period_per_slot(demo):
    values = demo.execute("SELECT DISTINCT v.indikator, v.wilayah, v.periode, i.periodisitas FROM v_capaian AS v "
                          "JOIN indikator AS i ON i.kode = v.indikator").fetchall()
    assert all(periods.fits_periodicity(code, often) for _, _, code, often in values)
    slots: dict[tuple, set[str]] = {}
    for indikator, wilayah, code, often in values:
        slot = periods.periodicity_period(code, often)
        if slot and often in ("tahunan", "semesteran", "triwulanan"):
            slots.setdefault((indikator, wilayah, slot.kode), set()).add(code)
    assert {key: codes for key, codes in slots.items() if len(codes) > 1} == {}


def test_every_announced_seed_row_says_so_in_its_note(demo):
    rows = demo.execute("SELECT indikator, wilayah, catatan FROM capaian WHERE periode LIKE '%-diumumkan'").fetchall()
    assert rows and all("diumumkan" in (note or "") for _, _, note in rows)
