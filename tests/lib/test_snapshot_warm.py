"""Issue 21 item 5: a new snapshot is warmed before readers switch to it. The switching rule of
lib.db.snapshot_reader.Reader on a real record with a fake clock and a warm-up the test holds: the previous
snapshot is served until the new one is warm, then the new one; never longer than the bound; a newer
snapshot supersedes a warm-up; one warm-up at a time; a warming snapshot is never let go, the previous one is
let go once nobody reads it; a snapshot the process published itself is read as soon as it is warm.

`elsewhere` stands for a publication by another process (a CLI upload, another replica): the process's own
publication counter does not move, so the reader sees it at its next look (CHECK_SECONDS later)."""
from __future__ import annotations

import threading
import time

import pytest

from lib.db import snapshot, snapshot_reader
from lib.ingest import load as loading
from lib.ingest.validate import CleanRow

QUERY = "SELECT nilai FROM v_capaian WHERE indikator = 'ST-PREV' AND wilayah = '76.05' AND periode = '2023'"


def load_value(path, value: float, content: str) -> None:
    loading.load(path, [CleanRow(2, "ST-PREV", "76.05", "2023", value, "SKI 2023", None)], file_name="isian.csv",
                 content_hash=content, user_name="dinkes")


def elsewhere(path, clock, value: float, content: str) -> None:
    load_value(path, value, content)
    clock.now += snapshot_reader.CHECK_SECONDS


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class HeldWarmUp:
    """A warmer that records its calls and finishes only when the test lets it."""

    def __init__(self):
        self.calls: list[tuple[str, str]] = []
        self.wanted: dict[str, object] = {}
        self.release: dict[str, threading.Event] = {}
        self.running = self.most_at_once = 0
        self._lock = threading.Lock()

    def __call__(self, previous: str, version: str, wanted) -> None:
        with self._lock:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
            self.calls.append((previous, version))
            self.wanted[version] = wanted
            event = self.release.setdefault(version, threading.Event())
        event.wait(30)
        with self._lock:
            self.running -= 1

    def started(self, version: str) -> bool:
        return until(lambda: version in self.wanted)

    def finish(self, version: str) -> None:
        with self._lock:
            self.release.setdefault(version, threading.Event()).set()


