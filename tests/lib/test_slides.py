"""The slideshow advances by itself only when playing and after its interval, and wraps around."""
from lib.screens import slideshow


def test_tick_advances_after_interval_only_when_playing():
    deck = slideshow.Position(index=0, playing=True, shown_at=100.0)
    assert slideshow.tick(deck, 105.0, 20).index == 0
    advanced = slideshow.tick(deck, 120.0, 20)
    assert advanced.index == 1 and advanced.shown_at == 120.0
    paused = slideshow.Position(index=0, playing=False, shown_at=100.0)
    assert slideshow.tick(paused, 500.0, 20).index == 0


def test_step_wraps_both_ways_and_toggle_restarts_clock():
    last = len(slideshow.SLIDES) - 1
    assert slideshow.step(slideshow.Position(index=last), 1, 0.0).index == 0
    assert slideshow.step(slideshow.Position(index=0), -1, 0.0).index == last
    resumed = slideshow.toggle(slideshow.Position(index=2, playing=False, shown_at=0.0), 50.0)
    assert resumed.playing and resumed.shown_at == 50.0 and resumed.index == 2


def test_slides_open_and_close_around_the_five_isu():
    assert slideshow.SLIDES == ("pembuka", "KE", "ST", "ATS", "PA", "INF", "konvergensi", "asuh", "penutup")
