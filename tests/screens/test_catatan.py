"""Issue 21, cell notes on the pages as plain data (lib.screens.catatan): the panel's threads and rows (kind,
author, state chip, komitmen due and overdue, replies indented, text as text, what each visitor may do), the
OPD inbox's order and links, the count marks joined to a cached table, and a note's replay then and now."""
from __future__ import annotations

from datetime import date, datetime

import duckdb
import pandas as pd
import pytest
from notes_fixture import replayed_question

from lib.catatan import rules
from lib.catatan.rules import Cell
from lib.data import notes
from lib.db import snapshot
from lib.screens import catatan
from lib.screens.source import Source
from lib.users.accounts import User, add_user

MAJENE = Cell("ST-PREV", "76.05", "2022")  # red; DINKES owns it
POLMAN = Cell("ST-PREV", "76.04", "2022")
GUB, DINKES, DINSOS = User("gubernur", "admin"), User("dinkes", "opd", "DINKES"), User("dinsos", "opd", "DINSOS")
VIEWER = User("tamu", "viewer")
TODAY = date(2026, 3, 20)
HOSTILE = "Mengapa **merah**? <img src=x onerror=alert(1)> [x](http://contoh.invalid) :red[awas]"


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 3, day, hour, 0)


@pytest.fixture(scope="module")
def users(tmp_path_factory):
    """The accounts file (argon2 hashes take a while): written once per module, the tests only read it."""
    path = tmp_path_factory.mktemp("users") / "users.json"
    for user in (GUB, DINKES, DINSOS, VIEWER):
        add_user(user.name, "kata-sandi-uji-panjang", user.role, user.opd, path=path)
    return path


@pytest.fixture
def db(tiny_db, users, monkeypatch):
    monkeypatch.setenv("MONITOR41_USERS", str(users))
    monkeypatch.setenv("MONITOR41_SNAPSHOT_DIR", "")
    return tiny_db


def read(db, fn, *args, **kwargs):
    with snapshot.reading_notes(db) as con:
        return fn(con, *args, **kwargs)


@pytest.fixture
def src(db):  # the figures' published snapshot: a note write leaves it in place
    con = duckdb.connect(str(snapshot.latest_path(db)), read_only=True)
    yield Source(con, "id")
    con.close()


def test_the_panel_shows_threads_newest_first_with_replies_indented_and_text_as_text(db, src):
    asked = rules.add(db, GUB, MAJENE, "pertanyaan", HOSTILE, now=at(2))
    answer = rules.reply(db, DINKES, asked, "Data SSGI 2022", now=at(3))
    promise = rules.add(db, DINKES, MAJENE, "komitmen", "Verifikasi posyandu", tenggat=date(2026, 3, 10),
                        now=at(4))
    frame = read(db, notes.cell_notes, "ST-PREV", "76.05", today=TODAY)

    found = catatan.threads(frame, GUB, True, "id")
    assert [t.id for t in found] == [promise, asked]  # newest thread first
    late, question = found
    assert "lewat tenggat 10 hari" in late.title and late.open
    assert late.notes[0].chip == "terbuka · tenggat 10 Maret 2026 · lewat tenggat 10 hari"
    assert late.notes[0].fill == catatan.OVERDUE_FILL
    assert [(n.id, n.reply) for n in question.notes] == [(asked, False), (answer, True)]
    first = question.notes[0]
    assert first.chip == "dijawab" and first.head.startswith(f"#{asked} · Pertanyaan · gubernur · 2 Maret 2026")
    assert question.notes[1].head.startswith(f"#{answer} · Penjelasan · dinkes (DINKES)")
    # typed Markdown and HTML stay characters: nothing renders, nothing is fetched
    assert "\\*\\*merah\\*\\*" in first.teks and "\\<img" in first.teks and "\\[x\\]" in first.teks
    assert ":red" not in first.teks.replace(":\u2060red", "")
    assert first.raw == HOSTILE


