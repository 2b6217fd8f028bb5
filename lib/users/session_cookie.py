"""A sign-in that survives a reload: the signed-in name in a cookie signed with a server secret (itsdangerous).

`issue(name)` gives the cookie value after a good password sign-in; `verify(value)` gives the name back while
the cookie is younger than the session lifetime (MONITOR41_SESSION_HOURS) and its signature is good, else None
(expired, tampered, signed with another secret, not a cookie of ours) or when the account's password changed
since (the cookie carries a fingerprint of its password hash, accounts.session_stamp). The account is still
looked up in the users file on every run (lib.ui.auth), so removing an account ends its sessions at the next click.

The secret is MONITOR41_SESSION_SECRET; when that is empty, a random one kept in a file beside the users file
(`pengguna.json.rahasia-sesi`, mode 0600, created on first use), so every replica sharing the users file signs
alike and a restart keeps visitors signed in. Replacing the secret signs everyone out.
"""
from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from itsdangerous import BadData, URLSafeTimedSerializer

from lib import config
from lib.users import accounts
from lib.users.errors import UserError

COOKIE_NAME = "monitor41_masuk"
_SALT = "monitor41.masuk.v1"  # a value signed for another purpose with the same secret never verifies here
_SECRET_SUFFIX = ".rahasia-sesi"
_MIN_SECRET = 32


class SessionSecretError(UserError):
    """The session secret cannot be read or created; the message says the fix."""


def lifetime_seconds() -> int:
    """How long a sign-in lasts (MONITOR41_SESSION_HOURS, in whole seconds; at least one minute)."""
    text = config.get("MONITOR41_SESSION_HOURS").replace(",", ".")
    try:
        hours = float(text)
    except ValueError:
        raise SessionSecretError(f"MONITOR41_SESSION_HOURS '{text}' bukan angka jam, mis. 8 atau 0,5.") from None
    return max(60, int(hours * 3600))


def secret_path() -> Path:
    """Where the generated secret is kept when MONITOR41_SESSION_SECRET is empty: beside the users file."""
    users = accounts.users_path()
    return users.with_name(users.name + _SECRET_SUFFIX)


def secret() -> str:
    """The signing secret: the setting, or the secret file's (created with a random value on first use)."""
    value = config.get("MONITOR41_SESSION_SECRET")
    if value:
        if len(value) < _MIN_SECRET:
            raise SessionSecretError(f"MONITOR41_SESSION_SECRET terlalu pendek ({len(value)} karakter); pakai "
                                     f"paling sedikit {_MIN_SECRET}, mis. keluaran `python -c \"import secrets; "
                                     "print(secrets.token_urlsafe(48))\"`.")
        return value
    path = secret_path()
    with contextlib.suppress(FileExistsError):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as exc:
            if isinstance(exc, FileExistsError):
                raise
            raise SessionSecretError(f"Berkas rahasia sesi {path} tidak bisa dibuat: {exc.strerror}. Isi "
                                     "MONITOR41_SESSION_SECRET, atau perbaiki hak folder itu.") from exc
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(secrets.token_urlsafe(48))
    try:
        value = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise SessionSecretError(f"Berkas rahasia sesi {path} tidak bisa dibaca: {exc.strerror}.") from exc
    if len(value) < _MIN_SECRET:  # empty while another process is still writing it, or cut short
        raise SessionSecretError(f"Berkas rahasia sesi {path} kosong atau terlalu pendek; hapus berkas itu "
                                 "(semua pengguna keluar) agar dibuat ulang.")
    return value


def _serializer(key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(key, salt=_SALT)


def issue(name: str, key: str | None = None) -> str:
    """The cookie value for a signed-in name, signed and timestamped now, with the stamp of its password."""
    stamp = accounts.session_stamp(name)
    if stamp is None:
        raise SessionSecretError(f"Akun '{name}' tidak punya kata sandi di berkas pengguna; tidak ada cookie masuk.")
    return _serializer(key or secret()).dumps({"u": name, "s": stamp})


def verify(value: str | None, key: str | None = None, max_age: int | None = None) -> str | None:
    """The name in a good cookie younger than max_age seconds (default: the session lifetime) whose password stamp
    is still the account's (a new password or a removed account ends it), else None."""
    if not value or len(value) > 4096:
        return None
    try:
        data = _serializer(key or secret()).loads(value, max_age=lifetime_seconds() if max_age is None else max_age)
    except BadData:  # tampered, expired, another secret or salt, not ours
        return None
    name, stamp = (data.get("u"), data.get("s")) if isinstance(data, dict) else (None, None)
    if not isinstance(name, str) or not name or not isinstance(stamp, str):
        return None
    return name if accounts.session_stamp(name) == stamp else None
