"""Tables as shown (Indonesian formatting, status words) and as downloaded (plain numbers), same rows."""
from __future__ import annotations

from datetime import date

import pandas as pd

from lib import status, tables


def assessed(**overrides):
    rows = {
        "wilayah": ["76.05", "76.01", "76.03"], "nama": ["Majene", "Pasangkayu", "Mamasa"],
        "nilai": [40.6, 25.8, None], "satuan": ["persen"] * 3, "arah": ["turun"] * 3,
        "periode_label": ["2022", "2022", None], "target": [28.49, 28.49, None], "target_atas": [None] * 3,
        "capaian_pct": [-67.9, 2545.0, None], "status": [status.TIDAK_SESUAI_JALUR, status.TERCAPAI, None],
        "jenis": ["resmi", "resmi", None], "sumber": ["SSGI 2022", "SSGI 2022", None], "url": ["u", "u", None],
    }
    rows.update(overrides)
    return pd.DataFrame(rows)


def test_ranking_best_first_with_indonesian_numbers():
    shown, export = tables.ranking_table(assessed(), "id")
    assert shown["Wilayah"].tolist() == ["Pasangkayu", "Majene", "Mamasa"]
    assert shown["Nilai"].tolist() == ["25,8%", "40,6%", "–"]
    assert shown["Target"].tolist()[0] == "28,49%"
    assert shown["Status"].tolist()[0].endswith("Tercapai")
    assert shown["Capaian target"].tolist()[:2] == [100.0, 0.0]  # clipped for the progress bar
    assert export["Wilayah"].tolist() == shown["Wilayah"].tolist()
    assert export["Nilai"].tolist()[:2] == [25.8, 40.6]
    assert export["Capaian target"].tolist()[0] == 2545.0  # the download keeps the real figure


def test_ranking_marks_simulated_rows():
    shown, _ = tables.ranking_table(assessed(jenis=["simulasi", "resmi", None]), "id")
    assert "Simulasi" in shown.set_index("Wilayah").loc["Majene", "Jenis data"]


def test_band_target_text():
    row = pd.Series({"target": 1.5, "target_atas": 3.5, "satuan": "persen"})
    assert tables.target_text(row, "id") == "1,5–3,5%"


def test_english_labels_and_numbers():
    shown, _ = tables.ranking_table(assessed(), "en")
    assert "Area" in shown.columns and shown["Value"].tolist()[0] == "25.8%"


def test_periods_late_against_periodicity():
    assert tables.periods_late(date(2024, 6, 30), "bulanan", date(2024, 7, 15)) == 0
    assert tables.periods_late(date(2024, 6, 30), "bulanan", date(2024, 10, 1)) == 3
    assert tables.periods_late(date(2022, 12, 31), "tahunan", date(2024, 3, 1)) == 0
    assert tables.periods_late(date(2022, 12, 31), "tahunan", date(2026, 11, 28)) == 2
    assert tables.periods_late(None, "tahunan", date(2026, 1, 1)) is None
