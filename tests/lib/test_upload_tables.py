"""lib.present.tables, the Unggah part: the Unggah page's problem and preview tables as a clerk reads them."""
from __future__ import annotations

import pandas as pd

from lib.ingest.load import CHANGED, NEW, SAME, Change
from lib.ingest.tindakan import ActionRow
from lib.ingest.validate import Problem
from lib.present import tables
from lib.text import i18n

NAMES = {"76.05": "Kabupaten Majene", "76.05.01": "Banggae"}
UNITS = {"ST-PPGBM": "persen", "ST-JUMLAH": "anak", "KE-IDX": "indeks"}


def _cells(frame: pd.DataFrame) -> list[str]:
    return [str(value) for value in frame.to_numpy().ravel()]


def test_a_typed_decimal_shows_the_indonesian_way_with_its_unit():
    assert tables.typed_value(18.2, "persen", "id") == "18,2%"
    assert tables.typed_value(19.0, "persen", "id") == "19,0%"  # as on the dashboard
    assert tables.typed_value(21.35, "persen", "id") == "21,35%"
    assert tables.typed_value(0.655, "indeks", "id").startswith("0,655")
    assert tables.typed_value(18.2, "persen", "en") == "18.2%"


def test_a_count_is_whole_with_thousands_dots():
    assert tables.typed_value(16377.0, "anak", "id") == "16.377 anak"
    assert tables.typed_value(1250.0, "KK", "id") == "1.250 KK"


def test_an_empty_value_is_a_dash():
    assert tables.typed_value(None, "persen", "id") == i18n.MISSING
    assert tables.typed_value(float("nan"), "anak", "id") == i18n.MISSING
    assert tables.text_or_missing("  ") == i18n.MISSING
    assert tables.text_or_missing(None) == i18n.MISSING


def test_wilayah_by_name_and_code_and_period_by_its_label():
    assert tables.wilayah_label("76.05", NAMES) == "Majene (76.05)"
    assert tables.wilayah_label("76.05.01", NAMES) == "Banggae (76.05.01)"
    assert tables.wilayah_label("99.99", NAMES) == "99.99"
    assert tables.period_label("2025-08", "id") == "Agustus 2025"
    assert tables.period_label("2025-08", "en") == "August 2025"
    assert tables.period_label("2025", "id") == "2025"
    assert tables.period_label("bukan", "id") == "bukan"


def test_change_table_shows_no_none_nan_or_dotted_decimal():
    changes = [Change(2, "ST-PPGBM", "76.05", "2025", None, 18.2, NEW),
               Change(3, "ST-JUMLAH", "76.05.01", "2025-08", 16377.0, 16400.0, CHANGED, "BPS", "simulasi"),
               Change(4, "ST-PPGBM", "76.05", "2024", 19.0, 19.0, SAME, "Dinkes", "resmi")]
    table = tables.change_table(changes, "id", NAMES, UNITS)
    assert list(table.columns) == ["Baris", "Indikator", "Wilayah", "Periode", "Nilai sekarang", "Nilai baru",
                                   "Status", "Sumber nilai sekarang"]
    assert table.iloc[0].tolist() == [2, "ST-PPGBM", "Majene (76.05)", "2025", i18n.MISSING, "18,2%", "Baru",
                                      i18n.MISSING]
    assert table.iloc[1].tolist() == [3, "ST-JUMLAH", "Banggae (76.05.01)", "Agustus 2025", "16.377 anak",
                                      "16.400 anak", "Berubah", "BPS (○ Simulasi)"]
    assert table.iloc[2]["Status"] == "Sama (dilewati)"
    cells = _cells(table)
    assert not [c for c in cells if c in ("None", "nan", "NaN", "<NA>") or c == "18.2" or c == "76.05"]


def test_change_table_in_english():
    table = tables.change_table([Change(2, "ST-PPGBM", "76.05", "2025-08", None, 18.2, NEW)], "en", NAMES,
                                        UNITS)
    assert table.iloc[0].tolist() == [2, "ST-PPGBM", "Majene (76.05)", "August 2025", i18n.MISSING, "18.2%", "New",
                                      i18n.MISSING]


def test_action_table_names_wilayah_and_period_and_dashes_empty_cells():
    row = ActionRow(line=2, isu="ST", opd=None, wilayah="76.05", periode="2025-10", judul="Kelas ibu balita",
                    uraian=None, jumlah=1250.0, satuan="kelas", sumber="Laporan Dinkes", url=None)
    bare = ActionRow(line=3, isu="ST", opd="DINKES", wilayah="76.05", periode="2025-10", judul="Rapat",
                     uraian=None, jumlah=None, satuan=None, sumber="Laporan", url=None)
    table = tables.action_table([row, bare], "id", NAMES)
    assert table.iloc[0].tolist() == [2, "ST", i18n.MISSING, "Majene (76.05)", "Oktober 2025", "Kelas ibu balita",
                                      "1.250 kelas", "Laporan Dinkes"]
    assert table.iloc[1]["Jumlah"] == i18n.MISSING and table.iloc[1]["OPD"] == "DINKES"
    assert not [c for c in _cells(table) if c in ("None", "nan")]


def test_problem_table_shows_a_file_wide_problem_without_none():
    problems = [Problem(line=None, column=None, value=None, message="Berkas kosong.", fix="Isi datanya."),
                Problem(line=3, column="wilayah", value="76.01", message="Bukan Majene.", fix="Tulis 76.05.")]
    table = tables.problem_table(problems, "id")
    assert table.iloc[0].tolist() == [i18n.MISSING, i18n.MISSING, i18n.MISSING, "Berkas kosong.", "Isi datanya."]
    assert table.iloc[1].tolist() == ["3", "wilayah", "76.01", "Bukan Majene.", "Tulis 76.05."]
