"""Issue 22, item 3: each recipient's files in its own scope — "the same builders as the screens and exports,
filtered to the scope" (kabupaten, OPD, isu). The PDF brief, the PPTX deck and the share PNGs of a subscription
are opened and read: the scope's isu and kabupaten are there, no other isu's or kabupaten's name is.

The demo record (data/seed): DINKES coordinates stunting (ST) and answers for every stunting cell; DINSOS for
kemiskinan (KE); BPSDM is penanggung jawab of kecamatan in Pasangkayu (76.01) only, so it answers (inferred) for
Pasangkayu's cells of every isu and for no province cell. The real `python -m lib.kirim run` to the folder
channel for an isu subscription is the last test."""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from pptx import Presentation
from pypdf import PdfReader
from upload_file import write_upload

from lib.ingest.__main__ import main as ingest
from lib.kirim import deliver, subscribe
from lib.kirim.rules import KirimError
from lib.text import i18n

PROJECT_ROOT = Path(__file__).resolve().parents[2]
KABUPATEN = {"76.01": "Pasangkayu", "76.02": "Mamuju", "76.03": "Mamasa", "76.04": "Polewali Mandar",
             "76.05": "Majene", "76.06": "Mamuju Tengah"}
# Every way a file names an isu: the isu's name, and the kabupaten column's other indicator ("Kemiskinan (P0)").
ISU_WORDS = {"KE": r"(?i)kemiskinan", "ST": r"(?i)stunting", "ATS": r"(?i)anak tidak sekolah|\bATS\b",
             "PA": r"(?i)perkawinan", "INF": r"(?i)inflasi"}
MADE, MONDAY = datetime(2026, 12, 1, 9, 0), datetime(2026, 12, 7, 6, 0)


