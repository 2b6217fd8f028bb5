"""The Kirim admin page (views/kirim.py): an admin sees who receives what, failures first, adds subscriptions with
the rules of `python -m lib.kirim add` (a refusal says the rule's message and keeps what was typed), stops them
after a confirmation, queues a failed delivery again, and survives a record another process is writing; nobody
else sees the page."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime, time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from views.apptest import as_user

from lib.data import deliveries
from lib.db import outbox, record
from lib.kirim import deliver, subscribe
from lib.users import accounts

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "views/kirim.py"
ROOT = Path(__file__).resolve().parents[2]
BUPATI = "bupati@mamasakab.go.id"


def _live(db) -> list[dict]:
    with outbox.reading(db) as con:
        return deliveries.live_subscriptions(con)


def _click(at, key: str):
    at.button(key=key).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _texts(at, kind: str) -> str:
    return "\n".join(str(e.value) for e in getattr(at, kind))


@pytest.fixture
def admin_page(env, monkeypatch):
    """The Kirim page signed in as the admin of the `env` record (tests/views/conftest.py); the record's path."""
    monkeypatch.setenv("MONITOR41_WRITE_WAIT", "0.5")
    return env


def _fill_mamasa(at, address: str):
    """Mamasa, weekly on Monday 06:00 and on publication, for an e-mail address (the issue's "done when")."""
    at.selectbox(key="kirim_saluran_id").set_value("email").run()
    at.text_input(key="kirim_penerima").input(address)
    at.multiselect(key="kirim_kab").select("76.03")
    at.checkbox(key="kirim_jadwal").check().run()
    at.selectbox(key="kirim_jenis_id").set_value("mingguan")
    at.selectbox(key="kirim_hari_id").set_value("senin")
    at.time_input(key="kirim_jam").set_value(time(6, 0))
    return at


def test_an_admin_adds_mamasa_weekly_and_on_publication_and_the_rows_appear(admin_page):
    db = admin_page
    at = as_user(PAGE, "admin")
    assert at.title[0].value == "Siapa menerima apa" and "Belum ada langganan" in _texts(at, "info")
    at = _click(_fill_mamasa(at, BUPATI), "kirim_tambah")
    assert "Langganan 1 dan 2 dibuat (penerima di dalam pemerintahan)" in _texts(at, "success")
    made = _live(db)
    assert [(s["pemicu"], s["jadwal"], s["kabupaten"], s["penerima"], s["publik"], s["isi"], s["dibuat_oleh"])
            for s in made] == [("terbit", None, ["76.03"], BUPATI, False, ["brief", "teks"], "admin"),
                               ("jadwal", "senin 06:00", ["76.03"], BUPATI, False, ["brief", "teks"], "admin")]
    table = at.dataframe[0].value
    assert table["Penerima"].tolist() == [BUPATI, BUPATI] and table["Lingkup"].tolist() == ["Mamasa", "Mamasa"]
    assert table["Pemicu"].tolist() == ["terbit", "jadwal (senin 06:00)"]
    assert at.text_input(key="kirim_penerima").value == ""  # saved: the recipient is empty for the next one


def test_an_invalid_address_says_the_rules_message_keeps_the_form_and_makes_no_row(admin_page):
    db = admin_page
    at = _click(_fill_mamasa(as_user(PAGE, "admin"), "bupati@mamasakab"), "kirim_tambah")
    assert "Alamat e-mail 'bupati@mamasakab' tidak sah (contoh: bupati@mamasakab.go.id)." in _texts(at, "error")
    assert _live(db) == [] and not at.dataframe
    assert at.text_input(key="kirim_penerima").value == "bupati@mamasakab"  # what was typed stays
    assert at.multiselect(key="kirim_kab").value == ["76.03"] and at.checkbox(key="kirim_jadwal").value
    # the other rules of `python -m lib.kirim add` speak here too: no content, a WhatsApp number without template
    for item in ("brief", "teks"):
        at.checkbox(key=f"kirim_isi_{item}").uncheck()
    at.text_input(key="kirim_penerima").input(BUPATI)
    at = _click(at, "kirim_tambah")
    assert "Pilih sedikitnya satu isi: brief, deck, png, teks." in _texts(at, "error")
    at.checkbox(key="kirim_isi_teks").check()
    at.selectbox(key="kirim_saluran_id").set_value("whatsapp").run()
    at.text_input(key="kirim_penerima").input("+62 812-3456-7890")
    at = _click(at, "kirim_tambah")
    assert "Saluran WhatsApp memerlukan --templat" in _texts(at, "error") and _live(db) == []
    at.text_input(key="kirim_templat").input("ringkasan_monitor41")
    at = _click(at, "kirim_tambah")
    assert "Langganan 1 dan 2 dibuat (isi publik)" in _texts(at, "success")
    assert {(s["saluran"], s["penerima"], s["templat"], s["publik"]) for s in _live(db)} == {
        ("whatsapp", "6281234567890", "ringkasan_monitor41", True)}


