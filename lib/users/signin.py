"""Slowing down failed sign-ins (`Throttle`, the shared `THROTTLE`): counts per account and source, per source and
per account, kept in a small file beside the users file so every replica counts together and a restart keeps
them; `client_source` says where an attempt comes from (the visitor's address).

The file is `<users file>.gagal-masuk` (JSON, mode 0600), guarded by its own `flock` on
`<users file>.gagal-masuk.lock`: a sign-in never waits for the record's writer lock (held during uploads), only
for another sign-in's few milliseconds. When the file cannot be used (read-only folder, no fcntl) the counts
fall back to this process's memory and the log says so. lib.users.accounts.verify consults THROTTLE.
"""
from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from lib import config
from lib.users import file_lock
from lib.users.errors import UserError

LOG = logging.getLogger("monitor41.auth")
LOOPBACK = {"127.0.0.1", "::1"}
SUFFIX = ".gagal-masuk"  # the counts file beside the users file
_IGNORED_PROXIES: set[str] = set()  # untrusted peers whose X-Forwarded-For was ignored (logged once each)


class _NoFile(Exception):
    """The counts have no file (memory only)."""


class SignInThrottled(UserError):
    """Too many recent failures for this name (or overall); retry_after is the wait in whole seconds."""

    def __init__(self, retry_after: int):
        self.retry_after = retry_after
        super().__init__(f"Terlalu banyak percobaan masuk yang gagal; coba lagi dalam {retry_after} detik.")


def _empty() -> dict:
    # pairs: (name, source) -> [failures, last failure, start of an attempt under way or None];
    # sources and names -> [failures, last failure]
    return {"pairs": {}, "sources": {}, "names": {}}


class Throttle:
    """Consecutive sign-in failures per (name, source), per source and per name; attempts before their delay
    are refused, without hashing and without being counted.

    A source is where an attempt comes from (the client's address, see client_source). The delays, each
    1 s, then 2, 4, 8 … up to CAP seconds after the last failure that counts for it:
    - per (name, source): after FREE failures in a row for a name from one source;
    - per source: after FREE_OVERALL failures from one source, whatever the names (spraying many names);
    - per name: once a name has FREE_NAME failures from all sources together, a source that has itself failed
      for that name waits by that count, from its *own* last failure. A source with no failure for the name is
      never held up by it, and nobody waits longer than CAP after their own last failure: guesses spread over
      many addresses are slowed, the owner signing in from another address is never locked out.
    One attempt at a time per (name, source), across replicas (parallel guesses would dodge the delay; an
    attempt under way for more than BUSY_FOR seconds is taken as abandoned). A success clears the pair's and
    the source's counts; counts older than FORGET_AFTER seconds are forgotten.

    `path` is the counts file; None keeps the counts in this object's memory (tests), and `shared=True` puts
    them beside the users file of the moment (MONITOR41_USERS): THROTTLE, which lib.users.accounts.verify
    uses unless given another.
    """
    FREE, FREE_OVERALL, FREE_NAME, CAP, FORGET_AFTER, BUSY_FOR, MAX_ENTRIES = 3, 20, 10, 30.0, 900.0, 10.0, 2_000

    def __init__(self, clock=time.time, path: Path | str | None = None, shared: bool = False):
        self.clock = clock  # wall-clock seconds: compared across processes and restarts; injectable for tests
        self._path = Path(path) if path else None
        self._shared = shared
        self._lock = threading.Lock()
        self._memory = _empty()
        self._fallback_logged = False

    def path(self) -> Path | None:
        """The counts file, or None when the counts live in memory."""
        if self._shared:
            return Path(str(config.get_path("MONITOR41_USERS")) + SUFFIX)
        return self._path

    @staticmethod
    def _key(name: str, source: str) -> tuple[str, str]:
        return name.strip().casefold()[:200], source[:200]  # bounded: typed names can be arbitrarily long

    def _wait(self, record, free: int, since: float | None = None) -> float:
        """Seconds still to wait for a count record [failures, last, ...]; since: measure from that time."""
        count, last = (record[0], record[1]) if record else (0, 0.0)
        if count < free:
            return 0.0
        return (last if since is None else since) + min(self.CAP, 2.0 ** (count - free)) - self.clock()

    def _bump(self, table: dict, key, now: float) -> list:
        count, last = table.get(key, [0, 0.0])[:2]
        record = [1 if now - last > self.FORGET_AFTER else count + 1, now]
        table[key] = record
        return record

    def begin(self, name: str, source: str = "") -> None:
        """Allow one attempt for name from source now, or raise SignInThrottled."""
        key = self._key(name, source)
        with self._counts() as counts:
            now = self.clock()
            pair = counts["pairs"].get(key)
            waits = [self._wait(pair, self.FREE), self._wait(counts["sources"].get(key[1]), self.FREE_OVERALL)]
            if pair and pair[0] > 0:  # the name's count across sources holds only sources that failed for it
                waits.append(self._wait(counts["names"].get(key[0]), self.FREE_NAME, since=pair[1]))
            if pair and pair[2] is not None and now - pair[2] < self.BUSY_FOR:
                waits.append(1.0)
            wait = max(waits)
            if wait > 0:
                LOG.warning("Percobaan masuk ditolak, tunggu %d detik: nama=%r, sumber=%r", math.ceil(wait),
                            name[:100], source[:100])
                raise SignInThrottled(math.ceil(wait))
            counts["pairs"][key] = [pair[0], pair[1], now] if pair else [0, now, now]

    def failure(self, name: str, source: str = "") -> int:
        """Count a failed attempt; returns the failures in a row for this name from this source."""
        key = self._key(name, source)
        with self._counts() as counts:
            now = self.clock()
            pair = self._bump(counts["pairs"], key, now) + [None]
            counts["pairs"][key] = pair
            self._bump(counts["sources"], key[1], now)
            self._bump(counts["names"], key[0], now)
            return pair[0]

    def success(self, name: str, source: str = "") -> None:
        """Clear the counts of this name from this source, and of this source, after a good sign-in."""
        key = self._key(name, source)
        with self._counts() as counts:
            counts["pairs"].pop(key, None)
            counts["sources"].pop(key[1], None)

    def abandon(self, name: str, source: str = "") -> None:
        """End an attempt that failed for another reason (e.g. an unreadable users file)."""
        key = self._key(name, source)
        with self._counts() as counts:
            pair = counts["pairs"].get(key)
            if pair:
                pair[2] = None

    @contextlib.contextmanager
    def _counts(self) -> Iterator[dict]:
        """The counts under a lock: the file's (read, then written back) or, without a usable file, memory's."""
        path = self.path()
        with self._lock:
            held = contextlib.ExitStack()
            try:
                if path is None or not file_lock.AVAILABLE:
                    raise _NoFile
                held.enter_context(file_lock.beside(path))
                counts = _load(path)
            except (OSError, _NoFile) as exc:
                held.close()
                if isinstance(exc, OSError):
                    self._fell_back(path, exc)
                yield self._memory
                self._memory = self._pruned(self._memory)
                return
            with held:
                yield counts
                try:
                    _save(path, self._pruned(counts))
                except OSError as exc:
                    self._fell_back(path, exc)

    def _fell_back(self, path: Path, exc: OSError) -> None:
        if not self._fallback_logged:
            LOG.error("Hitungan gagal masuk tidak bisa disimpan di %s (%s); dihitung di memori proses ini saja "
                      "sampai berkas itu bisa dipakai.", path, exc)
            self._fallback_logged = True

    def _pruned(self, counts: dict) -> dict:
        """Counts without forgotten entries, each table bounded (the newest MAX_ENTRIES under a spray of names)."""
        horizon = self.clock() - self.FORGET_AFTER
        for table in ("pairs", "sources", "names"):
            fresh = {k: v for k, v in counts[table].items() if v[1] >= horizon or (v[-1] or 0) >= horizon}
            if len(fresh) > self.MAX_ENTRIES:
                fresh = dict(sorted(fresh.items(), key=lambda item: max(_times(item[1])))[-self.MAX_ENTRIES:])
            counts[table] = fresh
        return counts


