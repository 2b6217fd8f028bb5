"""Sign-in accounts, kept outside the public DuckDB file: a JSON users file (mode 0600) with argon2 hashes.

Usage: python -m lib.users add NAME --role admin|opd|viewer [--opd KODE] [--db PATH] [--no-password]
       python -m lib.users list
       python -m lib.users remove NAME

The file (setting MONITOR41_USERS) holds {"version": 1, "users": [{"name", "role", "opd", "hash"}]}; a null
hash marks an account that signs in only through OIDC (its name is the e-mail address). There is no default
user: the first admin is created with the command above. Failed sign-ins are slowed down by counters kept
in this process's memory (`Throttle`): a restart forgets them, and each server process counts on its own.
"""
from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import logging
import math
import os
import re
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from lib import config

try:  # advisory lock between the app and the CLI; absent on Windows, where writes stay atomic but unlocked
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None

LOG = logging.getLogger("monitor41.auth")
ROLES = ("admin", "opd", "viewer")
MIN_PASSWORD_LENGTH = 10
NAME_PATTERN = re.compile(r"^[A-Za-z0-9._@+-]{2,100}$")
HASHER = PasswordHasher()
_DUMMY_HASH: list[str] = []  # computed once: unknown names cost the same time as known ones


class UserError(Exception):
    """A refused account operation; the message is for the user, in Bahasa Indonesia."""


class UsersFileError(UserError):
    """The users file cannot be read or written."""


class SignInThrottled(UserError):
    """Too many recent failures for this name (or overall); retry_after is the wait in whole seconds."""

    def __init__(self, retry_after: int):
        self.retry_after = retry_after
        super().__init__(f"Terlalu banyak percobaan masuk yang gagal; coba lagi dalam {retry_after} detik.")


class Throttle:
    """Consecutive sign-in failures per name and overall, in memory; attempts before the delay are refused.

    After FREE failures in a row for a name (FREE_OVERALL for all names together) the next attempt must wait
    1 s, then 2, 4, 8 … up to CAP seconds. Refused attempts are not counted and cost no hashing. A success
    clears the name's and the overall count; counts older than FORGET_AFTER seconds are forgotten.
    """
    FREE, FREE_OVERALL, CAP, FORGET_AFTER, MAX_NAMES = 3, 20, 30.0, 900.0, 10_000

    def __init__(self, clock=time.monotonic):
        self.clock = clock  # injectable for tests
        self._lock = threading.Lock()
        self._names: dict[str, tuple[int, float]] = {}  # name -> (failures in a row, time of the last one)
        self._overall = (0, 0.0)
        self._busy: set[str] = set()  # names being checked now: parallel guesses would dodge the delay

    def _wait(self, record: tuple[int, float], free: int) -> float:
        count, last = record
        if count < free or self.clock() - last > self.FORGET_AFTER:
            return 0.0
        return last + min(self.CAP, 2.0 ** (count - free)) - self.clock()

    def _bumped(self, record: tuple[int, float]) -> tuple[int, float]:
        count, last = record
        now = self.clock()
        return (1 if now - last > self.FORGET_AFTER else count + 1), now

    def begin(self, name: str) -> None:
        """Allow one attempt for name now, or raise SignInThrottled."""
        key = name.strip().casefold()
        with self._lock:
            wait = max(self._wait(self._names.get(key, (0, 0.0)), self.FREE),
                       self._wait(self._overall, self.FREE_OVERALL), 1.0 if key in self._busy else 0.0)
            if wait > 0:
                LOG.warning("Percobaan masuk ditolak, tunggu %d detik: nama=%r", math.ceil(wait), name[:100])
                raise SignInThrottled(math.ceil(wait))
            self._busy.add(key)

    def failure(self, name: str) -> int:
        """Count a failed attempt; returns the name's failures in a row."""
        key = name.strip().casefold()
        with self._lock:
            self._busy.discard(key)
            self._names[key] = self._bumped(self._names.get(key, (0, 0.0)))
            self._overall = self._bumped(self._overall)
            if len(self._names) > self.MAX_NAMES:  # bound memory under a spray of invented names
                recent = sorted(self._names.items(), key=lambda item: item[1][1])[-self.MAX_NAMES // 2:]
                self._names = dict(recent)
            return self._names[key][0]

    def success(self, name: str) -> None:
        """Clear the counts after a good sign-in."""
        key = name.strip().casefold()
        with self._lock:
            self._busy.discard(key)
            self._names.pop(key, None)
            self._overall = (0, 0.0)

    def abandon(self, name: str) -> None:
        """End an attempt that failed for another reason (e.g. an unreadable users file)."""
        with self._lock:
            self._busy.discard(name.strip().casefold())


THROTTLE = Throttle()


@dataclass(frozen=True)
class User:
    name: str
    role: str
    opd: str | None = None


def users_path(path: Path | str | None = None) -> Path:
    """The users file: the given path, else the MONITOR41_USERS setting."""
    return Path(path) if path else config.get_path("MONITOR41_USERS")


def _read(path: Path) -> list[dict]:
    """The entries of the users file; a missing file is an empty list, a damaged one a UsersFileError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise UsersFileError(f"Berkas pengguna {path} tidak bisa dibaca: {exc.strerror}.") from exc
    try:
        entries = json.loads(text)["users"]
        for entry in entries:
            _check_entry(entry)
    except (ValueError, KeyError, TypeError) as exc:
        raise UsersFileError(
            f"Berkas pengguna {path} rusak ({exc}). Pulihkan dari cadangan, atau pindahkan berkas itu dan buat "
            "ulang pengguna dengan `python -m lib.users add NAMA --role admin`."
        ) from exc
    if path.stat().st_mode & 0o077:
        LOG.warning("Berkas pengguna %s bisa dibaca pengguna lain; jalankan `chmod 600 %s`.", path, path)
    return entries


def _check_entry(entry: dict) -> None:
    """Raise ValueError when a stored entry does not have the expected shape."""
    if not isinstance(entry.get("name"), str) or entry.get("role") not in ROLES:
        raise ValueError(f"entri tanpa nama atau dengan peran tak dikenal: {entry.get('name')!r}")
    if (entry["role"] == "opd") != bool(entry.get("opd")):
        raise ValueError(f"pengguna {entry['name']!r}: kode OPD wajib untuk peran opd dan hanya untuknya")
    if entry.get("hash") is not None and not isinstance(entry["hash"], str):
        raise ValueError(f"pengguna {entry['name']!r}: hash bukan teks")


def _write(path: Path, entries: list[dict]) -> None:
    """Replace the users file atomically (temporary file + os.replace), readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=path.name + ".tmp-", dir=path.parent)
    try:
        os.fchmod(handle, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"version": 1, "users": entries}, out, ensure_ascii=False, indent=2)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise UsersFileError(f"Berkas pengguna {path} tidak bisa ditulis: {exc.strerror}.") from exc


