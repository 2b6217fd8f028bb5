"""Command line for sign-in accounts (run as `python -m lib.users`).

Usage: python -m lib.users add NAME --role admin|opd|viewer [--opd KODE] [--db PATH] [--no-password]
       python -m lib.users list
       python -m lib.users remove NAME

Reserved names (lib.db.record.RESERVED_NAMES: seed, benih, simulasi, sistem, system) cannot be accounts.
"""
from __future__ import annotations

import argparse
import contextlib
import getpass
import sys

from lib import cli
from lib.db.errors import DatabaseError
from lib.db.record import is_reserved
from lib.users.accounts import ROLES, UserError, add_user, list_users, remove_user, users_path


def _read_password() -> str:
    """The new password: typed twice on a terminal, else the first line of standard input."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Kata sandi: ")
    if getpass.getpass("Ulangi kata sandi: ") != first:
        raise UserError("Kedua kata sandi tidak sama.")
    return first


def _add(args: argparse.Namespace) -> None:
    """Add a user from the command line, checking the OPD code against the database."""
    password = None if args.no_password else _read_password()  # asked before any file is opened
    with contextlib.ExitStack() as stack:
        con = _opd_reader(stack, args.db) if args.role == "opd" else None
        user = add_user(args.name, password, args.role, args.opd, con=con)
    print(f"Pengguna {user.name} ({user.role}{' ' + user.opd if user.opd else ''}) ditambahkan ke {users_path()}.")


def _opd_reader(stack: contextlib.ExitStack, path: str | None):
    """A read-only connection for the OPD codes: the latest snapshot, so it works while apps and writers run."""
    from lib.db.connect import default_path  # only here: listing and removing users needs no database
    from lib.db.snapshot_reader import reading

    try:
        return stack.enter_context(reading(path or default_path()))
    except DatabaseError as exc:
        raise UserError(f"{exc} (Dibutuhkan untuk memeriksa kode OPD.)") from exc


def _remove(args: argparse.Namespace) -> None:
    remove_user(args.name)
    print(f"Pengguna {args.name} dihapus.")


def _list(args: argparse.Namespace) -> None:
    users = list_users()
    for user in users:
        note = "\tnama dicadangkan: tidak bisa masuk, hapus lalu buat ulang" if is_reserved(user.name) else ""
        print(f"{user.name}\t{user.role}\t{user.opd or ''}{note}")
    if not users:
        print("Belum ada pengguna. Tambahkan admin: python -m lib.users add NAMA --role admin")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lib.users", description="Kelola pengguna Monitor 4+1 Sulbar.")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="tambah pengguna (kata sandi diminta dua kali, atau baris pertama stdin)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--opd", help="kode OPD, wajib untuk peran opd")
    add.add_argument("--db", help="database untuk memeriksa kode OPD (bawaan: MONITOR41_DB)")
    add.add_argument("--no-password", action="store_true", help="akun hanya masuk lewat OIDC; nama = e-mail")
    add.set_defaults(run=_add)
    commands.add_parser("list", help="daftar pengguna").set_defaults(run=_list)
    remove = commands.add_parser("remove", help="hapus pengguna")
    remove.add_argument("name")
    remove.set_defaults(run=_remove)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Command line: 0 done, 1 refused (message on stderr), 2 usage error."""
    return cli.dispatch(_parser(), argv, (UserError,))


if __name__ == "__main__":
    sys.exit(cli.run(main))
