"""Command line of the apel list (run as `python -m lib.apel`): add an apel, list them."""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from lib import cli
from lib.apel.meetings import Apel, ApelError, add, parse_date, parse_time
from lib.data.apel import DEFAULT_JAM, list_apel
from lib.db.connect import connect, default_path
from lib.db.errors import DatabaseError
from lib.ingest.cells import shown
from lib.text.i18n import format_date


def _add(args: argparse.Namespace) -> None:
    apel = add(args.db or default_path(),
               Apel(parse_date(args.tanggal), args.nama, args.tempat, args.catatan, parse_time(args.jam)),
               user_name=args.oleh or getpass.getuser())
    print(f"Apel dicatat: {format_date(apel.tanggal)} pukul {apel.jam:%H.%M} — {shown(apel.nama)}")


def _list(args: argparse.Namespace) -> None:
    with connect(args.db or default_path()) as con:
        apels = list_apel(con)
        for row in apels.itertuples():  # stored text escaped (⟨U+001B⟩): an old record may hold controls
            place = shown(row.tempat) if isinstance(row.tempat, str) else "-"
            hour = f"{row.waktu:%H:%M}" if row.jam_tercatat else f"{row.waktu:%H:%M}*"
            print(f"{row.tanggal:%Y-%m-%d} {hour}  {shown(row.nama)}  ({place}; dicatat oleh "
                  f"{shown(row.dicatat_oleh, 100)})")
        if not apels["jam_tercatat"].all():
            print(f"* jam tidak tercatat, dianggap {DEFAULT_JAM:%H:%M}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lib.apel", description="Catat dan lihat apel Satgas 4+1.")
    commands = parser.add_subparsers(dest="command", required=True)
    add_cmd = commands.add_parser("add", help="catat satu apel")
    add_cmd.add_argument("--tanggal", required=True, help="TTTT-BB-HH")
    add_cmd.add_argument("--jam", required=True,
                         help="JJ:MM, jam mulai apel (jam server, sama dengan waktu muat unggahan)")
    add_cmd.add_argument("--nama", required=True)
    add_cmd.add_argument("--tempat", default=None)
    add_cmd.add_argument("--catatan", default=None)
    add_cmd.add_argument("--oleh", default=None, help="nama pencatat (bawaan: pengguna sistem)")
    add_cmd.set_defaults(run=_add)
    list_cmd = commands.add_parser("list", help="daftar apel, terbaru dulu")
    list_cmd.set_defaults(run=_list)
    for sub in (add_cmd, list_cmd):
        sub.add_argument("--db", type=Path, default=None, help="berkas database (bawaan: MONITOR41_DB)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Command line: add or list apel; 0 done, 1 refused (message on stderr), 2 usage error."""
    return cli.dispatch(_parser(), argv, (ApelError, DatabaseError))


if __name__ == "__main__":
    sys.exit(cli.run(main))
