"""Finished results shared by every session of a process, handed out as cheap private copies.

st.cache_data unpickles a fresh copy of its value on every hit, and the screens then localise it and, in
public mode, mask it: together the largest part of a warm page run. This store keeps the finished value
(per snapshot, mode, language and arguments: lib.ui.state builds the key) and gives each caller a shallow
copy instead. pandas copy-on-write (the default since pandas 3) makes a shallow copy a private frame: a
caller that sets a column or a cell changes its copy, never the stored one or another session's.
"""
from __future__ import annotations

import copy
import dataclasses
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

import pandas as pd

T = TypeVar("T")


class Shared:
    """A value every session reads and none changes (a prepared chart spec): detached() hands it out as it
    is, without copying it."""

    __slots__ = ("value",)

    def __init__(self, value: object):
        self.value = value


def detached(value: T) -> T:
    """A copy of value that a caller may change freely: frames and series shallow-copied (copy-on-write),
    containers and dataclasses rebuilt around detached items; strings, numbers, dates and Shared values as
    they are."""
    if isinstance(value, pd.DataFrame | pd.Series):
        return value.copy(deep=False)
    if isinstance(value, tuple):
        items = [detached(item) for item in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, list):
        return [detached(item) for item in value]
    if isinstance(value, dict):
        return {key: detached(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        clone = copy.copy(value)
        for field in dataclasses.fields(value):
            object.__setattr__(clone, field.name, detached(getattr(value, field.name)))
        return clone
    return value


class Store:
    """A bounded, thread-safe map of finished results; entries expire after ttl seconds (like st.cache_data's
    ttl, so a result that depends on the day or on the users file is not kept for ever). It counts how often
    each entry was asked for (popular(): what a warm-up computes first for a new snapshot), and hits and
    misses overall."""

    def __init__(self, max_entries: int, ttl: float):
        self.max_entries, self.ttl = max_entries, ttl
        self._items: OrderedDict[tuple, list] = OrderedDict()  # key -> [stored at, value, times asked]
        self._lock = threading.Lock()
        self.hits = self.misses = 0
        self.on_miss: Callable[[tuple], None] | None = None  # told each key computed (lib.ui.warm)
        self.cache_clear = self.clear  # the name bench/bench.py's cold runs look for (as on functools caches)

    def get_or_compute(self, key: tuple, compute: Callable[[], T]) -> T:
        """The stored value of key (a private copy), computing and storing it when missing or expired. Two
        sessions missing the same key at once both compute it; the result is the same."""
        try:
            hash(key)
        except TypeError:  # an argument that cannot be a key (a list, a frame): no sharing
            return compute()
        now = time.monotonic()
        with self._lock:
            found = self._items.get(key)
            asked = found[2] + 1 if found is not None else 1
            if found is not None and now - found[0] < self.ttl:
                found[2] = asked
                self.hits += 1
                self._items.move_to_end(key)
                return detached(found[1])
            self.misses += 1
        if self.on_miss is not None:
            self.on_miss(key)
        value = compute()
        with self._lock:
            self._items[key] = [now, value, asked]
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)
        return detached(value)

    def has(self, key: tuple) -> bool:
        """Whether key holds a value that has not expired."""
        with self._lock:
            found = self._items.get(key)
            return found is not None and time.monotonic() - found[0] < self.ttl

    def popular(self, wanted: Callable[[tuple], bool]) -> list[tuple]:
        """The keys for which wanted(key) holds (expired ones too), most asked for first; among equals,
        those asked for least recently first (the order a page asks for them)."""
        with self._lock:
            keys = [(key, item[2]) for key, item in self._items.items() if wanted(key)]
        return [key for key, _ in sorted(keys, key=lambda pair: -pair[1])]

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._items.clear()


STORE = Store(max_entries=4000, ttl=600)
