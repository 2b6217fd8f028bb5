"""Issue 22, kirim, in one process: the rules of a subscription, the triggers (two snapshots, a fake clock), the
outbox (no resend, retry then a visible failure) and the channels against loopback stand-ins (tests/kirim_sinks).
The real processes (`python -m lib.kirim`) are in test_kirim_cli.py.

The demo record (data/seed; the export builders need every isu): stunting in Mamasa (76.03) is 38,6 % (SSGI 2022),
not judged (no target of its year); an upload of Mamasa 2024 = 30,1 % is judged against the 14 % of 2024 and
turns the cell red. Nothing changes in Majene (76.05)."""
from __future__ import annotations

import io
import json
import shutil
from datetime import datetime

import duckdb
import pytest
from kirim_sinks import HttpStub, SmtpSink
from pypdf import PdfReader
from upload_file import write_upload

from lib.data import deliveries
from lib.db import outbox, record, snapshot
from lib.ingest.__main__ import main as ingest
from lib.kirim import deliver, rules, subscribe
from lib.kirim.rules import KirimError
from lib.screens import kirim as kirim_screen


def load_csv(db, tmp_path, rows, name="isian.csv") -> None:
    path = write_upload(tmp_path / name, rows)
    assert ingest(["load", str(path), "--db", str(db), "--yes"]) == 0


MAMASA_RED = [("ST-PREV", "76.03", "2024", "30,1", "SSGI 2024", "")]


@pytest.fixture
def demo(demo_record):
    return demo_record


def outbox_rows(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT langganan, slot, penerima, status, percobaan, galat, pesan FROM kiriman "
                           "ORDER BY id").fetchall()


@pytest.fixture
def smtp(monkeypatch):
    sink = SmtpSink()
    for name, value in (("HOST", "127.0.0.1"), ("PORT", str(sink.port)), ("TLS", "none"),
                        ("FROM", "monitor41@sulbarprov.go.id"), ("USER", ""), ("PASSWORD", "")):
        monkeypatch.setenv(f"MONITOR41_SMTP_{name}", value)
    monkeypatch.setenv("MONITOR41_PUBLIC_URL", "https://monitor41.example.go.id")
    yield sink
    sink.close()


@pytest.fixture(scope="module")
def refusing_db(_tiny_record, tmp_path_factory):
    """One published tiny record for the refused subscriptions: each case asserts nothing was written to it."""
    target = tmp_path_factory.mktemp("kirim-refused") / "tiny.duckdb"
    shutil.copyfile(_tiny_record, target.with_name("tiny.duckdb.tmp"))
    record.replace(target, target.with_name("tiny.duckdb.tmp"), force=False)
    return target


