"""The status decision table (lib.judge.targets), one test per row, each on a small record built from code: which
target judges a value, which neutral status stands where none does, and what every surface's words say."""
from __future__ import annotations

import copy
from datetime import date

import pandas as pd
import pytest
from seed_fixture import TINY_SEED, write_seed

from lib.db.build import build_record
from lib.db.connect import connect
from lib.judge import scorecard, status
from lib.judge import targets as rules
from lib.present import status_text
from lib.text import periods

TODAY = date(2026, 12, 6)
HEADER = TINY_SEED["target"][0]


def _target(periode: str, nilai: str, lingkup: str = "nasional", dasar: str = "peraturan",
            rujukan: str = "Perpres 72/2021", wilayah: str = "76") -> tuple:
    return ("ST-PREV", wilayah, periode, lingkup, nilai, "", rujukan, "", "", dasar, rujukan)


def _value(periode: str, nilai: str, wilayah: str = "76.05") -> tuple:
    return ("ST-PREV", wilayah, periode, nilai, "SSGI", "https://example.org/ssgi", "", "utama")


def _judged(tmp_path, values: list[tuple], targets: list[tuple], wilayah: str = "76.05") -> pd.Series:
    """Build a record holding only these ST-PREV values and targets; the assessed row of `wilayah` on TODAY."""
    seed = copy.deepcopy(TINY_SEED)
    seed["capaian_resmi"] = [seed["capaian_resmi"][0], *values]
    seed["target"] = [HEADER, *targets]
    path = build_record(tmp_path / "r.duckdb", seed_dir=write_seed(tmp_path / "seed", seed), simulate=False).path
    with connect(path) as con:
        return scorecard.assessed(con, ["ST-PREV"], [wilayah], today=TODAY).iloc[0]


def test_row_1_a_target_for_the_values_own_year_judges_it_met_or_not(tmp_path):
    row = _judged(tmp_path, [_value("2024", "20.0")], [_target("2024", "14")])
    assert (row["aturan"], row["status"]) == (rules.TAHUN_NILAI, status.TIDAK_TERCAPAI)
    assert row["target_tahun"] == "2024" and row["jarak_target"] == pytest.approx(6.0)
    # the kabupaten is judged by a national target: the cell, bar and grid say so themselves
    assert status_text.status_chip(row) == "Tidak tercapai · target nasional"
    assert status_text.status_fill(row) == status.STATUS_COLORS[status.TIDAK_TERCAPAI]


def test_row_2_a_documented_milestone_for_the_values_year_judges_it(tmp_path):
    row = _judged(tmp_path, [_value("2022", "25.8")],
                  [_target("2022", "28.49", "daerah", "dokumen", "BKKBN (Perpres 72/2021)"), _target("2024", "14")])
    assert (row["aturan"], row["status"]) == (rules.TARGET_ANTARA, status.TERCAPAI)
    assert (row["target"], row["target_tahun"], row["target_cakupan"]) == (28.49, "2022", "provinsi")
    assert "target provinsi" in status_text.status_chip(row)


def test_row_3_a_later_target_without_a_milestone_gives_no_verdict(tmp_path):
    # The value is 2024; the only target is 2030: no target or path is drawn in between.
    row = _judged(tmp_path, [_value("2024", "20.0")], [_target("2030", "6.94", dasar="dokumen", rujukan="Stranas")])
    assert (row["aturan"], row["status"]) == (rules.TANPA_TARGET_ANTARA, status.BELUM_ADA_TARGET_ANTARA)
    assert row["jarak_target"] == pytest.approx(13.06)
    assert status.BELUM_ADA_TARGET_ANTARA not in status.JUDGED
    line = status_text.status_line(row)
    assert line.startswith("Belum ada target antara: menuju target 6,94% (2030), masih 13,06")
    assert status_text.status_fill(row) == status.STATUS_COLORS[status.BELUM_ADA_TARGET_ANTARA]


