"""The apel koordinasi slideshow: which slides, in what order, and when to advance (pure, testable)."""
from __future__ import annotations

from dataclasses import dataclass

from lib.data.queries import ISU_ORDER

SLIDES = ("pembuka", *ISU_ORDER, "penutup")
INTERVALS = (10, 20, 30, 60)  # seconds a slide stays before the next one


@dataclass(frozen=True)
class Deck:
    index: int = 0
    playing: bool = True
    shown_at: float = 0.0  # time.monotonic() when the current slide appeared

    @property
    def slide(self) -> str:
        """The name of the current slide."""
        return SLIDES[self.index]


def step(deck: Deck, delta: int, now: float) -> Deck:
    """Move delta slides (wrapping around) and restart the slide's clock."""
    return Deck(index=(deck.index + delta) % len(SLIDES), playing=deck.playing, shown_at=now)


def tick(deck: Deck, now: float, interval: float) -> Deck:
    """Advance by one when playing and the slide has been shown for `interval` seconds; else unchanged."""
    if deck.playing and now - deck.shown_at >= interval - 0.25:  # timers fire a little early
        return step(deck, 1, now)
    return deck


def toggle(deck: Deck, now: float) -> Deck:
    """Pause, or resume with a fresh clock so the slide gets its full time."""
    return Deck(index=deck.index, playing=not deck.playing, shown_at=now)