def _times(record: list) -> list[float]:
    """The times in a count record (the last failure, and an attempt's start when one is under way)."""
    return [t for t in record[1:] if t is not None]


def _load(path: Path) -> dict:
    """The counts in the file: empty when it is missing; a damaged file is logged and started afresh."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        counts = _empty()
        for name, source, *record in data["pairs"]:
            counts["pairs"][(str(name), str(source))] = [int(record[0]), float(record[1]),
                                                            None if record[2] is None else float(record[2])]
        for table in ("sources", "names"):
            counts[table] = {str(k): [int(v[0]), float(v[1])] for k, v in data[table]}
        return counts
    except FileNotFoundError:
        return _empty()
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        LOG.warning("Berkas hitungan gagal masuk %s rusak (%s); hitungan dimulai dari nol.", path, exc)
        return _empty()


def _save(path: Path, counts: dict) -> None:
    """Replace the counts file atomically (temporary file + os.replace), readable by its owner only."""
    data = {"versi": 1,
            "pairs": [[name, source, *record] for (name, source), record in counts["pairs"].items()],
            "sources": [[k, v] for k, v in counts["sources"].items()],
            "names": [[k, v] for k, v in counts["names"].items()]}
    handle, tmp = tempfile.mkstemp(prefix=path.name + ".tmp-", dir=path.parent)
    try:
        os.fchmod(handle, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))  # the C encoder: fast
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def client_source(peer: str | None, forwarded_for: str | None, trusted_proxies: Iterable[str],
                  fallback: str) -> str:
    """Where a sign-in comes from: the TCP peer address, or, when the peer is a trusted proxy, the nearest
    address in its X-Forwarded-For that is not itself a trusted proxy.

    `peer` None means a loopback connection (Streamlit hides 127.0.0.1 and ::1). A loopback peer that is not
    a trusted proxy gives `fallback`: every visitor through an undeclared local proxy shares that one source.
    An untrusted peer that sends X-Forwarded-For without being named in it (a proxy missing from
    MONITOR41_TRUSTED_PROXIES) is logged once: every visitor behind it shares one source.
    """
    trusted = {p.strip() for p in trusted_proxies if p.strip()}
    address = peer or "127.0.0.1"
    local = peer is None
    hops = [h.strip() for h in (forwarded_for or "").split(",") if h.strip()]
    if address in trusted or (local and trusted & LOOPBACK):
        for hop in reversed(hops):
            if hop not in trusted and hop not in LOOPBACK:
                return hop
        return hops[0] if hops else fallback
    # uvicorn (Streamlit's server) already puts the visitor in place of a loopback proxy (FORWARDED_ALLOW_IPS,
    # default 127.0.0.1,::1): then the peer is one of the hops. A peer that is none of them is a proxy of its own.
    if hops and address not in hops and address not in _IGNORED_PROXIES and len(_IGNORED_PROXIES) < 100:
        _IGNORED_PROXIES.add(address)
        LOG.warning("X-Forwarded-For dari %s diabaikan: alamat itu tidak ada di MONITOR41_TRUSTED_PROXIES, jadi "
                    "semua pengunjung lewat proxy itu dihitung sebagai satu sumber percobaan masuk.", address)
    return fallback if local else address


THROTTLE = Throttle(shared=True)