def test_an_account_is_an_internal_recipient_at_its_address(admin_page):
    db = admin_page
    accounts.add_user("kadis@dinkes.sulbarprov.go.id", None, "opd", opd="DINKES")
    at = as_user(PAGE, "admin")
    at.selectbox(key="kirim_saluran_id").set_value("pengguna").run()
    assert at.selectbox(key="kirim_akun").options == ["kadis@dinkes.sulbarprov.go.id"]  # not 'admin', 'dinkes'
    at.selectbox(key="kirim_akun").set_value("kadis@dinkes.sulbarprov.go.id")
    at.selectbox(key="kirim_opd").set_value("DINKES")
    at.checkbox(key="kirim_terbit").check()
    at = _click(at, "kirim_tambah")
    [made] = _live(db)
    assert (made["saluran"], made["penerima"], made["opd"], made["publik"]) == (
        "email", "kadis@dinkes.sulbarprov.go.id", "DINKES", False)


def test_removing_asks_for_a_confirmation_and_cancel_keeps_the_subscription(admin_page):
    db = admin_page
    first = subscribe.add(db, by="admin", channel="email", recipient=BUPATI, trigger="terbit", kabupaten=["Mamasa"])
    second = subscribe.add(db, by="admin", channel="telegram", recipient="-1001234567890", trigger="jadwal",
                           schedule="h-1 apel 07:00", isu="ST")
    at = as_user(PAGE, "admin")
    assert at.multiselect(key="kirim_hapus_pilih_id").options == [
        "No. 1 · email bupati@mamasakab.go.id · Mamasa · terbit",
        "No. 2 · telegram -1001234567890 · Provinsi Sulawesi Barat · ST · jadwal (h-1 apel 07:00)"]
    at = _click(at, "kirim_hapus")  # nothing chosen: said, nothing asked
    assert "Pilih dulu langganan yang dihentikan." in _texts(at, "error")
    at.multiselect(key="kirim_hapus_pilih_id").select(first)
    at = _click(at, "kirim_hapus")
    assert "Hentikan langganan 1?" in _texts(at, "warning") and len(_live(db)) == 2  # not yet
    at = _click(at, "kirim_hapus_batal")
    assert not at.warning and len(_live(db)) == 2
    at = _click(at, "kirim_hapus")
    at = _click(at, "kirim_hapus_ya")
    assert "Langganan 1 dihentikan" in _texts(at, "success")
    assert [s["id"] for s in _live(db)] == [second]
    assert at.dataframe[0].value["No."].tolist() == [second]
    assert at.multiselect(key="kirim_hapus_pilih_id").value == []


def test_an_admin_sees_the_failed_delivery_first_and_queues_it_again(demo_db, tmp_path, monkeypatch):
    db, built = tmp_path / "monitor41.duckdb", tmp_path / "monitor41.duckdb.tmp"
    shutil.copyfile(demo_db, built)
    record.replace(db, built, force=False)
    monkeypatch.setenv("MONITOR41_DB", str(db))
    monkeypatch.setenv("MONITOR41_SNAPSHOT_DIR", "")
    monkeypatch.setenv("MONITOR41_PUBLIC", "0")
    monkeypatch.setenv("MONITOR41_USERS", str(tmp_path / "pengguna.json"))
    monkeypatch.setenv("MONITOR41_SMTP_HOST", "")
    monkeypatch.setenv("MONITOR41_KIRIM_COBA", "1")
    subscribe.add(db, by="admin", channel="folder", recipient=str(tmp_path / "paket"), trigger="terbit")
    subscribe.add(db, by="admin", channel="email", recipient=BUPATI, trigger="jadwal",
                  schedule="senin 06:00", kabupaten=["Mamasa"], contents="teks", now=datetime(2026, 12, 1))
    [failed] = deliver.run(db, datetime(2026, 12, 7, 6, 0)).failed  # no SMTP server configured
    admin = accounts.User("admin@sulbarprov.go.id", "admin")
    accounts.add_user(admin.name, None, admin.role)

    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["auth_user"] = admin
    at.switch_page(PAGE).run()  # straight onto the page (tests/views/apptest.py)
    assert not at.exception and at.title[0].value == "Siapa menerima apa"
    assert "1 langganan kiriman terakhirnya gagal" in at.error[0].value
    table = at.dataframe[0].value
    assert table["No."].tolist() == [2, 1] and table.iloc[0]["Kiriman terakhir"] == "Gagal"
    assert "MONITOR41_SMTP_HOST" in table.iloc[0]["Galat"]
    assert at.selectbox(key="kirim_ulang_pilih_id").value == failed
    at = _click(at, "kirim_ulang")
    assert f"Kiriman {failed} diantrekan lagi" in _texts(at, "success")
    assert at.dataframe[0].value.iloc[0]["Kiriman terakhir"] == "Antre"
    assert not [s for s in at.selectbox if s.key == "kirim_ulang_pilih_id"]  # nothing left to queue again


