"""Slowing down failed sign-ins: counters kept in this process's memory (`Throttle`, the shared `THROTTLE`).

A restart forgets them, and each server process counts on its own. lib.users.verify consults them.
"""
from __future__ import annotations

import logging
import math
import threading
import time

from lib.user_errors import UserError

LOG = logging.getLogger("monitor41.auth")


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

    @staticmethod
    def _key(name: str) -> str:
        return name.strip().casefold()[:200]  # bounded: typed names can be arbitrarily long

    def _wait(self, record: tuple[int, float], free: int) -> float:
        count, last = record  # stale counts need no check here: FORGET_AFTER is far longer than CAP
        return 0.0 if count < free else last + min(self.CAP, 2.0 ** (count - free)) - self.clock()

    def _bumped(self, record: tuple[int, float]) -> tuple[int, float]:
        count, last = record
        now = self.clock()
        return (1 if now - last > self.FORGET_AFTER else count + 1), now

    def begin(self, name: str) -> None:
        """Allow one attempt for name now, or raise SignInThrottled."""
        key = self._key(name)
        with self._lock:
            wait = max(self._wait(self._names.get(key, (0, 0.0)), self.FREE),
                       self._wait(self._overall, self.FREE_OVERALL), 1.0 if key in self._busy else 0.0)
            if wait > 0:
                LOG.warning("Percobaan masuk ditolak, tunggu %d detik: nama=%r", math.ceil(wait), name[:100])
                raise SignInThrottled(math.ceil(wait))
            self._busy.add(key)

    def failure(self, name: str) -> int:
        """Count a failed attempt; returns the name's failures in a row."""
        key = self._key(name)
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
        key = self._key(name)
        with self._lock:
            self._busy.discard(key)
            self._names.pop(key, None)
            self._overall = (0, 0.0)

    def abandon(self, name: str) -> None:
        """End an attempt that failed for another reason (e.g. an unreadable users file)."""
        with self._lock:
            self._busy.discard(self._key(name))


THROTTLE = Throttle()
