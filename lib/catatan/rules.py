"""The rules of cell notes (catatan sel, issue 21) and their one write path.

Who may do what (the same for the pages and `python -m lib.catatan`):
- Anyone signed in with the role admin or opd may ask: a `pertanyaan` or a `koreksi` (a suspected data
  error). A viewer only reads (NoteError "catatan.galat.pembaca").
- A pertanyaan is routed (`opd_tujuan`) to the cell's responsible OPD (lib.data.responsibility.owners: the
  penanggung jawab of the cell's own wilayah, else the isu's coordinator; `opd=` picks another owner). A
  koreksi goes to the OPD of the account that uploaded the current value, else as a pertanyaan.
- The OPDs owning the cell (every owner, coordinator included; for a koreksi also the OPD it is routed to)
  and admins answer (`penjelasan`) and commit (`komitmen`, with a due date today or later and the OPD that
  commits: the author's own, or `opd=` for an admin). Their reply marks every open question of the thread
  'dijawab'. Anyone else's reply is a follow-up `pertanyaan`.
- The author edits the text (every version kept); the author or an admin withdraws a note (recorded, never
  deleted); the committing OPD or an admin marks a komitmen 'selesai' with a note of what was delivered; the
  author, an owning OPD or an admin closes a note ('ditutup'). A withdrawn note takes no reply, edit or mark;
  a closed thread takes no reply.
- Text follows the rules of every input path (lib.ingest.cells.clean_text: one line, no control, bidi or
  zero-width character, at most MAX_CHARS); it is stored and shown as text only. @mentions (`@nama`, `@KODE`)
  of existing accounts and OPD codes are kept in `sebutan`.
Every refusal is a NoteError (key into lib/text/strings/catatan.toml, message in Bahasa Indonesia) and nothing
is written. Every check runs inside the write's transaction (lib.db.writer.writing(notes_only=True): the
writer lock, one transaction, then only the notes file is published, never the figures); two writers at once
give NoteBusyError ("coba lagi").
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from lib.data import notes, responsibility
from lib.db import snapshot, writer, writes
from lib.db.errors import BusyError
from lib.ingest.cells import TextError, clean_text, shown
from lib.text import i18n
from lib.users.accounts import User, find_user, list_users

MAX_CHARS = 2000  # a note is a paragraph or two: twice an upload's catatan
KINDS = notes.KINDS
REPLY_KINDS = ("pertanyaan", "penjelasan", "komitmen")
ANSWER_KINDS = ("penjelasan", "komitmen")
MENTION = re.compile(r"(?<![\w@.])@([A-Za-z0-9._+-]*[A-Za-z0-9_])")


class NoteError(Exception):
    """A refused note action; `key` names its text in lib/text/strings/catatan.toml, str() is Indonesian."""

    def __init__(self, key: str, **fields: object):
        self.key, self.fields = key, fields
        super().__init__(i18n.t(key, "id", **fields))

    def message(self, lang: str = "id") -> str:
        """The refusal in the visitor's language."""
        return i18n.t(self.key, lang, **self.fields)


class NoteBusyError(NoteError):
    """Another process holds the writer lock or changed the record meanwhile: try again; nothing was written."""


@dataclass(frozen=True)
class Cell:
    indikator: str
    wilayah: str
    periode: str


def parse_date(text: str | None) -> date | None:
    """'2026-12-31' -> date (None stays None); NoteError with the expected form otherwise."""
    if text is None or str(text).strip() == "":
        return None
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError as exc:
        raise NoteError("catatan.galat.tanggal", teks=shown(text, 40)) from exc


def _text(value: object, required: bool = True) -> str:
    try:
        text = clean_text(value, "teks", MAX_CHARS)
    except TextError as exc:
        raise NoteError("catatan.galat.teks", alasan=str(exc)) from None
    if required and not text:
        raise NoteError("catatan.galat.kosong")
    return text


def may_write(user: User | None) -> bool:
    """Whether the account may write notes at all (admin, opd; a viewer or nobody only reads)."""
    return user is not None and user.role in ("admin", "opd")


def _may_write(user: User) -> None:
    if not may_write(user):
        raise NoteError("catatan.galat.pembaca", nama=user.name)


