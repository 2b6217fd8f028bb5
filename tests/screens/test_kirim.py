"""Kirim, "siapa menerima apa" (lib.screens.kirim): the last delivery of each subscription, failures first; the
plain data of the admin page's forms (choices, schedule pickers, a form as add_all's arguments, labels)."""
from __future__ import annotations

from datetime import datetime, time

import numpy as np
import pandas as pd
import pytest

from lib.kirim import rules
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


# ---- The forms' plain data -------------------------------------------------------------------------------------
def test_the_scope_names_the_kabupaten_when_their_names_are_given():
    table = kirim.deliveries_table(FRAME, "id", {"76.01": "Pasangkayu", "76.02": "Mamuju", "76.03": "Mamasa"})
    assert table.set_index("No.").loc[[4, 1], "Lingkup"].tolist() == ["Pasangkayu, Mamuju", "Mamasa"]


def test_the_choices_are_the_kabupaten_by_name_the_opd_the_isu_and_the_accounts_named_by_an_address(sources):
    found = kirim.choices(sources["id", "normal"], ["admin", "kadis@dinkes.sulbarprov.go.id", "dinkes",
                                                    "bupati@mamasakab"])
    assert found.kabupaten["76.03"] == "Mamasa" and len(found.kabupaten) == 6
    assert found.opd["DINKES"].startswith("Dinkes · ") and set(found.isu) == {"KE", "ST", "ATS", "PA", "INF"}
    assert found.accounts == ("kadis@dinkes.sulbarprov.go.id",)
    assert kirim.choices(sources["en", "normal"], []).isu["KE"] == "Extreme poverty"  # in English too


@pytest.mark.parametrize("kind, expected, schedule", [
    ("mingguan", "senin 06:00", rules.Schedule("mingguan", time(6, 0), weekday=0)),
    ("harian", "setiap hari 06:00", rules.Schedule("harian", time(6, 0))),
    ("bulanan", "tanggal 31 06:00", rules.Schedule("bulanan", time(6, 0), day=31)),
    ("apel", "h-0 apel 06:00", rules.Schedule("apel", time(6, 0), day=0)),
])
def test_the_schedule_pickers_speak_the_words_of_jadwal(kind, expected, schedule):
    text = kirim.schedule_text(kind, "senin", 31, 0, time(6, 0))
    assert text == expected and rules.parse_schedule(text) == schedule
    assert kirim.schedule_text("mingguan", "jumat", at=time(17, 30)) == "jumat 17:30"


def test_a_form_is_the_arguments_of_add_all_one_subscription_per_trigger():
    form = kirim.Form(channel="email", recipient=" bupati@mamasakab.go.id ", template="abaikan",
                      kabupaten=("76.03",), on_publish=True, on_schedule=True, schedule_kind="mingguan",
                      weekday="senin", at=time(6, 0), contents=("brief", "teks"))
    assert kirim.add_arguments(form) == {
        "triggers": [("terbit", None), ("jadwal", "senin 06:00")], "channel": "email",
        "recipient": " bupati@mamasakab.go.id ", "template": None, "kabupaten": ["76.03"], "opd": None,
        "isu": None, "contents": ["brief", "teks"], "internal": False}
    assert kirim.add_arguments(kirim.Form(on_publish=False))["triggers"] == []  # add_all refuses it (its rule)
    assert kirim.needs_apel(kirim.Form(on_schedule=True, schedule_kind="apel"))
    assert not kirim.needs_apel(kirim.Form(on_schedule=False, schedule_kind="apel"))
    whatsapp = kirim.add_arguments(kirim.Form(channel="whatsapp", template="ringkasan_monitor41"))
    assert whatsapp["template"] == "ringkasan_monitor41"


def test_the_message_after_adding_names_the_numbers_and_whether_the_content_is_public():
    assert kirim.created_message([3, 4], kirim.Form(recipient="bupati@mamasakab.go.id"), "id") == (
        "Langganan 3 dan 4 dibuat (penerima di dalam pemerintahan). Kiriman pertama menyusul pada putaran "
        "pengiriman berikutnya.")
    assert "(isi publik)" in kirim.created_message([5], kirim.Form(recipient="warga@gmail.com"), "id")
    assert "(penerima di dalam" in kirim.created_message([5], kirim.Form(recipient="warga@gmail.com",
                                                                         internal=True), "id")
    assert "(penerima di dalam" in kirim.created_message([6], kirim.Form(channel="pengguna", recipient="x"), "id")
    assert kirim.created_message([3, 4], kirim.Form(channel="telegram", recipient="-100123"), "en").startswith(
        "Subscription 3 and 4 made (public content)")


def test_the_subscriptions_to_stop_and_the_failed_deliveries_in_a_line():
    sub = dict(id=3, saluran="email", penerima="bupati@mamasakab.go.id", kabupaten=["76.03", "76.05"], opd=None,
               isu="ST", pemicu="jadwal", jadwal="senin 06:00")
    assert kirim.subscription_label(sub, {"76.03": "Mamasa", "76.05": "Majene"}, "id") == (
        "No. 3 · email bupati@mamasakab.go.id · Mamasa, Majene · ST · jadwal (senin 06:00)")
    outbox = pd.DataFrame([dict(id=7, langganan=3, penerima="a@b.go.id", status="gagal", galat="SMTP mati"),
                           dict(id=8, langganan=3, penerima="a@b.go.id", status="antre", galat="SMTP mati")])
    assert kirim.failed_deliveries(outbox, "id") == {7: "Kiriman 7 (langganan 3, a@b.go.id): SMTP mati"}
    assert kirim.failed_deliveries(outbox.iloc[0:0], "id") == {}
