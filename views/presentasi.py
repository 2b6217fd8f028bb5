"""Presentasi: projector-fit slides for apel koordinasi that advance by themselves; public figures only."""
import streamlit as st

from lib.screens import slideshow
from lib.ui import deck_view, presentation, state

state.show_in_public()  # shown to a hall: public-safe figures only, whatever the deployment
filters = state.current_filters()
presentation.presentation_style()


def downloads() -> None:
    deck_view.pptx_button(filters.until, filters.kabupaten, key="presentasi_pptx")
    current = deck_view.cached_deck(filters.until, filters.kabupaten).slides[presentation.position().index]
    deck_view.slide_image_buttons(current, key="presentasi_png")


interval = presentation.presentation_controls(downloads)


@st.fragment(run_every=interval if presentation.position().playing else None)
def show_slide() -> None:
    position = presentation.advance(interval)
    shown = deck_view.cached_deck(filters.until, filters.kabupaten)
    presentation.show_slide(shown.slides[position.index], position.index, len(slideshow.SLIDES),
                            presentation.progress_bar(position, interval))


show_slide()