@pytest.fixture
def demo(demo_record):
    return demo_record


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def pptx_text(data: bytes) -> str:
    """Every word of the deck: text boxes, the charts' categories (kabupaten bars) and the speaker notes."""
    words = []
    for slide in Presentation(io.BytesIO(data)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                words.append(shape.text_frame.text)
            if getattr(shape, "has_chart", False) and shape.has_chart:
                words += [str(c) for plot in shape.chart.plots for c in plot.categories]
        if slide.has_notes_slide:
            words.append(slide.notes_slide.notes_text_frame.text)
    return " ".join(" ".join(words).split())


def isu_named(text: str) -> set[str]:
    return {isu for isu, pattern in ISU_WORDS.items() if re.search(pattern, text)}


def kabupaten_named(text: str) -> set[str]:
    """The kabupaten a text names ('Mamuju' only when not part of 'Mamuju Tengah')."""
    named = {code for code, name in KABUPATEN.items() if name in text}
    if "76.06" in named and "Mamuju" not in text.replace("Mamuju Tengah", ""):
        named.discard("76.02")
    return named


def upload(db: Path, tmp_path: Path, rows: list[tuple]) -> None:
    path = write_upload(tmp_path / "isian.csv", rows)
    assert ingest(["load", str(path), "--db", str(db), "--yes"]) == 0


def deliver_to_folder(demo, folder: Path, **scope) -> dict[str, bytes]:
    """One Monday round for a new folder subscription of brief, deck, PNG and text: the pack's files by suffix
    (PNG: every image, joined by key)."""
    subscribe.add(demo, by="admin", channel="folder", recipient=str(folder), trigger="jadwal",
                  schedule="senin 06:00", contents="brief,deck,png,teks", now=MADE, **scope)
    assert deliver.run(demo, MONDAY).sent
    return pack(folder)


def pack(folder: Path) -> dict[str, bytes]:
    [where] = [p for p in folder.iterdir() if p.is_dir()]
    found: dict[str, bytes] = {}
    for path in sorted(where.iterdir()):
        found.setdefault(path.suffix, b"")
        found[path.suffix] += path.read_bytes() if path.suffix != ".png" else path.name.encode() + b"\n"
    return found


def test_each_scope_receives_its_own_files_in_one_round(demo, tmp_path):
    """One Monday round for five folder subscriptions of brief, deck, PNG and text (brief, deck and text for the
    last), each its own pack, checked as each case was alone in its round (the round builds files per scope):
    - an isu subscription receives stunting only in the PDF, the deck, the image and the message;
    - an isu and a kabupaten cut both;
    - an OPD subscription receives only the cells it answers for (DINKES, BPSDM);
    - a public subscription in an isu keeps the public rules."""
    scopes = {"st": dict(isu="ST"), "st-mamasa": dict(isu="ST", kabupaten=["Mamasa"]), "dinkes": dict(opd="DINKES"),
              "bpsdm": dict(opd="BPSDM")}
    for name, scope in scopes.items():
        subscribe.add(demo, by="admin", channel="folder", recipient=str(tmp_path / name), trigger="jadwal",
                      schedule="senin 06:00", contents="brief,deck,png,teks", now=MADE, **scope)
    with duckdb.connect(str(demo), read_only=True) as con:
        titles = [r[0] for r in con.execute("SELECT judul FROM tindakan WHERE isu = 'ST'").fetchall()]
    made = subscribe.add(demo, by="admin", channel="folder", recipient=str(tmp_path / "warga"), trigger="jadwal",
                         schedule="senin 06:00", contents="brief,deck,teks", opd="DINKES", now=MADE)
    with duckdb.connect(str(demo), read_only=True) as con:  # a folder is forwarded by hand: public unless told
        assert con.execute("SELECT publik FROM langganan WHERE id = ?", [made]).fetchone()[0] is True
    assert len(deliver.run(demo, MONDAY).sent) == 5
    an_isu_subscription_receives_stunting_only(pack(tmp_path / "st"))
    an_isu_and_a_kabupaten_cut_both(pack(tmp_path / "st-mamasa"))
    an_opd_subscription_receives_only_the_cells_it_answers_for(pack(tmp_path / "dinkes"), pack(tmp_path / "bpsdm"))
    a_public_subscription_in_an_isu_keeps_the_public_rules(pack(tmp_path / "warga"), titles)


def an_isu_subscription_receives_stunting_only(files: dict[str, bytes]) -> None:
    brief, deck, text = pdf_text(files[".pdf"]), pptx_text(files[".pptx"]), files[".txt"].decode()
    for name, content in (("pdf", brief), ("pptx", deck), ("pesan", text)):
        assert isu_named(content) == {"ST"}, (name, content)
    # every kabupaten's stunting cell: the isu has no kabupaten limit
    assert kabupaten_named(brief) == set(KABUPATEN) and kabupaten_named(deck) == set(KABUPATEN)
    prs = Presentation(io.BytesIO(files[".pptx"]))
    texts = [[s.text_frame.text for s in slide.shapes if s.has_text_frame] for slide in prs.slides]
    # opening, stunting, orang tua asuh (a stunting programme), closing
    assert len(texts) == 4 and i18n.t("isu.ST", "id") in texts[1] and i18n.t("asuh.judul_dek", "id") in texts[2], texts
    assert files[".png"].decode().split() and all(n.endswith("-st.png") for n in files[".png"].decode().split())
    assert text.splitlines()[0].startswith("Monitor 4+1, ringkasan Stunting, Provinsi Sulawesi Barat")
    assert text.strip().splitlines()[-1].endswith("/stunting")


def an_isu_and_a_kabupaten_cut_both(files: dict[str, bytes]) -> None:
    for content in (pdf_text(files[".pdf"]), pptx_text(files[".pptx"]), files[".txt"].decode()):
        assert isu_named(content) == {"ST"} and kabupaten_named(content) == {"76.03"}, content


def an_opd_subscription_receives_only_the_cells_it_answers_for(dinkes: dict[str, bytes],
                                                                bpsdm: dict[str, bytes]) -> None:
    """DINKES answers for stunting everywhere: stunting only, every kabupaten. BPSDM answers for Pasangkayu
    (inferred from its kecamatan): Pasangkayu only, every isu."""
    for content in (pdf_text(dinkes[".pdf"]), pptx_text(dinkes[".pptx"]), dinkes[".txt"].decode()):
        assert isu_named(content) == {"ST"}, content
    assert kabupaten_named(pdf_text(dinkes[".pdf"])) == set(KABUPATEN)
    brief, deck = pdf_text(bpsdm[".pdf"]), pptx_text(bpsdm[".pptx"])
    assert kabupaten_named(brief) == {"76.01"} and kabupaten_named(deck) == {"76.01"}, brief
    assert isu_named(brief) == set(ISU_WORDS)


def a_public_subscription_in_an_isu_keeps_the_public_rules(files: dict[str, bytes], titles: list[str]) -> None:
    """Outside the government: the files as a public visitor sees them (no tindakan title), the link without
    the OPD page."""
    shown = pdf_text(files[".pdf"]) + pptx_text(files[".pptx"])
    assert titles and not [t for t in titles if t in shown]
    assert "opd=" not in files[".txt"].decode() and isu_named(shown) == {"ST"}


def test_one_round_builds_each_opd_its_own_files_for_the_same_kabupaten(demo, tmp_path):
    """Two OPDs of one kabupaten in the same round: each its own isu (the round builds files per scope)."""
    for opd in ("DINKES", "DINSOS"):
        subscribe.add(demo, by="admin", channel="folder", recipient=str(tmp_path / opd), trigger="jadwal",
                      schedule="senin 06:00", contents="brief,teks", kabupaten=["Mamasa"], opd=opd, now=MADE)
    assert len(deliver.run(demo, MONDAY).sent) == 2
    for opd, isu in (("DINKES", "ST"), ("DINSOS", "KE")):
        files = pack(tmp_path / opd)
        brief = pdf_text(files[".pdf"])
        assert isu_named(brief) == {isu} and kabupaten_named(brief) == {"76.03"}, (opd, brief)
        assert isu_named(files[".txt"].decode()) == {isu}, files[".txt"].decode()


def test_the_message_of_a_change_names_the_scope_of_its_files(demo, tmp_path):
    """A terbit subscription of stunting in Mamasa: an upload turns Mamasa's stunting red and brings a new
    kemiskinan value there too; the message and the PDF name stunting in Mamasa only."""
    target = tmp_path / "terbit"
    subscribe.add(demo, by="admin", channel="folder", recipient=str(target), trigger="terbit",
                  contents="brief,teks", kabupaten=["Mamasa"], isu="ST")
    upload(demo, tmp_path, [("ST-PREV", "76.03", "2024", "30,1", "SSGI 2024", ""),
                              ("KE-P0", "76.03", "2026-S1", "40", "BPS 2026", "")])
    assert len(deliver.run(demo).sent) == 1
    files = pack(target)
    text = files[".txt"].decode()
    assert "Stunting Mamasa: Prevalensi" in text and isu_named(text) == {"ST"} and kabupaten_named(text) == {"76.03"}
    brief = pdf_text(files[".pdf"])
    assert isu_named(brief) == {"ST"} and kabupaten_named(brief) == {"76.03"} and "30,1%" in brief


def test_python_m_lib_kirim_run_sends_an_isu_pack_to_the_folder(demo, tmp_path):
    target = tmp_path / "paket"
    env = {**os.environ, "MONITOR41_DB": str(demo), "MONITOR41_SNAPSHOT_DIR": "", "MONITOR41_PUBLIC": "0",
           "MONITOR41_PUBLIC_URL": "https://monitor41.example.go.id", "MONITOR41_WRITE_WAIT": "60",
           "PYTHONPATH": str(PROJECT_ROOT)}

    def kirim(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "lib.kirim", *args], cwd=PROJECT_ROOT, env=env,
                              capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        return done.stdout

    kirim("add", "--folder", str(target), "--isu", "ST", "--pemicu", "jadwal", "--jadwal", "senin 06:00",
          "--isi", "brief,deck,png,teks", "--oleh", "admin")
    monday = datetime.now().date() + timedelta(days=7 - datetime.now().weekday())
    assert "terkirim 1" in kirim("run", "--pada", f"{monday:%Y-%m-%d} 06:01")
    files = pack(target)
    assert sorted(files) == [".pdf", ".png", ".pptx", ".txt"]
    for content in (pdf_text(files[".pdf"]), pptx_text(files[".pptx"]), files[".txt"].decode()):
        assert isu_named(content) == {"ST"}, content
    assert "https://monitor41.example.go.id/stunting" in files[".txt"].decode()
    assert "terkirim 0" in kirim("run", "--pada", f"{monday:%Y-%m-%d} 09:00")  # once
    with duckdb.connect(str(demo), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM kiriman WHERE status = 'terkirim'").fetchone()[0] == 1


def test_a_round_publishes_nothing_so_no_reader_reopens_a_file_or_empties_a_cache(demo, tmp_path):
    """Viewers first: a round writes a row per delivery, in tables that are in neither the snapshot nor the notes
    file. Each write only stamps both pointers with the record's new signature: the snapshot and the notes file
    the app reads stay the same files (a new notes file per delivery emptied an internal app's notes caches 31
    times a round), and both are current, so no reader publishes them again itself."""
    from lib.db import snapshot

    folder = snapshot.folder(demo)
    before = (snapshot.read_pointer(folder).file, snapshot.read_notes_pointer(folder))
    assert before[1] is not None
    for kab in ("Mamasa", "Majene"):
        subscribe.add(demo, by="admin", channel="folder", recipient=str(tmp_path / kab), trigger="jadwal",
                      schedule="senin 06:00", contents="teks", kabupaten=[kab], now=MADE)
    env = {**os.environ, "MONITOR41_DB": str(demo), "MONITOR41_SNAPSHOT_DIR": "", "MONITOR41_PUBLIC": "0",
           "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run([sys.executable, "-m", "lib.kirim", "run", "--pada", "2026-12-07 06:01"], cwd=PROJECT_ROOT,
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0 and "terkirim 2" in done.stdout, done.stderr
    assert (snapshot.read_pointer(folder).file, snapshot.read_notes_pointer(folder)) == before
    assert snapshot.figures_current(demo) and snapshot.notes_current(demo)
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(snapshot.NOTES_PREFIX)) == [before[1]]


@pytest.mark.parametrize("scope", [{"opd": "DISPAR", "kabupaten": ["Majene"]}, {"opd": "DINKES", "isu": "KE"}])
def test_an_opd_scope_without_a_cell_is_refused_at_creation(demo, tmp_path, scope):
    """DISPAR answers for Mamasa's kecamatan only; DINKES for no kemiskinan cell: such a subscription would
    never carry anything, so it is refused with the reason."""
    with pytest.raises(KirimError, match="tidak bertanggung jawab atas sel mana pun"):
        subscribe.add(demo, by="admin", channel="folder", recipient=str(tmp_path / "x"), trigger="terbit",
                      **scope)
    subscribe.add(demo, by="admin", channel="folder", recipient=str(tmp_path / "y"), trigger="terbit",
                  opd=scope["opd"], kabupaten=["Mamasa"])  # the OPD's own kabupaten: accepted
