"""Kabupaten and OPD pages' content: every kabupaten (and none), every OPD (and none), both languages and modes."""
from __future__ import annotations

from datetime import date

import pytest
from screens.conftest import every_source

from lib.judge import scorecard
from lib.screens import actions, kabupaten, opd

KABUPATEN = [None, "76.01", "76.02", "76.03", "76.04", "76.05", "76.06"]
OPD = [None, "DP3AP2KB", "KETAPANG", "DINKES", "DINSOS", "DISDIKBUD", "BPSDM", "BAPPERIDA", "BIRO-EKBANG",
       "BIRO-HUKUM", "BIRO-UMUM", "DKP", "DPMPTSP", "ESDM", "KOPERINDAG", "DPUPR", "DISHUB", "DISKOMINFOPERS",
       "DISPAR", "DISPORA", "INSPEKTORAT", "SATPOLPP", "SETWAN"]


def test_the_sweep_knows_every_kabupaten_and_opd(kabupaten_codes, opd_codes):
    assert KABUPATEN[1:] == kabupaten_codes and sorted(OPD[1:]) == sorted(opd_codes)


@pytest.mark.parametrize("code", KABUPATEN)
@pytest.mark.parametrize("lang, mode", every_source())
def test_kabupaten_page_for_every_kabupaten(sources, lang, mode, code):
    src = sources[lang, mode]
    wilayah = code or scorecard.PROVINCE
    card, history = kabupaten.scorecard(src, wilayah, None)
    assert not card.empty and card["nilai"].notna().all() and set(card["wilayah"]) == {wilayah}
    assert set(history["indikator"]) <= set(card["indikator"])
    report = kabupaten.report(src, wilayah, None)
    assert len(report) == len(card)
    counts = kabupaten.counts(card, lang)
    official = card[card["jenis"] == "resmi"]
    assert sum(n for _, n in counts.metrics[:-1]) == int((~official["lama"]).sum())  # every current value once
    assert counts.metrics[-1][1] == int(official["lama"].sum())
    assert kabupaten.report_notes(src, wilayah, None)
    responsible = kabupaten.responsible(src, code)
    if code is None:
        assert responsible is None and kabupaten.title(src, code) == src.t("kabupaten.judul_provinsi")
    else:
        assert responsible is not None and kabupaten.names(src)[code] in kabupaten.title(src, code)
    table = actions.action_table(src, wilayah=(code,) if code else ())
    assert table is None or len(table.columns) == 9


def test_kabupaten_titles_say_whose_scorecard(sources):
    assert kabupaten.title(sources["id", "normal"], None) == "Rapor 4+1 Provinsi Sulawesi Barat"
    assert kabupaten.title(sources["id", "normal"], "76.05") == "Rapor 4+1 Kabupaten Majene"
    english = kabupaten.counts(kabupaten.scorecard(sources["en", "normal"], "76.05", None)[0], "en")
    assert any(label.startswith(":material/history:") for label, _ in english.metrics) and "official" in english.caption.lower()


@pytest.mark.parametrize("code", OPD)
@pytest.mark.parametrize("lang, mode", every_source())
def test_opd_page_for_every_opd(sources, lang, mode, code):
    src = sources[lang, mode]
    if code is None:
        overview = opd.overview(src)
        assert len(overview) == len(OPD) - 1
        return
    isu = opd.coordinated(src, code)
    if isu:
        assert len(opd.coordinated_cards(src, isu, None)) == len(isu)
        assert len(opd.freshness(src, isu, date.today())) >= 1
        assert all(src.t(f"isu.{i}") in opd.coordinator_heading(src, isu) for i in isu)
    red = opd.red_cells(src, code, None)
    assert red is None or len(red.columns) == 6
    assignments = opd.assignments(src, code)
    if not assignments.empty:
        assert len(opd.assignment_table(src, assignments)) == len(assignments)
    figures = opd.kecamatan_figures(src, assignments, None)
    kecamatan = set(assignments.loc[assignments["level"] == "kecamatan", "wilayah"])
    assert (figures is None) == (not kecamatan)
    if figures is not None:
        assert len(opd.kecamatan_table(src, figures)) == len(figures)
    if figures is not None and mode == "public":  # small counts of a small area are never shown in public
        assert not ((figures["level"] == "kecamatan") & (figures["nilai"] < 5)
                    & figures["satuan"].isin(["anak", "jiwa", "balita"])).any()
    table = actions.action_table(src, opd=code)
    assert table is None or set(table[src.t("col.opd")]) <= set(opd.opd_list(src)["singkatan"])


def test_opd_overview_lists_coordinators(sources):
    table = opd.overview(sources["id", "normal"])
    assert {"DP3AP2KB", "Dinkes"} <= set(table["Singkatan"]) and "Stunting" in set(table["Koordinator isu"])


@pytest.mark.parametrize("code", ["BAPPERIDA", "SATPOLPP"])
def test_opd_that_coordinates_no_isu_answers_for_kecamatan(sources, code):
    src = sources["id", "normal"]
    assert opd.coordinated(src, code) == []
    table = opd.assignment_table(src, opd.assignments(src, code))
    assert (table["Tingkat"] == "Kecamatan").all() and len(table) >= 1


def test_english_opd_page_names_the_simulation_source_in_english(sources):
    src = sources["en", "normal"]
    figures = opd.kecamatan_figures(src, opd.assignments(src, "DISHUB"), None)
    sources = set(opd.kecamatan_table(src, figures)["Source"])
    assert "Monitor 4+1 simulation (not an official figure)" in sources
    assert not any("bukan angka resmi" in str(s) for s in sources)
    assert src.t("opd.merah_judul") == "Cells this agency owns that missed their target"