@contextlib.contextmanager
def _locked(path: Path):
    """Hold an exclusive lock on <file>.lock so the CLI and the app never lose each other's changes."""
    if fcntl is None:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _find(entries: list[dict], name: str) -> dict | None:
    """The entry with this name, compared without regard to case (names may be e-mail addresses)."""
    wanted = name.strip().casefold()
    return next((e for e in entries if e["name"].casefold() == wanted), None)


def _user(entry: dict) -> User:
    return User(entry["name"], entry["role"], entry.get("opd") or None)


def _check_password(name: str, password: str) -> None:
    """Refuse a password that is too short or equals the user name."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"Kata sandi terlalu pendek: minimal {MIN_PASSWORD_LENGTH} karakter.")
    if password.strip().casefold() == name.casefold():
        raise UserError("Kata sandi tidak boleh sama dengan nama pengguna.")


def _check_role(role: str, opd: str | None, con) -> None:
    """Refuse an unknown role, an OPD code on a non-OPD role, or an OPD code the opd table lacks."""
    if role not in ROLES:
        raise UserError(f"Peran '{role}' tidak dikenal; pilih salah satu: {', '.join(ROLES)}.")
    if role != "opd":
        if opd:
            raise UserError("Kode OPD hanya untuk peran opd.")
        return
    if not opd:
        raise UserError("Peran opd membutuhkan kode OPD (--opd KODE), mis. DINKES.")
    if con is not None and con.execute("SELECT 1 FROM opd WHERE kode = ?", [opd]).fetchone() is None:
        known = [row[0] for row in con.execute("SELECT kode FROM opd ORDER BY kode").fetchall()]
        raise UserError(f"Kode OPD '{opd}' tidak ada di tabel opd; kode yang sah: {', '.join(known)}.")


def add_user(name: str, password: str | None, role: str, opd: str | None = None,
             path: Path | str | None = None, con=None) -> User:
    """Add an account (password None: OIDC-only, name = e-mail); refuses duplicates and weak passwords."""
    name, opd = name.strip(), (opd or "").strip() or None
    if not NAME_PATTERN.match(name):
        raise UserError("Nama pengguna hanya boleh huruf, angka dan . _ @ + - (2–100 karakter, tanpa spasi).")
    if password is None and "@" not in name:
        raise UserError("Akun tanpa kata sandi (masuk lewat OIDC) harus bernama alamat e-mail.")
    if password is not None:
        _check_password(name, password)
    _check_role(role, opd, con)
    path = users_path(path)
    with _locked(path):
        entries = _read(path)
        if _find(entries, name):
            raise UserError(f"Pengguna '{name}' sudah ada; hapus dulu dengan `python -m lib.users remove {name}`.")
        digest = HASHER.hash(password) if password is not None else None
        entries.append({"name": name, "role": role, "opd": opd, "hash": digest})
        _write(path, entries)
    return User(name, role, opd)


def remove_user(name: str, path: Path | str | None = None) -> None:
    """Remove an account; an unknown name is refused."""
    path = users_path(path)
    with _locked(path):
        entries = _read(path)
        entry = _find(entries, name)
        if entry is None:
            raise UserError(f"Pengguna '{name}' tidak ada.")
        _write(path, [e for e in entries if e is not entry])


def list_users(path: Path | str | None = None) -> list[User]:
    """Every account, in file order (no hashes)."""
    return [_user(e) for e in _read(users_path(path))]


def find_user(name: str, path: Path | str | None = None) -> User | None:
    """The account with this name (case-insensitive), or None; used for OIDC e-mails and session checks."""
    entry = _find(_read(users_path(path)), name)
    return _user(entry) if entry else None


def _matches(entry: dict | None, password: str) -> bool:
    """Whether password fits the entry's hash; unknown names and OIDC-only accounts spend the same time."""
    digest = entry.get("hash") if entry else None
    if digest is None:
        if not _DUMMY_HASH:
            _DUMMY_HASH.append(HASHER.hash("monitor41-dummy-password"))
        digest = _DUMMY_HASH[0]
    try:
        return HASHER.verify(digest, password) and entry is not None and entry.get("hash") is not None
    except InvalidHashError:
        LOG.error("Hash pengguna %r di berkas pengguna tidak sah", entry and entry["name"])
        return False
    except VerificationError:
        return False


