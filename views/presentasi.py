"""Presentasi: projector-fit slides for apel koordinasi that advance by themselves; public figures only."""
import streamlit as st

from lib import slides, ui

ui.show_in_public()  # shown to a hall: public-safe figures only, whatever the deployment
filters = ui.current_filters()
ui.presentation_style()


def downloads() -> None:
    ui.pptx_button(filters.until, filters.kabupaten, key="presentasi_pptx")
    current = ui.apel_deck(filters.until, filters.kabupaten).slides[ui.deck().index]
    ui.slide_image_buttons(current, key="presentasi_png")


interval = ui.presentation_controls(downloads)


@st.fragment(run_every=interval if ui.deck().playing else None)
def show_slide() -> None:
    deck = ui.advance_deck(interval)
    shown = ui.apel_deck(filters.until, filters.kabupaten)
    ui.show_slide(shown.slides[deck.index], deck.index, len(slides.SLIDES))


show_slide()
