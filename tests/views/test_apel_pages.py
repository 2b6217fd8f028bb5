"""AppTest: the apel features render on the demo data — since the last apel on Ringkasan (rebuilt from the
history once an apel follows it), forecasts and satgas actions on isu pages, owned red cells on the OPD
page, actions on the Kabupaten page, the forecast method on Tentang, and the admins' apel form on Riwayat."""
from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from views.apptest import as_user, open_page

from lib.apel import meetings
from lib.ingest import load as loading
from lib.ingest.validate import CleanRow


@pytest.fixture
def database(env) -> Path:
    """The record of the app under test (tests/views/conftest.py `env`: with a clerk and an admin)."""
    return env


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def frames_text(at: AppTest) -> str:
    return "\n".join(df.value.to_string() for df in at.dataframe)


def test_ringkasan_compares_with_the_seeded_apel_by_period(read_env):  # only reads: the shared record
    at = open_page("views/ringkasan.py")
    assert "Sejak apel terakhir" in [s.value for s in at.subheader]
    label = "24 Juli 2023 pukul 08.00 (jam tidak tercatat, dianggap 08.00) — Apel Satgas Penanganan 4+1"
    assert at.selectbox(key="ringkasan_apel").options == [label]
    assert "setelah apel 24 Juli 2023" in captions(at)  # the history starts later: said, and approximated
    assert int(metrics(at)["Nilai atau status berubah"]) > 0
    # The first screen: three lines against the last apel, words (not arrows) for better and worse.
    summary = "\n".join(h.proto.body for h in at.get("html"))
    assert "Sejak apel " + label in summary and "nilai resmi membaik" in summary and "○ Simulasi" in summary
    assert any(m.value.startswith(":red[:material/error:] Tidak tercapai sekarang") and "Dinsos (koordinator)"
               in m.value for m in at.markdown)  # the red cell names its owner
    changes = next(df.value for df in at.dataframe if "Saat apel" in df.value.columns)
    extreme = changes[changes["Indikator"] == "Persentase penduduk miskin ekstrem"]
    # 0,75 % (March 2023) → 1,46 % (March 2024): up and worse for a `turun` indicator, said by the values
    assert extreme["Perubahan"].iloc[0].startswith("▲") and extreme["Perubahan"].iloc[0].endswith("memburuk")


def test_ringkasan_since_apel_follows_the_kabupaten_filter(database):
    row = CleanRow(2, "ST-PREV", "76.05", "2024", 13.0, "Dinkes Sulbar (uji)", None)  # met the 2024 target
    loading.load(database, [row], file_name="majene.xlsx", content_hash=hashlib.sha256(b"m").hexdigest(),
                 user_name="dinkes")
    at = open_page("views/ringkasan.py", {"kab": "76.05"})
    assert "#### Majene" in [m.value for m in at.markdown]  # a name, no arrow: the word says better
    changes = next(df.value for df in at.dataframe if "Saat apel" in df.value.columns)
    assert set(changes["Wilayah"]) == {"Sulawesi Barat", "Majene"}


def test_ringkasan_after_an_apel_rebuilds_from_history_and_names_the_uploader(database):
    earlier = datetime.now() - timedelta(minutes=1)
    meetings.add(database, meetings.Apel(earlier.date(), "Apel Koordinasi", jam=earlier.time()), user_name="admin")
    at = open_page("views/ringkasan.py")
    assert at.selectbox(key="ringkasan_apel").options[0].endswith("— Apel Koordinasi")
    assert "dibangun ulang dari riwayat" in captions(at)
    assert metrics(at)["Nilai atau status berubah"] == "0"  # nothing loaded since
    row = CleanRow(2, "ST-PREV", "76.05", "2025", 13.0, "Dinkes Sulbar (uji)", None)
    loading.load(database, [row], file_name="majene.xlsx", content_hash=hashlib.sha256(b"m").hexdigest(),
                 user_name="dinkes")
    at = open_page("views/ringkasan.py")
    # Loaded after the apel's moment, on its day: counted since the apel.
    assert metrics(at)["Nilai atau status berubah"] == "1"
    assert "Majene" in frames_text(at) and "dinkes" in frames_text(at) and "DINKES" in frames_text(at)


