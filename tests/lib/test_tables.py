"""Tables as shown (Indonesian formatting, status words) and as downloaded (plain numbers), same rows."""
from __future__ import annotations

from datetime import date

import pandas as pd

from lib.judge import freshness, status
from lib.present import tables


def assessed(**overrides):
    rows = {
        "wilayah": ["76.05", "76.01", "76.03"], "nama": ["Majene", "Pasangkayu", "Mamasa"],
        "nilai": [40.6, 25.8, None], "satuan": ["persen"] * 3, "arah": ["turun"] * 3,
        "periode_label": ["2022", "2022", None], "target": [28.49, 28.49, None], "target_atas": [None] * 3,
        "target_tahun": ["2022", "2022", None], "target_cakupan": ["provinsi", "provinsi", None],
        "target_dasar": ["dokumen", "dokumen", None], "target_rujukan": ["BKKBN (Perpres 72/2021)"] * 2 + [None],
        "acuan": [None] * 3, "lama": [True, False, False], "usia_tahun": [4, 4, None], "usia_bulan": [47, 47, None],
        "selisih": [4.9, -2.8, None], "perubahan": ["memburuk", "membaik", None],
        "capaian_pct": [-67.9, 2545.0, None], "status": [status.TIDAK_TERCAPAI, status.TERCAPAI, None],
        "jenis": ["resmi", "resmi", None], "sumber": ["SSGI 2022", "SSGI 2022", None], "url": ["u", "u", None],
    }
    rows.update(overrides)
    return pd.DataFrame(rows)


def test_ranking_worst_first_with_indonesian_numbers():
    """What needs attention leads: the miss first, the met target next, no data last."""
    shown, export = tables.ranking_table(assessed(), "id")
    assert shown["Wilayah"].tolist() == ["Majene", "Pasangkayu", "Mamasa"]
    assert shown["Nilai"].tolist() == ["40,6%", "25,8%", "–"]
    assert shown["Target"].tolist()[1] == "Target provinsi 28,49% (2022) · BKKBN (Perpres 72/2021)"
    assert shown["Status"].tolist()[1].endswith("Tercapai")
    # A lama value keeps its status words but says its age; the change carries its arrow and direction.
    # Words only, as the chips; the period is in the Periode column beside it.
    assert shown["Status"].tolist()[0] == "Tidak tercapai · lama, data 4 tahun lalu"
    assert shown["Periode"].tolist()[0] == "2022"
    assert shown["Perubahan"].tolist()[:2] == ["▲ 4,9 poin, memburuk", "▼ 2,8 poin, membaik"]
    assert export["target_rujukan"].tolist()[1] == "BKKBN (Perpres 72/2021)"
    assert export["data_lama"].tolist()[:2] == [True, False]
    assert shown["Capaian target"].tolist()[:2] == [0.0, 100.0]  # clipped for the progress bar
    assert export["Wilayah"].tolist() == shown["Wilayah"].tolist()
    assert export["Nilai"].tolist()[:2] == [40.6, 25.8]
    assert export["Capaian target"].tolist()[1] == 2545.0  # the download keeps the real figure


def test_worst_first_puts_misses_before_met_and_neutral_and_the_bad_direction_first():
    frame = pd.DataFrame({
        "level": ["kabupaten"] * 5 + ["provinsi"], "arah": ["turun"] * 6,
        "nilai": [20.0, 30.0, 35.0, 25.0, None, 33.0], "lama": [False] * 6,
        "status": [status.TERCAPAI, status.TIDAK_TERCAPAI, status.TIDAK_TERCAPAI, status.BELUM_BISA_DINILAI,
                   None, status.TERCAPAI]})
    ordered = tables.sort_worst_first(frame)
    # Province pinned on top; misses (the higher, worse value first), met, neutral, no data last.
    assert ordered["nilai"].tolist()[:5] == [33.0, 35.0, 30.0, 20.0, 25.0]
    assert pd.isna(ordered["nilai"].tolist()[5])
    fills = tables.status_fills(ordered.assign(satuan="persen"))
    assert fills[1] == status.STATUS_COLORS[status.TIDAK_TERCAPAI]


def test_tables_put_the_key_columns_first():
    """Wilayah (or indicator), value, status, period and target lead, so they are in view on a phone and a
    1280 px projector without scrolling the table sideways."""
    shown, _ = tables.ranking_table(assessed(), "id")
    assert list(shown.columns[:5]) == ["Wilayah", "Nilai", "Status", "Periode", "Target"]
    frame = assessed(indikator=["ST-01"] * 3, nama_indikator=["Prevalensi balita stunting"] * 3)
    card = tables.scorecard_table(frame, pd.DataFrame(), "en")
    assert list(card.columns[:5]) == ["Indicator", "Value", "Status", "Period", "Target"]
    kecamatan = tables.kecamatan_table(frame, "id")
    assert list(kecamatan.columns[:6]) == ["Wilayah", "Indikator", "Nilai", "Status", "Periode", "Target"]


def test_english_status_cells_say_one_year_and_translate_the_simulation_label():
    from lib.db import simulation
    shown, _ = tables.ranking_table(assessed(usia_tahun=[1, 4, None], sumber=[simulation.SOURCE, "SSGI 2022", None]),
                                    "en")
    assert shown.set_index("Area").loc["Majene", "Status"] == "Not met · old, data 1 year old"
    assert shown.set_index("Area").loc["Majene", "Source"] == "Monitor 4+1 simulation (not an official figure)"


def test_ranking_marks_simulated_rows():
    shown, _ = tables.ranking_table(assessed(jenis=["simulasi", "resmi", None]), "id")
    assert "Simulasi" in shown.set_index("Wilayah").loc["Majene", "Jenis data"]


def test_band_target_text_names_scope_year_and_basis():
    row = pd.Series({"target": 2.0, "target_atas": 4.0, "satuan": "persen", "target_tahun": "2023",
                     "target_cakupan": "nasional", "target_rujukan": "PMK 101/PMK.010/2021"})
    assert tables.target_text(row, "id") == "Sasaran nasional 2,0–4,0% (2023) · PMK 101/PMK.010/2021"


def test_english_labels_and_numbers():
    shown, _ = tables.ranking_table(assessed(), "en")
    assert "Area" in shown.columns and shown.set_index("Area").loc["Pasangkayu", "Value"] == "25.8%"


def test_periods_late_against_periodicity():
    assert freshness.periods_late(date(2024, 6, 30), "bulanan", date(2024, 7, 15)) == 0
    assert freshness.periods_late(date(2024, 6, 30), "bulanan", date(2024, 10, 1)) == 3
    assert freshness.periods_late(date(2022, 12, 31), "tahunan", date(2024, 3, 1)) == 0
    assert freshness.periods_late(date(2022, 12, 31), "tahunan", date(2026, 11, 28)) == 2
    assert freshness.periods_late(None, "tahunan", date(2026, 1, 1)) is None