@pytest.mark.parametrize("kwargs, words", [
    (dict(channel="email", recipient="bupati(at)majene", trigger="terbit"), "tidak sah"),
    (dict(channel="email", recipient="bupati@majene", trigger="terbit"), "tidak sah"),
    (dict(channel="telegram", recipient="budi", trigger="terbit"), "Chat id Telegram"),
    (dict(channel="whatsapp", recipient="+6281234567890", trigger="terbit"), "--templat"),
    (dict(channel="folder", recipient="relatif/folder", trigger="terbit"), "path absolut"),
    (dict(channel="email", recipient="a@b.go.id", trigger="terbit", kabupaten=["Mamuju Tengah Raya"]),
     "Kabupaten 'Mamuju Tengah Raya' tidak dikenal"),
    (dict(channel="email", recipient="a@b.go.id", trigger="terbit", isu="XX"), "Isu 'XX' tidak dikenal"),
    (dict(channel="email", recipient="a@b.go.id", trigger="terbit", opd="DINAS-X"), "OPD 'DINAS-X'"),
    (dict(channel="email", recipient="a@b.go.id", trigger="jadwal", schedule="senin 25:00"), "tidak pernah terjadi"),
    (dict(channel="email", recipient="a@b.go.id", trigger="jadwal", schedule="tanggal 32 06:00"),
     "tidak pernah terjadi"),
    (dict(channel="email", recipient="a@b.go.id", trigger="jadwal", schedule="hari kiamat 06:00"), "tidak dikenali"),
    (dict(channel="email", recipient="a@b.go.id", trigger="jadwal", schedule="senen 06:00"), "bukan nama hari"),
    (dict(channel="email", recipient="a@b.go.id", trigger="jadwal"), "memerlukan --jadwal"),
    (dict(channel="email", recipient="a@b.go.id", trigger="terbit", contents="brief,video"), "tidak dikenal"),
])
def test_a_subscription_that_cannot_work_is_refused_at_creation_with_the_reason(refusing_db, kwargs, words):
    with pytest.raises(KirimError, match=words.replace("(", r"\(").replace("+", r"\+")):
        subscribe.add(refusing_db, by="admin", **kwargs)
    with duckdb.connect(str(refusing_db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM langganan").fetchone()[0] == 0


def test_the_public_flag_is_decided_at_creation(tiny_db, tmp_path):
    inside = subscribe.add(tiny_db, by="admin", channel="email", recipient="bupati@majenekab.go.id", trigger="terbit",
                           kabupaten=["Majene"])
    outside = subscribe.add(tiny_db, by="admin", channel="email", recipient="warga@example.com", trigger="terbit")
    told = subscribe.add(tiny_db, by="admin", channel="telegram", recipient="-1001234567890", trigger="terbit",
                         internal=True)
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        flags = dict(con.execute("SELECT id, publik FROM langganan").fetchall())
        assert con.execute("SELECT kabupaten FROM langganan WHERE id = ?", [inside]).fetchone()[0] == ["76.05"]
    assert flags == {inside: False, outside: True, told: False}



def test_weekly_and_on_change_is_two_subscriptions_made_all_or_none_and_stopped_all_or_none(tiny_db):
    """subscribe.add_all (the admin page's two triggers): every trigger checked before any row is written, one
    transaction; remove_all stops several at once or none (a number that is not live refuses them all)."""
    common = dict(by="admin", channel="email", recipient="bupati@majenekab.go.id", kabupaten=["Majene"])
    with pytest.raises(KirimError, match="tidak pernah terjadi"):
        subscribe.add_all(tiny_db, triggers=[("terbit", None), ("jadwal", "senin 25:00")], **common)
    with pytest.raises(KirimError, match="sedikitnya satu pemicu"):
        subscribe.add_all(tiny_db, triggers=[], **common)
    with pytest.raises(KirimError, match="sedikitnya satu isi"):
        subscribe.add_all(tiny_db, triggers=[("terbit", None)], contents=[], **common)
    with outbox.reading(tiny_db) as con:
        assert deliveries.live_subscriptions(con) == []
    made = subscribe.add_all(tiny_db, triggers=[("terbit", None), ("jadwal", " senin  06:00 ")], **common)
    with pytest.raises(KirimError, match="bernomor 99"):
        subscribe.remove_all(tiny_db, [*made, 99], "admin")
    with outbox.reading(tiny_db) as con:
        assert [(s["pemicu"], s["jadwal"]) for s in deliveries.live_subscriptions(con)] == [
            ("terbit", None), ("jadwal", "senin 06:00")]
    subscribe.remove_all(tiny_db, made, "admin")
    with outbox.reading(tiny_db) as con:
        assert deliveries.live_subscriptions(con) == []


def test_schedules_name_their_slots_and_a_slot_is_the_latest_at_or_before_now():
    monday = rules.parse_schedule("Senin 06:00")
    assert monday.last_slot(datetime(2026, 12, 7, 5, 59)) == datetime(2026, 11, 30, 6, 0)
    assert monday.last_slot(datetime(2026, 12, 7, 6, 0)) == datetime(2026, 12, 7, 6, 0)
    assert rules.parse_schedule("setiap hari 07.30").last_slot(datetime(2026, 12, 7, 7, 0)) == datetime(2026, 12, 6, 7, 30)
    monthly = rules.parse_schedule("tanggal 31 06:00")
    assert monthly.last_slot(datetime(2026, 12, 7)) == datetime(2026, 10, 31, 6, 0)  # November has no 31st
    before = rules.parse_schedule("h-1 apel 07:00")
    apel = [datetime(2026, 12, 10).date(), datetime(2026, 11, 12).date()]
    assert before.last_slot(datetime(2026, 12, 9, 6, 59), apel) == datetime(2026, 11, 11, 7, 0)
    assert before.last_slot(datetime(2026, 12, 9, 7, 0), apel) == datetime(2026, 12, 9, 7, 0)
    assert rules.backoff(1) < rules.backoff(2) < rules.backoff(3)


def test_a_status_change_in_the_scope_sends_one_message_with_that_kabupaten_only_and_never_twice(
        demo, tmp_path, smtp):
    mamasa = subscribe.add(demo, by="admin", channel="email", recipient="bupati@mamasakab.go.id",
                           trigger="terbit", kabupaten=["Mamasa"], contents="brief,teks")
    majene = subscribe.add(demo, by="admin", channel="email", recipient="bupati@majenekab.go.id",
                           trigger="terbit", kabupaten=["76.05"])
    first = deliver.run(demo)
    assert (first.queued, first.sent, first.skipped) == ([], [], 2)  # nothing changed since they subscribed
    load_csv(demo, tmp_path, MAMASA_RED)
    second = deliver.run(demo)
    assert len(second.sent) == 1 and second.skipped == 1 and not second.failed
    assert len(smtp.messages) == 1
    sender, recipients, message = smtp.messages[0]
    assert recipients == ["bupati@mamasakab.go.id"] and sender == "monitor41@sulbarprov.go.id"
    text = message.get_body(("plain",)).get_content()
    lines = text.strip().splitlines()
    assert 3 <= len(lines) <= 5, text
    assert "Kabupaten Mamasa" in lines[0] and "Majene" not in text and str(message["Subject"]).strip() == lines[0]
    assert any(line.startswith("Stunting Mamasa: Prevalensi") and "Tidak tercapai (30,1" in line for line in lines), text
    assert lines[-1] == "Selengkapnya: https://monitor41.example.go.id/kabupaten?kab=76.03"
    pdfs = [part for part in message.iter_attachments() if part.get_content_type() == "application/pdf"]
    assert len(pdfs) == 1
    pdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdfs[0].get_content())).pages)
    assert "Mamasa" in pdf_text
    assert not [name for name in ("Majene", "Pasangkayu", "Polewali", "Mamuju") if name in pdf_text], pdf_text
    third = deliver.run(demo)
    assert (third.queued, third.sent, third.skipped) == ([], [], 0)
    assert len(smtp.messages) == 1
    states = [(row[0], row[3]) for row in outbox_rows(demo)]
    assert states.count((mamasa, "terkirim")) == 1 and (majene, "lewat") in states
    assert (majene, "terkirim") not in states
    # the outbox and the subscriptions never reach a published snapshot
    with duckdb.connect(str(snapshot.latest_path(demo)), read_only=True) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert not tables & {"langganan", "kiriman"} and "capaian" in tables