def may_answer(con, user: User | None, isu: str, wilayah: str, jenis: str | None = None,
               opd_tujuan: str | None = None) -> bool:
    """Whether the account may answer and commit on the cell (an owning OPD, or an admin); for a koreksi
    (`jenis`) also the OPD it is routed to (`opd_tujuan`). `con`: the figures (snapshot or record). For the
    screens, to offer the answer and commitment forms only to those who may use them."""
    if not may_write(user):
        return False
    if user.role == "admin":
        return True
    allowed = set(_owners(con, isu, wilayah)["opd"]) | ({opd_tujuan} if jenis == "koreksi" else set())
    return user.opd in allowed


def mentions(text: str, known: Callable[[str], str | None]) -> list[str]:
    """The @mentions of text that name an account or an OPD (as `known` spells them), each once, in order."""
    found: list[str] = []
    for token in MENTION.findall(text):
        name = known(token)
        if name and name not in found:
            found.append(name)
    return found


def _mention_lookup(con) -> Callable[[str], str | None]:
    """An OPD code written as it is (@DINKES), else an account name in any case (@dinkes, @Budi), else an OPD
    code in another case (@dinsos when no account is so named)."""
    exact = notes.opd_codes(con)
    codes = {code.casefold(): code for code in exact}
    try:
        accounts = {u.name.casefold(): u.name for u in list_users()}
    except Exception:  # noqa: BLE001 - no users file (a test record): OPD codes still resolve
        accounts = {}
    return lambda token: (token if token in exact else None) or accounts.get(token.casefold()) \
        or codes.get(token.casefold())


def _owners(con, isu: str, wilayah: str) -> pd.DataFrame:
    return responsibility.owners(con, isu, wilayah)


def _route(owners: pd.DataFrame) -> str:
    """The cell's responsible OPD: its wilayah's own penanggung jawab, else the coordinator."""
    own = owners[(owners["peran"] == responsibility.PENANGGUNG_JAWAB) & ~owners["disimpulkan"].astype(bool)]
    return str((own if not own.empty else owners).iloc[0]["opd"])


def _names(owners: pd.DataFrame) -> str:
    return ", ".join(owners["opd"].astype(str)) or "-"


def _check_tenggat(jenis: str, tenggat: date | None, today: date) -> None:
    if jenis != "komitmen":
        if tenggat is not None:
            raise NoteError("catatan.galat.tenggat_bukan_komitmen")
        return
    if tenggat is None:
        raise NoteError("catatan.galat.tenggat_wajib")
    if tenggat < today:
        raise NoteError("catatan.galat.tenggat_lalu", tanggal=i18n.format_date(tenggat))


def _writing(db_path: Path | str):
    return writer.writing(db_path, notes_only=True)


def _published_name(db_path: Path | str) -> str | None:
    pointer = snapshot.read_pointer(snapshot.folder(db_path))
    return pointer.file if pointer else None


def _uploader_opd(name: str | None) -> str | None:
    if not name:
        return None
    try:
        account = find_user(name)
    except Exception:  # noqa: BLE001 - an unreadable users file: route as a question
        return None
    return account.opd if account else None


def _run(action: Callable[[], int]) -> int:
    try:
        return action()
    except BusyError as exc:
        raise NoteBusyError("catatan.galat.sibuk") from exc