def test_what_each_visitor_may_do(db, src):
    asked = rules.add(db, GUB, MAJENE, "pertanyaan", "Mengapa merah?", now=at(2))
    promise = rules.add(db, DINKES, MAJENE, "komitmen", "Posyandu", tenggat=date(2026, 3, 30), now=at(3))
    frame = read(db, notes.cell_notes, "ST-PREV", "76.05", today=TODAY)

    def rows(user, answering):
        return {n.id: n for t in catatan.threads(frame, user, answering, "id") for n in t.notes}

    for reader in (VIEWER, None):
        assert not any(t.may_reply for t in catatan.threads(frame, reader, False, "id"))
        assert not any(n.may_edit or n.may_withdraw or n.may_done or n.may_close for n in rows(reader, False).values())
    governor = rows(GUB, True)
    assert governor[asked].may_edit and governor[asked].may_withdraw and governor[asked].may_close
    assert governor[promise].may_done and not governor[promise].may_edit  # an admin marks done, edits only its own
    clerk = rows(DINKES, True)
    assert clerk[promise].may_done and clerk[promise].may_edit and not clerk[asked].may_edit
    other = rows(DINSOS, False)
    assert not other[promise].may_done and not other[asked].may_close
    assert catatan.may_answer(src, DINKES, "ST", "76.05") and not catatan.may_answer(src, DINSOS, "ST", "76.05")
    assert catatan.may_answer(src, DINSOS, "ST", "76.05", "koreksi", "DINSOS")  # a koreksi routed to it
    assert catatan.may_answer(src, GUB, "ST", "76.05") and not catatan.may_answer(src, VIEWER, "ST", "76.05")
    # a koreksi routed to DINSOS (it uploaded the value): DINSOS answers in that thread only
    fix = frame.assign(jenis="koreksi", opd_tujuan="DINSOS")
    assert all(t.may_answer for t in catatan.threads(fix, DINSOS, False, "id", "DINSOS"))
    assert not any(t.may_answer for t in catatan.threads(frame, DINSOS, False, "id", "DINSOS"))
    assert catatan.kinds(False) == ["pertanyaan", "koreksi"]
    assert catatan.kinds(True) == ["pertanyaan", "koreksi", "penjelasan", "komitmen"]
    assert catatan.reply_kinds(True)[0] == "penjelasan" and catatan.reply_kinds(False) == ["pertanyaan"]

    rules.withdraw(db, GUB, asked, "salah sel", now=at(4))
    frame = read(db, notes.cell_notes, "ST-PREV", "76.05", today=TODAY)
    withdrawn = rows(GUB, True)[asked]
    assert withdrawn.chip == "ditarik" and withdrawn.teks.startswith("Catatan ini ditarik oleh gubernur")
    assert not (withdrawn.may_edit or withdrawn.may_withdraw or withdrawn.may_close)
    assert not next(t for t in catatan.threads(frame, GUB, True, "id") if t.id == asked).may_reply


def test_the_inbox_lists_questions_oldest_first_and_commitments_overdue_first(db, src):
    polman = rules.add(db, GUB, POLMAN, "pertanyaan", "Polman?", now=at(2))
    majene = rules.add(db, GUB, MAJENE, "pertanyaan", "Majene?", now=at(3))
    later = rules.add(db, DINKES, MAJENE, "komitmen", "Nanti", tenggat=date(2026, 3, 30), now=at(4))
    late = rules.add(db, DINKES, POLMAN, "komitmen", "Terlambat", tenggat=date(2026, 3, 5), now=at(4))

    questions = catatan.inbox_questions(src, read(db, notes.inbox_questions, "DINKES", TODAY))
    assert [r.id for r in questions] == [polman, majene]  # oldest first
    first = questions[0]
    assert first.text == "Kabupaten Polewali Mandar · Prevalensi balita stunting (2022)"
    assert first.detail == "Pertanyaan · gubernur, 2 Maret 2026: menunggu 18 hari"
    assert (first.page, first.indikator, first.kabupaten) == ("views/stunting.py", "ST-PREV", ("76.04",))

    commitments = catatan.inbox_commitments(src, read(db, notes.inbox_commitments, "DINKES", TODAY))
    assert [r.id for r in commitments] == [late, later]  # overdue first
    assert commitments[0].overdue and "lewat tenggat 15 hari" in commitments[0].detail
    assert not commitments[1].overdue
    assert catatan.inbox_questions(src, read(db, notes.inbox_questions, "DINSOS", TODAY)) == ()


