"""Issue 21, cell notes: the rules and the reads of lib.data.notes on a clock the test sets (overdue commitments,
"sejak apel terakhir" counts, the "Tindak lanjut" list, versions, routing of a koreksi, the replay of a value)."""
from __future__ import annotations

from datetime import date, datetime

import duckdb
import pandas as pd
import pytest
from notes_fixture import replayed_question

from lib.catatan import rules
from lib.catatan.rules import Cell, NoteError
from lib.data import notes
from lib.db import snapshot, writer, writes
from lib.users.accounts import User, add_user

MAJENE = Cell("ST-PREV", "76.05", "2022")  # 40,6 %, red; the isu ST is DINKES's, nobody else answers for Majene
POLMAN = Cell("ST-PREV", "76.04", "2022")
GUB = User("gubernur", "admin")
DINKES, DINSOS = User("dinkes", "opd", "DINKES"), User("dinsos", "opd", "DINSOS")
DAY = datetime(2026, 3, 2, 9, 0)
TODAY = date(2026, 3, 20)


@pytest.fixture(scope="module")
def users(tmp_path_factory):
    """The accounts file (argon2 hashes take a while): written once per module, the tests only read it."""
    path = tmp_path_factory.mktemp("users") / "users.json"
    for user in (GUB, DINKES, DINSOS):
        add_user(user.name, "kata-sandi-uji-panjang", user.role, user.opd, path=path)
    return path


@pytest.fixture
def db(tiny_db, users, monkeypatch):
    monkeypatch.setenv("MONITOR41_USERS", str(users))
    monkeypatch.setenv("MONITOR41_SNAPSHOT_DIR", "")
    return tiny_db


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 3, day, hour, 0)


def read(db, fn, *args, **kwargs):
    with snapshot.reading_notes(db) as con:
        return fn(con, *args, **kwargs)


def test_inbox_counts_and_follow_up_on_a_clock(db):
    first = rules.add(db, GUB, MAJENE, "pertanyaan", "Mengapa Majene merah?", now=at(2))
    second = rules.add(db, GUB, POLMAN, "pertanyaan", "Polman?", now=at(3))
    promise = rules.reply(db, DINKES, first, "Verifikasi", jenis="komitmen", tenggat=date(2026, 3, 10), now=at(4))
    later = rules.add(db, DINKES, MAJENE, "komitmen", "Posyandu", tenggat=date(2026, 3, 30), now=at(5))

    questions = read(db, notes.inbox_questions, "DINKES", TODAY)
    assert questions["id"].tolist() == [second] and questions["hari_menunggu"].tolist() == [17]
    commitments = read(db, notes.inbox_commitments, "DINKES", TODAY)
    assert commitments["id"].tolist() == [promise, later]  # overdue first
    assert commitments["lewat_tenggat"].tolist() == [True, False] and commitments["hari_lewat"].tolist() == [10, 0]

    counts = read(db, notes.open_counts, today=TODAY)
    majene = counts[counts["wilayah"] == "76.05"].iloc[0]
    assert (majene["terbuka"], majene["belum_dijawab"], majene["lewat_tenggat"]) == (2, 0, 1)

    since = read(db, notes.counts_since, at(2, 12), TODAY)
    assert since == {"ditanya": 1, "dijawab": 1, "belum_dijawab": 1, "komitmen_baru": 2, "komitmen_jatuh_tempo": 1,
                     "komitmen_lewat": 1, "komitmen_selesai": 0}

    follow = read(db, notes.follow_up, TODAY)
    assert list(zip(follow["jenis"], follow["id"], follow["opd"], follow["hari"])) == [
        ("pertanyaan", second, "DINKES", 17), ("komitmen", promise, "DINKES", 10)]

    rules.done(db, DINKES, promise, "Selesai diverifikasi", now=at(21))
    assert read(db, notes.follow_up, TODAY)["id"].tolist() == [second]
    assert read(db, notes.counts_since, at(2, 12), date(2026, 3, 21))["komitmen_selesai"] == 1


def test_versions_withdrawal_threads_and_mentions(db):
    first = rules.add(db, GUB, MAJENE, "pertanyaan", "Mengapa merah? @DINKES @dinsos @tidakada", now=at(2))
    rules.edit(db, GUB, first, "Mengapa Majene merah? @DINKES", now=at(2, 10))
    with pytest.raises(NoteError, match="Hanya penulis"):
        rules.edit(db, DINKES, first, "Bukan tulisan saya", now=at(2, 11))
    answer = rules.reply(db, DINKES, first, "Data SSGI", now=at(3))
    versions = read(db, notes.versions, first)
    assert versions["teks"].tolist() == ["Mengapa merah? @DINKES @dinsos @tidakada", "Mengapa Majene merah? @DINKES"]
    shown = read(db, notes.note, first, TODAY)
    assert (shown["teks"], shown["versi"], list(shown["sebutan"])) == ("Mengapa Majene merah? @DINKES", 2,
                                                                       ["DINKES", "dinsos"])
    assert read(db, notes.mentions, "dinsos", TODAY)["id"].tolist() == [first]
    panel = read(db, notes.cell_notes, "ST-PREV", "76.05", today=TODAY)
    assert panel["id"].tolist() == [first, answer] and panel["utas"].tolist() == [first, first]

    rules.withdraw(db, GUB, first, "salah sel", now=at(4))
    withdrawn = read(db, notes.note, first, TODAY)
    assert withdrawn["status"] == "ditarik" and pd.isna(withdrawn["teks"]) and withdrawn["ditarik_oleh"] == "gubernur"
    assert read(db, notes.open_counts, today=TODAY).empty
    assert read(db, notes.events, first)["jenis"].tolist() == ["teks", "status", "tarik"]


