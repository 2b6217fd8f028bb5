"""Cell notes in the app (issue 21): the reads of lib.data.notes on the published notes file, cached per file.

A note write publishes a new notes file and leaves the figures' snapshot and their caches alone
(lib.db.snapshot), so these reads key on the notes file's name (and the day: "lewat tenggat" changes at
midnight), never on the figures' version. Never in public mode: nothing is read there (and lib.db.snapshot
refuses the notes file in a public process); the Presentasi page is public too."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

from lib import config
from lib.data import notes
from lib.db import snapshot
from lib.db.connect import default_path
from lib.ui.state import public_mode


def shown() -> bool:
    """Whether notes may be shown on this run (not in public mode)."""
    return not public_mode()


def version() -> str | None:
    """The current notes file's name (None before the first note, or in public mode)."""
    return snapshot.read_notes_pointer(snapshot.folder(default_path())) if shown() else None


@st.cache_data(show_spinner=False, ttl=600, max_entries=500)
def _read(name: str, file: str | None, day: str, args: tuple):
    with snapshot.reading_notes(default_path()) as con:
        return getattr(notes, name)(con, *args)


def read(func: Callable, *args):
    """func (a function of lib.data.notes taking a connection first) on the current notes file, cached until a
    note is written; None in public mode."""
    if not shown():
        return None
    return _read(func.__name__, version(), date.today().isoformat(), args)


def forget() -> None:
    """After this session wrote a note: read afresh at once (the notes file name changes too, but a cached
    None from before the first note would otherwise linger for this day)."""
    _read.clear()


def internal_instance() -> bool:
    """Not a public deployment (MONITOR41_PUBLIC off), whatever the page: the Presentasi page marks itself
    public for its figures, yet a signed-in user's internal deck carries the follow-up slide (lib.ui.deck_view)."""
    return not config.get_flag("MONITOR41_PUBLIC")


def hall_version() -> str | None:
    """The notes file's name for an internal deck (None on a public deployment or before the first note)."""
    return snapshot.read_notes_pointer(snapshot.folder(default_path())) if internal_instance() else None


def read_for_deck(func: Callable, *args):
    """func on the current notes file for an internal deck (cached like read); None on a public deployment or
    before the first note. The caller decides who gets the deck (lib.ui.deck_view: signed in)."""
    name = hall_version()
    if name is None:
        return None
    return _read(func.__name__, name, date.today().isoformat(), args)
