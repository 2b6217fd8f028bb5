"""Command line of cell notes (run as `python -m lib.catatan`), for operators and tests.

Usage: python -m lib.catatan add --user NAMA --indikator KODE --wilayah KODE --periode KODE
                                 --jenis pertanyaan|penjelasan|komitmen|koreksi [--tenggat YYYY-MM-DD] [--opd KODE]
                                 --teks TEKS                              (prints the note's number)
       python -m lib.catatan reply N --user NAMA --teks TEKS [--jenis pertanyaan|penjelasan|komitmen]
                                 [--tenggat YYYY-MM-DD] [--opd KODE]
       python -m lib.catatan list [--opd KODE] [--terbuka]
       python -m lib.catatan inbox --opd KODE
       python -m lib.catatan edit N --user NAMA --teks TEKS
       python -m lib.catatan close N --user NAMA [--teks TEKS]
       python -m lib.catatan done N --user NAMA --teks TEKS
       python -m lib.catatan withdraw N --user NAMA [--teks TEKS]
The command acts AS the account named by --user (read from MONITOR41_USERS, with its role and OPD) without
asking for its password: it is an operator's tool, for whoever may already write the record. Every rule of
lib.catatan.rules applies, and the write takes the same writer path as the pages (MONITOR41_DB, or --db).
Exit codes: 0 done, 1 refused (one line "Gagal: …" on stderr, nothing written), 2 usage error.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from lib import cli
from lib.catatan import rules
from lib.data import notes
from lib.db.connect import default_path
from lib.db.errors import DatabaseError
from lib.db.snapshot import reading_notes
from lib.ingest.cells import shown
from lib.users.accounts import find_user
from lib.users.errors import UserError


def _db(args: argparse.Namespace) -> Path:
    return args.db or default_path()


def _user(name: str):
    found = find_user(name)
    if found is None:
        raise rules.NoteError("catatan.galat.akun", nama=shown(name, 100))
    return found


def _add(args: argparse.Namespace) -> None:
    number = rules.add(_db(args), _user(args.user), rules.Cell(args.indikator, args.wilayah, args.periode),
                       args.jenis, args.teks, tenggat=rules.parse_date(args.tenggat), opd=args.opd)
    print(number)


def _reply(args: argparse.Namespace) -> None:
    number = rules.reply(_db(args), _user(args.user), args.nomor, args.teks, jenis=args.jenis,
                         tenggat=rules.parse_date(args.tenggat), opd=args.opd)
    print(number)


def _on_note(action, done: str):
    """A command that writes one event on note N as --user (rules.edit, close, done, withdraw) and says so."""
    def run(args: argparse.Namespace) -> None:
        action(_db(args), _user(args.user), args.nomor, args.teks)
        print(done.format(nomor=args.nomor))

    return run


_edit = _on_note(rules.edit, "Catatan #{nomor} diubah; versi sebelumnya tetap tersimpan.")
_close = _on_note(rules.close, "Catatan #{nomor} ditutup.")
_done = _on_note(rules.done, "Komitmen #{nomor} ditandai selesai.")
_withdraw = _on_note(rules.withdraw, "Catatan #{nomor} ditarik (tetap tercatat).")


def _line(row) -> str:
    """'#3 ↳1 komitmen [terbuka, lewat tenggat 2 hari] KE-P0 76.05 2024-03 → DINSOS; tenggat 2026-12-31;
    oleh budi 2026-12-06 10:00: teks' (stored text escaped for the terminal)."""
    state = row.status + (f", lewat tenggat {row.hari_lewat} hari" if row.lewat_tenggat else "")
    thread = f" ↳{row.utas}" if not pd.isna(row.induk) else ""
    due = f"; tenggat {row.tenggat:%Y-%m-%d} ({row.opd_komitmen})" if not pd.isna(row.tenggat) else ""
    text = shown(row.teks) if isinstance(row.teks, str) else "(ditarik)"
    return (f"#{row.id}{thread} {row.jenis} [{state}] {row.indikator} {row.wilayah} {row.periode} → "
            f"{row.opd_tujuan}{due}; oleh {shown(row.penulis, 100)} {row.dibuat:%Y-%m-%d %H:%M}: {text}")


def _list(args: argparse.Namespace) -> None:
    with reading_notes(_db(args)) as con:
        frame = notes.notes(con, opd=args.opd, terbuka=True if args.terbuka else None)
    for row in frame.itertuples():
        print(_line(row))


def _inbox(args: argparse.Namespace) -> None:
    with reading_notes(_db(args)) as con:
        asked = notes.inbox_questions(con, args.opd)
        promised = notes.inbox_commitments(con, args.opd)
    print(f"Pertanyaan untuk {args.opd} ({len(asked)}):")
    for row in asked.itertuples():
        print("  " + _line(row))
    print(f"Komitmen {args.opd} ({len(promised)}):")
    for row in promised.itertuples():
        print("  " + _line(row))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lib.catatan",
                                     description="Catatan sel: pertanyaan, penjelasan, komitmen dan koreksi.")
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str, run, number: bool = False, user: bool = True):
        sub = commands.add_parser(name, help=help_text)
        if number:
            sub.add_argument("nomor", type=int, help="nomor catatan")
        if user:
            sub.add_argument("--user", required=True,
                             help="nama akun (MONITOR41_USERS); perintah bertindak sebagai akun itu")
        sub.add_argument("--db", type=Path, default=None, help="berkas database (bawaan: MONITOR41_DB)")
        sub.set_defaults(run=run)
        return sub

    add = command("add", "tulis catatan baru pada sel", _add)
    for flag in ("--indikator", "--wilayah", "--periode"):
        add.add_argument(flag, required=True)
    add.add_argument("--jenis", required=True, choices=notes.KINDS)
    add.add_argument("--tenggat", default=None, help="TTTT-BB-HH, untuk komitmen")
    add.add_argument("--opd", default=None, help="OPD tujuan (pertanyaan, koreksi) atau yang berkomitmen (admin)")
    add.add_argument("--teks", required=True)
    rep = command("reply", "balas catatan N", _reply, number=True)
    rep.add_argument("--teks", required=True)
    rep.add_argument("--jenis", default=None, choices=rules.REPLY_KINDS)
    rep.add_argument("--tenggat", default=None, help="TTTT-BB-HH, untuk komitmen")
    rep.add_argument("--opd", default=None, help="OPD yang berkomitmen (admin)")
    listing = command("list", "daftar catatan, terlama dulu", _list, user=False)
    listing.add_argument("--opd", default=None, help="hanya yang ditujukan ke, dijanjikan atau ditulis OPD ini")
    listing.add_argument("--terbuka", action="store_true", help="hanya yang masih menunggu")
    inbox = command("inbox", "kotak masuk OPD: pertanyaan untuk Anda, komitmen Anda", _inbox, user=False)
    inbox.add_argument("--opd", required=True)
    command("edit", "ubah teks catatan N (versi lama tetap tersimpan)", _edit, number=True).add_argument(
        "--teks", required=True)
    command("close", "tutup catatan N", _close, number=True).add_argument("--teks", default=None)
    command("done", "tandai komitmen N selesai", _done, number=True).add_argument("--teks", required=True)
    command("withdraw", "tarik catatan N (tetap tercatat)", _withdraw, number=True).add_argument(
        "--teks", default=None)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Command line of cell notes; 0 done, 1 refused (message on stderr), 2 usage error."""
    return cli.dispatch(_parser(), argv, (rules.NoteError, UserError, DatabaseError))


if __name__ == "__main__":
    sys.exit(cli.run(main))
