"""Issue 21, cell notes on the pages (AppTest): a governor asks on a red cell of an isu page, the owning OPD
finds it in its inbox on the OPD page and answers (state 'dijawab'); a komitmen with a past date is refused
with its Indonesian message and the typed text stays; a viewer reads and gets no form."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from views.apptest import ACCOUNTS, as_user, open_page, users_file

from lib.data import notes
from lib.db import snapshot
from lib.users import accounts as users

STUNTING = "views/stunting.py"
MAJENE = {"kab": "76.05", "indikator": "ST-PREV"}  # 40,6 %: red; DINKES owns it
QUESTION = "Mengapa Majene masih merah? <b>@DINKES</b> [tautan](http://contoh.invalid)"


@pytest.fixture
def accounts(env, users_templates):
    """`env` with a governor (`gubernur`, an admin) and a reader (`pembaca`, a viewer) besides its clerk and admin."""
    users_file(users.users_path(), (*ACCOUNTS, ("gubernur", "admin", None), ("pembaca", "viewer", None)),
               users_templates)
    return env


def _notes(db):
    with snapshot.reading_notes(db) as con:
        return notes.all_notes(con)


def _submit(at, label: str):
    return next(b for b in at.button if b.label == label).click().run()


def _texts(at) -> str:
    return "\n".join(str(e.value) for kind in ("markdown", "caption", "error", "success") for e in getattr(at, kind))


def _signed_on(page: str, name: str, query: dict | None = None):
    """`page` in a session signed in as `name` (apptest.as_user: one run, no sign-in page first)."""
    return as_user(page, name, query)


def _on_isu_page(name: str):
    # Majene chosen (app_kab), as a click on the map chooses it (state.select_kabupaten), through the URL
    return _signed_on(STUNTING, name, MAJENE)


def test_a_governor_asks_readers_see_it_and_the_opd_opens_and_answers_it_from_its_inbox(accounts, monkeypatch):
    """One question's journey over one record (each case was a test of its own over a record of its own):
    - the governor asks on Majene's red cell; the marks are joined when the page is drawn: the figures' cached
      ranking is not computed again (a note empties no figure cache);
    - a viewer reads the notes and gets no form;
    - a visitor not signed in reads the panel in English, with a sign-in link;
    - an inbox row of the OPD page opens its cell on the isu page;
    - the owning OPD answers from its inbox (state 'dijawab')."""
    from lib.screens import isu

    computed = []
    ranking = isu.ranking
    monkeypatch.setattr(isu, "ranking", lambda *args: computed.append(args) or ranking(*args))
    db = accounts
    at = _on_isu_page("gubernur")
    assert computed and not any("Catatan" in getattr(d.value, "columns", []) for d in at.dataframe)
    assert at.selectbox(key="isu_ST_catatan_wilayah").value == "76.05"  # the map's chosen kabupaten
    at.radio(key="isu_ST_baru_jenis").set_value("pertanyaan")
    at.text_area(key="isu_ST_baru_teks").input(QUESTION)
    before = len(computed)
    at = _submit(at, "Kirim catatan")
    assert not at.exception
    asked = _notes(db)
    assert len(asked) == 1
    question = asked.iloc[0]
    assert (question["penulis"], question["wilayah"], question["indikator"], question["opd_tujuan"]) == \
        ("gubernur", "76.05", "ST-PREV", "DINKES")
    assert at.text_area(key="isu_ST_baru_teks").value == ""  # saved: the form is empty again
    assert "Catatan #1 tersimpan" in _texts(at)
    # the thread is in the panel, its text as text (no HTML, no link), and the ranking row has its mark
    assert any("#1" in e.label and "terbuka" in e.label for e in at.expander)
    shown = _texts(at)
    assert "\\<b\\>" in shown and "\\[tautan\\]" in shown
    marked = next(d.value for d in at.dataframe if "Catatan" in getattr(d.value, "columns", []))
    assert "1 terbuka" in marked["Catatan"].tolist()
    assert len(computed) == before  # the ranking came from its cache

    # a viewer reads the notes and gets no form
    viewer = _on_isu_page("pembaca")
    assert any("#1" in e.label for e in viewer.expander)
    assert not [w for w in viewer.text_area if w.key and w.key.startswith("isu_ST_")]
    assert any("hanya dapat dibaca" in c.value for c in viewer.caption)

    # a visitor not signed in reads the panel in English with a sign-in link
    visitor = open_page(STUNTING, {**MAJENE, "lang": "en"})
    assert visitor.selectbox(key="isu_ST_catatan_wilayah").value == "76.05"
    assert any("Cell notes" in m.value for m in visitor.markdown)
    assert any(e.label.startswith("#1 · Question · gubernur") and "open" in e.label for e in visitor.expander)
    assert not [w for w in visitor.text_area if w.key and w.key.startswith("isu_ST_")]
    assert [link.label for link in visitor.get("page_link")] == ["Sign in to ask or answer"]

    # an inbox row opens its cell on the isu page
    opener = _signed_on("views/opd.py", "dinkes")  # no kabupaten chosen
    opener.button(key="kotak_1_buka").click().run()
    assert not opener.exception, [e.value for e in opener.exception]
    assert opener.session_state["app_kab"] == ["76.05"]
    assert opener.selectbox(key="isu_ST_indikator").value == "ST-PREV"
    assert opener.selectbox(key="isu_ST_catatan_wilayah").value == "76.05"
    assert any("#1" in e.label for e in opener.expander)

    # the OPD answers from its inbox
    clerk = _signed_on("views/opd.py", "dinkes")  # no OPD chosen: the clerk's own OPD and inbox
    assert any("Pertanyaan untuk Anda (1)" in m.value for m in clerk.markdown)
    key = f"kotak_{int(question['id'])}_balas"
    assert clerk.radio(key=f"{key}_jenis").value == "penjelasan"
    clerk.text_area(key=f"{key}_teks").input("Data 2022; survei 2024 menunjukkan 30,1 %.")
    clerk = _submit(clerk, "Kirim balasan")
    assert not clerk.exception
    after = _notes(db).set_index("id")
    assert after.loc[int(question["id"]), "status"] == "dijawab"
    assert after.loc[int(question["id"]) + 1, "jenis"] == "penjelasan"
    assert "Catatan #2 tersimpan" in _texts(clerk)
    assert any("tidak ada pertanyaan atau komitmen terbuka" in c.value for c in clerk.caption)
    # the OPD page's own panel, on its off-track cells (the province's stunting headline here)
    assert clerk.selectbox(key="opd_catatan_sel").value == "ST-PREV|76"


def test_the_opd_commits_after_a_refused_past_date_then_marks_it_done_from_the_kabupaten_rapor(accounts):
    """One komitmen's journey over one record (each case was a test of its own over a record of its own):
    - a komitmen dated in the past is refused with its Indonesian message, the typed text stays, nothing written;
    - with a date ahead it is saved and shows under the map and on the Kabupaten rapor;
    - marked done there: refused without a note of what was delivered, then done;
    - the Kabupaten page's notes panel follows another kabupaten."""
    db = accounts
    at = _on_isu_page("dinkes")
    at.radio(key="isu_ST_baru_jenis").set_value("komitmen")
    at.text_area(key="isu_ST_baru_teks").input("Verifikasi data posyandu")
    at.date_input(key="isu_ST_baru_tenggat").set_value(date.today() - timedelta(days=3))
    at = _submit(at, "Kirim catatan")
    assert not at.exception
    assert any("sudah lewat" in e.value and "Tidak ada yang ditulis" in e.value for e in at.error)
    assert at.text_area(key="isu_ST_baru_teks").value == "Verifikasi data posyandu"
    assert _notes(db).empty

    at.radio(key="isu_ST_baru_jenis").set_value("komitmen")
    at.text_area(key="isu_ST_baru_teks").input("Verifikasi data posyandu Majene")
    at.date_input(key="isu_ST_baru_tenggat").set_value(date.today() + timedelta(days=14))
    at = _submit(at, "Kirim catatan")
    promise = _notes(db).iloc[0]
    assert (promise["jenis"], promise["opd_komitmen"], promise["status"]) == ("komitmen", "DINKES", "terbuka")
    assert any("Catatan terbuka: Majene (1)" in c.value for c in at.caption)  # under the map

    at.switch_page("views/kabupaten.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Catatan sel" in m.value and "Majene" in m.value for m in at.markdown)
    rapor = next(d.value for d in at.dataframe if "Catatan" in getattr(d.value, "columns", []))
    assert "1 terbuka" in rapor["Catatan"].tolist()
    assert at.selectbox(key="kabupaten_catatan_indikator").value == "ST-PREV"  # the cell with the open note
    form = f"kabupaten_catatan_{int(promise['id'])}_aksi"
    at.selectbox(key=f"{form}_pilih").set_value(f"selesai:{int(promise['id'])}")
    at = _submit(at, "Jalankan")  # without a note of what was delivered: refused, nothing written
    assert any("Tandai selesai dengan keterangan" in e.value for e in at.error)
    at.selectbox(key=f"{form}_pilih").set_value(f"selesai:{int(promise['id'])}")
    at.text_input(key=f"{form}_teks").input("Data 12 posyandu diverifikasi")
    at = _submit(at, "Jalankan")
    assert not at.exception
    assert _notes(db).iloc[0]["status"] == "selesai"
    assert not any("Catatan" in getattr(d.value, "columns", []) for d in at.dataframe)  # no open note: no mark

    # the panel follows another kabupaten
    at.selectbox(key="kabupaten_pilih").set_value("76.01").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Catatan sel" in m.value and "Pasangkayu" in m.value for m in at.markdown)