def add(db_path: Path | str, user: User, cell: Cell, jenis: str, teks: str, *, tenggat: date | None = None,
        opd: str | None = None, now: datetime | None = None) -> int:
    """Write a new note on a cell and return its number. `opd`: for a pertanyaan or koreksi, the owner to
    route it to (default: the cell's responsible OPD); for a komitmen, the committing OPD (default the
    author's). NoteError (nothing written) for every rule of the module doc."""
    now = (now or datetime.now()).replace(microsecond=0)
    _may_write(user)
    if jenis not in KINDS:
        raise NoteError("catatan.galat.jenis", jenis=shown(jenis, 40))
    text = _text(teks)
    _check_tenggat(jenis, tenggat, now.date())

    def write() -> int:
        with _writing(db_path) as con:
            facts = _check_cell(con, cell)
            owners = _owners(con, facts["isu"], cell.wilayah)
            owner_codes = set(owners["opd"])
            route = _route(owners)
            opd_komitmen = None
            if jenis in ("pertanyaan", "koreksi"):
                if opd is not None:
                    if opd not in owner_codes:
                        raise NoteError("catatan.galat.opd_tujuan", opd=shown(opd, 40), pemilik=_names(owners))
                    route = opd
                elif jenis == "koreksi":
                    route = _uploader_opd(facts["pengunggah"]) or route
            else:
                acting = user.opd if user.role == "opd" else (opd or route)
                if user.role != "admin" and acting not in owner_codes:
                    raise NoteError("catatan.galat.bukan_pemilik", opd=acting or user.name, pemilik=_names(owners))
                if user.role == "admin" and acting not in owner_codes:
                    raise NoteError("catatan.galat.opd_tujuan", opd=shown(acting, 40), pemilik=_names(owners))
                route = acting
                opd_komitmen = acting if jenis == "komitmen" else None
            return writes.add_note(con, {
                "induk": None, "jenis": jenis, "isu": facts["isu"], "indikator": cell.indikator,
                "wilayah": cell.wilayah, "periode": cell.periode, "snapshot": _published_name(db_path),
                "teks": text, "dibuat": now, "penulis": user.name, "opd_penulis": user.opd, "opd_tujuan": route,
                "tenggat": tenggat, "opd_komitmen": opd_komitmen,
                "sebutan": mentions(text, _mention_lookup(con))})

    return _run(write)


def _check_cell(con, cell: Cell) -> dict:
    facts = notes.cell_facts(con, cell.indikator, cell.wilayah, cell.periode)
    if facts["isu"] is None:
        raise NoteError("catatan.galat.indikator", kode=shown(cell.indikator, 40))
    if not facts["wilayah_ada"]:
        raise NoteError("catatan.galat.wilayah", kode=shown(cell.wilayah, 40))
    if not facts["periode_ada"]:
        raise NoteError("catatan.galat.periode", kode=shown(cell.periode, 40))
    if not (facts["nilai_ada"] or facts["target_ada"]):
        raise NoteError("catatan.galat.sel", indikator=cell.indikator, wilayah=cell.wilayah, periode=cell.periode)
    return facts


def _existing(con, note_id: int, today: date) -> pd.Series:
    found = notes.note(con, note_id, today)
    if found is None:
        raise NoteError("catatan.galat.tidak_ada", nomor=note_id)
    if found["status"] == "ditarik":
        raise NoteError("catatan.galat.ditarik", nomor=note_id)
    return found


def _may_answer(con, user: User, root: pd.Series) -> tuple[bool, pd.DataFrame]:
    owners = _owners(con, root["isu"], root["wilayah"])
    return may_answer(con, user, root["isu"], root["wilayah"], root["jenis"], root["opd_tujuan"]), owners


def reply(db_path: Path | str, user: User, note_id: int, teks: str, *, jenis: str | None = None,
          tenggat: date | None = None, opd: str | None = None, now: datetime | None = None) -> int:
    """Reply in the thread of note `note_id` and return the reply's number. `jenis` by default: penjelasan
    for an owning OPD or an admin, else pertanyaan (a follow-up). An answer (penjelasan or komitmen by an
    owner or admin) marks the thread's open questions 'dijawab'. `opd`: the committing OPD of an admin's
    komitmen (default: the thread's OPD)."""
    now = (now or datetime.now()).replace(microsecond=0)
    _may_write(user)
    if jenis is not None and jenis not in REPLY_KINDS:
        raise NoteError("catatan.galat.jenis_balasan", jenis=shown(jenis, 40))
    text = _text(teks)

    def write() -> int:
        with _writing(db_path) as con:
            target = _existing(con, note_id, now.date())
            root = _existing(con, int(target["utas"]), now.date())
            if root["status"] == "ditutup":
                raise NoteError("catatan.galat.ditutup", nomor=int(root["id"]))
            may_answer, owners = _may_answer(con, user, root)
            kind = jenis or ("penjelasan" if may_answer else "pertanyaan")
            if kind in ANSWER_KINDS and not may_answer:
                raise NoteError("catatan.galat.bukan_pemilik", opd=user.opd or user.name, pemilik=_names(owners))
            _check_tenggat(kind, tenggat, now.date())
            acting = user.opd if user.role == "opd" else (opd or root["opd_tujuan"])
            reply_id = writes.add_note(con, {
                "induk": int(root["id"]), "jenis": kind, "isu": root["isu"], "indikator": root["indikator"],
                "wilayah": root["wilayah"], "periode": root["periode"], "snapshot": _published_name(db_path),
                "teks": text, "dibuat": now, "penulis": user.name, "opd_penulis": user.opd,
                "opd_tujuan": root["opd_tujuan"], "tenggat": tenggat,
                "opd_komitmen": acting if kind == "komitmen" else None,
                "sebutan": mentions(text, _mention_lookup(con))})
            if kind in ANSWER_KINDS:
                waiting = notes.thread(con, int(root["id"]), now.date())
                waiting = waiting[waiting["terbuka"] & waiting["jenis"].isin(notes.QUESTION_KINDS)]
                for question in waiting["id"]:
                    writes.add_note_event(con, int(question), "status", user.name, user.opd, now, status="dijawab")
            return reply_id

    return _run(write)