def _rehash(path: Path, name: str, password: str) -> None:
    """Store a fresh hash when the hasher's parameters changed since this one was made."""
    try:
        with _locked(path):
            entries = _read(path)
            entry = _find(entries, name)
            if entry and entry.get("hash") and HASHER.check_needs_rehash(entry["hash"]):
                entry["hash"] = HASHER.hash(password)
                _write(path, entries)
    except UserError as exc:
        LOG.warning("Hash %r tidak bisa diperbarui: %s", name, exc)


def verify(name: str, password: str, path: Path | str | None = None, throttle: Throttle | None = None) -> User | None:
    """The user when name and password match, else None; raises SignInThrottled while failures are slowed."""
    throttle = throttle or THROTTLE
    path = users_path(path)
    throttle.begin(name)  # raises SignInThrottled before any work is done
    try:
        entry = _find(_read(path), name)
        ok = _matches(entry, password)
    except BaseException:
        throttle.abandon(name)
        raise
    if not ok:
        count = throttle.failure(name)
        LOG.warning("Gagal masuk: nama=%r, gagal berturut-turut=%d", name[:100], count)
        return None
    throttle.success(name)
    LOG.info("Masuk: %r (%s)", entry["name"], entry["role"])
    if HASHER.check_needs_rehash(entry["hash"]):
        _rehash(path, entry["name"], password)
    return _user(entry)


def _read_password() -> str:
    """The new password: typed twice on a terminal, else the first line of standard input."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Kata sandi: ")
    if getpass.getpass("Ulangi kata sandi: ") != first:
        raise UserError("Kedua kata sandi tidak sama.")
    return first


def _cli_add(args: argparse.Namespace) -> None:
    """Add a user from the command line, checking the OPD code against the database."""
    con = None
    if args.role == "opd":
        from lib import db  # only here: listing and removing users needs no database

        try:
            con = db.connect(args.db or db.default_path(), read_only=True)
        except db.DatabaseError as exc:
            raise UserError(f"{exc} (Dibutuhkan untuk memeriksa kode OPD.)") from exc
    password = None if args.no_password else _read_password()
    try:
        user = add_user(args.name, password, args.role, args.opd, con=con)
    finally:
        if con is not None:
            con.close()
    print(f"Pengguna {user.name} ({user.role}{' ' + user.opd if user.opd else ''}) ditambahkan ke {users_path()}.")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lib.users", description="Kelola pengguna Monitor 4+1 Sulbar.")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="tambah pengguna (kata sandi diminta dua kali, atau baris pertama stdin)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--opd", help="kode OPD, wajib untuk peran opd")
    add.add_argument("--db", help="database untuk memeriksa kode OPD (bawaan: MONITOR41_DB)")
    add.add_argument("--no-password", action="store_true", help="akun hanya masuk lewat OIDC; nama = e-mail")
    commands.add_parser("list", help="daftar pengguna")
    remove = commands.add_parser("remove", help="hapus pengguna")
    remove.add_argument("name")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Command line: 0 done, 1 refused (message on stderr), 2 usage error."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "add":
            _cli_add(args)
        elif args.command == "remove":
            remove_user(args.name)
            print(f"Pengguna {args.name} dihapus.")
        else:
            users = list_users()
            for user in users:
                print(f"{user.name}\t{user.role}\t{user.opd or ''}")
            if not users:
                print("Belum ada pengguna. Tambahkan admin: python -m lib.users add NAMA --role admin")
    except UserError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