def test_a_koreksi_goes_to_the_opd_that_uploaded_the_value_which_may_answer_it(db):
    with writer.writing(db) as con:  # DINSOS's account uploads Majene's value
        batch = writes.add_batch(con, "isian.csv", "h", "dinsos", at(1), 1, "")
        writes.add_values(con, [("ST-PREV", "76.05", "2022", 39.0, "SSGI", None, "resmi", "dinsos", at(1),
                                 batch)])
    fix = rules.add(db, GUB, MAJENE, "koreksi", "Angka 39 salah ketik?", now=at(2))
    assert read(db, notes.note, fix, TODAY)["opd_tujuan"] == "DINSOS"
    rules.reply(db, DINSOS, fix, "Benar, akan diunggah ulang", now=at(3))
    assert read(db, notes.note, fix, TODAY)["status"] == "dijawab"
    question = rules.add(db, GUB, MAJENE, "pertanyaan", "Dan ini?", now=at(2))
    with pytest.raises(NoteError, match="bukan penanggung jawab"):
        rules.reply(db, DINSOS, question, "x", jenis="penjelasan", now=at(3))


def test_a_note_replays_the_value_of_its_moment_beside_todays(db):
    replay, _ = replayed_question(db, GUB)
    assert replay["catatan"]["nilai"].tolist() == [40.6] and replay["kini"]["nilai"].tolist() == [30.5]
    assert 14.0 in replay["target"]["nilai"].tolist()


def test_a_note_write_keeps_the_figures_snapshot_and_its_readers(db):
    folder = snapshot.folder(db)
    before = snapshot.read_pointer(folder)
    rules.add(db, GUB, MAJENE, "pertanyaan", "Satu", now=at(2))
    after = snapshot.read_pointer(folder)
    assert after.file == before.file and after.record != before.record  # re-stamped, not republished
    assert snapshot.figures_current(db)
    with duckdb.connect(str(db)) as con:  # a change behind the snapshot's back (an older program)
        con.execute("INSERT INTO apel (tanggal, nama, dicatat_oleh, dicatat_pada) VALUES "
                    "(DATE '2026-03-01', 'Apel', 'x', TIMESTAMP '2026-03-01 10:00')")
    rules.add(db, GUB, MAJENE, "pertanyaan", "Dua", now=at(3))  # never stamps over an unpublished change
    newest = snapshot.read_pointer(folder)
    assert newest.file != before.file and snapshot.figures_current(db)
    with duckdb.connect(str(snapshot.latest_path(db)), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM apel WHERE nama = 'Apel'").fetchall() == [(1,)]


def test_notes_behind_the_record_are_published_again_when_read(db):
    first = rules.add(db, GUB, MAJENE, "pertanyaan", "Satu", now=at(2))
    with writer.writing(db, notes_only=True) as con:  # as if the notes publication had failed after the commit
        writes.add_note_event(con, first, "tarik", "gubernur", None, at(3))
    (snapshot.folder(db) / snapshot.NOTES_POINTER).unlink()
    assert not snapshot.notes_current(db)
    assert read(db, notes.note, first)["status"] == "ditarik" and snapshot.notes_current(db)


def test_a_record_in_a_folder_with_a_quote_publishes_its_figures_and_notes(db, tmp_path):
    folder = tmp_path / "data o'neil \"x\""
    folder.mkdir()
    odd = folder / "rekaman.duckdb"
    odd.write_bytes(db.read_bytes())
    rules.add(odd, GUB, MAJENE, "pertanyaan", "Satu", now=at(2))
    assert read(odd, notes.all_notes)["teks"].tolist() == ["Satu"]
    with duckdb.connect(str(snapshot.latest_path(odd)), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM wilayah").fetchall() == [(9,)]  # parents first, in rounds


def test_who_may_write_and_answer_for_the_screens(db):
    with duckdb.connect(str(snapshot.latest_path(db)), read_only=True) as figures:
        assert rules.may_answer(figures, DINKES, "ST", "76.05") and rules.may_answer(figures, GUB, "ST", "76.05")
        assert not rules.may_answer(figures, DINSOS, "ST", "76.05")
        assert rules.may_answer(figures, DINSOS, "ST", "76.05", "koreksi", "DINSOS")
        assert not rules.may_answer(figures, User("tamu", "viewer"), "ST", "76.05")
    assert rules.may_write(DINSOS) and not rules.may_write(User("tamu", "viewer")) and not rules.may_write(None)


def test_a_full_disk_while_publishing_notes_says_saved_not_published_and_leaves_no_file(db, monkeypatch):
    import errno

    folder = snapshot.folder(db)
    rules.add(db, GUB, MAJENE, "pertanyaan", "Satu", now=at(2))
    published = snapshot.read_notes_pointer(folder)
    real = snapshot._write_atomically

    def full(path, text):
        if path.name == snapshot.NOTES_POINTER:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, text)

    monkeypatch.setattr(snapshot, "_write_atomically", full)
    with pytest.raises(snapshot.PublishError, match="SUDAH tersimpan.*ruang disk penuh"):
        rules.add(db, GUB, MAJENE, "pertanyaan", "Dua", now=at(3))
    assert snapshot.read_notes_pointer(folder) == published  # readers keep the previous notes file
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(("catatan-", ".tmp-"))) == [published]
    monkeypatch.undo()
    monkeypatch.setenv("MONITOR41_SNAPSHOT_DIR", "")
    assert read(db, notes.all_notes)["teks"].tolist() == ["Satu", "Dua"]  # the next read publishes it
