"""Slowing down failed sign-ins: counters kept in this process's memory (`Throttle`, the shared `THROTTLE`),
per account and source (`client_source`: the visitor's address).

A restart forgets them, and each server process counts on its own. lib.users.accounts.verify consults them.
"""
from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Iterable

from lib.users.errors import UserError

LOG = logging.getLogger("monitor41.auth")
LOOPBACK = {"127.0.0.1", "::1"}


class SignInThrottled(UserError):
    """Too many recent failures for this name (or overall); retry_after is the wait in whole seconds."""

    def __init__(self, retry_after: int):
        self.retry_after = retry_after
        super().__init__(f"Terlalu banyak percobaan masuk yang gagal; coba lagi dalam {retry_after} detik.")


class Throttle:
    """Consecutive sign-in failures per (name, source) and per source, in memory; attempts before the delay
    are refused.

    A source is where an attempt comes from (the client's address, see client_source). After FREE failures
    in a row for a name from one source (FREE_OVERALL for all names from one source) the next attempt from
    that source must wait 1 s, then 2, 4, 8 … up to CAP seconds. Attempts from another source are not held
    up, so whoever guesses at an account cannot lock its owner out. The trade-off: guesses spread over many
    addresses are slowed only by the password hash and the password rules (the log names each source).
    Refused attempts are not counted and cost no hashing. A success clears the pair's and the source's
    count; counts older than FORGET_AFTER seconds are forgotten.
    """
    FREE, FREE_OVERALL, CAP, FORGET_AFTER, MAX_NAMES = 3, 20, 30.0, 900.0, 10_000

    def __init__(self, clock=time.monotonic):
        self.clock = clock  # injectable for tests
        self._lock = threading.Lock()
        self._pairs: dict[tuple[str, str], tuple[int, float]] = {}  # (name, source) -> (failures, last time)
        self._sources: dict[str, tuple[int, float]] = {}  # source -> (failures in a row, time of the last one)
        self._busy: set[tuple[str, str]] = set()  # pairs being checked now: parallel guesses would dodge the delay

    @staticmethod
    def _key(name: str, source: str) -> tuple[str, str]:
        return name.strip().casefold()[:200], source[:200]  # bounded: typed names can be arbitrarily long

    def _wait(self, record: tuple[int, float], free: int) -> float:
        count, last = record  # stale counts need no check here: FORGET_AFTER is far longer than CAP
        return 0.0 if count < free else last + min(self.CAP, 2.0 ** (count - free)) - self.clock()

    def _bumped(self, record: tuple[int, float]) -> tuple[int, float]:
        count, last = record
        now = self.clock()
        return (1 if now - last > self.FORGET_AFTER else count + 1), now

    def begin(self, name: str, source: str = "") -> None:
        """Allow one attempt for name from source now, or raise SignInThrottled."""
        key = self._key(name, source)
        with self._lock:
            wait = max(self._wait(self._pairs.get(key, (0, 0.0)), self.FREE),
                       self._wait(self._sources.get(key[1], (0, 0.0)), self.FREE_OVERALL),
                       1.0 if key in self._busy else 0.0)
            if wait > 0:
                LOG.warning("Percobaan masuk ditolak, tunggu %d detik: nama=%r, sumber=%r", math.ceil(wait),
                            name[:100], source[:100])
                raise SignInThrottled(math.ceil(wait))
            self._busy.add(key)

    def failure(self, name: str, source: str = "") -> int:
        """Count a failed attempt; returns the failures in a row for this name from this source."""
        key = self._key(name, source)
        with self._lock:
            self._busy.discard(key)
            self._pairs[key] = self._bumped(self._pairs.get(key, (0, 0.0)))
            self._sources[key[1]] = self._bumped(self._sources.get(key[1], (0, 0.0)))
            self._pairs, self._sources = _bounded(self._pairs, self.MAX_NAMES), _bounded(self._sources, self.MAX_NAMES)
            return self._pairs.get(key, (1, 0.0))[0]

    def success(self, name: str, source: str = "") -> None:
        """Clear the counts of this name and source after a good sign-in."""
        key = self._key(name, source)
        with self._lock:
            self._busy.discard(key)
            self._pairs.pop(key, None)
            self._sources.pop(key[1], None)

    def abandon(self, name: str, source: str = "") -> None:
        """End an attempt that failed for another reason (e.g. an unreadable users file)."""
        with self._lock:
            self._busy.discard(self._key(name, source))


def _bounded(counts: dict, limit: int) -> dict:
    """The newest half of counts once they pass limit (memory stays bounded under a spray of names)."""
    if len(counts) <= limit:
        return counts
    return dict(sorted(counts.items(), key=lambda item: item[1][1])[-limit // 2:])


def client_source(peer: str | None, forwarded_for: str | None, trusted_proxies: Iterable[str],
                  fallback: str) -> str:
    """Where a sign-in comes from: the TCP peer address, or, when the peer is a trusted proxy, the nearest
    address in its X-Forwarded-For that is not itself a trusted proxy.

    `peer` None means a loopback connection (Streamlit hides 127.0.0.1 and ::1). A loopback peer that is not
    a trusted proxy gives `fallback`: every visitor through an undeclared local proxy shares that one source.
    """
    trusted = {p.strip() for p in trusted_proxies if p.strip()}
    address = peer or "127.0.0.1"
    local = peer is None
    if address in trusted or (local and trusted & LOOPBACK):
        hops = [h.strip() for h in (forwarded_for or "").split(",") if h.strip()]
        for hop in reversed(hops):
            if hop not in trusted and hop not in LOOPBACK:
                return hop
        return hops[0] if hops else fallback
    return fallback if local else address


THROTTLE = Throttle()
