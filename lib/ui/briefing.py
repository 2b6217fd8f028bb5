"""Ringkasan's sections (lib.screens.ringkasan), prepared once per snapshot, public mode, language and filters
and shared by every session (lib.ui.state.cached_display), and drawn: the isu cards, the kabupaten × isu
matrix (grid, and the list a phone shows) and the small wins."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import streamlit as st

from lib.screens import ringkasan
from lib.screens.cards import Card
from lib.ui.map_widgets import status_legend
from lib.ui.state import cached_display, lang, source, t
from lib.ui.status_display import draw_cards
from lib.ui.widgets import empty_state, prepared_chart, show_prepared


@cached_display
def caption(kabupaten: tuple[str, ...], until: date | None) -> str:
    """The line under the title: whose figures the cards show."""
    return ringkasan.caption(source(), kabupaten, until)


def headline_cards(kabupaten: tuple[str, ...], until: date | None, slot) -> None:
    """The five isu cards of the province (or of the one chosen kabupaten), after the five statuses in five
    lines that only a phone shows, drawn into `slot` (an st.empty) once computed: its placeholder stays until
    then. The container is keyed: lib.ui.responsive tightens it on laptop and projector screens."""
    single = ringkasan.single_kabupaten(kabupaten)
    shown, strip = _cards(single, until), _strip(single, until)
    with slot.container(key="ringkasan_kartu"):
        draw_cards(shown, strip=strip)


@cached_display
def _cards(single: str | None, until: date | None) -> tuple[Card, ...]:
    return ringkasan.headline_cards(source(), (single,) if single else (), until)


@cached_display
def _strip(single: str | None, until: date | None) -> str:
    return ringkasan.headline_strip(source(), (single,) if single else (), until)


def placeholders() -> tuple:
    """Two slots in the first screen, drawn at once as grey boxes of about the size of what comes (the
    since-apel lines and the five cards), so the page never stands blank and nothing jumps when the numbers
    arrive. Returns the two st.empty slots to draw into."""
    since, cards = st.empty(), st.empty()
    since.html('<div class="m41-wait m41-wait-since"></div>')
    cards.html('<div class="m41-wait-row">' + '<div class="m41-wait m41-wait-card"></div>' * 5 + '</div>')
    return since, cards


def status_matrix(until: date | None, kabupaten: tuple[str, ...]) -> None:
    """The kabupaten × isu matrix of the chosen kabupaten (all when none), its legend and caption, and the
    list that replaces it on a phone."""
    shown = _matrix(until, kabupaten)
    show_prepared(shown.chart)
    status_legend()
    st.caption(shown.caption)
    st.html(shown.list_html)


@cached_display
def _matrix(until: date | None, kabupaten: tuple[str, ...]) -> ringkasan.Matrix:
    matrix = ringkasan.matrix(source(), until, kabupaten)
    return replace(matrix, chart=prepared_chart(matrix.chart, lang()))


def wins_strip(until: date | None, kabupaten: tuple[str, ...]) -> None:
    """The small-wins strip of the chosen kabupaten (the province's when none)."""
    html = _wins_html(until, kabupaten)
    if html is None:
        empty_state(t("ringkasan.kemenangan_kosong"))
    else:
        st.html(html)


@cached_display
def _wins_html(until: date | None, kabupaten: tuple[str, ...]) -> str | None:
    return ringkasan.wins_html(source(), until, kabupaten)