def test_a_schedule_slot_fires_once_on_a_fake_clock(demo, smtp):
    subscribe.add(demo, by="admin", channel="email", recipient="bupati@majenekab.go.id", trigger="jadwal",
                  schedule="senin 06:00", kabupaten=["Majene"], contents="teks", now=datetime(2026, 12, 1, 9, 0))
    assert deliver.run(demo, datetime(2026, 12, 7, 5, 59)).sent == []  # last Monday's slot precedes it
    assert len(deliver.run(demo, datetime(2026, 12, 7, 6, 1)).sent) == 1
    assert deliver.run(demo, datetime(2026, 12, 7, 18, 0)).sent == []
    assert len(deliver.run(demo, datetime(2026, 12, 14, 6, 0)).sent) == 1
    assert len(smtp.messages) == 2
    text = smtp.messages[0][2].get_body(("plain",)).get_content()
    lines = text.strip().splitlines()
    assert lines[0] == "Monitor 4+1, ringkasan Kabupaten Majene, 7 Desember 2026", text
    assert lines[1].startswith("5 indikator utama: ") and "1 tercapai" in lines[1], text
    assert lines[2] == "Tidak ada sel tidak tercapai dalam lingkup ini." and len(lines) == 4
    assert not list(smtp.messages[0][2].iter_attachments())


def test_a_failing_smtp_server_leaves_a_retry_then_a_visible_failure_and_nothing_lost(demo, smtp, monkeypatch):
    monkeypatch.setenv("MONITOR41_KIRIM_COBA", "2")
    subscribe.add(demo, by="admin", channel="email", recipient="bupati@majenekab.go.id", trigger="jadwal",
                  schedule="setiap hari 06:00", contents="teks", now=datetime(2026, 12, 1, 9, 0))
    smtp.refuse = True
    start = datetime(2026, 12, 7, 6, 5)
    first = deliver.run(demo, start)
    assert first.retried and not first.sent
    [(_, _, _, state, tries, error, _)] = outbox_rows(demo)
    assert (state, tries) == ("antre", 1) and "451" in error and "PASSWORD" not in error
    assert deliver.run(demo, start.replace(minute=6)).retried == []  # backoff: not yet
    second = deliver.run(demo, start.replace(minute=30))
    assert second.failed and not second.sent
    assert outbox_rows(demo)[0][3:5] == ("gagal", 2)
    with outbox.reading(demo) as con:  # the admin page's read: the failure is visible, first
        who = kirim_screen.deliveries_table(deliveries.last_per_subscription(con), "id")
    assert who.iloc[0]["Kiriman terakhir"] == "Gagal" and "451" in who.iloc[0]["Galat"]
    smtp.refuse = False
    subscribe.retry(demo, 1)
    assert len(deliver.run(demo, start.replace(minute=31)).sent) == 1
    assert outbox_rows(demo)[0][3] == "terkirim" and len(smtp.messages) == 1


