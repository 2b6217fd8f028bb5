"""The apel koordinasi slideshow: which slides, in what order, and when to advance (pure, testable)."""
from __future__ import annotations

from dataclasses import dataclass

from lib.data.queries import ISU_ORDER

SLIDES = ("pembuka", *ISU_ORDER, "konvergensi", "asuh", "penutup")  # the public deck (konvergensi: hotspots; asuh: orang tua asuh)
FOLLOW_UP = "tindak_lanjut"  # an internal deck's follow-up slide (cell notes), before the closing one


def slides(follow_up: bool = False) -> tuple[str, ...]:
    """The slides in order: the public deck, or with the follow-up slide before the closing one."""
    return (*SLIDES[:-1], FOLLOW_UP, SLIDES[-1]) if follow_up else SLIDES
INTERVALS = (10, 20, 30, 60)  # seconds a slide stays before the next one


@dataclass(frozen=True)
class Position:
    index: int = 0
    playing: bool = True
    shown_at: float = 0.0  # time.monotonic() when the current slide appeared

    @property
    def slide(self) -> str:
        """The name of the current slide (of the public deck)."""
        return SLIDES[self.index % len(SLIDES)]


def step(position: Position, delta: int, now: float, total: int = len(SLIDES)) -> Position:
    """Move delta slides (wrapping around a deck of `total`) and restart the slide's clock."""
    return Position(index=(position.index + delta) % total, playing=position.playing, shown_at=now)


def tick(position: Position, now: float, interval: float, total: int = len(SLIDES)) -> Position:
    """Advance by one when playing and the slide has been shown for `interval` seconds; else unchanged."""
    if position.playing and now - position.shown_at >= interval - 0.25:  # timers fire a little early
        return step(position, 1, now, total)
    return position


def shown_index(position: Position, total: int) -> int:
    """The slide to draw in a deck of `total` (the deck may have lost its follow-up slide since: signed out)."""
    return position.index % total


def toggle(position: Position, now: float) -> Position:
    """Pause, or resume with a fresh clock so the slide gets its full time."""
    return Position(index=position.index, playing=not position.playing, shown_at=now)
