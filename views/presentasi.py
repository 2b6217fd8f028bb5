"""Presentasi: projector-fit slides for apel koordinasi that advance by themselves; public figures only (and,
for a signed-in user on an internal instance, the follow-up slide of cell notes: lib.ui.deck_view)."""
import streamlit as st

from lib.screens import slideshow
from lib.ui import deck_view, presentation, state

state.show_in_public()  # shown to a hall: public-safe figures only, whatever the deployment
filters = state.current_filters()
presentation.presentation_style()


total = len(deck_view.cached_deck(filters.until, filters.kabupaten).slides)


def downloads() -> None:
    deck_view.pptx_button(filters.until, filters.kabupaten, key="presentasi_pptx")
    slides = deck_view.cached_deck(filters.until, filters.kabupaten).slides
    current = slides[slideshow.shown_index(presentation.position(), len(slides))]
    deck_view.slide_image_buttons(current, key="presentasi_png")


interval = presentation.presentation_controls(downloads, total)


@st.fragment(run_every=interval if presentation.position().playing else None)
def show_slide() -> None:
    slides = deck_view.cached_deck(filters.until, filters.kabupaten).slides
    position = presentation.advance(interval, len(slides))
    index = slideshow.shown_index(position, len(slides))
    presentation.show_slide(slides[index], index, len(slides), presentation.progress_bar(position, interval))


show_slide()
