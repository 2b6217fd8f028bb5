"""A demo database seeded with what a public visitor must never see (issue 20): an official's name in the source
of every older value ("kutipan Kadinkes dr. Nama Orang"), in every note, in tindakan titles, descriptions,
sources and links, an uploaded file name, and small counts in one desa (a tindakan of 2 anak, values of 3 and 2
anak), and cell notes (issue 21) by a named author quoting the official, on a cell of that kabupaten."""
from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pandas as pd

from lib.catatan import rules as notes
from lib.db.build import build_record
from lib.ingest import load as loading
from lib.ingest.validate import CleanRow
from lib.users.accounts import User

SEED = Path(__file__).resolve().parents[1] / "data" / "seed"
PERSON = "Nama Orang"
QUOTE = f"kutipan Kadinkes dr. {PERSON}"
FILE_NAME = "laporan-rahasia-pak-joko.csv"
LOADER = "joko.widodo"
DESA, DESA_KABUPATEN = "76.05.03.2007", "76.05"
# Words that must appear nowhere a public visitor meets (each also names the person in another way).
NOTE = "catatan-sel-rahasia"  # in every cell note's text (none may reach a public page)
MARKERS = (PERSON, "Kadinkes dr", "rahasia-pak-joko", LOADER, "nama-orang", NOTE)


def build_public_hostile_db(folder: Path) -> Path:
    """The demo seed with the names and small counts above, then one upload (after the apel) named FILE_NAME."""
    seed = folder / "seed"
    seed.mkdir(parents=True)
    for path in SEED.glob("*"):
        shutil.copy(path, seed / path.name)
    values = pd.read_csv(seed / "capaian_resmi.csv", dtype=str, keep_default_na=False)
    # Every value but the latest of its series cites an official: the "older source" of cards and small wins.
    order = values.sort_values("periode").groupby(["indikator", "wilayah"]).cumcount(ascending=False)
    values.loc[order > 0, "sumber"] = f"Harian Lama ({QUOTE})"
    values["catatan"] = f"catatan dari dr. {PERSON}"
    desa = {"indikator": "ST-JUMLAH", "wilayah": DESA, "sumber": f"Puskesmas ({QUOTE})",
            "url": "https://puskesmas.example/dr-nama-orang", "catatan": PERSON, "pilihan": "utama"}
    small = pd.DataFrame([{**desa, "periode": "2023-08", "nilai": "3"}, {**desa, "periode": "2024-08", "nilai": "2"}])
    pd.concat([values, small], ignore_index=True).fillna("").to_csv(seed / "capaian_resmi.csv", index=False)
    actions = pd.read_csv(seed / "tindakan.csv", dtype=str, keep_default_na=False)
    named = {"judul": f"Kunjungan Kadinkes dr. {PERSON}", "uraian": f"Bersama dr. {PERSON} menemui dua keluarga",
             "sumber": f"Radar Sulbar ({QUOTE})", "url": "https://radar.example/dr-nama-orang"}
    extra = pd.DataFrame([
        {"isu": "ST", "opd": "DINKES", "wilayah": DESA, "periode": "2026", "jumlah": "2", "satuan": "anak", **named},
        {"isu": "ST", "opd": "DINKES", "wilayah": "76", "periode": "2026", "jumlah": "", "satuan": "", **named}])
    pd.concat([actions, extra], ignore_index=True).to_csv(seed / "tindakan.csv", index=False)
    apel = pd.read_csv(seed / "apel.csv", dtype=str, keep_default_na=False)
    apel["catatan"] = f"Dipimpin dr. {PERSON}"
    apel.to_csv(seed / "apel.csv", index=False)
    path = build_record(folder / "public-hostile.duckdb", seed_dir=seed).path
    rows = [CleanRow(2, "ST-SASARAN", "76.05", "2025-01", 123.0, f"Dinkes ({QUOTE})", f"dari dr. {PERSON}")]
    loading.load(path, rows, file_name=FILE_NAME, content_hash=hashlib.sha256(FILE_NAME.encode()).hexdigest(),
                 user_name=LOADER)
    cell = notes.Cell("ST-PREV", DESA_KABUPATEN, "2022")
    asker, clerk = User(LOADER, "admin"), User("dinkes", "opd", "DINKES")
    asked = notes.add(path, asker, cell, "pertanyaan", f"{NOTE}: mengapa merah? kata dr. {PERSON}")
    notes.reply(path, clerk, asked, f"{NOTE}: dijawab untuk dr. {PERSON}")
    notes.add(path, asker, cell, "pertanyaan", f"{NOTE}: pertanyaan kedua")
    notes.add(path, clerk, cell, "komitmen", f"{NOTE}: komitmen", tenggat=date.today())
    return path
