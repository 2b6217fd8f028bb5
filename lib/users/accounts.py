"""Sign-in accounts, kept outside the public DuckDB file: a JSON users file (mode 0600) with argon2 hashes.

Usage: python -m lib.users add NAME --role admin|opd|viewer [--opd KODE] [--db PATH] [--no-password]
       python -m lib.users list
       python -m lib.users remove NAME

The file (setting MONITOR41_USERS) holds {"version": 1, "users": [{"name", "role", "opd", "hash"}]}; a null
hash marks an account that signs in only through OIDC (its name is the e-mail address). There is no default
user: the first admin is created with the command above. Failed sign-ins are slowed down per account and source by
counters kept in a file beside the users file (`Throttle`, in lib.users.signin): every replica counts together and a
restart keeps them. The command line lives in lib.users.__main__.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from lib import config
from lib.data import reference
from lib.db.record import RESERVED_NAMES, is_reserved
from lib.users import file_lock
from lib.users.errors import UserError
from lib.users.signin import THROTTLE, Throttle

LOG = logging.getLogger("monitor41.auth")
ROLES = ("admin", "opd", "viewer")
MIN_PASSWORD_LENGTH = 10
NAME_PATTERN = re.compile(r"^[A-Za-z0-9._@+-]{2,100}$")
HASHER = PasswordHasher()
_DUMMY_HASH: list[str] = []  # computed once: unknown names cost the same time as known ones
_WARNED: set[Path] = set()  # users files already reported as readable by others


class UsersFileError(UserError):
    """The users file cannot be read or written."""


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
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UsersFileError(
            f"Berkas pengguna {path} rusak ({exc}). Pulihkan dari cadangan, atau pindahkan berkas itu dan buat "
            "ulang pengguna dengan `python -m lib.users add NAMA --role admin`."
        ) from exc
    if path.stat().st_mode & 0o077 and path not in _WARNED:
        _WARNED.add(path)
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


def _find(entries: list[dict], name: str) -> dict | None:
    """The entry with this name, compared without regard to case (names may be e-mail addresses)."""
    wanted = name.strip().casefold()
    return next((e for e in entries if e["name"].casefold() == wanted), None)


def _usable(entry: dict | None) -> dict | None:
    """The entry, unless it holds a reserved name (an account made before names were reserved): such an
    account never signs in, so nothing it could load is ever taken for seed data."""
    if entry is not None and is_reserved(entry["name"]):
        LOG.error("Akun %r memakai nama yang dicadangkan untuk data sistem dan tidak bisa masuk; hapus dengan "
                  "`python -m lib.users remove %s` lalu buat ulang dengan nama lain.", entry["name"], entry["name"])
        return None
    return entry


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
    if con is not None and not reference.opd_exists(con, opd):
        known = reference.opd_codes(con)
        raise UserError(f"Kode OPD '{opd}' tidak ada di tabel opd; kode yang sah: {', '.join(known)}.")


def add_user(name: str, password: str | None, role: str, opd: str | None = None,
             path: Path | str | None = None, con=None) -> User:
    """Add an account (password None: OIDC-only, name = e-mail); refuses duplicates and weak passwords."""
    name, opd = name.strip(), (opd or "").strip() or None
    if not NAME_PATTERN.match(name):
        raise UserError("Nama pengguna hanya boleh huruf, angka dan . _ @ + - (2–100 karakter, tanpa spasi).")
    if is_reserved(name):
        raise UserError(f"Nama '{name}' dicadangkan untuk data sistem ({', '.join(sorted(RESERVED_NAMES))}): "
                        "baris yang dimuat dengan nama itu akan terbaca sebagai data benih. Pilih nama lain.")
    if password is None and "@" not in name:
        raise UserError("Akun tanpa kata sandi (masuk lewat OIDC) harus bernama alamat e-mail.")
    if password is not None:
        _check_password(name, password)
    _check_role(role, opd, con)
    path = users_path(path)
    with file_lock.beside(path, make_folder=True):
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
    with file_lock.beside(path, make_folder=True):
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
    entry = _usable(_find(_read(users_path(path)), name))
    return _user(entry) if entry else None


def session_stamp(name: str, path: Path | str | None = None) -> str | None:
    """A short fingerprint of the account's password hash (None: no such account, or one without a password).
    A sign-in cookie carries it (lib.users.session_cookie), so a new password ends the cookies issued before."""
    entry = _usable(_find(_read(users_path(path)), name))
    if entry is None or not entry.get("hash"):
        return None
    return hashlib.sha256(entry["hash"].encode("utf-8")).hexdigest()[:16]


def _matches(entry: dict | None, password: str) -> bool:
    """Whether password fits the entry's hash; unknown names and OIDC-only accounts spend the same time."""
    digest = entry.get("hash") if entry else None
    if digest is None:
        if not _DUMMY_HASH:
            _DUMMY_HASH.append(HASHER.hash(secrets.token_urlsafe(32)))  # a password nobody knows
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
        with file_lock.beside(path, make_folder=True):
            entries = _read(path)
            entry = _find(entries, name)
            if entry and entry.get("hash") and HASHER.check_needs_rehash(entry["hash"]):
                entry["hash"] = HASHER.hash(password)
                _write(path, entries)
    except UserError as exc:
        LOG.warning("Hash %r tidak bisa diperbarui: %s", name, exc)


def verify(name: str, password: str, path: Path | str | None = None, throttle: Throttle | None = None,
           source: str = "") -> User | None:
    """The user when name and password match, else None; raises SignInThrottled while failures from this
    source (the visitor's address, see lib.users.signin.client_source) are slowed."""
    throttle = throttle or THROTTLE
    path = users_path(path)
    throttle.begin(name, source)  # raises SignInThrottled before any work is done
    try:
        entry = _usable(_find(_read(path), name))
        ok = _matches(entry, password)
    except BaseException:
        throttle.abandon(name, source)
        raise
    if not ok:
        count = throttle.failure(name, source)
        LOG.warning("Gagal masuk: nama=%r, sumber=%r, gagal berturut-turut=%d", name[:100], source[:100], count)
        return None
    throttle.success(name, source)
    LOG.info("Masuk: %r (%s)", entry["name"], entry["role"])
    if HASHER.check_needs_rehash(entry["hash"]):
        _rehash(path, entry["name"], password)
    return _user(entry)