def test_a_write_the_record_refuses_is_said_the_text_stays_and_it_is_sent_once_it_can_be(accounts, monkeypatch):
    """Two refused writes over one record (each was a test of its own over a record of its own):
    - a record that cannot be written is said in Indonesian and the text stays;
    - while another process writes, the note is refused with "coba lagi" and the text stays; once the other
      writer is gone the same text is sent again and saved."""
    import subprocess
    import sys
    from pathlib import Path

    from lib.catatan import rules
    from lib.db.errors import DatabaseError

    def refused(*args, **kwargs):
        raise DatabaseError("Database /srv/rekaman.duckdb tidak bisa dibuka untuk ditulis (izin berkas).")

    monkeypatch.setenv("MONITOR41_WRITE_WAIT", "0")
    at = _on_isu_page("gubernur")  # the page is open (its snapshot published) when the other writer starts
    add = rules.add
    monkeypatch.setattr(rules, "add", refused)
    at.text_area(key="isu_ST_baru_teks").input("Mengapa Majene merah?")
    at = _submit(at, "Kirim catatan")
    assert not at.exception
    assert any("tidak bisa dibuka untuk ditulis" in e.value for e in at.error)
    assert at.text_area(key="isu_ST_baru_teks").value == "Mengapa Majene merah?"
    monkeypatch.setattr(rules, "add", add)

    holder = subprocess.Popen(  # another writer (an upload in another process) holds the record
        [sys.executable, "-c", "import sys, time\nfrom lib.db import lock\nwith lock.writer_lock(sys.argv[1]):\n"
         "    print('dipegang', flush=True)\n    time.sleep(120)\n", str(accounts)],
        cwd=Path(__file__).resolve().parents[2], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "dipegang"
        at.text_area(key="isu_ST_baru_teks").input("Mengapa Majene merah?")
        at = _submit(at, "Kirim catatan")
        assert any("coba lagi" in e.value for e in at.error)
        assert at.text_area(key="isu_ST_baru_teks").value == "Mengapa Majene merah?"
    finally:
        holder.kill()
        holder.wait()
    assert _notes(accounts).empty
    at = _submit(at, "Kirim catatan")  # the writer is gone: the same text is sent again
    assert not at.exception, [e.value for e in at.exception]
    assert "Catatan #1 tersimpan" in _texts(at) and len(_notes(accounts)) == 1


def test_the_author_edits_then_withdraws_a_note_from_the_panel(accounts):
    at = _on_isu_page("gubernur")
    at.text_area(key="isu_ST_baru_teks").input("Mengapa Majene merah?")
    at = _submit(at, "Kirim catatan")
    form = "isu_ST_1_aksi"
    at.selectbox(key=f"{form}_pilih").set_value("ubah:1")
    at.text_input(key=f"{form}_teks").input("Mengapa Majene masih merah sejak 2022?")
    at = _submit(at, "Jalankan")
    edited = _notes(accounts).iloc[0]
    assert (edited["teks"], edited["versi"]) == ("Mengapa Majene masih merah sejak 2022?", 2)
    assert "Mengapa Majene masih merah sejak 2022?" in _texts(at)
    at.selectbox(key=f"{form}_pilih").set_value("tarik:1")
    at = _submit(at, "Jalankan")
    assert _notes(accounts).iloc[0]["status"] == "ditarik"
    assert "Catatan ini ditarik oleh gubernur" in _texts(at)
    assert any("#1" in e.label and "ditarik" in e.label for e in at.expander)
    assert not [w for w in at.text_area if w.key == "isu_ST_1_balas_teks"]  # a withdrawn thread takes no reply
