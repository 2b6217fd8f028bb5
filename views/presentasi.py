"""Presentasi: full-screen slides for apel koordinasi that advance by themselves; public figures only."""
import streamlit as st

from lib import slides, ui

ui.show_in_public()  # shown to a hall: public-safe figures only, whatever the deployment
filters = ui.current_filters()
ui.presentation_style()
interval = ui.presentation_controls()


@st.fragment(run_every=interval if ui.deck().playing else None)
def show_slide() -> None:
    deck = ui.advance_deck(interval)
    headlines = ui.headlines(None, filters.until)
    if deck.slide == "pembuka":
        ui.opening_slide(headlines)
    elif deck.slide == "penutup":
        ui.closing_slide(ui.small_wins(filters.until))
    else:
        ui.isu_slide(deck.slide, headlines, ui.kabupaten_matrix(filters.until))
    ui.slide_footer(deck.index, len(slides.SLIDES))


show_slide()