def test_marks_are_joined_to_a_table_without_changing_it(db, src):
    rules.add(db, GUB, MAJENE, "pertanyaan", "Satu", now=at(2))
    rules.add(db, DINKES, MAJENE, "komitmen", "Dua", tenggat=date(2026, 3, 10), now=at(3))
    counts = read(db, notes.open_counts, today=TODAY)
    cells = [("ST-PREV", "76"), ("ST-PREV", "76.05"), ("ST-PREV", "76.04")]
    assert catatan.marks(counts, cells, "id") == ["", "2 terbuka · 1 lewat tenggat", ""]  # a table's column
    assert catatan.marks(counts, cells, "en")[1] == "2 open · 1 overdue"
    assert catatan.mark(counts, "ST-PREV", "76.05", "en") == "2 open note(s) · 1 overdue"

    table = pd.DataFrame({"Wilayah": ["Sulawesi Barat", "Majene", "Polewali Mandar"], "Nilai": ["1", "2", "3"]})
    marked = catatan.with_marks(table, cells, counts, "id")
    assert list(marked.columns) == ["Wilayah", "Catatan", "Nilai"]
    assert marked["Catatan"].tolist()[1] == "2 terbuka · 1 lewat tenggat"
    assert list(table.columns) == ["Wilayah", "Nilai"]  # the cached table is untouched
    assert catatan.with_marks(table, [("ST-PREV", "76")] * 3, counts, "id") is table  # no mark: no column
    assert catatan.with_marks(table, cells, None, "id") is table  # public mode / no notes file

    assert catatan.first_marked(counts, ["ST-JUMLAH", "ST-PREV"], "76.05") == "ST-PREV"
    kabupaten = pd.DataFrame({"wilayah": ["76.04", "76.05"], "nama": ["Polewali Mandar", "Majene"]})
    assert catatan.map_note(counts, "ST-PREV", kabupaten, "id") == "Catatan terbuka: Majene (2)"
    assert catatan.map_note(counts, "KE-P0", kabupaten, "id") == ""
    assert catatan.map_note(None, "x", kabupaten, "id") == ""
    assert catatan.first_marked(counts, ["ST-PREV"], "76.04") is None and catatan.first_marked(None, [], "76") is None

    red = pd.DataFrame({"indikator": ["ST-PREV", "ST-PREV"], "wilayah": ["76", "76.05"],
                        "nama": ["Sulawesi Barat", "Majene"], "nama_indikator": ["Prevalensi"] * 2})
    assert catatan.red_cell_choices(red, counts, "id") == {
        "ST-PREV|76": "Sulawesi Barat · Prevalensi",
        "ST-PREV|76.05": "Majene · Prevalensi (2 catatan terbuka · 1 lewat tenggat)"}

    rows = pd.DataFrame({"indikator": ["ST-PREV"] * 2, "wilayah": ["76", "76.05"], "nama": ["Sulbar", "Majene"],
                         "nilai": [30.0, 40.6]})
    assert catatan.cell_choices(rows, counts, "id") == {"76": "Sulbar", "76.05": "Majene (2 catatan terbuka · "
                                                                                   "1 lewat tenggat)"}


def test_a_note_replays_its_value_status_and_target_beside_todays(db, src):
    replay, moment = replayed_question(db, GUB)
    with duckdb.connect(str(snapshot.latest_path(db)), read_only=True) as figures:
        table = catatan.replay_table(Source(figures, "id"), replay, "ST-PREV", "76.05", moment)
    assert table.columns[1].startswith("Saat catatan (") and table.columns[2] == "Kini"
    assert table.iloc[0, 1:].tolist() == ["40,6%", "30,5%"]
    assert all(isinstance(v, str) and v for v in table.iloc[1, 1:])  # the status words, judged each day
    assert "14,0%" in table.iloc[2, 1]
    before = catatan.replay_table(Source(figures := duckdb.connect(str(snapshot.latest_path(db)), read_only=True),
                                         "en"), {**replay, "catatan": replay["catatan"].iloc[0:0]}, "ST-PREV",
                                  "76.05", moment)
    figures.close()
    assert before.iloc[:, 1].tolist()[:2] == ["–", "no value yet"]


def test_a_mentioned_opd_finds_the_note_in_its_inbox_once(db, src):
    """An @mention reaches the OPD named (or the clerk named), newest first; a note already listed among the OPD's
    own questions or commitments is not listed again."""
    first = rules.add(db, GUB, MAJENE, "pertanyaan", "Mohon @DINSOS ikut melihat data keluarga.", now=at(2))
    second = rules.add(db, GUB, POLMAN, "pertanyaan", "@dinsos dan @DINKES: bagaimana Polman?", now=at(3))
    mentioned = catatan.inbox_mentions(src, read(db, notes.mentions, "DINSOS", TODAY))
    assert [r.id for r in mentioned] == [second, first]  # newest first
    assert mentioned[0].detail == "Pertanyaan · disebut oleh gubernur, 3 Maret 2026"
    assert mentioned[1].teks == "Mohon \\@DINSOS ikut melihat data keluarga."  # plain(): shown as text
    assert catatan.inbox_mentions(src, read(db, notes.mentions, "gubernur", TODAY)) == ()
    own = {r.id for r in catatan.inbox_questions(src, read(db, notes.inbox_questions, "DINKES", TODAY))}
    assert second in own
    assert catatan.inbox_mentions(src, read(db, notes.mentions, "DINKES", TODAY), own) == ()
    rules.reply(db, DINKES, second, "Sudah kami cek bersama Dinsos.", now=at(4))  # answered: waits for nobody
    assert [r.id for r in catatan.inbox_mentions(src, read(db, notes.mentions, "DINSOS", TODAY))] == [first]
