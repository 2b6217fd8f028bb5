"""Kirim, "siapa menerima apa" (lib.screens.kirim): the last delivery of each subscription, failures first."""
from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd

from lib.screens import kirim

FRAME = pd.DataFrame([
    dict(id=1, saluran="email", penerima="bupati@mamasakab.go.id", kabupaten=np.array(["76.03"]), opd=None, isu=None,
         pemicu="terbit", jadwal=None, isi=np.array(["brief", "teks"]), status="terkirim", slot="terbit:x",
         galat="lama", waktu=datetime(2026, 12, 7, 6, 1)),
    dict(id=2, saluran="telegram", penerima="-1001234567890", kabupaten=None, opd=None, isu="ST", pemicu="jadwal",
         jadwal="senin 06:00", isi=np.array(["teks"]), status=None, slot=None, galat=None, waktu=pd.NaT),
    dict(id=3, saluran="email", penerima="kadis@dinkes.sulbarprov.go.id", kabupaten=None, opd="DINKES", isu=None,
         pemicu="terbit", jadwal=None, isi=np.array(["teks"]), status="gagal", slot="terbit:y",
         galat="Server SMTP 127.0.0.1:25 tidak bisa dihubungi (Connection refused).", waktu=datetime(2026, 12, 7, 6)),
    dict(id=4, saluran="folder", penerima="/srv/kirim", kabupaten=np.array(["76.01", "76.02"]), opd=None, isu=None,
         pemicu="jadwal", jadwal="h-1 apel 07:00", isi=np.array(["brief", "png"]), status="antre", slot="jadwal:z",
         galat=None, waktu=datetime(2026, 12, 6, 7)),
])


def test_failures_come_first_then_queued_then_sent_then_never_delivered():
    table = kirim.deliveries_table(FRAME, "id")
    assert table["No."].tolist() == [3, 4, 1, 2]
    assert table["Kiriman terakhir"].tolist() == ["Gagal", "Antre", "Terkirim", "Belum ada"]
    first = table.iloc[0]
    assert first["Galat"].startswith("Server SMTP") and first["Lingkup"] == "Provinsi Sulawesi Barat · DINKES"
    assert first["Waktu"] == "7 Desember 2026 06.00"
    assert table.iloc[1]["Lingkup"] == "76.01,76.02" and table.iloc[1]["Pemicu"] == "jadwal (h-1 apel 07:00)"
    assert table.iloc[2]["Galat"] == ""  # a sent delivery shows no old error
    assert table.iloc[3]["Waktu"] == "" and table.iloc[3]["Lingkup"] == "Provinsi Sulawesi Barat · ST"
    assert kirim.failures(FRAME) == 1


def test_the_table_speaks_english_too_and_an_empty_outbox_is_an_empty_table():
    table = kirim.deliveries_table(FRAME, "en")
    assert table.columns[:3].tolist() == ["No.", "Last delivery", "Time"] and table.iloc[0]["Last delivery"] == "Failed"
    assert kirim.deliveries_table(FRAME.iloc[0:0], "id").empty and kirim.failures(FRAME.iloc[0:0]) == 0
