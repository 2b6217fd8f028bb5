"""Warming a new snapshot before readers switch to it, so the first visitor after a publication finds its
page ready (issue 21 item 5).

When the process's Reader (lib.db.snapshot_reader) sees a newer snapshot, it keeps handing out the previous
one and calls warm() in its one background thread. warm() replays, for the new snapshot, the results the
process's visitors asked for on the previous one (lib.ui.result_store keeps them per snapshot, mode,
language and arguments, and counts how often each was asked for): most asked for first, so Ringkasan at
the filters most people use comes first, then the isu pages and the rest as visited. It calls the very
cached functions the pages call (lib.ui.state.WRAPPERS), in the mode and language the result was asked
in (public variants on a public deployment and for Presentasi), so what it warms is exactly what a
visitor's page asks for. It stops when a newer snapshot supersedes this one, when the Reader's bound
passed, or after half the bound of computing (the least visited results are then computed by the pages
that ask for them, as before). The Reader then switches.

The server log says "Salinan baca <versi> hangat: N hasil dalam S s" when a warm-up ends, and once per
snapshot "Salinan baca <versi>: hasil dihitung di luar pemanasan: <fungsi>" when a page had to compute a
result the warm-up had not (a page or filter nobody had visited before) — how an operator, a test and
bench/first_visit.py see that a page was served warm.
"""
from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable

from lib import config
from lib.db import snapshot_reader
from lib.db.connect import default_path
from lib.ui import result_store, state

LOGGER = logging.getLogger("monitor41.warm")
THREAD_NAME = "monitor41-warm"
_STARTED = threading.Lock()
_WARMED: set[str] = set()  # versions this process warmed (a miss on them is reported once)
_REPORTED: set[str] = set()
_BUDGET = [snapshot_reader.WARM_SECONDS / 2]  # seconds of computing per warm-up (half the Reader's bound)


def warm(previous: str | None, version: str, wanted: Callable[[], bool]) -> int:
    """Compute for `version` the results asked for on `previous` (most asked for first) until done,
    wanted() turns False or the budget (half the bound) is spent, so that readers switch well within the
    bound with the most visited pages warm; the number computed."""
    path = str(default_path())
    old, new = (path, previous), (path, version)
    keys = result_store.STORE.popular(lambda key: len(key) == 5 and key[1] == old)
    start, computed = time.monotonic(), 0
    for name, _, public, language, args in keys:
        if not wanted() or time.monotonic() - start >= _BUDGET[0]:
            break
        wrapper = state.WRAPPERS.get(name)
        if wrapper is None or result_store.STORE.has((name, new, public, language, args)):
            continue
        try:
            with state.warming(version, public, language):
                wrapper(*args)
        except state.SnapshotGone:
            break
        except Exception as exc:  # the page will compute it and show its own message
            LOGGER.warning("Pemanasan %s gagal untuk %s: %s", version, name, exc)
            continue
        computed += 1
    _WARMED.add(version)
    LOGGER.info("Salinan baca %s hangat: %d hasil dalam %.1f s%s.", version, computed, time.monotonic() - start,
                "" if wanted() else " (dihentikan)")
    return computed


def _note_miss(key: tuple) -> None:
    """Report once per warmed snapshot that a page computed a result the warm-up had not."""
    if threading.current_thread().name == THREAD_NAME or len(key) != 5:
        return
    version = key[1][1] if isinstance(key[1], tuple) else None
    if version in _WARMED and version not in _REPORTED:
        _REPORTED.add(version)
        LOGGER.info("Salinan baca %s: hasil dihitung di luar pemanasan: %s", version, key[0])


class _QuietWarmThread(logging.Filter):
    """Streamlit warns "missing ScriptRunContext" when a cached function runs outside a session: the
    warm-up thread does so on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != THREAD_NAME


def _show_log() -> None:
    """The snapshot and warm-up lines (INFO) in the server log, beside Streamlit's own."""
    for name in ("monitor41.snapshot", "monitor41.warm"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(_QuietWarmThread())


def start() -> None:
    """Gate the process's Reader on warm() (once per process; a served app only: AppTest and scripts
    switch at once). MONITOR41_WARM_SECONDS bounds the wait; 0 switches at once, without a warm-up."""
    from streamlit import runtime
    if not runtime.exists() or not _STARTED.acquire(blocking=False):
        return
    _show_log()
    try:
        seconds = float(config.get("MONITOR41_WARM_SECONDS"))
    except ValueError:
        seconds = snapshot_reader.WARM_SECONDS
        LOGGER.error("MONITOR41_WARM_SECONDS bukan angka; dipakai %.0f detik.", seconds)
    _BUDGET[0] = seconds / 2
    result_store.STORE.on_miss = _note_miss
    snapshot_reader.reader(default_path()).set_warmer(warm, seconds)
