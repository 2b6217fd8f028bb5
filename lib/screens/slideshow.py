"""The apel koordinasi slideshow: which slides, in what order, and when to advance (pure, testable)."""
from __future__ import annotations

from dataclasses import dataclass

from lib.data.queries import ISU_ORDER

SLIDES = ("pembuka", *ISU_ORDER, "penutup")
INTERVALS = (10, 20, 30, 60)  # seconds a slide stays before the next one


@dataclass(frozen=True)
class Position:
    index: int = 0
    playing: bool = True
    shown_at: float = 0.0  # time.monotonic() when the current slide appeared

    @property
    def slide(self) -> str:
        """The name of the current slide."""
        return SLIDES[self.index]


def step(position: Position, delta: int, now: float) -> Position:
    """Move delta slides (wrapping around) and restart the slide's clock."""
    return Position(index=(position.index + delta) % len(SLIDES), playing=position.playing, shown_at=now)


def tick(position: Position, now: float, interval: float) -> Position:
    """Advance by one when playing and the slide has been shown for `interval` seconds; else unchanged."""
    if position.playing and now - position.shown_at >= interval - 0.25:  # timers fire a little early
        return step(position, 1, now)
    return position


def toggle(position: Position, now: float) -> Position:
    """Pause, or resume with a fresh clock so the slide gets its full time."""
    return Position(index=position.index, playing=not position.playing, shown_at=now)