def test_row_4_a_passed_target_with_older_data_cannot_be_judged_yet(tmp_path):
    # Child marriage 11,7 % (2022) against the 2024 target: once "sesuai jalur" on a line drawn in code.
    row = _judged(tmp_path, [_value("2022", "11.7")],
                  [_target("2024", "8.74", dasar="dokumen", rujukan="RPJMN 2020-2024"),
                   _target("2030", "6.94", dasar="dokumen", rujukan="Stranas")])
    assert (row["aturan"], row["status"]) == (rules.TARGET_LEWAT, status.BELUM_BISA_DINILAI)
    assert row["target_tahun"] == "2024"
    line = status_text.status_line(row)
    assert line.startswith("Belum bisa dinilai: data terakhir 2022, target 8,74% (2024)")
    assert "lama" in line  # 2022 data seen in December 2026, with its age beside it
    assert status_text.status_fill(row) == status.STATUS_COLORS[status.BELUM_BISA_DINILAI]  # neutral, never muted


def test_row_5_a_value_whose_measurement_period_is_unknown_is_never_judged(tmp_path):
    # Known only by the day it was announced (BKKBN child-marriage figures): never in a year, never current.
    row = _judged(tmp_path, [_value("2024-03-10-diumumkan", "20.0")], [_target("2024", "14")])
    assert row["periode_jenis"] == periods.ANNOUNCED
    assert (row["aturan"], row["status"]) == (rules.PERIODE_TAK_DIKETAHUI, status.BELUM_BISA_DINILAI)
    assert bool(row["lama"])
    assert status_text.status_line(row) == ("Belum bisa dinilai · target nasional · lama, tahun data tidak diketahui, "
                                            "diumumkan 10 Maret 2024 · 2 tahun lalu")
    assert status_text.status_fill(row) == status.STATUS_COLORS[status.BELUM_BISA_DINILAI]


def test_row_6_no_documented_target_at_or_after_the_value_gives_no_status(tmp_path):
    # 2025 is after the only target (2024): an expired target judges nothing; a stated figure never does.
    row = _judged(tmp_path, [_value("2025", "20.0")],
                  [_target("2024", "14"), _target("2025", "15", "daerah", "pernyataan", "Bupati (berita)")])
    assert (row["aturan"], row["status"]) == (rules.TANPA_TARGET, None)
    assert pd.isna(row["target"]) and row["acuan"] == 15
    assert status_text.status_word(row) == "Tanpa target resmi"
    assert status_text.status_fill(row) == status.NO_TARGET_COLOR


def test_a_lama_value_keeps_its_verdict_faded_and_says_lama_everywhere(tmp_path):
    row = _judged(tmp_path, [_value("2022", "40.6")],
                  [_target("2022", "28.49", "daerah", "dokumen", "BKKBN (Perpres 72/2021)")])
    assert (row["status"], bool(row["lama"])) == (status.TIDAK_TERCAPAI, True)
    assert status_text.status_chip(row) == "Tidak tercapai · target provinsi · lama"
    assert status_text.status_fill(row) == status.muted_color(status.STATUS_COLORS[status.TIDAK_TERCAPAI])
    assert "lama, data 2022 · 4 tahun lalu" in status_text.status_line(row)


def test_red_cells_never_include_a_lama_one(tmp_path):
    row = _judged(tmp_path, [_value("2022", "40.6")],
                  [_target("2022", "28.49", "daerah", "dokumen", "BKKBN (Perpres 72/2021)")])
    cells = pd.DataFrame([row]).assign(isu="ST")
    with connect(build_record(tmp_path / "r2.duckdb", seed_dir=write_seed(tmp_path / "s2", TINY_SEED)).path) as con:
        assert scorecard.red_cells_owned(cells, con, "DINKES").empty


def test_every_rule_is_documented_on_tentang():
    from lib.screens import tentang
    for lang in ("id", "en"):
        table = tentang.decision_table(lang)
        assert len(table) == len(rules.RULES) + 1  # plus the lama row
        assert table.iloc[:, 1].str.len().min() > 20