def until(condition, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


@pytest.fixture
def gated(tiny_db, monkeypatch):
    monkeypatch.setattr(snapshot, "publications", lambda: 0)  # every publication is another process's
    clock, warmer = Clock(), HeldWarmUp()
    reader = snapshot_reader.Reader(tiny_db, clock=clock)
    reader.set_warmer(warmer, 20)
    yield reader, clock, warmer
    for event in list(warmer.release.values()):
        event.set()
    reader.close()


def test_the_previous_snapshot_is_served_until_the_new_one_is_warm_then_the_new_one(tiny_db, gated):
    reader, clock, warmer = gated
    first = reader.latest()
    elsewhere(tiny_db, clock, 38.2, "a")
    assert reader.latest() is first  # seen, being warmed: sessions still read the previous snapshot
    new = reader.pending()
    assert new is not None and new != first.version and warmer.started(new)
    assert warmer.calls == [(first.version, new)]
    assert reader.get(new).cursor().execute(QUERY).fetchall() == [(38.2,)]  # the warm-up reads the new one
    clock.now += 10  # past SETTLE_SECONDS and CHECK_SECONDS, within the bound: still warming, never let go
    assert reader.latest() is first
    assert reader.get(new) is not None and reader.get(new).path.exists()
    assert first.cursor().execute(QUERY).fetchall() == []
    warmer.finish(new)
    assert until(lambda: reader.latest().version == new)  # warm: the next run reads the new snapshot
    assert reader.latest().cursor().execute(QUERY).fetchall() == [(38.2,)]
    # The previous one is let go once nobody reads it and a page in progress had time to finish.
    clock.now += snapshot_reader.SETTLE_SECONDS
    reader.latest()
    assert reader.get(first.version) is None and not first.path.exists()


def test_readers_switch_after_the_bound_even_when_the_warm_up_has_not_finished(tiny_db, gated):
    reader, clock, warmer = gated
    first = reader.latest()
    elsewhere(tiny_db, clock, 38.2, "a")
    reader.latest()
    new = reader.pending()
    assert warmer.started(new)
    clock.now += 19.9
    assert reader.latest() is first
    clock.now += 0.1  # 20 s, the bound: never stall for ever
    assert reader.latest().version == new and reader.pending() is None
    assert warmer.wanted[new]() is False  # the warm-up stops at its next step
    held = first.cursor()  # a page still reading the previous snapshot keeps it
    clock.now += snapshot_reader.SETTLE_SECONDS
    reader.latest()
    assert reader.get(first.version) is first and first.path.exists()
    del held
    reader.latest()
    assert reader.get(first.version) is None


def test_a_newer_snapshot_supersedes_a_warm_up_and_warm_ups_run_one_at_a_time(tiny_db, gated):
    reader, clock, warmer = gated
    first = reader.latest()
    elsewhere(tiny_db, clock, 38.2, "a")
    reader.latest()
    second = reader.pending()
    assert warmer.started(second)
    second_handle = reader.get(second)
    elsewhere(tiny_db, clock, 39.0, "b")
    assert reader.latest() is first  # still the first: neither newer one is warm
    third = reader.pending()
    assert third not in (first.version, second)
    assert warmer.wanted[second]() is False  # superseded
    assert warmer.calls == [(first.version, second)]  # the second warm-up has not returned: no other starts
    clock.now += snapshot_reader.SETTLE_SECONDS
    reader.latest()
    assert reader.get(second) is None and not second_handle.path.exists()  # the superseded one is let go
    warmer.finish(second)
    assert warmer.started(third)
    assert warmer.calls == [(first.version, second), (first.version, third)] and warmer.most_at_once == 1
    assert reader.latest() is first
    warmer.finish(third)
    assert until(lambda: reader.latest().version == third)
    assert reader.latest().cursor().execute(QUERY).fetchall() == [(39.0,)]


def test_without_a_warmer_or_with_a_bound_of_0_readers_switch_at_once(tiny_db):
    reader = snapshot_reader.Reader(tiny_db)
    reader.set_warmer(HeldWarmUp(), 0)
    try:
        first = reader.latest()
        load_value(tiny_db, 38.2, "a")
        assert reader.latest() is not first and reader.pending() is None
    finally:
        reader.close()


def test_a_snapshot_this_process_published_is_read_by_its_next_run_once_warm(tiny_db):
    """Whoever uploaded on the Unggah page sees the upload: the process's next run waits for the warm-up."""
    warmed = []

    def warmer(previous, version, wanted):
        time.sleep(0.2)
        warmed.append(version)

    reader = snapshot_reader.Reader(tiny_db)
    reader.set_warmer(warmer, 20)
    try:
        first = reader.latest()
        load_value(tiny_db, 38.2, "a")  # published by this process
        handle = reader.latest()
        assert handle.version != first.version and warmed == [handle.version] and handle.warm
        assert handle.cursor().execute(QUERY).fetchall() == [(38.2,)]
    finally:
        reader.close()


def test_the_process_that_published_waits_no_longer_than_the_bound(tiny_db):
    warmer = HeldWarmUp()  # never finishes by itself
    reader = snapshot_reader.Reader(tiny_db)
    reader.set_warmer(warmer, 0.3)
    try:
        first = reader.latest()
        load_value(tiny_db, 38.2, "a")
        start = time.monotonic()
        handle = reader.latest()
        assert handle.version != first.version and not handle.warm and time.monotonic() - start < 10
    finally:
        for event in list(warmer.release.values()):
            event.set()
        reader.close()