def test_an_opd_clerk_and_a_viewer_are_refused(env):
    accounts.add_user("pembaca", "stunting-turun-2024", "viewer")
    for name in ("dinkes", "pembaca"):
        at = as_user(PAGE, name)
        assert not at.exception and not at.dataframe and not at.title
        assert "Halaman ini untuk peran lain" in _texts(at, "error"), name
        assert not [b for b in at.button if b.key == "kirim_tambah"]


HOLD = """
import sys, time
from pathlib import Path
from lib.db import lock
with lock.writer_lock(Path(sys.argv[1]), wait=10):
    print("dipegang", flush=True)
    sys.stdin.readline()
"""


def test_a_busy_record_refuses_the_add_clearly_and_keeps_the_form(admin_page):
    """Another process (an upload, a delivery round) holds the writer lock: the page says so, nothing is saved,
    what was typed stays; once the writer is done the same click saves it."""
    db = admin_page
    at = _fill_mamasa(as_user(PAGE, "admin"), BUPATI)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout.readline().strip() == "dipegang"
        at = _click(at, "kirim_tambah")
        assert "Database sedang ditulis proses lain" in _texts(at, "error")
        assert "Kotak keluar sedang dipakai penulisan lain" in _texts(at, "warning")  # the table cannot be read
        assert at.text_input(key="kirim_penerima").value == BUPATI and at.checkbox(key="kirim_jadwal").value
    finally:
        holder.communicate("\n", timeout=30)
    assert _live(db) == []
    at = _click(at, "kirim_tambah")
    assert "Langganan 1 dan 2 dibuat" in _texts(at, "success") and len(_live(db)) == 2


def test_a_language_switch_keeps_the_choices_and_shows_them_in_the_new_words(admin_page):
    """The translated pickers are new widgets per language (the browser would keep the old words under one key);
    what was chosen stays chosen."""
    db = admin_page
    at = _fill_mamasa(as_user(PAGE, "admin"), BUPATI)
    at.selectbox(key="kirim_hari_id").set_value("jumat").run()
    at.session_state["app_lang"] = "en"
    at.run()
    assert not at.exception
    assert at.selectbox(key="kirim_jenis_en").value == "mingguan" and "Every week" in at.selectbox(
        key="kirim_jenis_en").options
    assert at.selectbox(key="kirim_hari_en").value == "jumat" and "Friday" in at.selectbox(key="kirim_hari_en").options
    at = _click(at, "kirim_tambah")
    assert "Subscription 1 and 2 made (recipient inside the government)" in _texts(at, "success")
    assert [s["jadwal"] for s in _live(db)] == [None, "jumat 06:00"]


def test_a_schedule_before_each_apel_is_made_with_the_clis_note_when_no_apel_is_ahead(admin_page):
    """"Sehari sebelum apel" as pickers; the demo record's only apel is past, so the page says, as `add` does,
    that the schedule applies once an apel is recorded."""
    db = admin_page
    at = as_user(PAGE, "admin")
    at.text_input(key="kirim_penerima").input("-1001234567890")
    at.selectbox(key="kirim_saluran_id").set_value("telegram").run()
    at.checkbox(key="kirim_terbit").uncheck()
    at.checkbox(key="kirim_jadwal").check().run()
    at.selectbox(key="kirim_jenis_id").set_value("apel").run()
    assert at.selectbox(key="kirim_h_id").value == 1 and at.selectbox(key="kirim_h_id").options[:2] == [
        "Pada hari apel", "1 hari sebelum apel"]
    at.time_input(key="kirim_jam").set_value(time(7, 0))
    at = _click(at, "kirim_tambah")
    assert "Langganan 1 dibuat (isi publik)" in _texts(at, "success")
    assert "belum ada apel mendatang yang tercatat" in _texts(at, "success")
    assert [(s["saluran"], s["pemicu"], s["jadwal"]) for s in _live(db)] == [("telegram", "jadwal", "h-1 apel 07:00")]
