"""Kabupaten and OPD pages' content: every kabupaten (and none), every OPD (and none), both languages and modes."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from screens.conftest import every_source

from lib.judge import freshness, scorecard, status
from lib.screens import actions, kabupaten, opd
from lib.text import i18n

ROOT = Path(__file__).resolve().parents[2]

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
    assert len(report.shown) == len(report.export) == len(report.fills) == len(card)
    # Worst first: no met target above a missed one; the download holds numbers, never a list.
    words = report.shown[src.t("col.status")].tolist()
    met, missed = i18n.status_label(status.TERCAPAI, lang), i18n.status_label(status.TIDAK_TERCAPAI, lang)
    met_rows = [i for i, w in enumerate(words) if w.startswith(met)]
    missed_rows = [i for i, w in enumerate(words) if w.startswith(missed)]
    assert not met_rows or not missed_rows or max(missed_rows) < min(met_rows)
    numbers = report.export[src.t("col.nilai")]
    assert numbers.map(lambda v: isinstance(v, float)).all()
    assert not report.export.map(lambda v: isinstance(v, (list, tuple))).any().any()
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
    # public: no title or description (tindakan free text is withheld, lib.access.privacy)
    assert table is None or len(table.columns) == (7 if src.public else 9)


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
    todo = opd.todo(src, code, None, date(2026, 12, 6))
    assert len(todo.cells) == (0 if red is None else len(red))
    for cell in todo.cells:  # each opens an isu page that exists, on the cell's indicator and kabupaten
        assert cell.page.removeprefix("views/").removesuffix(".py") in opd.ISU_PAGES.values()
        assert (ROOT / cell.page).exists() and cell.indikator and cell.link
    assert all(r.due and r.text for r in todo.overdue)
    nothing = opd.nothing_assigned(src, code)
    assert (nothing is None) == bool(isu or not opd.assignments(src, code).empty or red is not None
                                     or actions.action_table(src, opd=code) is not None)
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
    assert src.t("opd.todo_judul") == "To do"


def test_opd_with_nothing_assigned_gets_one_plain_sentence(sources):
    src = sources["id", "normal"]
    idle = [code for code in OPD[1:] if opd.nothing_assigned(src, code)]
    assert idle, "the demo has agencies with no task"
    sentence = opd.nothing_assigned(src, idle[0])
    assert sentence.count(".") == 1 and opd.opd_list(src).set_index("kode").loc[idle[0], "nama"] in sentence


def test_opd_todo_lists_the_coordinators_off_track_cell_with_a_link_and_overdue_reports_with_due_dates(sources):
    src = sources["id", "normal"]
    todo = opd.todo(src, "DINKES", None, date(2026, 12, 6))
    cell = todo.cells[0]
    assert cell.page == "views/stunting.py" and cell.indikator == "ST-PREV" and cell.kabupaten == ()
    assert cell.text.startswith("Sulawesi Barat · Prevalensi balita stunting") and "Tidak tercapai" in cell.status
    assert cell.link == "Buka Stunting · Sulawesi Barat"
    assert todo.overdue and all(r.due[-4:].isdigit() for r in todo.overdue)  # '23 April 2023'
    assert freshness.due_date(date(2023, 8, 31), "bulanan") == date(2023, 10, 31)
    assert freshness.due_date(date(2022, 12, 31), "tahunan") == date(2024, 12, 31)
