"""Issue 21 in the app (AppTest): a question on a red cell shows in Ringkasan's since-apel box and section as
counts in words; on Presentasi a signed-in user of an internal instance gets the "Tindak lanjut" slide (cell,
OPD, age; never the text) before the closing slide, an anonymous visitor and a public instance never do."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from views.apptest import ACCOUNTS, as_user, open_page, users_file
from views.test_pages import texts

from lib.catatan import rules
from lib.users import accounts as users

QUESTION = "Mengapa Majene merah? Kader: Ibu Rahasia"
CELL = rules.Cell("ST-PREV", "76.05", "2022")


@pytest.fixture(scope="module")
def _asked_record(demo_db, tmp_path_factory, users_templates) -> Path:
    """A copy of the demo record with one open question of the admin on Majene's stunting cell, and a users file
    as `env`'s: written once here, then only read by the module's tests."""
    folder = tmp_path_factory.mktemp("asked")
    shutil.copyfile(demo_db, folder / "monitor41.duckdb")
    accounts = users_file(folder / "pengguna.json", ACCOUNTS, users_templates)
    rules.add(folder / "monitor41.duckdb", users.find_user("admin", path=accounts), CELL, "pertanyaan", QUESTION)
    return folder / "monitor41.duckdb"


@pytest.fixture
def asked(_asked_record, monkeypatch) -> Path:
    """The record of _asked_record for the app of this test (the tests only read it)."""
    monkeypatch.setenv("MONITOR41_DB", str(_asked_record))
    monkeypatch.setenv("MONITOR41_USERS", str(_asked_record.with_name("pengguna.json")))
    return _asked_record


def test_ringkasan_counts_the_question_in_its_first_box_and_the_since_section(asked):
    shown = texts(open_page("views/ringkasan.py"))
    assert "<strong>Catatan sel:</strong> 1 pertanyaan baru, 0 dijawab, 1 belum dijawab" in shown
    assert "**Catatan sel:** 1 pertanyaan baru, 0 dijawab, 1 belum dijawab" in shown  # the since-apel section
    assert "Ibu Rahasia" not in shown


def test_ringkasan_without_notes_has_no_notes_line(read_env):  # the shared record: no note
    assert "Catatan sel:" not in texts(open_page("views/ringkasan.py"))


def test_ringkasan_of_a_public_instance_shows_no_notes(asked, monkeypatch):
    monkeypatch.setenv("MONITOR41_PUBLIC", "1")
    assert "Catatan sel" not in texts(open_page("views/ringkasan.py"))


def test_a_signed_in_user_gets_the_follow_up_slide_before_the_closing_one(asked):
    at = as_user("views/presentasi.py", "dinkes")
    assert "1/10" in texts(at)
    at.button(key="presentasi_prev").click().run()
    assert "10/10" in texts(at) and "Terima kasih" in texts(at)
    at.button(key="presentasi_prev").click().run()
    shown = texts(at)
    assert "9/10" in shown and "Tindak lanjut" in shown
    assert "Majene — Prevalensi balita stunting (Stunting, 2022)" in shown and "Dinkes" in shown
    assert "Pertanyaan, 0 hari" in shown and "Ibu Rahasia" not in shown


def test_an_anonymous_visitor_and_a_public_instance_get_the_public_deck(asked, monkeypatch):
    at = open_page("views/presentasi.py")
    assert "1/9" in texts(at)
    at.button(key="presentasi_prev").click().run()
    assert "9/9" in texts(at) and "Tindak lanjut" not in texts(at)
    monkeypatch.setenv("MONITOR41_PUBLIC", "1")
    public = open_page("views/presentasi.py")
    public.button(key="presentasi_prev").click().run()
    assert "9/9" in texts(public) and "Tindak lanjut" not in texts(public) and "Majene — " not in texts(public)


def test_before_any_note_a_signed_in_deck_says_there_is_nothing_to_follow_up_and_the_public_one_stays(read_env):
    """The decks of one snapshot are cached per process: the anonymous deck (9 slides, with konvergensi and orang tua asuh) and a signed-in user's
    (10, the follow-up slide saying there is nothing to follow up) never stand in for each other."""
    anonymous = open_page("views/presentasi.py")
    assert "1/9" in texts(anonymous)
    at = as_user("views/presentasi.py", "admin")
    assert "1/10" in texts(at)
    at.button(key="presentasi_prev").click().run()
    at.button(key="presentasi_prev").click().run()
    assert "9/10" in texts(at)
    assert "Tidak ada pertanyaan yang belum dijawab dan tidak ada komitmen yang lewat tenggat." in texts(at)
    assert "1/9" in texts(open_page("views/presentasi.py"))
