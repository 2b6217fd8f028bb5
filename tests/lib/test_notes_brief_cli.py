"""Issue 21 end to end with real processes: a governor's question on a red cell (`python -m lib.catatan add`)
is on the "Tindak lanjut" slide of the deck `python -m lib.export deck` builds from the record, with its cell and
OPD and never its text; once the OPD replies it is gone from the slide and counted as answered; the PDF brief
has its line; a public build (MONITOR41_PUBLIC=1, or --publik) has none of it.

The demo record (a deck needs all five isu): ST-PREV × 76.05 (Majene) × 2022 is red, the isu ST is coordinated
by DINKES, and the apel of 24 July 2023 is recorded."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_inprocess import run_main
from pptx import Presentation

from lib.db import record
from lib.users.accounts import add_user

pypdf = pytest.importorskip("pypdf")

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CELL = ["--indikator", "ST-PREV", "--wilayah", "76.05", "--periode", "2022"]
QUESTION = "Mengapa Majene merah? Nama kader: Ibu Rahasia"


@pytest.fixture
def env(demo_db, tmp_path) -> dict:
    """A copy of the demo record, put in place as a build finishes (writer lock, published snapshot)."""
    db = tmp_path / "demo.duckdb"
    built = db.with_name(db.name + ".tmp")
    shutil.copyfile(demo_db, built)
    record.replace(db, built, force=False)
    users = tmp_path / "users.json"
    for name, role, opd in (("gubernur", "admin", None), ("dinkes", "opd", "DINKES")):
        add_user(name, "kata-sandi-uji-panjang", role, opd, path=users)
    return {**os.environ, "MONITOR41_DB": str(db), "MONITOR41_USERS": str(users), "MONITOR41_SNAPSHOT_DIR": "",
            "MONITOR41_WRITE_WAIT": "60", "MONITOR41_PUBLIC": "0", "PYTHONPATH": str(PROJECT_ROOT)}


def run(args: list[str], env: dict) -> str:
    done = subprocess.run([sys.executable, "-m", *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                          timeout=240, check=False)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return done.stdout


def deck(env: dict, out: Path, *extra: str, here=None) -> tuple[list[str], str | None, str]:
    """(the slide titles, the Tindak lanjut slide's text or None, every text of the file with speaker notes);
    built by a real `python -m lib.export deck`, or by here(env, argv) (its main in this process)."""
    argv = ["deck", "--out", str(out), *extra]
    if here is None:
        run(["lib.export", *argv], env)
    else:
        here(env, argv)
    prs = Presentation(io.BytesIO(out.read_bytes()))
    texts = [[sh.text_frame.text for sh in s.shapes if sh.has_text_frame and sh.text_frame.text.strip()]
             for s in prs.slides]
    found = [t for t in texts if t[0] == "Tindak lanjut"]
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]
    everything = "\n".join([x for t in texts for x in t] + notes)
    return [t[0] for t in texts], "\n".join(found[0]) if found else None, everything


def test_a_question_is_on_the_slide_until_the_opd_answers_and_never_in_a_public_build(env, tmp_path, monkeypatch,
                                                                                       capsys):
    """The notes are written, and the first deck built, by real processes (`python -m lib.catatan`, `python -m
    lib.export deck`); the brief, the three public builds (MONITOR41_PUBLIC=1, --publik) and the deck after the
    reply run lib.export's main(argv) in this process with the same environment."""
    from lib.export.__main__ import main

    def here(environment: dict, argv: list[str]) -> None:
        done = run_main(main, argv, environment, monkeypatch, capsys)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr

    number = run(["lib.catatan", "add", "--user", "gubernur", *CELL, "--jenis", "pertanyaan", "--teks", QUESTION],
                 env).strip()
    assert number == "1"

    titles, slide, everything = deck(env, tmp_path / "satu.pptx")
    assert len(titles) == 10 and titles[-2] == "Tindak lanjut", titles  # before the closing slide (after asuh)
    assert "Majene — Prevalensi balita stunting (Stunting, 2022)" in slide and "Dinkes" in slide
    assert "Pertanyaan, 0 hari" in slide
    assert "1 pertanyaan baru, 0 dijawab, 1 belum dijawab" in slide
    assert "Ibu Rahasia" not in everything and "Mengapa" not in everything  # a note's text never leaves

    brief = tmp_path / "ringkasan.pdf"
    here(env, ["brief", "--out", str(brief)])
    text = " ".join(pypdf.PdfReader(brief).pages[0].extract_text().split())
    assert "Tindak lanjut: 1 pertanyaan belum dijawab · 0 komitmen lewat tenggat; terlama: Majene" in text
    assert "Ibu Rahasia" not in text

    for public, extra in (({"MONITOR41_PUBLIC": "1"}, ()), ({}, ("--publik",))):
        titles, slide, everything = deck({**env, **public}, tmp_path / "publik.pptx", *extra, here=here)
        assert slide is None and "Tindak lanjut" not in titles and "Majene — Prevalensi" not in everything
    here(env, ["brief", "--out", str(brief), "--publik"])
    assert "Tindak lanjut" not in pypdf.PdfReader(brief).pages[0].extract_text()

    run(["lib.catatan", "reply", "1", "--user", "dinkes", "--teks", "Data SSGI 2022; verifikasi berjalan"], env)
    titles, slide, everything = deck(env, tmp_path / "dua.pptx", here=here)
    assert "Majene — Prevalensi" not in slide  # answered: nothing left to follow up
    assert "Tidak ada pertanyaan yang belum dijawab dan tidak ada komitmen yang lewat tenggat." in slide
    assert "1 pertanyaan baru, 1 dijawab, 0 belum dijawab" in slide  # counted as answered since the apel
    assert "0 pertanyaan belum dijawab · 0 komitmen lewat tenggat" in slide
    assert "verifikasi berjalan" not in everything