def edit(db_path: Path | str, user: User, note_id: int, teks: str, now: datetime | None = None) -> int:
    """A new version of the note's text, by its author; every version is kept. Returns the event's id."""
    now = (now or datetime.now()).replace(microsecond=0)
    _may_write(user)
    text = _text(teks)

    def write() -> int:
        with _writing(db_path) as con:
            found = _existing(con, note_id, now.date())
            if found["penulis"] != user.name:
                raise NoteError("catatan.galat.ubah_bukan_penulis", nomor=note_id, penulis=found["penulis"])
            return writes.add_note_event(con, note_id, "teks", user.name, user.opd, now, teks=text)

    return _run(write)


def withdraw(db_path: Path | str, user: User, note_id: int, teks: str | None = None,
             now: datetime | None = None) -> int:
    """Withdraw a note (its author or an admin): recorded, never deleted; it takes nothing more after."""
    now = (now or datetime.now()).replace(microsecond=0)
    _may_write(user)
    reason = _text(teks, required=False) or None

    def write() -> int:
        with _writing(db_path) as con:
            found = _existing(con, note_id, now.date())
            if user.role != "admin" and found["penulis"] != user.name:
                raise NoteError("catatan.galat.tarik_bukan_penulis", nomor=note_id, penulis=found["penulis"])
            return writes.add_note_event(con, note_id, "tarik", user.name, user.opd, now, teks=reason)

    return _run(write)


def done(db_path: Path | str, user: User, note_id: int, teks: str, now: datetime | None = None) -> int:
    """Mark a komitmen delivered ('selesai') with a note of what was done: the committing OPD or an admin."""
    now = (now or datetime.now()).replace(microsecond=0)
    _may_write(user)
    if teks is None or not str(teks).strip():
        raise NoteError("catatan.galat.selesai_tanpa_teks")
    text = _text(teks)

    def write() -> int:
        with _writing(db_path) as con:
            found = _existing(con, note_id, now.date())
            if found["jenis"] != "komitmen":
                raise NoteError("catatan.galat.bukan_komitmen", nomor=note_id)
            if user.role != "admin" and user.opd != found["opd_komitmen"]:
                raise NoteError("catatan.galat.selesai_bukan_opd", nomor=note_id, opd=found["opd_komitmen"])
            if found["status"] in ("selesai", "ditutup"):
                raise NoteError("catatan.galat.sudah", nomor=note_id, status=found["status"])
            return writes.add_note_event(con, note_id, "status", user.name, user.opd, now, status="selesai",
                                         teks=text)

    return _run(write)


def close(db_path: Path | str, user: User, note_id: int, teks: str | None = None,
          now: datetime | None = None) -> int:
    """Close a note ('ditutup': nothing more expected): its author, an owning OPD or an admin."""
    now = (now or datetime.now()).replace(microsecond=0)
    _may_write(user)
    reason = _text(teks, required=False) or None

    def write() -> int:
        with _writing(db_path) as con:
            found = _existing(con, note_id, now.date())
            may_answer, _ = _may_answer(con, user, found)
            if not (may_answer or found["penulis"] == user.name):
                raise NoteError("catatan.galat.tutup_bukan_pihak", nomor=note_id)
            if found["status"] == "ditutup":
                raise NoteError("catatan.galat.sudah", nomor=note_id, status=found["status"])
            return writes.add_note_event(con, note_id, "status", user.name, user.opd, now, status="ditutup",
                                         teks=reason)

    return _run(write)
