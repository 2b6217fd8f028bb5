"""Which target judges a value (lib.judge.targets): documented basis only, own year first, most specific first."""
from datetime import date

import pandas as pd

from lib.judge import targets


def frame(*rows):
    columns = ["target_wilayah", "periode", "periode_label", "lingkup", "nilai", "nilai_atas", "dasar", "rujukan",
               "sumber", "url", "tanggal_mulai", "tanggal_akhir"]
    out = pd.DataFrame(rows, columns=columns)
    return out.assign(tanggal_mulai=pd.to_datetime(out["tanggal_mulai"]), tanggal_akhir=pd.to_datetime(out["tanggal_akhir"]))


def year(wilayah, y, nilai, dasar="dokumen", lingkup="daerah", rujukan="BKKBN"):
    return (wilayah, str(y), str(y), lingkup, nilai, None, dasar, rujukan, "s", None, f"{y}-01-01", f"{y}-12-31")


STUNTING = frame(year("76", 2022, 28.49), year("76", 2023, 23.52), year("76", 2024, 18.61),
                 year("76", 2024, 14.0, "peraturan", "nasional", "Perpres 72/2021"),
                 year("76.04", 2024, 15.0, "pernyataan", rujukan="Bupati Polewali Mandar"))


def test_own_year_target_then_next_milestone_then_none_after_the_last():
    assert targets.status_target(STUNTING, "76.05", date(2022, 12, 31))["nilai"] == 28.49
    assert targets.status_target(STUNTING, "76.05", date(2021, 12, 31))["nilai"] == 28.49  # next milestone
    assert targets.status_target(STUNTING, "76.05", date(2025, 12, 31)) is None  # expired targets judge nothing
    assert targets.status_target(STUNTING.iloc[0:0], "76.05", date(2022, 12, 31)) is None


def test_most_specific_documented_target_wins_and_says_whose_it_is():
    province = targets.status_target(STUNTING, "76", date(2024, 12, 31))
    assert (province["nilai"], province["cakupan"]) == (18.61, targets.WILAYAH)
    kabupaten = targets.status_target(STUNTING, "76.04", date(2024, 12, 31))
    assert (kabupaten["nilai"], kabupaten["cakupan"]) == (18.61, targets.PROVINSI)  # never the Bupati's 15
    only_national = STUNTING[STUNTING["lingkup"] == "nasional"]
    assert targets.status_target(only_national, "76.04", date(2024, 12, 31))["cakupan"] == targets.NASIONAL


def test_a_stated_figure_is_only_a_reference():
    reference = targets.reference_target(STUNTING, "76.04", date(2024, 12, 31))
    assert (reference["nilai"], reference["rujukan"]) == (15.0, "Bupati Polewali Mandar")
    assert targets.reference_target(STUNTING, "76", date(2024, 12, 31)) is None  # the Bupati's, not the province's
    stated_only = STUNTING[STUNTING["dasar"] == "pernyataan"]
    assert targets.status_target(stated_only, "76.04", date(2024, 12, 31)) is None


def test_chart_lines_flag_stated_figures_and_keep_both_2024_targets():
    lines = targets.chart_lines(STUNTING.assign(wilayah=["76.04"] * len(STUNTING)))
    assert lines.loc[lines["acuan"], "rujukan"].tolist() == ["Bupati Polewali Mandar"]
    assert sorted(lines.loc[~lines["acuan"] & lines["periode"].eq("2024"), "nilai"]) == [14.0, 18.61]