def test_stunting_page_shows_forecast_and_actions(read_env):  # only reads: the shared record
    at = open_page("views/stunting.py")
    shown = captions(at)  # the 2024 target has passed (or, before 2025, too few points since the survey breaks)
    assert "**Sulawesi Barat**: Target nasional 14,0% (2024)" in shown and "diperkirakan tercapai" not in shown
    assert "Tindakan satgas" in [s.value for s in at.subheader]
    assert "Pasti Padu" in frames_text(at)


def test_kabupaten_page_lists_its_actions(read_env):  # only reads: the shared record
    at = open_page("views/kabupaten.py", {"kab": "76.06"})
    assert "Satgas Desa Kabar Cerdas" in frames_text(at)


def test_opd_page_lists_the_red_cells_it_owns(read_env):  # only reads: the shared record
    at = open_page("views/opd.py", {"opd": "DINKES"})
    assert "Yang perlu ditindaklanjuti" in [s.value for s in at.subheader]
    # the province's stunting (35,4 % in 2024, national target 14 %) is a current cell Dinkes coordinates
    shown = "\n".join([*(m.value for m in at.markdown), *(str(h.proto.body) for h in at.get("html")),
                        *(b.label for b in at.button)])
    assert "Stunting" in shown and "Sulawesi Barat" in shown


def test_tentang_explains_the_forecast(read_env):  # only reads: the shared record
    at = open_page("views/tentang.py")
    assert "Akankah target tercapai?" in [s.value for s in at.subheader]
    assert any("minimal 3 titik data resmi" in m.value for m in at.markdown)


def test_admin_records_an_apel_on_riwayat(database):
    at = as_user("views/riwayat.py", "admin")
    at.date_input(key="riwayat_apel_tanggal").set_value(date(2024, 3, 18))
    at.time_input(key="riwayat_apel_jam").set_value(time(9, 15))  # the apel is a moment: date and time
    at.text_input(key="riwayat_apel_nama").input("Apel Maret")
    at = [b for b in at.button if b.label == "Catat apel"][0].click().run()
    assert not at.exception
    assert any("Apel Maret (18 Maret 2024 pukul 09.15) dicatat." in s.value for s in at.success)


ACTIONS = ("isu,opd,wilayah,periode,judul,uraian,jumlah,satuan,sumber,url\n"
           "ST,,76.05,2025-10,Kelas ibu balita Majene,,30,kelas,Laporan Dinkes Sulbar,\n")


def test_opd_uploads_actions_bad_row_refused_then_loaded_and_listed(database):
    at = as_user("views/unggah.py", "dinkes")
    bad = ACTIONS + "KE,,76.05,2025-10,Bantuan sembako,,5,paket,Laporan,\n"  # KE is not Dinkes' isu in Majene
    at = at.file_uploader(key="tindakan_berkas").set_value(("tindakan.csv", bad.encode(), "text/csv")).run()
    assert any("1 masalah ditemukan" in e.value for e in at.error)
    assert not [b for b in at.button if b.key == "tindakan_muat"]
    at = at.file_uploader(key="tindakan_berkas").set_value(("tindakan.csv", ACTIONS.encode(), "text/csv")).run()
    at = at.button(key="tindakan_muat").click().run()
    assert any("1 tindakan" in s.value for s in at.success)
    page = open_page("views/stunting.py")
    assert "Kelas ibu balita Majene" in frames_text(page)


def _chart_data(at: AppTest) -> str:
    """Every row drawn in the page's Vega-Lite charts (their tooltips read these columns)."""
    found = []
    for chart in at.get("vega_lite_chart"):
        found.append(chart.proto.spec)
        found += [dataset.data.data.decode("utf-8", "replace") for dataset in chart.proto.datasets]
    return "\n".join(found)


def test_ringkasan_card_that_missed_its_target_names_its_owners(read_env):  # only reads: the shared record
    at = open_page("views/ringkasan.py")
    cards = "\n".join(str(e.proto.body) for e in at.get("html"))
    # The province's stunting (35,4 % in 2024 against the national 14 %) missed its target: its card names who owns it.
    assert "Pemilik: Dinkes (koordinator)" in cards
    assert cards.count("Pemilik:") == cards.count("m41-owner")  # only under cards that missed their target
    assert "Pemilik (OPD)" in _chart_data(at)  # the matrix tooltip carries the owners column
