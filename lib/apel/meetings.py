"""Apel koordinasi of the satgas: list them and record a new one (admins), through the uploads' writer path.

Usage: python -m lib.apel add --tanggal YYYY-MM-DD --jam HH:MM --nama NAMA [--tempat ...] [--catatan ...] [--oleh NAMA]
       python -m lib.apel list
An apel is a moment, its date and the hour it began, on the clock of unggahan.dimuat_pada (the server's local
time): "since the apel" counts what was loaded strictly after it. Every apel row records who entered it and
when (dicatat_oleh, dicatat_pada): the audit of this table.
Text follows the cell rules of every input path (lib.ingest.cells: no control, bidi or zero-width character,
MAX_CHARS per field). Decision on duplicates: a second apel on the same day is refused when its name equals a
recorded one after case folding and collapsing spaces ('Apel  maret' = 'Apel Maret'), or when it starts at
the same hour; another day may reuse a name (a monthly 'Apel Koordinasi Satgas 4+1').
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from lib.data.apel import list_apel
from lib.db import record, writes
from lib.ingest import load
from lib.ingest.cells import TextError, clean_text, shown
from lib.text.i18n import format_date

FIRST_APEL = date(2023, 1, 1)  # the satgas was formed in 2023 (Keputusan Gubernur 296/2023)
# The longest text per field (lib.ingest.cells, the rules of every input path): a name is a headline (as a
# tindakan's judul), a place a short address, a note a paragraph (as an upload's catatan), the recorder an account.
MAX_CHARS = {"nama": 200, "tempat": 200, "catatan": 1000, "oleh": 100}


class ApelError(Exception):
    """A refused apel entry; the message is for the user, in Bahasa Indonesia, and says the fix."""


@dataclass(frozen=True)
class Apel:
    tanggal: date
    nama: str
    tempat: str | None = None
    catatan: str | None = None
    jam: time | None = None  # required for a new apel (check); None only for seeded apel of unknown hour


def parse_date(text: str) -> date:
    """'2024-03-18' -> date; ApelError with the expected form otherwise."""
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError as exc:
        raise ApelError(f"Tanggal '{shown(text, 40)}' tidak dikenal; tulis sebagai TTTT-BB-HH, mis. 2024-03-18.") from exc


def parse_time(text: str) -> time:
    """'08:30' or '08.30' -> time; ApelError with the expected form otherwise."""
    cleaned = str(text).strip().replace(".", ":")
    try:
        found = time.fromisoformat(cleaned)
    except ValueError as exc:
        raise ApelError(f"Jam '{shown(text, 40)}' tidak dikenal; tulis sebagai JJ:MM (24 jam), mis. 08:30.") from exc
    return found.replace(second=0, microsecond=0)


def name_key(nama: str) -> str:
    """What makes two apel names the same: case folded, runs of spaces as one ('Apel  MARET' = 'apel maret')."""
    return " ".join(nama.casefold().split())


def _text(value: str | None, field: str) -> str:
    """value by the cell rules of every input path (lib.ingest.cells); ApelError naming the field otherwise."""
    try:
        return clean_text(value, field, MAX_CHARS[field])
    except TextError as exc:
        raise ApelError(str(exc)) from None


def check(apel: Apel, now: datetime | None = None) -> Apel:
    """The apel with trimmed text, or ApelError saying what to fix (empty name, no hour, a moment outside
    2023..now, a control, bidi or zero-width character, text over MAX_CHARS)."""
    now = now or datetime.now()
    nama = _text(apel.nama, "nama")
    tempat, catatan = _text(apel.tempat, "tempat"), _text(apel.catatan, "catatan")
    if not nama:
        raise ApelError("Nama apel wajib diisi, mis. 'Apel Koordinasi Satgas 4+1 Maret 2024'.")
    if apel.jam is None:
        raise ApelError("Jam apel wajib diisi (JJ:MM, jam mulai apel): data yang dimuat sesudah jam itu "
                        "terhitung 'sejak apel'.")
    if not FIRST_APEL <= apel.tanggal <= now.date():
        raise ApelError(f"Tanggal apel {format_date(apel.tanggal)} di luar rentang yang sah "
                        f"({format_date(FIRST_APEL)} sampai hari ini); apel yang belum terjadi belum dicatat.")
    if datetime.combine(apel.tanggal, apel.jam) > now:
        raise ApelError(f"Apel {format_date(apel.tanggal)} pukul {apel.jam:%H.%M} belum terjadi (sekarang "
                        f"{now:%H.%M}); apel yang belum terjadi belum dicatat.")
    return Apel(apel.tanggal, nama, tempat or None, catatan or None, apel.jam.replace(second=0, microsecond=0))


def add(db_path: Path | str, apel: Apel, *, user_name: str) -> Apel:
    """Record one apel, all or nothing, through the same serialised writer as uploads."""
    user_name = _text(user_name, "oleh")
    if not user_name or user_name == record.SEED_USER:
        raise ApelError(f"Nama pencatat wajib diisi dan tidak boleh '{record.SEED_USER}'.")
    apel = check(apel)
    try:
        _write(db_path, apel, user_name)
    except load.LoadError as exc:
        raise ApelError(str(exc)) from exc
    return apel


def _write(db_path: Path | str, apel: Apel, user_name: str) -> None:
    """The only write of this module (re-point here if the writer path changes)."""
    with load.writing(db_path) as con:  # the one writer lock and transaction of the record
        _refuse_twin(list_apel(con), apel)
        writes.add_apel(con, apel.tanggal, apel.jam, apel.nama, apel.tempat, apel.catatan, user_name,
                        datetime.now().replace(microsecond=0))


def _refuse_twin(recorded, apel: Apel) -> None:
    """ApelError when an apel of the same day is recorded with the same name up to case and spaces, or at the
    same hour: an apel is a moment, and two at once would make 'sejak apel' mean two things."""
    for row in recorded.itertuples():
        if row.tanggal.date() != apel.tanggal:
            continue
        who, name = shown(row.dicatat_oleh, 100), shown(row.nama)
        if name_key(str(row.nama)) == name_key(apel.nama):
            same = "" if row.nama == apel.nama else " (huruf besar/kecil dan spasi tidak membedakan nama apel)"
            raise ApelError(f"Apel '{name}' pada {format_date(apel.tanggal)} sudah dicatat oleh {who}{same}; "
                            "tidak ada yang ditambahkan.")
        if row.jam_tercatat and row.waktu.time() == apel.jam:
            raise ApelError(f"Pada {format_date(apel.tanggal)} pukul {apel.jam:%H.%M} sudah ada apel '{name}' "
                            f"(dicatat oleh {who}); satu saat hanya satu apel, jadi tidak ada yang ditambahkan. "
                            "Bila jamnya keliru, periksa jam mulai apel yang baru.")