def test_telegram_and_whatsapp_reach_the_stub_with_their_payloads_and_no_token_in_the_record(
        demo, monkeypatch):
    stub = HttpStub()
    try:
        monkeypatch.setenv("MONITOR41_TELEGRAM_URL", stub.url)
        monkeypatch.setenv("MONITOR41_TELEGRAM_TOKEN", "123:RAHASIA-TELEGRAM")
        monkeypatch.setenv("MONITOR41_WHATSAPP_URL", stub.url + "/v21.0")
        monkeypatch.setenv("MONITOR41_WHATSAPP_TOKEN", "RAHASIA-WA")
        monkeypatch.setenv("MONITOR41_WHATSAPP_PHONE_ID", "555")
        for channel, who, extra in (("telegram", "-1001234567890", {}),
                                    ("whatsapp", "+62 812-3456-7890", {"template": "ringkasan_monitor41"})):
            subscribe.add(demo, by="admin", channel=channel, recipient=who, trigger="jadwal", contents="brief,teks",
                          schedule="senin 06:00", kabupaten=["76.05"], now=datetime(2026, 12, 1), **extra)
        assert len(deliver.run(demo, datetime(2026, 12, 7, 6, 0)).sent) == 2
        paths = [path for path, _, _ in stub.requests]
        assert paths == ["/bot123:RAHASIA-TELEGRAM/sendMessage", "/bot123:RAHASIA-TELEGRAM/sendDocument",
                         "/v21.0/555/media", "/v21.0/555/messages"]
        sent = json.loads(stub.requests[0][2])
        assert sent["chat_id"] == "-1001234567890" and "Majene" in sent["text"]
        assert b"application/pdf" in stub.requests[1][2]
        wa = json.loads(stub.requests[3][2])
        assert stub.requests[3][1]["Authorization"] == "Bearer RAHASIA-WA"
        assert wa["to"] == "6281234567890" and wa["template"]["name"] == "ringkasan_monitor41"
        header, body = wa["template"]["components"]
        assert header["parameters"][0]["document"]["id"] == "media-3"
        assert "\n" not in body["parameters"][0]["text"] and "Majene" in body["parameters"][0]["text"]
        stub.status = 500
        subscribe.add(demo, by="admin", channel="telegram", recipient="@kanal_satgas", trigger="jadwal",
                      contents="teks", schedule="selasa 06:00", now=datetime(2026, 12, 1))
        failed = deliver.run(demo, datetime(2026, 12, 8, 6, 0))
        assert failed.retried
        errors = [row[5] for row in outbox_rows(demo) if row[5]]
        assert errors and all("RAHASIA" not in e and "HTTP 500" in e for e in errors)
    finally:
        stub.close()


def test_the_folder_channel_writes_a_share_pack(demo, tmp_path):
    target = tmp_path / "teruskan"
    subscribe.add(demo, by="admin", channel="folder", recipient=str(target), trigger="jadwal",
                  schedule="senin 06:00", kabupaten=["76.04"], contents="brief,png,teks", now=datetime(2026, 12, 1))
    assert len(deliver.run(demo, datetime(2026, 12, 7, 6, 0)).sent) == 1
    [pack] = list(target.iterdir())
    names = sorted(p.suffix for p in pack.iterdir())
    assert names == [".pdf", ".png", ".txt"]
    assert "Polewali Mandar" in (pack / "pesan.txt").read_text(encoding="utf-8")


def test_a_commitment_that_falls_due_reaches_internal_subscribers_once_and_never_public_ones(demo, smtp):
    from datetime import date

    from lib.catatan import rules as notes
    from lib.users.accounts import User

    inside = subscribe.add(demo, by="admin", channel="email", recipient="bupati@mamasakab.go.id", trigger="terbit",
                           kabupaten=["Mamasa"], contents="teks", now=datetime(2026, 12, 1))
    subscribe.add(demo, by="admin", channel="email", recipient="warga@example.com", trigger="terbit",
                  kabupaten=["Mamasa"], contents="teks", now=datetime(2026, 12, 1))
    note = notes.add(demo, User("dinkes@sulbarprov.go.id", "opd", "DINKES"),
                     notes.Cell("ST-PREV", "76.03", "2022"), "komitmen", "Verifikasi data e-PPGBM Mamasa",
                     tenggat=date(2026, 12, 10), now=datetime(2026, 12, 2, 9, 0))
    assert deliver.run(demo, datetime(2026, 12, 9, 8, 0)).sent == []  # not due yet
    assert len(deliver.run(demo, datetime(2026, 12, 10, 8, 0)).sent) == 1
    assert deliver.run(demo, datetime(2026, 12, 11, 8, 0)).sent == []  # once per commitment
    [(_, recipients, message)] = smtp.messages
    assert recipients == ["bupati@mamasakab.go.id"]
    text = message.get_body(("plain",)).get_content()
    assert "DINKES berkomitmen untuk Stunting Mamasa (Prevalensi balita stunting)" in text and "10 Desember 2026" in text, text
    assert f"catatan {note}" in text
    assert [row[:2] for row in outbox_rows(demo) if row[1].startswith("komitmen")] == [(inside, f"komitmen:{note}")]
